"""Recognizers-Text's Chinese DateExtractor spec, adapted to :func:`govreport.extract_dates`.

The spec (``../shared/conformance/recognizers_text_zh/DateTime_DateExtractor.json``, MIT, copied
verbatim from microsoft/Recognizers-Text at 90e968e) gives each expected entity as ``Start`` +
``Length``; the model-level specs give an inclusive ``End``. This adapter converts both to our
half-open spans; the library is never bent to a peer's convention (STYLE.md §4, RT #758).

A case passes when the set of spans govreport finds equals the set the spec expects. Scope: the
cases whose ``NotSupported`` does not name python (52 of 56). Two kinds of them are out of scope by
design and counted as failures in the headline rate:

* reign-era years (神龙二年正月初一, 雍正四年大年三十): imperial calendars are not in government
  reports, and their dates cannot be resolved;
* numeric dates without a four-digit year (12/1, 27-7-3, 12-11-10): in reports these are
  fractions, ratios and codes far more often than dates.

Run as a script to print the rates and the failing cases::

    python tests/conformance/test_rt_dates.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
import regex

from govreport import extract_dates

SPEC = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "conformance"
    / "recognizers_text_zh"
    / "DateTime_DateExtractor.json"
)
GOAL = 0.85  # span pass rate over the python-supported cases
GOAL_IN_SCOPE = 1.0  # over the cases in scope

_ERA_YEAR = regex.compile(r"^(?![〇零一二三四五六七八九十两])\p{Han}{2}[元一二三四五六七八九十]{1,3}年")
_NO_FULL_YEAR = regex.compile(r"^[0-9]{1,2}[-/.][0-9]{1,2}(?:[-/.][0-9]{1,2})?$")


def _spans(results: list[dict[str, Any]]) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for r in results:
        start = int(r["Start"])
        end = start + int(r["Length"]) if "Length" in r else int(r["End"]) + 1  # inclusive End → half-open
        out.add((start, end))
    return out


def load_cases() -> list[dict[str, Any]]:
    if not SPEC.is_file():
        return []
    cases = json.loads(SPEC.read_text(encoding="utf-8-sig"))
    return [c for c in cases if "python" not in str(c.get("NotSupported", "")).lower()]


def in_scope(case: dict[str, Any]) -> bool:
    texts = [str(r.get("Text", "")) for r in case["Results"]]
    return not any(_ERA_YEAR.match(t) or _NO_FULL_YEAR.match(t) for t in texts)


def check(case: dict[str, Any]) -> tuple[bool, set[tuple[int, int]], set[tuple[int, int]]]:
    text = case["Input"]
    found = extract_dates(text)
    for d in found:
        assert d.text == text[d.span.start : d.span.end]
    got = {(d.span.start, d.span.end) for d in found}
    want = _spans(case["Results"])
    return got == want, want, got


def rates() -> tuple[float, float, list[str]]:
    cases = load_cases()
    failures: list[str] = []
    passed = passed_in_scope = n_in_scope = 0
    for case in cases:
        ok, want, got = check(case)
        scoped = in_scope(case)
        n_in_scope += scoped
        if ok:
            passed += 1
            passed_in_scope += scoped
        else:
            failures.append(
                f"{case['Input']!r}: want {sorted(want)} got {sorted(got)}{'' if scoped else ' (out of scope)'}"
            )
    return passed / max(len(cases), 1), passed_in_scope / max(n_in_scope, 1), failures


@pytest.mark.skipif(not SPEC.is_file(), reason="shared conformance data not available")
def test_rt_date_extractor_span_rate() -> None:
    rate, rate_in_scope, failures = rates()
    assert rate >= GOAL, failures
    assert rate_in_scope >= GOAL_IN_SCOPE, failures


@pytest.mark.skipif(not SPEC.is_file(), reason="shared conformance data not available")
def test_adapter_converts_offsets() -> None:
    assert _spans([{"Start": 3, "Length": 4}]) == {(3, 7)}
    assert _spans([{"Start": 3, "End": 6}]) == {(3, 7)}
    assert sum(in_scope(c) for c in load_cases()) == 47


if __name__ == "__main__":
    r, rs, fails = rates()
    n = len(load_cases())
    print(f"DateExtractor span pass rate: {r:.1%} of {n} python-supported cases; in scope: {rs:.1%}")
    print("\n".join(fails))
    sys.exit(0 if r >= GOAL else 1)
