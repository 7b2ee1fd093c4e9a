"""Agencies (placeholder until the agencies issue lands)."""

from __future__ import annotations

from govreport.text import SourceText
from govreport.types import Agency

__all__ = ["extract_agencies"]


def extract_agencies(text: str, *, region: str | None = None) -> list[Agency]:
    """Agency mentions in ``text``.

    >>> extract_agencies("")
    []
    """
    return agencies_from_source(SourceText(text), region=region)


def agencies_from_source(source: SourceText, *, region: str | None = None) -> list[Agency]:
    return []
