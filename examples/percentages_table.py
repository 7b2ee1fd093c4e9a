"""Percentages across a folder of report pages, with direction and relation, as a pandas DataFrame.

One row per ``Percentage``: the file, the article index, the text as written (whitespace removed),
the exact value, the kind (percent, point, permille, fraction), the ``direction`` given by the
governing verb (up/down, empty when none) and the ``relation`` (``by``: a change such as 增长18.3%;
``to``: a level reached such as 提高到70%). The table is built with ``Document.to_dataframe`` and
printed, followed by a count of rows per direction and relation. Needs pandas
(``pip install 'govreport[pandas]'``).

Usage::

    python examples/percentages_table.py [FOLDER_OR_FILE] [--out percentages.csv]

Without a path it reads every ``*.txt`` in ``../shared/seeds`` (next to the repository) when that
folder exists and ``examples/`` (the bundled ``sample.txt``) otherwise. ``--out`` writes the table
as CSV instead of printing it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

import govreport

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "shared" / "seeds"
COLUMNS = ["file", "article", "text", "value", "kind", "direction", "relation", "qualifier", "start", "end"]


def default_path() -> Path:
    """The seeds folder when present, else this folder (which holds ``sample.txt``)."""
    return SEEDS if SEEDS.is_dir() else HERE


def text_files(path: Path) -> list[Path]:
    """``path`` itself when it is a file, else the ``*.txt`` files in it, sorted."""
    return [path] if path.is_file() else sorted(p for p in path.glob("*.txt") if p.is_file())


def percentages_frame(paths: list[Path]) -> pd.DataFrame:
    """One row per percentage in ``paths``, with the columns of ``COLUMNS``."""
    frames = []
    for path in paths:
        df = govreport.parse_file(path).to_dataframe(types="percentages")
        if df.empty:
            continue
        df.insert(0, "file", path.name)
        frames.append(df)
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    df = pd.concat(frames, ignore_index=True)
    df = df.rename(columns={"span.start": "start", "span.end": "end"})
    df["text"] = df["text"].map(lambda s: "".join(s.split()))
    return df[COLUMNS]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", type=Path, help="a folder of .txt pages or one page (default: the seeds)")
    ap.add_argument("--out", type=Path, help="write the table as CSV here instead of printing it")
    args = ap.parse_args(argv)
    path = args.path or default_path()
    if not path.exists():
        ap.error(f"no such file or folder: {path}")
    df = percentages_frame(text_files(path))
    if args.out:
        df.to_csv(args.out, index=False)
        print(f"wrote {len(df)} percentages to {args.out}", file=sys.stderr)
        return 0
    options = ("display.max_rows", None, "display.width", 200, "display.unicode.east_asian_width", True)
    with pd.option_context(*options):
        print(df.drop(columns=["start", "end"]).astype(object).fillna("").to_string(index=False))
        summary = df.fillna({"direction": "-", "relation": "-"}).groupby(["direction", "relation"]).size()
        print(f"\n{len(df)} percentages; rows per direction and relation:")
        print(summary.to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
