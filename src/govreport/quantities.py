"""Quantities: number + magnitude + unit, with qualifiers and ranges, exact and fully expanded.

>>> [(q.text, q.value, q.unit) for q in extract_quantities("归集住房公积金84.69亿元,新增缴存职工4.5万人")]
[('84.69亿元', Decimal('8469000000'), '元'), ('4.5万人', Decimal('45000'), '人')]
>>> q = parse_quantity("近200余万人次")
>>> q.value, q.unit, q.qualifier, q.qualifiers
(Decimal('2000000'), '人次', <Qualifier.NEARLY: '近'>, (<Qualifier.NEARLY: '近'>, <Qualifier.REMAINDER: '余'>))

The unit is anchored beside its number (never the first number of the sentence), a match never
starts or ends inside a digit run, and the value is in the base unit: 1.4亿元 → 140000000 元,
48.4千公顷 → 48400 公顷, but 33.7万千瓦 → 337000 千瓦 (千瓦 is the unit). Counts written in Chinese
numerals are quantities (七篇文章, 两次); set phrases are not (一站式, 十三五, 四不两直): that is
decided with word boundaries from jieba, loaded on first need.
"""

from __future__ import annotations

import bisect
import functools
import operator
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import regex

from govreport import _data
from govreport._data import alternation
from govreport.errors import ParseError
from govreport.numerals import (
    ARABIC,
    CN_DIGIT_CHARS,
    CN_DIGIT_CLASS,
    CN_DIGITS,
    CN_NUMERAL_CHARS,
    CN_NUMERAL_CLASS,
    RANGE_SEP,
    canonical,
    guarded_qualifier,
    minus_fu,
    numeral_value,
    phrase_vetoes,
    prefix_qualifiers,
    set_phrase_pattern,
)
from govreport.text import SourceText, is_cjk, shared_source
from govreport.types import NumeralScript, Qualifier, Quantity, Span

__all__ = ["extract_quantities", "parse_quantity"]

_CN_RUN = CN_NUMERAL_CLASS
_CN_UNITS = "十拾百佰千仟万萬亿億兆廿卅卌"
_DURATION_CATEGORIES = frozenset({"duration"})
# units of measure and 倍: 一 before them is an amount (一吨, 一千比特, 增长一倍), never the article "a" (一家, 一个)
_MEASURE_CATEGORIES = frozenset(
    {"area", "length", "mass", "volume", "energy", "power", "temperature", "data", "rate"}
)
_YEAR_UNITS = frozenset({"年"})
# categories whose unit may be followed by 多 as a qualifier: 3年多, 两个多月 and 2倍多
_MORE_AFTER = frozenset({"duration", "rate"})


