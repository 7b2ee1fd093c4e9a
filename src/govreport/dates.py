"""Dates, periods and ranks, resolved against the document's own time.

``extract_dates`` finds calendar expressions (2023年4月23日, 今年1至11月, 上半年, “十四五”期间,
2003年以来, 当日10时40分) and resolves them to ISO 8601 where the text fixes the year. The year
comes, in this order, from the expression itself; from the sentence or paragraph it is written
in (a paragraph that opens 2023年, then 2月14日); from the article (its headline, the year that
frames a section); from the document's present, which only the document states (its dateline, a
cut-off such as 截至2020年11月底, 刚刚过去的2023年, a statistical communiqué's year, the year a
work summary's title names when nothing else states one; in a work
report, which is delivered in the year it plans for, a section head turning to a later year:
二、2024年工作安排); and last from ``reference_date``. The machine clock is never read, and
nothing is guessed: what the text does not fix stays ``None``.

``extract_ranks`` finds league-table positions (列全省第5位 → 全省第5位, rank 5, scope 全省).
Ordinals (第九次, 第四届, 第一场) are not ranks.

>>> [(d.text, d.kind.value, d.resolved) for d in extract_dates("截至2020年11月底,今年1至11月归集84.69亿元")]
[('2020年11月底', 'month', '2020-11'), ('今年1至11月', 'range', '2020-01/2020-11')]
>>> [(r.text, r.rank, r.scope) for r in extract_ranks("归集住房公积金687.4亿元,列全省第5位。")]
[('全省第5位', 5, '全省')]

Matching runs on :attr:`SourceText.normalized`, so hard wraps inside an expression (今年1⏎至11月)
do not matter; spans are mapped back to the original text.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import regex

from govreport._data import alternation, quantity_cues, read_table
from govreport.text import SourceText, shared_source
from govreport.types import Article, ArticleKind, DateKind, DateMention, Rank

__all__ = ["extract_dates", "extract_ranks"]


# ---------------------------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------------------------
def extract_dates(text: str, *, reference_date: datetime.date | None = None) -> list[DateMention]:
    """Date, time and period expressions in ``text``, sorted by position.

    ``reference_date`` resolves what the text leaves open (今年, 3月2日 in an article that names no
    year); the document's own statements come first. Never raises on a ``str``.

    >>> [(d.text, d.kind.value, d.resolved) for d in extract_dates("2023年,全市新增就业6.7万人,较去年提升。")]
    [('2023年', 'year', '2023'), ('去年', 'relative', '2022')]
    >>> d = extract_dates("在刚刚过去的“十三五”期间")[0]
    >>> d.text, d.kind.value, d.resolved, d.start, d.end, d.modifier
    ('十三五', 'period', '2016/2020', datetime.date(2016, 1, 1), datetime.date(2020, 12, 31), '期间')
    >>> [(d.text, d.resolved) for d in extract_dates("今年以来,上半年", reference_date=datetime.date(2021, 7, 1))]
    [('今年以来', '2021/..'), ('上半年', '2021-H1')]
    >>> [(d.text, d.resolved) for d in extract_dates("从今年起,每年的6月、7月定为活动月")]
    [('今年起', None), ('6月', None), ('7月', None)]
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_dates() expects str, not {type(text).__name__}")
    return dates_from_source(shared_source(text), reference_date=reference_date)


def extract_ranks(text: str, *, qualitative: bool = False) -> list[Rank]:
    """League-table positions in ``text``: 列全省第5位, 居全省第2位, 全省第一, 全国牡丹参赛团体第一.

    The ranking verb (列, 居, 位居…) is left out of the span. With ``qualitative=True`` vague
    positions are reported too (位居全国前列: rank None, ``qualitative`` True). Ordinals such as
    第九次 or 第四届 are never ranks. Never raises on a ``str``.

    >>> [(r.text, r.rank, r.scope) for r in extract_ranks("数量居全省第2位,全国牡丹参赛团体第一,第九次调查")]
    [('全省第2位', 2, '全省'), ('全国牡丹参赛团体第一', 1, '全国牡丹参赛团体')]
    >>> [(r.text, r.rank, r.qualitative) for r in extract_ranks("额度居全省前列", qualitative=True)]
    [('全省前列', None, True)]
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_ranks() expects str, not {type(text).__name__}")
    return ranks_from_source(shared_source(text), qualitative=qualitative)


# ---------------------------------------------------------------------------------------------
# data tables
# ---------------------------------------------------------------------------------------------
@attrs.frozen
class _Word:
    """A relative date word (relative_dates.tsv)."""

    word: str
    unit: str
    anchor: str
    offset: int
    kind: DateKind


@attrs.frozen
class _Part:
    """A named part of a year (year_parts.tsv)."""

    word: str
    kind: DateKind
    kind_with_year: DateKind
    first_month: int
    last_month: int
    iso: str
    modifier: str | None


@attrs.frozen
class _Affix:
    word: str
    role: str
    meaning: str
    after: str


def _guarded(word: str, not_after: str, not_before: str, yet_before: str = "") -> str:
    """``word`` unless one of the ``not_after``/``not_before`` characters is written next to it;
    ``yet_before`` (space-separated words) lifts the ``not_before`` test where one of them follows
    (至今 before 年 is 截至+今年, but 至今年均增长 is 至今 + 年均)."""
    pat = str(regex.escape(word))
    if not_after:
        pat = f"(?<![{regex.escape(not_after)}]){pat}"
    if not_before:
        yet = "|".join(regex.escape(w) for w in yet_before.split())
        lift = f"(?!{yet})" if yet else ""
        pat = f"{pat}(?!{lift}[{regex.escape(not_before)}])"
    return pat


def _alternation(items: Iterable[tuple[str, str]]) -> str:
    """``(word, pattern)`` pairs → one alternation, longest word first, behind a class test of the
    words' first characters (the engine otherwise tries every branch where none can match)."""
    ordered = sorted(items, key=lambda wp: (-len(wp[0]), wp[0]))
    if not ordered:
        return "(?!)"
    firsts = "".join(sorted({regex.escape(w[:1]) for w, _ in ordered}))
    return f"(?=[{firsts}])(?:{'|'.join(p for _, p in ordered)})"


@functools.cache
def _words() -> dict[str, _Word]:
    return {
        r["word"]: _Word(r["word"], r["unit"], r["anchor"], int(r["offset"] or 0), DateKind(r["kind"]))
        for r in read_table("relative_dates.tsv")
    }


@functools.cache
def _parts() -> dict[str, _Part]:
    return {
        r["word"]: _Part(
            r["word"],
            DateKind(r["kind"]),
            DateKind(r["kind_with_year"]),
            int(r["first_month"]),
            int(r["last_month"]),
            r["iso"],
            r["modifier"] or None,
        )
        for r in read_table("year_parts.tsv")
    }


@functools.cache
def _affixes() -> dict[str, _Affix]:
    return {r["word"]: _Affix(r["word"], r["role"], r["meaning"], r["after"]) for r in read_table("date_affixes.tsv")}


def _affix_words(role: str) -> list[str]:
    return [a.word for a in _affixes().values() if a.role == role]


@functools.cache
def _holiday_posts() -> tuple[str, ...]:
    """What may follow a holiday (relative_dates.tsv, unit holiday) to make it a time (春节期间,
    国庆前夕), longest first: date_affixes.tsv's holiday_postfix rows and its postfixes of any date
    that say since, after, before, during or around."""
    meanings = ("since", "after", "before", "during", "around")
    words = [a.word for a in _affixes().values() if a.role == "postfix" and a.after == "any" and a.meaning in meanings]
    words += _affix_words("holiday_postfix")
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


@functools.cache
def _plans() -> dict[str, tuple[int, int, bool]]:
    return {r["name"]: (int(r["start"]), int(r["end"]), r["bare"] == "yes") for r in read_table("five_year_plans.tsv")}


@functools.cache
def _rank_words() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in read_table("ranks.tsv"):
        out.setdefault(r["role"], []).append(r["word"])
    return out


# ---------------------------------------------------------------------------------------------
# the grammar (built once from the tables)
# ---------------------------------------------------------------------------------------------
_CN_NUM = "〇○零一二三四五六七八九十两"
_CN_MONTH = "(?:十[一二]|十|[一二三四五六七八九])"
_CN_DAY = "(?:三十一|三十|二十[一二三四五六七八九]|二十|十[一二三四五六七八九]|十|[一二三四五六七八九])"
_AR_MONTH = "(?:1[0-2]|0?[1-9])"
_AR_DAY = "(?:3[01]|[12][0-9]|0?[1-9])"
_LUNAR_DAY = "(?:初[一二三四五六七八九十]|廿[一二三四五六七八九]|三十|二十)"
_GAN = "甲乙丙丁戊己庚辛壬癸"
_ZHI = "子丑寅卯辰巳午未申酉戌亥"
_SHENGXIAO = "鼠牛虎兔龙蛇马羊猴鸡狗猪"
_OPEN_QUOTES = "“\"'‘「『"
_CLOSE_QUOTES = "”\"'’」』"


def _rel_pattern(unit: str) -> str:
    rows = [r for r in read_table("relative_dates.tsv") if r["unit"] == unit]
    return _alternation((r["word"], _guarded(r["word"], r["not_after"], r["not_before"])) for r in rows)


_OPEN = ("since", "before", "after")  # a postfix that may follow 底/初/末/旬 (10月底以来)


def _affix_pattern(role: str, *, guard: bool = True, meanings: tuple[str, ...] = ()) -> str:
    rows = [
        r for r in read_table("date_affixes.tsv") if r["role"] == role and (not meanings or r["meaning"] in meanings)
    ]
    # not_before: the characters, then (space-separated) the words that lift them (至今: "年 年均 年平均")
    guards = {r["word"]: (r["not_before"].split() or [""]) if guard else [""] for r in rows}
    return _alternation((w, _guarded(w, "", g[0], " ".join(g[1:]))) for w, g in guards.items())


@functools.cache
def _date_re() -> Any:
    return regex.compile(_date_pattern(prefilter=True), regex.V0)


