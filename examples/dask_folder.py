"""Parse a folder of report pages with Dask and print how many items of each type every file holds.

It builds the bag with ``govreport.dask.read_folder`` (paths only; files are read on the workers),
maps ``govreport.dask.parse_bag`` over it, and computes two results from the one graph: per-file
counts (articles, quantities, percentages, agencies, dates, ranks, indicators) and, through
``govreport.dask.records``, the total number of rows per item type. Needs Dask
(``pip install 'govreport[dask]'``).

By default it runs on Dask's local ``processes`` scheduler with 2 workers; ``--sync`` uses the
single-threaded synchronous scheduler (easiest to debug) and ``--distributed`` starts a local
``dask.distributed`` cluster of ``--workers`` processes instead.

Usage::

    python examples/dask_folder.py [FOLDER] [--workers 2] [--sync | --distributed] [--out counts.tsv]

Without a folder it reads every ``*.txt`` under ``../shared/seeds`` (next to the repository) when
that folder exists and ``examples/`` (the bundled ``sample.txt``) otherwise. The table goes to
stdout unless ``--out`` is given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import dask

import govreport
from govreport.dask import parse_bag, read_folder, records

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "shared" / "seeds"
TYPES = ["articles", "quantities", "percentages", "agencies", "dates", "ranks", "indicators"]


def default_folder() -> Path:
    """The seeds folder when present, else this folder (which holds ``sample.txt``)."""
    return SEEDS if SEEDS.is_dir() else HERE


def counts(doc: govreport.Document) -> dict[str, Any]:
    """The file name, its encoding, its length in characters and the number of items of each type."""
    row: dict[str, Any] = {"file": Path(doc.source or "?").name, "encoding": doc.encoding, "chars": len(doc.text)}
    row.update({name: len(getattr(doc, name)) for name in TYPES})
    return row


def table(rows: list[dict[str, Any]], totals: dict[str, int]) -> str:
    """Per-file counts as a tab-separated table, then a line of totals per item type."""
    columns = ["file", "encoding", "chars", *TYPES]
    lines = ["\t".join(columns)]
    lines += ["\t".join(str(row[c]) for c in columns) for row in rows]
    lines.append("\t".join(["total", "", str(sum(r["chars"] for r in rows)), *(str(totals.get(t, 0)) for t in TYPES)]))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", type=Path, help="a folder of .txt pages, searched recursively")
    ap.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--sync", action="store_true", help="use the synchronous scheduler (one thread)")
    mode.add_argument("--distributed", action="store_true", help="use a local dask.distributed cluster")
    ap.add_argument("--out", type=Path, help="write the table here instead of stdout")
    args = ap.parse_args(argv)
    folder = args.folder or default_folder()
    if not folder.is_dir():
        ap.error(f"not a folder: {folder}")

    docs = parse_bag(read_folder(folder, npartitions=2 * args.workers))
    per_file = docs.map(counts)
    per_type = records(docs, source=False).pluck("type").frequencies()

    if args.sync:
        rows, freqs = dask.compute(per_file, per_type, scheduler="sync")
    elif args.distributed:
        from distributed import Client, LocalCluster

        with (
            LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=None) as cluster,
            Client(cluster) as client,
        ):
            rows, freqs = client.compute([per_file, per_type], sync=True)
    else:
        rows, freqs = dask.compute(per_file, per_type, scheduler="processes", num_workers=args.workers)

    out = table(rows, dict(freqs))
    if args.out:
        args.out.write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