@functools.cache
def _pattern() -> regex.Pattern[str]:
    units = _data.units()
    quals = _data.qualifiers()
    suffixes = [s for s, (_, pos, _) in quals.items() if pos == "suffix"]
    mags = _mag_chars()
    # a magnitude character must not be the first character of a unit (千 of 千瓦, 百 of 百分点)
    mag_chars = []
    for ch in mags:
        tails = [u[1:] for u in units if u.startswith(ch) and len(u) > 1]
        tails.append("分")  # 百分之, 千分之, 万分之: a fraction, never a magnitude
        mag_chars.append(f"{ch}(?!{alternation(tails)})")
    mag = f"(?:{'|'.join(mag_chars)})++"
    # the Latin magnitudes (15k, 30w) follow Arabic digits directly and never a Latin letter (3kg, 5KB)
    latin = f"(?<=\\d)(?:{alternation(_data.magnitudes_after('arabic'))})(?![A-Za-z])"
    any_mag = f"(?:{mag}|{latin})"
    cues = _data.quantity_cues()
    # spoken filler between a number and a big magnitude: 两个亿 = 2亿
    filler = f"(?:{alternation(cues['magnitude_filler'])})(?=[{_big_chars()}])"
    # a parenthesised note after an amount: 1万(含)-5万元, 50万元(含)以上 (brackets are folded to ASCII)
    note = rf"(?:\((?:{alternation(cues['amount_note'])})\))"
    first = "".join(sorted({regex.escape(u[0]) for u in units})) + ("\\x20" if any(map(_latin_unit, units)) else "")
    # a unit that begins with a numeral digit (两, 50 g) is one only when no numeral and no unit follows
    # (两万 is a number, 三两天 "two or three days"); the groups start with disjoint characters
    digit_led = [u for u in units if u[0] in CN_DIGIT_CHARS]
    breaking = set(cues["unit_before_break"])
    latin_units = [u for u in units if _latin_unit(u)]
    plain = alternation([u for u in units if u[0] not in CN_DIGIT_CHARS and u not in breaking and not _latin_unit(u)])
    # a Latin unit (km, kV, kWh) after Arabic digits, maybe across a layout space (110 kV), never running
    # on into another Latin letter or digit (3kgs, 5KB, 4K视频): the guard sits on each alternative
    if latin_units:
        # a lone letter (3 m, 5 t) after a space is too often something else: only the longer units
        spaced = f"(?:(?<=\\d)\\x20(?:{alternation(u for u in latin_units if len(u) > 1)})|{alternation(latin_units)})"
        plain = f"{plain}|{spaced}(?![A-Za-z0-9])"
    # 5630对, 打井30口; never before a Chinese character (5万口罩, 1.2万对象)
    plain = f"{plain}|(?:{alternation(breaking & set(units))})(?!\\p{{Han}})" if breaking else plain
    guarded = f"(?:{alternation(digit_led)})(?!{_CN_RUN}|{plain}|{alternation(digit_led)})"
    # the class check fails fast; 分 followed by 之 is a fraction (百分之五十), never a unit
    # words that begin with a unit but are none (期 of 期间) leave the number bare: 双11期间
    unit = f"(?:(?=[{first}])(?!{alternation(cues['not_unit_word'])})(?:{guarded}|{plain})(?<!分(?=之)))"
    arabic_mixed = rf"{ARABIC}(?:{mag}{ARABIC})?+"
    chinese = rf"(?:(?<!{_CN_RUN})(?:(?!{_unit_split(units)}){_CN_RUN})++(?:[点點]{_CN_RUN}++)?+|半)"
    number = rf"(?:{arabic_mixed}|{chinese})"
    # inside a run of digits or of Chinese numerals no match can start (no lead-in begins with a
    # numeral but 零下, and the numeral itself must open its run): reject such positions before
    # trying the optional lead-ins, which would cost as much as the whole scan on 10^6 digits
    inside = rf"(?!(?<=[\d.])\d|(?<=\d,)\d|(?<={_CN_RUN})(?!零下){_CN_RUN})"
    return regex.compile(
        rf"""
        {inside}
        (?P<pre>{prefix_qualifiers()}|过(?=[{mags}])|{guarded_qualifier("过")}(?=\d+(?:\.\d+)?[万亿]))?
        (?P<sign>(?<![0-9A-Za-z.%)\]{_CN_UNITS}])-|{minus_fu()}(?=\d)|零下)?
        (?P<fuzzy>[数几上](?=[{mags}]))?
        (?<![\d.])(?<!\d,)
        (?!(?:1[89]|20)\d\d年(?![多余以内来]))
        (?P<num>{number})
        (?P<filler>{filler})?
        (?P<mag1>{any_mag})?
        (?:{unit}?+{note}?+(?P<sep>{RANGE_SEP})(?P<num2>{number}))?
        (?P<inf>余|多|几)?
        (?P<mag>{any_mag})?
        (?P<inf2>余|多)?
        (?:(?P<unit>{unit}(?:/{unit})?+)(?P<half>半)?|(?<=[{mags}余多]|(?<![\d.,])0)(?=\p{{Han}})(?![{mags}]))
        (?P<note>{note})?
        (?P<suf>{alternation(suffixes)}|多(?:(?![\p{{Han}}])|(?=[了的](?!解))))?
        """,
        regex.VERBOSE,
    )


def _latin_unit(unit: str) -> bool:
    """A unit written in Latin letters (km, kV, m², kW·h): it follows Arabic digits only."""
    return unit[0].isascii() and unit[0].isalpha()


_FILLER_MIN = Decimal(10) ** 8


@functools.cache
def _mag_factors() -> dict[str, Decimal]:
    """The one-character magnitudes written after any number (十 百 千 万 亿, 拾 佰 仟 萬 億) → factor."""
    return {w: f for w, f in _data.magnitudes_after("any").items() if len(w) == 1}


@functools.cache
def _mag_chars() -> str:
    return "".join(_mag_factors())


@functools.cache
def _mag_tail() -> regex.Pattern[str]:
    """The magnitude characters ending a numeral (三十万 → 万, 两千 → 千)."""
    return regex.compile(f"[{_mag_chars()}]++$")