def _date_pattern(*, prefilter: bool) -> str:
    """The date expression; ``prefilter`` adds the opening tests (first two characters, numeral
    runs) that only skip positions where no alternative can match: a test compiles it without
    them and checks that the matches are the same, so the hand-listed openers cannot drift."""
    parts = read_table("year_parts.tsv")
    part_any = _alternation((r["word"], _guarded(r["word"], "", r["not_before"])) for r in parts)
    part_alone = _alternation((r["word"], _guarded(r["word"], r["not_after"], r["not_before"])) for r in parts)
    # 提前3个月, 此前3个月: 前 ends another word there, the number is a duration, not the first N months
    qian_fused = regex.escape("".join(sorted({w[-2] for w in quantity_cues()["qian_word"]})))
    first_n = r"前(?P<fn>1[01]|[1-9]|十[一]?|[一二两三四五六七八九])个月"
    conn = _affix_pattern("connector", guard=False)
    # a range of quarters (一至三季度, 1-3季度, 二至四季度): the months they cover
    quarters = rf"(?<![{_CN_NUM}\d第])第?(?P<qa>[一二三1-3])(?:{conn})第?(?P<qb>[二三四2-4])季度"
    year = (
        rf"(?:(?<![\d.])(?P<y>[12][0-9]{{3}})年(?P<du>度)?"
        rf"|(?<![{_CN_NUM}百千万])(?P<ycn>[〇○零一二三四五六七八九]{{3,4}}|[一二两]千[〇零一二三四五六七八九十]{{0,4}})年(?P<du>度)?"
        rf"|(?P<yrel>{_rel_pattern('year')})(?P<du>度)?)"
    )
    month = (
        rf"(?:(?<![\d.])(?P<m>{_AR_MONTH})月(?P<fen>份)?"
        rf"|(?<![{_CN_NUM}百])(?P<mcn>{_CN_MONTH})月(?P<fen>份)?"
        rf"|(?P<mlunar>[正腊冬])月"
        # 元月 is January (2022年元月); not 5000元月薪, 美元月均
        rf"|(?<![\d{_CN_NUM}百千万亿美欧日港公韩])(?P<myuan>元)月(?![薪租供息费均收])(?P<fen>份)?"
        rf"|(?P<mrel>{_rel_pattern('month')}))"
    )
    day = (
        rf"(?:(?P<d>{_AR_DAY})(?P<dsuf>[日号])"
        rf"|(?P<dcn>{_CN_DAY})(?:(?P<dsuf>[日号])|(?![\p{{Han}}]))"
        rf"|(?<=[正腊冬]月)(?P<dlunar>{_CN_DAY})"
        rf"|(?P<dlunar>初[一二三四五六七八九十]|廿[一二三四五六七八九]))"
    )
    bare_day = (
        rf"(?<![\d.月])(?P<bd>{_AR_DAY})(?:(?P<dsuf>日)(?!元|内|以内|之内|以上|左右|游|后|以后)"
        rf"|(?P<dsuf>号)(?=$|[^\p{{Han}}]|上午|下午|晚|的))"
    )
    daypart = rf"(?P<dp>{_affix_pattern('daypart')})"
    time = (
        r"(?<![\d.])(?P<h>2[0-4]|[01]?[0-9]|零)"
        r"(?:(?P<hs>[时点])(?:(?P<mi>[0-5]?[0-9])分|(?P<half>半))?|:(?P<mi>[0-5][0-9])(?![\d]))"
    )
    bare_time = (
        r"(?<![\d.])(?P<h>2[0-4]|[01]?[0-9])(?P<hs>时)(?:(?P<mi>[0-5]?[0-9])分"
        r"|(?=[许至到—\-~前后起左,，。、;；)）\s]|$))"
    )
    tail = rf"(?:{daypart})?(?:{time})?"
    relday = rf"(?P<drel>{_rel_pattern('day')})"
    post = rf"(?:(?P<post>{_affix_pattern('postfix')})(?P<post2>{_affix_pattern('postfix', meanings=_OPEN)})?)"
    cal = (
        rf"(?P<cal>(?P<lunar>农历)?(?:"
        rf"{year}(?P<lunar>农历)?(?:(?P<part>{part_any})|{quarters}|{first_n}|{month}(?:{day}{tail})?)?"
        rf"|{month}(?:{day}{tail})?"
        # a year of the sexagenary cycle opens a lunar date (农历甲辰年正月初十; never resolved)
        rf"|(?P<gz>[{_GAN}][{_ZHI}][{_SHENGXIAO}]?年){month}(?:{day}{tail})?"
        rf"|{relday}{tail}"
        rf"|{bare_day}{tail}"
        rf"|{daypart}{time}|{bare_time}"
        rf"|(?P<bignian>大年)(?P<dlunar>初[一二三四五六七八九十]|三十)"
        rf"){post}?)"
    )
    next_year = "次年|翌年|第二年|来年"
    range_y = rf"(?P<ry>(?<![\d.])(?P<ya>[12][0-9]{{3}})年?(?:{conn})(?P<yb>[12][0-9]{{3}})年(?P<du>度)?)"
    range_m = (
        rf"(?P<rm>(?:{year})?(?:(?<![\d.])(?P<ma>{_AR_MONTH})|(?<![{_CN_NUM}])(?P<macn>{_CN_MONTH}))月?(?:份)?"
        rf"(?:{conn})(?:(?P<yb>[12][0-9]{{3}})年|(?P<ynext>{next_year}))?(?:(?P<mb>{_AR_MONTH})|(?P<mbcn>{_CN_MONTH}))月(?:份)?{post}?)"
    )
    numeric = (
        r"(?P<num>(?<![\d.])(?:"
        r"(?P<ny>[12][0-9]{3})(?P<sep>[-./])(?P<nm>1[0-2]|0?[1-9])(?P=sep)(?P<nd>3[01]|[12][0-9]|0?[1-9])"
        r"|(?P<ny>[12][0-9]{3}) (?P<nm>0[1-9]|1[0-2]) (?P<nd>0[1-9]|[12][0-9]|3[01])"
        r"|(?P<na>[0-9]{1,2})(?P<sep2>[./])(?P<nb>[0-9]{1,2})(?P=sep2)(?P<ny>[12][0-9]{3})"
        r")(?![\d.]))"
    )
    plans = _plans()
    plan_names = _alternation((n, regex.escape(n)) for n in plans)
    plan = (
        rf"(?P<plan>(?<![{_CN_NUM}百千\d])(?P<pq>[{regex.escape(_OPEN_QUOTES)}])?(?P<pname>{plan_names})"
        rf"(?![{_CN_NUM}百千万亿\d个年月日号%])"
        rf"(?P<pqe>[{regex.escape(_CLOSE_QUOTES)}])?"
        # (时期以来 opens the plan as 以来 does; (期)末/初 are its last or first year, not 末端 or 初步)
        rf"(?:(?P<ppost>期间|时期以来|时期|以来)|(?P<pedge>期末|期初|末期|初期|末(?![梢端尾位])|初(?![步心衷级中见显具现露创始次审评选稿])))?"
        rf"(?P<psfx>规划|计划)?)"
    )
    # the last or next few years or months, counted from the present (近三年, 三年来, 今后五年); never resolved,
    # like 近年来. Not 将近三年 or 连续三年 (durations), nor 第三年. (过去五年 is left out for now:
    # the indicators take the nearest date as a figure's period, and 过去五年,…由2018年的X增加到Y
    # must keep the report's year for Y.)
    n_back = r"(?:[一二两三四五六七八九十]|十[一二三四五六七八九]|[1-9]|1[0-9])"
    since = _affix_pattern("postfix", meanings=("since",))
    recent = (
        rf"(?<![将接])近{n_back}(?:个月|年)|(?:今后|未来){n_back}(?:个月|年)"
        rf"|(?<![第每续数几{_CN_NUM}\d.]){n_back}(?:个月|年)(?=(?:{since}))"
    )
    alone = (
        rf"(?P<alone>(?P<apart>{part_alone})|(?=第?[一二三1-3][^年月日号季])(?P<aquarters>{quarters})"
        rf"|(?=近|今后|未来|[一二两三四五六七八九十1-9]{{1,2}}(?:个月|年))(?P<arecent>{recent})"
        rf"|(?<![{_CN_NUM}\d{qian_fused}])(?P<afirst>{first_n})"
        rf"|(?P<aword>{_rel_pattern('week')}|{_rel_pattern('none')}|{_rel_pattern('season')}))"
        rf"(?:{post})?"
    )
    weekday = (
        r"(?P<wk>(?:上上|下下|上一个|下一个|上个|下个|最后一个的?|这个|那个|这|本|上|下)?"
        r"(?:星期|礼拜|禮拜|週|(?<![一二三四五六七八九十两每几\d])周)[一二三四五六日天](?![次遍岁个份回轮届号年期])"
        rf")(?:{daypart})?{post}?"
    )
    # every expression opens with a digit, a numeral or the first character of a listed word: test
    # that first, so that the alternation is tried only where a date can start
    # ... and by its first TWO characters where it opens with a word: 全 opens 全年 but also 全市,
    # 上 opens 上半年 but also 上级; testing the pair rejects most such positions in one step
    singles = set("0123456789")
    pairs: set[str] = {"正月", "腊月", "冬月", "农历", "大年", "星期", "礼拜", "禮拜", "上上", "下下", "上一", "下一"}
    pairs |= {"最后", "这个", "那个", "元月"}
    pairs |= {g + z for g in _GAN for z in _ZHI}
    pairs |= {"初" + ch for ch in "一二三四五六七八九十"} | {"廿" + ch for ch in "一二三四五六七八九"}
    pairs |= {"前" + ch for ch in "0123456789十一二两三四五六七八九"}
    pairs |= {"近" + ch for ch in "0123456789一二两三四五六七八九十"} | {"今后", "未来"}
    pairs |= {p + w for p in "这本上下" for w in "星礼禮週周"} | {w + d for w in "週周" for d in "一二三四五六日天"}
    # (holidays are found by a pass of their own, _holidays: 中秋, 国庆, 元旦 would make 中, 国, 元 openers)
    words = [
        r["word"]
        for name in ("relative_dates.tsv", "year_parts.tsv")
        for r in read_table(name)
        if r.get("unit") != "holiday"
    ]
    words += [*_affix_words("daypart"), *plans]
    pairs |= {q + n[:1] for q in _OPEN_QUOTES for n in plans if n}
    for w in words:
        if len(w) >= 2:
            pairs.add(w[:2])
        elif w:
            singles.add(w)
    by_first: dict[str, set[str]] = {}
    for pair in pairs:
        if pair[0] not in singles:
            by_first.setdefault(pair[0], set()).add(pair[1])
    # a Chinese numeral opens a date only as a year, a month or a range of them: a few numerals on
    # comes 年/月/日/号/季/份 or a connector (二〇二三年, 十一月, 一至三月, 一季度)
    cn_follow = "".join(
        sorted({regex.escape(ch) for ch in "年月日号季份"} | {regex.escape(w[:1]) for w in _affix_words("connector")})
    )
    first = "[" + "".join(sorted(regex.escape(ch) for ch in singles)) + "]"
    first += f"|[{_CN_NUM}](?=[{_CN_NUM}百千]{{0,5}}[{cn_follow}])"
    first += "".join(
        f"|{regex.escape(a)}[{''.join(sorted(regex.escape(b) for b in bs))}]" for a, bs in sorted(by_first.items())
    )
    # inside a run of digits or of Chinese numerals nothing can start: every alternative that opens
    # with a digit is guarded by (?<![\d.]) and every one that opens with a numeral by (?<![…]) over
    # _CN_NUM (the quarters 一季度…四季度 excepted). Rejecting such positions up front keeps 10^6 digits
    # linear and cheap instead of trying the whole alternation at every character.
    # A digit opens a date only when at most four digits on comes one of the characters the digit
    # forms continue with (年 月 日 号 时 点 季 : - / space, or a connector: 1至11月), or a '.' after one,
    # two or four digits (2023.5.12, 5.12.2023; never 1,234,567.8).
    follow = "".join(
        sorted(
            {regex.escape(ch) for ch in "年月日号时点季:-/ "} | {regex.escape(w[:1]) for w in _affix_words("connector")}
        )
    )
    digit_opens = rf"[0-9]{{0,3}}[{follow}]|[0-9]?\.|[0-9]{{3}}\."
    inside = rf"(?!(?<=[\d.])[0-9]|(?<=[{_CN_NUM}])[{_CN_NUM}](?!季度)|[0-9](?!{digit_opens}))"
    # (the lookaheads before the newer alternatives only skip positions where they cannot match)
    alternatives = "|".join([numeric, range_y, range_m, plan, cal, weekday, alone])
    if not prefilter:
        return f"(?:{alternatives})"
    every_first = "".join(sorted(regex.escape(ch) for ch in {*singles, *_CN_NUM, *by_first}))
    return f"(?=[{every_first}])(?={first}){inside}(?:{alternatives})"


