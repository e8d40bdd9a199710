"""The Firestore emulator's own ceiling, measured in the same run as what is compared
with it: the same number of documents written as single writes, as single-document
transactions (a read and a write, what any read-modify-write costs at the least) and
as batches of 500, from one thread, into a project of their own; then read back by
one query, the baseline of everything that reads."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from google.cloud import firestore


@dataclass(frozen=True)
class Ceiling:
    documents: int
    single_write_seconds: float
    transaction_seconds: float
    batch_seconds: float
    read_seconds: float

    def per_second(self, seconds: float) -> float:
        return self.documents / seconds

    @property
    def transaction_seconds_each(self) -> float:
        return self.transaction_seconds / self.documents

    @property
    def reads_per_second(self) -> float:
        return self.documents / self.read_seconds


def measure_ceiling(documents: int) -> Ceiling:
    client = firestore.Client(project=f"bench-ceiling-{uuid.uuid4().hex[:8]}")
    body = {"response_id": "x", "problems": ["too_many_forms", "training_unclear"], "province": "TH-40",
            "last_submitted_ns": 1_700_000_000_000_000_000, "text": "ระบบรายงาน" * 20}

    singles = client.collection("single")
    started = time.perf_counter()
    for n in range(documents):
        singles.document(f"d{n:06d}").set({**body, "n": n})
    single_write = time.perf_counter() - started

    transactions = client.collection("transaction")

    @firestore.transactional
    def read_then_write(transaction: firestore.Transaction, ref: firestore.DocumentReference, n: int) -> None:
        ref.get(transaction=transaction)
        transaction.set(ref, {**body, "n": n})

    started = time.perf_counter()
    for n in range(documents):
        read_then_write(client.transaction(), transactions.document(f"d{n:06d}"), n)
    transaction = time.perf_counter() - started

    batches = client.collection("batch")
    started = time.perf_counter()
    for first in range(0, documents, 500):
        batch = client.batch()
        for n in range(first, min(first + 500, documents)):
            batch.set(batches.document(f"d{n:06d}"), {**body, "n": n})
        batch.commit()
    batched = time.perf_counter() - started

    started = time.perf_counter()
    read = sum(1 for _ in singles.stream())
    assert read == documents
    return Ceiling(documents, single_write, transaction, batched, time.perf_counter() - started)
