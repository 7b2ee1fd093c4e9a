"""Percentages (being written)."""

from __future__ import annotations

from govreport.text import SourceText
from govreport.types import Percentage

__all__ = ["extract_percentages", "parse_percentage"]


def extract_percentages(text: str) -> list[Percentage]:
    """Percentages in ``text``."""
    return percentages_from_source(SourceText(text))


def parse_percentage(text: str) -> Percentage:
    """One percentage."""
    raise NotImplementedError


def percentages_from_source(source: SourceText) -> list[Percentage]:
    return []
