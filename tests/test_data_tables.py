"""Schema and sanity of the core data tables in ``src/govreport/data/`` (STYLE.md §5).

Covers the tables of issue 2 only: units, magnitudes, qualifiers, direction verbs, set phrases and
quantity cues (agencies, regions and dates have their own tests). Checks: a header comment that
documents the columns, a header row, the column count of every row, no duplicate keys, clean
cells (no stray whitespace, no full-width digits: JIO's '１'→0), and sane values.
"""

from __future__ import annotations

import importlib.resources
from collections import Counter
from decimal import Decimal

import pytest

from govreport import Qualifier, parse_number

# table → (expected header, key columns that must be unique together)
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "units.tsv": (("unit", "category", "chinese"), ("unit",)),
    "magnitudes.tsv": (("word", "factor", "after"), ("word",)),
    "qualifiers.tsv": (("surface", "canonical", "position", "bound"), ("surface",)),
    "direction_verbs.tsv": (("verb", "direction", "kind"), ("verb",)),
    "set_phrases.tsv": (("phrase",), ("phrase",)),
    "quantity_cues.tsv": (("cue", "word"), ("cue", "word")),
    "percent_cues.tsv": (("cue", "word"), ("cue", "word")),
}
FULL_WIDTH_DIGITS = frozenset(chr(c) for c in range(0xFF10, 0xFF1A))


def _text(name: str) -> str:
    return importlib.resources.files("govreport").joinpath("data", name).read_text(encoding="utf-8")


def _split(name: str) -> tuple[list[str], list[str], list[tuple[int, list[str]]]]:
    """(comment lines, header cells, [(line number, cells)]) of a table."""
    comments: list[str] = []
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for lineno, raw in enumerate(_text(name).splitlines(), 1):
        if raw.startswith("#"):
            comments.append(raw)
            continue
        if not raw.strip():
            continue
        cells = raw.split("\t")
        if header is None:
            header = cells
        else:
            rows.append((lineno, cells))
    assert header is not None, f"{name} has no header row"
    return comments, header, rows


def _rows(name: str) -> list[dict[str, str]]:
    _, header, rows = _split(name)
    return [dict(zip(header, cells, strict=True)) for _, cells in rows]


def _documented(name: str, column: str, until: str) -> set[str]:
    """The '|'-separated values documented for ``column`` in the header comment of ``name``."""
    comments, _, _ = _split(name)
    text = []
    inside = False
    for line in comments:
        body = line.lstrip("#").strip()
        if body.startswith(column + " ") or body.startswith(column + "\t"):
            inside = True
            body = body[len(column) :]
        elif inside and (body.startswith(until) or not body):
            break
        if inside:
            text.append(body)
    values = {v.strip() for v in " ".join(text).split("|")}
    return {v for v in values if v and " " not in v}


def test_all_listed_tables_exist() -> None:
    data = importlib.resources.files("govreport").joinpath("data")
    names = {p.name for p in data.iterdir()}
    assert set(TABLES) <= names


@pytest.mark.parametrize("name", sorted(TABLES))
def test_header_comment_and_header_row(name: str) -> None:
    comments, header, rows = _split(name)
    assert comments, f"{name} has no header comment"
    assert comments[0].startswith(f"# {name}"), f"{name}: the first comment line should name the table"
    assert _text(name).startswith("#"), f"{name}: the header comment must come first"
    expected, _ = TABLES[name]
    assert tuple(header) == expected
    assert rows, f"{name} has no rows"
    documented = " ".join(comments)
    for column in header:
        assert column in documented, f"{name}: column {column!r} is not documented in the header comment"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_rows_have_the_header_column_count(name: str) -> None:
    _, header, rows = _split(name)
    bad = [(lineno, cells) for lineno, cells in rows if len(cells) != len(header)]
    assert bad == []


@pytest.mark.parametrize("name", sorted(TABLES))
def test_cells_are_clean(name: str) -> None:
    _, _, rows = _split(name)
    for lineno, cells in rows:
        for cell in cells:
            assert cell, f"{name}:{lineno}: empty cell"
            assert cell == cell.strip(), f"{name}:{lineno}: stray whitespace in {cell!r}"
            assert not (set(cell) & FULL_WIDTH_DIGITS), f"{name}:{lineno}: full-width digit in {cell!r}"
            assert "\u3000" not in cell, f"{name}:{lineno}: ideographic space in {cell!r}"


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="set_phrases.tsv lists 一同 twice"))
        if n == "set_phrases.tsv"
        else n
        for n in sorted(TABLES)
    ],
)
def test_no_duplicate_keys(name: str) -> None:
    _, key = TABLES[name]
    counts = Counter(tuple(row[k] for k in key) for row in _rows(name))
    assert [k for k, n in counts.items() if n > 1] == []


