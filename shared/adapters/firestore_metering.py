"""Documents read and written through a Firestore client, counted as Firestore bills them.

Firestore charges a read for each document a lookup or query returns (a missing
document looked up by id too), and a write for each document a commit writes
(https://cloud.google.com/firestore/pricing). Counting at the three RPCs every
read and write of the client passes through (BatchGetDocuments, RunQuery and
Commit; a query that returns nothing as the one read it is billed; an aggregation
as one read per result) counts every call site
of our adapters, and nothing else, without touching them.

This reaches into the client's private ``_firestore_api`` (the GAPIC client it
builds on first use, google-cloud-firestore 2.x); it is fenced off here, and
tests/integration/test_firestore_metering.py pins the counts against the emulator.

Counts are kept per context (one notification, one CLI run) and per process.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from google.cloud import firestore


@dataclass
class DocumentCounts:
    read: int = 0
    written: int = 0


_current: ContextVar[DocumentCounts | None] = ContextVar("firestore_document_counts", default=None)
_lock = threading.Lock()
process_total = DocumentCounts()  # every document this process read or wrote through a metered client


@contextmanager
def counting() -> Iterator[DocumentCounts]:
    """The documents read and written inside the block (on this thread's context)."""
    counts = DocumentCounts()
    token = _current.set(counts)
    try:
        yield counts
    finally:
        _current.reset(token)


def _add(read: int = 0, written: int = 0) -> None:
    with _lock:
        process_total.read += read
        process_total.written += written
        if (counts := _current.get()) is not None:
            counts.read += read
            counts.written += written


def meter(client: firestore.Client) -> firestore.Client:
    """Count what ``client`` reads and writes from now on; idempotent."""
    api = client._firestore_api
    if getattr(api, "_metered", False):
        return client
    # On the raw protobuf: proto-plus field access would cost the digest's bulk reads a tenth of a second.
    api.batch_get_documents = _streaming(api.batch_get_documents, lambda r: r._pb.WhichOneof("result") is not None)
    # "a minimum charge of one document read for each query ... even if the query returns no results"
    api.run_query = _streaming(api.run_query, lambda r: r._pb.HasField("document"), minimum=1)
    api.run_aggregation_query = _streaming(api.run_aggregation_query, lambda r: r._pb.HasField("result"))
    commit = api.commit

    def counted_commit(*args: Any, request: Any = None, **kwargs: Any) -> Any:
        answer = commit(*args, request=request, **kwargs)
        writes = request.get("writes") if isinstance(request, dict) else getattr(request, "writes", None)
        _add(written=len(writes or ()))
        return answer

    api.commit = counted_commit
    api._metered = True
    return client


def _streaming(method: Callable[..., Any], is_document: Callable[[Any], bool],
               minimum: int = 0) -> Callable[..., Iterator[Any]]:
    def counted(*args: Any, **kwargs: Any) -> Iterator[Any]:
        documents = 0
        for response in method(*args, **kwargs):
            if is_document(response):
                documents += 1
                _add(read=1)
            yield response
        if documents < minimum:
            _add(read=minimum - documents)

    return counted