@functools.cache
def _big_chars() -> str:
    """The magnitudes a spoken filler may stand before (亿 and above: 两个亿)."""
    return "".join(ch for ch, f in _mag_factors().items() if f >= _FILLER_MIN)


@functools.cache
def _amount_close() -> regex.Pattern[str]:
    """A word closing a currency amount (圆整), when no other Chinese character follows (not 元整改)."""
    return regex.compile(rf"(?:{alternation(_data.quantity_cues()['amount_close'])})(?!\p{{Han}})")


@functools.cache
def _unit_note() -> regex.Pattern[str]:
    """A bracketed word that joins the unit before it: 场(次) = 场次 (brackets are folded to ASCII)."""
    return regex.compile(rf"\(({alternation(_data.quantity_cues()['unit_note'])})\)")


@functools.cache
def _split_tails() -> tuple[str, ...]:
    """The rests of the duration units that open with 个 (月 of 个月): 多/余/半 may stand between."""
    return tuple(u[1:] for u, (cat, _) in _data.units().items() if cat == "duration" and u[0] == "个" and len(u) > 1)


def _split_heads() -> frozenset[str]:
    """Units whose longer forms may be split by 多/余/半: 个 of 个月 (3个多月, 3个半月)."""
    return frozenset({"个"}) if _split_tails() else frozenset()


@functools.cache
def _split_unit() -> regex.Pattern[str]:
    """多/余/半 between 个 and the rest of a duration unit: 3个多月 = 3 个月 + 多."""
    return regex.compile(f"([多余半])({alternation(_split_tails())})")


@functools.cache
def _class_grade() -> regex.Pattern[str]:
    """What follows N类 when it is a grade: 二类苗, and 一类、二类苗 (a list of grades sharing the noun)."""
    grade = alternation(_data.quantity_cues()["class_grade_after"])
    return regex.compile(rf"(?:[、和与至到](?:[{CN_NUMERAL_CHARS}]++|\d++)类)*+(?:{grade})")


@functools.cache
def _big_tail() -> regex.Pattern[str]:
    """The big magnitudes (万 and above) ending a numeral (三十万 → 万, 二十亿 → 亿)."""
    big = "".join(ch for ch, f in _mag_factors().items() if f >= 10**4)
    return regex.compile(f"[{big}]++$")


def _unit_split(units: dict[str, tuple[str, bool]]) -> str:
    """Where a Chinese numeral run stops because a unit begins inside it.

    A unit led by a magnitude character (千瓦, 千米, 兆字节) wins over the magnitude when the numeral
    before it is complete without it: 三千比特 → 三 + 千比特, 一百千瓦 → 一百 + 千瓦, but 一万五千米 →
    一万五千 + 米 (一万五 would be the shorthand 15000). A unit led by a digit (两) needs a complete
    number before it and no numeral or unit after it (二两, 两万两; not 两万, 三两天), and a lone
    一/三 before it followed by more text is the approximation "one or two", "two or three" (一两年).
    """
    cn_digits = "".join(sorted(CN_DIGIT_CHARS))
    mag_led = [u for u in units if u[0] in CN_NUMERAL_CHARS and u[0] not in CN_DIGIT_CHARS]
    digit_led = [u for u in units if u[0] in CN_DIGIT_CHARS]
    others = alternation([u for u in units if u[0] not in CN_DIGIT_CHARS])
    big = "百佰千仟万萬亿億兆"
    parts = []
    if mag_led:
        parts.append(f"(?<![{big}][{cn_digits}])(?:{alternation(mag_led)})")
    if digit_led:
        lone_pair = rf"(?<![\d{cn_digits}{_CN_UNITS}])[一三](?=(?:{alternation(digit_led)})\p{{Han}})"
        parts.append(
            rf"(?<=[\d{cn_digits}{_CN_UNITS}])(?<!{lone_pair})(?:{alternation(digit_led)})"
            rf"(?!{_CN_RUN}|{others}|{alternation(digit_led)})"
        )
    if not parts:
        return "(?!)"
    firsts = "".join(sorted({u[0] for u in mag_led + digit_led}))
    return f"(?=[{firsts}])(?:{'|'.join(parts)})"  # the class check fails fast on every other character


def extract_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, sorted by position; never raises on a ``str``.

    >>> [q.text for q in extract_quantities("共有缴存单位1.14万家,缴存总人数超过58万人;一站式办理")]
    ['1.14万家', '超过58万人']
    >>> [(q.text, q.value) for q in extract_quantities("采购280万元的健身器材,七篇文章,3.5个百分点")]
    [('280万元', Decimal('2800000')), ('七篇', Decimal('7'))]
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_quantities() expects str, not {type(text).__name__}")
    source = shared_source(text)
    from govreport.percentages import percentages_from_source

    return quantities_from_source(source, exclude=[p.span for p in percentages_from_source(source)])


