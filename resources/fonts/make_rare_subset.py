"""Rebuild resources/fonts/HanaMinA-Rare.ttf, the fallback font for rare name characters.

Build-time tool only; fontTools is NOT a runtime dependency of the program.

    apt-get install -y --no-upgrade fonts-hanazono
    .venv/bin/pip install fonttools
    .venv/bin/python resources/fonts/make_rare_subset.py

Takes HanaMinA (花園明朝A, TrueType outlines) of the Debian package and keeps what
WenQuanYi Micro Hei's GBK subset lacks of GB 18030-2022's implementation level 1: CJK
Extension A (U+3400-U+4DB5), the BMP ideographs after GBK (U+9FA6-), the radicals, the
compatibility ideographs, and the 196 characters of 通用规范汉字表 in Extensions B-F
(gb18030-level1-ext-b-f.txt), plus a few rare name characters beyond it (RARE_NAMES).
"""

from __future__ import annotations

import shlex
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf")
OUTPUT = HERE / "HanaMinA-Rare.ttf"
LEVEL1_EXT_B_F = HERE / "gb18030-level1-ext-b-f.txt"
FAMILY = "HanaMinA"
#: name characters outside level 1 that registries are known to hold
RARE_NAMES = "𠮷"
RANGES = (
    (0x2E80, 0x2FDF),  # CJK radicals supplement, Kangxi radicals
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x9FA6, 0x9FFF),  # CJK Unified Ideographs after GBK's last (U+9FA5)
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
)
MUST_HAVE = "䶮𠮷㛃䶵"


def level1_ext_b_f() -> list[int]:
    """The 196 code points of the committed list."""
    lines = LEVEL1_EXT_B_F.read_text(encoding="utf-8").splitlines()
    return [int(line.split()[0][2:], 16) for line in lines if line.startswith("U+")]


def wanted_code_points(available: set[int]) -> list[int]:
    cps = {cp for low, high in RANGES for cp in range(low, high + 1)}
    cps.update(level1_ext_b_f())
    cps.update(ord(char) for char in RARE_NAMES)
    return sorted(cps & available)


def pyftsubset_args(unicodes_file: Path) -> list[str]:
    return [
        str(SOURCE),
        f"--unicodes-file={unicodes_file}",
        "--no-glyph-names",
        "--name-IDs=*",
        "--name-languages=*",
        f"--output-file={OUTPUT}",
    ]


def check(path: Path) -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    if font.sfntVersion != "\x00\x01\x00\x00" or "glyf" not in font:
        sys.exit(f"{path}: not TrueType outlines")
    if font["name"].getDebugName(1) != FAMILY:
        sys.exit(f"{path}: family name is not {FAMILY!r}")
    cmap = font.getBestCmap()
    missing = [chr(cp) for cp in [*level1_ext_b_f(), *map(ord, MUST_HAVE)] if cp not in cmap]
    if missing:
        sys.exit(f"{path}: missing characters {''.join(missing)}")
    print(f"ok: {path.name} {path.stat().st_size} bytes, {len(cmap)} characters")


def main() -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    if not SOURCE.exists():
        sys.exit(f"{SOURCE} not found: apt-get install fonts-hanazono")
    cps = wanted_code_points(set(TTFont(SOURCE).getBestCmap()))
    with tempfile.TemporaryDirectory() as tmp:
        unicodes_file = Path(tmp) / "rare-unicodes.txt"
        unicodes_file.write_text("".join(f"U+{cp:04X}\n" for cp in cps), encoding="ascii")
        args = pyftsubset_args(unicodes_file)
        print("pyftsubset " + " ".join(shlex.quote(a) for a in args))
        print(f"{len(cps)} code points requested")
        subset.main(args)
    check(OUTPUT)


if __name__ == "__main__":
    main()
