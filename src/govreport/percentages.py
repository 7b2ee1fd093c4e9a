"""Percentages: %, ％, 百分之, ‰, 千分之, 个百分点 (points), 个千分点, 三成, 三分之一, with direction.

>>> [(p.text, p.value, p.direction) for p in extract_percentages("较去年同期分别降低-9.35%、增长7.5%")]
[('-9.35%', Decimal('-9.35'), <Direction.DOWN: 'down'>), ('7.5%', Decimal('7.5'), <Direction.UP: 'up'>)]

``direction`` comes from the verb that governs the number (增长/提高 → up, 降低/压减 → down), carried
across lists (增长159.2%、0.7%和下降46.8%). ``relation`` is ``by`` for an amount of change
(增长18.3%) and ``to`` for the level reached (提高到70%, 降至0.6%). A bare level (达标率为91.8%)
has neither. Verbs live in ``data/direction_verbs.tsv``.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs
import regex

from govreport import _data
from govreport._data import alternation
from govreport.errors import ParseError
from govreport.numerals import (
    ARABIC,
    CN_DIGIT_CLASS,
    CN_NUMERAL_CHARS,
    CN_NUMERAL_CLASS,
    RANGE_SEP,
    canonical,
    minus_fu,
    numeral_value,
    prefix_qualifiers,
)
from govreport.text import SourceText, is_cjk, shared_source
from govreport.types import Direction, Percentage, PercentKind, Qualifier, Relation

__all__ = ["extract_percentages", "parse_percentage"]

_CN_CLASS = CN_NUMERAL_CLASS
_CN_NUM = f"{CN_NUMERAL_CLASS}++(?:[点點]{CN_DIGIT_CLASS}++)?+"
_NUM = rf"(?:{ARABIC}|{_CN_NUM})"
_CLAUSE_BREAK = frozenset("。!?;:,，；：！？\n()（）")
# words that may stand between a governing verb and its number, or between list items
_WINDOW = 80  # characters looked back for a governing verb
# between the two numbers of a range whose first number has no sign of its own (5—6%, 0.5至1个百分点)
_LAST_BREAK = regex.compile(r"[。!?;:,，；：！？\n()（）](?=[^。!?;:,，；：！？\n()（）]*+$)")


@functools.cache
def _pattern() -> regex.Pattern[str]:
    quals = _data.qualifiers()
    suffixes = [s for s, (_, pos, _) in quals.items() if pos == "suffix" and s != "内"]
    pre = prefix_qualifiers()
    suf = alternation(suffixes)
    fu = minus_fu()
    points = "个[多余]?[百千]分点"  # 个百分点 (percent points), 个千分点 (per-mille points)
    return regex.compile(
        rf"""
        (?P<pre>{pre})?
        (?:
            (?:(?<![\d.\-－负])(?P<lo>{ARABIC})(?:{RANGE_SEP}))?
            (?P<sign>(?<![0-9A-Za-z.%])[-+]|{fu})?(?<![\d.])(?P<num>{ARABIC})(?P<unit>%|‰|{points}|[百千]分点)
          | (?P<sign2>(?<![0-9A-Za-z.%])[-+]|{fu})?(?<![\d.]|{_CN_CLASS})(?P<cnum>{_CN_NUM})(?P<cunit>{points})
          | (?P<pct>百分之|[千仟]分之|(?:百万|千万|万万|百万万|万)分之)(?P<pnum>{_NUM})
          | (?<!{_CN_CLASS})(?P<den>[一二三四五六七八九十百千]++)分之(?P<numer>{_CN_NUM})
          | (?<![\d.零〇一二两三四五六七八九十百千万亿点])
            (?P<tenth>{ARABIC}|[一二两三四五六七八九十]++(?:[点點][零〇一二三四五六七八九]++)?+|半)
            (?P<cheng>成)(?P<tail>半|[一二三四五六七八九](?![\p{{Han}}\d]))?(?P<more>多(?![数样种])|余)?
        )
        (?P<suf>{suf})?
        """,
        regex.VERBOSE,
    )


@functools.cache
def _range_sep() -> regex.Pattern[str]:
    return regex.compile(rf"(?:{RANGE_SEP})")


@functools.cache
def _glue() -> regex.Pattern[str]:
    return regex.compile(alternation(_data.percent_cues()["glue"]) + r"|\s")


@functools.cache
def _comparison() -> regex.Pattern[str]:
    nouns = "".join(regex.escape(c) for c in _data.percent_cues()["not_comparison_after"])
    return regex.compile(rf"[比较](?![{nouns}])")


@functools.cache
def _comparative() -> regex.Pattern[str]:
    """高于全省1.2个百分点, 快于全国, 高出全省, 比上年快: a comparison ending right before the number."""
    cues = _data.percent_cues()
    adjs = "".join(regex.escape(c) for c in cues["comparative_up"] + cues["comparative_down"])
    nouns = "".join(regex.escape(c) for c in cues["not_comparison_after"])
    glue = alternation([w for w in cues["glue"] if w != "的"])
    # the comparand (全省平均水平) is a short run of Han characters; 低于5% (none) is a threshold,
    # and 高于全国平均水平的30% (ending in 的) a level, so neither gives a direction
    return regex.compile(
        rf"(?:(?P<adj>[{adjs}])(?:于(?!的)\p{{Han}}{{1,12}}?(?<!的)|出\p{{Han}}{{0,8}}?)"
        rf"|[比较](?![{nouns}])\p{{Han}}{{1,12}}?(?P<adj2>[{adjs}]))(?:{glue})*+\Z"
    )


def _comparison_direction(window: str) -> tuple[Direction | None, Relation | None]:
    m = _comparative().search(window)
    if m is None:
        return None, None
    adj = m.group("adj") or m.group("adj2")
    up = adj in _data.percent_cues()["comparative_up"]
    return (Direction.UP if up else Direction.DOWN), Relation.BY


@functools.cache
def _verb_pattern() -> regex.Pattern[str]:
    verbs = _data.direction_verbs()
    return regex.compile(alternation(list(verbs)))


def extract_percentages(text: str) -> list[Percentage]:
    """Every percentage in ``text``, sorted by position; never raises on a ``str``.

    >>> [(p.text, p.kind.value, p.relation) for p in extract_percentages("报销比例提高了约10个百分点,提高到70%")]
    [('约10个百分点', 'point', <Relation.BY: 'by'>), ('70%', 'percent', <Relation.TO: 'to'>)]
    >>> [(p.text, p.value) for p in extract_percentages("占全省的三分之一,百分之七十,３‰")]
    [('三分之一', Decimal('33.3333')), ('百分之七十', Decimal('70')), ('３‰', Decimal('3'))]
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_percentages() expects str, not {type(text).__name__}")
    return percentages_from_source(shared_source(text))


