"""Indicators (placeholder until the indicators issue lands)."""

from __future__ import annotations

from govreport.text import SourceText
from govreport.types import Document, Indicator

__all__ = ["extract_indicators"]


def extract_indicators(text_or_document: str | Document) -> list[Indicator]:
    """Indicators in a text or a parsed Document.

    >>> extract_indicators("")
    []
    """
    if isinstance(text_or_document, Document):
        return list(text_or_document.indicators)
    from govreport.document import parse

    return list(parse(text_or_document).indicators)


def indicators_from_document(doc: Document, source: SourceText) -> list[Indicator]:
    return []
