"""Reading prints back: text (pdftotext), fonts (pdffonts), page pictures (pdftoppm), QR codes.

The poppler-utils programs are installed by `packaging/bootstrap.py test` (and .ci/run) on
Debian. Elsewhere, where pdftotext is missing, a test that needs them is skipped with the
reason; never in CI, where a missing program fails the test instead of hiding it.
(The program itself needs no poppler: it draws pages with PDFium.)
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

import pytest
import zxingcpp
from PIL import Image

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None and not os.environ.get("CI"),
    reason="pdftotext (poppler-utils) is not installed: the prints cannot be read back",
)


def _run(program: str, *args: str, pdf: bytes) -> bytes:
    done = subprocess.run([program, *args], input=pdf, capture_output=True, check=True)
    return done.stdout


def pdf_text(pdf: bytes, *, layout: bool = True) -> str:
    """The text of every page, pages separated by form feeds."""
    return _run("pdftotext", *(["-layout"] if layout else []), "-", "-", pdf=pdf).decode()


def page_texts(pdf: bytes) -> list[str]:
    return pdf_text(pdf).split("\f")[:-1]


def fonts(pdf: bytes) -> list[list[str]]:
    """pdffonts' table: one list of columns a font."""
    lines = _run("pdffonts", "-", pdf=pdf).decode().splitlines()[2:]
    return [line.split() for line in lines]


def page_image(pdf: bytes, page: int, dpi: int = 150) -> Image.Image:
    png = _run("pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-", pdf=pdf)
    return Image.open(io.BytesIO(png))


def qr_texts(image: Image.Image) -> list[str]:
    """The QR codes zxing-cpp finds on a page picture."""
    found = zxingcpp.read_barcodes(image)
    return [code.text for code in found if code.format == zxingcpp.BarcodeFormat.QRCode]


def image_count(pdf: bytes) -> int:
    """How many images the PDF shows (pdfimages -list, one line an image)."""
    lines = _run("pdfimages", "-list", "-", pdf=pdf).decode().splitlines()[2:]
    return len(lines)


_BAND = re.compile(r"联 ·|^记录 |打印于|第\s*\d+\s*页")


def signature_only_pages(pdf: bytes) -> list[int]:
    """The pages (from 1) whose content, below the running band, is signature boxes alone:
    every line is a signature label or its date line."""
    found = []
    for number, page in enumerate(page_texts(pdf), start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        content = [line for line in lines[3:] if not _BAND.search(line)]  # after the band
        if content and all("签字" in line or re.search(r"年\s*月\s*日", line) for line in content):
            found.append(number)
    return found
