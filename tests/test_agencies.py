"""Agency names (issue 3): case tables, the data tables, invariants and properties.

* ``tests/cases/agencies/*.yaml``: one parametrized runner. ``extract_agencies(input)`` must give
  exactly the items of ``expect``, in order; only the keys written in an item are compared
  (``text`` always). ``region_default`` is passed as ``region=``.
* every alias of ``data/agencies.tsv`` resolves to its canonical name in a sentence;
* the data tables: schema, one canonical per alias, no duplicates, every region resolvable, and
  ``regions.tsv`` equal to what ``scripts/build_regions.py`` generates (skipped without cpca);
* the span invariant on the seeds, no raise on any text (hypothesis), no jieba import.
"""

from __future__ import annotations

import enum
import importlib.resources
import importlib.util
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casetables import load_cases
from govreport import Agency, AgencyKind, extract_agencies, parse
from govreport._data import read_table

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases" / "agencies"
SEEDS = ROOT.parent / "shared" / "seeds"
CASE_KEYS = frozenset({"id", "input", "expect", "source", "xfail", "note", "region_default"})
LEVELS = frozenset({"国家", "省", "市", "县", "区", "乡镇"})


def _load_cases() -> list[Any]:
    return load_cases("agencies", CASE_KEYS)

def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _check_spans(text: str, items: list[Agency]) -> None:
    for item in items:
        assert item.text == text[item.span.start : item.span.end], item
        if item.part_span is not None:
            assert item.part_span in item.span
        assert item.level is None or item.level in LEVELS, item
    assert [a.span.start for a in items] == sorted(a.span.start for a in items)


@pytest.mark.parametrize("case", _load_cases())
def test_case(case: dict[str, Any]) -> None:
    text = case["input"]
    got = extract_agencies(text, region=case.get("region_default"))
    _check_spans(text, got)
    want = case["expect"]
    assert [a.text for a in got] == [w["text"] for w in want], [(a.text, a.canonical) for a in got]
    for item, expected in zip(got, want, strict=True):
        for key, value in expected.items():
            assert _plain(getattr(item, key)) == value, f"{item.text}: {key}"


# ---------------------------------------------------------------------------------- every alias
def _alias_rows() -> list[Any]:
    return [pytest.param(row, id=row["alias"]) for row in read_table("agencies.tsv")]


@pytest.mark.parametrize("row", _alias_rows())
def test_every_alias_resolves(row: dict[str, str]) -> None:
    """``<prefix><alias>召开会议`` gives one agency whose canonical name is the table's."""
    prefix = "" if row["prefix"] == "none" else "市"
    text = f"会上,{prefix}{row['alias']}召开会议"
    got = extract_agencies(text)
    if row["canonical"].startswith("*"):  # resolved from context only: alone, nothing is emitted
        assert got == []
        return
    assert [(a.text, a.canonical) for a in got] == [(prefix + row["alias"], row["canonical"])]
    agency = got[0]
    assert agency.kind is AgencyKind(row["kind"])
    assert agency.abbreviation is (row["abbr"] == "yes")
    assert agency.level == (row["level"] or "市")


def test_bare_heads_that_need_a_place() -> None:
    """A ``required`` head with no place before it is generic, and is not an agency."""
    for row in read_table("agencies.tsv"):
        if row["prefix"] in ("required", "town"):
            got = extract_agencies(f"。{row['alias']}。")
            assert all(a.text != row["alias"] for a in got), row["alias"]


# ---------------------------------------------------------------------------------- data tables
def _raw(name: str) -> str:
    return importlib.resources.files("govreport").joinpath("data", name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "header", "key"),
    [
        ("agencies.tsv", ["alias", "canonical", "kind", "level", "prefix", "abbr"], ("alias",)),
        ("regions.tsv", ["adcode", "name", "level", "short", "parent"], ("adcode",)),
        (
            "regions_changes.tsv",
            ["adcode", "name", "level", "short", "parent", "year", "replaces", "old_name"],
            ("adcode",),
        ),
        ("agency_affixes.tsv", ["word", "role", "value"], ("word", "role")),
    ],
)
def test_table_schema(name: str, header: list[str], key: tuple[str, ...]) -> None:
    lines = _raw(name).splitlines()
    comments = [line for line in lines if line.startswith("#")]
    assert lines[0].startswith(f"# {name}:"), "the table opens with a comment naming it"
    for column in header:
        assert any(c.lstrip("# ").startswith(column) for c in comments), f"column {column} undocumented"
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    assert rows[0] == header
    for cells in rows[1:]:
        assert len(cells) == len(header), cells
        assert all(c == c.strip() for c in cells), cells
    keys = Counter(tuple(dict(zip(header, cells, strict=True))[k] for k in key) for cells in rows[1:])
    assert [k for k, n in keys.items() if n > 1] == []


