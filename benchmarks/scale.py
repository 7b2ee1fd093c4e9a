"""Corpus scale: parse_many on 1 vs N processes, and a Dask bag, over ~20 MB of seed text.

    .venv/bin/python benchmarks/scale.py                 # 20 MB, 2 processes
    .venv/bin/python benchmarks/scale.py --mb 5 --write-docs docs/scale.md

The corpus is ../shared/seeds/*.txt repeated (alternately UTF-8 and GB18030 copies, so decoding is
part of the work) into a temporary folder of files. Reported: wall time and MB/s for
``parse_many(paths, processes=1)`` (in this process, after a warm-up parse) and for
``processes=N``, the speed-up, the same corpus as a Dask bag on a local cluster of N worker
processes (``distributed``; dask's process pool without it), and the resident memory of each
worker sampled through the run: at its start, its peak and its end (flat when the three agree).
``--write-docs`` replaces the block between ``<!-- scale:begin -->`` and ``<!-- scale:end -->``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def build_corpus(folder: Path, megabytes: float) -> tuple[list[Path], float]:
    """Files of seed text, alternately UTF-8 and GB18030; returns them and their size as UTF-8 in MB."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        sys.exit(f"no seeds in {SEEDS}")
    paths: list[Path] = []
    size, i = 0, 0
    while size < megabytes * 1_000_000:
        text = texts[i % len(texts)]
        data = text.encode("utf-8" if i % 2 == 0 else "gb18030")
        path = folder / f"{i:06}.txt"
        path.write_bytes(data)
        paths.append(path)
        size += len(text.encode("utf-8"))
        i += 1
    return paths, size / 1e6


class RssSampler:
    """Samples the resident memory of every descendant process every ``interval`` seconds."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.series: dict[int, list[int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            import psutil  # type: ignore[import-untyped]
        except ImportError:
            return
        me = psutil.Process()
        while not self._stop.is_set():
            for child in me.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    self.series.setdefault(child.pid, []).append(child.memory_info().rss)
            self._stop.wait(self.interval)

    def summary(self) -> list[tuple[float, float, float]]:
        """(start, peak, end) MB of each worker: sampled at least 4 times, over 40 MB (not a helper)."""
        out = []
        for series in self.series.values():
            if len(series) >= 4 and max(series) > 40e6:
                quarter = max(1, len(series) // 4)
                start = statistics.median(series[:quarter]) / 1e6
                end = statistics.median(series[-quarter:]) / 1e6
                out.append((start, max(series) / 1e6, end))
        return sorted(out, key=lambda s: -s[1])


def timed(label: str, run: Callable[[], int], megabytes: float) -> dict[str, Any]:
    print(f"{label} …", file=sys.stderr, flush=True)
    with RssSampler() as sampler:
        t0 = time.perf_counter()
        items = run()
        seconds = time.perf_counter() - t0
    row = {"label": label, "seconds": seconds, "mb_s": megabytes / seconds, "items": items, "rss": sampler.summary()}
    print(f"  {seconds:.1f} s, {megabytes / seconds:.2f} MB/s, {items} items", file=sys.stderr, flush=True)
    return row


def count_items(docs: Iterable[Any]) -> int:
    return sum(sum(1 for _ in d.items()) for d in docs)


def _count_one(doc: Any) -> int:
    return sum(1 for _ in doc.items())


@contextlib.contextmanager
def dask_runner(paths: list[Path], folder: Path, processes: int) -> Iterator[Callable[[], int]]:
    """A callable computing the item count of the corpus as a Dask bag; the cluster starts outside the timing."""
    import govreport.dask as gdask

    bag: Any = gdask.parse_bag(gdask.read_folder(folder, npartitions=max(processes * 8, len(paths) // 50)))
    counts = bag.map(_count_one).sum()
    try:
        import distributed
    except ImportError:
        yield lambda: int(counts.compute(scheduler="processes", num_workers=processes))
        return
    dist: Any = distributed  # untyped
    with (
        dist.LocalCluster(n_workers=processes, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        dist.Client(cluster) as client,
    ):
        client.run(_warm_up)
        yield lambda: int(counts.compute(scheduler=client))


def _warm_up() -> None:
    import govreport

    govreport.parse("2020年,全市医疗救助资金支出1.4亿元,增长18.3%。")


def render(rows: list[dict[str, Any]], args: argparse.Namespace, corpus_mb: float, files: int) -> str:
    seq = rows[0]["seconds"]
    lines = [
        f"Measured {datetime.date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; corpus {corpus_mb:.1f} MB of seed text in {files} files "
        f"(half UTF-8, half GB18030); load average before the run "
        f"{', '.join(f'{x:.1f}' for x in args.load_before)}.",
        "",
        "| run | wall time | throughput | speed-up | worker memory (start → peak → end) |",
        "|---|---:|---:|---:|---|",
    ]
    for row in rows:
        rss = "; ".join(f"{s:.0f} → {p:.0f} → {e:.0f} MB" for s, p, e in row["rss"]) or "(this process)"
        lines.append(
            f"| {row['label']} | {row['seconds']:.1f} s | {row['mb_s']:.2f} MB/s | "
            f"{seq / row['seconds']:.2f}× | {rss} |"
        )
    lines += ["", f"Command: `.venv/bin/python benchmarks/scale.py --mb {args.mb:g} --processes {args.processes}`"]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="corpus size in MB of UTF-8 text (default 20)")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--chunksize", type=int, default=4)
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--write-docs", type=Path, help="put the figures into this Markdown file")
    args = ap.parse_args()
    args.load_before = os.getloadavg()

    import govreport

    with tempfile.TemporaryDirectory(prefix="govreport-scale-") as tmp:
        folder = Path(tmp)
        paths, corpus_mb = build_corpus(folder, args.mb)
        print(f"corpus: {len(paths)} files, ~{corpus_mb:.1f} MB", file=sys.stderr)
        _warm_up()  # jieba and the tables: counted for neither run
        n = args.processes
        rows = [
            timed(
                "parse_many, 1 process",
                lambda: count_items(govreport.parse_many(paths, processes=1)),
                corpus_mb,
            ),
            timed(
                f"parse_many, {n} processes",
                lambda: count_items(govreport.parse_many(paths, processes=n, chunksize=args.chunksize)),
                corpus_mb,
            ),
        ]
        if not args.no_dask:
            try:
                with dask_runner(paths, folder, n) as run:
                    rows.append(timed(f"Dask bag, {n} worker processes", run, corpus_mb))
            except ImportError as err:
                print(f"skipping Dask: {err}", file=sys.stderr)
        counts = {row["items"] for row in rows}
        assert len(counts) == 1, f"runs disagree on the number of items: {counts}"

    text = render(rows, args, corpus_mb, len(paths))
    print(text)
    if args.write_docs:
        doc = args.write_docs.read_text(encoding="utf-8")
        begin, end = "<!-- scale:begin -->", "<!-- scale:end -->"
        head, _, rest = doc.partition(begin)
        _, _, tail = rest.partition(end)
        args.write_docs.write_text(f"{head}{begin}\n{text}\n{end}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
