"""Marks drawn as shapes: signature boxes, photos fitted in frames; the size of tick boxes.

The font has no ☑ or ☐, so tick boxes are paths (`sheet.Ink.box`). Photos and signature images are
decoded with Pillow, turned upright, reduced and embedded as JPEG.
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps
from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from app.printing.fonts import clip
from app.printing.sheet import GREY, RULE, Sheet

BOX = 3.0 * mm
PHOTO_PIXELS = 900  # longest side of a photo on paper (about 150 dpi at 15 cm)
SIGNATURE_PIXELS = 600


def image_reader(data: bytes, longest: int = PHOTO_PIXELS) -> ImageReader | None:
    """A photo or signature ready to draw (None if the bytes are not an image Pillow reads)."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened)
            if image.mode in ("RGBA", "LA", "P"):
                rgba = image.convert("RGBA")
                white = Image.new("RGB", rgba.size, "white")
                white.paste(rgba, mask=rgba.getchannel("A"))
                image = white
            elif image.mode != "RGB":
                image = image.convert("RGB")
            image.thumbnail((longest, longest))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=82)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    out.seek(0)
    return ImageReader(out)


def fit_image(
    canvas: Canvas, reader: ImageReader, x: float, y: float, width: float, height: float
) -> None:
    """Draw `reader` as large as fits in the box (x, y, width, height), centred."""
    pixels_w, pixels_h = reader.getSize()
    scale = min(width / pixels_w, height / pixels_h)
    w, h = pixels_w * scale, pixels_h * scale
    canvas.drawImage(reader, x + (width - w) / 2, y + (height - h) / 2, w, h)


def frame(sheet: Sheet, x: float, top: float, width: float, height: float) -> None:
    canvas = sheet.canvas
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.rect(x, top - height, width, height, stroke=1, fill=0)
    canvas.setStrokeColor(black)


def signature_box(
    sheet: Sheet,
    x: float,
    top: float,
    width: float,
    height: float,
    *,
    label: str,
    image: ImageReader | None,
    note: str = "",
) -> None:
    """A box to sign in, with the captured signature image when there is one."""
    frame(sheet, x, top, width, height)
    sheet.text(x + 1.5 * mm, top - 3.5 * mm, label, 7, color=GREY, where=label)
    if image is not None:
        fit_image(
            sheet.canvas,
            image,
            x + 2 * mm,
            top - height + 1.5 * mm,
            width - 4 * mm,
            height - 6 * mm,
        )
    elif note:
        sheet.text(
            x + width / 2,
            top - height / 2 - 1 * mm,
            note,
            8,
            color=GREY,
            align="center",
            where=label,
        )
    sheet.text(
        x + width - 1.5 * mm,
        top - height + 1.5 * mm,
        "日期：      年    月    日",
        7,
        color=GREY,
        align="right",
    )


def photo(
    sheet: Sheet,
    x: float,
    top: float,
    width: float,
    height: float,
    image: ImageReader | None,
    caption: str,
) -> None:
    """A framed photo with its caption under it; an empty frame says the photo is missing."""
    caption_height = 4.5 * mm
    frame(sheet, x, top, width, height)
    inner = height - caption_height
    if image is not None:
        fit_image(
            sheet.canvas,
            image,
            x + 1 * mm,
            top - inner + 0.5 * mm,
            width - 2 * mm,
            inner - 1.5 * mm,
        )
    else:
        sheet.text(x + width / 2, top - inner / 2, "（无照片）", 8, color=GREY, align="center")
    shown = clip(caption, width - 3 * mm, 7)
    sheet.text(x + 1.5 * mm, top - height + 1.4 * mm, shown, 7, color=GREY, where="照片说明")
