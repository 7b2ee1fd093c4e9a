"""jieba's dictionary and HMM tables, cached on disk in shards and loaded as text needs them.

jieba reads its whole dictionary into one dict on first use (``marshal.load`` of about 500,000
entries: about a second), and ``import jieba.posseg`` reads the 350,000-line ``dict.txt`` again for
the part-of-speech tags. Segmenting a string, though, only ever looks up substrings of that string,
and every word of length two or more begins with one of the string's adjacent character pairs. So
the cache file built here from jieba's own files holds:

* per character: its frequency and tag as a one-character word, its HMM emission rows (jieba's
  ``finalseg`` and ``posseg`` models), its ``posseg`` state list, and the second characters of the
  dictionary words that begin with it;
* per two-character prefix: every dictionary entry with that prefix (the words with their
  frequency and tag, and every prefix of a word, frequency 0 when not a word itself: exactly what
  jieba's ``gen_pfdict`` builds);
* in the header: the total frequency, the small HMM tables (start and transition probabilities)
  and an index of byte offsets.

:class:`Lexicon` maps the file and loads the shards of the characters and pairs of each string
before it is segmented (:meth:`Lexicon.ensure`); the first parse of a page loads about 10,000
entries instead of 500,000. The file is built once (a few seconds), named after jieba's version,
the sizes and modification times of the source files and :data:`FORMAT`, and written atomically, so
concurrent processes can race to build it safely. See ``docs/performance.md``.
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import importlib.util
import marshal
import mmap
import operator
import os
import re
import tempfile
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

__all__ = ["FORMAT", "MIN_FLOAT", "Lexicon", "State", "cache_dirs", "lexicon", "load"]

#: Version of the file layout; part of the cache key.
FORMAT: Final = 1
#: jieba's "impossible" log probability (``MIN_FLOAT`` in ``finalseg`` and ``posseg.viterbi``).
MIN_FLOAT: Final = -3.14e100
#: The jieba files the cache is derived from, relative to the jieba package directory.
SOURCES: Final = (
    "dict.txt",
    "finalseg/prob_start.py",
    "finalseg/prob_trans.py",
    "finalseg/prob_emit.py",
    "posseg/prob_start.py",
    "posseg/prob_trans.py",
    "posseg/prob_emit.py",
    "posseg/char_state_tab.py",
)
#: The order of a character's ``finalseg`` emission row.
HMM_STATES: Final = "BMES"

_MAGIC: Final = b"GRLEX\x00\x00\x01"
_HEAD: Final = len(_MAGIC) + 8  # magic, then the header's length (8 bytes, little-endian)
_VERSION_RE: Final = re.compile(r"""__version__\s*=\s*['"]([^'"]+)['"]""")

#: A ``posseg`` HMM state: position in the word (B, M, E, S) and part-of-speech tag.
State = tuple[str, str]
HmmRow = tuple[float, float, float, float]
_NO_HMM_ROW: Final[HmmRow] = (MIN_FLOAT, MIN_FLOAT, MIN_FLOAT, MIN_FLOAT)
_MAX_ABSENT: Final = 200_000  # pairs remembered as beginning no word


class Lexicon:
    """The loaded part of jieba's dictionary and HMM tables, grown on demand by :meth:`ensure`.

    After ``ensure(text)``, :attr:`freq` and :attr:`tags` hold every entry that begins at a
    position of ``text``, and :attr:`hmm_emit`, :attr:`pos_states` and :attr:`pos_emit` the rows of
    every character of ``text``: segmenting ``text`` sees exactly what jieba's full tables hold.
    Thread-safe: loads are serialized, and a character or pair is marked loaded only once its
    entries are in place.
    """

    def __init__(self, buf: bytes | mmap.mmap, header: dict[str, Any], data_start: int) -> None:
        self._buf = buf
        self._data = data_start
        self._chars: dict[str, tuple[int, int]] = header["chars"]
        offsets = array.array("I")
        offsets.frombytes(header["offsets"])
        self._offsets = offsets
        self._nexts: dict[str, tuple[str, int]] = {}
        self._loaded_chars: set[str] = set()
        self._loaded_pairs: set[str] = set()
        # loaded characters and pairs, and pairs that begin no dictionary word: nothing to load
        self._known: set[str] = set()
        self._lock = threading.Lock()
        #: jieba's ``Tokenizer.total``: the sum of the dictionary's frequencies.
        self.total: int = header["total"]
        #: jieba's ``Tokenizer.FREQ``, restricted to what has been loaded.
        self.freq: dict[str, int] = {}
        #: jieba's ``POSTokenizer.word_tag_tab``, restricted to what has been loaded.
        self.tags: dict[str, str] = {}
        #: ``finalseg`` start and transition log probabilities.
        self.hmm_start: dict[str, float] = header["hmm"][0]
        self.hmm_trans: dict[str, dict[str, float]] = header["hmm"][1]
        #: ``finalseg`` emission row of each loaded character, in :data:`HMM_STATES` order.
        self.hmm_emit: dict[str, HmmRow] = {}
        #: ``posseg`` start and transition log probabilities.
        self.pos_start: dict[State, float] = header["pos"][0]
        self.pos_trans: dict[State, dict[State, float]] = header["pos"][1]
        #: Every ``posseg`` state (the keys of the transition table).
        self.pos_all_states: tuple[State, ...] = tuple(self.pos_trans)
        #: ``posseg`` states of each loaded character that has a row in ``char_state_tab``.
        self.pos_states: dict[str, tuple[State, ...]] = {}
        #: ``posseg`` emission log probabilities of each loaded character, by state.
        self.pos_emit: dict[str, dict[State, float]] = {}

    def hmm_row(self, char: str) -> HmmRow:
        """The ``finalseg`` emission row of a loaded character (``MIN_FLOAT`` where it has none)."""
        return self.hmm_emit.get(char, _NO_HMM_ROW)

    def ensure(self, text: str) -> None:
        """Load every entry and row that segmenting ``text`` may look up (cheap once loaded)."""
        keys = set(text)
        if len(text) > 1:
            keys.update(map(operator.add, text, text[1:]))
        keys.difference_update(self._known)
        if keys:
            self._resolve(keys)

    def _resolve(self, keys: set[str]) -> None:
        """Load the characters, then the pairs among ``keys`` not looked at before."""
        chars = [key for key in keys if len(key) == 1]
        if chars:
            self._load_chars(chars)
        nexts = self._nexts
        wanted: list[tuple[str, int]] = []
        absent: list[str] = []
        for pair in keys:
            if len(pair) != 2:
                continue
            entry = nexts.get(pair[0])
            if entry is not None:
                i = entry[0].find(pair[1])
                if i >= 0:
                    wanted.append((pair, entry[1] + i))
                    continue
            absent.append(pair)
        if wanted:
            self._load_pairs(wanted)
        if absent:
            with self._lock:
                loaded = len(self._loaded_chars) + len(self._loaded_pairs)
                if len(self._known) - loaded > _MAX_ABSENT:  # bounded memory on endless corpora
                    self._known = self._loaded_chars | self._loaded_pairs
                self._known.update(absent)

    def _blob(self, start: int, end: int) -> Any:
        return marshal.loads(self._buf[self._data + start : self._data + end])

    def _load_chars(self, chars: Iterable[str]) -> None:
        with self._lock:
            for char in chars:
                if char in self._loaded_chars:
                    continue
                where = self._chars.get(char)
                if where is not None:
                    freq, tag, nexts, base, hmm_row, pos_states, pos_emit = self._blob(*where)
                    if freq is not None:
                        self.freq[char] = freq
                    if tag is not None:
                        self.tags[char] = tag
                    if nexts:
                        self._nexts[char] = (nexts, base)
                    if hmm_row is not None:
                        self.hmm_emit[char] = hmm_row
                    if pos_states is not None:
                        self.pos_states[char] = pos_states
                    if pos_emit is not None:
                        self.pos_emit[char] = pos_emit
                self._loaded_chars.add(char)
                self._known.add(char)

    def _load_pairs(self, wanted: Iterable[tuple[str, int]]) -> None:
        offsets = self._offsets
        with self._lock:
            for pair, index in wanted:
                if pair in self._loaded_pairs:
                    continue
                freq, tags = self._blob(offsets[index], offsets[index + 1])
                self.freq.update(freq)
                self.tags.update(tags)
                self._loaded_pairs.add(pair)
                self._known.add(pair)


def jieba_dir() -> Path:
    """The directory of the installed jieba package, found without importing it."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed")
    return Path(spec.origin).parent


