"""Speed and memory of govreport against its peers, on the same text (issue 7).

The text is the five seed pages (``../shared/seeds/*.txt``) concatenated and repeated to about
1 MB of UTF-8 (10 MB with ``--big``). Every measurement runs in a fresh subprocess, so one
library's caches, lazy loads and memory never leak into another's figures:

* **chars/s**: one call on the whole text, after a warm-up call on its first 50,000 characters
  (the warm-up pays for lazy loads: jionlp's tables, govreport's pattern compiles, gazetteer and
  the lexicon entries of the common characters; ``--warmup-chars`` changes it, 2,000 until 0.1.0's
  successor: too short a slice to reach every lazy load, so part of them fell into the timed call);
* **peak memory**: a second call on the same text under :mod:`tracemalloc` (Python-level
  allocations, the memory the call itself needs, not the interpreter), reported in MB and as a
  multiple of ``sys.getsizeof(text)``;
* **maxrss**: growth of the process's peak resident set size during the timed call.

Recognizers-Text runs at a few thousand characters per second, so it is timed on a slice
(``--rt-chars``, 20,000 by default) and its figures are marked *extrapolated*.

Also measured: cold ``python -c "import govreport"`` (median of several runs, minus a bare
``python -c "pass"``), the first ``parse()`` of a seed page in a fresh process (lazy loads
included) and, with ``--big``, time(10 MB) / time(1 MB) for ``parse()``.

Run from the project root::

    python benchmarks/peers.py            # ~1 MB, prints a table
    python benchmarks/peers.py --big      # ~10 MB, adds the scaling ratio
    python benchmarks/peers.py --json     # the same figures as JSON

Peers come from the ``bench`` extra (``pip install jionlp chinese2digits recognizers-text-suite
'emoji<2'``); a peer that is not installed is skipped with a message.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
MB = 1 << 20
RESULT_MARK = "@@RESULT "

# name -> (group, module needed, description)
TARGETS: dict[str, tuple[str, str, str]] = {
    "govreport.parse": ("ours", "govreport", "parse(): every kind"),
    "govreport.quantities+percentages": ("ours", "govreport", "extract_quantities + extract_percentages"),
    "govreport.extract_agencies": ("ours", "govreport", "extract_agencies"),
    "govreport.extract_dates": ("ours", "govreport", "extract_dates"),
    "govreport.split_articles": ("ours", "govreport", "split_articles"),
    "jionlp.extract_money": ("peer", "jionlp", "money with offsets and parsed values"),
    "cn2an.transform": ("peer", "cn2an", "Chinese numerals to Arabic in running text"),
    "chinese2digits": ("peer", "chinese2digits", "takeNumberFromString"),
    "recognizers.number": ("peer", "recognizers_number", "Chinese NumberModel"),
    "recognizers.percent": ("peer", "recognizers_number", "Chinese PercentModel"),
    "recognizers.currency": ("peer", "recognizers_number_with_unit", "Chinese CurrencyModel"),
}
SLOW = {"recognizers.number", "recognizers.percent", "recognizers.currency"}

# (ours, peer, target ratio or None): printed as ours/peer
COMPARISONS: list[tuple[str, str, float | None]] = [
    ("govreport.quantities+percentages", "jionlp.extract_money", 2.0),
    ("govreport.parse", "jionlp.extract_money", 1.0),
    ("govreport.quantities+percentages", "cn2an.transform", None),
    ("govreport.quantities+percentages", "chinese2digits", None),
    ("govreport.quantities+percentages", "recognizers.currency", None),
    ("govreport.quantities+percentages", "recognizers.number", None),
    ("govreport.quantities+percentages", "recognizers.percent", None),
    ("govreport.parse", "recognizers.currency", None),
]


# ---------------------------------------------------------------------------------------------
# the text
def build_text(target_bytes: int) -> str:
    """The seeds concatenated, repeated until the UTF-8 text is at least ``target_bytes`` long."""
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no seed pages found in {SEEDS}")
    unit = "\n\n".join(p.read_text(encoding="utf-8").strip("\n") for p in paths) + "\n\n"
    unit_bytes = len(unit.encode("utf-8"))
    reps = -(-target_bytes // unit_bytes)
    return unit * reps


# ---------------------------------------------------------------------------------------------
# worker side: one measurement in this process
def _load(name: str) -> Any:
    """The callable measured under ``name`` (imports happen here, before timing)."""
    import contextlib
    import io
    import warnings

    warnings.filterwarnings("ignore")  # cn2an warns once per unparsable fragment
    if name.startswith("govreport."):
        import govreport

        if name == "govreport.parse":
            return govreport.parse
        if name == "govreport.quantities+percentages":

            def both(text: str) -> Any:
                return govreport.extract_quantities(text), govreport.extract_percentages(text)

            return both
        return getattr(govreport, name.split(".", 1)[1])
    if name == "jionlp.extract_money":
        with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner at import
            import jionlp  # type: ignore[import-untyped]
        return jionlp.ner.extract_money
    if name == "cn2an.transform":
        import cn2an

        return lambda text: cn2an.transform(text, "cn2an")
    if name == "chinese2digits":
        import chinese2digits  # type: ignore[import-untyped]

        return chinese2digits.takeNumberFromString
    if name.startswith("recognizers."):
        from recognizers_text import Culture  # type: ignore[import-untyped]

        if name == "recognizers.currency":
            from recognizers_number_with_unit import NumberWithUnitRecognizer  # type: ignore[import-untyped]

            model = NumberWithUnitRecognizer(Culture.Chinese).get_currency_model(Culture.Chinese)
        else:
            from recognizers_number import NumberRecognizer  # type: ignore[import-untyped]

            rec = NumberRecognizer(Culture.Chinese)
            model = (rec.get_number_model if name == "recognizers.number" else rec.get_percentage_model)(
                Culture.Chinese
            )
        return model.parse
    raise SystemExit(f"unknown target {name}")


def _maxrss_mb() -> float:
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (MB if sys.platform == "darwin" else 1024)


def worker(name: str, path: str, chars: int | None, memory: bool, warmup_chars: int = 50_000) -> dict[str, Any]:
    import gc
    import tracemalloc

    text = Path(path).read_text(encoding="utf-8")
    if chars is not None:
        text = text[:chars]
    t0 = time.perf_counter()
    fn = _load(name)
    import_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    fn(text[:warmup_chars])  # warm-up: lazy loads, caches
    warmup_s = time.perf_counter() - t0
    gc.collect()
    rss_before = _maxrss_mb()
    t0 = time.perf_counter()
    result = fn(text)
    seconds = time.perf_counter() - t0
    rss_growth = _maxrss_mb() - rss_before
    del result
    out: dict[str, Any] = {
        "name": name,
        "chars": len(text),
        "bytes": len(text.encode("utf-8")),
        "seconds": seconds,
        "chars_per_s": len(text) / seconds if seconds > 0 else float("inf"),
        "import_s": import_s,
        "warmup_s": warmup_s,
        "maxrss_growth_mb": rss_growth,
        "input_sizeof_mb": sys.getsizeof(text) / MB,
    }
    if memory:
        gc.collect()
        tracemalloc.start()
        result = fn(text)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del result
        out["peak_mb"] = peak / MB
        out["peak_x_input"] = peak / sys.getsizeof(text)
    return out


def first_parse_worker(path: str) -> dict[str, Any]:
    """Import, then the first ``parse()`` of one seed page, in a fresh process."""
    page = Path(path).read_text(encoding="utf-8")
    t0 = time.perf_counter()
    import govreport

    t1 = time.perf_counter()
    govreport.parse(page)
    t2 = time.perf_counter()
    govreport.parse(page)
    t3 = time.perf_counter()
    return {"import_s": t1 - t0, "first_parse_s": t2 - t1, "second_parse_s": t3 - t2, "chars": len(page)}


# ---------------------------------------------------------------------------------------------
# driver side
def _run_child(args: list[str], timeout: float) -> dict[str, Any]:
    env = dict(os.environ, PYTHONHASHSEED="0")
    # an installed package has its bytecode compiled (pip does it); let the children write and
    # reuse it, or every fresh process would compile govreport's modules from source
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
    )
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            return dict(json.loads(line[len(RESULT_MARK) :]))
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
    return {"error": " | ".join(tail) or f"exit status {proc.returncode}"}


def available(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def measure(
    name: str, path: str, *, chars: int | None, memory: bool, timeout: float, warmup_chars: int = 50_000
) -> dict[str, Any]:
    args = ["--worker", name, "--text-file", path, "--warmup-chars", str(warmup_chars)]
    if chars is not None:
        args += ["--chars", str(chars)]
    if memory:
        args.append("--memory")
    try:
        res = _run_child(args, timeout)
    except subprocess.TimeoutExpired:
        res = {"error": f"timed out after {timeout:.0f} s"}
    res["name"] = name
    return res


def cold_import(runs: int) -> dict[str, Any]:
    def wall(code: str) -> float:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        return time.perf_counter() - t0

    wall("import govreport")  # the first run fills the OS file cache and writes .pyc files
    bare = statistics.median(wall("pass") for _ in range(runs))
    total = statistics.median(wall("import govreport") for _ in range(runs))
    check = subprocess.run(
        [sys.executable, "-c", "import sys, govreport; print(sorted({'jieba', 'cn2an'} & set(sys.modules)))"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout.strip()
    return {
        "runs": runs,
        "python_bare_s": bare,
        "python_import_govreport_s": total,
        "import_govreport_s": total - bare,
        "heavy_modules_loaded": check,
    }


def fmt_rate(x: float | None) -> str:
    if x is None:
        return "-"
    if x >= 1e6:
        return f"{x / 1e6:.2f} M"
    if x >= 1e3:
        return f"{x / 1e3:.1f} K"
    return f"{x:.0f}"


def print_report(report: dict[str, Any]) -> None:
    meta = report["meta"]
    print(f"govreport {meta['govreport_version']} | Python {meta['python']} | {meta['machine']}")
    print(
        f"text: {meta['chars']:,} chars, {meta['bytes'] / MB:.2f} MB UTF-8 "
        f"({meta['size_label']}); Recognizers-Text on the first {meta['rt_chars']:,} chars, extrapolated"
    )
    print()
    header = f"{'what':<36} {'chars/s':>10} {'seconds':>9} {'peak MB':>8} {'x input':>8} {'maxrss+':>8}  note"
    print(header)
    print("-" * len(header))
    for row in report["results"]:
        if "error" in row or "skipped" in row:
            print(
                f"{row['name']:<36} {'-':>10} {'-':>9} {'-':>8} {'-':>8} {'-':>8}  {row.get('skipped') or row['error']}"
            )
            continue
        note = "extrapolated from a slice" if row["name"] in SLOW else ""
        peak = f"{row['peak_mb']:.1f}" if "peak_mb" in row else "-"
        xin = f"{row['peak_x_input']:.1f}" if "peak_x_input" in row else "-"
        print(
            f"{row['name']:<36} {fmt_rate(row['chars_per_s']):>10} {row['seconds']:>9.3f} {peak:>8} {xin:>8} "
            f"{row['maxrss_growth_mb']:>8.1f}  {note}"
        )
    print()
    print(f"{'ours / peer (chars/s ratio)':<70} {'ratio':>8} {'target':>8}")
    for c in report["comparisons"]:
        ratio = "-" if c["ratio"] is None else f"{c['ratio']:.2f}x"
        target = "" if c["target"] is None else f">= {c['target']:g}x " + ("ok" if c["met"] else "MISSED")
        print(f"{c['ours'] + '  vs  ' + c['peer']:<70} {ratio:>8} {target:>8}")
    print()
    ci = report["cold_import"]
    print(
        f"cold import: python -c 'import govreport' {ci['python_import_govreport_s'] * 1000:.0f} ms, "
        f"bare python {ci['python_bare_s'] * 1000:.0f} ms -> import cost {ci['import_govreport_s'] * 1000:.0f} ms "
        f"(median of {ci['runs']}; target <= 100 ms); jieba/cn2an loaded at import: {ci['heavy_modules_loaded']}"
    )
    fp = report["first_parse"]
    if "error" in fp:
        print(f"first parse(): {fp['error']}")
    else:
        print(
            f"first parse() of a {fp['chars']:,}-char seed page in a fresh process: "
            f"{fp['first_parse_s'] * 1000:.0f} ms "
            f"incl. lazy loads (target <= 1 s); second: {fp['second_parse_s'] * 1000:.0f} ms"
        )
    sc = report.get("scaling")
    if sc:
        print(
            f"parse() scaling: {sc['seconds_big']:.2f} s for {sc['mb_big']:.1f} MB / {sc['seconds_small']:.2f} s for "
            f"{sc['mb_small']:.1f} MB = {sc['ratio']:.2f} (size ratio {sc['size_ratio']:.1f}; target <= 11)"
        )
    else:
        print("parse() scaling: run with --big for time(10 MB) / time(1 MB)")
    mem = report.get("memory_target")
    if mem:
        print(f"parse() peak memory: {mem['peak_x_input']:.1f}x the input's size in memory (target <= 5x)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--big", action="store_true", help="about 10 MB instead of 1 MB; adds time(10 MB)/time(1 MB)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--mb", type=float, default=None, help="text size in MB (default 1, or 10 with --big)")
    ap.add_argument("--rt-chars", type=int, default=20_000, help="slice for Recognizers-Text (default 20000)")
    ap.add_argument("--only", default=None, help="comma-separated target names to run")
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass (faster)")
    ap.add_argument("--import-runs", type=int, default=9)
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds per measurement")
    # worker mode (internal)
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--first-parse", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--text-file", help=argparse.SUPPRESS)
    ap.add_argument("--chars", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument(
        "--warmup-chars", type=int, default=50_000, help="characters of the warm-up call (default 50000)"
    )
    ap.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        print(RESULT_MARK + json.dumps(worker(args.worker, args.text_file, args.chars, args.memory, args.warmup_chars)))
        return 0
    if args.first_parse:
        print(RESULT_MARK + json.dumps(first_parse_worker(args.text_file)))
        return 0

    mb = args.mb if args.mb is not None else (10.0 if args.big else 1.0)
    text = build_text(int(mb * MB))
    names = list(TARGETS) if args.only is None else [n.strip() for n in args.only.split(",")]

    def log(*a: object) -> None:  # progress goes to stderr, so --json output stays clean
        print(*a, file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as tmp:
        path = str(Path(tmp) / "text.txt")
        Path(path).write_text(text, encoding="utf-8")
        results: list[dict[str, Any]] = []
        for name in names:
            _, module, _ = TARGETS[name]
            if not available(module):
                log(f"skip {name}: {module} is not installed (pip install 'govreport[bench]')")
                results.append({"name": name, "skipped": f"not installed: {module}"})
                continue
            chars = args.rt_chars if name in SLOW else None
            log(f"measuring {name} ...")
            res = measure(
                name, path, chars=chars, memory=not args.no_memory, timeout=args.timeout, warmup_chars=args.warmup_chars
            )
            if name in SLOW and "error" not in res:
                res["extrapolated"] = True
            results.append(res)
            if "error" in res:
                log(f"  {name} failed: {res['error']}")

        scaling = None
        if args.big and "govreport.parse" in names:
            log("measuring govreport.parse on 1 MB for the scaling ratio ...")
            small_path = str(Path(tmp) / "small.txt")
            small = build_text(MB)
            Path(small_path).write_text(small, encoding="utf-8")
            small_res = measure(
                "govreport.parse",
                small_path,
                chars=None,
                memory=False,
                timeout=args.timeout,
                warmup_chars=args.warmup_chars,
            )
            big_res = next(r for r in results if r["name"] == "govreport.parse")
            if "error" not in small_res and "error" not in big_res:
                scaling = {
                    "seconds_small": small_res["seconds"],
                    "mb_small": small_res["bytes"] / MB,
                    "seconds_big": big_res["seconds"],
                    "mb_big": big_res["bytes"] / MB,
                    "size_ratio": big_res["bytes"] / small_res["bytes"],
                    "ratio": big_res["seconds"] / small_res["seconds"] if small_res["seconds"] else float("inf"),
                }

        log("measuring cold import and first parse() ...")
        seed_page = str(sorted(SEEDS.glob("*.txt"))[0])
        try:
            _run_child(["--first-parse", "--text-file", seed_page], args.timeout)  # writes the bytecode
            first = _run_child(["--first-parse", "--text-file", seed_page], args.timeout)
        except subprocess.TimeoutExpired:
            first = {"error": "timed out"}
    cold = cold_import(args.import_runs)

    by_name = {r["name"]: r for r in results}
    comparisons = []
    for ours, peer, target in COMPARISONS:
        a, b = by_name.get(ours), by_name.get(peer)
        if not a or not b or "chars_per_s" not in a or "chars_per_s" not in b:
            continue
        ratio = a["chars_per_s"] / b["chars_per_s"]
        comparisons.append(
            {
                "ours": ours,
                "peer": peer,
                "ratio": ratio,
                "target": target,
                "met": None if target is None else ratio >= target,
            }
        )
    import govreport

    parse_row = by_name.get("govreport.parse", {})
    report: dict[str, Any] = {
        "meta": {
            "govreport_version": govreport.__version__,
            "python": platform.python_version(),
            "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
            "chars": len(text),
            "bytes": len(text.encode("utf-8")),
            "size_label": f"{mb:g} MB target",
            "rt_chars": args.rt_chars,
            "warmup_chars": args.warmup_chars,
            "command": "python benchmarks/peers.py" + (" --big" if args.big else ""),
        },
        "results": results,
        "comparisons": comparisons,
        "cold_import": cold,
        "first_parse": first,
        "scaling": scaling,
        "memory_target": (
            {"peak_x_input": parse_row["peak_x_input"], "met": parse_row["peak_x_input"] <= 5}
            if "peak_x_input" in parse_row
            else None
        ),
    }
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