def percentages_from_source(source: SourceText) -> list[Percentage]:
    """Percentages of a prepared :class:`~govreport.text.SourceText` (computed once per source:
    quantities exclude their spans, and ``extract_percentages`` may ask again)."""
    done = source.memo.get("percentages")
    if isinstance(done, tuple):
        return list(done)
    norm = source.normalized
    out: list[Percentage] = []
    recent: list[regex.Match[str]] = []  # earlier matches of the current clause (list items)
    for m in _iter_matches(norm):
        if not _accept(m, norm):
            continue
        if recent and any(c in _CLAUSE_BREAK for c in norm[recent[-1].end() : m.start()]):
            recent = []
        while recent and m.start() - recent[0].end() > _WINDOW:
            recent.pop(0)
        p = _resolve(m, source, recent)
        recent.append(m)
        if p is not None:
            if p.kind is not PercentKind.PERCENT and p.kind is not PercentKind.FRACTION:
                out.extend(_shared_points(p, source))
            out.append(p)
    source.memo["percentages"] = tuple(out)
    return out


# 分别提高1.3个和2.1个百分点: earlier numbers of a list that share the last one's 百分点
_SHARED_ITEM = regex.compile(rf"(?<![\d.])(?P<num>{ARABIC})个(?:和|、|及|与)")
_SHARED_POINT = regex.compile(_SHARED_ITEM.pattern + "$")  # the last item, right before the next


