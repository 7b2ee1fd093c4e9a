"""Indicators: case tables (tests/cases/indicators/*.yaml), invariants and the seed pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport import extract_indicators
from govreport.types import Indicator

CASES = Path(__file__).parent / "cases" / "indicators"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            params.append(pytest.param(case, id=f"{path.stem}:{case['id']}", marks=marks))
    return params


def _field(row: Indicator, key: str) -> Any:
    if key == "value":
        return row.value.text
    if key == "change":
        return row.change.text if row.change is not None else None
    if key == "period":
        return row.period.resolved if row.period is not None else None
    if key == "period_text":
        return row.period.text if row.period is not None else None
    if key == "direction":
        return str(row.direction) if row.direction is not None else None
    if key == "rank":
        return row.rank.text if row.rank is not None else None
    return getattr(row, key)


def _check_spans(text: str, rows: list[Indicator]) -> None:
    for row in rows:
        assert text[row.span.start : row.span.end] == row.text
        assert text[row.value.span.start : row.value.span.end] == row.value.text
        assert row.value.span in row.span
        if row.subject_span is not None:
            assert text[row.subject_span.start : row.subject_span.end] == row.subject
        if row.change is not None:
            assert text[row.change.span.start : row.change.span.end] == row.change.text


@pytest.mark.parametrize("case", _cases())
def test_case(case: dict[str, Any]) -> None:
    rows = extract_indicators(case["input"])
    _check_spans(case["input"], rows)
    expect = case["expect"]
    assert [r.value.text for r in rows] == [e["value"] for e in expect]
    for row, want in zip(rows, expect, strict=True):
        for key, value in want.items():
            assert _field(row, key) == value, (key, row)


def test_document_and_text_agree() -> None:
    text = "全年全市实现地区生产总值5000.1亿元,比上年增长6.2%。"
    doc = govreport.parse(text)
    assert extract_indicators(doc) == list(doc.indicators) == extract_indicators(text)


def test_change_gets_no_row_of_its_own() -> None:
    rows = extract_indicators("全市市场主体82.3万户,同比增长14.6%。")
    assert [r.value.text for r in rows] == ["82.3万户"]
    assert rows[0].change is not None and rows[0].change.text == "14.6%"


def test_indices_point_into_the_same_list() -> None:
    rows = extract_indicators("平均单体投资13.5亿元,比去年高2亿元。")
    assert rows[1].value_is_change and rows[1].change_of == 0
    assert rows[0].comparison == rows[1].comparison == "比去年"


def test_nothing_found() -> None:
    assert extract_indicators("") == []
    assert extract_indicators("会议强调,要提高政治站位。") == []


def test_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        extract_indicators(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["000_fbb8be0eedbe12e2.txt", "004_487b20540690d427.txt"])
def test_seed_spans(name: str) -> None:
    path = SEEDS / name
    if not path.exists():
        pytest.skip("shared seeds not available")
    text = path.read_text(encoding="utf-8")
    rows = extract_indicators(text)
    assert len(rows) > 40
    _check_spans(text, rows)
    for i, row in enumerate(rows):
        for ref in (row.part_of, row.change_of):
            assert ref is None or (0 <= ref < len(rows) and ref != i)


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet="全市共归集发放新增其中同比增长比上年、，。,分别1234567890.%万亿元个人家“”《》（）截至今年以来\n ",
        max_size=60,
    )
)
def test_never_raises_and_spans_hold(text: str) -> None:
    _check_spans(text, extract_indicators(text))
