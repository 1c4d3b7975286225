"""What lectern's font scripts share: subsetting a face the same way, and
giving the subset its own family name (as the OFL asks of a modified
version of a font with a Reserved Font Name)."""

from fontTools import subset as fonttools_subset


def subset(font, cps):
    """Subsets `font` in place to the code points `cps`, keeping every
    layout feature and name, dropping hinting."""
    options = fonttools_subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False
    subsetter = fonttools_subset.Subsetter(options)
    subsetter.populate(unicodes=cps)
    subsetter.subset(font)


def rename(font, family, ps, full, style, source):
    """Renames `font` to `family`, with PostScript name `ps`, full name
    `full`, style `style`, noting the `source` it is a subset of."""
    for rec in font["name"].names:
        if rec.nameID in (1, 16):
            rec.string = family
        elif rec.nameID in (2, 17):
            rec.string = style
        elif rec.nameID == 3:
            rec.string = f"{ps};subset of {source}"
        elif rec.nameID == 4:
            rec.string = full
        elif rec.nameID == 6:
            rec.string = ps
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [ps]
        top = cff.topDictIndex[0]
        top.FamilyName = family
        top.FullName = full
