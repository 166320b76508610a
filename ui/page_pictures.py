"""Pictures of a print's pages, drawn by PDFium (the pypdfium2 package) inside the program.

PDFium may be called from one thread at a time only: every call here holds one lock, and
each document is opened and closed under it, so the preview and a print running at the
same time take turns page by page instead of corrupting each other. The PDF stays in
memory: no picture of personal data is written to disk.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from PySide6.QtGui import QImage

#: PDFium is not thread-safe (pypdfium2's documentation): one call at a time
_PDFIUM = threading.Lock()
#: PDF points per inch
POINTS = 72


@dataclass(frozen=True)
class PageSize:
    """A page's size in PDF points (1/72 inch)."""

    width: float
    height: float

    def pixels(self, dpi: float) -> tuple[int, int]:
        return max(1, round(self.width * dpi / POINTS)), max(1, round(self.height * dpi / POINTS))


class PageRenderer:
    """Draws the pages of one PDF (given as bytes) with PDFium."""

    name = "PDFium"

    def __init__(self, pdf: bytes) -> None:
        self.pdf = pdf

    def page_sizes(self) -> list[PageSize]:
        import pypdfium2 as pdfium

        with _PDFIUM:
            document = pdfium.PdfDocument(self.pdf)
            try:
                return [PageSize(*document.get_page_size(i)) for i in range(len(document))]
            finally:
                document.close()

    def render(self, index: int, dpi: float) -> QImage:
        """Page `index` (from 0) at `dpi`, white behind, as an image of its own memory."""
        import pypdfium2 as pdfium

        with _PDFIUM:
            document = pdfium.PdfDocument(self.pdf)
            try:
                page = document[index]
                bitmap = page.render(scale=dpi / POINTS, rev_byteorder=True)  # RGB
                width, height, stride = bitmap.width, bitmap.height, bitmap.stride
                data = bytes(bitmap.buffer)
                bitmap.close()
                page.close()
            finally:
                document.close()
        image = QImage(data, width, height, stride, QImage.Format.Format_RGB888)
        return image.copy()  # detached from `data`, which Qt does not keep alive

    def pages(self, indices: list[int]) -> bytes:
        """A PDF of the pages `indices` (from 0) of this one, still vector (text stays text)."""
        import io

        import pypdfium2 as pdfium

        with _PDFIUM:
            source = pdfium.PdfDocument(self.pdf)
            target = pdfium.PdfDocument.new()
            try:
                target.import_pages(source, indices)
                out = io.BytesIO()
                target.save(out)
                return out.getvalue()
            finally:
                target.close()
                source.close()


def renderer_available() -> bool:
    """Whether pypdfium2 can be imported (it is part of the desktop extra)."""
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True