def test_magnitudes_are_exact_powers_of_ten() -> None:
    for row in _rows("magnitudes.tsv"):
        factor = Decimal(row["factor"])
        assert factor == factor.to_integral_value() and factor >= 10, row
        digits = row["factor"]
        assert digits[0] == "1" and set(digits[1:]) == {"0"}, row


def test_magnitudes_agree_with_parse_number() -> None:
    for row in _rows("magnitudes.tsv"):
        assert row["after"] in {"any", "chinese", "arabic"}, row
        if row["after"] != "chinese":
            assert parse_number("1" + row["word"]) == Decimal(row["factor"]), row
        if row["after"] != "arabic":
            assert parse_number("一" + row["word"]) == Decimal(row["factor"]), row


def test_qualifiers_are_valid() -> None:
    canonical_bound: dict[str, str] = {}
    for row in _rows("qualifiers.tsv"):
        assert Qualifier(row["canonical"]).value == row["canonical"]
        assert row["position"] in {"prefix", "infix", "suffix"}, row
        assert row["bound"] in {"lower", "upper", "approx"}, row
        # one bound per canonical qualifier: Qualifier.bound reads it by canonical
        assert canonical_bound.setdefault(row["canonical"], row["bound"]) == row["bound"], row


@pytest.mark.xfail(strict=True, reason="Qualifier.PAST ('过') has no canonical row: its .bound raises KeyError")
def test_every_qualifier_enum_value_has_a_row() -> None:
    canonicals = {row["canonical"] for row in _rows("qualifiers.tsv")}
    assert {q.value for q in Qualifier} <= canonicals


def test_direction_verbs_are_up_or_down() -> None:
    rows = _rows("direction_verbs.tsv")
    assert {row["direction"] for row in rows} <= {"up", "down"}
    assert {row["kind"] for row in rows} <= {"verb", "rate"}
    direction = {row["verb"]: row["direction"] for row in rows}
    for verb in ("增长", "提高", "增加", "上升"):
        assert direction.get(verb) == "up", verb
    for verb in ("降低", "下降", "减少", "压减", "压缩"):
        assert direction.get(verb) == "down", verb


def test_unit_categories_are_documented() -> None:
    documented = _documented("units.tsv", "category", "chinese")
    assert {"currency", "people", "area", "duration", "count"} <= documented
    used = {row["category"] for row in _rows("units.tsv")}
    assert used <= documented, f"undocumented categories: {sorted(used - documented)}"


def test_units_chinese_flag() -> None:
    assert {row["chinese"] for row in _rows("units.tsv")} <= {"yes", "no"}


def test_issue2_units_are_catalogued() -> None:
    units = {row["unit"] for row in _rows("units.tsv")}
    wanted = {
        "元", "美元", "人", "人次", "户", "名", "家", "个", "所", "亩", "公顷", "平方米", "平方公里", "公里", "米",
        "吨", "公斤", "千瓦", "千瓦时", "项", "件", "次", "场", "场次", "例", "份", "张", "辆", "套", "座", "条", "册",
        "天", "年", "个月", "个工作日", "小时", "亩次", "件次",
    }
    assert sorted(wanted - units) == []


@pytest.mark.parametrize("name", ["quantity_cues.tsv", "percent_cues.tsv"])
def test_cues_are_documented(name: str) -> None:
    comments, _, _ = _split(name)
    documented = " ".join(comments)
    for cue in {row["cue"] for row in _rows(name)}:
        assert f"{cue} " in documented or f"{cue}\t" in documented, f"cue {cue!r} is not documented"


def test_set_phrases_contain_a_numeral() -> None:
    numerals = set("零〇一二两三四五六七八九十百千万亿几多半")  # 多次, 几个: vague counts
    lacking = [row["phrase"] for row in _rows("set_phrases.tsv") if not set(row["phrase"]) & numerals]
    assert lacking == []


def test_issue2_set_phrases_are_listed() -> None:
    phrases = {row["phrase"] for row in _rows("set_phrases.tsv")}
    listed = {"一站式", "一窗受理", "十三五", "二十大", "三医联动", "四不两直", "一把手", "六位一体"}
    # a phrase may also be caught by a listed shorter phrase (三医 for 三医联动)
    missing = [p for p in listed if not any(q in p for q in phrases)]
    assert missing == []
