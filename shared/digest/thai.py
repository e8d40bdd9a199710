"""Thai presentation: Buddhist Era dates, Bangkok times, dictionary order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from typing import TypeVar

from pythainlp.util import collate, thai_strftime

from shared.domain.timestamps import BANGKOK

T = TypeVar("T")


def be_date(day: date) -> str:
    """5 มกราคม 2567"""
    return str(thai_strftime(datetime.combine(day, time(12)), "%-d %B %Y"))


def be_datetime(moment: datetime) -> str:
    """5 มกราคม 2567 เวลา 09:30 น. (Bangkok time)"""
    return str(thai_strftime(moment.astimezone(BANGKOK), "%-d %B %Y เวลา %H:%M น."))


def be_short_datetime(moment: datetime) -> str:
    """5 ม.ค. 67 09:30"""
    return str(thai_strftime(moment.astimezone(BANGKOK), "%-d %b %y %H:%M"))


def thai_sorted(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """Sorted by Thai dictionary order (เ แ โ ใ ไ do not sort after อ)."""
    items = list(items)
    rank = {text: index for index, text in enumerate(collate(sorted({name(i) for i in items})))}
    return sorted(items, key=lambda item: rank[name(item)])
