#!/usr/bin/env python3
"""Builds lectern's embedded Simplified Chinese fonts.

Subsets Noto Sans CJK SC (Regular and Bold, from Debian's fonts-noto-cjk) to
GB2312 plus Latin, punctuation and common symbols, and renames the family to
"Lectern Sans SC" so it never clashes with (or is shadowed by) a system copy
of Noto Sans CJK, whose .ttc would otherwise give Typst the Japanese face.

It also builds the extension faces, "Lectern Sans SC Ext": every other
ideograph of CJK Unified Ideographs (U+4E00-U+9FFF) and Extension A
(U+3400-U+4DBF) that Noto Sans CJK SC has, compressed with zstd. lectern
embeds them compressed and decompresses them only for a deck whose text has
a character the base faces lack.

Usage (needs `apt-get install fonts-noto-cjk` and
`pip install fonttools zstandard`):

    python3 scripts/make-cjk-subset.py [SRC_DIR] [OUT_DIR]
"""
import io
import sys
from pathlib import Path

import zstandard

import fontnames

from fontTools.ttLib import TTCollection

FAMILY = "Lectern Sans SC"
# The extension comes in two families: a CFF font with 32,768 glyphs or more
# loses the glyphs above 32,767 in Typst, so each part stays below that.
EXT_PARTS = [
    ("Lectern Sans SC Ext", "LecternSansSCExt", [(0x4E00, 0x9FFF)]),
    ("Lectern Sans SC ExtA", "LecternSansSCExtA", [(0x3400, 0x4DBF)]),
]
SC_INDEX = 2  # index of "Noto Sans CJK SC" inside NotoSansCJK-*.ttc


def codepoints():
    """Every code point the subset keeps."""
    cps = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180))
    for lo, hi in [
        (0x2000, 0x206F),  # general punctuation
        (0x2100, 0x215F),  # letterlike symbols, number forms
        (0x2160, 0x218F),  # roman numerals
        (0x2190, 0x21FF),  # arrows
        (0x2200, 0x22FF),  # math operators
        (0x2460, 0x24FF),  # enclosed alphanumerics
        (0x2500, 0x25FF),  # box drawing, shapes
        (0x2600, 0x26FF),  # misc symbols
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0xFF00, 0xFFEF),  # fullwidth forms
    ]:
        cps |= set(range(lo, hi + 1))
    # Every character of GB2312 (hanzi, kana, Greek, Cyrillic, symbols).
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                cps.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return cps


def extension(base, ranges):
    """The ideographs of one extension part, minus the base."""
    cps = set()
    for lo, hi in ranges:
        cps |= set(range(lo, hi + 1))
    return cps - base


def rename(font, weight, family=FAMILY, stem="LecternSansSC"):
    """Gives the subset its own family name so lookups are unambiguous."""
    full = f"{family} {weight}" if weight != "Regular" else family
    fontnames.rename(font, family, f"{stem}-{weight}", full, weight, "Noto Sans CJK SC")


def make(src, weight, cps):
    """Subsets one weight of Noto Sans CJK SC to `cps`."""
    font = TTCollection(src / f"NotoSansCJK-{weight}.ttc").fonts[SC_INDEX]
    fontnames.subset(font, cps)
    return font


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    src = Path(args[0] if args else "/usr/share/fonts/opentype/noto")
    out = Path(args[1] if len(args) > 1 else Path(__file__).parent.parent / "fonts")
    out.mkdir(parents=True, exist_ok=True)
    base = codepoints()
    for family, stem, ranges in EXT_PARTS:
        ext = sorted(extension(base, ranges))
        for weight in ["Regular", "Bold"]:
            font = make(src, weight, ext)
            rename(font, weight, family, stem)
            raw = io.BytesIO()
            font.save(raw)
            packed = zstandard.ZstdCompressor(level=19).compress(raw.getvalue())
            path = out / f"{stem}-{weight}.otf.zst"
            path.write_bytes(packed)
            glyphs = len(font.getGlyphOrder())
            print(f"wrote {path} ({len(ext)} code points, {glyphs} glyphs, "
                  f"{len(raw.getvalue()) / 1e6:.1f} MB, {len(packed) / 1e6:.1f} MB compressed)")
    if "--ext-only" in sys.argv:
        return
    cps = sorted(base)
    for weight in ["Regular", "Bold"]:
        font = make(src, weight, cps)
        rename(font, weight)
        path = out / f"LecternSansSC-{weight}.otf"
        font.save(path)
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, {len(cps)} code points)")


if __name__ == "__main__":
    main()
