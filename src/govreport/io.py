"""Files in any encoding, and parsing many texts or files at once.

:func:`read_text` decodes a report saved by a crawler or an OCR tool in UTF-8 (with or without a
BOM), UTF-16 with a BOM, GB18030 (and so GBK and GB2312, which it contains) or Big5, and says which.
Detection is a fixed, deterministic sequence of strict decodings, not a statistical guess over
every codec Python knows, so a damaged file is rejected with :class:`~govreport.errors.DecodeError`
rather than read as something exotic:

1. a byte-order mark decides: UTF-8-SIG, UTF-32 or UTF-16 (the BOM is not part of the text);
2. a NUL byte anywhere else means a binary file;
3. strict UTF-8;
4. strict GB18030 and strict Big5 (cp950); when both decode, the one whose Chinese characters are
   the more common in its own standard wins (Big5 bytes nearly always decode as GB18030 too);
5. the decoded text must not be mostly control characters.

No newline translation is done: offsets index the decoded text exactly as stored (``\\r\\n`` stays).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = folder / "gbk.txt"
>>> _ = path.write_bytes("全市支出1.4亿元。".encode("gbk"))
>>> read_text(path)
('全市支出1.4亿元。', 'gb18030')
"""

from __future__ import annotations

import collections
import datetime
import itertools
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar, Union

import attrs

from govreport.document import parse
from govreport.errors import DecodeError
from govreport.text import is_cjk
from govreport.types import Document

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["decode_bytes", "ordered_map", "parse_file", "parse_many", "read_text"]

StrPath = Union[str, "os.PathLike[str]"]

# (byte-order mark, name reported, codec for the bytes after the mark)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32", "utf-32-be"),
    (b"\xff\xfe", "utf-16", "utf-16-le"),
    (b"\xfe\xff", "utf-16", "utf-16-be"),
)
_SAMPLE = 4000  # CJK characters looked at when telling GB18030 from Big5
_CONTROLS = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\v\f\r\x1a")


def read_text(path: StrPath, *, encoding: str | None = None) -> tuple[str, str]:
    """Read and decode a text file: ``(text, encoding)``.

    ``encoding`` forces a codec (strictly, any name Python knows); by default it is detected as the
    module docstring says. The name returned reads the file back the same way with
    ``open(path, encoding=..., newline="")``. Raises :class:`~govreport.errors.DecodeError` (a
    ``UnicodeError``) naming the file and the byte offset, and ``OSError`` when it cannot be read.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "u16.txt"
    >>> _ = path.write_bytes("济宁市\\r\\n".encode("utf-16"))
    >>> read_text(path)
    ('济宁市\\r\\n', 'utf-16')
    >>> _ = path.write_bytes("济宁市".encode("gb18030")[:-1])
    >>> read_text(path)
    Traceback (most recent call last):
    ...
    govreport.errors.DecodeError: cannot decode ...: truncated: incomplete GB18030 character at end of file at byte 4
    """
    with open(path, "rb") as f:
        data = f.read()
    return decode_bytes(data, path=os.fsdecode(path), encoding=encoding)


