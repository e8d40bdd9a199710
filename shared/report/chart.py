"""The report's problem chart: a PNG drawn by matplotlib in Sarabun, a Thai font that
a pinned Python package provides (fontpkg-sarabun, SIL OFL), so no machine's
fonts decide whether Thai shows as boxes ("tofu")."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path


@cache
def sarabun_path() -> Path:
    import fontpkg_sarabun

    return Path(fontpkg_sarabun.__file__).parent / "files" / "Sarabun-Regular.ttf"


def missing_glyphs(text: str) -> set[str]:
    """The characters of ``text`` the chart's font has no glyph for (spaces aside)."""
    from matplotlib.ft2font import FT2Font

    font = FT2Font(str(sarabun_path()))
    return {ch for ch in set(text) if not ch.isspace() and font.get_char_index(ord(ch)) == 0}


def problem_chart(bars: list[tuple[str, int, str]], title: str | None = None) -> bytes:
    """Horizontal bars, in the order given from the top, each labelled with its value text
    (already in the report's digits), with no axis of numbers to contradict it. Saved to
    the bounding box of everything drawn, so no label is cut at the image's edge."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    font_manager.fontManager.addfont(str(sarabun_path()))
    with plt.rc_context({"font.family": "Sarabun", "font.size": 13}):
        figure, axes = plt.subplots(figsize=(8, 0.55 * len(bars) + 1.2), dpi=150)
        labels = [label for label, _, _ in reversed(bars)]
        values = [value for _, value, _ in reversed(bars)]
        drawn = axes.barh(labels, values, color="#1a73e8")
        axes.bar_label(drawn, labels=[text for _, _, text in reversed(bars)], padding=3)
        if title:
            axes.set_title(title)
        axes.set_xticks([])
        axes.spines[["top", "right", "bottom"]].set_visible(False)
        axes.set_xlim(0, max([*values, 1]) * 1.15)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", bbox_inches="tight", pad_inches=0.1)
        plt.close(figure)
    return buffer.getvalue()
