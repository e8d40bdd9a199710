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


def be_short_date(day: date, *, full_year: bool = False) -> str:
    """5 ม.ค. 67 (a subject line), or 5 ม.ค. 2567 (in the body)"""
    return str(thai_strftime(datetime.combine(day, time(12)), "%-d %b %Y" if full_year else "%-d %b %y"))


def day_month(day: date) -> str:
    """5 ม.ค."""
    return str(thai_strftime(datetime.combine(day, time(12)), "%-d %b"))


def be_time(moment: datetime) -> str:
    """09.30 น. (Bangkok time; official Thai writes the time with a full stop)"""
    return str(thai_strftime(moment.astimezone(BANGKOK), "%H.%M น."))


def be_datetime(moment: datetime) -> str:
    """5 มกราคม 2567 เวลา 09.30 น. (Bangkok time)"""
    return f"{be_date(moment.astimezone(BANGKOK).date())} เวลา {be_time(moment)}"


def be_short_datetime(moment: datetime) -> str:
    """5 ม.ค. 2567 เวลา 09.30 น."""
    return f"{be_short_date(moment.astimezone(BANGKOK).date(), full_year=True)} เวลา {be_time(moment)}"


def thai_sorted(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """Sorted by Thai dictionary order (เ แ โ ใ ไ do not sort after อ)."""
    items = list(items)
    rank = {text: index for index, text in enumerate(collate(sorted({name(i) for i in items})))}
    return sorted(items, key=lambda item: rank[name(item)])
