"""The phrases that recur in what officers wrote: a short "themes" list.

Thai has no spaces between words, so the text is cut into words with
pythainlp's dictionary tokeniser (newmm), Thai stop words are dropped, and
single words and pairs of neighbouring words are counted once per submission.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from shared.domain.text import mask_contacts

MIN_SUBMISSIONS = 2  # a phrase one officer wrote once is not a theme
# Dictionary tokenising runs at about 250,000 characters a second: on a national-
# scale day (2,000 texts of up to 5,000 characters) the whole would take a minute,
# so the themes are read from the first characters of the first texts, and say so.
MAX_TEXTS = 250
MAX_CHARS = 300


@dataclass(frozen=True)
class Theme:
    phrase: str
    submissions: int  # how many of the texts read use it


@dataclass(frozen=True)
class Themes:
    themes: list[Theme]
    texts_read: int
    texts_total: int

    @property
    def sampled(self) -> bool:
        return self.texts_read < self.texts_total


@cache
def _stop_words() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    # Words that carry no theme in this form's context, on top of the general list.
    return frozenset(thai_stopwords()) | {"ปัญหา", "ระบบ", "ข้อมูล", "อปท", "ดำเนินการ", "ทำให้", "สามารถ"}


def _words(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    stop = _stop_words()
    return [w for w in word_tokenize(mask_contacts(text), engine="newmm", keep_whitespace=False)
            if len(w) > 1 and w not in stop and any(c.isalpha() for c in w) and not w.startswith("[")]


def _join(first: str, second: str) -> str:
    """Thai words run together; a Latin word (KPI, ITA) keeps a space on either side."""
    thai = all("\u0e00" <= ch <= "\u0e7f" for ch in first[-1] + second[0])
    return first + second if thai else f"{first} {second}"


def themes(texts: Iterable[str], limit: int = 8) -> Themes:
    all_texts = list(texts)
    read = all_texts[:MAX_TEXTS]
    counts: Counter[str] = Counter()
    for text in read:
        words = _words(text[:MAX_CHARS])
        pairs = {_join(a, b) for a, b in pairwise(words)}
        counts.update(set(words) | pairs)
    ranked = sorted(((p, n) for p, n in counts.items() if n >= MIN_SUBMISSIONS),
                    key=lambda item: (-item[1], -len(item[0]), item[0]))
    chosen: list[Theme] = []
    for phrase, n in ranked:
        # A word inside an already chosen, equally frequent pair adds nothing.
        if any(phrase in theme.phrase and n == theme.submissions for theme in chosen):
            continue
        chosen.append(Theme(phrase, n))
        if len(chosen) == limit:
            break
    return Themes(chosen, len(read), len(all_texts))