@functools.cache
def _connector_re() -> Any:
    return regex.compile(rf"(?:{_affix_pattern('connector', guard=False)})")


@functools.cache
def _bare_year_re() -> Any:
    return regex.compile(r"^[ \t#*]*+(?P<by>(?:19|20)[0-9]{2})(?=\p{Han})", regex.MULTILINE)


@functools.cache
def _before_res() -> dict[str, Any]:
    """Patterns matched against the text just before a mention (anchored at its start)."""

    def tail(role: str) -> Any:
        words = sorted(_affix_words(role), key=len, reverse=True)
        return regex.compile("(?:" + "|".join(regex.escape(w) for w in words) + r")\s*+$")

    recurrence = "|".join(regex.escape(w) for w in sorted(_affix_words("recurrence"), key=len, reverse=True))
    # a connector word (到, 至) before a date that no range took: a target year (力争到2027年)
    towards = sorted((w for w in _affix_words("connector") if regex.fullmatch(r"\p{Han}+", w)), key=len, reverse=True)
    return {
        "asof": tail("asof"),
        "target": regex.compile("(?:" + "|".join(regex.escape(w) for w in towards) + r")\s*+$"),
        "comparison": tail("comparison"),
        "past": tail("past"),
        "plan": tail("plan"),
        "recurrence": regex.compile(rf"(?:{recurrence})(?:的)?(?:(?:[0-9]{{1,2}}|{_CN_MONTH})月份?[、,，和及与])*+$"),
    }


# ---------------------------------------------------------------------------------------------
# candidates
# ---------------------------------------------------------------------------------------------
@attrs.define
class _Cand:
    """One date expression found in the normalized text, before and after resolution."""

    start: int
    end: int
    kind: DateKind = DateKind.DATE
    year: int | None = None
    yword: _Word | None = None
    month: int | None = None
    mword: _Word | None = None
    day: int | None = None
    dword: _Word | None = None
    hour: int | None = None
    minute: int | None = None
    daypart: str | None = None
    part: _Part | None = None
    first_n: int | None = None
    post: _Affix | None = None
    post_text: str | None = None
    lunar: bool = False
    plan: tuple[int, int] | None = None
    word: _Word | None = None
    weekday: bool = False
    holiday: str | None = None  # 春节 in 春节期间, 2023年春节
    month_a: int | None = None  # month ranges (1至11月)
    month_b: int | None = None
    year_b: int | None = None
    next_year: bool = False  # a month range ending in the next year (12月至2月, 10月至次年3月)
    range_end: _Cand | None = None
    numeric_ambiguous: bool = False
    bare_year: bool = False
    # position in the text: index among candidates, article block, paragraph, sentence
    idx: int = 0
    block: int = 0
    para: int = 0
    sent: int = 0
    # context flags
    asof: bool = False
    target: bool = False  # 到2035年: a deadline, which frames no later sentence
    comparison: bool = False
    recurrence: bool = False
    past: bool = False
    planned: bool = False  # 部署2024年重点任务: the year planned for
    dateline: bool = False
    # resolution
    ryear: int | None = None
    rdate: datetime.date | None = None  # resolved day (for day/time granularity)
    resolved: str | None = None
    rstart: datetime.date | None = None
    rend: datetime.date | None = None
    granularity: str | None = None
    modifier: str | None = None

    @property
    def has_year_text(self) -> bool:
        return self.year is not None

    @property
    def unit(self) -> str:
        """Finest calendar unit written: time, day, month, part, year, or other."""
        if self.hour is not None:
            return "time"
        if self.day is not None or self.dword is not None:
            return "day"
        if self.month is not None or self.mword is not None or self.month_b is not None:
            return "month"
        if self.part is not None or self.first_n is not None:
            return "part"
        if self.year is not None or self.yword is not None:
            return "year"
        return "other"


def _cn_int(s: str) -> int | None:
    """Small Chinese or Arabic integer (months, days, years written digit by digit)."""
    if not s:
        return None
    if s.isascii() and s.isdigit():
        return int(s)
    from govreport.errors import ParseError
    from govreport.numerals import parse_number

    try:
        v = parse_number(s)
    except ParseError:
        return None
    if v != v.to_integral_value() or v < 0 or v > 9999:
        return None
    return int(v)


def _g(m: Any, name: str) -> str | None:
    v = m.group(name)
    return v if v else None


class _Groups:
    """A date match with its groups read once (``groups()``, a tuple: cheaper than ``groupdict``
    over sixty names): the readers below ask for twenty of them, and each name lookup on the
    match itself costs a search."""

    __slots__ = ("_g", "_index", "_m")

    def __init__(self, m: Any) -> None:
        self._m = m
        self._g: tuple[str | None, ...] = m.groups()
        self._index: dict[str, int] = m.re.groupindex

    def group(self, name: str | int = 0) -> str | None:
        if isinstance(name, str):
            return self._g[self._index[name] - 1]
        return self._m.group(name)  # type: ignore[no-any-return]

    def start(self, name: str | int = 0) -> int:
        return self._m.start(name)  # type: ignore[no-any-return]

    def end(self, name: str | int = 0) -> int:
        return self._m.end(name)  # type: ignore[no-any-return]

    def span(self, name: str | int = 0) -> tuple[int, int]:
        return self._m.span(name)  # type: ignore[no-any-return]


def _cand_from_match(m: Any, norm: str) -> _Cand | None:
    s, e = m.span()
    if s == e:
        return None
    c = _Cand(s, e)
    if _g(m, "num"):
        ny = _cn_int(m.group("ny") or "")
        c.year = ny
        if _g(m, "nm"):
            c.month = int(m.group("nm"))
            c.day = int(m.group("nd"))
        else:
            a, b = int(m.group("na")), int(m.group("nb"))
            sep = m.group("sep2")
            if not (1 <= a <= 31 and 1 <= b <= 31) or (a > 12 and b > 12):
                return None
            if a > 12:
                c.day, c.month = a, b
            elif b > 12:
                c.month, c.day = a, b
            elif a == b:
                c.month = c.day = a
            else:  # 1/2/2020: month-first or day-first cannot be told
                c.numeric_ambiguous = True
                c.month, c.day = (a, b) if sep == "/" else (b, a)
        c.kind = DateKind.DATE
        return c
    if _g(m, "ry"):
        c.year = int(m.group("ya"))
        c.year_b = int(m.group("yb"))
        if c.year_b < c.year:
            return None
        c.kind = DateKind.RANGE
        return c
    if _g(m, "rm"):
        _fill_year(c, m)
        c.month_a = _cn_int(m.group("ma") or m.group("macn") or "")
        c.month_b = _cn_int(m.group("mb") or m.group("mbcn") or "")
        if c.month_a is None or c.month_b is None:
            return None
        yb = _g(m, "yb")
        if yb:
            c.year_b = int(yb)
        # 2023年10月至2024年3月 and 2023年10月至次年3月 run into the next year; so does a range written
        # with no end year whose end month comes first (12月至2月: the winter); an end year written
        # before the start year, or the same month twice, is no range
        c.next_year = bool(_g(m, "ynext")) or (yb is None and c.month_b < c.month_a)
        crosses = c.next_year or (c.year is not None and c.year_b is not None and c.year_b > c.year)
        if (c.year is not None and c.year_b is not None and c.year_b < c.year) or (
            c.month_b <= c.month_a and not crosses
        ):
            return None
        _fill_post(c, m)
        c.kind = DateKind.RANGE
        return c
    if _g(m, "plan"):
        name = m.group("pname")
        start, end, bare = _plans()[name]
        quoted = bool(_g(m, "pq")) and bool(_g(m, "pqe"))
        if not (bare or quoted or _g(m, "ppost") or _g(m, "psfx")):
            return None
        c.plan = (start, end)
        c.kind = DateKind.PERIOD
        ns, ne = m.span("pname")
        c.start, c.end = ns, ne
        post = _g(m, "ppost")
        edge = _g(m, "pedge")
        if post or edge:
            c.modifier = "以来" if post == "时期以来" else post or edge
            if not _g(m, "pqe"):
                c.end = m.end("ppost" if post else "pedge")
        if edge and not (bare or quoted):
            return None  # 十五末 is no plan: the bare numeral is licensed only by 规划/期间/时期 or quotes
        if edge and _g(m, "psfx"):
            c.modifier = None  # “十四五”末规划: no such edge
        return c
    if _g(m, "wk"):
        c.weekday = True
        c.kind = DateKind.RELATIVE
        c.daypart = _g(m, "dp")  # 上周五下午: the part of the day belongs to the span, as after a date
        if not _fill_post(c, m):  # 下周一起, 周五前
            c.end = m.end("dp" if c.daypart else "wk")
        return c
    if _g(m, "alone"):
        if _g(m, "apart"):
            c.part = _parts()[m.group("apart")]
            c.kind = c.part.kind
        elif _g(m, "arecent"):
            c.word = _Word(m.group("arecent"), "none", "none", 0, DateKind.RELATIVE)
            c.kind = DateKind.RELATIVE
        elif _g(m, "aquarters"):
            c.part = _quarter_range(m)
            if c.part is None:
                return None
            c.kind = c.part.kind
        elif _g(m, "afirst"):
            c.first_n = _cn_int(m.group("fn"))
            c.kind = DateKind.RANGE
        else:
            c.word = _words()[m.group("aword")]
            c.kind = c.word.kind
        if not _fill_post(c, m):
            name = next(g for g in ("apart", "aquarters", "arecent", "afirst", "aword") if _g(m, g))
            c.end = m.end(name)
        return c
    # calendar expression
    c.lunar = bool(_g(m, "lunar") or _g(m, "mlunar") or _g(m, "dlunar") or _g(m, "gz"))
    _fill_year(c, m)
    if _g(m, "part"):
        c.part = _parts()[m.group("part")]
    elif _g(m, "qa"):
        c.part = _quarter_range(m)
        if c.part is None:
            return None
    if _g(m, "fn"):
        c.first_n = _cn_int(m.group("fn"))
    mm = _g(m, "m") or _g(m, "mcn")
    if mm:
        c.month = _cn_int(mm)
    elif _g(m, "mlunar"):
        c.month = {"正": 1, "冬": 11, "腊": 12}[m.group("mlunar")]
    elif _g(m, "myuan"):
        c.month = 1
    elif _g(m, "mrel"):
        c.mword = _words()[m.group("mrel")]
    dd = _g(m, "d") or _g(m, "dcn") or _g(m, "bd")
    if dd:
        c.day = _cn_int(dd)
    elif _g(m, "dlunar"):
        c.day = _lunar_day(m.group("dlunar"))
        c.lunar = True
    elif _g(m, "drel"):
        c.dword = _words()[m.group("drel")]
    if _g(m, "h"):
        c.hour = 0 if m.group("h") == "零" else int(m.group("h"))  # 1月1日零时起
        mi = _g(m, "mi")
        c.minute = int(mi) if mi else (30 if _g(m, "half") else None)
        if m.group("hs") == "点" and not (_g(m, "dp") or c.day is not None or c.dword is not None):
            return None
    if _g(m, "dp"):
        c.daypart = m.group("dp")
    if c.month is not None and not 1 <= c.month <= 12:
        return None
    if c.day is not None and not 1 <= c.day <= 31:
        return None
    _fill_post(c, m)
    return c


