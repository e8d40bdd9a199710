"""Keeping the Forms watches alive: RESPONSES (new and edited submissions) and
SCHEMA (the form was edited). A watch lives 7 days; renewing resets that."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shared import logs
from shared.domain.watches import EVENT_TYPES, WatchStep, next_step
from shared.ports import WatchAlreadyExists, WatchGateway, WatchNotFound, WatchRecorder


@dataclass(frozen=True)
class WatchAction:
    event_type: str
    action: str  # a WatchStep, or "found" (created meanwhile by another run)
    watch: dict[str, Any]


def _create(gateway: WatchGateway, event_type: str, topic: str, action: str) -> WatchAction:
    try:
        return WatchAction(event_type, action, gateway.create_watch(event_type, topic))
    except WatchAlreadyExists:
        # Another run (or the operator) created it since we listed: one per type is allowed, so use it.
        existing = [w for w in gateway.list_watches() if w.get("eventType") == event_type]
        if not existing:
            raise
        return WatchAction(event_type, "found", existing[0])


def ensure_watches(gateway: WatchGateway, recorder: WatchRecorder, topic: str, now: datetime) -> list[WatchAction]:
    """Create what is missing, renew what expires within 48 hours, recreate what
    has expired or is suspended; record the outcome for the digest and the operator."""
    existing = {w.get("eventType"): w for w in gateway.list_watches()}
    actions = []
    for event_type in EVENT_TYPES:
        watch = existing.get(event_type)
        step = next_step(watch, now)
        if watch is None:
            actions.append(_create(gateway, event_type, topic, WatchStep.CREATE))
        elif step is WatchStep.KEEP:
            actions.append(WatchAction(event_type, step, watch))
        elif step is WatchStep.RENEW:
            try:
                actions.append(WatchAction(event_type, step, gateway.renew_watch(watch["id"])))
            except WatchNotFound:
                actions.append(_create(gateway, event_type, topic, WatchStep.RECREATE))
        else:
            with contextlib.suppress(WatchNotFound):
                gateway.delete_watch(watch["id"])
            actions.append(_create(gateway, event_type, topic, WatchStep.RECREATE))
    recorder.record_watches({
        a.event_type: {
            "watch_id": a.watch.get("id"), "state": a.watch.get("state"), "expire_time": a.watch.get("expireTime"),
            "error_type": a.watch.get("errorType"), "last_action": a.action, "checked_at": now,
            "previous_error_type": (existing.get(a.event_type) or {}).get("errorType"),
        }
        for a in actions
    })
    for a in actions:
        logs.log("WARNING" if a.action == "recreated" else "INFO", f"watch {a.action}", event_type=a.event_type,
                 watch_id=a.watch.get("id"), expire_time=a.watch.get("expireTime"),
                 previous_error_type=(existing.get(a.event_type) or {}).get("errorType"))
    return actions