def cache_key(root: Path) -> str:
    """What the cache file depends on: :data:`FORMAT`, jieba's version, each source's size and mtime."""
    with open(root / "__init__.py", encoding="utf-8") as fh:
        match = _VERSION_RE.search(fh.read(4096))
    parts = [f"format {FORMAT}", f"jieba {match.group(1) if match else '?'}"]
    for name in SOURCES:
        st = (root / name).stat()
        parts.append(f"{name} {st.st_size} {st.st_mtime_ns}")
    return "\n".join(parts)


def cache_dirs() -> list[Path]:
    """Where the cache file is looked for and written, in order.

    ``$GOVREPORT_CACHE_DIR`` when set, else the user cache directory (``$XDG_CACHE_HOME/govreport``,
    ``~/.cache/govreport``; ``%LOCALAPPDATA%\\govreport\\cache`` on Windows); then a per-user
    directory under :func:`tempfile.gettempdir`.
    """
    dirs: list[Path] = []
    env = os.environ.get("GOVREPORT_CACHE_DIR")
    if env:
        dirs.append(Path(env))
    elif os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        dirs.append(Path(os.environ["LOCALAPPDATA"]) / "govreport" / "cache")
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        home = os.path.expanduser("~")
        if xdg:
            dirs.append(Path(xdg) / "govreport")
        elif home != "~":  # "~" when there is no home directory
            dirs.append(Path(home) / ".cache" / "govreport")
    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    dirs.append(Path(tempfile.gettempdir()) / f"govreport-{user}")
    return dirs


