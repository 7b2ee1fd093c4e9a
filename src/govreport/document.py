"""``parse``: one SourceText, every extractor, one Document."""

from __future__ import annotations

import datetime

from govreport.agencies import agencies_from_source
from govreport.articles import articles_from_source
from govreport.dates import dates_from_source, ranks_from_source
from govreport.indicators import indicators_from_document
from govreport.percentages import percentages_from_source
from govreport.quantities import quantities_from_source
from govreport.text import SourceText
from govreport.types import Document

__all__ = ["parse"]


def parse(
    text: str,
    *,
    reference_date: datetime.date | None = None,
    region: str | None = None,
    qualitative_ranks: bool = False,
) -> Document:
    """Parse a report, an article or a newspaper page into a :class:`~govreport.types.Document`.

    Never raises on a ``str``. ``reference_date`` resolves relative dates (今年, 去年) where the
    document itself does not say when it was written; the machine clock is never read.
    ``region`` is the place a bare 市/县 prefix refers to (``region="济宁市"``).
    ``qualitative_ranks=True`` also reports vague positions (位居全国前列: rank None) in ``ranks``.

    >>> import govreport
    >>> doc = govreport.parse("2020年,全市医疗救助达23.1万人次、医疗救助资金支出1.4亿元,同比增长18.3%。")
    >>> [(q.text, q.value, q.unit) for q in doc.quantities]
    [('23.1万人次', Decimal('231000'), '人次'), ('1.4亿元', Decimal('140000000'), '元')]
    >>> p = doc.percentages[0]
    >>> p.text, p.direction, p.relation
    ('18.3%', <Direction.UP: 'up'>, <Relation.BY: 'by'>)
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() expects str, not {type(text).__name__}")
    if reference_date is not None and isinstance(reference_date, datetime.datetime):
        reference_date = reference_date.date()
    source = SourceText(text)
    percentages = percentages_from_source(source)
    quantities = quantities_from_source(source, exclude=[p.span for p in percentages])
    articles = articles_from_source(source)
    agencies = agencies_from_source(source, region=region)
    dates = dates_from_source(source, reference_date=reference_date, articles=articles)
    ranks = ranks_from_source(source, qualitative=qualitative_ranks)
    doc = Document(
        text=text,
        quantities=tuple(quantities),
        percentages=tuple(percentages),
        agencies=tuple(agencies),
        articles=tuple(articles),
        dates=tuple(dates),
        ranks=tuple(ranks),
        reference_date=reference_date,
        region=region,
    )
    indicators = indicators_from_document(doc, source)
    if indicators:
        import attrs

        doc = attrs.evolve(doc, indicators=tuple(indicators))
    return doc
