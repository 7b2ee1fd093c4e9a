"""``iter_parse``: a file of any size, parsed block by block in bounded memory.

:func:`~govreport.parse` holds the whole text and everything found in it. A crawl dump or a
year of a newspaper saved as one file can be gigabytes; :func:`iter_parse` reads it in pieces,
cuts the text where an article starts (else at a paragraph break, else at a line break) and
yields one :class:`~govreport.types.Document` per block of whole articles. Memory stays bounded
(a block is at most four times ``block_chars``, plus one read of a megabyte) whatever the file's
length; ``benchmarks/streaming.py`` measures it.

Each yielded document's spans index its own ``text``; ``doc.offset`` is where that text starts in
the whole decoded input, so ``doc.offset + item.span.start`` is the item's offset in the file's
text. A block knows only its own text: a date whose year is written in an earlier block is left
unresolved unless ``reference_date`` says which year the file is about.

>>> import io
>>> page = "全市支出1.4亿元。\\n\\n本报讯 今年增长18.3%。\\n\\n"
>>> docs = list(iter_parse(io.StringIO(page * 3), block_chars=40))
>>> len(docs), sum(len(d.text) for d in docs) == len(page * 3)
(2, True)
>>> [(d.offset + q.span.start, q.text) for d in docs for q in d.quantities]
[(4, '1.4亿元'), (32, '1.4亿元'), (60, '1.4亿元')]
"""

from __future__ import annotations

import codecs
import datetime
import os
from collections.abc import Iterator
from typing import IO, Union

import attrs

from govreport.document import parse
from govreport.errors import DecodeError
from govreport.types import ArticleKind, Document

__all__ = ["iter_parse"]

StrPath = Union[str, "os.PathLike[str]"]

_READ_BYTES = 1 << 20  # bytes (characters of a text file) read at a time
_DETECT_BYTES = 1 << 20  # bytes looked at to detect the codec
_OPENERS = (ArticleKind.ARTICLE, ArticleKind.CONTINUATION, ArticleKind.SECTION_HEADER, ArticleKind.LAYOUT_RESIDUE)


def iter_parse(
    source: StrPath | IO[str] | IO[bytes],
    *,
    encoding: str | None = None,
    reference_date: datetime.date | None = None,
    region: str | None = None,
    block_chars: int = 1 << 18,
) -> Iterator[Document]:
    """Parse ``source`` (a path, or a text or binary file object) a block of articles at a time.

    A block is cut at the start of the last article once ``block_chars`` characters have been
    read; when no article starts in a block four times that size, at its last paragraph break
    (blank line), else at its last line break, else at ``block_chars``. ``encoding`` forces a
    codec for paths and binary files; by default it is detected from the first megabyte as
    :func:`~govreport.read_text` detects it (and reported on every document). A file that stops
    decoding past its first megabyte raises :class:`~govreport.errors.DecodeError` naming the byte
    offset, after all the text before the damage was parsed and yielded (damage inside the first
    megabyte fails detection: nothing is yielded). Options are those of :func:`~govreport.parse`.

    >>> import io
    >>> for doc in iter_parse(io.StringIO("标题一\\n\\n本报讯 支出1.4亿元。\\n\\n标题二\\n\\n本报讯 增长18.3%。\\n"),
    ...                       block_chars=16):
    ...     print(doc.offset, [i.text for _, i in doc.items() if _ in ("quantities", "percentages")])
    0 ['1.4亿元']
    19 ['18.3%']
    """
    if block_chars < 1:
        raise ValueError(f"block_chars must be positive, not {block_chars}")
    name = _name(source)
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as f:
            yield from _blocks(_decoded(f, name, encoding), name, reference_date, region, block_chars)
        return
    first = source.read(0)
    if isinstance(first, bytes):
        binary: IO[bytes] = source  # type: ignore[assignment]
        yield from _blocks(_decoded(binary, name, encoding), name, reference_date, region, block_chars)
    else:
        text: IO[str] = source  # type: ignore[assignment]
        chunks = iter(lambda: text.read(_READ_BYTES), "")
        yield from _blocks(((c, None) for c in chunks), name, reference_date, region, block_chars)


