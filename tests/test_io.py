"""Files in any encoding, parse_file and parse_many (issue 6)."""

from __future__ import annotations

import itertools
import os
import pickle
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport import DecodeError, Document, GovreportError
from govreport.io import decode_bytes, ordered_map

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
needs_seeds = pytest.mark.skipif(not SEEDS, reason="../shared/seeds is not there")

TRADITIONAL = "臺北市政府今年預算總額為一千七百億元，較去年增加百分之三點五。市長表示，將持續推動交通建設與社會福利。"

# (name of the copy, how to make its bytes from the text, the encoding read_text must report)
COPIES: list[tuple[str, Any, str]] = [
    ("utf-8", lambda t: t.encode("utf-8"), "utf-8"),
    ("utf-8-bom", lambda t: t.encode("utf-8-sig"), "utf-8-sig"),
    ("utf-16-le", lambda t: b"\xff\xfe" + t.encode("utf-16-le"), "utf-16"),
    ("utf-16-be", lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16"),
    ("utf-32", lambda t: t.encode("utf-32"), "utf-32"),
    ("gb18030", lambda t: t.encode("gb18030"), "gb18030"),
    ("gbk", lambda t: t.encode("gbk"), "gb18030"),
]


def _seed_texts() -> list[tuple[str, str]]:
    return [(p.name, p.read_bytes().decode("utf-8")) for p in SEEDS]


def _cut_inside_last_multibyte(text: str, encoding: str) -> bytes:
    """The encoded text cut one byte into its last multi-byte character: a truncated file."""
    data = text.encode(encoding)
    for i in range(len(text) - 1, -1, -1):
        if len(text[i].encode(encoding)) > 1:
            return data[: len(text[:i].encode(encoding)) + 1]
    raise AssertionError("no multi-byte character")


# --------------------------------------------------------------------------------------------------
# detection


@needs_seeds
@pytest.mark.parametrize(("copy", "make", "expected"), COPIES, ids=[c[0] for c in COPIES])
def test_every_seed_in_every_encoding(tmp_path: Path, copy: str, make: Any, expected: str) -> None:
    for name, text in _seed_texts():
        path = tmp_path / name
        path.write_bytes(make(text))
        assert govreport.read_text(path) == (text, expected), (name, copy)


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (TRADITIONAL, "big5", "big5"),
        (TRADITIONAL, "cp950", "big5"),
        ("臺灣", "big5", "big5"),
        ("碁銹裏", "cp950", "cp950"),  # Microsoft's Big5 extension characters
        (TRADITIONAL, "gb18030", "gb18030"),  # traditional characters in a GB file stay GB
        ("全市医疗保障工作会议召开", "gbk", "gb18030"),
        ("医保", "gbk", "gb18030"),
        ("中", "gb2312", "gb18030"),
        ("€𠀀", "gb18030", "gb18030"),  # four-byte GB18030 sequences
        ("", "utf-8", "utf-8"),
        ("ASCII only 2023", "ascii", "utf-8"),
        ("济宁\r\n菏泽\r\n", "utf-16", "utf-16"),
    ],
)
def test_detection(text: str, encoding: str, expected: str) -> None:
    assert decode_bytes(text.encode(encoding)) == (text, expected)


def test_newlines_are_kept_as_stored(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("第一行\r\n第二行\r".encode("gb18030"))
    text, _ = govreport.read_text(path)
    assert text == "第一行\r\n第二行\r"


@pytest.mark.parametrize(
    ("data", "offset", "reason"),
    [
        (_cut_inside_last_multibyte("全市支出1.4亿元。济宁市", "gb18030"), 21, "truncated: incomplete GB18030"),
        (_cut_inside_last_multibyte("全市支出1.4亿元。济宁市", "utf-8"), 30, "truncated: incomplete UTF-8"),
        ("济宁".encode("utf-16")[:-1], 4, "truncated: incomplete UTF-16"),
        ("济宁".encode("utf-8-sig")[:-1], 6, "truncated: incomplete UTF-8-SIG"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 8, "binary file (NUL byte)"),
        ("济宁\x00市".encode("utf-16"), 6, "binary file (NUL character)"),
        (bytes(range(1, 32)) * 20, 0, "binary file (control characters)"),
        ("全市支出".encode("gb18030") + b"\xff" + "1.4亿元".encode("gb18030"), 8, "not UTF-8, GB18030 or Big5"),
        ("全市医疗保障工作会议".encode() + "召开".encode("gbk"), 30, "not valid UTF-8"),  # damaged UTF-8
    ],
)
def test_undecodable_bytes_are_rejected(data: bytes, offset: int, reason: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(data, path="some/file.txt")
    err = info.value
    assert err.path == "some/file.txt" and err.byte_offset == offset and err.reason.startswith(reason)
    assert str(err).startswith("cannot decode some/file.txt: ") and "\n" not in str(err)


@needs_seeds
def test_truncated_seeds_are_rejected() -> None:
    for name, text in _seed_texts():
        for encoding in ("gb18030", "gbk", "utf-8", "utf-16"):
            with pytest.raises(DecodeError, match="truncated"):
                decode_bytes(_cut_inside_last_multibyte(text, encoding), path=name)


def test_real_binaries_are_rejected() -> None:
    import importlib.util
    import sys

    for path in (Path(sys.executable).resolve(), Path(importlib.util.cache_from_source(pickle.__file__))):
        if path.is_file():
            with pytest.raises(DecodeError, match=r"binary|not UTF-8"):
                govreport.read_text(path)


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=1, max_size=400))
def test_any_bytes_decode_or_raise_decode_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as err:
        assert err.byte_offset is None or 0 <= err.byte_offset <= len(data)
    else:
        assert data.decode(encoding) == text