def _quarter_range(m: Any) -> _Part | None:
    """一至三季度 → the months of the first to the third quarter."""
    a, b = _cn_int(m.group("qa") or ""), _cn_int(m.group("qb") or "")
    if a is None or b is None or not 1 <= a < b <= 4:
        return None
    word = m.group(0)[m.start("qa") - m.start() : m.end("qb") - m.start() + 2]
    return _Part(word, DateKind.RANGE, DateKind.RANGE, 3 * a - 2, 3 * b, "months", None)


def _lunar_day(s: str) -> int | None:
    if s.startswith("初"):
        v = _cn_int(s[1:])
        return v
    if s.startswith("廿"):
        v = _cn_int(s[1:])
        return None if v is None else 20 + v
    return _cn_int(s)


def _fill_year(c: _Cand, m: Any) -> None:
    y = _g(m, "y")
    if y:
        c.year = int(y)
    elif _g(m, "ycn"):
        c.year = _cn_int(m.group("ycn"))
    elif _g(m, "yrel"):
        c.yword = _words()[m.group("yrel")]


def _fill_post(c: _Cand, m: Any) -> bool:
    """Record a postfix (以来, 底, 期间…) if it fits the expression; else drop it from the span."""
    p = _g(m, "post")
    if not p:
        return False
    aff = _affixes()[p]
    unit = c.unit
    ok = (
        aff.after == "any"
        or (aff.after == "year" and unit in ("year", "month") and c.day is None)
        # 一季度末, 上半年末: the end or start of a quarter or a half
        or (aff.meaning in ("end", "start") and c.part is not None and c.part.iso[:1] in ("Q", "H"))
        or (aff.after == "month" and unit == "month")
        or (aff.after == "time" and unit == "time")
    )
    if aff.meaning == "same_period" and unit != "year":
        ok = False
    if c.word is not None and c.word.unit in ("none", "season"):
        ok = aff.meaning == "since" or (
            c.word.unit == "season" and aff.meaning == "during"
        )  # 近三年来, 三年来 (来 otherwise follows a year or a month)
    if not ok:
        c.end = m.start("post")
        return False
    c.post = aff
    c.post_text = p
    p2 = _g(m, "post2")
    if p2:
        if aff.meaning in ("end", "start") or aff.meaning.startswith("dekad"):
            c.post = _affixes()[p2]
            c.post_text = p + p2
        else:
            c.end = m.start("post2")
    return True


def _find(norm: str, source: SourceText | None = None) -> list[_Cand]:
    cands: list[_Cand] = []
    for m in _date_re().finditer(norm):
        c = _cand_from_match(_Groups(m), norm)
        if c is None or c.end <= c.start:
            continue
        if (
            c.unit == "other"
            and c.plan is None
            and c.word is None
            and c.holiday is None
            and not c.weekday
            and not c.bare_year
        ):
            continue
        if _figurative(norm, c):
            continue
        cands.append(c)
    if source is not None:
        cands.extend(_bare_years(source))
    cands.extend(_holidays(norm))
    cands.sort(key=lambda c: (c.start, -c.end))
    merged: list[_Cand] = []
    for c in cands:
        if merged and c.start < merged[-1].end:
            continue
        # 2023年春节, 2024年寒假期间: one period; a holiday with neither a year nor 期间/前/后… is the
        # festival, not a time (春节慰问, 五一劳动奖章)
        joins = c.holiday is not None or (c.word is not None and c.word.unit == "season")
        if joins and not _join_year(norm, merged, c) and c.holiday is not None and c.post_text is None:
            continue
        merged.append(c)
    return _merge_ranges(merged, norm)


@functools.cache
def _holiday_table() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """The holiday names as one plain alternation (the stdlib engine scans a list of literals about
    twice as fast) and each name's not_after/not_before characters, tested per hit."""
    rows = [r for r in read_table("relative_dates.tsv") if r["unit"] == "holiday"]
    names = sorted((r["word"] for r in rows), key=lambda w: (-len(w), w))
    guards = {r["word"]: (r["not_after"], r["not_before"]) for r in rows}
    return re.compile("|".join(re.escape(w) for w in names) or "(?!)"), guards


def _holidays(norm: str) -> list[_Cand]:
    """Holidays (relative_dates.tsv, unit holiday) with what follows them: 春节期间, “五一”期间 (the
    span is the name; 期间 is the modifier). A pass of its own: their first characters (中秋,
    国庆, 元旦) are too common to open the date expression."""
    out: list[_Cand] = []
    names, guards = _holiday_table()
    for m in names.finditer(norm):
        s, e = m.span()
        not_after, not_before = guards[m.group()]
        if (s > 0 and norm[s - 1] in not_after) or norm[e : e + 1] in tuple(not_before):
            continue
        quoted = norm[s - 1 : s] in _OPEN_QUOTES and norm[e : e + 1] in _CLOSE_QUOTES and s > 0
        after = e + 1 if quoted else e
        post = next((p for p in _holiday_posts() if norm.startswith(p, after)), None)
        c = _Cand(s, e, kind=DateKind.PERIOD, holiday=m.group(), post_text=post)
        if post is not None and not quoted:
            c.end = after + len(post)
        out.append(c)
    return out


def _join_year(norm: str, merged: list[_Cand], c: _Cand) -> bool:
    """Join a holiday or a season to the year written just before it (2023年春节, 今年国庆节期间,
    2024年寒假期间): the year leaves ``merged`` and opens ``c``."""
    p = merged[-1] if merged else None
    gap = norm[p.end : c.start] if p is not None else ""
    if (
        p is not None
        and gap in ("", *_OPEN_QUOTES)
        and p.unit == "year"
        and p.post is None
        and p.part is None
        and p.year_b is None
        and p.holiday is None
        and not p.bare_year
    ):
        merged.pop()
        c.start, c.year, c.yword = p.start, p.year, p.yword
        return True
    return False


def _figurative(norm: str, c: _Cand) -> bool:
    """A lone relative word in quotes is a figure of speech (希望的“明天”), not a date."""
    if c.word is None and c.dword is None and c.mword is None and c.yword is None:
        return False
    if c.year is not None or c.month is not None or c.day is not None or c.hour is not None:
        return False
    return norm[c.start - 1 : c.start] in _OPEN_QUOTES and norm[c.end : c.end + 1] in _CLOSE_QUOTES and c.start > 0


def _bare_years(source: SourceText) -> list[_Cand]:
    """Years written without 年 opening a headline line (2023济宁高质量发展成就巡礼)."""
    out: list[_Cand] = []
    text = source.original
    # one pass over the text for the lines that open with a year (not one match per line: a text
    # of a million empty lines costs no more than one of a million characters)
    for m in _bare_year_re().finditer(text):
        start = m.start()
        nl = text.find("\n", start)
        raw = text[start : len(text) if nl < 0 else nl]
        body = raw.strip().strip("#*").strip()
        if len(body) > 40 or body[-1:] in _TERMINAL or not _headline_like(body):
            continue
        by = m.end("by") - start
        nxt = raw[by : by + 2]
        if nxt[:1] in "年月日号万亿元个家项名位人次" or _starts_unit(nxt):
            continue
        s = source.normalized_index(m.start("by"))
        e = source.normalized_index(m.end("by"))
        if source.normalized[s:e] != m.group("by"):
            continue
        out.append(_Cand(s, e, kind=DateKind.YEAR, year=int(m.group("by")), bare_year=True))
    return out


def _starts_unit(s: str) -> bool:
    from govreport._data import units

    return any(s.startswith(u) for u in units() if u)


def _merge_ranges(cands: list[_Cand], norm: str) -> list[_Cand]:
    """Join ``A 至 B`` (2023年1月1日至12月26日, 2016年至2020年) into one range."""
    out: list[_Cand] = []
    i = 0
    conn = _connector_re()
    while i < len(cands):
        a = cands[i]
        # (a part of a month opens a range too: 10月中旬至11月上旬)
        opens = a.post is None or a.post.meaning.startswith("dekad")
        if i + 1 < len(cands) and opens and a.kind in (DateKind.DATE, DateKind.MONTH, DateKind.YEAR):
            b = cands[i + 1]
            gap = norm[a.end : b.start]
            if (
                gap
                and conn.fullmatch(gap)
                and b.kind in (DateKind.DATE, DateKind.MONTH, DateKind.YEAR)
                and b.yword is None
                and _range_compatible(a, b)
            ):
                a.range_end = b
                a.end = b.end
                a.kind = DateKind.RANGE
                out.append(a)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _range_compatible(a: _Cand, b: _Cand) -> bool:
    if a.unit == "year":
        return b.unit == "year" and b.year is not None
    if a.unit == "month":
        return b.unit == "month"
    if a.unit == "day":
        return b.unit == "day" and b.dword is None
    if a.unit == "time":  # 8时至20时, 6月10日8时至11日20时
        return b.unit == "time" and b.dword is None and (b.day is None or a.day is not None)
    return False


# ---------------------------------------------------------------------------------------------
# document structure: paragraphs, sentences, articles
# ---------------------------------------------------------------------------------------------
_TERMINAL = frozenset("。！？；：…!?;:")
_WINDOW = 64  # how many earlier mentions the context of one mention may look at
_COMMUNIQUE = regex.compile(r"([12][0-9]{3})年[^\n。]{0,40}?统计公报")
# a work report (政府工作报告, 法院工作报告; 各位代表 opening the speech) is delivered early in the
# year it plans for: a section head naming a later year (二、2024年工作安排) is the speaker's present
_WORK_REPORT = regex.compile(r"工作报告|各位代表")
# a work summary's title (县应急管理局2019年上半年工作总结) is written in the year it sums up
_SUMMARY_TITLE = regex.compile(
    r"([12][0-9]{3})年度?[^\n。，,；;]{0,12}?(?:工作)?(?:总结|情况汇报|情况报告)(?!会|大会|表彰)"
)
_SENTENCE_END = regex.compile(r"[。！？!?]")
_BYLINE = regex.compile(
    r"^(?:本报讯|本报记者|本报通讯员|本报|■|●|◆|新华社|中新社|人民网|新华网|央视网"
    r"|[(（]上接|记者[\p{Han}]{2,4}[ \t]*+报道)"
)
_SECTION_OPENER = regex.compile(
    r"^(?:今年以来|近年来|去年以来|今年|[12][0-9]{3}年(?:以来)?)[,，]"
    r"(?:在[^,，。；]{1,40}?下[,，])?\p{Han}{0,10}?(?:局|委员会|委|中心|办公室|厅|署)"
)
_SUBTITLE_DASH = regex.compile(r"^[ \t]*+[—–-]{1,2}+[ \t]*+$")
_DATELINE_BEFORE = regex.compile(
    r"^[ \t]*+(?:本报讯|本报|■|新华社|中新社|人民网|新华网)[^。,，]{0,12}?(?:[(（][^)）\n]{0,40}[)）])?[ \t]*+$"
)