def _name(source: object) -> str | None:
    if isinstance(source, (str, os.PathLike)):
        return os.fsdecode(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else None


def _decoded(f: IO[bytes], path: str | None, encoding: str | None) -> Iterator[tuple[str, str]]:
    """``(text, codec name)`` pieces of a binary file, decoded incrementally and strictly."""
    from govreport.io import _BOMS

    label = path or "<stream>"
    head = f.read(_DETECT_BYTES)
    at_eof = len(head) < _DETECT_BYTES
    skip, codec, name = 0, encoding, encoding
    if codec is None:
        for bom, bom_name, bom_codec in _BOMS:
            if head.startswith(bom):
                skip, codec, name = len(bom), bom_codec, bom_name
                break
    if codec is None:
        name = _detect(head, label, at_eof)
        codec = {"utf-8-sig": "utf-8"}.get(name, name)
    assert name is not None
    try:
        decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    except LookupError:
        raise DecodeError(label, None, f"unknown encoding {codec!r}") from None
    consumed = skip
    data = head[skip:]
    while True:
        final = len(data) == 0
        try:
            text = decoder.decode(data, final=final)
        except UnicodeDecodeError as err:
            pending = decoder.getstate()[0]
            # hand on the text before the damage (the error's offsets index pending + data), then fail
            intact = (pending + data)[: err.start]
            if intact:
                yield codecs.decode(intact, codec), name
            raise DecodeError(label, consumed - len(pending) + err.start, f"invalid {name} data") from None
        consumed += len(data)
        if text:
            yield text, name
        if final:
            return
        data = f.read(_READ_BYTES)


def _detect(head: bytes, label: str, at_eof: bool) -> str:
    """The codec of a file from its first bytes, cut so that no character is split."""
    from govreport.io import decode_bytes

    cut = len(head) if at_eof else head.rfind(b"\n") + 1
    try:
        return decode_bytes(head[: cut or len(head)], path=label)[1]
    except DecodeError:
        if at_eof or cut:
            raise
    for trim in (1, 2, 3):  # no line break in the sample: the last character may be cut
        try:
            return decode_bytes(head[:-trim], path=label)[1]
        except DecodeError:
            continue
    return decode_bytes(head, path=label)[1]  # raises the error of the untrimmed sample


def _blocks(
    pieces: Iterator[tuple[str, str | None]],
    source: str | None,
    reference_date: datetime.date | None,
    region: str | None,
    block_chars: int,
) -> Iterator[Document]:
    buffer = ""
    offset = 0
    codec: str | None = None
    try:
        for text, codec in pieces:
            buffer += text
            while len(buffer) >= block_chars:
                cut = _cut(buffer, block_chars)
                if cut == 0:
                    break  # one article so far: read on
                yield _parse_block(buffer[:cut], offset, source, codec, reference_date, region)
                buffer = buffer[cut:]
                offset += cut
    except DecodeError:
        if buffer:  # everything before the damage is parsed and yielded before the error
            yield _parse_block(buffer, offset, source, codec, reference_date, region)
        raise
    if buffer or offset == 0:
        yield _parse_block(buffer, offset, source, codec, reference_date, region)


def _cut(buffer: str, block_chars: int) -> int:
    """Where to end the next block of ``buffer`` (0: read more first)."""
    from govreport.articles import split_articles

    window = buffer[: 2 * block_chars]
    starts = [a.span.start for a in split_articles(window) if a.kind in _OPENERS and a.span.start > 0]
    if starts:
        return starts[-1]  # the last article may go on after the window
    if len(buffer) < 4 * block_chars:
        return 0
    for sep in ("\n\n", "\n"):
        at = window.rfind(sep)
        if at > 0:
            return at + len(sep)
    return block_chars


def _parse_block(
    text: str,
    offset: int,
    source: str | None,
    codec: str | None,
    reference_date: datetime.date | None,
    region: str | None,
) -> Document:
    doc = parse(text, reference_date=reference_date, region=region)
    return attrs.evolve(doc, offset=offset, source=source, encoding=codec)
