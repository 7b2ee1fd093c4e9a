"""Dates, periods and ranks (issue 5): case tables, data tables, invariants and properties.

* ``tests/cases/dates/*.yaml`` and ``tests/cases/ranks/*.yaml``: one parametrized runner each.
  ``extract_dates(input, reference_date=...)`` / ``extract_ranks(input, qualitative=...)`` must
  give exactly the items of ``expect``, in order; only the keys written in an item are compared
  (``text`` always, and the span invariant for every item).
* the data tables (relative_dates, year_parts, date_affixes, five_year_plans, ranks): documented
  header, column count, no duplicates, sane values;
* the span invariant on the seeds, no raise on any text (hypothesis), and resolution never reads
  the clock (the clock is replaced by one that fails when read).
"""

from __future__ import annotations

import datetime
import enum
import importlib.resources
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from casetables import load_cases
from govreport import DateKind, DateMention, Rank, extract_dates, extract_ranks

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases"
SEEDS = ROOT.parent / "shared" / "seeds"
CASE_KEYS = frozenset({"id", "input", "expect", "source", "xfail", "note", "reference_date", "qualitative"})


def _load_cases(feature: str) -> list[Any]:
    return load_cases(feature, CASE_KEYS)

def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _check_spans(text: str, items: list[DateMention] | list[Rank]) -> None:
    for item in items:
        assert item.text == text[item.span.start : item.span.end], item
        assert item.text == item.text.strip(), f"span starts or ends with whitespace: {item.text!r}"


def _compare(items: list[Any], expect: list[dict[str, Any]]) -> None:
    got = [
        {k: _plain(getattr(item, k)) for k in want} | {"text": item.text}
        for item, want in zip(items, expect, strict=False)
    ]
    want = [{k: (str(v) if isinstance(v, datetime.date) else v) for k, v in w.items()} for w in expect]
    assert len(items) == len(expect), [item.text for item in items]
    assert got == want


@pytest.mark.parametrize("case", _load_cases("dates"))
def test_date_cases(case: dict[str, Any]) -> None:
    ref = case.get("reference_date")
    reference = datetime.date.fromisoformat(str(ref)) if ref else None
    items = extract_dates(case["input"], reference_date=reference)
    _check_spans(case["input"], items)
    _compare(items, case["expect"])


@pytest.mark.parametrize("case", _load_cases("ranks"))
def test_rank_cases(case: dict[str, Any]) -> None:
    items = extract_ranks(case["input"], qualitative=bool(case.get("qualitative")))
    _check_spans(case["input"], items)
    _compare(items, case["expect"])


