"""The command line, run as a user runs it: in a subprocess (issue 6)."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import govreport
from govreport import Document
from govreport.cli import _align
from govreport.serialize import record_columns
from govreport.text import display_width

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
needs_seeds = pytest.mark.skipif(not SEEDS, reason="../shared/seeds is not there")

ENCODINGS = {"gb18030": "gb18030", "gbk": "gbk", "utf-16": "utf-16", "utf-8-bom": "utf-8-sig"}


def run(*args: str | Path, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m govreport ARGS``; stdout and stderr decoded as UTF-8."""
    proc = subprocess.run(
        [sys.executable, "-m", "govreport", *map(str, args)],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def _docs(jsonl: str) -> list[Document]:
    return [Document.from_json(line) for line in jsonl.splitlines()]


def _results(doc: Document) -> dict[str, Any]:
    """A Document's dict without where it came from: what must not depend on the encoding."""
    data = doc.to_dict()
    del data["source"], data["encoding"]
    return data


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seeds")
    for seed in SEEDS:
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


@pytest.fixture(scope="module")
def utf8_run(seed_dir: Path) -> list[Document]:
    proc = run("parse", seed_dir, "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    return _docs(proc.stdout)


# --------------------------------------------------------------------------------------------------
# formats


@needs_seeds
def test_jsonl_equals_parse_file(seed_dir: Path, utf8_run: list[Document]) -> None:
    assert [d.source for d in utf8_run] == [str(seed_dir / s.name) for s in SEEDS]
    for doc in utf8_run:
        assert doc == govreport.parse_file(doc.source or "")


@needs_seeds
def test_json(seed_dir: Path, utf8_run: list[Document]) -> None:
    proc = run("parse", *sorted(seed_dir.iterdir()), "--format", "json")
    assert proc.returncode == 0 and proc.stderr == ""
    assert [Document.from_dict(d) for d in json.loads(proc.stdout)] == utf8_run


@needs_seeds
def test_json_types_and_no_text(seed_dir: Path, utf8_run: list[Document]) -> None:
    one = seed_dir / SEEDS[-1].name
    proc = run("parse", one, "--format", "json", "--types", "percentages,quantities", "--no-text")
    assert proc.returncode == 0, proc.stderr
    for data, doc in zip(json.loads(proc.stdout), utf8_run[-1:], strict=True):
        assert "text" not in data and "agencies" not in data and "articles" not in data
        assert data["quantities"] == doc.to_dict()["quantities"]
        assert data["percentages"] == doc.to_dict()["percentages"]


@needs_seeds
def test_csv(seed_dir: Path, utf8_run: list[Document], tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    proc = run("parse", seed_dir, "--format", "csv", "--types", "quantities,percentages", "--out", out)
    assert proc.returncode == 0 and proc.stdout == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    expected = [(d, r) for d in utf8_run for r in d.to_records(types="quantities,percentages")]
    assert len(rows) == len(expected)
    header = next(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert header == ["source", *record_columns("quantities,percentages")]
    for row, (doc, record) in zip(rows, expected, strict=True):
        assert row["source"] == doc.source and row["type"] == record["type"] and row["text"] == record["text"]
        assert int(row["span.start"]) == record["span.start"]
        assert Decimal(row["value"]) == record["value"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@needs_seeds
def test_table(seed_dir: Path, utf8_run: list[Document]) -> None:
    proc = run("parse", seed_dir, "--format", "table", "--types", "quantities")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    for doc in utf8_run:
        assert f"== {doc.source} (utf-8): {len(doc.quantities)} item" in proc.stdout
    body = [line for line in lines if line.startswith("quantities ")]
    assert len(body) == sum(len(d.quantities) for d in utf8_run)
    # CJK-aware alignment: in each document's table, the 'text' column starts at the same terminal
    # column on every row
    texts = iter(q.text.replace("\n", "⏎") for d in utf8_run for q in d.quantities)
    column = -1
    for line in lines:
        if line.startswith("type "):
            column = display_width(line[: line.index("text")])
        elif line.startswith("quantities "):
            text = next(texts)
            assert _from_column(line, column).startswith(text[:1]), (line, text)


def _from_column(line: str, column: int) -> str:
    """What ``line`` shows from terminal column ``column`` on."""
    width = 0
    for i, ch in enumerate(line):
        if width == column:
            return line[i:]
        width += display_width(ch)
    return ""


def test_align_pads_by_display_width() -> None:
    lines = _align([["甲乙丙", "x"], ["a", "y"], ["全角１", "z"]])
    assert [display_width(line[:-1]) for line in lines] == [8, 8, 8]


def test_stdin_and_options() -> None:
    proc = run(
        "parse",
        "-",
        "--format",
        "jsonl",
        "--region",
        "济宁市",
        "--reference-date",
        "2023-03-02",
        stdin="今年全市支出1.4亿元,增长18.3%。".encode("gb18030"),
    )
    assert proc.returncode == 0, proc.stderr
    (doc,) = _docs(proc.stdout)
    assert doc.source == "<stdin>" and doc.encoding == "gb18030" and doc.region == "济宁市"
    assert str(doc.reference_date) == "2023-03-02" and doc.text.startswith("今年")


# --------------------------------------------------------------------------------------------------
# encodings and bad files


def _truncated_gb18030(text: str) -> bytes:
    """The GB18030 bytes of ``text`` cut one byte into its last multi-byte character."""
    data = text.encode("gb18030")
    i = max(i for i, ch in enumerate(text) if len(ch.encode("gb18030")) > 1)
    return data[: len(text[:i].encode("gb18030")) + 1]


@needs_seeds
def test_encodings_bad_files_jobs_and_atomic_output(tmp_path: Path, utf8_run: list[Document]) -> None:
    """One run over every seed in every encoding, plus a binary and a truncated file, on 2 processes."""
    corpus = tmp_path / "corpus"
    for name, codec in ENCODINGS.items():
        (corpus / name).mkdir(parents=True)
        for seed in SEEDS:
            (corpus / name / seed.name).write_bytes(seed.read_bytes().decode("utf-8").encode(codec))
    (corpus / "0_binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4)
    truncated = _truncated_gb18030(SEEDS[0].read_bytes().decode("utf-8"))
    (corpus / "1_truncated.txt").write_bytes(truncated)
    out = tmp_path / "out" / "result.jsonl"
    out.parent.mkdir()

    proc = run("parse", corpus, "--format", "jsonl", "--out", out, "--jobs", "2")

    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    errors = proc.stderr.splitlines()
    binary = [line for line in errors if "0_binary.txt" in line]
    trunc = [line for line in errors if "1_truncated.txt" in line]
    assert len(binary) == 1 and "binary file" in binary[0]
    assert len(trunc) == 1 and "truncated" in trunc[0] and f"at byte {len(truncated) - 1}" in trunc[0]
    total = len(ENCODINGS) * len(SEEDS) + 2
    assert errors == [*binary, *trunc, f"govreport: 2 of {total} inputs failed"]
    # every other file is in the output, atomically written, with results identical to UTF-8
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]
    docs = _docs(out.read_text(encoding="utf-8"))
    reported = {"gb18030": "gb18030", "gbk": "gb18030", "utf-16": "utf-16", "utf-8-bom": "utf-8-sig"}
    by_folder: dict[str, list[Document]] = {}
    for doc in docs:
        by_folder.setdefault(Path(doc.source or "").parent.name, []).append(doc)
    assert sorted(by_folder) == sorted(ENCODINGS)
    for name, group in by_folder.items():
        assert [d.encoding for d in group] == [reported[name]] * len(SEEDS)
        assert [_results(d) for d in group] == [_results(d) for d in utf8_run], name


def test_missing_file_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    good = tmp_path / "good.txt"
    good.write_text("增长18.3%。", encoding="utf-8")
    proc = run("parse", tmp_path / "nope.txt", tmp_path / "empty", good, "--format", "jsonl")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"cannot read {tmp_path / 'nope.txt'}: No such file or directory" in proc.stderr
    assert "no files matching '*.txt'" in proc.stderr
    assert [d.source for d in _docs(proc.stdout)] == [str(good)]


def test_glob(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("增长18.3%。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("增长1%。", encoding="utf-8")
    proc = run("parse", tmp_path, "--glob", "*.md", "--format", "jsonl")
    assert proc.returncode == 0
    assert [Path(d.source or "").name for d in _docs(proc.stdout)] == ["a.md"]


@pytest.mark.parametrize(
    "args",
    [
        ["parse"],
        ["parse", "x.txt", "--types", "quantity"],
        ["parse", "x.txt", "--format", "xml"],
        ["parse", "x.txt", "--reference-date", "2023-13-45"],
        ["parse", "x.txt", "--jobs", "-1"],
        ["parse", "x.txt", "--input-encoding", "klingon"],
        ["parse", "x.txt", "--out", "/no/such/folder/out.json"],
        ["parse", "-", "-"],
        ["parse", "x.txt", "--stream", "-j", "2"],
        ["parse", "x.txt", "--stream", "--block-chars", "0"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    proc = run(*args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.strip()


def test_interrupt_exits_130_and_leaves_no_output(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "govreport", "parse", "-", "--format", "json", "--out", str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):  # waiting on stdin by now
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert stderr.decode("utf-8").strip() == "govreport: interrupted"
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------------------------------
# other commands


def test_number() -> None:
    try:
        govreport.parse_quantity("1.4亿元")
    except NotImplementedError:
        pytest.skip("parse_quantity is not written yet")
    proc = run("number", "--format", "json", "1.4亿元")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["type"] == "quantity" and data["value"] == "140000000" and data["unit"] == "元"
    proc = run("number", "1.4亿元")
    assert proc.returncode == 0 and "140000000" in proc.stdout and "元" in proc.stdout


def test_number_percentage_and_failure() -> None:
    try:
        govreport.parse_percentage("18.3%")
    except NotImplementedError:
        pytest.skip("parse_percentage is not written yet")
    proc = run("number", "--format", "json", "18.3%", "不是数字")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    data = json.loads(proc.stdout.splitlines()[0])
    assert data["type"] == "percentage" and data["value"] == "18.3"
    assert proc.stderr.startswith("govreport: cannot parse '不是数字'") and len(proc.stderr.splitlines()) == 1


def test_schema_command_matches_docs() -> None:
    proc = run("schema")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))


def test_version_and_entry_point() -> None:
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("govreport ")
    script = Path(sys.executable).parent / "govreport"
    if script.exists():
        assert subprocess.run([script, "--version"], capture_output=True, timeout=60).returncode == 0


# --------------------------------------------------------------------------------------------------
# --stream


def test_stream_blocks_equal_iter_parse_and_cover_the_file(tmp_path: Path) -> None:
    page = "标题{}\n\n本报讯(记者 王五)全市支出1.4亿元,同比增长18.3%。\n\n"
    text = "".join(page.format(i) for i in range(40))
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("gb18030"))
    proc = run("parse", "--stream", "--block-chars", "200", "-f", "jsonl", path)
    assert proc.returncode == 0, proc.stderr
    blocks = _docs(proc.stdout)
    expected = list(govreport.iter_parse(path, block_chars=200))
    assert len(blocks) == len(expected) > 1
    assert [_results(b) for b in blocks] == [_results(e) for e in expected]
    assert "".join(b.text for b in blocks) == text
    assert [b.offset for b in blocks] == [e.offset for e in expected]
    assert {b.encoding for b in blocks} == {"gb18030"}
    # every quantity, placed by its block's offset, is where the whole-file parse finds it
    whole = govreport.parse(text)
    streamed = [(b.offset + q.span.start, q.text) for b in blocks for q in b.quantities]
    assert streamed == [(q.span.start, q.text) for q in whole.quantities]


def test_stream_csv_has_offsets_and_stdin_works(tmp_path: Path) -> None:
    text = "".join(f"标题{i}\n\n本报讯 全市支出{i + 1}亿元。\n\n" for i in range(12))
    proc = run("parse", "--stream", "--block-chars", "60", "-f", "csv", "-t", "quantities", "-", stdin=text.encode())
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert list(rows[0])[:3] == ["source", "offset", "type"]
    assert len(rows) == 12 and len({r["offset"] for r in rows}) > 2
    for r in rows:
        start, end = int(r["offset"]) + int(r["span.start"]), int(r["offset"]) + int(r["span.end"])
        assert text[start:end] == r["text"] and r["source"] == "<stdin>"


def test_stream_reports_a_damaged_file_after_its_good_blocks(tmp_path: Path) -> None:
    good = ("标题\n\n本报讯 全市支出1.4亿元。" + "会议强调要认真落实工作部署。" * 150 + "\n\n").encode("utf-8")
    path = tmp_path / "damaged.txt"
    path.write_bytes(good * 180 + b"\xff\xfe\xfa" + good)  # past the first megabyte read for detection
    other = tmp_path / "fine.txt"
    other.write_text("全市支出1.4亿元。", encoding="utf-8")
    proc = run("parse", "--stream", "-f", "jsonl", "--no-text", "-t", "quantities", path, other)
    assert proc.returncode == 1
    assert "damaged.txt" in proc.stderr and "byte" in proc.stderr
    docs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert docs[-1]["source"].endswith("fine.txt")
    assert len(docs) > 2  # the blocks before the damage were written
