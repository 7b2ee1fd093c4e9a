"""Issue 2's throughput check: govreport's quantities + percentages and full ``parse()`` side by side
with ``jionlp.ner.extract_money`` on the same ~1 MB of seed text, in one run.

A shortcut to ``peers.py`` with just those targets (each in a fresh subprocess, after a warm-up
call); ``peers.py`` is the full comparison with every peer, memory and the first-parse time::

    python benchmarks/throughput.py            # table with the ratios ours / jionlp
    python benchmarks/throughput.py --mb 10    # about 10 MB
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers  # the sibling script, found through the path set just above

TARGETS = ("govreport.quantities+percentages", "govreport.parse", "jionlp.extract_money")


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    return peers.main(["--only", ",".join(TARGETS), "--no-memory", "--import-runs", "1", *args])


if __name__ == "__main__":
    raise SystemExit(main())
