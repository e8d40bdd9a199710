"""What LAOs wrote, for the report: the recurring phrases of each free-text question,
each with two or three short verbatim quotations, people's names and contacts masked."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from shared.digest.model import WrittenText
from shared.digest.themes import themes
from shared.domain.text import mask_people

QUOTES = 3
THEMES = 5
_BEFORE, _AFTER = 40, 90


@dataclass(frozen=True)
class QuotedTheme:
    phrase: str
    texts: int  # how many of the texts read use it
    quotes: list[str]


@dataclass(frozen=True)
class WritingSection:
    question: str
    texts_read: int
    texts_total: int
    themes: list[QuotedTheme]


_QUESTIONS: list[tuple[str, Callable[[WrittenText], str]]] = [
    ("ปัญหาอื่น ๆ ที่ อปท. ระบุเอง", lambda t: t.other),
    ("รายละเอียดปัญหาและอุปสรรคเพิ่มเติม", lambda t: t.details),
    ("ข้อเสนอแนะ", lambda t: t.suggestions),
]


def written_sections(texts: list[WrittenText]) -> list[WritingSection]:
    sections = []
    for question, pick in _QUESTIONS:
        written = [(mask_people(pick(t), t.names), pick(t)) for t in texts if pick(t)]
        found = themes([original for _, original in written], limit=THEMES)
        quoted = [QuotedTheme(theme.phrase, theme.submissions, _quotes(theme.phrase, [m for m, _ in written]))
                  for theme in found.themes]
        sections.append(WritingSection(question, found.texts_read, found.texts_total, quoted))
    return sections


def _quotes(phrase: str, masked_texts: list[str]) -> list[str]:
    """Short windows of the texts around the phrase (spaces inside it may differ)."""
    pattern = re.compile(r"\s*".join(re.escape(ch) for ch in phrase.replace(" ", "")))
    quotes: list[str] = []
    for text in masked_texts:
        found = pattern.search(text)
        if not found:
            continue
        start, end = max(0, found.start() - _BEFORE), min(len(text), found.end() + _AFTER)
        quote = ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
        if quote not in quotes:
            quotes.append(quote)
        if len(quotes) == QUOTES:
            break
    return quotes
