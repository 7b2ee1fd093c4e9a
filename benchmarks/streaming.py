"""Bounded memory of ``iter_parse`` (issue 7): peak memory over files of growing size stays flat.

The seeds (``../shared/seeds/*.txt``) repeated into UTF-8 files of about 1, 4 and 16 MB; each is
streamed through :func:`govreport.iter_parse` in a fresh subprocess under :mod:`tracemalloc`,
keeping only a running count of what was found (the documents themselves are dropped, as a
streaming consumer would). Reported: seconds and chars/s (both under tracemalloc, which slows
parsing several times: see ``peers.py`` for speed), the Python-level peak memory in MB, and the same
for ``govreport.parse`` of the whole text for comparison (skipped above ``--parse-max`` MB).

    python benchmarks/streaming.py
    python benchmarks/streaming.py --sizes 1,8 --block-chars 100000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
MARK = "@@RESULT "


def _worker(path: str, mode: str, block_chars: int) -> None:
    import time
    import tracemalloc

    import govreport

    govreport.parse(Path(path).read_text(encoding="utf-8")[:2000])  # lazy loads outside the figures
    tracemalloc.start()
    t0 = time.perf_counter()
    items = chars = 0
    if mode == "stream":
        for doc in govreport.iter_parse(path, block_chars=block_chars):
            items += sum(1 for _ in doc.items())
            chars += len(doc.text)
    else:
        text = Path(path).read_text(encoding="utf-8")
        doc = govreport.parse(text)
        items, chars = sum(1 for _ in doc.items()), len(text)
    seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    print(MARK + json.dumps({"seconds": seconds, "peak_mb": peak / 1e6, "items": items, "chars": chars}))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,4,16", help="file sizes in MB (default 1,4,16)")
    ap.add_argument("--block-chars", type=int, default=1 << 18)
    ap.add_argument("--parse-max", type=float, default=4.0, help="largest size also run through parse()")
    ap.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        _worker(args.worker[0], args.worker[1], int(args.worker[2]))
        return 0
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        sys.exit(f"no seeds in {SEEDS}")
    base = "\n\n".join(texts) + "\n\n"
    print(f"{'size':>8}  {'mode':<8} {'seconds':>8} {'chars/s':>10} {'peak MB':>8} {'items':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (float(s) for s in args.sizes.split(",")):
            text = base * max(1, round(size * 1e6 / len(base.encode("utf-8"))))
            path = Path(tmp) / f"{size}.txt"
            path.write_text(text, encoding="utf-8")
            for mode in ("stream", "parse"):
                if mode == "parse" and size > args.parse_max:
                    continue
                out = subprocess.run(
                    [sys.executable, __file__, "--worker", str(path), mode, str(args.block_chars)],
                    capture_output=True, text=True, check=True,
                ).stdout
                r = json.loads(next(line for line in out.splitlines() if line.startswith(MARK))[len(MARK):])
                print(
                    f"{size:>6.0f}MB  {mode:<8} {r['seconds']:>8.2f} {r['chars'] / r['seconds'] / 1e3:>9.0f}K"
                    f" {r['peak_mb']:>8.1f} {r['items']:>8}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
