"""`python -m shared doctor`: is this deployment able to work, checked the way the
functions act (as the Forms reader identity, with the mail credential they use).

Read-only, except `--send-test`, which sends one short message to the sender's own
mailbox. Each check gives one line: ok, or FAILED with what failed and the fix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from shared.domain.auth_errors import oauth_client_project_number
from shared.domain.form_mapping import resolve_mapping
from shared.domain.watches import EVENT_TYPES, watch_problem
from shared.ports import FormsAccessDenied


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    fix: str = ""

    def line(self) -> str:
        return f"ok      {self.name}: {self.detail}" if self.ok else (
            f"FAILED  {self.name}: {self.detail} -> fix: {self.fix}")


class StoreProbe(Protocol):
    def ping(self) -> None: ...


class IndexProbe(Protocol):
    def probe_edited_query(self, day: date) -> None: ...


class FormsProbe(Protocol):
    def get_form(self) -> dict[str, Any]: ...

    def first_responses(self, count: int = 1) -> list[dict[str, Any]]: ...

    def list_watches(self) -> list[dict[str, Any]]: ...


class MailProbe(Protocol):
    def check_token(self) -> str: ...

    def send(self, raw_message: bytes) -> str: ...


@dataclass(frozen=True)
class OAuthClient:
    """A refresh-token credential's OAuth client, which must belong to this project."""

    purpose: str  # "Forms" or "Gmail"
    client_id: str


@dataclass(frozen=True)
class DoctorSetup:
    project: str
    form_id: str
    forms_identity: str  # who the form must be shared with
    sender: str
    oauth_clients: tuple[OAuthClient, ...] = ()
    project_number: Callable[[], str] | None = None


def run_checks(setup: DoctorSetup, store: StoreProbe, index: IndexProbe, forms: FormsProbe,
               mail: Callable[[], MailProbe], now: datetime,
               test_message: Callable[[], bytes] | None = None) -> Iterator[CheckResult]:
    """Every check, in the order an operator fixes things: storage, the form, the watches, mail."""
    def firestore_reachable() -> str:
        store.ping()
        return f"project {setup.project}"

    def index_ready() -> str:
        index.probe_edited_query(now.date())
        return "the edited-on-day query runs"

    yield _check("Firestore reachable", firestore_reachable,
                 "check GOOGLE_CLOUD_PROJECT, that `terraform apply` created the (default) database, "
                 "and that your account has roles/datastore.user")
    yield _check("digest index ready", index_ready,
                 "`terraform apply` creates google_firestore_index.edited_on_day; it builds in minutes "
                 "(gcloud firestore indexes composite list)")
    forms_fix = f"share the form with {setup.forms_identity} as editor; check FORM_ID ({setup.form_id})"
    form: dict[str, Any] = {}

    def get_form() -> str:
        form.update(forms.get_form())
        return f'"{form.get("info", {}).get("title", "")}", revision {form.get("revisionId")}'

    yield _check(f"forms.get as {setup.forms_identity}", get_form, forms_fix)
    yield _check(f"responses.list as {setup.forms_identity}",
                 lambda: f"{len(forms.first_responses(1))} response(s) on the first page of one", forms_fix)
    yield mapping_check(form)
    yield from _watch_checks(forms, now)
    yield from _oauth_client_checks(setup)
    mailer: list[MailProbe] = []

    def token() -> str:
        mailer.append(mail())
        return mailer[0].check_token()

    yield _check("gmail.send token", token, "see the detail; README, Deploying, step 6")
    if test_message is not None:
        yield _check(f"test message to {setup.sender}",
                     lambda: f"sent (Gmail id {(mailer[0] if mailer else mail()).send(test_message())})",
                     "fix the gmail.send token first; DIGEST_SENDER must be the mailbox the credential sends as")


def _check(name: str, run: Callable[[], str], fix: str) -> CheckResult:
    try:
        return CheckResult(name, True, run())
    except FormsAccessDenied:
        return CheckResult(name, False, "403 PERMISSION_DENIED: the form is not shared with this identity as editor",
                           fix)
    except Exception as exc:  # a diagnosis reports every failure; nothing is retried or hidden
        return CheckResult(name, False, _describe(exc), fix)


def _describe(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return f"{exc.__class__.__name__}: {text[:300]}" if text else exc.__class__.__name__


def mapping_check(form: dict[str, Any]) -> CheckResult:
    name = "question mapping"
    if not form:
        return CheckResult(name, False, "not checked: forms.get failed", "fix forms.get first")
    mapping = resolve_mapping(form)
    if mapping.broken:
        return CheckResult(name, False, "required questions missing: " + "; ".join(mapping.missing_required),
                           "`python -m shared check-form` shows each; restore the titles on the form")
    if mapping.degraded:
        options = "; ".join(f'{key}: "{text}"' for key, texts in mapping.unmapped_options.items() for text in texts)
        return CheckResult(name, False, f"options without a code (reworded on the form?): {options}",
                           "add them to OPTION_ALIASES in shared/domain/form_schema.py (or restore the wording), "
                           "deploy, then `python -m shared reconcile --reprocess-invalid`")
    return CheckResult(name, True, f"complete ({len(mapping.questions)} questions resolved)")


def _watch_checks(forms: FormsProbe, now: datetime) -> Iterator[CheckResult]:
    fix = ("`python -m shared watch ensure` (or run the watch-renewal job); a SUSPENDED watch lost "
           "its owner's edit access: share the form as editor first")
    try:
        watches = {w.get("eventType"): w for w in forms.list_watches()}
    except Exception as exc:
        for event_type in EVENT_TYPES:
            yield CheckResult(f"watch {event_type}", False, _describe(exc), fix)
        return
    for event_type in EVENT_TYPES:
        watch = watches.get(event_type)
        problem = watch_problem(watch, now)
        if problem is not None or watch is None:
            yield CheckResult(f"watch {event_type}", False, problem or "no watch", fix)
        else:
            yield CheckResult(f"watch {event_type}", True, f"ACTIVE, expires {watch['expireTime']}")


def _oauth_client_checks(setup: DoctorSetup) -> Iterator[CheckResult]:
    for client in setup.oauth_clients:
        name = f"{client.purpose} OAuth client belongs to {setup.project}"

        def compare(client: OAuthClient = client) -> str:
            named = oauth_client_project_number(client.client_id)
            actual = setup.project_number() if setup.project_number else None
            if named is None or named != actual:
                raise ValueError(f"client {client.client_id} is of project number {named}, this project is {actual}")
            return f"project number {actual}"

        yield _check(name, compare, f"create an OAuth client in {setup.project} (APIs & Services > Credentials), "
                                    "sign in again with it, and store its id and the new refresh token; a watch "
                                    "may only publish to a topic of its client's project")
