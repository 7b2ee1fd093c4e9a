"""Parsing in threads gives the same results as parsing one text after another (issue 7).

govreport keeps caches (compiled patterns, the lexicon's loaded shards, the last prepared text of
the ``extract_*`` functions); none of them may let one thread's text leak into another's results.
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml

import govreport

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))


def _inputs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    cases: list[str] = []
    for path in sorted((ROOT / "tests" / "cases").rglob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(case, dict) and isinstance(case.get("input"), str):
                cases.append(case["input"])
    texts += cases[::3]  # every feature's tables, a third of their rows
    # long texts too, so that the extractors' shared prepared text is in play
    texts += ["\n\n".join(cases[i : i + 40]) for i in range(0, len(cases), 160)]
    return texts


def _extract_all(text: str) -> tuple[Any, ...]:
    return (
        govreport.extract_quantities(text),
        govreport.extract_percentages(text),
        govreport.extract_agencies(text),
        govreport.extract_dates(text),
    )


def test_parse_in_a_thread_pool_equals_sequential() -> None:
    texts = _inputs()
    expected = [govreport.parse(t) for t in texts]
    order = list(range(len(texts))) * 2
    random.Random(3).shuffle(order)
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda i: (i, govreport.parse(texts[i])), order))
    assert all(doc == expected[i] for i, doc in got)


def test_extractors_in_a_thread_pool_equal_sequential() -> None:
    texts = _inputs()
    expected = [_extract_all(t) for t in texts]
    order = list(range(len(texts))) * 2
    random.Random(5).shuffle(order)
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda i: (i, _extract_all(texts[i])), order))
    assert all(result == expected[i] for i, result in got)
