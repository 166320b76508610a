"""Rebuild resources/fonts/WenQuanYiMicroHei-GBK.ttf from the Debian font.

Build-time tool only; fontTools is NOT a runtime dependency of the program.

    apt-get install -y --no-upgrade fonts-wqy-microhei
    .venv/bin/pip install fonttools
    .venv/bin/python resources/fonts/make_subset.py

Takes sub-font 0 ("WenQuanYi Micro Hei", TrueType outlines) of the Debian
.ttc and subsets it with pyftsubset to every character of GBK plus ASCII,
CJK punctuation, full-width forms and a few symbols used on forms.
The result is deterministic (pyftsubset keeps head.modified unless asked).
"""

from __future__ import annotations

import shlex
import sys
import tempfile
from pathlib import Path

SOURCE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
FONT_NUMBER = 0  # 0 = WenQuanYi Micro Hei, 1 = WenQuanYi Micro Hei Mono
OUTPUT = Path(__file__).resolve().parent / "WenQuanYiMicroHei-GBK.ttf"
FAMILY = "WenQuanYi Micro Hei"

# Characters that must survive (rare name characters GB2312 lacks, ID digits).
MUST_HAVE = "堃赟玥喆珺婕祎" + "0123456789X" + "□√×●○■▲"
EXTRA_SYMBOLS = "□√×●○■▲"


def gbk_code_points() -> set[int]:
    """Every character reachable by a valid 2-byte GBK sequence."""
    cps: set[int] = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                text = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            cps.update(ord(ch) for ch in text)
    return cps


def wanted_code_points() -> list[int]:
    cps = gbk_code_points()
    cps.update(range(0x20, 0x7F))  # ASCII printable (digits, Latin)
    cps.update(range(0x3000, 0x3040))  # CJK symbols and punctuation
    cps.update(range(0xFF00, 0xFFF0))  # half-/full-width forms
    cps.update(ord(ch) for ch in EXTRA_SYMBOLS)
    return sorted(cps)


def pyftsubset_args(unicodes_file: Path) -> list[str]:
    # Defaults of pyftsubset are kept on purpose: hinting (fpgm, prep, cvt,
    # gasp) stays, glyph names are dropped, default OpenType layout features
    # stay. All name records are kept (incl. Chinese family names and the
    # licence fields 13/14).
    return [
        str(SOURCE),
        f"--font-number={FONT_NUMBER}",
        f"--unicodes-file={unicodes_file}",
        "--no-glyph-names",
        "--name-IDs=*",
        "--name-languages=*",
        f"--output-file={OUTPUT}",
    ]


def check(path: Path) -> None:
    from fontTools.ttLib import TTFont

    with open(path, "rb") as fh:
        magic = fh.read(4)
    if magic == b"ttcf":
        sys.exit(f"{path} is a collection, expected a plain .ttf")
    if magic != b"\x00\x01\x00\x00":
        sys.exit(f"{path}: unexpected sfnt version {magic!r} (want TrueType)")
    font = TTFont(path)
    if "glyf" not in font:
        sys.exit(f"{path}: no glyf table (not TrueType outlines)")
    family = font["name"].getDebugName(1)
    if family != FAMILY:
        sys.exit(f"{path}: family name {family!r}, expected {FAMILY!r}")
    cmap = font.getBestCmap()
    missing = [ch for ch in MUST_HAVE if ord(ch) not in cmap]
    if missing:
        sys.exit(f"{path}: missing characters {''.join(missing)}")
    print(
        f"ok: {path.name} {path.stat().st_size} bytes, "
        f"{len(cmap)} characters, {len(font.getGlyphOrder())} glyphs"
    )


def main() -> None:
    from fontTools import subset

    if not SOURCE.exists():
        sys.exit(f"{SOURCE} not found: apt-get install fonts-wqy-microhei")
    cps = wanted_code_points()
    with tempfile.TemporaryDirectory() as tmp:
        unicodes_file = Path(tmp) / "gbk-unicodes.txt"
        unicodes_file.write_text("".join(f"U+{cp:04X}\n" for cp in cps), encoding="ascii")
        args = pyftsubset_args(unicodes_file)
        print("pyftsubset " + " ".join(shlex.quote(a) for a in args))
        print(f"{len(cps)} code points requested")
        subset.main(args)
    check(OUTPUT)


if __name__ == "__main__":
    main()
