"""Wiring of the digest: its own module, so the ingest function never loads it."""

from __future__ import annotations

from dataclasses import dataclass

from shared.adapters.firestore_digest import FirestoreDigestLedger, FirestoreDigestReader
from shared.adapters.firestore_store import firestore_client
from shared.adapters.gmail_api import GmailMailer, gmail_credentials
from shared.config import DigestSettings
from shared.digest.service import Addressing


@dataclass(frozen=True)
class DigestComponents:
    settings: DigestSettings
    reader: FirestoreDigestReader
    ledger: FirestoreDigestLedger
    addressing: Addressing

    def mailer(self) -> GmailMailer:
        """Built only when sending: writing an outbox needs no mail credentials."""
        return GmailMailer(gmail_credentials(self.settings), self.settings.gmail_api_endpoint,
                           self.settings.gmail_timeout_seconds, self.settings.gmail_ca_certs)


def digest_components() -> DigestComponents:
    settings = DigestSettings()
    client = firestore_client(settings.google_cloud_project)
    addressing = Addressing(settings.digest_sender, settings.recipients, settings.digest_include_contacts,
                            reply_to=settings.digest_reply_to, contact=settings.digest_contact,
                            form_id=settings.form_id)
    return DigestComponents(settings, FirestoreDigestReader(client), FirestoreDigestLedger(client), addressing)
