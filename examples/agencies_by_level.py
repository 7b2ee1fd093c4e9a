"""Count the agencies mentioned across a folder of report pages, per administrative level.

For each level (国家, 省, 市, 县, 区, 乡镇, and "-" when the level is not known) it prints the number
of mentions, the number of distinct canonical names, and the most-mentioned canonical names with
their counts. A mention is one ``Agency`` of ``Document.agencies``; an item of a distributed list
(牡丹区、曹县医保局) counts once per item.

Usage::

    python examples/agencies_by_level.py [FOLDER_OR_FILE] [--top 3] [--out table.txt]

Without a path it reads every ``*.txt`` in ``../shared/seeds`` (next to the repository) when that
folder exists and ``examples/`` (the bundled ``sample.txt``) otherwise. The table goes to stdout
unless ``--out`` is given.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import govreport

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "shared" / "seeds"
LEVELS = ["国家", "省", "市", "县", "区", "乡镇"]
UNKNOWN = "-"


def default_path() -> Path:
    """The seeds folder when present, else this folder (which holds ``sample.txt``)."""
    return SEEDS if SEEDS.is_dir() else HERE


def text_files(path: Path) -> list[Path]:
    """``path`` itself when it is a file, else the ``*.txt`` files in it, sorted."""
    return [path] if path.is_file() else sorted(p for p in path.glob("*.txt") if p.is_file())


def count_by_level(paths: list[Path]) -> dict[str, Counter[str]]:
    """Level → Counter of canonical names, over every agency mention in ``paths``."""
    by_level: dict[str, Counter[str]] = {}
    for path in paths:
        for agency in govreport.parse_file(path).agencies:
            by_level.setdefault(agency.level or UNKNOWN, Counter())[agency.canonical] += 1
    return by_level


def width(s: str) -> int:
    """Display width in a terminal: East Asian wide and full-width characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def pad(s: str, n: int) -> str:
    return s + " " * max(0, n - width(s))


def table(by_level: dict[str, Counter[str]], top: int) -> str:
    """The counts as a fixed-width text table, levels from national down, unknown last."""
    order = [lv for lv in LEVELS if lv in by_level]
    order += sorted(lv for lv in by_level if lv not in LEVELS and lv != UNKNOWN)
    order += [UNKNOWN] if UNKNOWN in by_level else []
    header = ["level", "mentions", "distinct", f"top {top} canonical names"]
    rows = [
        [
            lv,
            str(sum(by_level[lv].values())),
            str(len(by_level[lv])),
            ", ".join(f"{name} ({n})" for name, n in by_level[lv].most_common(top)),
        ]
        for lv in order
    ]
    total = sum(sum(c.values()) for c in by_level.values())
    distinct = sum(len(c) for c in by_level.values())  # distinct (level, canonical name) pairs
    rows.append(["all", str(total), str(distinct), ""])
    widths = [max(width(r[i]) for r in [header, *rows]) for i in range(3)]
    lines = [
        "  ".join([pad(r[0], widths[0]), r[1].rjust(widths[1]), r[2].rjust(widths[2]), r[3]]).rstrip()
        for r in [header, *rows]
    ]
    rule = "-" * max(width(line) for line in lines)
    lines = [lines[0], rule, *lines[1:-1], rule, lines[-1]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", type=Path, help="a folder of .txt pages or one page (default: the seeds)")
    ap.add_argument("--top", type=int, default=3, help="canonical names to list per level (default 3)")
    ap.add_argument("--out", type=Path, help="write the table here instead of stdout")
    args = ap.parse_args(argv)
    path = args.path or default_path()
    if not path.exists():
        ap.error(f"no such file or folder: {path}")
    paths = text_files(path)
    out = f"agencies in {len(paths)} file(s) under {path}\n\n" + table(count_by_level(paths), args.top)
    if args.out:
        args.out.write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
