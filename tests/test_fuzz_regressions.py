"""Replay of the fuzz corpus (``fuzz/corpus/``): seeds, edge cases and every crash the fuzzer found.

Each file is decoded as the fuzz harness decodes it (UTF-8 with ``surrogateescape``) and parsed;
``parse`` must not raise and every item of every type must satisfy the span invariant
``doc.text[item.span.start:item.span.end] == item.text``. A crash found by ``fuzz/run.sh`` is
saved as ``fuzz/corpus/crash-<sha1>`` and so becomes a case here.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

import govreport
from scriptmodules import load_script

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"


def _harness() -> ModuleType:
    return load_script("fuzz_parse", "fuzz/fuzz_parse.py")


HARNESS = _harness()
FILES = sorted(p for p in CORPUS.rglob("*") if p.is_file())


def test_corpus_is_present() -> None:
    assert len(FILES) >= 20


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file(path: Path) -> None:
    text = HARNESS.decode(path.read_bytes())
    doc = govreport.parse(text)
    assert doc.text == text
    for kind, item in doc.items():
        assert text[item.span.start : item.span.end] == item.text, (kind, item)
    HARNESS.check_document(text, doc)


def test_lone_surrogates_are_kept() -> None:
    text = HARNESS.decode(b"\xff\xed\xa0\x80" + "收入1.4亿元".encode())
    assert "\udcff" in text
    doc = govreport.parse(text)
    assert doc.text == text
    HARNESS.check_document(text, doc)