def decode_bytes(data: bytes, *, path: str = "<bytes>", encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` as :func:`read_text` decodes a file; ``path`` only names it in errors.

    >>> decode_bytes("臺北市預算".encode("big5"))
    ('臺北市預算', 'big5')
    >>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", path="logo.png")
    Traceback (most recent call last):
    ...
    govreport.errors.DecodeError: cannot decode logo.png: binary file (NUL byte) at byte 8
    """
    if encoding is not None:
        return _decode_forced(data, path, encoding), encoding
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as err:
                if name == "utf-32":
                    continue  # FF FE 00 00 may be a UTF-16 BOM followed by U+0000
                raise _decode_error(path, body, err, name.upper(), shift=len(bom)) from None
            _check_text(text, path, codec, len(bom))
            return text, name
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError(path, nul, "binary file (NUL byte)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    else:
        gb = _gb_posing_as_utf8(data, text)
        if gb is not None:
            _check_text(gb, path, "gb18030", 0)
            return gb, "gb18030"
        _check_text(text, path, "utf-8", 0)
        return text, "utf-8"
    # A file that is valid UTF-8 for a while, with real multibyte characters, and then breaks is a
    # damaged UTF-8 file: GB18030 would read it without error, as mojibake.
    # (GB18030 bytes can pass for UTF-8 for a few characters, as Cyrillic or Greek: 一 is D2 BB, "һ";
    # only Chinese characters before the break make it a damaged UTF-8 file)
    prefix = data[: utf8_error.start].decode("utf-8")
    if sum(1 for ch in prefix if is_cjk(ch)) >= 4:
        raise _decode_error(path, data, utf8_error, "UTF-8")
    candidates: list[tuple[str, str]] = []
    errors: list[tuple[UnicodeDecodeError, str]] = [(utf8_error, "UTF-8")]
    for codec, label in (("gb18030", "GB18030"), ("big5", "Big5"), ("cp950", "Big5")):
        if codec == "cp950" and any(c == "big5" for c, _ in candidates):
            continue
        try:
            candidates.append((codec, data.decode(codec)))
        except UnicodeDecodeError as exc:
            errors.append((exc, label))
    if not candidates:
        furthest, label = max(errors, key=lambda e: e[0].start)
        raise _decode_error(path, data, furthest, label, tried="UTF-8, GB18030 or Big5")
    codec, text = max(candidates, key=lambda c: (*_commonness(c[1], c[0]), c[0] == "gb18030"))
    _check_text(text, path, codec, 0)
    return text, codec


def _decode_forced(data: bytes, path: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        raise DecodeError(path, None, f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as err:
        raise _decode_error(path, data, err, encoding) from None


_TRUNCATED = ("unexpected end of data", "incomplete multibyte sequence", "truncated data")


def _decode_error(
    path: str, data: bytes, err: UnicodeDecodeError, label: str, *, tried: str | None = None, shift: int = 0
) -> DecodeError:
    """``err`` as a DecodeError; ``shift`` is where ``data`` starts in the file (after a BOM)."""
    offset = shift + err.start
    if err.end >= len(data) and err.reason in _TRUNCATED:
        return DecodeError(path, offset, f"truncated: incomplete {label} character at end of file")
    bad = data[err.start : err.end].hex(" ")
    if tried is None:
        return DecodeError(path, offset, f"not valid {label} (bytes {bad}: {err.reason})")
    return DecodeError(path, offset, f"not {tried} text (as {label}, bytes {bad}: {err.reason})")


def _gb_posing_as_utf8(data: bytes, text: str) -> str | None:
    """The GB18030 reading of ``data`` when its valid UTF-8 reading ``text`` is surely mojibake.

    A GB2312 character whose bytes are C2–DF then A1–BF is also a valid two-byte UTF-8 sequence
    (一一 is D2 BB D2 BB, or "һһ"), so a short GB file may decode as UTF-8. When every non-ASCII
    character of the UTF-8 reading is such a two-byte non-Latin letter (Greek, Cyrillic, Hebrew…)
    and nearly all of the GB18030 reading is common Chinese, the GB18030 reading wins.
    """
    if text.isascii() or any(ord(ch) >= 0x800 or 0x80 <= ord(ch) <= 0x24F for ch in text):
        return None
    try:
        gb = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    common, _ = _commonness(gb, "gb18030")
    return gb if common >= 0.9 and sum(map(is_cjk, gb)) >= 2 else None


def _commonness(text: str, codec: str) -> tuple[float, float]:
    """How plausible ``text`` is as Chinese decoded with ``codec``: higher is better.

    First the share of its Chinese characters in the common level of the codec's own standard:
    GB2312 level 1 (lead bytes B0–D7) holds the 3755 commonest simplified characters, Big5 lead
    bytes A4–C6 the 5401 commonest traditional ones. Then, to break ties, minus the share of
    private-use code points. Text decoded with the wrong one of the two scores low: its bytes land
    on rare characters, kana and private-use code points.
    """
    native, lo, hi = ("gb2312", 0xB0, 0xD7) if codec == "gb18030" else ("big5", 0xA4, 0xC6)
    seen = common = private = 0
    for ch in text:
        if "\ue000" <= ch <= "\uf8ff":
            private += 1
        elif not (is_cjk(ch) or "\u3040" <= ch <= "\u30ff"):
            continue
        seen += 1
        try:
            lead = ch.encode(native)[0]
        except UnicodeEncodeError:
            lead = 0
        common += lo <= lead <= hi
        if seen >= _SAMPLE:
            break
    return (common / seen, -private / seen) if seen else (0.0, 0.0)


def _check_text(text: str, path: str, codec: str, bom: int) -> None:
    bad = [i for i, ch in enumerate(text[:100_000]) if ch in _CONTROLS or ch == "\x00"]
    if not bad:
        return
    first = bad[0]
    if text[first] == "\x00" or len(bad) * 100 > min(len(text), 100_000):
        offset = bom + len(text[:first].encode(codec))
        what = "NUL character" if text[first] == "\x00" else "control characters"
        raise DecodeError(path, offset, f"binary file ({what})")


def parse_file(
    path: StrPath,
    *,
    encoding: str | None = None,
    reference_date: datetime.date | None = None,
    region: str | None = None,
) -> Document:
    """:func:`read_text` then :func:`~govreport.parse`, with ``encoding`` and ``source`` set.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "report.txt"
    >>> _ = path.write_bytes("本报讯 全市支出1.4亿元。".encode("utf-8-sig"))
    >>> doc = parse_file(path)
    >>> doc.encoding, doc.source == str(path), doc.text
    ('utf-8-sig', True, '本报讯 全市支出1.4亿元。')
    """
    text, used = read_text(path, encoding=encoding)
    doc = parse(text, reference_date=reference_date, region=region)
    return attrs.evolve(doc, encoding=used, source=os.fsdecode(path))


# --------------------------------------------------------------------------------------------------
# many at once

T = TypeVar("T")
R = TypeVar("R")


def _is_path(item: object) -> bool:
    return isinstance(item, os.PathLike)


def _parse_one(item: str | os.PathLike[str], options: dict[str, Any]) -> Document:
    if isinstance(item, str):
        return parse(item, **{k: v for k, v in options.items() if k != "encoding"})
    if _is_path(item):
        return parse_file(item, **options)
    raise TypeError(f"parse_many() expects str texts or os.PathLike paths, not {type(item).__name__}")


def _run_chunk(func: Callable[[T], R], chunk: list[T]) -> list[tuple[bool, Any]]:
    """``(True, result)`` or ``(False, exception)`` per item, so one failure spoils no neighbour."""
    out: list[tuple[bool, Any]] = []
    for x in chunk:
        try:
            out.append((True, func(x)))
        except Exception as err:  # re-raised in the parent, at this item's place
            out.append((False, err))
    return out


def _ignore_sigint() -> None:
    # Ctrl-C goes to the whole process group: the parent handles it, workers must not print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def ordered_map(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    processes: int | None = None,
    chunksize: int = 4,
) -> Iterator[R]:
    """``map(func, items)`` over a process pool, in input order, with bounded memory.

    ``func`` must be picklable (a module-level function or a :func:`functools.partial` of one). At
    most ``2 × processes`` chunks are in flight, so a long or endless iterable of large texts is
    never read ahead or buffered whole. ``processes=1`` runs in this process, without a pool.
    An exception raised by ``func`` is re-raised here, at its item's place in the order; a worker
    that dies raises ``concurrent.futures.process.BrokenProcessPool``.

    >>> list(ordered_map(len, ["a", "bb", "ccc"], processes=1))
    [1, 2, 3]
    """
    if processes is None:
        processes = os.cpu_count() or 1
    if processes < 1:
        raise ValueError(f"processes must be at least 1, not {processes}")
    if chunksize < 1:
        raise ValueError(f"chunksize must be at least 1, not {chunksize}")
    if processes == 1:
        return map(func, items)
    return _pooled(func, iter(items), processes, chunksize)


def _pooled(func: Callable[[T], R], iterator: Iterator[T], processes: int, chunksize: int) -> Iterator[R]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Not multiprocessing.Pool: its worker-handler thread also waits on the result pipe (CPython PR
    # #11488), so while a large result sits in the pipe it spins against the thread reading it, and
    # the parent spent about as much CPU on that as on unpickling the Documents (docs/scale.md).
    # Here one thread reads and unpickles the results and the rest of the parent sleeps.
    executor = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context(), initializer=_ignore_sigint)
    finished = False
    try:
        pending: collections.deque[Future[list[tuple[bool, Any]]]] = collections.deque()
        exhausted = False
        while True:
            while not exhausted and len(pending) < 2 * processes:
                chunk = list(itertools.islice(iterator, chunksize))
                if not chunk:
                    exhausted = True
                    break
                pending.append(executor.submit(_run_chunk, func, chunk))
            if not pending:
                break
            for ok, value in pending.popleft().result():
                if not ok:
                    raise value
                yield value
        finished = True
    finally:
        if finished:
            executor.shutdown(wait=True)
        else:  # an error, Ctrl-C or a consumer that stopped early: stop the chunks still running too
            workers = list(executor._processes.values())
            executor.shutdown(wait=False, cancel_futures=True)
            for worker in workers:
                worker.terminate()


def parse_many(
    texts_or_paths: Iterable[str | os.PathLike[str]],
    *,
    processes: int | None = None,
    chunksize: int = 4,
    encoding: str | None = None,
    reference_date: datetime.date | None = None,
    region: str | None = None,
) -> Iterator[Document]:
    """Parse many texts (``str``) or files (``pathlib.Path`` or any ``os.PathLike``) in parallel.

    Yields one :class:`~govreport.types.Document` per input, in input order, as soon as it and
    those before it are done. ``processes`` defaults to the number of CPUs; ``processes=1`` parses
    in this process. Files are read in the workers, so only paths and results cross processes. A
    file that cannot be read or decoded raises its ``OSError`` or
    :class:`~govreport.errors.DecodeError` at its place in the order. Options are those of
    :func:`~govreport.parse` and :func:`parse_file`.

    >>> docs = parse_many(["全市支出1.4亿元。", "增长18.3%。"], processes=1)
    >>> [d.text for d in docs]
    ['全市支出1.4亿元。', '增长18.3%。']
    """
    import functools

    options: dict[str, Any] = {"encoding": encoding, "reference_date": reference_date, "region": region}
    func = functools.partial(_parse_one, options=options)
    return ordered_map(func, texts_or_paths, processes=processes, chunksize=chunksize)
