"""Quantities (being written)."""

from __future__ import annotations

from collections.abc import Sequence

from govreport.text import SourceText
from govreport.types import Quantity, Span

__all__ = ["extract_quantities", "parse_quantity"]


def extract_quantities(text: str) -> list[Quantity]:
    """Quantities in ``text``."""
    return quantities_from_source(SourceText(text))


def parse_quantity(text: str) -> Quantity:
    """One quantity."""
    raise NotImplementedError


def quantities_from_source(source: SourceText, *, exclude: Sequence[Span] = ()) -> list[Quantity]:
    return []