def quantities_from_source(source: SourceText, *, exclude: Sequence[Span] = ()) -> list[Quantity]:
    """Quantities of a prepared :class:`~govreport.text.SourceText`, skipping ``exclude`` spans."""
    excluded = sorted((s.start, s.end) for s in exclude)
    # the same spans in normalized offsets: a match opening inside one (a percentage) is not resolved
    skip = sorted(source.normalize_span(s) for s in exclude)
    out: list[Quantity] = []
    for q in _iter_quantities(source, strict=False, skip=skip):
        if _overlaps_any(q.span, excluded):
            continue
        out.append(q)
    return out


def parse_quantity(text: str) -> Quantity:
    """Parse one quantity: the whole string must be a number with a unit (or a bare count).

    >>> q = parse_quantity("1537万亩次")
    >>> q.value, q.unit, q.magnitude, q.category
    (Decimal('15370000'), '亩次', '万', 'area')
    >>> parse_quantity("2至3万元").low, parse_quantity("2至3万元").high
    (Decimal('20000'), Decimal('30000'))
    >>> parse_quantity("400亿元左右").qualifier
    <Qualifier.AROUND: '左右'>
    >>> parse_quantity("元")
    Traceback (most recent call last):
    ...
    govreport.errors.ParseError: cannot parse '元': no number at index 0
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_quantity() expects str, not {type(text).__name__}")
    source = SourceText(text.strip())
    norm = source.normalized
    offset = len(text) - len(text.lstrip())
    m = _pattern().match(norm)
    if m is None or not m.group("num"):
        raise ParseError(text, offset, "no number")
    q = _resolve(m, source, strict=True)
    # the quantity may end past the match: small change (123元1角1分) and a closing 整 (壹仟玖佰圆整)
    end = m.end() if q is None else max(m.end(), source.normalized_index(q.span.end))
    if end != len(norm):
        raise ParseError(text, offset + source.original_index(end), f"unexpected {norm[end]!r}")
    if q is None:
        raise ParseError(text, offset, "a number without a unit")
    return q


def _overlaps_any(span: Span, excluded: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_left(excluded, (span.end, -1))
    for j in range(max(0, i - 4), min(len(excluded), i + 1)):
        a, b = excluded[j]
        if a < span.end and span.start < b:
            return True
    return False


def _iter_quantities(
    source: SourceText, *, strict: bool, skip: Sequence[tuple[int, int]] = ()
) -> Iterator[Quantity]:
    norm = source.normalized
    pattern = _pattern()
    starts = [a for a, _ in skip]
    pos = 0
    n = len(norm)
    while pos < n:
        m = pattern.search(norm, pos)
        if m is None:
            return
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and m.start() < skip[k][1]:
            pos = max(m.end(), m.start() + 1)  # inside a percentage: it would be dropped anyway
            continue
        q = _resolve(m, source, strict=strict)
        pos = max(m.end(), m.start() + 1)
        if q is not None:
            yield q
            pos = max(pos, source.normalized_index(q.span.end))  # past 角/分 small change too


def _script(num: str) -> NumeralScript:
    if num[0].isdigit():
        if num.isascii() or not any(is_cjk(c) for c in num):
            return NumeralScript.ARABIC
        return NumeralScript.MIXED
    return NumeralScript.CHINESE


def _value(num: str, mag: str | None) -> Decimal | None:
    body = num + (mag or "")
    if body == "半":
        return Decimal("0.5")
    try:
        return numeral_value(body)
    except Exception:
        return None


_BARE_STOP = frozenset("年月日时分秒至到")
# a lone 0 before a noun is a zero count (实现0材料、0费用) unless it ends a score or starts a time
_ZERO_NOT_AFTER = frozenset(":∶比-—~/±+")
_ZERO_NOT_BEFORE = frozenset("点号时分秒年月日至到比")


@functools.cache
def _resolve_groups() -> Callable[[tuple[str | None, ...]], tuple[Any, ...]]:
    """Pick the named groups ``_resolve`` reads out of ``match.groups()`` (one C call)."""
    index = _pattern().groupindex
    names = ("pre", "num", "mag1", "num2", "inf", "mag", "inf2", "unit", "suf", "half", "sign", "fuzzy", "note")
    return operator.itemgetter(*(index[name] - 1 for name in names))


def _resolve(m: regex.Match[str], source: SourceText, *, strict: bool) -> Quantity | None:
    # by index: naming thirteen groups costs more than reading them all
    pre, num, mag1, num2, inf, mag, inf2, unit, suf, half, sign, fuzzy, note = _resolve_groups()(m.groups())
    if unit is not None and unit[0] == " ":
        unit = unit[1:]  # 110 kV: a layout space before a Latin unit is kept in the normalized view
    chinese = not num[0].isdigit()
    if fuzzy or (chinese and num2 is None and _ADJACENT.fullmatch(num)):
        return _resolve_fuzzy(m, source, fuzzy, num, unit, strict=strict)
    if unit is None and (chinese or num2 is not None or suf):
        return None  # only an Arabic number can be a bare count (920余万群众): decided before any arithmetic
    # leading magnitude-only numerals (百亿, 万) count only after a threshold word: 过百亿元, 超万亿元
    if chinese and not pre and not inf and num != "十" and all(c in _mag_chars() for c in num):
        return None
    mag_tail, big_tail = _mag_tail(), _big_tail()
    if num2 is not None:
        if mag1 is not None and mag is None:
            return None  # 1.5万至2: the second number has no magnitude; not a range we understand
        hi = _value(num2, mag)
        shared = mag
        if mag is None and mag1 is None and not num2[0].isdigit():
            # 两到三万, 一百二十到一百五十万, 两到三千, 2至三万: the second number's magnitude is shared
            single = len(num) == 1 and not mag_tail.search(num)
            tail = (mag_tail if single else big_tail).search(num2)
            shared = tail.group() if tail is not None and not big_tail.search(num) else None
        lo = _value(num, mag1 or shared)
        if lo is not None and hi is not None and lo > hi and mag1 is None:
            lo = _value(num, None)  # 从8500到3万: the magnitude belongs to the second number only
        if lo is None or hi is None or lo > hi:
            return None
        value = lo
    else:
        value_opt = _value(num, mag1 + mag if mag1 and mag else mag or mag1)
        if value_opt is None:
            return None
        value = value_opt
        lo = hi = value

    # magnitude as reported: the explicit magnitude, else the trailing 万/亿 of the numeral
    magnitude_text = mag or mag1
    if magnitude_text is None:
        tail = (big_tail if chinese else mag_tail).search(num)
        if tail is not None and tail.start() > 0:
            magnitude_text = tail.group()

    norm = source.normalized
    at0 = m.start("num")
    if at0 >= 2 and norm[at0 - 1] == "/" and norm[at0 - 2].isdigit():
        return None  # 8.6/10万, 12/10万人: the denominator of a rate is not an amount
    if unit is None:
        # a bare count: a 万/亿-scaled or qualified Arabic number directly before a noun (920余万群众)
        zero = num == "0" and not (magnitude_text or inf or inf2)
        if chinese or num2 is not None or suf or not (magnitude_text or inf or inf2 or zero):
            return None
        at = m.start("num")
        if zero and (norm[at - 1 : at] in _ZERO_NOT_AFTER or norm[m.end() : m.end() + 1] in _ZERO_NOT_BEFORE):
            return None  # 3∶0战胜, ±0工作, 凌晨0点: a score, a datum, a time; not a zero count (0材料)
        if zero and not source.span(at, m.end() + 1).slice(source.original)[1:2].strip():
            return None  # 标题0⏎⏎本报讯: a 0 ending a line is not written beside the next line's noun
        if magnitude_text is not None and magnitude_text[-1].isascii():
            return None  # 4K视频, 5w用户: a Latin magnitude needs a unit
        after = m.end()
        if after >= len(norm) or not is_cjk(norm[after]) or norm[after] in _BARE_STOP:
            return None
        counted = _counted_noun(norm, after)
        category = "count"
        end_all = after
    else:
        category, chinese_ok = _unit_info(unit)
        if chinese and not chinese_ok:
            return None
        if num == "半" and category in ("count", "people", "bodies", "households", "currency"):
            return None  # 半个 alone, 半人: not an amount
        counted = None
        if (suf == "内" and category not in _DURATION_CATEGORIES) or (suf == "多" and category not in _MORE_AFTER):
            suf = None  # 3年多, 2倍多; but not 3人多
        if half:
            if magnitude_text or num2 is not None:
                return None
            value = value + Decimal("0.5")  # 一吨半, 3年半
            lo = hi = value
        if unit in _data.quantity_cues()["magnitude_filler"] and norm.startswith(tuple(_big_chars()), m.end()):
            return None  # 三个亿: spoken filler before a magnitude, not three of something
        end_all = m.end() if suf else m.end("note") if note else m.end("half") if half else m.end("unit")
        if end_all == m.end("unit") and norm.startswith("(", end_all):
            joined = _unit_note().match(norm, end_all)
            if joined is not None and unit + joined.group(1) in _data.units():
                unit = unit + joined.group(1)  # 60多场(次) = 60 场次
                category = _unit_info(unit)[0]
                end_all = joined.end()
        if half and unit in _split_heads():
            tail = _split_unit().match(norm, m.start("half"))
            if tail is not None and tail.group(1) == "半":
                unit = unit + tail.group(2)  # 3个半月 (the half is added above), 一个半小时
                category = _unit_info(unit)[0]
                end_all = tail.end()
        elif end_all == m.end("unit") and not inf2 and unit in _split_heads():
            split = _split_unit().match(norm, end_all)
            if split is not None and (split.group(1) != "半" or not (magnitude_text or num2 is not None)):
                # 3个多月, 一个多小时, 3个半月: the qualifier or half stands inside the unit 个月
                unit = unit + split.group(2)
                category = _unit_info(unit)[0]
                end_all = split.end()
                if split.group(1) == "半":
                    value = value + Decimal("0.5")
                    lo = hi = value
                else:
                    inf2 = split.group(1)
        if category == "currency" and not suf and not note and not half and num2 is None:
            change = _SMALL_CHANGE.match(norm, end_all)
            if change is not None:
                cents = _small_change_value(change)
                if cents is not None:
                    value = value + cents
                    lo = hi = value
                    end_all = change.end()
        if category == "currency" and not suf and not note:
            close = _amount_close().match(norm, end_all)
            if close is not None:
                end_all = close.end()  # 壹仟玖佰圆整

    if not strict and not _context_ok(m, source, chinese, unit, value, num, end_all):
        return None

    if pre or inf or inf2 or suf:
        table = _data.qualifiers()
        qualifiers = tuple(Qualifier(table[w][0]) for w in (pre, inf, inf2, suf) if w)
        if num2 is None:
            lo, hi = _bounds(value, qualifiers, num, magnitude_text)
    else:
        qualifiers = ()
    if sign:
        value = -value
        lo, hi = (None if hi is None else -hi), (None if lo is None else -lo)
    begin = m.start("pre") if pre else m.start("sign") if sign else m.start("num")
    span = source.span(begin, end_all)
    return Quantity(
        span=span,
        text=source.original[span.start : span.end],
        value=value,
        unit=unit,
        magnitude=magnitude_text,
        qualifier=qualifiers[0] if qualifiers else None,
        qualifiers=qualifiers,
        category=category,
        low=lo,
        high=hi,
        script=_script(num),
        counted=counted,
    )


_CN_SMALL = f"(?:{CN_DIGIT_CLASS}|[十拾])"
_SMALL_CHANGE = regex.compile(
    rf"(?:又|零)?(?:(?P<jiao>\d|{_CN_SMALL}{{1,2}})[角毛](?:(?P<fen>\d|{_CN_SMALL}{{1,2}})分)?"
    rf"|(?P<cents>\d{{1,2}}|{_CN_SMALL}{{1,3}})(?:美分|分)(?![\p{{Han}}&&[^钱整]]))"
)


def _small_change_value(m: regex.Match[str]) -> Decimal | None:
    """角/毛 (0.1) and 分 (0.01) written after 元: 123元1角1分 → 0.11."""
    total = Decimal(0)
    try:
        if m.group("jiao"):
            total += numeral_value(m.group("jiao")) / 10
        if m.group("fen"):
            total += numeral_value(m.group("fen")) / 100
        if m.group("cents"):
            total += numeral_value(m.group("cents")) / 100
    except Exception:
        return None
    return total


_ADJACENT = regex.compile(r"([一二三四五六七八九])([二三四五六七八九])([十百千万亿]*+)")


def _resolve_fuzzy(
    m: regex.Match[str], source: SourceText, fuzzy: str | None, num: str, unit: str | None, *, strict: bool
) -> Quantity | None:
    """Spoken approximations: 数十亿元, 几十万人, 上百家 (a bound only) and 八九亿, 三五百 (a range)."""
    if unit is None or m.group("num2") or m.group("mag1") or m.group("mag") or m.group("half"):
        return None
    category, chinese_ok = _unit_info(unit)
    if not chinese_ok and category != "currency":
        return None
    adjacent = _ADJACENT.fullmatch(num)
    try:
        if fuzzy:
            low = numeral_value(num)  # 数十亿 → at least 十亿
            high = low * 10 if fuzzy in "数几" else None
            qualifier = Qualifier.SEVERAL if fuzzy in "数几" else Qualifier.OVER
        elif adjacent is not None and CN_DIGITS[adjacent.group(1)] < CN_DIGITS[adjacent.group(2)]:
            factor = numeral_value("一" + adjacent.group(3)) if adjacent.group(3) else Decimal(1)
            low = CN_DIGITS[adjacent.group(1)] * factor  # 八九亿 → 8亿 to 9亿
            high = CN_DIGITS[adjacent.group(2)] * factor
            qualifier = None
        else:
            return None
    except Exception:
        return None
    if not strict:
        before = source.normalized[max(0, m.start() - 2) : m.start()]
        if before.endswith(_data.quantity_cues()["ordinal_before"]):
            return None
    begin = m.start("pre") if m.group("pre") else m.start("fuzzy") if fuzzy else m.start("num")
    end = m.end("suf") if m.group("suf") else m.end("unit")
    span = source.span(begin, end)
    qualifiers = (qualifier,) if qualifier else ()
    return Quantity(
        span=span,
        text=source.original[span.start : span.end],
        value=canonical(low),
        unit=unit,
        magnitude=None,
        qualifier=qualifier,
        qualifiers=qualifiers,
        category=category,
        low=canonical(low),
        high=None if high is None else canonical(high),
        script=NumeralScript.CHINESE,
    )


def _unit_info(unit: str) -> tuple[str, bool]:
    """(category, allowed after Chinese numerals) of a catalogue unit or a composite a/b."""
    units = _data.units()
    if unit in units:
        return units[unit]
    head, _, tail = unit.partition("/")
    return "composite", units[head][1] and units[tail][1]


def _bounds(
    value: Decimal, qualifiers: tuple[Qualifier, ...], num: str, magnitude: str | None
) -> tuple[Decimal | None, Decimal | None]:
    if not qualifiers:
        return value, value
    bounds = {q.bound for q in qualifiers}
    if Qualifier.SEVERAL in qualifiers:
        # 三十几万: the 几 stands for the digit below the last unit
        step = Decimal(1)
        if magnitude:
            try:
                step = numeral_value("一" + magnitude)
            except Exception:
                step = Decimal(1)
        return value, canonical(value + 9 * step) if num.endswith(("十", "拾")) else None
    low = value if "lower" in bounds else None
    high = value if "upper" in bounds else None
    if "approx" in bounds:
        return None, None
    return low, high


def _counted_noun(norm: str, at: int) -> str | None:
    end = at
    while end < len(norm) and end - at < 8 and is_cjk(norm[end]) and norm[end] not in "的和与及等、":
        end += 1
    return norm[at:end] or None


def _context_ok(
    m: regex.Match[str], source: SourceText, chinese: bool, unit: str | None, value: Decimal, num: str, end_all: int
) -> bool:
    """Decide from the surrounding text whether a matched candidate is a real quantity."""
    norm = source.normalized
    start = m.start("pre") if m.group("pre") else m.start("num")
    end = m.end()
    before = norm[max(0, start - 2) : start]
    after = norm[end : end + 2]
    cues = _data.quantity_cues()
    if before.endswith(cues["ordinal_before"]) and not norm[max(0, start - 3) : start].endswith(cues["per_period"]):
        return False
    # Arabic numbers glued to Latin letters or ASCII symbols are identifiers (4D, 1#, 3·15); a prefix
    # qualifier stands between (人均GDP突破10万元, GDP约10万元)
    if not chinese:
        at = m.start("num")
        if at > 0 and (norm[at - 1].isascii() and norm[at - 1].isalpha()):
            return False
        if unit is None and after[:1] in ("#", "·"):
            return False
    if unit in _YEAR_UNITS:
        digits = m.group("num")
        if digits.isdigit() and len(digits) == 4 and not m.group("inf") and not m.group("suf"):
            return False  # 2020年: a calendar year
        if chinese and all(c in CN_DIGIT_CHARS for c in num) and len(num) >= 2:
            return False  # 二〇二〇年
        if after[:1] and after[:1] in "度底初末中代":
            return False
    if unit in cues["not_before_digit"] and after[:1].isdigit():
        return False  # 1对1帮扶: one-on-one
    if unit == "级" and norm.startswith(cues["grade_after"], end):
        return False  # 三级公立医院, 二级甲等: a classification grade, not a count of levels
    if unit == "类" and _class_grade().match(norm, end):
        return False  # 一类、二类苗, 三类水质: a class grade, not a count of classes
    if unit == "届" and norm.startswith(cues["session_after"], end):
        return False  # 十七届人大, 十九届四中全会: which congress, not how many terms
    if unit == "次" and "届" in norm[max(0, start - 4) : start]:
        return False  # 十八届人大三次会议: the third session
    if unit == "个月" and before.endswith("前") and before not in cues["qian_word"]:
        return False  # 今年前10个月: the first ten months, a calendar range (dates); 提前3个月 stays
    if unit == "分" and before.endswith(("时", "点")):
        return False  # 10时40分 is a clock time
    if unit in ("分", "度", "秒") and chinese:
        return False
    if not chinese:
        return True
    return _chinese_count_ok(m, source, unit, num, end_all)


def _chinese_count_ok(m: regex.Match[str], source: SourceText, unit: str | None, num: str, end_all: int) -> bool:
    """A Chinese numeral + classifier is a count, not part of a set phrase, name or idiom."""
    norm = source.normalized
    start = m.start("pre") if m.group("pre") else m.start("num")
    end = m.end()
    cues = _data.quantity_cues()
    category = _unit_info(unit)[0] if unit else "count"
    # inside a set phrase (一站式, 四不两直, 十三五 …)
    lo, hi = max(0, start - 6), min(len(norm), end + 6)
    numerals = [m.span("num")] + ([m.span("num2")] if m.group("num2") else [])
    # after a threshold word a magnitude-only numeral is an amount (逾千万元), not the adverb 千万
    threshold = (m.span("num"),) if m.group("pre") and all(c in _mag_chars() for c in num) else ()
    for pm in set_phrase_pattern().finditer(norm, lo, hi, overlapped=True):
        if pm.span() in threshold:
            continue
        if any(phrase_vetoes(pm.start(), pm.end(), a, b) for a, b in numerals):
            return False
    # inside quotes with more than the count, a name or slogan (“十七个一律”, “三个十大”, “一套材料、一张表单”)
    # unless the rest is a plain noun (谋划好“七篇文章”)
    for q_open, q_close in (("“", "”"), ('"', '"'), ("‘", "’")):
        qo = norm.rfind(q_open, max(0, start - 12), start)
        if qo < 0 or norm.find(q_close, qo + 1, start) >= 0:
            continue
        qc = norm.find(q_close, end, end + 12)
        if qc < 0:
            continue
        inside = norm[qo + 1 : start] + norm[end:qc]
        if any(c in CN_NUMERAL_CHARS or c.isdigit() or c in "、,，" for c in inside):
            return False
        if qc > end and unit in cues["quoted_slogan_unit"]:
            return False  # “两个融合”, “四个全面”: N个 + words in quotes is a slogan's name
    ranged = m.group("num2") is not None  # 一至两个月, 一到两家: the low end of a range, never the article
    if num == "一" and category in _DURATION_CATEGORIES and not ranged:
        before4 = norm[max(0, start - 4) : start]
        duration_cue = before4.endswith(cues["one_duration_before"]) or norm.startswith(
            cues["one_duration_after"], m.end("unit")
        )
        # a prefix qualifier (将近一个小时, 不足一个月) makes it a length of time, never "an hour"; bare
        # 过 is no qualifier there (再过一个月)
        qualified = bool(m.group("pre")) and m.group("pre") != "过"
        if not (duration_cue or qualified or m.group("suf")):
            return False
    # 一 + classifier is usually an indefinite article (度过一个假期, 一家童装店的老板)
    one_counts = category in _DURATION_CATEGORIES or category in _MEASURE_CATEGORIES or (
        category == "currency" and unit != "块"
    )
    if num == "一" and not one_counts and not (m.group("pre") or m.group("half") or ranged):
        before = norm[max(0, start - 3) : start]
        nxt = norm[end : end + 1]
        counted_next = bool(nxt) and (nxt.isdigit() or nxt in CN_NUMERAL_CHARS)  # 一套四枚印章
        if not (counted_next or any(w in before for w in cues["indefinite_ok_before"])):
            return False
    from govreport._segment import is_token_boundary_pair

    return bool(is_token_boundary_pair(norm, start, max(end, end_all)))
