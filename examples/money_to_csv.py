"""Extract every money amount from a folder of report pages into one CSV.

A money amount is a quantity whose ``category`` is ``"currency"`` (1.4亿元, 约8265.4万元). Each row
names the file, the article it appears in (index and title, from ``Document.article_of``), the
text as written (whitespace removed, so hard line wraps such as ``498.9\\n亿元`` read as one
token), the exact value in the base unit, the unit, the qualifier and the bounds, and the
``[start, end)`` offsets into the original file text.

Usage::

    python examples/money_to_csv.py [FOLDER_OR_FILE] [--out money.csv]

Without a path it reads every ``*.txt`` in ``../shared/seeds`` (next to the repository) when that
folder exists and ``examples/`` (the bundled ``sample.txt``) otherwise. The CSV goes to stdout
unless ``--out`` is given.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import govreport

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "shared" / "seeds"
COLUMNS = ["file", "article", "title", "text", "value", "unit", "qualifier", "low", "high", "start", "end"]


def default_path() -> Path:
    """The seeds folder when present, else this folder (which holds ``sample.txt``)."""
    return SEEDS if SEEDS.is_dir() else HERE


def text_files(path: Path) -> list[Path]:
    """``path`` itself when it is a file, else the ``*.txt`` files in it, sorted."""
    return [path] if path.is_file() else sorted(p for p in path.glob("*.txt") if p.is_file())


def money_rows(path: Path) -> Iterator[dict[str, object]]:
    """One CSV-ready dict per money amount in the file at ``path``."""
    doc = govreport.parse_file(path)
    for q in doc.quantities:
        if q.category != "currency":
            continue
        article = doc.article_of(q)
        yield {
            "file": path.name,
            "article": "" if article is None else article.index,
            "title": "" if article is None or article.title is None else article.title,
            "text": "".join(q.text.split()),
            "value": q.value,
            "unit": q.unit or "",
            "qualifier": q.qualifier or "",
            "low": "" if q.low is None else q.low,
            "high": "" if q.high is None else q.high,
            "start": q.span.start,
            "end": q.span.end,
        }


def write_csv(fh: TextIO, paths: list[Path]) -> int:
    """Write the CSV of all ``paths`` to ``fh``; return the number of rows."""
    writer = csv.DictWriter(fh, fieldnames=COLUMNS)
    writer.writeheader()
    n = 0
    for path in paths:
        for row in money_rows(path):
            writer.writerow(row)
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", type=Path, help="a folder of .txt pages or one page (default: the seeds)")
    ap.add_argument("--out", type=Path, help="write the CSV here instead of stdout")
    args = ap.parse_args(argv)
    path = args.path or default_path()
    if not path.exists():
        ap.error(f"no such file or folder: {path}")
    paths = text_files(path)
    if args.out:
        with args.out.open("w", encoding="utf-8", newline="") as fh:
            n = write_csv(fh, paths)
        print(f"wrote {n} money amounts from {len(paths)} file(s) to {args.out}", file=sys.stderr)
    else:
        write_csv(sys.stdout, paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
