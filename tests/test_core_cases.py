"""Case tables for numbers, quantities and percentages (``tests/cases/<feature>/<source>.yaml``).

One parametrized runner per feature. A case without ``parse`` runs ``extract_*`` on ``input`` and
must give exactly the items of ``expect``, in order; only the keys written in an expected item are
compared (``text`` always). A case with ``parse: true`` runs ``parse_*`` and compares its one result
with ``expect[0]``, or expects :class:`govreport.ParseError` with ``error: true``. Cases with an
``xfail`` key are strict expected failures: when the bug is fixed, drop the key.

Every result also satisfies the span invariant ``input[span.start:span.end] == item.text`` and
has a plain decimal value (no exponent).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import casetables
import govreport
from govreport import ParseError

CASES = Path(__file__).parent / "cases"
DECIMAL_KEYS = frozenset({"value", "low", "high"})
CASE_KEYS = frozenset({"id", "input", "expect", "source", "xfail", "parse", "error", "note"})


def load_cases(feature: str) -> list[Any]:
    """pytest params for every case of ``tests/cases/<feature>/*.yaml``, id ``<file>:<id>``."""
    params: list[Any] = casetables.load_cases(feature, CASE_KEYS, required=("id", "input"))
    for param in params:
        case = param.values[0]
        assert isinstance(case["input"], str), case["id"]
        assert case.get("error") or isinstance(case.get("expect"), list), case["id"]
    return params

def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _expected(key: str, value: Any) -> Any:
    if key in DECIMAL_KEYS and value is not None:
        return Decimal(str(value))
    return value


def _project(item: Any, keys: list[str]) -> dict[str, Any]:
    if isinstance(item, Decimal):
        return {"value": item}
    return {k: _plain(getattr(item, k)) for k in keys}


def check_item(text: str, item: Any) -> None:
    """The span invariant and a plain decimal value."""
    if not isinstance(item, Decimal):
        assert text[item.span.start : item.span.end] == item.text, f"span invariant broken for {item!r}"
    value = item if isinstance(item, Decimal) else item.value
    assert "E" not in str(value), f"value {value!r} is written with an exponent"


def compare(text: str, got: list[Any], expect: list[dict[str, Any]]) -> None:
    for item in got:
        check_item(text, item)
    keys = sorted({k for e in expect for k in e} | ({"text"} if got and not isinstance(got[0], Decimal) else set()))
    got_rows = [_project(item, keys) for item in got]
    exp_rows = []
    for i, e in enumerate(expect):
        row = {k: _expected(k, e[k]) if k in e else (got_rows[i][k] if i < len(got_rows) else "<any>") for k in keys}
        exp_rows.append(row)
    assert got_rows == exp_rows


def run_case(case: dict[str, Any], extract: Callable[[str], list[Any]], parse: Callable[[str], Any]) -> None:
    text = case["input"]
    if case.get("parse"):
        if case.get("error"):
            with pytest.raises(ParseError):
                parse(text)
            return
        compare(text, [parse(text)], case["expect"])
    else:
        compare(text, extract(text), case["expect"])


@pytest.mark.parametrize("case", load_cases("numbers"))
def test_numbers(case: dict[str, Any]) -> None:
    run_case(case, govreport.extract_numbers, govreport.parse_number)


@pytest.mark.parametrize("case", load_cases("quantities"))
def test_quantities(case: dict[str, Any]) -> None:
    run_case(case, govreport.extract_quantities, govreport.parse_quantity)


@pytest.mark.parametrize("case", load_cases("percentages"))
def test_percentages(case: dict[str, Any]) -> None:
    run_case(case, govreport.extract_percentages, govreport.parse_percentage)


def test_case_count() -> None:
    """The tables stay substantial (the docs render them as 'forms understood')."""
    total = sum(len(load_cases(f)) for f in ("numbers", "quantities", "percentages"))
    assert total >= 150
