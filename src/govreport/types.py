"""Result types: every value govreport returns.

All results are frozen, slotted attrs classes with keyword-only fields: hashable, comparable by
value and copied with :func:`attrs.evolve`. Every result has ``span`` (half-open offsets into the
ORIGINAL input) and ``text`` (``input[span.start:span.end]``, verbatim). Closed sets are string
enums whose values are plain strings, so results serialise and compare as text:

>>> Direction.UP == "up", PercentKind.POINT == "point", Qualifier("约") is Qualifier.ABOUT
(True, True, True)
"""

from __future__ import annotations

import bisect
import datetime
import enum
import operator
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, Union

import attrs

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Agency",
    "AgencyKind",
    "Article",
    "ArticleKind",
    "Byline",
    "DateKind",
    "DateMention",
    "Direction",
    "Document",
    "Indicator",
    "Number",
    "NumeralScript",
    "PercentKind",
    "Percentage",
    "Qualifier",
    "Quantity",
    "Rank",
    "Relation",
    "Span",
]


class _StrEnum(str, enum.Enum):
    """A str-valued enum whose ``str()`` is its value (Python 3.10 has no ``enum.StrEnum``)."""

    def __str__(self) -> str:
        return str(self.value)


@attrs.frozen(order=True)
class Span:
    """Half-open ``[start, end)`` offsets into the original input string.

    >>> s = Span(3, 7)
    >>> len(s), s.slice("0123456789")
    (4, '3456')
    >>> Span(2, 3) in Span(0, 5)
    True
    """

    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def __reduce__(self) -> tuple[type[Span], tuple[int, int]]:
        # every result holds a Span: a two-int pickle makes parse_many's results cheaper to ship
        return (Span, (self.start, self.end))

    def __contains__(self, other: object) -> bool:
        if isinstance(other, Span):
            return self.start <= other.start and other.end <= self.end
        if isinstance(other, int):
            return self.start <= other < self.end
        return False

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def slice(self, text: str) -> str:
        """``text[start:end]``."""
        return text[self.start : self.end]


class Qualifier(_StrEnum):
    """An approximation or bound written next to a number (约1.02亿元, 920余万, 95%以上).

    The value is the qualifier as written in canonical form; :attr:`bound` tells how the written
    number relates to the true one.

    >>> Qualifier("余"), Qualifier("余").bound
    (<Qualifier.REMAINDER: '余'>, 'lower')
    """

    REMAINDER = "余"
    MORE = "多"
    ABOUT = "约"
    NEARLY = "近"
    OVER = "超过"
    EXCEED = "超"
    ABOVE = "以上"
    AROUND = "左右"
    BEYOND = "逾"
    SHORT_OF = "不足"
    UNDER = "不到"
    SEVERAL = "几"
    BELOW = "以下"
    WITHIN = "以内"
    INSIDE = "内"
    PAST = "过"

    @property
    def bound(self) -> str:
        """``"lower"`` (the true value is at least the number), ``"upper"`` or ``"approx"``.

        >>> Qualifier.REMAINDER.bound, Qualifier.NEARLY.bound, Qualifier.AROUND.bound
        ('lower', 'upper', 'approx')
        """
        from govreport._data import qualifier_bounds

        return qualifier_bounds()[self.value]


class NumeralScript(_StrEnum):
    """How a number was written.

    >>> from govreport import extract_numbers
    >>> [n.script.value for n in extract_numbers("3万5千、两千、120")]
    ['mixed', 'chinese', 'arabic']
    """

    ARABIC = "arabic"
    CHINESE = "chinese"
    MIXED = "mixed"


class PercentKind(_StrEnum):
    """Percent (%), percentage point (个百分点), per mille (‰) or a fraction (三分之一).

    >>> from govreport import extract_percentages
    >>> [p.kind.value for p in extract_percentages("18.3%、3.5个百分点、3‰、三分之一")]
    ['percent', 'point', 'permille', 'fraction']
    """

    PERCENT = "percent"
    POINT = "point"
    PERMILLE = "permille"
    FRACTION = "fraction"


class Direction(_StrEnum):
    """Direction of change given by the governing verb (增长 → up, 下降 → down).

    >>> from govreport import parse_percentage
    >>> parse_percentage("增长7.5%").direction, parse_percentage("下降2.64%").direction
    (<Direction.UP: 'up'>, <Direction.DOWN: 'down'>)
    """

    UP = "up"
    DOWN = "down"


