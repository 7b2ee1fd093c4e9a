"""Segmentation and tags (``govreport._segment``) and the lexicon cache behind them (``_lexicon``).

* the same words and tags as jieba itself (``jieba.Tokenizer`` fully initialised, and
  ``jieba.posseg.POSTokenizer`` on it) for precise mode with and without the HMM and for the
  tagger: on the seeds split into lines and into random windows, and on random strings mixing Han
  characters, digits, Latin letters, punctuation and whitespace;
* the lexicon is thread-safe while it fills;
* the cache file: written once and reused, rebuilt when damaged, served from memory when no
  directory takes it; its directory follows ``GOVREPORT_CACHE_DIR`` and ``XDG_CACHE_HOME``.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from govreport import _lexicon
from govreport._segment import cut, pos_cut

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
POOLS = (
    "全市生产总值增长一站式办理七篇文章进一步统一万亿两个三大重点项目总投资中国北京龘犇𠀀",
    "0123456789.%",
    "abcXYZk+#&._-",
    " \t\n\r\u3000",
    "，。、；：！？（）《》“”/",
    "一二三四五六七八九十百千万亿零两",
)


def _texts(seed: int, windows: int, randoms: int) -> list[str]:
    rng = random.Random(seed)
    texts: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        page = path.read_text(encoding="utf-8")
        texts.extend(page.splitlines())
        for _ in range(windows):
            i = rng.randrange(len(page))
            texts.append(page[i : i + rng.randint(5, 30)])
    pool = "".join(POOLS)
    for _ in range(randoms):
        chars = rng.choice((pool, *POOLS))
        texts.append("".join(rng.choice(chars) for _ in range(rng.randint(1, 40))))
    for _ in range(randoms // 10):  # any Han character, including rare ones and extension blocks
        codes = (rng.choice((rng.randint(0x3400, 0x9FFF), 0x20000 + rng.randrange(99))) for _ in range(9))
        texts.append("".join(map(chr, codes)))
    return texts


@pytest.fixture(scope="module")
def jieba_tokenizers() -> tuple[Any, Any]:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok, jieba.posseg.POSTokenizer(tok)


def test_seeds_present() -> None:
    assert len(list(SEEDS.glob("*.txt"))) == 5


def test_same_words_and_tags_as_jieba(jieba_tokenizers: tuple[Any, Any]) -> None:
    tok, tagger = jieba_tokenizers
    texts = _texts(seed=7, windows=80, randoms=800)
    for text in texts:
        assert cut(text) == tok.lcut(text, HMM=True), text
        assert cut(text, hmm=False) == tok.lcut(text, HMM=False), text
        assert pos_cut(text) == [(p.word, p.flag) for p in tagger.cut(text, HMM=True)], text


def test_whole_seed_pages(jieba_tokenizers: tuple[Any, Any]) -> None:
    tok, tagger = jieba_tokenizers
    for path in sorted(SEEDS.glob("*.txt")):
        page = path.read_text(encoding="utf-8")
        assert cut(page) == tok.lcut(page)
        assert pos_cut(page) == [(p.word, p.flag) for p in tagger.cut(page)]


@pytest.fixture(scope="module")
def blob() -> bytes:
    """One cache file, built for the installed jieba (a few seconds)."""
    root = _lexicon.jieba_dir()
    return _lexicon.build(root, _lexicon.cache_key(root))


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, blob: bytes) -> Iterator[_lexicon.Lexicon]:
    """An empty lexicon installed as the process-wide one for the test."""
    lex = _lexicon._parse(blob, _lexicon.cache_key(_lexicon.jieba_dir()))
    assert lex is not None
    monkeypatch.setattr(_lexicon, "_LEXICON", [lex])
    yield lex


def test_fills_safely_from_many_threads(fresh: _lexicon.Lexicon) -> None:
    texts = _texts(seed=3, windows=60, randoms=200)
    assert not fresh.freq
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda t: (cut(t), cut(t, hmm=False), pos_cut(t)), texts))
    fresh_entries = len(fresh.freq)
    _lexicon._LEXICON[:] = []  # back to the process-wide lexicon for the reference
    want = [(cut(t), cut(t, hmm=False), pos_cut(t)) for t in texts]
    assert got == want
    assert 0 < fresh_entries < 100_000  # loaded what the texts reach, not the 500,000 entries


def test_cache_is_written_then_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blob: bytes) -> None:
    monkeypatch.setattr(_lexicon, "build", lambda root, key: blob)
    lex = _lexicon.load([tmp_path / "a"])
    (written,) = (tmp_path / "a").glob("jieba-*.lexicon")
    assert written.read_bytes() == blob

    def no_build(root: Path, key: str) -> bytes:
        raise AssertionError("rebuilt although the cache file is valid")

    monkeypatch.setattr(_lexicon, "build", no_build)
    again = _lexicon.load([tmp_path / "a"])
    for one in (lex, again):
        one.ensure("统一进一步")
    assert lex.freq == again.freq and lex.tags == again.tags


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage", "other key"])
def test_damaged_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blob: bytes, damage: str) -> None:
    monkeypatch.setattr(_lexicon, "build", lambda root, key: blob)
    _lexicon.load([tmp_path])
    (path,) = tmp_path.glob("jieba-*.lexicon")
    bad = {
        "empty": b"",
        "truncated": blob[: len(blob) // 2],
        "garbage": b"\x00" * 64,
        "other key": blob.replace(b"format ", b"format?", 1),
    }[damage]
    path.write_bytes(bad)
    calls: list[str] = []
    monkeypatch.setattr(_lexicon, "build", lambda root, key: calls.append(key) or blob)
    lex = _lexicon.load([tmp_path])
    assert calls and path.read_bytes() == blob
    lex.ensure("一站式")
    assert lex.freq["一站式"] > 0


def test_unwritable_cache_directory_serves_from_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blob: bytes
) -> None:
    monkeypatch.setattr(_lexicon, "build", lambda root, key: blob)
    (tmp_path / "file").write_text("not a directory")
    lex = _lexicon.load([tmp_path / "file" / "cache"])
    lex.ensure("七篇文章")
    assert lex.freq["文章"] > 0 and lex.tags["文章"] == "n"


def test_cache_directories(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GOVREPORT_CACHE_DIR", str(tmp_path / "mine"))
    assert _lexicon.cache_dirs()[0] == tmp_path / "mine"
    monkeypatch.delenv("GOVREPORT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    dirs = _lexicon.cache_dirs()
    if sys.platform != "win32":
        assert dirs[0] == tmp_path / "xdg" / "govreport"
    assert len(dirs) == 2  # then the per-user temporary directory


def test_segmenting_does_not_import_jieba() -> None:
    code = (
        "import sys, govreport; from govreport._segment import cut, pos_cut;"
        "cut('一站式办理'); pos_cut('全市生产总值'); govreport.parse('一是全市生产总值增长6%。');"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'jieba'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to give a directory away")
def test_temporary_directory_of_another_user_is_not_used(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    assert _lexicon._trusted(theirs)
    os.chown(theirs, 54321, -1)
    assert not _lexicon._trusted(theirs)
    assert _lexicon._trusted(tmp_path / "not yet")


def test_absent_pairs_are_forgotten_beyond_the_cap(fresh: _lexicon.Lexicon, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_lexicon, "_MAX_ABSENT", 10)
    for i in range(40):
        fresh.ensure(f"{i}x{i}y")  # pairs such as "1x", "x1": no dictionary word begins with them
    assert len(fresh._known) - len(fresh._loaded_chars) - len(fresh._loaded_pairs) <= 10 + 4
    assert cut("统一进一步") == ["统一", "进一步"]
