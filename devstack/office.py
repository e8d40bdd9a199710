"""Office documents as their readers open them: LibreOffice, headless.

Each conversion runs with a profile of its own (so runs never share or lock one)
in a process group of its own: soffice forks soffice.bin, and a stuck conversion
is stopped by its group id, never by name.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

# CSV export: comma, double quote, UTF-8 (76), from row 1, default column types, no
# locale, quoted text, numbers as text, *cells as shown* (formatted), no formulas,
# no BOM, every sheet (-1, one file per sheet; LibreOffice 7.2+).
CSV_AS_SHOWN = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,true,false,false,-1'


class OfficeMissing(RuntimeError):
    pass


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        raise OfficeMissing("LibreOffice is not installed: apt-get install libreoffice-calc-nogui")
    return path


def convert(document: Path, target: str, outdir: Path, timeout: float = 180) -> list[Path]:
    """Convert ``document`` with LibreOffice; returns the files it wrote."""
    outdir.mkdir(parents=True, exist_ok=True)
    before = set(outdir.iterdir())
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        process = subprocess.Popen(
            [soffice(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
             "--convert-to", target, "--outdir", str(outdir), str(document)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
    written = sorted(set(outdir.iterdir()) - before)
    if process.returncode != 0 or not written:
        raise RuntimeError(f"LibreOffice did not convert {document.name}: {out[-1000:]} {err[-1000:]}")
    return written


def first_page_png(document: Path, png: Path, dpi: int = 80) -> Path:
    """The document's first page as LibreOffice lays it out: converted to PDF by LibreOffice,
    rasterised by poppler's pdftoppm (the headless LibreOffice packages have no image export)."""
    if not shutil.which("pdftoppm"):
        raise OfficeMissing("pdftoppm is not installed: apt-get install poppler-utils")
    with tempfile.TemporaryDirectory(prefix="first-page-") as folder:
        [pdf] = convert(document, "pdf", Path(folder))
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(png.with_suffix(""))], check=True, capture_output=True, timeout=120)
    return png