class Relation(_StrEnum):
    """``by``: an amount of change (增长18.3%); ``to``: the level reached (提高到70%).

    >>> from govreport import parse_percentage
    >>> parse_percentage("增长18.3%").relation, parse_percentage("提高到70%").relation
    (<Relation.BY: 'by'>, <Relation.TO: 'to'>)
    """

    BY = "by"
    TO = "to"


class AgencyKind(_StrEnum):
    """What sort of body an agency is.

    >>> from govreport import extract_agencies
    >>> [a.kind.value for a in extract_agencies("市委、市医保局、市人民法院、市图书馆")]
    ['party', 'agency', 'court', 'institution']
    """

    AGENCY = "agency"
    PARTY = "party"
    LEGISLATURE = "legislature"
    COURT = "court"
    PROCURATORATE = "procuratorate"
    INSTITUTION = "institution"


class ArticleKind(_StrEnum):
    """What a block of a page is.

    >>> ArticleKind("caption"), ArticleKind.CONTINUATION.value
    (<ArticleKind.CAPTION: 'caption'>, 'continuation')
    """

    ARTICLE = "article"
    CAPTION = "caption"
    CONTINUATION = "continuation"
    SECTION_HEADER = "section_header"
    LAYOUT_RESIDUE = "layout_residue"


class DateKind(_StrEnum):
    """What a date expression denotes.

    >>> from govreport import extract_dates
    >>> [d.kind.value for d in extract_dates("2023年4月23日、2020年11月底、十三五期间")]
    ['date', 'month', 'period']
    """

    DATE = "date"
    MONTH = "month"
    YEAR = "year"
    TIME = "time"
    RANGE = "range"
    RELATIVE = "relative"
    PERIOD = "period"


_R = TypeVar("_R", bound=attrs.AttrsInstance)
_new = object.__new__
# per result class: the slot setters of its fields, in attrs.fields order (see _pickles_compactly)
_SETTERS: dict[type, tuple[Callable[[Any, Any], None], ...]] = {}


def _pickles_compactly(cls: type[_R]) -> type[_R]:
    """Pickle ``cls`` as ``_restore(cls, (field values...))``: one tuple, no field names.

    attrs pickles a slotted class as a dict of field names and rebuilds it by a ``setattr`` loop in
    Python; a Document of ~500 results then unpickles mostly in attrs' ``__setstate__``, which is
    what the parent of :func:`~govreport.parse_many` does for every document its workers send.
    The tuple is read in C (``operator.attrgetter``) and written back through the slots.
    A pickle is for moving results between processes running the same govreport; to store
    them, use :meth:`Document.to_json`.
    """
    names = tuple(f.name for f in attrs.fields(cls))
    getter = operator.attrgetter(*names)
    _SETTERS[cls] = tuple(vars(cls)[name].__set__ for name in names)

    def __reduce__(self: _R) -> tuple[Callable[..., _R], tuple[type[_R], tuple[Any, ...]]]:
        return (_restore, (cls, getter(self)))

    __reduce__.__qualname__ = f"{cls.__qualname__}.__reduce__"
    setattr(cls, "__reduce__", __reduce__)  # noqa: B010 - mypy forbids assigning to a method
    return cls


def _restore(cls: type[_R], values: tuple[Any, ...]) -> _R:
    """Rebuild an instance pickled by :func:`_pickles_compactly` (fields set as they were sent)."""
    setters = _SETTERS[cls]
    if len(values) < len(setters):  # pickled before fields were added at the end: their defaults
        values += tuple(f.default for f in attrs.fields(cls)[len(values) :] if f.default is not attrs.NOTHING)
    obj = _new(cls)
    for set_field, value in zip(setters, values, strict=True):
        set_field(obj, value)
    return obj


@_pickles_compactly
@attrs.frozen(kw_only=True)
class Number:
    """A bare number found in running text.

    >>> from govreport import extract_numbers
    >>> [(n.text, n.value) for n in extract_numbers("共3万5千人,增长1.4亿")]
    [('3万5千', Decimal('35000')), ('1.4亿', Decimal('140000000'))]
    """

    span: Span
    text: str
    value: Decimal
    script: NumeralScript


