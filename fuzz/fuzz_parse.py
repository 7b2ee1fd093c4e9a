"""Coverage-guided fuzzing of :func:`govreport.parse` with atheris (issue 7).

Each input is a byte string decoded as UTF-8 with ``surrogateescape`` (so invalid bytes become
lone surrogates, which a ``str`` may hold), then parsed. A run fails on:

* any exception from ``parse`` (it must never raise on a ``str``);
* a broken span invariant: ``doc.text[item.span.start:item.span.end] != item.text``;
* a result tuple not sorted by ``span.start``;
* ``doc.text`` differing from the input.

Run it through ``fuzz/run.sh`` (bounded time, writable working corpus); the seed corpus is
``fuzz/corpus/`` and every crash it finds becomes a file there, replayed by
``tests/test_fuzz_regressions.py``. Without atheris, ``python fuzz/fuzz_parse.py --replay DIR…``
replays files only.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def decode(data: bytes) -> str:
    """The text a fuzzer input stands for."""
    return data.decode("utf-8", "surrogateescape")


def check_document(text: str, doc: Any) -> None:
    """Raise AssertionError when ``doc`` (``parse(text)``) breaks an invariant."""
    assert doc.text == text, "doc.text is not the input"
    for kind, item in doc.items():
        span = item.span
        assert 0 <= span.start <= span.end <= len(text), f"{kind}: span {span} outside the input"
        got = text[span.start : span.end]
        assert got == item.text, f"{kind}: text {item.text!r} != input[{span.start}:{span.end}] {got!r}"
    for kind in ("quantities", "percentages", "agencies", "articles", "dates", "ranks", "indicators"):
        starts = [item.span.start for item in getattr(doc, kind, ())]
        assert starts == sorted(starts), f"{kind} not sorted by span.start"


def check_text(text: str) -> None:
    import govreport

    check_document(text, govreport.parse(text))


def test_one_input(data: bytes) -> None:
    check_text(decode(data))


def replay(paths: list[str]) -> int:
    failures = 0
    files = [f for p in paths for f in (sorted(Path(p).rglob("*")) if Path(p).is_dir() else [Path(p)])]
    for f in files:
        if not f.is_file():
            continue
        try:
            test_one_input(f.read_bytes())
        except Exception as exc:  # report every failing file, then fail
            failures += 1
            print(f"FAIL {f}: {type(exc).__name__}: {exc}", file=sys.stderr)
    print(f"replayed {len(files)} files, {failures} failing")
    return 1 if failures else 0


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--replay":
        sys.exit(replay(sys.argv[2:]))
    import atheris  # type: ignore[import-untyped]

    with atheris.instrument_imports(include=["govreport"]):
        import govreport  # noqa: F401  (instrumented for coverage feedback)

    # pay for the lazy loads (jieba's dictionary, data tables) before fuzzing, so that the first
    # input that needs them is not reported as a slow unit
    corpus = Path(__file__).resolve().parent / "corpus"
    for f in sorted(corpus.glob("seed*")):
        test_one_input(f.read_bytes())
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