def _headline_like(line: str) -> bool:
    t = line.strip().lstrip("#").strip()
    if not t or len(t) > 64:
        return False
    return t[-1] not in _TERMINAL and not _BYLINE.match(t)


@attrs.define
class _Layout:
    para_starts: list[int]
    para_ends: list[int]
    headline: list[bool]
    sent_starts: list[int]
    block_starts: list[int]

    def para(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    def sentence(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def block(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.block_starts, pos) - 1)


def _layout(source: SourceText, articles: Sequence[Article]) -> _Layout:
    norm = source.normalized
    para_starts: list[int] = []
    para_ends: list[int] = []
    headline: list[bool] = []
    for m in regex.finditer(r"[^\n]++", norm):
        text = m.group()
        if not text.strip():
            continue
        para_starts.append(m.start())
        para_ends.append(m.end())
        headline.append(text.lstrip().startswith("#") or _headline_like(text))
    sent_starts = sorted(set(para_starts) | {m.end() for m in _SENTENCE_END.finditer(norm)} | {0})
    block_starts = {0}
    usable = [a for a in articles if a.kind is not ArticleKind.CAPTION]
    if usable:
        for a in usable:
            block_starts.add(source.normalized_index(a.span.start))
    else:
        for i, s in enumerate(para_starts):
            text = norm[s : para_ends[i]].lstrip(" \t#*")
            if _BYLINE.match(text):
                j = i
                while j > 0 and headline[j - 1]:
                    j -= 1
                block_starts.add(para_starts[j])
            elif _SECTION_OPENER.match(text):
                block_starts.add(s)
    return _Layout(para_starts, para_ends, headline, sent_starts, sorted(block_starts))


# ---------------------------------------------------------------------------------------------
# resolution
# ---------------------------------------------------------------------------------------------
def _safe_date(y: int, m: int, d: int) -> datetime.date | None:
    try:
        return datetime.date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _month_end(y: int, m: int) -> datetime.date | None:
    if not (1 <= y <= 9999 and 1 <= m <= 12):
        return None
    return _safe_date(y, m, calendar.monthrange(y, m)[1])


def _shift_day(d: datetime.date, days: int) -> datetime.date | None:
    try:
        return d + datetime.timedelta(days=days)
    except OverflowError:
        return None


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + delta
    return k // 12, k % 12 + 1


# how far into the text a newspaper page's own date (its masthead) can be
_ISSUE_WINDOW = 300


class _Resolver:
    """Resolves the candidates of one text in order, using the document's own time."""

    def __init__(
        self,
        source: SourceText,
        cands: list[_Cand],
        layout: _Layout,
        reference_date: datetime.date | None,
        articles: Sequence[Article],
    ) -> None:
        self.source = source
        self.norm = source.normalized
        self.cands = cands
        self.layout = layout
        self.ref = reference_date
        self.blocks: dict[int, list[_Cand]] = {}
        for i, c in enumerate(cands):
            c.idx, c.block, c.para, c.sent = i, layout.block(c.start), layout.para(c.start), layout.sentence(c.start)
            self.blocks.setdefault(c.block, []).append(c)
        self._flag_context()
        self.stat_years = self._statistical_years()
        self.summary_years = self._summary_years()
        self.datelines = self._article_datelines(source, articles)
        self.issue = self._issue_date()
        self.now: dict[int, int | None] = {}
        # per block: the mentions that frame an article (a headline year, a year opening a paragraph)
        self.frames: dict[int, list[_Cand]] = {}
        # per block of a work report: the section heads naming a year (一、2023年工作回顾, 二、2024年工作安排)
        self.heads: dict[int, list[_Cand]] = {}
        self.dateline_of: dict[int, _Cand] = {}
        reports = self._work_report_blocks()
        for c in cands:
            if c.dateline and c.block not in self.dateline_of:
                self.dateline_of[c.block] = c
            if layout.para_starts and self._frame_ok(c, True, static=True):
                head = self.norm[layout.para_starts[c.para] : c.start]
                if layout.headline[c.para] or not head.strip(" \t#*"):
                    self.frames.setdefault(c.block, []).append(c)
                if layout.headline[c.para] and c.block in reports and not c.dateline:
                    self.heads.setdefault(c.block, []).append(c)

    # -- context flags ------------------------------------------------------------------------
    def _flag_context(self) -> None:
        res = _before_res()
        for c in self.cands:
            before = self.norm[max(0, c.start - 24) : c.start]
            c.asof = bool(res["asof"].search(before))
            c.target = not c.asof and bool(res["target"].search(before))
            c.comparison = bool(res["comparison"].search(before))
            c.past = bool(res["past"].search(before))
            c.planned = bool(res["plan"].search(before))
            c.recurrence = bool(res["recurrence"].search(before))
            if c.unit != "day" or c.dword is not None:
                continue
            ps = self.layout.para_starts[c.para] if self.layout.para_starts else 0
            head = self.norm[ps : c.start] if c.start - ps <= 80 else ""
            if (head and _DATELINE_BEFORE.match(head)) or self.norm.startswith("电", c.end):
                c.dateline = True
            elif c.year is not None and head and _SUBTITLE_DASH.match(head):
                # ——2024年1月15日在市人民代表大会上: the date a report was delivered
                c.dateline = True
            elif c.year is not None:
                # a line that is only a full date is the document's date (under a communiqué's title)
                c.dateline = self._alone_on_line(c)

    def _alone_on_line(self, c: _Cand) -> bool:
        """Is ``c`` the only text of its line in the original (the text layer may join the lines)?"""
        o = self.source.original_index(c.start)
        text = self.source.original
        line_start = text.rfind("\n", 0, o) + 1
        line_end = text.find("\n", o)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if len(line) > 40:
            return False
        return SourceText(line).normalized.strip(" \t#*") == self.norm[c.start : c.end]

    def _issue_date(self) -> datetime.date | None:
        """A newspaper page's own date: a full date with its weekday near the top (2024年6月18日 星期二).

        It is the present of every article on the page that states none of its own (本报讯 6月17日上午
        is when something happened; 昨日 and 今年 are read from the day the page came out).
        """
        for i, c in enumerate(self.cands):
            if c.start > _ISSUE_WINDOW:
                break
            if c.unit != "day" or c.year is None or c.month is None or c.day is None or c.hour is not None:
                continue
            nxt = self.cands[i + 1] if i + 1 < len(self.cands) else None
            if nxt is not None and nxt.weekday and not self.norm[c.end : nxt.start].strip(" \t\u3000,，"):
                return _safe_date(c.year, c.month, c.day)
        return None

    def _statistical_years(self) -> dict[int, int]:
        """Statistical communiqués (2023年国民经济和社会发展统计公报): block → the year reported on."""
        out: dict[int, int] = {}
        for m in _COMMUNIQUE.finditer(self.norm):
            block = self.layout.block(m.start())
            out.setdefault(block, int(m.group(1)))
        return out

    def _summary_years(self) -> dict[int, int]:
        """Work summaries (市统计局2022年工作总结): block → the year of the headline that names it."""
        out: dict[int, int] = {}
        lay = self.layout
        for c in self.cands:
            if c.year is None or c.unit not in ("year", "part") or c.post is not None or not lay.para_starts:
                continue
            if not lay.headline[c.para] or c.block in out:
                continue
            m = _SUMMARY_TITLE.match(self.norm, c.start, lay.para_ends[c.para])
            if m is not None:
                out[c.block] = int(m.group(1))
        return out

    def _work_report_blocks(self) -> set[int]:
        """Blocks that are a work report: 工作报告 or 各位代表 in their first lines."""
        out: set[int] = set()
        starts = self.layout.block_starts
        for i, s in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(self.norm)
            opening = self.norm[s : min(end, s + 200)]
            if _WORK_REPORT.search(opening):
                out.add(i)
        return out

    def _article_datelines(self, source: SourceText, articles: Sequence[Article]) -> dict[int, _Cand]:
        out: dict[int, _Cand] = {}
        for a in articles:
            if a.kind is ArticleKind.CAPTION or not a.dateline:
                continue
            for c in _find(SourceText(a.dateline).normalized):
                if c.year is not None and c.unit in ("day", "time"):
                    out[self.layout.block(source.normalized_index(a.span.start))] = c
                    break
        return out

    # -- the document's present -----------------------------------------------------------------
    def now_year(self, block: int) -> int | None:
        if block not in self.now:
            self.now[block] = self._now_year(block)
        return self.now[block]

    def _now_year(self, block: int) -> int | None:
        given = self.datelines.get(block)
        if given is not None and given.year is not None:
            return given.year
        cands = self.blocks.get(block, [])
        first = self.dateline_of.get(block)
        if first is not None and first.year is not None:
            return first.year
        # a news report's event day (本报讯 3月6日) with no year: figures further down are mostly about
        # a year already closed (2023年参保人数…比去年增加, 截至2023年底), so only a lower bound
        news = first is not None and first.year is None and not self._filed(first)
        bounds: list[int] = []
        for c in cands:
            if c.year is None or (c.post is not None and c.post.meaning == "since"):
                continue
            if c.past and c.unit == "year":
                bounds.append(c.year + 1)
            elif c.asof:
                if not news or (first is not None and self._cutoff_before(c, first)):
                    bounds.append(c.year)
            elif self.norm[max(0, c.start - 3) : c.start].rstrip("(（ ").endswith("今年"):
                bounds.append(c.year)
        for c in cands:
            if c.yword is None or c.year is not None or c.yword.anchor != "now" or c.yword.offset != -1:
                continue
            if c.comparison:
                # a figure compared with 去年 presents its own year as the current one
                f = None if news else self._context_year(c, explicit_only=True)
                if f is not None:
                    bounds.append(f)
            elif news and c.yword.word.startswith("过去") and c.post is None:
                # 过去的一年,…2022年,全市…: the year the report reviews is the one just ended
                g = self._gloss_year(c)
                if g is not None:
                    bounds.append(g + 1)
        if bounds:
            return max(bounds)
        if news and self.issue is None and first is not None:
            # the year of the headline or kicker (2023年,全市医保部门将——) is the report's own
            return self._article_frame(first)
        return self.summary_years.get(block)

    def _cutoff_before(self, c: _Cand, day: _Cand) -> bool:
        """Is the cut-off ``c`` (截至2024年2月底) earlier in its year than the event ``day`` (3月6日)?"""
        if c.month is None or day.month is None or c.month == 12:
            return False
        return (c.month, c.day or 31) < (day.month, day.day or 0)

    def _gloss_year(self, c: _Cand) -> int | None:
        """The first written year after ``c`` in its paragraph, if it plainly names a year.

        A year planned for (总结过去的一年…工作,部署2024年重点任务) glosses it as the year before.
        """
        for j in range(c.idx + 1, min(len(self.cands), c.idx + 8)):
            p = self.cands[j]
            if p.para != c.para:
                return None
            if p.year is None:
                continue
            if p.unit != "year" or p.post is not None or p.comparison or p.target or p.asof or p.plan:
                return None
            return p.year - 1 if p.planned else p.year
        return None

    def _ref_year(self) -> int | None:
        if self.issue is not None:
            return self.issue.year
        return self.ref.year if self.ref is not None else None

    def present_year(self, c: _Cand) -> int | None:
        n = self.now_year(c.block)
        h = self._section_year(c, n)
        if h is not None:
            return h
        return n if n is not None else self._ref_year()

    def _section_year(self, c: _Cand, now: int | None) -> int | None:
        """In a work report with no stated date: the year of the plan section ``c`` is in, if any.

        A report is delivered in the year it plans for, so when a section head turns to a later
        year than the report had been speaking of (二、2024年工作安排 after 一、2023年工作回顾, or
        after a review that made 2023 look current: 2023年…较去年), that year is the present of the
        text after the head: 今年 there is 2024, 去年 2023. The text before it keeps its present;
        a head about the past (the first head, with nothing earlier) sets nothing. A stated date
        of the block (dateline, ——2024年1月15日在…) wins.
        """
        heads = self.heads.get(c.block)
        if not heads or c.block in self.datelines or c.block in self.dateline_of:
            return None
        k = _bisect_start(heads, c)
        years = [h.year for h in heads[:k] if h.year is not None]
        if not years:
            return None
        base = now if now is not None else years[0]
        return max((y for y in years if y > base), default=None)

    # -- frames -----------------------------------------------------------------------------
    def _frame_ok(self, c: _Cand, explicit_only: bool, *, static: bool = False) -> bool:
        if (c.year if static else c.ryear) is None or c.recurrence or c.plan is not None or c.comparison:
            return False
        if c.target or c.holiday is not None:  # 到2035年,基本实现现代化。下半年… : 下半年 is not 2035's
            return False
        if c.dateline and not static:  # the date of writing frames no sentence (it sets the present)
            return False
        if c.post is not None and c.post.meaning in ("since", "same_period", "before", "after"):
            return False
        # 今年 frames what follows, and so does 这一年/当年 read from the year before it (这一年,全市新建…。
        # 年内新认定…: 年内 is that year); 上年 and 去年 are bases, never frames
        if c.yword is not None and (explicit_only or c.yword.anchor not in ("now", "anaphor") or c.yword.offset != 0):
            return False
        if c.year is None and explicit_only:
            return False
        return c.word is None or c.word.unit == "year"

    def _context_year(self, c: _Cand, *, explicit_only: bool = False) -> int | None:
        """The year of the nearest preceding dated mention in the same sentence, then paragraph."""
        for scope in ("sentence", "paragraph"):
            for p in self._before(c):
                if p.para != c.para or (scope == "sentence" and p.sent != c.sent):
                    break
                if self._frame_ok(p, explicit_only):
                    return p.ryear
                if scope == "sentence" and not explicit_only and self._now_word(p):
                    # 今年春节前后,…第一季度将完成: a festival or season of 今年 frames by its 今年
                    assert p.yword is not None
                    n = self.present_year(p)
                    return None if n is None else n + p.yword.offset
        return None

    @staticmethod
    def _now_word(p: _Cand) -> bool:
        """A 今年/去年 written on a mention that frames nothing itself (今年春节前后)."""
        w = p.yword
        return (
            w is not None
            and w.anchor == "now"
            and p.year is None
            and p.ryear is None
            and p.holiday is not None
            and not (p.comparison or p.recurrence)
        )

    def _before(self, c: _Cand) -> Iterable[_Cand]:
        """The mentions before ``c``, nearest first, within a bounded window (linear time)."""
        lo = max(0, c.idx - _WINDOW)
        return (self.cands[j] for j in range(c.idx - 1, lo - 1, -1))

    def _article_frame(self, c: _Cand) -> int | None:
        """The year framing the article so far: a headline year or a year opening a paragraph."""
        frames = self.frames.get(c.block, [])
        k = _bisect_start(frames, c)
        return frames[k - 1].ryear if k > 0 else None

    def _unknown_now_frame(self, c: _Cand) -> bool:
        """The nearest frame before ``c`` in its paragraph is a 今年 whose year is unknown.

        今年是…关键之年。上半年,全市将…: 上半年 is 今年's; when the present year cannot be found, the
        article's earlier year (a paragraph opening 2023年,) does not stand in for it.
        """
        for p in self._before(c):
            if p.para != c.para:
                return False
            if self._frame_ok(p, False):
                return False
            w = p.yword
            if (
                w is not None and w.anchor == "now" and w.offset == 0 and p.year is None and p.ryear is None
                and p.holiday is None and p.post is None and p.plan is None
                and not (p.comparison or p.recurrence or p.target or p.dateline)
                and (p.word is None or p.word.unit == "year")
            ):
                return True
        return False

    def frame_year(self, c: _Cand) -> int | None:
        """Year of a month, day or part of a year written without one."""
        context = self._context_year(c)
        if context is None and self._unknown_now_frame(c):
            return None
        for y in (
            context,
            self.stat_years.get(c.block),
            None if c.dateline else self._article_frame(c),
            self.now_year(c.block),
            self._article_frame(c) if c.dateline else None,
            self._ref_year(),
        ):
            if y is not None:
                return y
        return None

    def anaphor(self, c: _Cand, unit: str) -> _Cand | None:
        for p in self._before(c):
            if p.block != c.block:
                return None
            if p.recurrence or (unit == "year" and p.comparison):
                # 当年 is the year under discussion, never a comparison base (比上年增长…当年新开工)
                continue
            if unit == "year" and p.ryear is not None and p.plan is None and p.unit in ("year", "month", "day"):
                return p
            if unit == "day" and p.unit in ("day", "time") and not p.weekday:
                return p
            if unit == "month" and p.unit in ("month", "day", "time"):
                return p
        return None

    def today(self, c: _Cand) -> datetime.date | None:
        block = c.block
        first = self.dateline_of.get(block)
        if first is not None and first.rdate is not None and (self.issue is None or self._filed(first)):
            return first.rdate
        given = self.datelines.get(block)
        if given is not None and given.year is not None and given.month and given.day:
            return _safe_date(given.year, given.month, given.day)
        return self.issue if self.issue is not None else self.ref

    def _filed(self, c: _Cand) -> bool:
        """A wire dateline (新华社北京6月17日电) is the day of writing; 本报讯 6月17日上午 is an event's."""
        return self.norm.startswith("电", c.end)

    # -- one candidate ------------------------------------------------------------------------
    def resolve_all(self) -> None:
        for c in self.cands:
            if c.year is not None and not c.recurrence:
                c.ryear = c.year
        # datelines first: other mentions of their article may depend on them
        for c in sorted(self.cands, key=lambda c: (not c.dateline, c.start)):
            if c.resolved is None and c.granularity is None:
                self.resolve(c)

    def year_for(self, c: _Cand) -> int | None:
        if c.recurrence or (c.lunar and c.year is None):
            return None
        if c.year is not None:
            return c.year
        w = c.yword
        if w is not None:
            if w.anchor == "now":
                if c.comparison and w.offset < 0:
                    f = self._context_year(c, explicit_only=True)
                    if f is not None:
                        return f + w.offset
                base = self.present_year(c)
            elif w.anchor == "frame":
                base = self._context_year(c, explicit_only=True)
                if base is None:
                    # a year word resolved earlier in the paragraph (这一年,…。年内…,比上年增长)
                    base = self._context_year(c)
                if base is None:
                    base = self.stat_years.get(c.block)
                if base is None and not c.dateline:
                    base = self._article_frame(c)  # the year the article is about, as 全年 reads it
                if base is None:
                    n = self.present_year(c)
                    base = n
            else:
                a = self.anaphor(c, "year")
                base = a.ryear if a is not None else None
            return None if base is None else base + w.offset
        return self.frame_year(c)

    def resolve(self, c: _Cand) -> None:
        kind = _kind_of(c)
        c.kind = kind
        if c.modifier is None:
            written = [c.daypart, c.part.modifier if c.part is not None else None, c.post_text]
            c.modifier = "".join(w for w in written if w) or None
        if c.plan is not None:
            first, last = c.plan
            c.ryear = None
            if c.modifier == "以来":  # “十四五”以来: open, as 2021年以来 is
                self._set(c, f"{first}/..", _safe_date(first, 1, 1), None, "year")
                return
            if c.modifier in ("末", "初", "末期", "初期", "期末", "期初"):  # “十三五”末: its last year, 初 its first
                year = last if "末" in c.modifier else first
                self._set(c, f"{year}", _safe_date(year, 1, 1), _safe_date(year, 12, 31), "year")
                return
            self._set(c, f"{first}/{last}", _safe_date(first, 1, 1), _safe_date(last, 12, 31), "year")
            return
        if c.holiday is not None:  # a festival's days are not resolved (its year frames nothing)
            c.granularity = None
            return
        if c.weekday:
            c.granularity = "day"
            self._resolve_weekday(c)
            return
        if c.lunar:
            c.granularity = "day"
            c.ryear = c.year
            return
        if c.word is not None:
            self._resolve_word(c)
            return
        if c.dword is not None and c.day is None:
            self._resolve_relday(c)
            return
        if c.unit == "time" and c.day is None:
            # a bare clock time belongs to the day written before it in the same sentence
            prev = self._prev_in_sentence(c, ("day", "time"))
            c.granularity = "minute" if c.minute is not None else "hour"
            if prev is not None and prev.rdate is not None:
                self._set_time(c, prev.rdate)
            return
        if c.mword is not None and c.month is None:
            self._resolve_relmonth(c)
            return
        if c.day is not None and c.month is None:
            self._resolve_bare_day(c)
            return
        y = self.year_for(c)
        c.ryear = y
        if c.post is not None and c.post.meaning == "same_period":
            self._resolve_same_period(c, y)
            return
        if y is None or not 1 <= y <= 9999:
            c.ryear = None
            c.granularity = _granularity(c)
            return
        iso, start, end, gran = self._point(c, y)
        if c.kind is DateKind.RANGE and c.range_end is not None:
            b = c.range_end
            yb = b.year if b.year is not None else y
            b.ryear = yb
            if b.month is None and b.day is not None:
                b.month = c.month
            if b.hour is not None and b.day is None:
                b.month, b.day = c.month, c.day
            biso, _, bend, _ = self._point(b, yb)
            if biso is None:
                iso = None
            else:
                iso = f"{iso}/{biso}"
                end = bend
        elif c.year_b is not None and c.month_a is None:
            iso, end = f"{y}/{c.year_b}", _safe_date(c.year_b, 12, 31)
        if iso is not None and c.post is not None and c.post.meaning == "since":
            # open from the start of what is written (前三季度以来 → 2022-01/..), never a/b/..
            iso, end = f"{iso.partition('/')[0]}/..", None
        self._set(c, iso, start, end, gran)

    def _point(self, c: _Cand, y: int) -> tuple[str | None, datetime.date | None, datetime.date | None, str]:
        if c.month_a is not None and c.month_b is not None:
            yb = c.year_b if c.year_b is not None else y + c.next_year
            return (
                f"{y}-{c.month_a:02d}/{yb}-{c.month_b:02d}",
                _safe_date(y, c.month_a, 1),
                _month_end(yb, c.month_b),
                "month",
            )
        if c.first_n is not None:
            n = c.first_n
            if not 1 <= n <= 12:
                return None, None, None, "month"
            return f"{y}-01/{y}-{n:02d}", _safe_date(y, 1, 1), _month_end(y, n), "month"
        if c.part is not None:
            p = c.part
            start, end = _safe_date(y, p.first_month, 1), _month_end(y, p.last_month)
            if p.iso == "year":
                return f"{y}", start, end, "year"
            if p.iso == "months":
                return f"{y}-{p.first_month:02d}/{y}-{p.last_month:02d}", start, end, "month"
            return f"{y}-{p.iso}", start, end, "half" if p.iso.startswith("H") else "quarter"
        if c.month is None:
            return f"{y}", _safe_date(y, 1, 1), _safe_date(y, 12, 31), "year"
        mo = c.month
        if c.day is None:
            start, end = _safe_date(y, mo, 1), _month_end(y, mo)
            if c.post is not None and c.post.meaning.startswith("dekad") and start is not None:
                # dekad1 = days 1-10, dekad2 = 11-20, dekad3 = 21-end; dekad23 = 11-end
                first, last = int(c.post.meaning[5]), int(c.post.meaning[-1])
                start = _safe_date(y, mo, 10 * (first - 1) + 1)
                end = _safe_date(y, mo, 10 * last) if last < 3 else end
            return f"{y}-{mo:02d}", start, end, "month"
        if c.numeric_ambiguous:
            return None, None, None, "day"
        d = _safe_date(y, mo, c.day)
        if d is None:
            return None, None, None, "day"
        c.rdate = d
        if c.hour is not None:
            return self._time_iso(c, d)
        return d.isoformat(), d, d, "day"

    def _time_iso(self, c: _Cand, d: datetime.date) -> tuple[str | None, datetime.date, datetime.date, str]:
        h = c.hour if c.hour is not None else 0
        pm = c.daypart is not None and _affixes().get(c.daypart, _Affix("", "", "", "")).meaning == "pm"
        if (pm or (c.dword is not None and c.dword.word[-1:] in ("晚", "夜"))) and h < 12:
            h += 12  # 下午3时, 昨晚8时
        if h > 24:
            return None, d, d, "minute"
        mi = c.minute if c.minute is not None else 0
        gran = "minute" if c.minute is not None else "hour"
        if h == 24:
            return f"{d.isoformat()}T24:00", d, d, gran
        return f"{d.isoformat()}T{h:02d}:{mi:02d}", d, d, gran

    def _set_time(self, c: _Cand, d: datetime.date) -> None:
        iso, start, end, gran = self._time_iso(c, d)
        c.rdate = d
        self._set(c, iso, start, end, gran)

    def _set(
        self, c: _Cand, iso: str | None, start: datetime.date | None, end: datetime.date | None, gran: str
    ) -> None:
        c.resolved = iso
        c.granularity = gran
        if iso is None:
            c.rstart = c.rend = None
            return
        c.rstart, c.rend = start, end

    def _prev_in_sentence(self, c: _Cand, units: tuple[str, ...]) -> _Cand | None:
        for p in self._before(c):
            if p.sent != c.sent:
                return None
            if p.unit in units:
                return p
        return None

    def _resolve_word(self, c: _Cand) -> None:
        w = c.word
        assert w is not None
        if w.unit == "year" or w.anchor == "none" or w.unit in ("season", "none"):
            c.granularity = None if w.anchor == "none" else "year"
            return
        if w.unit == "week":
            c.granularity = "week"
            return

    def _resolve_weekday(self, c: _Cand) -> None:
        """上周五, 本周三, 下周一: a day of the week before, of or after the document's present (weeks
        start on Monday). A bare 周三 or 星期二 (a masthead's own weekday) stays open."""
        m = _WEEKDAY.match(self.norm, c.start, c.end)
        today = self.today(c)
        if m is None or today is None or c.recurrence:
            return
        weeks = {"上上": -2, "上": -1, "本": 0, "这": 0, "下": 1, "下下": 2}[m.group(1)]
        day = "一二三四五六日天".index(m.group(2))
        d = _shift_day(today, 7 * weeks + min(day, 6) - today.weekday())
        if d is None:
            return
        c.rdate, c.ryear = d, d.year
        if c.post is not None and c.post.meaning == "since":  # 下周一起
            self._set(c, f"{d.isoformat()}/..", d, None, "day")
            return
        self._set(c, d.isoformat(), d, d, "day")

    def _resolve_relday(self, c: _Cand) -> None:
        w = c.dword
        assert w is not None
        base: datetime.date | None
        if w.anchor == "anaphor":
            p = self.anaphor(c, "day")
            base = p.rdate if p is not None else None
        else:
            base = self.today(c)
        c.granularity = "day" if c.hour is None else "minute" if c.minute is not None else "hour"
        if base is None:
            return
        d = _shift_day(base, w.offset)
        if d is None:
            return
        c.rdate = d
        c.ryear = d.year
        if c.hour is not None:
            self._set_time(c, d)
        else:
            self._set(c, d.isoformat(), d, d, "day")

    def _resolve_bare_day(self, c: _Cand) -> None:
        """27日: a day of the month last named in the article, else of the article's own date."""
        c.granularity = "day" if c.hour is None else "minute" if c.minute is not None else "hour"
        ym: tuple[int, int] | None = None
        if not c.recurrence:
            for p in self._before(c):
                if p.block != c.block:
                    break
                if p.rdate is not None:
                    ym = (p.rdate.year, p.rdate.month)
                    break
                if p.unit == "month" and p.month is not None and p.ryear is not None and p.resolved is not None:
                    ym = (p.ryear, p.month)
                    break
            if ym is None:
                t = self.today(c)
                ym = (t.year, t.month) if t is not None else None
        if ym is None or c.day is None:
            return
        d = _safe_date(ym[0], ym[1], c.day)
        if d is None:
            return
        c.ryear, c.rdate = d.year, d
        if c.hour is not None:
            self._set_time(c, d)
        else:
            self._set(c, d.isoformat(), d, d, "day")

    def _resolve_relmonth(self, c: _Cand) -> None:
        w = c.mword
        assert w is not None
        c.granularity = "month"
        ym: tuple[int, int] | None = None
        if w.anchor == "anaphor":
            p = self.anaphor(c, "month")
            if p is not None and p.ryear is not None and p.month is not None:
                ym = _shift_month(p.ryear, p.month, w.offset)  # 次月: the month after it
            elif p is not None and p.mword is not None and p.resolved is not None and p.rstart is not None:
                ym = _shift_month(p.rstart.year, p.rstart.month, w.offset)  # 当月…次月
        else:
            t = self.today(c)
            if t is not None:
                ym = _shift_month(t.year, t.month, w.offset)
        if c.yword is not None and ym is not None:
            y = self.year_for(c)
            ym = None if y is None else (y, ym[1])
        if ym is None or not 1 <= ym[0] <= 9999:
            return
        y, mo = ym
        c.ryear = y
        if c.day is not None:
            d = _safe_date(y, mo, c.day)
            if d is not None:
                c.rdate = d
                self._set(c, d.isoformat(), d, d, "day")
            else:
                c.granularity = "day"
            return
        if c.post is not None and c.post.meaning == "since":  # 上月以来: open, like 今年以来
            self._set(c, f"{y}-{mo:02d}/..", _safe_date(y, mo, 1), None, "month")
            return
        self._set(c, f"{y}-{mo:02d}", _safe_date(y, mo, 1), _month_end(y, mo), "month")

    def _resolve_same_period(self, c: _Cand, y: int | None) -> None:
        """去年同期: the period under discussion, a year earlier."""
        offset = c.yword.offset if c.yword is not None else None
        cur = self._current_period(c)
        c.granularity = "year"
        if cur is not None and cur.resolved is not None and cur.ryear is not None:
            target = cur.ryear + offset if offset is not None else y
            if target is None or not 1 <= target <= 9999:
                return
            delta = target - cur.ryear
            iso = regex.sub(r"[0-9]{4}", lambda m: str(int(m.group()) + delta), cur.resolved)
            start = _replace_year(cur.rstart, delta)
            end = _replace_year(cur.rend, delta)
            c.ryear = target
            self._set(c, iso, start, end, cur.granularity or "year")
            return
        if y is not None and 1 <= y <= 9999:
            c.ryear = y
            self._set(c, f"{y}", _safe_date(y, 1, 1), _safe_date(y, 12, 31), "year")

    def _current_period(self, c: _Cand) -> _Cand | None:
        """The period the paragraph reports on so far (截至2020年11月底 → 2020-01/2020-11)."""
        for p in self._before(c):
            if p.para != c.para:
                return None
            if p.resolved is None or p.comparison or p.recurrence or p.plan is not None:
                continue
            if p.post is not None and p.post.meaning == "same_period":
                continue
            if p.asof and p.ryear is not None and p.unit in ("month", "day") and p.rend is not None:
                start = _safe_date(p.ryear, 1, 1)
                iso_end = p.resolved if p.unit == "month" else p.rend.isoformat()
                iso_start = f"{p.ryear}-01" if p.unit == "month" else f"{p.ryear}-01-01"
                return _Cand(
                    p.start,
                    p.end,
                    ryear=p.ryear,
                    resolved=f"{iso_start}/{iso_end}",
                    rstart=start,
                    rend=p.rend,
                    granularity=p.granularity,
                )
            if p.unit in ("year", "month", "part") or p.kind is DateKind.RANGE:
                return p
        return None


def _bisect_start(frames: list[_Cand], c: _Cand) -> int:
    lo, hi = 0, len(frames)
    while lo < hi:
        mid = (lo + hi) // 2
        if frames[mid].start < c.start:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _replace_year(d: datetime.date | None, delta: int) -> datetime.date | None:
    if d is None:
        return None
    y = d.year + delta
    if not 1 <= y <= 9999:
        return None
    day = min(d.day, calendar.monthrange(y, d.month)[1])
    return datetime.date(y, d.month, day)


def _kind_of(c: _Cand) -> DateKind:
    if c.plan is not None or c.holiday is not None:
        return DateKind.PERIOD
    if c.word is not None:
        if c.post is not None and c.post.meaning == "since":
            return DateKind.RELATIVE
        return c.word.kind
    if c.weekday:
        return DateKind.RELATIVE
    relative = c.yword is not None or (c.year is None and (c.mword is not None or c.dword is not None))
    since = c.post is not None and c.post.meaning == "since"
    if c.post is not None and c.post.meaning == "same_period":
        return DateKind.RELATIVE
    if c.range_end is not None or c.month_a is not None or c.year_b is not None or c.first_n is not None:
        return DateKind.RANGE
    if since:
        # 年初以来, 上半年以来: a part that is relative alone stays relative, as 今年以来 does
        alone = c.part is not None and c.year is None and c.part.kind is DateKind.RELATIVE
        return DateKind.RELATIVE if relative or alone else DateKind.RANGE
    if c.hour is not None:
        return DateKind.TIME
    if c.day is not None:
        return DateKind.DATE
    if relative and c.mword is None and c.dword is None and c.part is None and c.month is None:
        return DateKind.RELATIVE  # 今年, 去年同期; 今年1月 is a month as 今年2月8日 is a date
    if c.month is not None:
        return DateKind.MONTH
    if c.dword is not None or c.mword is not None:
        return DateKind.RELATIVE
    if c.part is not None:
        if c.year is not None:
            return c.part.kind_with_year
        return c.part.kind
    return DateKind.YEAR


def _granularity(c: _Cand) -> str | None:
    u = c.unit
    if u == "time":
        return "minute" if c.minute is not None else "hour"
    if u == "part" and c.part is not None:
        if c.part.iso.startswith("H"):
            return "half"
        if c.part.iso.startswith("Q"):
            return "quarter"
        return "month" if c.part.iso == "months" else "year"
    if u == "part":
        return "month"
    return {"day": "day", "month": "month", "year": "year"}.get(u)


_WEEKDAY = regex.compile(r"(上上|下下|上|下|本|这)(?:一?个)?(?:星期|礼拜|禮拜|週|周)([一二三四五六日天])")
_URL = regex.compile(r"(?:https?://|www\.)[!-~]++")
_DOCUMENT_NUMBER_BRACKETS = "〕]】)）"


def _drop_non_dates(norm: str, cands: list[_Cand]) -> list[_Cand]:
    """Leave out 'dates' that are parts of a web address (/art/2023/3/2/) or of a document
    number (济政发〔2023〕12号)."""
    urls = [m.span() for m in _URL.finditer(norm)]
    out = []
    for c in cands:
        if any(a <= c.start < b for a, b in urls):
            continue
        if norm[c.end - 1 : c.end] == "号" and norm[c.start - 1 : c.start] in tuple(_DOCUMENT_NUMBER_BRACKETS):
            continue
        out.append(c)
    return out


def dates_from_source(
    source: SourceText, *, reference_date: datetime.date | None = None, articles: Sequence[Article] = ()
) -> list[DateMention]:
    """Date mentions of ``source`` (the entry point used by :func:`govreport.parse`).

    ``articles`` (from :func:`govreport.split_articles`) scope the resolution to each article;
    without them the articles are found from bylines, headlines and section openings.
    """
    if isinstance(reference_date, datetime.datetime):
        reference_date = reference_date.date()
    norm = source.normalized
    cands = _find(norm, source)
    if cands and ("/" in norm or "号" in norm):
        cands = _drop_non_dates(norm, cands)
    if not cands:
        return []
    layout = _layout(source, articles)
    resolver = _Resolver(source, cands, layout, reference_date, articles)
    resolver.resolve_all()
    out: list[DateMention] = []
    for c in cands:
        span = source.span(c.start, c.end)
        if span.end <= span.start:
            continue
        out.append(
            DateMention(
                span=span,
                text=span.slice(source.original),
                kind=c.kind,
                start=c.rstart,
                end=c.rend,
                resolved=c.resolved,
                granularity=c.granularity,
                modifier=c.modifier,
                lunar=c.lunar,
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# ranks
# ---------------------------------------------------------------------------------------------
# the verbs of place and the group nouns that end a scope with no scope word (列中部地区第3位)
_RANK_AREA_VERBS = "位居|位列|名列|跃居|稳居|列|居"
_RANK_AREAS = "地区|城市|省份|省区|市州|地市|县市|省|国家|强"


@functools.cache
def _rank_re() -> Any:
    w = _rank_words()

    def alt(role: str) -> str:
        return alternation(w.get(role, []))

    # the scope runs from its opening word to the verb or 第 (全国百强县, 全省16市)
    stop_words = ["第", *(x for role in ("verb", "qualitative", "first") for x in w.get(role, []))]
    stop_first = "".join(sorted({regex.escape(x[:1]) for x in stop_words if x}))
    # (a class test of the first characters first: most characters of a scope open no stop word)
    stop = f"(?=[{stop_first}])(?:第|{alt('verb')}|{alt('qualitative')}|{alt('first')})"
    # ... with a bracketed note on the way (全省县(市、区)第一位)
    scope = rf"(?:{alt('scope')})(?:(?!{stop})(?:[\p{{Han}}0-9]|\([\p{{Han}}、,]{{1,8}}\))){{0,12}}?"
    number = r"(?P<n>[0-9]{1,3}|[一二三四五六七八九十百两]{1,4})"
    # after a verb of place, a group of places with no scope word (列中部地区第3位, 居长三角城市第5位)
    # is the scope when a whole place (位/名) follows
    # (tried only where a 第 follows within ten characters: 居 and 列 are common)
    area = (
        rf"(?=[^第\n]{{2,10}}第)(?<=(?:{_RANK_AREA_VERBS}))"
        rf"(?P<scope>(?![民住家委入车于在为到至])[\p{{Han}}0-9]{{0,8}}?(?:{_RANK_AREAS}))"
    )
    # with neither a scope nor a verb, 第N is a rank only as 第N名, a tier (团体第一名, 个人第二名) or
    # a place that moves (由上年的第8位上升至第3位)
    positional = (
        rf"(?P<pos>(?:(?P<scope>{scope})(?:中|内)?(?:{alt('verb')})?|(?<=(?:{alt('verb')})))第{number}"
        rf"(?:(?P<suf>{alt('suffix')})|(?P<tier>{alt('tier')}))?"
        rf"|(?P<bare>)第{number}(?:(?P<suf>名)|(?P<tier>{alt('tier')})|(?P<suf>位)(?=(?:的)?(?:{alt('move')}))))"
    )
    first = rf"(?P<first>(?P<fscope>{scope})(?:{alt('first')}))"
    vague = (
        rf"(?P<vague>(?P<qscope>{scope})(?:{alt('verb')})?(?:(?P<q>{alt('qualitative')})"
        rf"|前(?P<top>[0-9]{{1,2}}|[一二三四五六七八九十]{{1,2}})(?:名|位|强)?))"
    )
    # a rank opens with 第 or with a scope word: test the scope word's first two characters (全国,
    # 全省), not just its first (全 opens 全面, 全力…)
    heads = {x[:2] for x in w.get("scope", []) if x}
    opener = "|".join(["第", *(regex.escape(h) for h in sorted(heads))])
    firsts = "".join(sorted({regex.escape(h[:1]) for h in heads} | {"第"}))
    lasts = "".join(sorted({regex.escape(v[-1:]) for v in _RANK_AREA_VERBS.split("|")}))
    area_pos = rf"(?P<pos>{area}第{number}(?P<suf>位|名))"
    # the area form consumes the verb's last character, so that every alternative opens with a
    # character class and the engine skips ahead to those characters (a lookbehind at the front made
    # it try the whole pattern at every position: three times the cost); its rank starts at "pos"
    return regex.compile(f"(?=[{firsts}])(?=(?:{opener}))(?:{positional}|{first}|{vague})|[{lasts}]{area_pos}")


_HAN_NOT_DE = regex.compile(r"(?!的)\p{Han}")


@functools.cache
def _rank_item_re() -> Any:
    """One more item of a list of ranks after the first (分列第二、三名, 全省第二、第三位)."""
    w = _rank_words()
    suffix, tier = alternation(w.get("suffix", [])), alternation(w.get("tier", []))
    return regex.compile(
        rf"(?P<sep>[、和及与])(?P<di>第)?(?P<n>[0-9]{{1,3}}|[一二三四五六七八九十]{{1,3}})"
        rf"(?:(?P<suf>{suffix})|(?P<tier>{tier}))?"
    )


@functools.cache
def _rank_move_re() -> Any:
    """What joins the two places of a move (由全省第8位上升至第3位, 从第十位跃居第五位)."""
    move = alternation(_rank_words().get("move", []))
    return regex.compile(rf"的?(?:{move}|升|降|跃)(?:至|到|为|居)")


def _rank_list(norm: str, end: int, *, ranked: bool = False) -> list[tuple[int, int, int]] | None:
    """The items listed after a rank that ends at ``end``: (start, end, rank) each. None when the
    list ends in a noun (第一、第二批试点: ordinals, so the first is no rank either). After a rank
    with its 位/名 (``ranked``), only whole places follow it: 居全省第2位和第3位."""
    items: list[tuple[int, int, int]] = []
    item = _rank_item_re()
    while (m := item.match(norm, end)) is not None:
        whole = bool(m.group("di")) and bool(m.group("suf") or m.group("tier"))
        if (m.group("sep") != "、" or ranked) and not whole:
            break
        n = _cn_int(m.group("n"))
        if n is None or n <= 0:
            break
        items.append((m.start() + 1, m.end(), n))
        end = m.end()
        if not ranked and (m.group("suf") or m.group("tier")):
            return items
    if ranked:
        return items
    if items and regex.match(r"\p{Han}", norm[end : end + 1]) and norm[end : end + 1] != "的":
        return None
    return items


def ranks_from_source(source: SourceText, *, qualitative: bool = False) -> list[Rank]:
    """Ranks of ``source`` (the entry point used by :func:`govreport.parse`).

    Qualitative positions (位居全国前列) are included only with ``qualitative=True``.
    """
    norm = source.normalized
    out: list[Rank] = []
    listed: list[tuple[int, int, int]] = []
    taken = 0  # the end of the last list of ranks (its items are not found again)
    moved_from: tuple[int, str] | None = None  # the end and scope of the last scoped place
    for m in _rank_re().finditer(norm):
        start = m.start("pos") if m.group("pos") is not None else m.start()  # (past an area form's verb)
        if start < taken:
            continue
        rank: int | None
        top: int | None = None
        is_vague = False
        listed = []
        if m.group("pos"):
            rank = _cn_int(m.group("n"))
            if rank is None or rank <= 0:
                continue
            ranked = bool(m.group("suf") or m.group("tier"))
            nxt = norm[m.end() : m.end() + 1]
            if not ranked and nxt == "、":
                items = _rank_list(norm, m.end())
                if items is None:
                    continue
                listed = items
            elif ranked and nxt and nxt in "、和及与":
                listed = _rank_list(norm, m.end(), ranked=True) or []
            elif not ranked and nxt and regex.match(r"\p{Han}", nxt) and nxt != "的":
                continue
            elif m.group("bare") is not None and m.group("suf") != "位" and _HAN_NOT_DE.match(nxt):
                continue  # 第一名被告: a name's first, not a place (第8位上升 was licensed by its verb)
            scope = m.group("scope") or None
            if scope is not None and len(scope) > 2 and scope[-1] in "中内":
                scope = scope[:-1]
            if scope is None and moved_from is not None and _rank_move_re().fullmatch(norm, moved_from[0], start):
                scope = moved_from[1]  # 由全省第8位上升至第3位: the place it moved to is in the same scope
        elif m.group("first"):
            rank, scope = 1, m.group("fscope")
        else:
            if not qualitative:
                continue
            rank, scope, is_vague = None, m.group("qscope"), True
            if m.group("top"):
                top = _cn_int(m.group("top"))
        span = source.span(start, m.end())
        if span.end <= span.start:
            continue
        moved_from = (m.end(), scope) if m.group("pos") and scope is not None and not listed else None
        out.append(
            Rank(
                span=span,
                text=span.slice(source.original),
                rank=rank,
                scope=scope,
                qualitative=is_vague,
                top=top,
            )
        )
        for s, e, n in listed:
            taken = e
            span = source.span(s, e)
            if span.end > span.start:
                out.append(Rank(span=span, text=span.slice(source.original), rank=n, scope=scope))
    return out