@_pickles_compactly
@attrs.frozen(kw_only=True)
class Quantity:
    """A number with its magnitude and unit, fully expanded into the base unit.

    ``value`` is the number as written times its magnitude (1.4亿元 → 140000000, unit 元).
    ``low``/``high`` bound the true value where a qualifier or a range says so (920余万 → low
    9200000, high None); for an exact number both equal ``value``. A bare count with no unit
    (920余万群众) has ``unit`` None and ``counted`` set to the noun that follows.

    >>> from govreport import parse_quantity
    >>> q = parse_quantity("约1.02亿元")
    >>> q.value, q.unit, q.magnitude, q.qualifier, q.category
    (Decimal('102000000'), '元', '亿', <Qualifier.ABOUT: '约'>, 'currency')
    """

    span: Span
    text: str
    value: Decimal
    unit: str | None
    magnitude: str | None = None
    qualifier: Qualifier | None = None
    qualifiers: tuple[Qualifier, ...] = ()
    category: str = "count"
    low: Decimal | None = None
    high: Decimal | None = None
    script: NumeralScript = NumeralScript.ARABIC
    counted: str | None = None


@_pickles_compactly
@attrs.frozen(kw_only=True)
class Percentage:
    """A percentage, a percentage-point change, a per-mille or a fraction.

    ``value`` is the number as written (降低-9.35% → -9.35). ``direction`` comes from the governing
    verb, and ``relation`` tells a change (增长18.3%, ``by``) from a level reached (提高到70%, ``to``).

    >>> from govreport import parse_percentage
    >>> p = parse_percentage("提高到70%")
    >>> p.value, p.kind, p.direction, p.relation
    (Decimal('70'), <PercentKind.PERCENT: 'percent'>, <Direction.UP: 'up'>, <Relation.TO: 'to'>)
    """

    span: Span
    text: str
    value: Decimal
    kind: PercentKind = PercentKind.PERCENT
    direction: Direction | None = None
    relation: Relation | None = None
    qualifier: Qualifier | None = None
    low: Decimal | None = None
    high: Decimal | None = None


@_pickles_compactly
@attrs.frozen(kw_only=True)
class Agency:
    """A government, party or public-institution name, resolved to canonical form.

    ``name`` is the agency as written with whitespace removed (for distributed lists: the region
    part plus the shared head), ``canonical`` the standard full name without place, ``level`` one of
    国家/省/市/县/区/乡镇, ``region`` the explicit place as written. ``span`` covers the mention; for
    an item expanded from a coordination (牡丹区、曹县、巨野、成武医保局) it covers the whole
    phrase, ``distributed`` is True and ``part_span`` points at this item's own region.

    >>> from govreport import extract_agencies
    >>> [(a.canonical, a.level, a.region) for a in extract_agencies("菏泽市市场监督管理局、鄄城县医保局")]
    [('市场监督管理局', '市', '菏泽市'), ('医疗保障局', '县', '鄄城县')]
    >>> [(a.region, a.distributed) for a in extract_agencies("牡丹区、曹县医保局")]
    [('牡丹区', True), ('曹县', True)]
    """

    span: Span
    text: str
    name: str
    canonical: str
    kind: AgencyKind = AgencyKind.AGENCY
    level: str | None = None
    region: str | None = None
    parent: Agency | None = None
    abbreviation: bool = False
    distributed: bool = False
    joined: bool = False
    nested: bool = False
    person_title: bool = False
    part_span: Span | None = None


@_pickles_compactly
@attrs.frozen(kw_only=True)
class Byline:
    """A byline as written (本报讯(牡丹晚报全媒体记者 武霏)) and its parts.

    >>> from govreport import split_articles
    >>> b = split_articles("标题\\n\\n本报讯(牡丹晚报全媒体记者 孟欣 通讯员 王瑞群) 正文。")[0].byline
    >>> b.outlet, b.reporters, b.correspondents
    ('牡丹晚报', ('孟欣',), ('王瑞群',))
    """

    raw: str
    span: Span
    outlet: str | None = None
    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    photographers: tuple[str, ...] = ()


