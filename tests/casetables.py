"""Loading of the YAML case tables in ``tests/cases/<feature>/*.yaml`` (one place for every runner).

Each file is a list of cases: ``id``, ``input``, ``expect``, ``source`` and, where needed, ``xfail``
(a known failure, run as a strict xfail) and ``note``. Case ids are ``<file stem>:<id>``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml

CASES = Path(__file__).parent / "cases"
REQUIRED = frozenset({"id", "input", "expect", "source"})


def load_cases(feature: str, keys: Iterable[str], *, required: Iterable[str] = REQUIRED) -> list[Any]:
    """pytest params for every case of ``tests/cases/<feature>/*.yaml``.

    ``keys`` are the keys a case may have; an unknown key, a missing required key or a repeated id
    fails the collection, so a typo in a table cannot silently skip a check.
    """
    allowed = frozenset(keys) | frozenset(required) | {"xfail", "note"}
    needed = frozenset(required)
    params: list[Any] = []
    seen: set[str] = set()
    for path in sorted((CASES / feature).glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            unknown = set(case) - allowed
            assert not unknown, f"{path.name}: case {case.get('id')!r} has unknown keys {unknown}"
            assert needed <= set(case), f"{path.name}: case {case.get('id')!r} lacks {needed - set(case)}"
            case_id = f"{path.stem}:{case['id']}"
            assert case_id not in seen, f"duplicate case id {case_id}"
            seen.add(case_id)
            marks = [pytest.mark.xfail(strict=True, reason=str(case["xfail"]))] if case.get("xfail") else []
            params.append(pytest.param(case, id=case_id, marks=marks))
    return params
