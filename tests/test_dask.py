"""govreport.dask on a local cluster of processes equals sequential parse (issue 6)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import govreport
from govreport import Document

dask_bag = pytest.importorskip("dask.bag")
gdask = pytest.importorskip("govreport.dask")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
needs_seeds = pytest.mark.skipif(not SEEDS, reason="../shared/seeds is not there")


@pytest.fixture(scope="module")
def compute() -> Iterator[Any]:
    """``compute(*bags)`` on a local cluster of 2 worker processes (dask's process pool without distributed)."""
    import dask

    dk: Any = dask  # dask.compute is not annotated
    try:
        import distributed
    except ImportError:
        yield lambda *bags: dk.compute(*bags, scheduler="processes", num_workers=2)
        return
    dist: Any = distributed  # untyped
    with (
        dist.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        dist.Client(cluster) as client,
    ):
        yield lambda *bags: dk.compute(*bags, scheduler=client)


def test_dask_is_the_real_package() -> None:
    import dask

    assert dask.__name__ == "dask" and Path(dask.__file__).parent.name == "dask"
    assert gdask.__name__ == "govreport.dask"


@needs_seeds
def test_parse_bag_on_a_cluster_equals_sequential_parse(tmp_path: Path, compute: Any) -> None:
    seeds = sorted(SEEDS, key=lambda p: p.stat().st_size)[:2]  # the smallest two: keep it quick
    for seed in seeds:
        (tmp_path / seed.name).write_bytes(seed.read_bytes().decode("utf-8").encode("gb18030"))
    expected = [govreport.parse(seed.read_text(encoding="utf-8")) for seed in seeds]

    texts = dask_bag.from_sequence([e.text for e in expected], npartitions=2)
    parsed = gdask.parse_bag(texts)
    files, from_texts, rows = compute(
        gdask.parse_bag(gdask.read_folder(tmp_path, npartitions=2)),
        parsed,
        gdask.records(parsed, types="quantities"),
    )
    docs: list[Document] = files
    assert [d.source for d in docs] == [str(tmp_path / s.name) for s in seeds]
    assert all(d.encoding == "gb18030" for d in docs)
    assert [d.text for d in docs] == [e.text for e in expected]
    assert [(d.quantities, d.percentages, d.agencies, d.articles) for d in docs] == [
        (e.quantities, e.percentages, e.agencies, e.articles) for e in expected
    ]
    assert [d.to_dict() | {"source": None, "encoding": None} for d in docs] == [e.to_dict() for e in expected]

    assert from_texts == expected
    assert [r["text"] for r in rows] == [q.text for e in expected for q in e.quantities]


def test_parse_bag_options() -> None:
    import datetime

    bag = gdask.parse_bag(
        dask_bag.from_sequence(["今年支出1.4亿元。"]), reference_date=datetime.date(2023, 3, 2), region="济宁市"
    )
    (doc,) = bag.compute(scheduler="sync")
    assert doc.reference_date == datetime.date(2023, 3, 2) and doc.region == "济宁市"


def test_read_folder_on_an_empty_folder(tmp_path: Path) -> None:
    assert gdask.read_folder(tmp_path).compute(scheduler="sync") == []


def test_missing_dask_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(ImportError, match=r"pip install 'govreport\[dask\]'"):
        gdask.read_folder(".")