def _shared_points(last: Percentage, source: SourceText) -> list[Percentage]:
    """The items before ``last`` written ``N个`` in a list that ends in ``last`` (1.3个和2.1个百分点):
    points too, with ``last``'s kind, direction and relation, in text order."""
    if last.relation is not Relation.BY:
        return []  # only a change governed by its verb shares (新增企业3个和2.1个百分点 does not)
    norm = source.normalized
    end = source.normalized_index(last.span.start)
    found: list[Percentage] = []
    while len(found) < _MAX_SHARED:
        m = _SHARED_POINT.search(norm, max(0, end - 24), end)
        if m is None:
            break
        try:
            value = numeral_value(m.group("num"))
        except ValueError:
            break
        span = source.span(m.start("num"), m.start("num") + len(m.group("num")) + 1)
        found.append(
            attrs.evolve(last, span=span, text=span.slice(source.original), value=value, low=value, high=value,
                         qualifier=None)
        )
        end = m.start("num")
    return found[::-1]


_MAX_SHARED = 8  # items of one list


_ANCHOR = regex.compile(r"[%‰成]|[百千]分点|分之")
_BACK = 40  # a percentage starts at most this many characters before its anchor (% 百分点 分之 成)
_AHEAD = 40  # 百分之三十五点五: the number follows the anchor 分之


def _iter_matches(norm: str) -> Iterator[regex.Match[str]]:
    """Full matches of the percentage pattern, found from their anchors.

    Scanning for the few characters every percentage contains, then matching in a small window
    around each, is many times faster than trying the whole pattern at every character.
    """
    pattern = _pattern()
    number_chars = _number_chars()
    lead = _max_lead()
    done = 0
    for a in _ANCHOR.finditer(norm):
        anchor = a.start()
        if anchor < done:
            continue
        hi = min(len(norm), a.end() + (_AHEAD if a.group() == "分之" else 4))
        lo = max(done, anchor - _BACK)
        # a match holds its anchor, and before it only the number run and a short lead-in: searching
        # from there, not from 40 characters back, makes dense text (a percentage per clause) cheap
        start = anchor
        while start > lo and norm[start - 1] in number_chars:
            start -= 1
        m = pattern.search(norm, max(lo, start - lead), hi)
        while m is not None and m.end() <= anchor:
            # an earlier, anchor-less false start in the window (e.g. a bare number): skip it
            m = pattern.search(norm, m.end(), hi)
        if m is None:
            continue
        done = m.end()
        yield m


@functools.cache
def _groups() -> tuple[tuple[str, ...], Callable[[tuple[str | None, ...]], tuple[Any, ...]]]:
    """The pattern's group names, and the getter of their values out of ``match.groups()``."""
    index = _pattern().groupindex
    names = tuple(index)
    return names, operator.itemgetter(*(index[name] - 1 for name in names))


@functools.cache
def _number_chars() -> frozenset[str]:
    """Every character that may stand between a percentage's lead-in and its anchor: the numerals
    of both scripts, decimal points and separators, signs, the 个 of 个百分点 and the separators of a
    range (5—6%)."""
    return frozenset("0123456789.,点點个半-+负—－~至到多余") | CN_NUMERAL_CHARS


@functools.cache
def _max_lead() -> int:
    """The longest lead-in before a percentage's number and sign: a prefix qualifier (超过)."""
    prefixes = [s for s, (_, pos, _) in _data.qualifiers().items() if pos == "prefix"]
    return max(map(len, prefixes), default=0)