def load(dirs: Sequence[Path] | None = None) -> Lexicon:
    """The lexicon from the first valid cache file in ``dirs`` (default :func:`cache_dirs`).

    When there is none, it is built from jieba's files and written to the first directory that
    takes it; when none does, the lexicon is served from memory.
    """
    root = jieba_dir()
    key = cache_key(root)
    name = f"jieba-{hashlib.sha256(key.encode()).hexdigest()[:20]}.lexicon"
    dirs = [d for d in (cache_dirs() if dirs is None else dirs) if _trusted(d)]
    for d in dirs:
        lex = _open(d / name, key)
        if lex is not None:
            return lex
    blob = build(root, key)
    for d in dirs:
        try:
            _write(d / name, blob)
            break
        except OSError:
            continue
    lex = _parse(blob, key)
    if lex is None:  # pragma: no cover - build() and _parse() disagree
        raise RuntimeError("the lexicon just built does not read back")
    return lex


_LOCK = threading.Lock()
_LEXICON: list[Lexicon] = []


def _after_fork() -> None:
    # a fork while another thread held a lock would leave it locked forever in the child; the
    # lexicon itself is consistent (a character or pair is marked loaded only once its entries are in)
    global _LOCK
    _LOCK = threading.Lock()
    for lex in _LEXICON:
        lex._lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


def lexicon() -> Lexicon:
    """The process-wide :class:`Lexicon` (loaded once, thread-safe)."""
    if _LEXICON:
        return _LEXICON[0]
    with _LOCK:
        if not _LEXICON:
            _LEXICON.append(load())
    return _LEXICON[0]


def _trusted(directory: Path) -> bool:
    """False for a directory in the shared temporary directory that another user owns."""
    if not hasattr(os, "getuid"):
        return True
    try:
        in_tmp = directory.resolve().is_relative_to(Path(tempfile.gettempdir()).resolve())
        return not in_tmp or directory.stat().st_uid == os.getuid()
    except OSError:  # does not exist yet: it will be ours
        return True


def _open(path: Path, key: str) -> Lexicon | None:
    try:
        with open(path, "rb") as fh:
            buf = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable, or empty (cannot be mapped)
        return None
    lex = _parse(buf, key)
    if lex is None:
        buf.close()
    return lex


def _parse(buf: bytes | mmap.mmap, key: str) -> Lexicon | None:
    """A :class:`Lexicon` over ``buf``, or None when it is not a complete cache file for ``key``."""
    if len(buf) < _HEAD or buf[: len(_MAGIC)] != _MAGIC:
        return None
    size = int.from_bytes(buf[len(_MAGIC) : _HEAD], "little")
    try:
        header = marshal.loads(buf[_HEAD : _HEAD + size])
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(header, dict) or header.get("key") != key or header.get("size") != len(buf):
        return None
    return Lexicon(buf, header, _HEAD + size)


def _write(path: Path, blob: bytes) -> None:
    """Write ``blob`` to ``path`` atomically (a temporary file in the same directory, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _table(path: Path) -> Any:
    """The ``P`` of one of jieba's model modules, executed from its file (jieba is not imported)."""
    spec = importlib.util.spec_from_file_location(f"_govreport_jieba_{path.parent.name}_{path.stem}", path)
    if spec is None or spec.loader is None:  # pragma: no cover - a .py file always has a loader
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.P