# -- the documents --------------------------------------------------------------------------------
def _seeds() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not available")
@pytest.mark.parametrize("path", _seeds(), ids=lambda p: p.name[:3])
def test_seed_spans_and_parse(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = govreport.parse(text)
    _check_spans(text, list(doc.dates))
    _check_spans(text, list(doc.ranks))
    assert [d.span for d in doc.dates] == sorted(d.span for d in doc.dates)
    for d in doc.dates:
        if d.resolved is not None:
            assert d.start is not None or d.resolved.endswith("/..") or d.lunar
            assert d.start is None or d.end is None or d.start <= d.end
    assert all(r.rank is None or r.rank > 0 for r in doc.ranks)


def test_parse_uses_reference_date() -> None:
    doc = govreport.parse("今年以来,全市新增就业6.7万人。", reference_date=datetime.date(2021, 6, 30))
    assert [(d.text, d.resolved) for d in doc.dates] == [("今年以来", "2021/..")]
    doc = govreport.parse("今年以来,全市新增就业6.7万人。")
    assert [(d.text, d.resolved) for d in doc.dates] == [("今年以来", None)]


def test_datetime_reference_is_a_date() -> None:
    items = extract_dates("今年", reference_date=datetime.datetime(2022, 5, 1, 12, 0))
    assert items[0].resolved == "2022"


def test_not_a_str() -> None:
    with pytest.raises(TypeError):
        extract_dates(b"2023\xe5\xb9\xb4")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        extract_ranks(None)  # type: ignore[arg-type]


# -- the clock is never read --------------------------------------------------------------------------
class _NoToday(datetime.date):
    @classmethod
    def today(cls) -> _NoToday:
        raise AssertionError("datetime.date.today() was read")


class _NoNow(datetime.datetime):
    @classmethod
    def today(cls) -> _NoNow:
        raise AssertionError("datetime.datetime.today() was read")

    @classmethod
    def now(cls, tz: datetime.tzinfo | None = None) -> _NoNow:
        raise AssertionError("datetime.datetime.now() was read")

    @classmethod
    def utcnow(cls) -> _NoNow:
        raise AssertionError("datetime.datetime.utcnow() was read")


def _no_clock(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the clock was read")


CLOCK_TEXTS = [
    "今年以来,全市新增就业6.7万人,较去年同期增长3%。上半年,一季度,年内,全年,本月,今天,明天上午9时,近年来。",
    "本报讯(记者 武霏) 3月2日,全市医疗保障工作会议召开。当日10时40分,次日,上周一。",
]


@pytest.mark.parametrize("reference", [None, datetime.date(2021, 3, 1)])
def test_resolution_never_reads_the_clock(monkeypatch: pytest.MonkeyPatch, reference: datetime.date | None) -> None:
    texts = CLOCK_TEXTS + [p.read_text(encoding="utf-8") for p in _seeds()]
    before = [extract_dates(t, reference_date=reference) for t in texts]
    monkeypatch.setattr(datetime, "date", _NoToday)
    monkeypatch.setattr(datetime, "datetime", _NoNow)
    for name in ("time", "time_ns", "localtime", "gmtime", "ctime", "strftime"):
        monkeypatch.setattr(time, name, _no_clock)
    after = [extract_dates(t, reference_date=reference) for t in texts]
    monkeypatch.undo()
    assert after == before
    if reference is None:
        # with no reference date and no statement in the text, 今年 stays open
        assert all(d.resolved is None for d in after[0] if d.text.startswith(("今年", "上半年", "本月", "今天")))


# -- properties ---------------------------------------------------------------------------------------
DATE_ALPHABET = st.sampled_from(
    list(
        "0123456789年月日号时分至到—-~底初末以来起今去前后上下半全内度份第季农历正腊初廿周星期一二三四五六七八九十两〇"
    )
    + list("省市国位名列居前茅“”\"'() \n\t,。、:;截止较比每刚过去的同期当次本这新近目")
    + ["十三五", "十四五", "年度", "以来", "上半年", "一季度", "全省第", "截至", "本报讯(记者 某)", "\n\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    items = extract_dates(text)
    _check_spans(text, items)
    ranks = extract_ranks(text, qualitative=True)
    _check_spans(text, ranks)


@settings(max_examples=400, deadline=None)
@given(st.lists(DATE_ALPHABET, max_size=60).map("".join), st.none() | st.dates())
def test_never_raises_on_date_like_text(text: str, reference: datetime.date | None) -> None:
    items = extract_dates(text, reference_date=reference)
    _check_spans(text, items)
    for d in items:
        assert isinstance(d.kind, DateKind)
        if d.start is not None and d.end is not None:
            assert d.start <= d.end
    _check_spans(text, extract_ranks(text, qualitative=True))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["今年1至11月", "2020年11月底", "全省第2名", "2021年底前", "去年同期"]), st.integers(1, 3))
def test_values_survive_hard_wraps(expr: str, cut: int) -> None:
    cut = min(cut, len(expr) - 1)
    # a line this long is running text, so the text layer joins the wrap (see docs/text-layer.md)
    sentence = "截至2020年11月底,全市共有住房公积金缴存单位1.14万家,全市累计归集住房公积金687.4亿元,{}数据显示"
    plain = sentence.format(expr)
    wrapped = sentence.format(expr[:cut] + "\n" + expr[cut:])
    a = [(d.kind, d.resolved) for d in extract_dates(plain)]
    b = [(d.kind, d.resolved) for d in extract_dates(wrapped)]
    assert a == b
    assert [r.rank for r in extract_ranks(plain)] == [r.rank for r in extract_ranks(wrapped)]


def test_full_width_digits() -> None:
    assert [(d.text, d.resolved) for d in extract_dates("２０２３年４月２３日")] == [
        ("２０２３年４月２３日", "2023-04-23")
    ]
    assert [(r.text, r.rank) for r in extract_ranks("列全省第５位")] == [("全省第５位", 5)]


def test_linear_time_on_dense_input() -> None:
    for unit in ("12月", "今年", "全省第", "2020年", "1"):
        small, large = unit * 500, unit * 4000
        t0 = time.process_time()
        extract_dates(small)
        extract_ranks(small)
        t1 = time.process_time()
        extract_dates(large)
        extract_ranks(large)
        t2 = time.process_time()
        assert t2 - t1 < 40 * max(t1 - t0, 0.002), unit


# -- data tables --------------------------------------------------------------------------------------
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "relative_dates.tsv": (("word", "unit", "anchor", "offset", "kind", "not_after", "not_before"), ("word",)),
    "year_parts.tsv": (
        ("word", "kind", "kind_with_year", "first_month", "last_month", "iso", "modifier", "not_after", "not_before"),
        ("word",),
    ),
    "date_affixes.tsv": (("word", "role", "meaning", "after", "not_before"), ("word", "role")),
    "five_year_plans.tsv": (("name", "start", "end", "bare"), ("name",)),
    "ranks.tsv": (("word", "role"), ("word",)),
}


def _table(name: str) -> tuple[list[str], list[str], list[list[str]]]:
    text = importlib.resources.files("govreport").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    comments: list[str] = []
    header: list[str] | None = None
    rows: list[list[str]] = []
    for raw in text.splitlines():
        if raw.startswith("#"):
            comments.append(raw)
        elif raw.strip():
            if header is None:
                header = raw.split("\t")
            else:
                rows.append(raw.split("\t"))
    assert header is not None
    return comments, header, rows


@pytest.mark.parametrize("name", sorted(TABLES))
def test_data_table_schema(name: str) -> None:
    comments, header, rows = _table(name)
    want_header, key = TABLES[name]
    assert tuple(header) == want_header
    doc = "\n".join(comments)
    for column in header:
        assert column in doc, f"{name}: column {column!r} is not documented in the header comment"
    for cells in rows:
        assert len(cells) == len(header), f"{name}: {cells}"
        assert all(c == c.strip() for c in cells), f"{name}: stray whitespace in {cells}"
        assert not any("０" <= ch <= "９" for c in cells for ch in c), f"{name}: full-width digit in {cells}"
    keys = Counter(tuple(cells[header.index(k)] for k in key) for cells in rows)
    assert not [k for k, n in keys.items() if n > 1], f"{name}: duplicate keys"


def test_data_table_values() -> None:
    kinds = {k.value for k in DateKind}
    _, h, rows = _table("relative_dates.tsv")
    for r in rows:
        row = dict(zip(h, r, strict=True))
        assert row["unit"] in {"year", "month", "day", "week", "none", "season", "holiday"}
        assert row["anchor"] in {"now", "frame", "anaphor", "none"}
        assert row["kind"] in kinds
        int(row["offset"])
    _, h, rows = _table("year_parts.tsv")
    for r in rows:
        row = dict(zip(h, r, strict=True))
        assert row["kind"] in kinds and row["kind_with_year"] in kinds
        assert 1 <= int(row["first_month"]) <= int(row["last_month"]) <= 12
        assert row["iso"] in {"year", "months", "H1", "H2", "Q1", "Q2", "Q3", "Q4"}
    _, h, rows = _table("five_year_plans.tsv")
    previous_end = 0
    for r in rows:
        row = dict(zip(h, r, strict=True))
        start, end = int(row["start"]), int(row["end"])
        assert end - start == 4 and start > previous_end and row["bare"] in {"yes", "no"}
        previous_end = end
    _, h, rows = _table("date_affixes.tsv")
    roles = {"postfix", "daypart", "connector", "asof", "comparison", "recurrence", "past", "plan", "holiday_postfix"}
    for r in rows:
        row = dict(zip(h, r, strict=True))
        assert row["role"] in roles
        if row["role"] == "postfix":
            assert row["after"] in {"any", "year", "month", "time"}
    _, h, rows = _table("ranks.tsv")
    assert {dict(zip(h, r, strict=True))["role"] for r in rows} <= {
        "scope",
        "verb",
        "suffix",
        "tier",
        "first",
        "qualitative",
        "move",
    }


def test_articles_scope_the_resolution() -> None:
    """With articles from split_articles, each article is resolved on its own; its dateline counts."""
    from govreport.dates import dates_from_source
    from govreport.text import SourceText
    from govreport.types import Article, Span

    text = "甲文标题\n\n本报讯 3月2日,会议召开。今年以来成效明显。\n\n乙文标题\n\n本报讯 3月2日,发布会举行。"
    second = text.index("乙文标题")
    articles = [
        Article(span=Span(0, second - 2), text=text[: second - 2], index=0, dateline="2023年3月2日"),
        Article(span=Span(second, len(text)), text=text[second:], index=1),
    ]
    got = [(d.text, d.resolved) for d in dates_from_source(SourceText(text), articles=articles)]
    assert got == [("3月2日", "2023-03-02"), ("今年以来", "2023/.."), ("3月2日", None)]


def _all_case_inputs() -> list[str]:
    import yaml

    texts: list[str] = []
    for path in sorted((ROOT / "tests" / "cases").rglob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(case, dict) and isinstance(case.get("input"), str):
                texts.append(case["input"])
    texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return texts


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789一二两十年月日号时至到.-/ 上下本这那前第初廿正腊冬农大星期周礼拜“”"
                                     "十三五四今去全同当次")), max_size=14))
def test_date_scan_prefilter_skips_only_hopeless_positions(chars: list[str]) -> None:
    # the opening tests of the date scan (first two characters, numeral runs) are hand-listed next
    # to the alternation they guard: any position they reject must be one where nothing matches
    import regex

    from govreport.dates import _date_pattern, _date_re

    plain = regex.compile(_date_pattern(prefilter=False), regex.V0)
    text = "".join(chars)
    assert [m.span() for m in _date_re().finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_date_scan_prefilter_on_the_case_tables_and_seeds() -> None:
    import regex

    from govreport.dates import _date_pattern, _date_re

    plain = regex.compile(_date_pattern(prefilter=False), regex.V0)
    for text in _all_case_inputs():
        assert [m.span() for m in _date_re().finditer(text)] == [m.span() for m in plain.finditer(text)], text[:60]