# the 3,755 common characters of GB2312 (level 1): real report text, for which GB18030 and Big5
# readings can be told apart (uniformly drawn rare characters are ambiguous between the two)
_COMMON = [bytes([hi, lo]).decode("gb2312") for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF)
           if (hi, lo) < (0xD7, 0xFA)]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(_COMMON), min_size=8, max_size=50))
def test_chinese_text_survives_gb18030_and_utf16(text: str) -> None:
    # (a very short GB text can also be valid UTF-8: 一一 is D2 BB D2 BB, i.e. "һһ"; UTF-8 wins)
    assert decode_bytes(text.encode("gb18030"))[0] == text
    assert decode_bytes(text.encode("utf-16"))[0] == text
    assert decode_bytes(text.encode("utf-8"))[0] == text


def test_forced_encoding(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("臺灣".encode("big5hkscs"))
    assert govreport.read_text(path, encoding="big5hkscs") == ("臺灣", "big5hkscs")
    with pytest.raises(DecodeError, match="unknown encoding 'nope'"):
        govreport.read_text(path, encoding="nope")
    with pytest.raises(DecodeError, match="not valid utf-8"):
        govreport.read_text(path, encoding="utf-8")


def test_decode_error_is_typed_and_pickles() -> None:
    err = DecodeError("a.txt", 3, "truncated")
    assert isinstance(err, UnicodeError) and isinstance(err, GovreportError)
    back = pickle.loads(pickle.dumps(err))
    assert (back.path, back.byte_offset, back.reason, str(back)) == ("a.txt", 3, "truncated", str(err))


def test_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        govreport.read_text(tmp_path / "nope.txt")


# --------------------------------------------------------------------------------------------------
# parse_file


def _same_results(a: Document, b: Document) -> bool:
    return attrs.evolve(a, encoding=None, source=None) == attrs.evolve(b, encoding=None, source=None)


@needs_seeds
def test_parse_file_in_every_encoding_gives_the_same_results(tmp_path: Path) -> None:
    for seed in SEEDS:
        reference = govreport.parse(seed.read_bytes().decode("utf-8"))
        for copy, make, expected in COPIES:
            path = tmp_path / f"{copy}-{seed.name}"
            path.write_bytes(make(reference.text))
            doc = govreport.parse_file(path)
            assert doc.encoding == expected and doc.source == str(path)
            assert _same_results(doc, reference), (seed.name, copy)


def test_parse_file_options(tmp_path: Path) -> None:
    import datetime

    path = tmp_path / "a.txt"
    path.write_text("今年全市支出1.4亿元。", encoding="utf-8")
    doc = govreport.parse_file(path, reference_date=datetime.date(2023, 3, 2), region="济宁市")
    assert doc.reference_date == datetime.date(2023, 3, 2) and doc.region == "济宁市"


# --------------------------------------------------------------------------------------------------
# parse_many


@needs_seeds
def test_parse_many_keeps_order_and_matches_parse(tmp_path: Path) -> None:
    texts = [text for _, text in _seed_texts()] * 3
    sequential = [govreport.parse(t) for t in texts]
    assert list(govreport.parse_many(texts, processes=2, chunksize=2)) == sequential
    assert list(govreport.parse_many(texts, processes=1)) == sequential
    paths = []
    for i, text in enumerate(texts):
        paths.append(tmp_path / f"{i:02}.txt")
        paths[-1].write_bytes(text.encode("gb18030"))
    docs = list(govreport.parse_many(paths, processes=2))
    assert [d.source for d in docs] == [str(p) for p in paths]
    assert all(d.encoding == "gb18030" for d in docs)
    assert all(_same_results(d, s) for d, s in zip(docs, sequential, strict=True))
    assert pickle.loads(pickle.dumps(docs)) == docs


def test_parse_many_is_lazy_and_bounded() -> None:
    endless = (f"第{i}项支出{i}万元。" for i in itertools.count())
    first = list(itertools.islice(govreport.parse_many(endless, processes=2, chunksize=3), 10))
    assert [d.text for d in first] == [f"第{i}项支出{i}万元。" for i in range(10)]


def test_parse_many_raises_at_the_failing_item(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("增长18.3%。", encoding="utf-8")
    bad.write_bytes(b"\x00\x01binary")
    docs = govreport.parse_many([good, bad, good], processes=2)
    assert next(docs).source == str(good)
    with pytest.raises(DecodeError) as info:
        next(docs)
    assert info.value.path == str(bad)


def test_parse_many_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="processes"):
        govreport.parse_many(["a"], processes=0)
    with pytest.raises(ValueError, match="chunksize"):
        govreport.parse_many(["a"], chunksize=0)
    with pytest.raises(TypeError, match="not bytes"):
        list(govreport.parse_many([b"abc"], processes=1))  # type: ignore[list-item]


def test_ordered_map_in_order() -> None:
    assert list(ordered_map(abs, range(-50, 0), processes=2, chunksize=7)) == list(range(50, 0, -1))


def _die(code: int) -> int:
    os._exit(code)


def test_ordered_map_raises_when_a_worker_dies() -> None:
    # a worker killed (out of memory, a signal) fails the run instead of leaving it waiting forever
    with pytest.raises(BrokenProcessPool):
        list(ordered_map(_die, [3, 3, 3], processes=2, chunksize=1))


def test_public_names() -> None:
    for name in ("read_text", "parse_file", "parse_many"):
        assert name in govreport.__all__ and callable(getattr(govreport, name))
