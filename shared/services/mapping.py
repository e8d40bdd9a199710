"""Which questionId is which canonical question: resolved from the live form, kept,
and re-resolved only when there is a reason to (not on every notification)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from shared import logs
from shared.domain.form_mapping import FormMapping, resolve_mapping
from shared.ports import FormsGateway, MappingRecord


class MappingProvider:
    """Kept in memory for ``ttl_seconds`` and in Firestore for the other instances.

    Re-resolved on a SCHEMA event, when a response carries an unknown questionId,
    when reconcile sees a new ``revisionId``, or once the time limit has passed.
    """

    def __init__(self, store: MappingRecord, forms: FormsGateway, ttl_seconds: int) -> None:
        self._store = store
        self._forms = forms
        self._ttl = ttl_seconds
        self._mapping: FormMapping | None = None
        self._loaded_at = 0.0

    def current(self) -> FormMapping:
        if self._mapping is not None and time.monotonic() - self._loaded_at < self._ttl:
            return self._mapping
        stored = self._store.load_mapping()
        if stored is not None and stored.resolved_at is not None and _age(stored) < self._ttl:
            return self._keep(stored)
        return self.refresh()

    def refresh(self, form: dict[str, Any] | None = None) -> FormMapping:
        form = form if form is not None else self._forms.get_form()
        mapping = resolve_mapping(form, resolved_at=datetime.now(UTC))
        if mapping.broken:
            logs.error("form mapping broken: required questions not found on the live form",
                       form_id=mapping.form_id, revision_id=mapping.revision_id,
                       missing_titles=mapping.missing_required)
        elif mapping.degraded:
            # Option texts are the form's own wording, never a respondent's answer.
            logs.error("form mapping degraded: live options without a code; answers choosing them are held "
                       "invalid (option_unmapped) until an alias is added", form_id=mapping.form_id,
                       revision_id=mapping.revision_id, unmapped_options=mapping.unmapped_options)
        else:
            logs.info("form mapping resolved", form_id=mapping.form_id,
                      revision_id=mapping.revision_id, missing_optional=mapping.missing_optional)
        self._store.save_mapping(mapping)
        return self._keep(mapping)

    def refresh_if_revised(self, form: dict[str, Any]) -> FormMapping:
        current = self.current()
        if current.revision_id != form.get("revisionId") or current.broken or current.degraded:
            return self.refresh(form)
        return current

    def _keep(self, mapping: FormMapping) -> FormMapping:
        self._mapping, self._loaded_at = mapping, time.monotonic()
        return mapping


def _age(mapping: FormMapping) -> float:
    assert mapping.resolved_at is not None
    resolved = mapping.resolved_at
    if resolved.tzinfo is None:
        resolved = resolved.replace(tzinfo=UTC)
    return (datetime.now(UTC) - resolved).total_seconds()
