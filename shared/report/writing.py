"""What LAOs wrote, for the report: the sentences most LAOs wrote in each free-text
question, as they wrote them, people's names and contacts masked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from shared.digest.model import WrittenText
from shared.domain.sentence_themes import Answer, SentenceTheme, sentence_themes

THEMES = 5


@dataclass(frozen=True)
class WritingSection:
    question: str
    answers: int  # the answers read
    authors: int  # the LAOs that wrote something
    themes: list[SentenceTheme]


_QUESTIONS: list[tuple[str, Callable[[WrittenText], str]]] = [
    ("ปัญหาอื่น ๆ ที่ อปท. ระบุเอง", lambda t: t.other),
    ("รายละเอียดปัญหาและอุปสรรคเพิ่มเติม", lambda t: t.details),
    ("ข้อเสนอแนะ", lambda t: t.suggestions),
]


def written_sections(texts: list[WrittenText]) -> list[WritingSection]:
    sections = []
    for question, pick in _QUESTIONS:
        found = sentence_themes((Answer(t.author, pick(t), t.names) for t in texts if pick(t)), limit=THEMES)
        sections.append(WritingSection(question, found.answers, found.authors, found.themes))
    return sections
