"""Wiring for integration tests: the real FirestoreStore and Forms client, on the
emulator and on our local Forms server."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from google.cloud import firestore

from devstack.forms_server import FormsServer, FormsState
from shared.adapters.firestore_store import FirestoreStore
from shared.adapters.forms_api import FormsApiGateway
from shared.services.mapping import MappingProvider
from tools.write_form_json import canonical_form

FORM_ID = "demo-form"


def demo_form() -> dict[str, Any]:
    form = canonical_form()
    form["formId"] = FORM_ID
    return form


@dataclass
class Stack:
    store: FirestoreStore
    forms: FormsApiGateway
    mappings: MappingProvider
    server: FormsServer

    @property
    def state(self) -> FormsState:
        return self.server.state

    def fresh_instance(self) -> Stack:
        """What another function instance would have: its own clients and caches."""
        store = FirestoreStore(firestore.Client(project=self.store._db.project), counter_shards=4)
        forms = FormsApiGateway(FORM_ID, endpoint=self.server.endpoint, page_size=50)
        return Stack(store, forms, MappingProvider(store, forms, ttl_seconds=3600), self.server)


def make_stack(project_id: str, form: dict[str, Any] | None = None) -> Stack:
    server = FormsServer(FormsState(copy.deepcopy(form or demo_form()))).start()
    store = FirestoreStore(firestore.Client(project=project_id), counter_shards=4)
    forms = FormsApiGateway(FORM_ID, endpoint=server.endpoint, page_size=50)
    return Stack(store, forms, MappingProvider(store, forms, ttl_seconds=3600), server)