@_pickles_compactly
@attrs.frozen(kw_only=True)
class Article:
    """One block of a page: an article, a caption, a continuation, a header or layout residue.

    ``span`` covers the whole block (headline to last line); ``body_span`` the body only.
    ``clean_text`` is the body with hard line wraps and mid-word paragraph breaks joined (and
    captions spliced into it cut out). ``subheads`` lists the in-article section heads;
    ``parent_index`` is, for a caption, the index of its article.

    >>> from govreport import split_articles
    >>> page = "全市联动齐冲锋\\n\\n本报讯(牡丹晚报全媒体记者 孟欣) 3月2日,全市支出1.4亿元。"
    >>> a = split_articles(page)[0]
    >>> a.kind, a.title, a.dateline, a.byline.reporters
    (<ArticleKind.ARTICLE: 'article'>, '全市联动齐冲锋', '3月2日', ('孟欣',))
    """

    span: Span
    text: str
    index: int
    kind: ArticleKind = ArticleKind.ARTICLE
    kicker: str | None = None
    title: str | None = None
    subtitle: str | None = None
    byline: Byline | None = None
    dateline: str | None = None
    body_span: Span | None = None
    clean_text: str = ""
    agency: str | None = None
    continued_from: str | None = None
    continued_to: str | None = None
    parent_index: int | None = None
    subheads: tuple[str, ...] = ()


@_pickles_compactly
@attrs.frozen(kw_only=True)
class DateMention:
    """A date, period or relative time expression, resolved against the document's own time.

    ``start``/``end`` are the first and last day covered (None when unresolved); ``resolved`` is the
    ISO 8601 form (2023-03-02, 2020-11, 2020-01/2020-11, 2016/2020). ``granularity`` is year, half,
    quarter, month, week, day, hour or minute; ``modifier`` the postfix written with it (以来, 底,
    期间, 上午). ``lunar`` marks a date of the Chinese lunar calendar (农历正月初一), never resolved.

    >>> from govreport import extract_dates
    >>> d = extract_dates("截至2020年11月底")[0]
    >>> d.text, d.kind, d.resolved, d.start, d.end
    ('2020年11月底', <DateKind.MONTH: 'month'>, '2020-11', datetime.date(2020, 11, 1), datetime.date(2020, 11, 30))
    """

    span: Span
    text: str
    kind: DateKind
    start: datetime.date | None = None
    end: datetime.date | None = None
    resolved: str | None = None
    granularity: str | None = None
    modifier: str | None = None
    lunar: bool = False


@_pickles_compactly
@attrs.frozen(kw_only=True)
class Rank:
    """A league-table position (居全省第2位 → span 全省第2位, rank 2, scope 全省).

    ``qualitative`` marks vague positions (位居全国前列) whose ``rank`` is None; ``top`` is N for
    "among the first N" (位居全省前三 → top 3).

    >>> from govreport import extract_ranks
    >>> [(r.text, r.rank, r.scope) for r in extract_ranks("同比增长18.3%,居全省第2位")]
    [('全省第2位', 2, '全省')]
    """

    span: Span
    text: str
    rank: int | None
    scope: str | None = None
    qualitative: bool = False
    top: int | None = None


@_pickles_compactly
@attrs.frozen(kw_only=True)
class Indicator:
    """A measured figure: what (subject), where (scope), when (period), how much, how it changed.

    ``span`` is the clause it was read from; ``value`` the figure itself. ``change`` is the
    percentage stating how the figure changed, against ``comparison`` (同比, 比上年). A row whose
    ``value_is_change`` is True reports a change itself (同比增长18.3% with no level, or an
    absolute change such as 比去年多2个, whose ``change_of`` is the index of the level's row);
    ``direction`` then says which way. ``part_of`` is the index of the total a breakdown item
    (其中…) belongs to. Indices count rows of the same list (``Document.indicators``).

    >>> import govreport
    >>> i = govreport.parse("2020年,全市医疗救助资金支出1.4亿元,同比增长18.3%。").indicators[0]
    >>> i.subject, i.value.text, i.change.text, i.comparison, i.period.resolved
    ('医疗救助资金支出', '1.4亿元', '18.3%', '同比', '2020')
    """

    span: Span
    text: str
    subject: str | None
    value: Union[Quantity, Percentage]  # noqa: UP007 - attrs resolves annotations at runtime on 3.10
    subject_span: Span | None = None
    scope: str | None = None
    agency: str | None = None
    value_is_change: bool = False
    period: DateMention | None = None
    change: Percentage | None = None
    comparison: str | None = None
    cumulative: bool = False
    rank: Rank | None = None
    article_index: int | None = None
    part_of: int | None = None
    change_of: int | None = None
    direction: Direction | None = None


