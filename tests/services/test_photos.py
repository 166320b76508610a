"""Photos are reduced on import: upright, JPEG, longest side 1600 px, no metadata."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from app.services import photos


def picture(size: tuple[int, int], mode: str = "RGB", fmt: str = "JPEG", **save: object) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (10, 120, 200) if mode == "RGB" else None).save(out, fmt, **save)
    return out.getvalue()


def test_a_camera_photo_is_reduced_to_1600_on_its_longest_side() -> None:
    reduced = photos.reduce(picture((4000, 3000)))
    with Image.open(io.BytesIO(reduced)) as image:
        assert image.format == "JPEG" and image.size == (1600, 1200)


def test_a_small_photo_keeps_its_size() -> None:
    assert photos.size_of(photos.reduce(picture((800, 600)))) == (800, 600)


def test_the_exif_orientation_is_applied_and_the_metadata_dropped() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: the camera was held upright
    exif[0x010F] = "手机厂商"
    reduced = photos.reduce(picture((3200, 2400), exif=exif.tobytes()))
    with Image.open(io.BytesIO(reduced)) as image:
        assert image.size == (1200, 1600)
        assert not image.getexif()


def test_a_transparent_png_becomes_white_paper() -> None:
    out = io.BytesIO()
    Image.new("RGBA", (100, 50), (0, 0, 0, 0)).save(out, "PNG")
    with Image.open(io.BytesIO(photos.reduce(out.getvalue()))) as image:
        assert image.mode == "RGB" and image.getpixel((10, 10)) == (255, 255, 255)


def test_a_file_that_is_not_a_picture_is_refused() -> None:
    with pytest.raises(photos.NotAPhoto):
        photos.reduce(b"%PDF-1.4 not a photo")
