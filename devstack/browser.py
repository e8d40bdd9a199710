"""The digest as a reader meets it: laid out by a real browser (Debian's headless
Chromium) at a given width, measured, and photographed.

Measuring needs no browser-automation library: a small wrapper page frames the
digest, writes its measurements into its own DOM, and `--dump-dom` prints that
DOM once the page has loaded.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
          "--disable-dev-shm-usage", "--virtual-time-budget=3000", "--force-device-scale-factor=1"]

# Chromium keeps a headless window at least 500 px wide, so a phone-width page is
# laid out in an iframe of that width, which is the page's viewport (its media
# queries see that width). The wrapper measures the frame once it has loaded.
_WRAPPER = """<!doctype html><html><body style="margin:0">
<iframe id="page" src="page.html" style="width:{width}px;height:900px;border:0"></iframe>
<script>
document.getElementById('page').onload = function () {{
  var win = this.contentWindow, doc = this.contentDocument, root = doc.documentElement;
  var bars = Array.prototype.map.call(doc.querySelectorAll('[data-chart]'), function (track) {{
    var fill = track.firstElementChild;
    return {{chart: track.getAttribute('data-chart'), value: Number(track.getAttribute('data-value')),
            scale: Number(track.getAttribute('data-scale')),
            track: track.getBoundingClientRect().width, fill: fill ? fill.getBoundingClientRect().width : 0}};
  }});
  var widest = 0;
  Array.prototype.forEach.call(doc.querySelectorAll('body *'), function (el) {{
    widest = Math.max(widest, el.getBoundingClientRect().right);
  }});
  var out = document.createElement('pre');
  out.id = 'measure';
  out.textContent = JSON.stringify({{viewport: win.innerWidth, scroll_width: root.scrollWidth,
                                    height: root.scrollHeight, widest_right: widest, bars: bars}});
  document.body.appendChild(out);
}};
</script></body></html>
"""


class BrowserMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class BarBox:
    chart: str
    value: int
    scale: int  # what a full bar stands for
    track: float
    fill: float


@dataclass(frozen=True)
class Layout:
    viewport: int
    scroll_width: int
    height: int
    widest_right: float
    bars: list[BarBox]

    @property
    def overflows(self) -> bool:
        """Anything wider than the screen: the reader would have to scroll sideways."""
        return self.scroll_width > self.viewport or self.widest_right > self.viewport + 0.5


def chromium() -> str:
    for name in CANDIDATES:
        if path := shutil.which(name):
            return path
    raise BrowserMissing("headless Chromium is not installed: apt-get install chromium fonts-thai-tlwg")


def _run(args: list[str], timeout: float = 90) -> str:
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        result = subprocess.run([chromium(), *_FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                                text=True, timeout=timeout, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"chromium failed ({result.returncode}): {result.stderr[-2000:]}")
    return result.stdout


def measure(page: str, width: int) -> Layout:
    """Lay ``page`` out at ``width`` CSS pixels and measure it."""
    with tempfile.TemporaryDirectory(prefix="measure-") as folder:
        (Path(folder) / "page.html").write_text(page, encoding="utf-8")
        wrapper = Path(folder) / "measure.html"
        wrapper.write_text(_WRAPPER.format(width=width), encoding="utf-8")
        # The wrapper reads the frame's document: both are files, which Chromium treats
        # as separate origins unless told otherwise.
        dom = _run(["--dump-dom", "--allow-file-access-from-files", "--window-size=1200,900", wrapper.as_uri()])
    found = re.search(r'<pre id="measure">(.*?)</pre>', dom, re.S)
    if not found:
        raise RuntimeError("the page's measurements were not found in the DOM")
    data = json.loads(html.unescape(found.group(1)))
    return Layout(data["viewport"], data["scroll_width"], data["height"], data["widest_right"],
                  [BarBox(**bar) for bar in data["bars"]])


def screenshot(page_path: Path, png_path: Path, width: int) -> Path:
    """A picture of the whole page at ``width``, as tall as the page."""
    height = measure(page_path.read_text(encoding="utf-8"), width).height
    _run([f"--screenshot={png_path}", f"--window-size={width},{height}", page_path.resolve().as_uri()])
    return png_path
