"""Articles (placeholder until the articles issue lands)."""

from __future__ import annotations

from govreport.text import SourceText
from govreport.types import Article

__all__ = ["split_articles"]


def split_articles(text: str) -> list[Article]:
    """Split a page into articles.

    >>> split_articles("")
    []
    """
    return articles_from_source(SourceText(text))


def articles_from_source(source: SourceText) -> list[Article]:
    return []
