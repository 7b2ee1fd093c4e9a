"""iter_parse: huge inputs block by block (issue 7): every character once, offsets into the whole."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import govreport
from govreport import DecodeError, iter_parse

SEEDS = sorted((Path(__file__).resolve().parents[2] / "shared" / "seeds").glob("*.txt"))
pytestmark = pytest.mark.skipif(not SEEDS, reason="seeds not available")


def _corpus(repeat: int = 6) -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS) * repeat


def _check_blocks(docs: list[govreport.Document], text: str) -> None:
    offset = 0
    for doc in docs:
        assert doc.offset == offset
        assert text[offset : offset + len(doc.text)] == doc.text
        for _name, item in doc.items():
            assert doc.text[item.span.start : item.span.end] == item.text
        offset += len(doc.text)
    assert offset == len(text)


@pytest.mark.parametrize("block_chars", [2_000, 20_000, 1 << 18])
def test_blocks_cover_the_text_once(block_chars: int) -> None:
    text = _corpus()
    docs = list(iter_parse(io.StringIO(text), block_chars=block_chars))
    _check_blocks(docs, text)
    if block_chars < len(text) // 4:
        assert len(docs) > 1


def test_blocks_end_where_an_article_starts() -> None:
    # where the block's own article split saw one start (a line start), never inside a line
    text = _corpus()
    docs = list(iter_parse(io.StringIO(text), block_chars=5_000))
    assert len(docs) > 10
    for doc in docs[1:]:
        assert text[doc.offset - 1] == "\n"
        assert any(a.span.start == 0 for a in govreport.split_articles(doc.text))


def test_quantities_and_percentages_equal_the_whole_parse() -> None:
    # both are read from their sentence alone, so cutting between articles changes none of them
    text = _corpus(3)
    whole = govreport.parse(text)
    docs = list(iter_parse(io.StringIO(text), block_chars=8_000))
    for name in ("quantities", "percentages"):
        got = [(d.offset + i.span.start, d.offset + i.span.end, i.value) for d in docs for i in getattr(d, name)]
        assert got == [(i.span.start, i.span.end, i.value) for i in getattr(whole, name)]


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_files_in_any_encoding(tmp_path: Path, codec: str) -> None:
    text = _corpus(2)
    path = tmp_path / f"big.{codec}.txt"
    path.write_bytes(text.encode(codec))
    docs = list(iter_parse(path, block_chars=10_000))
    _check_blocks(docs, text)
    assert {d.encoding for d in docs} == {codec}
    assert {d.source for d in docs} == {str(path)}


def test_a_multibyte_character_across_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import govreport.streaming as streaming

    monkeypatch.setattr(streaming, "_DETECT_BYTES", 64)
    monkeypatch.setattr(streaming, "_READ_BYTES", 7)  # reads end inside characters all the time
    text = "全市支出1.4亿元。\n\n本报讯 增长18.3%。\n" * 5
    path = tmp_path / "gb.txt"
    path.write_bytes(text.encode("gb18030"))
    docs = list(iter_parse(path, block_chars=30))
    _check_blocks(docs, text)


def test_a_damaged_file_names_the_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import govreport.streaming as streaming

    monkeypatch.setattr(streaming, "_DETECT_BYTES", 64)
    monkeypatch.setattr(streaming, "_READ_BYTES", 64)
    good = "全市支出1.4亿元。\n".encode() * 10
    path = tmp_path / "bad.txt"
    path.write_bytes(good + b"\xff\xfe\xfd" + good)
    with pytest.raises(DecodeError) as err:
        list(iter_parse(path, block_chars=40))
    assert err.value.byte_offset == len(good)
    assert err.value.path == str(path)


def test_text_without_any_break_is_cut_at_block_size() -> None:
    text = "全市支出1.4亿元增长18.3%" * 2_000
    docs = list(iter_parse(io.StringIO(text), block_chars=1_000))
    _check_blocks(docs, text)
    assert max(len(d.text) for d in docs) <= 4 * 1_000


def test_empty_input_gives_one_empty_document() -> None:
    docs = list(iter_parse(io.StringIO("")))
    assert [d.text for d in docs] == [""]


def test_bad_block_size() -> None:
    with pytest.raises(ValueError, match="block_chars"):
        list(iter_parse(io.StringIO("x"), block_chars=0))


def test_damage_past_the_first_megabyte_yields_everything_before_it(tmp_path: Path) -> None:
    article = "标题\n\n本报讯 全市支出1.4亿元。" + "会议强调要认真落实工作部署。" * 150 + "\n\n"
    good = article.encode() * 180  # past the detection window (1 MB)
    path = tmp_path / "late.txt"
    path.write_bytes(good + b"\xff\xfe\xfd" + good)
    docs: list[govreport.Document] = []
    with pytest.raises(DecodeError) as err:
        for doc in iter_parse(path, block_chars=1 << 17):
            docs.append(doc)
    assert err.value.byte_offset == len(good)
    assert "".join(d.text for d in docs) == good.decode()
    assert [d.offset for d in docs] == sorted({d.offset for d in docs})
