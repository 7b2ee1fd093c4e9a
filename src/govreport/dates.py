"""Dates and ranks (placeholder until the dates issue lands)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from govreport.text import SourceText
from govreport.types import Article, DateMention, Rank

__all__ = ["extract_dates", "extract_ranks"]


def extract_dates(text: str, *, reference_date: datetime.date | None = None) -> list[DateMention]:
    """Date expressions in ``text``.

    >>> extract_dates("")
    []
    """
    return dates_from_source(SourceText(text), reference_date=reference_date, articles=())


def extract_ranks(text: str) -> list[Rank]:
    """Rank expressions in ``text``.

    >>> extract_ranks("")
    []
    """
    return ranks_from_source(SourceText(text))


def dates_from_source(
    source: SourceText, *, reference_date: datetime.date | None = None, articles: Sequence[Article] = ()
) -> list[DateMention]:
    return []


def ranks_from_source(source: SourceText) -> list[Rank]:
    return []
