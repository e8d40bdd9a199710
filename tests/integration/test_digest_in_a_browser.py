"""The digest as its readers see it: laid out by headless Chromium at a phone's,
a Gmail pane's and a desktop's width. Nothing may need sideways scrolling, and
every bar must be as long as its value says (within 2 px of proportional to the
base its ร้อยละ is of, so that a 30 % bar fills 30 % of its track)."""

import pytest

from devstack.browser import measure
from shared.digest.content import build_content
from shared.digest.render_html import render_html
from shared.domain.roster import RosterEntry
from tests.support.digest_data import data, lao
from tests.support.national import national_data

pytestmark = pytest.mark.reader
WIDTHS = (320, 375, 600, 1000)


@pytest.fixture(scope="module")
def pages():
    roster = [RosterEntry("TH-40", "เมือง", "sao", name, str(n)) for n, name in enumerate("กขคงจฉ")]
    small = data(laos=[lao("ก", problems=("too_many_forms", "training_unclear")), lao("ข"),
                       lao("ค", problems=("no_incumbent_executive",), status="reported_complete"),
                       lao("ไม่อยู่ในทะเบียนและมีชื่อยาวมากเป็นพิเศษจนต้องตัดบรรทัด")], roster=roster)
    return {"small": render_html(build_content(small)), "national": render_html(build_content(national_data()))}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", ["small", "national"])
def test_nothing_is_wider_than_the_screen(pages, page, width):
    layout = measure(pages[page], width)
    assert layout.viewport == width
    assert not layout.overflows, (layout.scroll_width, layout.widest_right)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_bar_is_drawn_in_proportion_to_its_value(pages, width):
    layout = measure(pages["national"], width)
    charts = {bar.chart for bar in layout.bars}
    assert charts == {"problems", "trend", "statuses", "not-reported"}
    for chart in charts:
        bars = [bar for bar in layout.bars if bar.chart == chart]
        for bar in bars:
            assert bar.track > 100, (chart, bar)  # a chart, not a sliver
            assert bar.scale >= max(b.value for b in bars), (chart, bar)
            assert abs(bar.fill - bar.track * bar.value / bar.scale) <= 2, (chart, width, bar)


def test_problem_and_status_bars_are_drawn_against_the_laos_reporting_their_percentages_are_of(pages):
    content = build_content(national_data())
    layout = measure(pages["national"], 375)
    for bar in layout.bars:
        if bar.chart in ("problems", "statuses"):
            assert bar.scale == content.laos_reporting, bar
