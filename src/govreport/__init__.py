"""govreport: typed, exact, structured data from Chinese government reports and newspaper pages.

>>> import govreport
>>> doc = govreport.parse("全市共归集住房公积金84.69亿元,同比增长7.5%。")
>>> doc.quantities[0].value, doc.percentages[0].direction
(Decimal('8469000000'), <Direction.UP: 'up'>)

``import govreport`` is cheap: the public names are imported on first use (module ``__getattr__``),
and jieba and cn2an only when a feature needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names are imported lazily at run time (see __getattr__)
    from govreport.agencies import extract_agencies
    from govreport.articles import split_articles
    from govreport.dates import extract_dates, extract_ranks
    from govreport.document import parse
    from govreport.errors import DecodeError, GovreportError, ParseError
    from govreport.indicators import extract_indicators
    from govreport.io import parse_file, parse_many, read_text
    from govreport.numerals import extract_numbers, parse_number
    from govreport.percentages import extract_percentages, parse_percentage
    from govreport.quantities import extract_quantities, parse_quantity
    from govreport.streaming import iter_parse
    from govreport.text import SourceText
    from govreport.types import (
        Agency,
        AgencyKind,
        Article,
        ArticleKind,
        Byline,
        DateKind,
        DateMention,
        Direction,
        Document,
        Indicator,
        Number,
        NumeralScript,
        Percentage,
        PercentKind,
        Qualifier,
        Quantity,
        Rank,
        Relation,
        Span,
    )

_LAZY: dict[str, str] = {
    "Agency": "govreport.types",
    "AgencyKind": "govreport.types",
    "Article": "govreport.types",
    "ArticleKind": "govreport.types",
    "Byline": "govreport.types",
    "DateKind": "govreport.types",
    "DateMention": "govreport.types",
    "DecodeError": "govreport.errors",
    "Direction": "govreport.types",
    "Document": "govreport.types",
    "GovreportError": "govreport.errors",
    "Indicator": "govreport.types",
    "Number": "govreport.types",
    "NumeralScript": "govreport.types",
    "ParseError": "govreport.errors",
    "PercentKind": "govreport.types",
    "Percentage": "govreport.types",
    "Qualifier": "govreport.types",
    "Quantity": "govreport.types",
    "Rank": "govreport.types",
    "Relation": "govreport.types",
    "SourceText": "govreport.text",
    "Span": "govreport.types",
    "extract_agencies": "govreport.agencies",
    "extract_dates": "govreport.dates",
    "extract_indicators": "govreport.indicators",
    "extract_numbers": "govreport.numerals",
    "extract_percentages": "govreport.percentages",
    "extract_quantities": "govreport.quantities",
    "extract_ranks": "govreport.dates",
    "iter_parse": "govreport.streaming",
    "parse": "govreport.document",
    "parse_file": "govreport.io",
    "parse_many": "govreport.io",
    "parse_number": "govreport.numerals",
    "parse_percentage": "govreport.percentages",
    "parse_quantity": "govreport.quantities",
    "read_text": "govreport.io",
    "split_articles": "govreport.articles",
}

__all__ = [
    "Agency",
    "AgencyKind",
    "Article",
    "ArticleKind",
    "Byline",
    "DateKind",
    "DateMention",
    "DecodeError",
    "Direction",
    "Document",
    "GovreportError",
    "Indicator",
    "Number",
    "NumeralScript",
    "ParseError",
    "PercentKind",
    "Percentage",
    "Qualifier",
    "Quantity",
    "Rank",
    "Relation",
    "SourceText",
    "Span",
    "__version__",
    "extract_agencies",
    "extract_dates",
    "extract_indicators",
    "extract_numbers",
    "extract_percentages",
    "extract_quantities",
    "extract_ranks",
    "iter_parse",
    "parse",
    "parse_file",
    "parse_many",
    "parse_number",
    "parse_percentage",
    "parse_quantity",
    "read_text",
    "split_articles",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        import importlib

        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # later lookups skip __getattr__
        return value
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("govreport")
        except PackageNotFoundError:  # running from a source tree that was never installed
            return "0.0.0+unknown"
    raise AttributeError(f"module 'govreport' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
