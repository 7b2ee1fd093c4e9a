"""A thin Dask integration: parse a corpus as a :class:`dask.bag.Bag` (``pip install 'govreport[dask]'``).

A bag of texts (``str``) or paths (``pathlib.Path``) becomes a bag of
:class:`~govreport.types.Document`; files are read and decoded on the workers, so only paths and
results travel. Everything else is plain Dask: ``.map(Document.to_json).to_textfiles(...)`` for
JSON Lines, :func:`records` + ``.to_dataframe()`` for a table. See ``docs/scale.md``.

This module is ``govreport.dask``; inside it ``import dask`` is an absolute import and loads the
real Dask package, never this module.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_bytes("全市支出1.4亿元。".encode("gb18030"))
>>> bag = parse_bag(read_folder(folder))
>>> [(d.source.endswith("a.txt"), d.encoding) for d in bag.compute(scheduler="sync")]
[(True, 'gb18030')]
"""

from __future__ import annotations

import datetime
import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govreport.types import Document

if TYPE_CHECKING:
    import dask.bag

__all__ = ["parse_bag", "read_folder", "records"]


def _dask_bag() -> Any:
    try:
        import dask.bag
    except ImportError:
        raise ImportError("govreport.dask needs Dask: pip install 'govreport[dask]'") from None
    return dask.bag


def read_folder(folder: str | os.PathLike[str], *, glob: str = "*.txt", npartitions: int | None = None) -> dask.bag.Bag:
    """A bag of the paths of the files under ``folder`` matching ``glob`` (recursively), sorted.

    Only paths are listed here; reading happens on the workers. ``npartitions`` defaults to about
    one partition per 100 files (at least 1).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("无"), (folder / "b.csv").write_text("无")
    >>> [p.name for p in read_folder(folder).compute(scheduler="sync")]
    ['a.txt']
    """
    db = _dask_bag()
    paths = sorted(p for p in Path(folder).rglob(glob) if p.is_file())
    if npartitions is None:
        npartitions = max(1, len(paths) // 100)
    result: dask.bag.Bag = db.from_sequence(paths, npartitions=max(1, min(npartitions, len(paths) or 1)))
    return result


def _parse_item(item: Any, options: dict[str, Any]) -> Document:
    from govreport.io import _parse_one

    return _parse_one(item, options)


def parse_bag(
    bag: dask.bag.Bag,
    *,
    encoding: str | None = None,
    reference_date: datetime.date | None = None,
    region: str | None = None,
) -> dask.bag.Bag:
    """Map :func:`govreport.parse` (``str`` items) or :func:`govreport.parse_file` (paths) over a bag.

    The result is lazy, like any bag: call ``.compute()`` or write it out. A file that cannot be
    read or decoded fails the task with its ``OSError`` or :class:`~govreport.errors.DecodeError`.

    >>> import dask.bag
    >>> docs = parse_bag(dask.bag.from_sequence(["增长18.3%。", "支出1.4亿元。"]))
    >>> [d.text for d in docs.compute(scheduler="sync")]
    ['增长18.3%。', '支出1.4亿元。']
    """
    _dask_bag()
    options = {"encoding": encoding, "reference_date": reference_date, "region": region}
    untyped: Any = bag  # Bag.map carries no annotations
    result: dask.bag.Bag = untyped.map(functools.partial(_parse_item, options=options))
    return result


def _records(doc: Document, types: Any, source: bool) -> list[dict[str, Any]]:
    rows = doc.to_records(types=types)
    if source:
        for row in rows:
            row["source"] = doc.source
    return rows


def records(docs: dask.bag.Bag, *, types: Any = None, source: bool = True) -> dask.bag.Bag:
    """A bag of flat rows (:meth:`~govreport.types.Document.to_records`), one per item.

    With ``source`` (the default) each row also names its document's file. Turn it into a Dask
    DataFrame with ``.to_dataframe(meta=...)`` (needs ``dask[dataframe]``).

    >>> import dask.bag
    >>> rows = records(parse_bag(dask.bag.from_sequence(["增长18.3%。"])), types="percentages")
    >>> [(r["type"], r["text"], r["source"]) for r in rows.compute(scheduler="sync")]
    [('percentages', '18.3%', None)]
    """
    untyped: Any = docs  # Bag.map carries no annotations
    result: dask.bag.Bag = untyped.map(_records, types=types, source=source).flatten()
    return result
