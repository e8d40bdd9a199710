"""Streaming a query's documents as plain dicts, fast.

The public path (DocumentSnapshot.to_dict) decodes every value through
proto-plus wrappers: about 280 microseconds a document of eight fields on this
machine. Reading the raw protobufs of the same RunQuery stream costs a third of
that (0.77 s instead of 2.5 s for 7,850 LAO documents), which is what keeps the
digest within its time budget. Only the digest's bulk reads use this.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from typing import Any

from google.cloud import firestore


def stream_dicts(client: firestore.Client, query: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """(document id, fields) for each document the query returns."""
    request = {"parent": f"{client._database_string}/documents", "structured_query": query._to_protobuf()}
    for response in client._firestore_api.run_query(request=request, metadata=client._rpc_metadata):
        raw = response._pb
        if raw.HasField("document"):
            yield raw.document.name.rpartition("/")[2], {k: _value(v) for k, v in raw.document.fields.items()}


def _value(value: Any) -> Any:
    kind = value.WhichOneof("value_type")
    if kind == "array_value":
        return [_value(v) for v in value.array_value.values]
    if kind == "map_value":
        return {k: _value(v) for k, v in value.map_value.fields.items()}
    if kind == "timestamp_value":
        return value.timestamp_value.ToDatetime(tzinfo=UTC)
    if kind == "null_value":
        return None
    return getattr(value, kind)
