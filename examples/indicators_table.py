"""Turn a report page into a readable CSV of indicators (one row per reported figure).

Usage::

    python examples/indicators_table.py [PAGE.txt] [--out table.csv]

Without a path it reads ``../shared/seeds/004_487b20540690d427.txt`` when that seed is present and
the bundled ``examples/sample.txt`` otherwise. The CSV goes to stdout unless ``--out`` is given.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import TextIO

import govreport

HERE = Path(__file__).resolve().parent
DEFAULT_SEED = HERE.parent.parent / "shared" / "seeds" / "004_487b20540690d427.txt"
COLUMNS = [
    "row",
    "article",
    "agency",
    "subject",
    "scope",
    "period",
    "value",
    "value_text",
    "unit",
    "is_change",
    "direction",
    "change",
    "comparison",
    "cumulative",
    "rank",
    "part_of",
    "change_of",
    "clause",
]


def rows(text: str) -> list[dict[str, object]]:
    """The indicator table of ``text`` as CSV-ready dicts."""
    doc = govreport.parse(text)
    out: list[dict[str, object]] = []
    for i, ind in enumerate(doc.indicators):
        value = ind.value
        unit = getattr(value, "unit", None) if isinstance(value, govreport.Quantity) else "%"
        out.append(
            {
                "row": i,
                "article": ind.article_index,
                "agency": ind.agency or "",
                "subject": ind.subject or "",
                "scope": ind.scope or "",
                "period": (ind.period.resolved or ind.period.text) if ind.period is not None else "",
                "value": value.value,
                "value_text": "".join(value.text.split()),
                "unit": unit or "",
                "is_change": ind.value_is_change,
                "direction": ind.direction or "",
                "change": "".join(ind.change.text.split()) if ind.change is not None else "",
                "comparison": ind.comparison or "",
                "cumulative": ind.cumulative,
                "rank": "".join(ind.rank.text.split()) if ind.rank is not None else "",
                "part_of": "" if ind.part_of is None else ind.part_of,
                "change_of": "" if ind.change_of is None else ind.change_of,
                "clause": "".join(ind.text.split()),
            }
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", type=Path, help="a UTF-8 text page (default: seed 004 or sample.txt)")
    ap.add_argument("--out", type=Path, help="write the CSV here instead of stdout")
    args = ap.parse_args(argv)
    path = args.path or (DEFAULT_SEED if DEFAULT_SEED.exists() else HERE / "sample.txt")
    table = rows(path.read_text(encoding="utf-8"))
    if args.out:
        with args.out.open("w", encoding="utf-8", newline="") as fh:
            _write(fh, table)
    else:
        _write(sys.stdout, table)
    return 0


def _write(fh: TextIO, table: list[dict[str, object]]) -> None:
    writer = csv.DictWriter(fh, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(table)


if __name__ == "__main__":
    sys.exit(main())
