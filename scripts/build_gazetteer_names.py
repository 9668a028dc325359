"""Rebuild ``src/kgbuild/gazetteer/data/names.tsv.gz`` from ``areas.tsv.gz`` and ``renames.tsv``.

The gazetteer finds areas by name: full names, short names, 乡/镇 variants and former
names, about 100,000 of them. Deriving them from the area rows on every start, and
indexing them all, costs a quarter of a second; from this file the runtime reads only
the names that start with a character of the texts it meets. One row per first
character: the character, then each name and its entries (``code:kind|…``), names
sorted, separated by tabs (``kgbuild.gazetteer.gazetteer.name_rows``).

Usage: ``python scripts/build_gazetteer_names.py``, after ``scripts/build_gazetteer.py``;
the tests check that the file still matches the areas.
"""

from __future__ import annotations

import gzip

from kgbuild.gazetteer.gazetteer import (
    DATA,
    area_rows,
    name_entries,
    name_rows,
    read_rows,
    read_tsv,
)

NAMES = DATA / "names.tsv.gz"


def names_text() -> str:
    """The text of names.tsv for the vendored areas and renames."""
    rows = area_rows(read_rows(DATA / "areas.tsv.gz")).values()
    grouped = name_rows(name_entries(rows, read_tsv(DATA / "renames.tsv")))
    return "first\tnames\n" + "".join(f"{first}\t{grouped[first]}\n" for first in sorted(grouped))


def main() -> None:
    # mtime=0: the same areas give the same bytes
    NAMES.write_bytes(gzip.compress(names_text().encode("utf-8"), compresslevel=9, mtime=0))
    print(f"wrote {NAMES}")


if __name__ == "__main__":
    main()