Item = Union[Quantity, Percentage, Agency, Article, DateMention, Rank, Indicator, Number]  # noqa: UP007

ITEM_TYPES: tuple[str, ...] = (
    "quantities",
    "percentages",
    "agencies",
    "articles",
    "dates",
    "ranks",
    "indicators",
)


@_pickles_compactly
@attrs.frozen(kw_only=True)
class Document:
    """Everything govreport found in one text. Each tuple is sorted by ``span.start``.

    ``encoding`` and ``source`` say how and from where the text was read (files only);
    ``offset`` is where ``text`` starts in a larger input (the blocks of
    :func:`~govreport.iter_parse`; 0 otherwise): spans index ``text`` itself.

    >>> import govreport
    >>> doc = govreport.parse("2020年,全市医疗救助资金支出1.4亿元,增长18.3%。")
    >>> [q.text for q in doc.quantities], [p.text for p in doc.percentages]
    (['1.4亿元'], ['18.3%'])
    """

    text: str
    quantities: tuple[Quantity, ...] = ()
    percentages: tuple[Percentage, ...] = ()
    agencies: tuple[Agency, ...] = ()
    articles: tuple[Article, ...] = ()
    dates: tuple[DateMention, ...] = ()
    ranks: tuple[Rank, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    reference_date: datetime.date | None = None
    region: str | None = None
    encoding: str | None = None
    source: str | None = None
    offset: int = 0

    def items(self) -> Iterator[tuple[str, Any]]:
        """Yield ``(type name, item)`` for every result, type by type."""
        for name in ITEM_TYPES:
            for item in getattr(self, name):
                yield name, item

    def article_of(self, item: Any) -> Article | None:
        """The innermost block (an article, or a caption nested in one) containing ``item``'s start.

        >>> import govreport
        >>> doc = govreport.parse("标题\\n\\n本报讯 全市支出1.4亿元。")
        >>> doc.article_of(doc.quantities[0]).index
        0
        """
        return self.article_finder()(item)

    def article_finder(self) -> Callable[[Any], Article | None]:
        """:meth:`article_of` for many items: build once, then each lookup is a binary search.

        >>> import govreport
        >>> doc = govreport.parse("标题\\n\\n本报讯 全市支出1.4亿元,增长5%。")
        >>> find = doc.article_finder()
        >>> [find(p).index for p in doc.percentages]
        [0]
        """
        articles = self.articles  # sorted by start; captions nest inside articles, blocks never overlap
        starts = [a.span.start for a in articles]

        def find(item: Any) -> Article | None:
            span: Span | None = getattr(item, "span", None)
            if span is None:
                return None
            k = bisect.bisect_right(starts, span.start) - 1
            while k >= 0:  # the last block starting at or before the item, else the one it nests in
                art = articles[k]
                if span.start < max(art.span.end, art.span.start + 1):
                    return art
                if art.kind is not ArticleKind.CAPTION:
                    return None  # a top-level block that ended before the item: nothing encloses it
                k -= 1
            return None

        return find

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (Decimal as string, dates ISO); :meth:`from_dict` reverses it."""
        from govreport.serialize import document_to_dict

        return document_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a Document from :meth:`to_dict` output."""
        from govreport.serialize import document_from_dict

        return document_from_dict(data)

    def to_json(self, **kwargs: Any) -> str:
        """:meth:`to_dict` as a JSON string (``ensure_ascii=False``)."""
        from govreport.serialize import document_to_json

        return document_to_json(self, **kwargs)

    @classmethod
    def from_json(cls, text: str) -> Document:
        """Rebuild a Document from :meth:`to_json` output."""
        from govreport.serialize import document_from_json

        return document_from_json(text)

    def to_records(self, types: Any = None) -> list[dict[str, Any]]:
        """Flat rows, one per item, with type, article index, span, text and fields."""
        from govreport.serialize import document_to_records

        return document_to_records(self, types=types)

    def to_dataframe(self, types: Any = None) -> pandas.DataFrame:
        """:meth:`to_records` as a pandas DataFrame (needs ``govreport[pandas]``)."""
        from govreport.serialize import records_to_dataframe

        return records_to_dataframe(self.to_records(types=types))

    def indicators_frame(self) -> pandas.DataFrame:
        """The indicator table as a pandas DataFrame (needs ``govreport[pandas]``)."""
        from govreport.serialize import indicators_to_dataframe

        return indicators_to_dataframe(self)