def parse_percentage(text: str) -> Percentage:
    """Parse one percentage, with its governing verb if written before it.

    >>> p = parse_percentage("降低-9.35%")
    >>> p.value, p.direction, p.relation
    (Decimal('-9.35'), <Direction.DOWN: 'down'>, <Relation.BY: 'by'>)
    >>> parse_percentage("95%以上").qualifier, parse_percentage("3.5个百分点").kind
    (<Qualifier.ABOVE: '以上'>, <PercentKind.POINT: 'point'>)
    >>> parse_percentage("百分")
    Traceback (most recent call last):
    ...
    govreport.errors.ParseError: cannot parse '百分': no percentage at index 0
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_percentage() expects str, not {type(text).__name__}")
    stripped = text.strip()
    offset = len(text) - len(text.lstrip())
    source = SourceText(stripped)
    found = percentages_from_source(source)
    if len(found) != 1:
        raise ParseError(text, offset, "no percentage" if not found else "more than one percentage")
    p = found[0]
    # everything after the percentage must be empty, and before it only a governing verb phrase
    if p.span.end != len(stripped):
        raise ParseError(text, offset + p.span.end, f"unexpected {stripped[p.span.end]!r}")
    head = source.clean(type(p.span)(0, p.span.start))
    if head and (_verb_pattern().sub("", _glue().sub("", head)) or not _verb_pattern().search(head)):
        raise ParseError(text, offset, f"unexpected {head!r} before the percentage")
    return p


def _accept(m: regex.Match[str], norm: str) -> bool:
    if m.group("tenth"):
        # 三成 (30%): only where 成 is not part of a word (完成, 建成, 一成不变)
        end = m.end("cheng")
        if end < len(norm) and norm[end] in _data.percent_cues()["cheng_word_after"]:
            return False
        from govreport._segment import is_token_boundary_pair

        # a prefix qualifier may be one word with the tenths (近三成 is one jieba word)
        return bool(is_token_boundary_pair(norm, m.start("pre") if m.group("pre") else m.start("tenth"), end))
    if m.group("den") is not None:
        from govreport._segment import is_token_boundary_pair

        return bool(is_token_boundary_pair(norm, m.start("den"), m.end("numer")))
    return True


def _resolve(m: regex.Match[str], source: SourceText, previous: list[regex.Match[str]]) -> Percentage | None:
    norm = source.normalized
    names, pick = _groups()
    g = dict(zip(names, pick(m.groups()), strict=True))  # one C call, not a dozen group() calls
    kind = PercentKind.PERCENT
    infix: str | None = None
    sign = g["sign"] or g["sign2"]
    try:
        if g["num"] is not None or g["cnum"] is not None:
            num = g["num"] or g["cnum"]
            value = numeral_value(num)
            unit = g["unit"] or g["cunit"]
            if unit == "‰":
                kind = PercentKind.PERMILLE
            elif unit.endswith("分点"):
                # 下降0.52个千分点 (birth rates): a change in per mille, the same as 下降0.52‰
                kind = PercentKind.POINT if unit.endswith("百分点") else PercentKind.PERMILLE
                if unit[1:2] in ("多", "余"):
                    infix = unit[1]  # 1个多百分点: more than one point
            core_start = m.start("sign") if g["sign"] else m.start("sign2") if g["sign2"] else (
                m.start("num") if g["num"] is not None else m.start("cnum")
            )
        elif g["pct"]:
            value = numeral_value(g["pnum"])
            pct = g["pct"]
            kind = PercentKind.PERMILLE if pct in ("千分之", "仟分之") else PercentKind.PERCENT
            if pct != "百分之" and kind is PercentKind.PERCENT:
                # 万分之三 = 0.03%: smaller fractions are given as a percent
                value = value * 100 / numeral_value(pct[:-2])
            core_start = m.start("pct")
        elif g["den"] is not None:
            den = numeral_value(g["den"])
            numer = numeral_value(g["numer"])
            if den == 0:
                return None
            value = (numer * 100 / den).quantize(Decimal("0.0001"))
            kind = PercentKind.FRACTION
            core_start = m.start("den")
        else:
            tenth = g["tenth"]
            value = Decimal(5) if tenth == "半" else numeral_value(tenth) * 10
            tail = g["tail"]
            if tail:
                value += Decimal(5) if tail == "半" else numeral_value(tail)
            if value > 100:
                return None  # 12成: not a share
            core_start = m.start("tenth")
    except Exception:
        return None
    value = canonical(value)
    if sign in ("-", "负") and value:
        value = -value
    qualifier = None
    quals = _data.qualifiers()
    words = [w for w in (g["pre"], infix or g["more"], g["suf"]) if w]
    if words:
        qualifier = Qualifier(quals[words[0]][0])
    low_bound: Decimal | None = None
    if g.get("lo") is not None and not sign:
        low_bound = canonical(numeral_value(g["lo"]))
        if low_bound < value:
            core_start = m.start("lo")  # 5—6%: one range, valued at its low end like 2至3万元
        else:
            low_bound = None  # 6—5%: not a range; the percentage is the last number alone
    begin = m.start("pre") if g["pre"] else core_start
    direction, relation = _governing_verb(norm, begin, previous, _sign_of(m), negative=value < 0)
    span = source.span(begin, m.end())
    low: Decimal | None = value
    high: Decimal | None = value
    if low_bound is not None:
        low, high = low_bound, value
        value = low_bound
    elif qualifier is not None:
        bound = qualifier.bound
        low = value if bound == "lower" else None
        high = value if bound == "upper" else None
    return Percentage(
        span=span,
        text=span.slice(source.original),
        value=value,
        kind=kind,
        direction=direction,
        relation=relation,
        qualifier=qualifier,
        low=low,
        high=high,
    )


def _sign_of(m: regex.Match[str]) -> str | None:
    """The sign written after an Arabic percentage's number (%, ‰, 个百分点 as 百分点), else None."""
    unit = m.group("unit")
    return None if unit is None else unit.removeprefix("个")


