"""Loading of the package data tables in ``govreport/data``.

Tables are TSV files whose first non-comment line names the columns; lines starting with ``#``
document the table. They are read with the stdlib on first use and cached.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Iterable
from decimal import Decimal

import regex

__all__ = [
    "magnitudes", "magnitudes_after", "qualifier_bounds", "qualifiers", "read_table", "read_text", "regions", "units",
]


def read_text(name: str) -> str:
    """The text of ``govreport/data/<name>``."""
    return importlib.resources.files("govreport").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal ``words``, longest first (so 千瓦时 wins over 千瓦).

    >>> alternation(["千瓦", "千瓦时", "元"])
    '千瓦时|千瓦|元'
    """
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) or "(?!)"


@functools.cache
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV data table as dicts keyed by the header's column names.

    >>> read_table("magnitudes.tsv")[0]
    {'word': '十', 'factor': '10', 'after': 'any'}
    """
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for raw in read_text(name).splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) < len(header):
            cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells[: len(header)], strict=True)))
    return tuple(rows)


REGION_COLUMNS = ("adcode", "name", "level", "short", "parent")


@functools.cache
def regions() -> tuple[dict[str, str], ...]:
    """The administrative divisions: ``regions.tsv`` (generated, early 2016) merged with the
    hand-kept ``regions_changes.tsv`` (divisions created or renamed since), columns ``REGION_COLUMNS``.

    A replaced division stays when its name changed (即墨市 next to 即墨区: old documents still use
    it); it is dropped when the new row keeps its name (钢城区 moved from 莱芜市 to 济南市).

    >>> [r["parent"] for r in regions() if r["name"] == "钢城区"]
    ['370100']
    """
    changes = read_table("regions_changes.tsv")
    superseded = {r["replaces"] for r in changes if r["replaces"] and r["old_name"] == r["name"]}
    base = tuple(r for r in read_table("regions.tsv") if r["adcode"] not in superseded)
    return base + tuple({k: r[k] for k in REGION_COLUMNS} for r in changes)


@functools.cache
def units() -> dict[str, tuple[str, bool]]:
    """unit → (category, allowed after a Chinese numeral)."""
    return {r["unit"]: (r["category"], r["chinese"] == "yes") for r in read_table("units.tsv")}


@functools.cache
def magnitudes() -> dict[str, Decimal]:
    """magnitude word → factor."""
    return {r["word"]: Decimal(r["factor"]) for r in read_table("magnitudes.tsv")}


@functools.cache
def magnitudes_after(after: str) -> dict[str, Decimal]:
    """magnitude word → factor, for the words whose ``after`` column is ``after`` (any, chinese, arabic).

    >>> magnitudes_after("arabic")["k"]
    Decimal('1000')
    """
    return {r["word"]: Decimal(r["factor"]) for r in read_table("magnitudes.tsv") if r["after"] == after}


@functools.cache
def qualifiers() -> dict[str, tuple[str, str, str]]:
    """surface → (canonical, position, bound)."""
    return {r["surface"]: (r["canonical"], r["position"], r["bound"]) for r in read_table("qualifiers.tsv")}


@functools.cache
def qualifier_bounds() -> dict[str, str]:
    """canonical qualifier → bound (lower / upper / approx)."""
    return {canonical: bound for canonical, _, bound in qualifiers().values()}


@functools.cache
def direction_verbs() -> dict[str, str]:
    """verb → up / down."""
    return {r["verb"]: r["direction"] for r in read_table("direction_verbs.tsv")}


@functools.cache
def rate_nouns() -> frozenset[str]:
    """Direction words that name a change (增幅, 降幅): their number is always an amount of change."""
    return frozenset(r["verb"] for r in read_table("direction_verbs.tsv") if r["kind"] == "rate")


@functools.cache
def set_phrases() -> frozenset[str]:
    """Fixed expressions with numerals that count nothing (一站式, 十三五)."""
    return frozenset(r["phrase"] for r in read_table("set_phrases.tsv"))


@functools.cache
def quantity_cues() -> dict[str, tuple[str, ...]]:
    """cue set name → its words (see ``data/quantity_cues.tsv``)."""
    out: dict[str, list[str]] = {}
    for r in read_table("quantity_cues.tsv"):
        out.setdefault(r["cue"], []).append(r["word"])
    return {k: tuple(v) for k, v in out.items()}


@functools.cache
def percent_cues() -> dict[str, tuple[str, ...]]:
    """cue set name → its words (see ``data/percent_cues.tsv``)."""
    out: dict[str, list[str]] = {}
    for r in read_table("percent_cues.tsv"):
        out.setdefault(r["cue"], []).append(r["word"])
    return {k: tuple(v) for k, v in out.items()}
