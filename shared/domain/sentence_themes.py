"""What LAOs wrote, as themes: whole sentences, grouped when near-identical.

A theme is one sentence exactly as an LAO wrote it (people's names and contacts
masked), with the number of LAOs that wrote it or something near-identical. No
word is dropped, so a theme never loses a negation: "ไม่แน่ใจว่าต้องใช้คะแนน ITA
ส่วนใด" stays itself, and two sentences that differ in a negation (ไม่, ยังไม่,
ไม่ได้, มิได้...) are never grouped. Near-identical means the same once spacing,
zero-width characters, Thai digits, punctuation and a closing polite particle are
normalised away, or character-trigram similarity of at least ``SIMILAR`` between
sentences of the same negation count. Candidates are compared only within blocks
that share a normalised opening or ending, and within a large block only with their
sorted neighbours, so the work grows linearly (`python -m benchmarks.themes`:
10,000 answers).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from shared.domain.text import mask_people

SIMILAR = 0.85  # trigram Jaccard between two wordings of one sentence
MIN_LAOS = 2  # a sentence one LAO wrote is not yet a theme
MIN_LETTERS = 8  # shorter pieces ("ไม่มี", "-", "ดี") say nothing on their own
MAX_CHARS = 300  # longer pieces are paragraphs, not a sentence a reader takes in at a glance
BLOCK = 8  # characters of the normalised opening and ending that block candidates
WINDOW = 10  # within a block, each sentence is compared with its sorted neighbours only

# A negation changes what a sentence says: every comparison keeps them.
NEGATIONS = ("ไม่", "มิได้", "มิใช่", "ห้าม")
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Where one sentence ends and another begins: a line break, "!", "?" or ";", or a list
# marker ("1.", "2)", "-", "•") at the start of a line or after a space. Not a full stop:
# Thai abbreviations end in one (อปท., ก.ถ., อบต.) and a Thai sentence rarely does.
_BREAK = re.compile(r"\n+|(?<=[!?;])\s+|(?:^|\s)(?:\(?[0-9๐-๙]{1,2}[.)]|[-•*●])\s+")
_POLITE_END = re.compile(r"(?:นะ)?(?:ครับ|ค่ะ|คะ|จ้ะ|จ้า)$")
_PUNCTUATION = re.compile(r"[\s\"'“”‘’.,!?;:()\[\]…ๆฯ-]+")


@dataclass(frozen=True)
class Answer:
    """One free-text answer: who wrote it (the LAO, or the response when unknown), and what."""

    author: str
    text: str
    names: tuple[str, ...] = ()  # the respondent's own name: masked wherever it appears


@dataclass(frozen=True)
class SentenceTheme:
    sentence: str  # as one LAO wrote it, names and contacts masked
    laos: int  # how many LAOs wrote it or a near-identical sentence
    wordings: int  # how many different wordings were grouped into it


@dataclass(frozen=True)
class SentenceThemes:
    themes: list[SentenceTheme]
    answers: int  # the answers read
    authors: int  # the LAOs that wrote anything


@dataclass
class _Group:
    authors: set[str] = field(default_factory=set)
    wordings: Counter[str] = field(default_factory=Counter)


def sentences(text: str) -> list[str]:
    """The sentences of one answer, as written; pieces too short to say anything are left out."""
    pieces = (piece.strip(" \t-•*●") for piece in _BREAK.split(unicodedata.normalize("NFC", text)))
    return [piece for piece in pieces if len(piece) <= MAX_CHARS and _says_something(piece)]


def _says_something(piece: str) -> bool:
    letters = 0
    for ch in piece:
        letters += ch.isalpha()
        if letters >= MIN_LETTERS:
            return True
    return False


def normalised(sentence: str) -> str:
    """The sentence as compared: no spacing, zero-width characters, punctuation or closing
    polite particle; Arabic digits; Latin in lower case."""
    text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", sentence)).translate(_THAI_DIGITS).lower()
    return _POLITE_END.sub("", _PUNCTUATION.sub("", text))


def negations(key: str) -> tuple[int, ...]:
    return tuple(key.count(word) for word in NEGATIONS)


def _trigrams(key: str) -> frozenset[str]:
    return frozenset(key[i:i + 3] for i in range(max(len(key) - 2, 1)))


def similar(a: str, b: str) -> bool:
    """Two normalised sentences are one theme: the same negations and nearly the same trigrams."""
    return negations(a) == negations(b) and _close(_trigrams(a), _trigrams(b))


def _close(ta: frozenset[str], tb: frozenset[str]) -> bool:
    # Jaccard ≥ SIMILAR needs the smaller set to be at least SIMILAR of the larger: checked first.
    small, large = sorted((len(ta), len(tb)))
    return small >= SIMILAR * large and len(ta & tb) >= SIMILAR * len(ta | tb)


def sentence_themes(answers: Iterable[Answer], limit: int = 5) -> SentenceThemes:
    """The sentences most LAOs wrote, ranked by the number of LAOs."""
    groups: dict[str, _Group] = defaultdict(_Group)
    read = 0
    authors: set[str] = set()
    for answer in answers:
        read += 1
        for sentence in sentences(mask_people(answer.text, answer.names)):
            if key := normalised(sentence):
                groups[key].authors.add(answer.author)
                groups[key].wordings[sentence] += 1
                authors.add(answer.author)
    merged = _merge_near_identical(groups)
    themes = [SentenceTheme(_representative(g), len(g.authors), len(g.wordings)) for g in merged
              if len(g.authors) >= MIN_LAOS]
    themes.sort(key=lambda t: (-t.laos, t.sentence))
    return SentenceThemes(themes[:limit], read, len(authors))


def _merge_near_identical(groups: dict[str, _Group]) -> list[_Group]:
    parent = {key: key for key in groups}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    # Negations are part of every block's key: sentences that differ in one never meet. A
    # block of shared openings is sorted on the text, one of shared endings on the reversed
    # text, so that near-identical sentences are neighbours in both.
    starts: dict[tuple[object, ...], list[str]] = defaultdict(list)
    ends: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for key in groups:
        starts[(negations(key), key[:BLOCK])].append(key)
        ends[(negations(key), key[-BLOCK:])].append(key)
    trigrams = {key: _trigrams(key) for key in groups}
    ordered = [sorted(m) for m in starts.values()] + [sorted(m, key=lambda k: k[::-1]) for m in ends.values()]
    for members in ordered:
        for i, a in enumerate(members):
            for b in members[i + 1:i + 1 + WINDOW]:
                ra, rb = root(a), root(b)
                # Against each group's first sentence, not any member: no drift along a chain.
                if ra != rb and _close(trigrams[ra], trigrams[rb]):
                    parent[rb] = ra
    merged: dict[str, _Group] = defaultdict(_Group)
    for key, group in groups.items():
        target = merged[root(key)]
        target.authors |= group.authors
        target.wordings.update(group.wordings)
    return list(merged.values())


def _representative(group: _Group) -> str:
    """The wording most often written; between equals, the shortest, then the first in order."""
    return min(group.wordings.items(), key=lambda item: (-item[1], len(item[0]), item[0]))[0]
