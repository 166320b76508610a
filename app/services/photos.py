"""Photos as stored: reduced to a longest side of 1600 px, JPEG, turned upright, no metadata.

A phone or laptop camera gives 3 to 12 MB a picture; a member's laptop keeps thousands
of them and syncs them over slow links, so every photo is reduced when it is added.
The EXIF block (with its GPS position and device serial) is dropped: the location of a
visit is recorded only where the member chooses to (README section 6).
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError

LONGEST_SIDE = 1600
JPEG_QUALITY = 85
MIME = "image/jpeg"
# a decompression bomb guard: 12 000 x 12 000 pixels is far above any camera of the field
MAX_PIXELS = 144_000_000


class NotAPhoto(ValueError):
    """The file is not a picture Pillow can read (or is damaged)."""

    user_message = "这个文件不是可以读取的照片（支持 JPEG、PNG 等常见格式）"


def reduce(data: bytes, longest_side: int = LONGEST_SIDE) -> bytes:
    """The photo as stored: upright, RGB, longest side at most `longest_side`, JPEG."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                raise NotAPhoto(f"{opened.width}x{opened.height} pixels")
            opened.load()
            image = ImageOps.exif_transpose(opened)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise NotAPhoto(str(exc)) from exc
    if image.mode != "RGB":
        image = _flatten(image)
    image.thumbnail((longest_side, longest_side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white: transparency (a PNG of a scanned paper) becomes white paper."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("RGB")


def size_of(data: bytes) -> tuple[int, int]:
    """Width and height of a stored photo."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except (UnidentifiedImageError, OSError) as exc:
        raise NotAPhoto(str(exc)) from exc
