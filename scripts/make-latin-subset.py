#!/usr/bin/env python3
"""Builds lectern's embedded Latin text faces.

Subsets Source Sans 3 (Regular, Italic, Bold, Bold Italic; OFL 1.1, from the
npm package `source-sans`) to Latin-1, Latin Extended-A and -B, Greek,
general punctuation and a few symbols, and renames the family to "Lectern
Sans", as the OFL asks of a modified version (Reserved Font Name "Source").

Usage (needs `npm pack source-sans` unpacked, and `pip install fonttools`):

    python3 scripts/make-latin-subset.py [PACKAGE_DIR] [OUT_DIR]
"""
import sys
from pathlib import Path

import fontnames
from fontTools.ttLib import TTFont

FAMILY = "Lectern Sans"
STEM = "LecternSans"
# Source file name, style name (OpenType subfamily).
FACES = [
    ("SourceSans3-Regular.otf", "Regular"),
    ("SourceSans3-It.otf", "Italic"),
    ("SourceSans3-Bold.otf", "Bold"),
    ("SourceSans3-BoldIt.otf", "Bold Italic"),
]


def codepoints():
    """Every code point the subset keeps."""
    cps = set()
    for lo, hi in [
        (0x20, 0x7E),  # ASCII
        (0xA0, 0xFF),  # Latin-1
        (0x100, 0x17F),  # Latin Extended-A
        (0x180, 0x24F),  # Latin Extended-B
        (0x2B0, 0x2FF),  # spacing modifier letters
        (0x300, 0x36F),  # combining diacritics
        (0x370, 0x3FF),  # Greek
        (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
        (0x2000, 0x206F),  # general punctuation
        (0x20A0, 0x20CF),  # currency
        (0x2100, 0x214F),  # letterlike symbols
    ]:
        cps |= set(range(lo, hi + 1))
    return cps


def rename(font, style):
    """Gives the subset its own family name."""
    ps = f"{STEM}-{style.replace(' ', '')}"
    full = FAMILY if style == "Regular" else f"{FAMILY} {style}"
    fontnames.rename(font, FAMILY, ps, full, style, "Source Sans 3")


def main():
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "package") / "OTF"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else Path(__file__).parent.parent / "fonts")
    cps = sorted(codepoints())
    for name, style in FACES:
        font = TTFont(src / name)
        fontnames.subset(font, cps)
        rename(font, style)
        path = out / f"{STEM}-{style.replace(' ', '')}.otf"
        font.save(path)
        print(f"wrote {path} ({path.stat().st_size / 1e3:.0f} KB)")


if __name__ == "__main__":
    main()