def test_agency_table_values() -> None:
    canonical_of: dict[str, str] = {}
    for row in read_table("agencies.tsv"):
        alias = row["alias"]
        assert canonical_of.setdefault(alias, row["canonical"]) == row["canonical"]
        assert row["kind"] in {k.value for k in AgencyKind}
        assert row["prefix"] in ("none", "optional", "required", "town")
        assert row["abbr"] in ("yes", "no")
        assert row["level"] in ("", *LEVELS)
        assert (row["prefix"] == "none") == (row["level"] == "国家"), alias
        assert alias and all("\u3400" <= ch <= "\u9fff" or ch.isdigit() for ch in alias), alias
    # one kind, one level per canonical name, whichever alias names it
    kinds: dict[str, set[tuple[str, str]]] = {}
    for row in read_table("agencies.tsv"):
        kinds.setdefault(row["canonical"], set()).add((row["kind"], row["level"]))
    assert {c: k for c, k in kinds.items() if len(k) > 1} == {}


def test_affix_roles() -> None:
    roles = Counter(row["role"] for row in read_table("agency_affixes.tsv"))
    assert set(roles) == {
        "unit", "institution", "generic", "field", "title", "fused", "nonprefix", "nonsuffix", "foreign",
        "branch_job", "vertical", "town_verb", "verb", "name_word",
    }
    canonicals = {row["canonical"] for row in read_table("agencies.tsv")}
    for row in read_table("agency_affixes.tsv"):
        if row["role"] == "fused":
            assert set(row["value"].split("|")) <= canonicals, row
        if row["role"] == "nonsuffix":
            assert len(row["word"]) == 2, row


def test_every_region_resolves() -> None:
    rows = read_table("regions.tsv")
    codes = {r["adcode"] for r in rows}
    ranks = {"省": 1, "市": 2, "县": 3, "区": 3}
    level_of: dict[str, str] = {}
    for r in rows:
        assert len(r["adcode"]) == 6 and r["adcode"].isdigit(), r
        assert r["level"] in ranks, r
        assert (r["parent"] == "") == (r["level"] == "省"), r
        assert r["parent"] == "" or r["parent"] in codes, r
        for name in (r["name"], r["short"]):
            if name and (name not in level_of or ranks[r["level"]] < ranks[level_of[name]]):
                level_of[name] = r["level"]
    for name, level in level_of.items():
        got = extract_agencies(f"会上,{name}人民政府发布通知")
        assert [(a.region, a.level) for a in got] == [(name, level)], name


@pytest.mark.skipif(importlib.util.find_spec("cpca") is None, reason="cpca (the regions source) not installed")
def test_regions_table_has_not_drifted() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_regions.py"), "--check"],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stderr


# ---------------------------------------------------------------------------------- invariants
@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_span_invariant_on_seeds(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    items = extract_agencies(text)
    assert items
    _check_spans(text, items)
    assert tuple(items) == parse(text).agencies


def test_region_option_and_parse_agree() -> None:
    text = "市体育局和省委"
    assert tuple(extract_agencies(text, region="济宁市")) == parse(text, region="济宁市").agencies


def test_non_str_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        extract_agencies(b"\xe5\xb8\x82\xe5\xa7\x94")  # type: ignore[arg-type]


_AGENCY_ALPHABET = st.sampled_from(
    list("市省县区镇乡委政府党人大常会医保局卫健国家总务院、,。 \n中共菏泽巨野曹成武街道")
)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(_AGENCY_ALPHABET, max_size=40).map("".join)))
def test_never_raises_and_spans_hold(text: str) -> None:
    items = extract_agencies(text)
    _check_spans(text, items)


def test_extract_agencies_loads_no_jieba() -> None:
    code = "import sys, govreport; govreport.extract_agencies('市医保局'); print('jieba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