def _governing_verb(
    norm: str, start: int, previous: list[regex.Match[str]], sign: str | None = None, negative: bool = False
) -> tuple[Direction | None, Relation | None]:
    """Direction and relation from the verb that governs the number starting at ``start``.

    A rate noun (增速, 增幅) names no direction of its own: a negative rate after it (增速为负1.2%) is
    down. A verb keeps its own (降低-9.35% is down, as written)."""
    # look back to the clause boundary, skipping over earlier percentages of the same list
    lo = max(0, start - _WINDOW)
    brk = _LAST_BREAK.search(norm, lo, start)
    if brk is not None:
        lo = brk.end()
    window = norm[lo:start]
    verbs = list(_verb_pattern().finditer(window))
    if not verbs:
        return _comparison_direction(window)
    verb = verbs[-1]
    between_start = lo + verb.end()
    between = norm[between_start:start]
    # blank out earlier percentages (list items) between the verb and this number
    for pm in previous:
        a, b = pm.span()
        if between_start <= a and b <= start:
            between = between.replace(norm[a:b], "", 1)
    if "个" in between:
        between = _SHARED_ITEM.sub("", between)  # 提高1.3个和2.1个百分点: the items sharing its 百分点
    rest = _glue().sub("", between)
    if any(is_cjk(c) or c.isalnum() for c in rest):
        return _comparison_direction(window)
    word = verb.group()
    # 增长8%至10%, 降至3%至3.5%: the second number of a range (the same sign on both) is governed as
    # its first is; the 至 after the first is the range's, not the 到/至 of the level reached (but
    # 降低0.15个百分点至1.2%: a change in points, then the level)
    head = between
    for pm in previous:
        if sign is not None and between_start <= pm.start() and _sign_of(pm) == sign and _range_sep().fullmatch(
            norm, pm.end(), start
        ):
            head = norm[between_start : pm.start()]
            break
    if len(word) == 1 and len(head) > 1:
        return None, None  # a one-character verb (增, 降, 高) governs only the number right after it
    if len(word) == 1 and word in "高低多少" and not _comparison().search(window, 0, verb.start()):
        return None, None  # 高/低/多/少 give a direction only in a comparison: 比全国高0.5个百分点
    direction = Direction(_data.direction_verbs()[word])
    if negative and word in _data.rate_nouns():
        direction = Direction.DOWN
    to_level = head.lstrip("了").startswith(_data.percent_cues()["to_level"]) and word not in _data.rate_nouns()
    relation = Relation.TO if to_level else Relation.BY
    return direction, relation
