"""Pathological inputs: ``govreport.parse`` must stay linear and fast on each (issue 7).

Each input is built in memory, parsed once by :func:`govreport.parse` (after a warm-up parse of
a short text, so lazy loads are not counted) and timed; the figure is seconds per MB of UTF-8.
Any input slower than ``--limit`` s/MB (2 by default) or raising fails the run with exit
status 1, naming the input. ``--quick`` uses 1/10 of the sizes (for CI).

    python benchmarks/pathological.py --quick
    python benchmarks/pathological.py            # full sizes: 10^6 digits, 1 MB lines…

Each input also gets a timeout (``--timeout``, 60 s by default, in a child process) so a hang
is reported as a failure instead of blocking CI.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import time
from collections.abc import Callable
from typing import Any

MB = 1 << 20


def _pad(s: str, width: int) -> str:
    """``s`` left-aligned in ``width`` terminal columns (CJK characters are two columns wide)."""
    from govreport.text import display_width

    return s + " " * max(0, width - display_width(s))


def _repeat_to(unit: str, n_bytes: int) -> str:
    size = len(unit.encode("utf-8", "surrogatepass"))
    return unit * max(1, n_bytes // size)


def _nested(n: int) -> str:
    opening = "“‘《(（【「『[〈"
    closing = "”’》)）】」』]〉"
    k = len(opening)
    left = "".join(opening[i % k] for i in range(n))
    right = "".join(closing[i % k] for i in reversed(range(n)))
    return left + "增长5%共1.4亿元" + right


def _surrogates(n_bytes: int) -> str:
    unit = "\ud800收入\x001.4亿元\udfff\x00增长\ud83d5%\x00\x00市财政局\udc00"
    return _repeat_to(unit, n_bytes)


def _mixed(n_bytes: int) -> str:
    unit = (
        "GDP增长5.2%, revenue $1.4bn; Доход 3万руб; 収入は１．４億円; "
        "٣٤٥ مليون 🇨🇳💰 1,234.5万元 ⅩⅡ月 ①②③ 壹仟贰佰元整 "
        "市财政局\u200b\u200d\ufeff ２０２３年３月２日 ﬁ ℃ ‰ 𠀀𠀁 α+β=γ\r\n"
    )
    return _repeat_to(unit, n_bytes)


def inputs(scale: float) -> list[tuple[str, Callable[[], str]]]:
    """(name, builder) for each pathological input at ``scale`` (1 = full size)."""
    n6 = int(10**6 * scale)
    n5 = int(10**5 * scale)
    one_mb = int(MB * scale)
    return [
        ("10^6 digits", lambda: "1234567890" * (n6 // 10)),
        ("10^6 digits with separators", lambda: "1,234,567." * (n6 // 10)),
        ("10^5 x 万", lambda: "万" * n5),
        ("10^5 x 1万", lambda: "1万" * n5),
        ("10^5 x 、", lambda: "、" * n5),
        ("10^5 x 1.4亿元、", lambda: "1.4亿元、" * n5),
        ("10^5 x 百分之", lambda: "百分之" * n5),
        ("10^5 x 百分之五十", lambda: "百分之五十" * n5),
        ("10^5 Chinese numeral characters", lambda: "一二三四五六七八九十百千万亿" * (n5 // 14)),
        (
            "1 MB without a newline",
            lambda: _repeat_to("全市一般公共预算收入完成218.6亿元,同比增长6.4%,居全省第3位。", one_mb),
        ),
        ("1 MB of newlines", lambda: "\n" * one_mb),
        ("1 MB of short lines", lambda: _repeat_to("菏泽\n", one_mb)),
        ("1 MB of spaces", lambda: " " * one_mb),
        ("1 MB of full-width spaces", lambda: "\u3000" * (one_mb // 3)),
        ("10^5 nested quotes and brackets", lambda: _nested(n5)),
        ("10^5 unbalanced openers", lambda: "“《(【" * (n5 // 4)),
        ("lone surrogates and NULs", lambda: _surrogates(one_mb)),
        ("mixed scripts", lambda: _mixed(one_mb)),
        ("10^5 x 本报讯", lambda: _repeat_to("本报讯(记者 王)\n", one_mb // 4)),
        ("10^5 x ** and #", lambda: _repeat_to("**#\n# ", one_mb // 4)),
    ]


def _child(name: str, scale: float, conn: Any) -> None:
    text = dict(inputs(scale))[name]()
    size = len(text.encode("utf-8", "surrogatepass"))
    try:
        import govreport

        govreport.parse("全市一般公共预算收入完成218.6亿元,同比增长6.4%。市财政局 2023年3月2日")  # warm-up
        t0 = time.perf_counter()
        doc = govreport.parse(text)
        seconds = time.perf_counter() - t0
        n_items = sum(1 for _ in doc.items())
        conn.send({"seconds": seconds, "bytes": size, "chars": len(text), "items": n_items})
    except BaseException as exc:  # report, don't hide: the parent turns this into a failure
        conn.send({"error": f"{type(exc).__name__}: {exc}"[:300], "bytes": size, "chars": len(text)})


def run_one(name: str, scale: float, timeout: float) -> dict[str, Any]:
    ctx = mp.get_context("spawn") if sys.platform == "win32" else mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(name, scale, child))
    proc.start()
    child.close()
    result: dict[str, Any]
    if parent.poll(timeout):
        try:
            result = parent.recv()
        except EOFError:
            result = {"error": "child died"}
    else:
        result = {"error": f"no result within {timeout:.0f} s (hang?)"}
    proc.join(1)
    if proc.is_alive():
        proc.kill()
        proc.join()
    if "error" not in result and proc.exitcode not in (0, None):
        result["error"] = f"child exit status {proc.exitcode}"
    result["name"] = name
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Pathological inputs for govreport.parse (<= 2 s/MB each).")
    ap.add_argument("--quick", action="store_true", help="1/10 of the sizes (CI)")
    ap.add_argument("--limit", type=float, default=2.0, help="max seconds per MB (default 2)")
    ap.add_argument("--timeout", type=float, default=60.0, help="max seconds per input (default 60)")
    ap.add_argument("--only", default=None, help="substring: run only inputs whose name contains it")
    ap.add_argument(
        "--linearity",
        type=float,
        default=None,
        metavar="K",
        help="also run each input K times bigger and fail when its time grows more than 1.7*K times "
        "(a super-linear stage; skipped when the bigger run takes under 0.3 s)",
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    scale = 0.1 if args.quick else 1.0

    if sys.platform != "win32":
        # forked children inherit what the parent has loaded: warm up once here, not once per input
        import govreport

        govreport.parse("全市一般公共预算收入完成218.6亿元,同比增长6.4%。市财政局 2023年3月2日")
    rows = []
    failed = []
    for name, _ in inputs(scale):
        if args.only and args.only not in name:
            continue
        res = run_one(name, scale, args.timeout)
        if "error" not in res:
            mb = res["bytes"] / MB
            # tiny inputs are dominated by fixed costs; never extrapolate below 0.1 MB
            res["s_per_mb"] = res["seconds"] / max(mb, 0.1 * scale)
            res["ok"] = res["s_per_mb"] <= args.limit
        else:
            res["ok"] = False
        if args.linearity and res["ok"]:
            big = run_one(name, scale * args.linearity, args.timeout)
            if "error" in big:
                res["ok"], res["error"] = False, f"at {args.linearity:g}x: {big['error']}"
            else:
                res["growth"] = big["seconds"] / max(res["seconds"], 1e-9)
                if big["seconds"] >= 0.3 and res["growth"] > 1.7 * args.linearity:
                    res["ok"] = False
                    res["error"] = f"super-linear: {args.linearity:g}x the text took {res['growth']:.1f}x the time"
        if not res["ok"]:
            failed.append(res["name"])
        rows.append(res)
        if not args.json:
            if "error" in res and "s_per_mb" not in res:
                print(f"{_pad(name, 34)} {'FAIL':>8}  {res['error']}", flush=True)
            else:
                growth = f"  x{res['growth']:.1f} at {args.linearity:g}x" if "growth" in res else ""
                verdict = "ok" if res["ok"] else res.get("error", "TOO SLOW")
                print(
                    f"{_pad(name, 34)} {res['bytes'] / MB:>7.2f} MB {res['seconds']:>8.3f} s "
                    f"{res['s_per_mb']:>7.2f} s/MB"
                    f" {res['items']:>7} items{growth}  {verdict}",
                    flush=True,
                )
    if args.json:
        print(json.dumps({"scale": scale, "limit_s_per_mb": args.limit, "results": rows, "failed": failed}, indent=2))
    elif failed:
        print(f"\nFAILED ({len(failed)}): " + "; ".join(failed) + f"  (limit {args.limit:g} s/MB)")
    else:
        print(f"\nall {len(rows)} inputs within {args.limit:g} s/MB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
