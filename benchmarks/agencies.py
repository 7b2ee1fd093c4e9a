"""Agency extraction speed (issue 3): first-call load time and throughput on the seeds.

The first call of :func:`govreport.extract_agencies` loads the gazetteer, the region list and the
affixes and compiles the scanner; it is timed in a fresh process (so nothing is cached). The
throughput is measured on the five seed pages repeated to 1 MB of UTF-8 (about 350,000
characters), after that first call, best of ``--repeat`` runs. Targets: load ≤ 0.5 s, ≥ 1 MB/s.
Not a unit test: it prints the figures and exits 1 when a target is missed.

    python benchmarks/agencies.py
    python benchmarks/agencies.py --seeds ../shared/seeds --repeat 5
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

MB = 1 << 20
ROOT = Path(__file__).resolve().parent.parent
LOAD = """
import time
t0 = time.perf_counter()
import govreport
t1 = time.perf_counter()
govreport.extract_agencies("市医保局")
t2 = time.perf_counter()
import sys
print(t1 - t0, t2 - t1, "jieba" in sys.modules)
"""


def _corpus(seeds: Path, n_bytes: int) -> str:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    if not text:
        raise SystemExit(f"no seeds in {seeds}")
    out = text * (n_bytes // len(text.encode("utf-8")) + 1)
    # cut to n_bytes of UTF-8 (at a character boundary)
    return out.encode("utf-8")[:n_bytes].decode("utf-8", "ignore")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--size", type=float, default=1.0, help="corpus size in MB (default 1)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    out = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True).stdout
    import_s, load_s, jieba = out.split()
    print(f"import govreport           {float(import_s):7.3f} s")
    print(f"first extract_agencies     {float(load_s):7.3f} s   (tables + scanner; target <= 0.5 s)")
    print(f"jieba imported             {jieba}")

    from govreport import extract_agencies

    text = _corpus(args.seeds, int(args.size * MB))
    n_bytes = len(text.encode("utf-8"))
    extract_agencies("市医保局")
    best = float("inf")
    found = 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        found = len(extract_agencies(text))
        best = min(best, time.perf_counter() - t0)
    rate = n_bytes / MB / best
    print(f"extract_agencies on {n_bytes / MB:.2f} MB ({len(text):,} chars): {best:.3f} s = "
          f"{rate:.2f} MB/s, {len(text) / best / 1e6:.2f} M chars/s, {found:,} agencies (target >= 1 MB/s)")
    return 0 if float(load_s) <= 0.5 and rate >= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