def _dictionary(path: Path) -> tuple[dict[str, int], int, dict[str, str]]:
    """jieba's prefix dictionary and total (``Tokenizer.gen_pfdict``) and tags (``load_word_tag``)."""
    freq: dict[str, int] = {}
    total = 0
    tags: dict[str, str] = {}
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.strip().decode("utf-8")
            parts = line.split(" ")
            try:
                word, count_text = parts[:2]
                count = int(count_text)
            except ValueError:
                raise ValueError(f"invalid dictionary entry in {path} at line {lineno}: {line}") from None
            freq[word] = count
            total += count
            for end in range(1, len(word) + 1):
                if word[:end] not in freq:
                    freq[word[:end]] = 0
            if len(parts) == 3:
                tags[word] = parts[2]
    return freq, total, tags


def build(root: Path, key: str) -> bytes:
    """The cache file for the jieba installed in ``root`` (see the module docstring for the layout)."""
    freq, total, tags = _dictionary(root / "dict.txt")
    hmm_start = _table(root / "finalseg" / "prob_start.py")
    hmm_trans = _table(root / "finalseg" / "prob_trans.py")
    hmm_emit: dict[str, dict[str, float]] = _table(root / "finalseg" / "prob_emit.py")
    pos_start = _table(root / "posseg" / "prob_start.py")
    pos_trans = _table(root / "posseg" / "prob_trans.py")
    pos_emit: dict[State, dict[str, float]] = _table(root / "posseg" / "prob_emit.py")
    pos_states: dict[str, tuple[State, ...]] = _table(root / "posseg" / "char_state_tab.py")

    hmm_rows: dict[str, HmmRow] = {}
    for char in {c for row in hmm_emit.values() for c in row}:
        b, m, e, s = (hmm_emit[y].get(char, MIN_FLOAT) for y in HMM_STATES)
        hmm_rows[char] = (b, m, e, s)
    pos_rows: dict[str, dict[State, float]] = {}
    for state, row in pos_emit.items():
        for char, logp in row.items():
            pos_rows.setdefault(char, {})[state] = logp

    by_pair: dict[str, list[str]] = {}
    for word in freq:
        if len(word) > 1:
            by_pair.setdefault(word[:2], []).append(word)
    for word in tags:
        if len(word) > 1 and word[:2] not in by_pair:  # pragma: no cover - tags are dictionary words
            by_pair[word[:2]] = []
    pairs = sorted(by_pair)

    chunks: list[bytes] = []
    pos = 0
    offsets = array.array("I")
    nexts: dict[str, list[str]] = {}
    bases: dict[str, int] = {}
    for index, pair in enumerate(pairs):
        words = by_pair[pair]
        blob = marshal.dumps(({w: freq[w] for w in words}, {w: tags[w] for w in words if w in tags}))
        offsets.append(pos)
        chunks.append(blob)
        pos += len(blob)
        bases.setdefault(pair[0], index)
        nexts.setdefault(pair[0], []).append(pair[1])
    offsets.append(pos)

    chars: dict[str, tuple[int, int]] = {}
    everything = {w[0] for w in freq} | {w[0] for w in tags} | set(hmm_rows) | set(pos_rows) | set(pos_states)
    for char in sorted(everything):
        record = (
            freq.get(char),
            tags.get(char),
            "".join(nexts.get(char, ())),
            bases.get(char, 0),
            hmm_rows.get(char),
            pos_states.get(char),
            pos_rows.get(char),
        )
        blob = marshal.dumps(record)
        chars[char] = (pos, pos + len(blob))
        chunks.append(blob)
        pos += len(blob)

    header: dict[str, Any] = {
        "key": key,
        "total": total,
        "hmm": (hmm_start, hmm_trans),
        "pos": (pos_start, pos_trans),
        "chars": chars,
        "offsets": offsets.tobytes(),
        "size": 0,
    }
    # the header records the file's size, which depends on the header's own length: iterate
    data = b"".join(chunks)
    size = 0
    while True:
        header["size"] = size
        head = marshal.dumps(header)
        new_size = _HEAD + len(head) + len(data)
        if new_size == size:
            break
        size = new_size
    return _MAGIC + len(head).to_bytes(8, "little") + head + data
