"""The scans that match only near an anchor find exactly what a plain scan finds.

Percentages are matched in a small window around their anchors (% ‰ 百分点 分之 成); the window
starts at the number run before the anchor, less the longest lead-in. These tests compare that with
the wide window (40 characters back) it replaced, so a lead-in or numeral added to the data tables
cannot silently fall outside the window.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport import percentages

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


_WORDS = ("百分点", "分之", "百分之", "完成")


def _wide_window_matches(norm: str) -> Iterator[regex.Match[str]]:
    pattern = percentages._pattern()
    done = 0
    for a in percentages._ANCHOR.finditer(norm):
        anchor = a.start()
        if anchor < done:
            continue
        hi = min(len(norm), a.end() + (percentages._AHEAD if a.group() == "分之" else 4))
        m = pattern.search(norm, max(done, anchor - percentages._BACK), hi)
        while m is not None and m.end() <= anchor:
            m = pattern.search(norm, m.end(), hi)
        if m is None:
            continue
        done = m.end()
        yield m


def _spans(matches: Iterator[regex.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"0123456789.,-+%‰成半个点一二两三五十百千万亿零负约近超过不到达增长了，。 ", *_WORDS]
        ),
        max_size=24,
    )
)
def test_percentage_window_equals_the_wide_window(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _spans(percentages._iter_matches(text)) == _spans(_wide_window_matches(text))


def test_percentage_window_on_the_case_tables_and_seeds() -> None:
    import yaml

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for path in sorted((ROOT / "tests" / "cases").rglob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(case, dict) and isinstance(case.get("input"), str):
                texts.append(case["input"])
    for text in texts:
        assert _spans(percentages._iter_matches(text)) == _spans(_wide_window_matches(text)), text[:60]


def test_extractors_share_one_prepared_text() -> None:
    import govreport
    from govreport.text import shared_source

    page = "全市完成投资1.4亿元,同比增长18.3%,其中技改投资占35%。\n" * 200
    source = shared_source(page)
    assert shared_source(page) is source
    assert shared_source("".join([page[:1], page[1:]])) is not source  # equal text, another object
    first = govreport.extract_percentages(page)
    first.clear()  # the caller owns the list it gets
    again = govreport.extract_percentages(page)
    assert [p.text for p in again[:3]] == ["18.3%", "35%", "18.3%"]
    assert [q.text for q in govreport.extract_quantities(page)[:2]] == ["1.4亿元", "1.4亿元"]
