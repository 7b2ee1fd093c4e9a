"""The supplement of divisions created or renamed since regions.tsv (``data/regions_changes.tsv``).

Every row is well formed (6-digit code, known level, a parent in regions.tsv or the supplement, a
short name by the generator's rules, a replaced row that exists under its old name), the merged
table (``govreport._data.regions``) keeps old names and has no name twice with different levels
under one parent, and every new name resolves to itself with its level in a sentence.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from govreport import extract_agencies
from govreport._data import REGION_COLUMNS, read_table, regions
from scriptmodules import load_script

ROOT = Path(__file__).resolve().parent.parent
LEVELS = frozenset({"省", "市", "县", "区"})


def _generator() -> ModuleType:
    return load_script("build_regions", "scripts/build_regions.py")


CHANGES = read_table("regions_changes.tsv")
BASE = {r["adcode"]: r for r in read_table("regions.tsv")}


def test_changes_are_well_formed() -> None:
    gen = _generator()
    words = gen._jieba_words()
    codes = set(BASE) | {r["adcode"] for r in CHANGES}
    assert [c for c, n in Counter(r["adcode"] for r in CHANGES).items() if n > 1] == []
    for r in CHANGES:
        code, name, level = r["adcode"], r["name"], r["level"]
        assert len(code) == 6 and code.isdigit() and not code.endswith("00"), r
        assert level in LEVELS, r
        assert level == ("区" if name.endswith("区") else "县"), r
        assert r["parent"] in codes and r["parent"] == code[:4] + "00", r
        assert r["year"].isdigit() and 2016 <= int(r["year"]) <= 2024, r
        # a code already in regions.tsv only for a division renamed in place (桥东区 → 襄都区)
        assert code not in BASE or r["replaces"] == code, r
        # the short name by the generator's rules (no autonomous counties here, so no ethnic stems)
        assert "自治" not in name, r
        short = gen.short_name(name, level, [])
        freq, tag = words.get(short, (0, "ns"))
        if short and freq >= gen.COMMON_WORD_FREQ and tag != "ns":
            short = ""
        assert r["short"] == short, r
        if r["replaces"]:
            old = BASE.get(r["replaces"])
            if old is None:  # the generator drops the placeholder name 城区
                assert r["old_name"] in gen.DROP, r
            else:
                assert old["name"] == r["old_name"] and old["level"] in ("县", "区"), r
        else:
            assert r["old_name"] == "", r


def test_merged_table() -> None:
    rows = regions()
    assert all(tuple(r) == REGION_COLUMNS for r in rows)
    by_code: dict[str, list[str]] = {}
    for r in rows:
        by_code.setdefault(r["adcode"], []).append(r["name"])
    # renamed divisions keep their old name; a division that kept its name is not listed twice
    names = {r["name"] for r in rows}
    for r in CHANGES:
        assert r["name"] in names
        if r["old_name"] and r["replaces"] in BASE:
            assert r["old_name"] in by_code.get(r["replaces"], []) or r["old_name"] == r["name"], r
    assert by_code.get("371203") is None, "钢城区 moved to 济南市 (370117)"
    assert by_code["370117"] == ["钢城区"] and by_code["370282"] == ["即墨市"]
    # one level per name under one parent
    levels: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        for name in (r["name"], r["short"]):
            if name:
                levels.setdefault((r["parent"], name), set()).add(r["level"])
    assert {k: v for k, v in levels.items() if len(v) > 1} == {}


@pytest.mark.parametrize("row", CHANGES, ids=[r["name"] for r in CHANGES])
def test_new_names_resolve(row: dict[str, str]) -> None:
    for name in (row["name"], row["short"]):
        if name:
            got = extract_agencies(f"会上,{name}人民政府发布通知")
            assert [(a.region, a.level) for a in got] == [(name, row["level"])], name
