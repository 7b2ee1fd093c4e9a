"""Numbers: Chinese (三千二百万, 两, 〇, 大写 壹仟贰佰), Arabic (1,234.5) and mixed (1.4亿, 3万5千).

Values are exact :class:`~decimal.Decimal` from the first digit on; no float is ever involved.

>>> parse_number("三千二百万")
Decimal('32000000')
>>> parse_number("1.4亿"), parse_number("8265.4万"), parse_number("14.97万亿")
(Decimal('140000000'), Decimal('82654000'), Decimal('14970000000000'))
>>> parse_number("壹仟贰佰"), parse_number("三百零五"), parse_number("负3"), parse_number("二〇二三")
(Decimal('1200'), Decimal('305'), Decimal('-3'), Decimal('2023'))
"""

from __future__ import annotations

import decimal
import functools
from collections.abc import Iterator
from decimal import Decimal

import regex

from govreport.errors import ParseError
from govreport.text import SourceText, is_cjk
from govreport.types import Number, NumeralScript

__all__ = ["extract_numbers", "parse_number", "to_chinese"]

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "0": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
_ZERO_CHARS = "零〇○"
_CN_DIGIT_CLASS = "零〇○一二两三四五六七八九壹贰貳兩叁參肆伍陆陸柒捌玖"
_CN_UNIT_CLASS = "十拾百佰千仟万萬亿億兆"
_CN_TENS = {"廿": "二十", "卅": "三十", "卌": "四十"}  # 廿二 = 22
_CN_CHAR_CLASS = _CN_DIGIT_CLASS + _CN_UNIT_CLASS + "".join(_CN_TENS)
# the character classes other modules build their patterns from (one definition of a numeral)
CN_DIGIT_CHARS = frozenset(_CN_DIGIT_CLASS)
CN_NUMERAL_CHARS = frozenset(_CN_CHAR_CLASS)
CN_NUMERAL_CLASS = f"[{_CN_CHAR_CLASS}]"
CN_DIGIT_CLASS = f"[{_CN_DIGIT_CLASS}]"
_FINANCIAL = frozenset("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟")
_DECIMAL_POINT = "点點"

# A number as it appears in (normalized) running text. Possessive quantifiers: no backtracking.
#: The dashes and words between the two numbers of a range (2至3万元, 5—6%), longest first.
RANGE_SEP = "——|--|—|－|-|~|至|到"
ARABIC = r"(?:\d{1,3}+(?:,\d{3})++(?!\d)|\d++)(?:\.\d++)?+"
CHINESE = rf"[{_CN_CHAR_CLASS}]++(?:[{_DECIMAL_POINT}](?:[{_CN_DIGIT_CLASS}]++|\d++))?+"
MIXED = rf"{ARABIC}(?:[{_CN_UNIT_CLASS}]++(?:[零〇]?+(?:{ARABIC}|[{_CN_DIGIT_CLASS}]++)[{_CN_UNIT_CLASS}]*+)*+)?+"
NUMBER = rf"(?:{MIXED}|{CHINESE})"


@functools.cache
def minus_fu() -> str:
    """负 as a minus sign (负3, 为负1.2%), never the last character of a word (减负30亿元, 胜负3局):
    the words are the ``not_sign`` rows of ``data/quantity_cues.tsv``."""
    from govreport import _data

    heads = [w[:-1] for w in _data.quantity_cues().get("not_sign", ()) if w.endswith("负") and len(w) > 1]
    return f"(?<!{_data.alternation(heads)})负" if heads else "负"


@functools.cache
def prefix_qualifiers() -> str:
    """The prefix qualifiers of ``data/qualifiers.tsv`` but 过 (约, 近, 超过, …) as a regex, each never
    the last characters of a word (节约5万吨 and 新签约10个 have no 约, 最近3天 no 近): the words are the
    ``not_qualifier`` rows of ``data/quantity_cues.tsv``."""
    from govreport import _data

    prefixes = [s for s, (_, pos, _) in _data.qualifiers().items() if pos == "prefix" and s != "过"]
    return "|".join(guarded_qualifier(pre) for pre in sorted(set(prefixes), key=lambda w: (-len(w), w))) or "(?!)"


@functools.cache
def guarded_qualifier(pre: str) -> str:
    """The qualifier ``pre`` as a regex that never matches the end of a ``not_qualifier`` word of
    ``data/quantity_cues.tsv`` (约 of 节约, 过 of 通过)."""
    from govreport import _data

    words = _data.quantity_cues().get("not_qualifier", ())
    heads = [w[: -len(pre)] for w in words if w.endswith(pre) and len(w) > len(pre)]
    return f"(?<!{_data.alternation(heads)}){regex.escape(pre)}" if heads else regex.escape(pre)


@functools.cache
def _number_re() -> regex.Pattern[str]:
    # never start inside a digit run or a Chinese numeral run: that would also make scanning quadratic;
    # a '-' after a letter, digit, magnitude or closing bracket is a hyphen or a range dash (1万-5万), not a sign
    return regex.compile(
        rf"(?P<sign>(?<![0-9A-Za-z.%)\]{_CN_UNIT_CLASS}])[-+]|{minus_fu()}|零下)?"
        rf"(?<![\d.{_CN_CHAR_CLASS}])(?P<num>{NUMBER})"
        r"(?:(?P<approx>[余多几])(?P<qmag>[万亿]++))?"
    )

MAX_DIGITS = 60


MAX_NUMERAL_LENGTH = 64
_CONTEXT = decimal.Context(prec=decimal.MAX_PREC, rounding=decimal.ROUND_HALF_EVEN, traps=[decimal.InvalidOperation])
_PLAIN_ARABIC = regex.compile(r"\d++(?:\.\d++)?+")
_ARABIC_MAGNITUDE = regex.compile(r"(\d++(?:\.\d++)?+)(万亿|亿|万|千|百|十)")
_MAGNITUDE_EXPONENT = {"十": 1, "百": 2, "千": 3, "万": 4, "亿": 8, "万亿": 12}


def _context() -> decimal.Context:
    """Unbounded precision: every operation is exact (flags are never read)."""
    return _CONTEXT


def parse_number(text: str) -> Decimal:
    """Parse one number written in Chinese, Arabic or mixed numerals, exactly.

    Leading and trailing whitespace is ignored; anything else that is not part of the number
    raises :class:`~govreport.ParseError` saying where.

    >>> parse_number("一千二百三十四"), parse_number("两万"), parse_number("十三"), parse_number("〇")
    (Decimal('1234'), Decimal('20000'), Decimal('13'), Decimal('0'))
    >>> parse_number("1,234.5"), parse_number("3万5千"), parse_number("-9.35"), parse_number("三点五")
    (Decimal('1234.5'), Decimal('35000'), Decimal('-9.35'), Decimal('3.5'))
    >>> parse_number("１．５万")
    Decimal('15000')
    >>> parse_number("1.2.3亿")
    Traceback (most recent call last):
    ...
    govreport.errors.ParseError: cannot parse '1.2.3亿': unexpected '.' at index 3
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_number() expects str, not {type(text).__name__}")
    folded = SourceText(text).normalized.strip()
    offset = text.find(folded[:1]) if folded else 0
    if not folded:
        raise ParseError(text, None, "empty input")
    negative = False
    body = folded
    if body[0] in "-+负正":
        negative = body[0] in "-负"
        body = body[1:]
        offset += 1
    if not body:
        raise ParseError(text, offset, "sign without a number")
    value = _value(body, text, offset)
    return -value if negative and value else value


def _value(body: str, original: str, offset: int) -> Decimal:
    """Value of an unsigned numeral; raises ParseError with the index in ``original``."""
    if body[-1] in latin_magnitudes() and regex.fullmatch(ARABIC, body[:-1]):
        return numeral_value(body)  # 15k, 30w
    m = regex.fullmatch(NUMBER, body)
    if m is None:
        # find the first offending character for the message
        pm = regex.match(NUMBER, body)
        bad = pm.end() if pm else 0
        ch = body[bad] if bad < len(body) else ""
        raise ParseError(original, offset + bad, f"unexpected {ch!r}" if ch else "incomplete number")
    try:
        return numeral_value(body)
    except _Invalid as exc:
        raise ParseError(original, offset + exc.index, exc.reason) from None


class _Invalid(Exception):
    def __init__(self, index: int, reason: str) -> None:
        super().__init__(reason)
        self.index = index
        self.reason = reason


@functools.cache
def latin_magnitudes() -> dict[str, Decimal]:
    """The informal Latin magnitudes written right after Arabic digits (15k, 30w), from ``magnitudes.tsv``."""
    from govreport import _data

    return _data.magnitudes_after("arabic")


@functools.cache
def _latin_after_number() -> regex.Pattern[str]:
    """A Latin magnitude after a number in running text: before a unit, a qualifier, a range word or
    anything but a letter, a digit or a Chinese character (10k~15k, 15k左右, 3k元; not 4K视频, 3kg, 5G)."""
    from govreport import _data

    suffixes = [w for w, (_, pos, _) in _data.qualifiers().items() if pos == "suffix"]
    follow = _data.alternation([*_data.units(), *suffixes, "至", "到"])
    return regex.compile(
        rf"(?:{_data.alternation(latin_magnitudes())})(?![A-Za-z\d])(?=$|[^\p{{Han}}]|{follow})"
    )


def canonical(value: Decimal) -> Decimal:
    """``value`` without trailing zeros or exponent: 1.40E+8 → 140000000, 1.50 → 1.5.

    >>> canonical(Decimal("140000000.0")), canonical(Decimal("1.50")), canonical(Decimal("0E-3"))
    (Decimal('140000000'), Decimal('1.5'), Decimal('0'))
    """
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent == 0:
        return value
    if value == value.to_integral_value():
        return value.quantize(Decimal(1), context=_CONTEXT)
    normal = value.normalize(_CONTEXT)
    exp = normal.as_tuple().exponent
    return normal if isinstance(exp, int) and exp >= -6 else Decimal(format(normal, "f"))


def numeral_value(body: str) -> Decimal:
    """Exact value of a numeral matched by :data:`NUMBER` (no sign). Raises ``_Invalid``."""
    # fast paths for the common forms: 123, 45.6, 1.4亿
    if len(body) > MAX_DIGITS and sum(c.isdigit() for c in body) > MAX_DIGITS:
        raise _Invalid(MAX_DIGITS, f"more than {MAX_DIGITS} digits")
    if _PLAIN_ARABIC.fullmatch(body):
        return canonical(Decimal(body))
    if body[-1] in latin_magnitudes() and regex.fullmatch(ARABIC, body[:-1]):
        return canonical(_CONTEXT.multiply(Decimal(body[:-1].replace(",", "")), latin_magnitudes()[body[-1]]))
    m = _ARABIC_MAGNITUDE.fullmatch(body)
    if m is not None:
        return canonical(Decimal(m.group(1)).scaleb(_MAGNITUDE_EXPONENT[m.group(2)], _CONTEXT))
    if any(c in _CN_TENS for c in body):
        for tens, spelled in _CN_TENS.items():
            body = body.replace(tens, spelled)
    if len(body) > MAX_NUMERAL_LENGTH:
        # a real numeral is short; a long run of 万万万… would make exact arithmetic quadratic
        raise _Invalid(MAX_NUMERAL_LENGTH, f"numeral longer than {MAX_NUMERAL_LENGTH} characters")
    return canonical(_numeral_value(body))


def _numeral_value(body: str) -> Decimal:
    ctx = _context()
    # tokens: ("num", Decimal, index, is_chinese_digit) or ("unit", int, index)
    tokens: list[tuple[str, Decimal, int]] = []
    i = 0
    n = len(body)
    has_unit = False
    while i < n:
        ch = body[i]
        if ch.isdigit() and ch.isascii():
            j = i
            while j < n and ((body[j].isdigit() and body[j].isascii()) or body[j] in ",."):
                j += 1
            tokens.append(("arabic", Decimal(body[i:j].replace(",", "")), i))
            i = j
        elif ch in CN_DIGITS:
            tokens.append(("digit", Decimal(CN_DIGITS[ch]), i))
            i += 1
        elif ch in CN_SMALL_UNITS:
            tokens.append(("small", Decimal(CN_SMALL_UNITS[ch]), i))
            has_unit = True
            i += 1
        elif ch in CN_BIG_UNITS:
            tokens.append(("big", Decimal(CN_BIG_UNITS[ch]), i))
            has_unit = True
            i += 1
        elif ch in _DECIMAL_POINT:
            frac = body[i + 1 :]
            if not frac or any(c not in CN_DIGITS and not (c.isascii() and c.isdigit()) for c in frac):
                raise _Invalid(i, "decimal point must be followed by digits")
            int_part = _numeral_value(body[:i]) if i else Decimal(0)
            digits = "".join(c if c.isascii() else str(CN_DIGITS[c]) for c in frac)
            return ctx.add(int_part, Decimal("0." + digits))
        else:
            raise _Invalid(i, f"unexpected {ch!r}")
    if not has_unit:
        if len(tokens) == 1:
            return tokens[0][1]
        if all(kind == "digit" for kind, _, _ in tokens) and not any(c in "两兩" for c in body):
            # digit by digit: 二〇二三 → 2023
            return Decimal("".join(str(int(v)) for _, v, _ in tokens))
        raise _Invalid(tokens[1][2], "two numbers in a row")
    groups: list[tuple[Decimal, Decimal]] = []  # (big unit, value) of the completed groups, largest first
    section = Decimal(0)  # the value below the current big unit
    number: Decimal | None = None
    last_unit: Decimal | None = None
    last_small: Decimal | None = None
    after_zero = False
    prev_kind = ""
    for kind, v, idx in tokens:
        if kind in ("digit", "arabic"):
            if kind == "digit" and v == 0:
                after_zero = True
                prev_kind = "zero"
                continue
            if number is not None:
                raise _Invalid(idx, "two numbers in a row")
            number = v
        elif kind == "small":
            if number is None:
                # 十三, 一百十一 (a bare 十 counts one ten); 百亿, 千万 at the start count one
                if prev_kind == "small" and not (v == 10 and last_small is not None and last_small > 10):
                    raise _Invalid(idx, "unit without a number")
                coeff = Decimal(1)
            else:
                coeff = number
            if last_small is not None and v >= last_small:
                raise _Invalid(idx, "units out of order")
            section = ctx.add(section, ctx.multiply(coeff, v))
            number = None
            last_small = last_unit = v
            after_zero = False
        else:  # a big unit: 万, 亿, 兆 multiply the groups below them (五兆六十二亿, 一万亿, 四万万)
            part = ctx.add(section, number if number is not None else Decimal(0))
            if part == 0 and prev_kind != "big":
                if groups:
                    raise _Invalid(idx, "unit without a number")
                part = Decimal(1)  # 万人, 过百亿: a bare magnitude counts one
            below = part
            while groups and (groups[-1][0] < v or (part == 0 and groups[-1][0] <= v)):
                below = ctx.add(below, groups.pop()[1])
            groups.append((v, ctx.multiply(below, v)))
            section = Decimal(0)
            number = None
            last_small = None
            last_unit = v
            after_zero = False
        prev_kind = kind
    if number is not None:
        if prev_kind == "digit" and not after_zero and last_unit is not None and last_unit >= 100:
            # shorthand for the next lower unit, only after a single Chinese digit: 三万五, 一千二, 两百五
            number = ctx.multiply(number, last_unit / 10)
        section = ctx.add(section, number)
    total = Decimal(0)
    for _, group in groups:
        total = ctx.add(total, group)
    return ctx.add(total, section)


_WORD_AFTER = regex.compile(r"[\p{Han}]")


def extract_numbers(text: str) -> list[Number]:
    """Every bare number in running text, with exact original offsets.

    Arabic and mixed numbers (1.4亿, 3万5千) are always numbers. A Chinese numeral must be a word
    of its own: those inside words (大陆, 登陆, 五角大楼, 一站式, 统一) are left alone.

    >>> [n.text for n in extract_numbers("大陆登陆五角大楼,一站式服务,共一千二百人")]
    ['一千二百']
    >>> extract_numbers("１２％")[0].value
    Decimal('12')
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_numbers() expects str, not {type(text).__name__}")
    source = SourceText(text)
    return list(iter_numbers(source))


def iter_numbers(source: SourceText) -> Iterator[Number]:
    """Numbers of a prepared :class:`~govreport.text.SourceText` (see :func:`extract_numbers`)."""
    norm = source.normalized
    for m in _number_re().finditer(norm):
        start, end = m.span("num")
        num = m.group("num")
        if m.group("qmag"):
            # 500余万, 十多万: the approximate number is read as its magnitude (the qualifier is dropped)
            end = m.end("qmag")
            num = num + m.group("qmag")
        chinese = not num[0].isdigit()
        if num[-1].isdigit() and not m.group("qmag"):
            latin = _latin_after_number().match(norm, end)
            if latin is not None:
                end = latin.end()
                num = num + latin.group()
        if chinese and not _chinese_is_number(norm, start, end):
            continue
        if not chinese and start > 0 and (norm[start - 1].isascii() and norm[start - 1].isalpha()):
            continue  # part of an identifier such as 4D, COVID19
        try:
            value = numeral_value(num)
        except (_Invalid, decimal.InvalidOperation):
            continue
        sign = m.group("sign")
        if sign and sign in ("-", "负", "零下"):
            value = -value
            start = m.start("sign")
        script = NumeralScript.CHINESE if chinese else (
            NumeralScript.MIXED if any(is_cjk(c) for c in num) else NumeralScript.ARABIC
        )
        span = source.span(start, end)
        yield Number(span=span, text=span.slice(source.original), value=value, script=script)


def _chinese_is_number(norm: str, start: int, end: int) -> bool:
    """Is the Chinese numeral run ``norm[start:end]`` a number of its own, not part of a word?"""
    run = norm[start:end]
    if all(c in _FINANCIAL or c in "万亿兆" for c in run) and len(run) < 2:
        nxt = norm[end : end + 1]
        if not (run in _FINANCIAL and nxt and (nxt in "年月日号" or nxt in _units())):
            return False  # 陆 (大陆), 万 (万一), 亿: too often a word of their own; 貳月, 叁元 are numbers
    from govreport._segment import cut

    lo = max(0, start - 8)
    nl = norm.rfind("\n", lo, start)
    lo = nl + 1 if nl >= 0 else lo
    hi = min(len(norm), end + 8)
    pos = lo
    for word in cut(norm[lo:hi], hmm=False):
        w_start, w_end = pos, pos + len(word)
        pos = w_end
        if w_start < start < w_end:
            return False  # the numeral ends a longer word: 统一, 进一步
        rest = norm[end:w_end]
        glued = w_start >= start and (rest in _units() or (len(rest) == 1 and rest in _number_followers()))
        if w_start < end < w_end and not glued:
            return False  # the numeral starts a longer word (一站式, 五角大楼), not numeral + classifier
    for pm in set_phrase_pattern().finditer(norm, max(0, start - 6), min(len(norm), end + 6), overlapped=True):
        if phrase_vetoes(pm.start(), pm.end(), start, end):
            return False  # a set phrase: 十分, 一窗受理, 四不两直, 十三五
    return True


def phrase_vetoes(p_start: int, p_end: int, start: int, end: int) -> bool:
    """Does a set phrase at ``[p_start, p_end)`` veto the numeral at ``[start, end)``?

    It does when it overlaps the numeral and reaches beyond it (十分, 二十大) or is exactly the
    numeral (千万 the adverb, 十三五); not when it lies strictly inside a longer numeral (四千万).
    """
    if p_start >= end or start >= p_end:
        return False
    inside = start <= p_start and p_end <= end and (p_start, p_end) != (start, end)
    return not inside


@functools.cache
def _units() -> frozenset[str]:
    """Units that may follow a Chinese numeral (一起 is "together": 起 counts only after digits)."""
    from govreport import _data

    return frozenset(u for u, (_, chinese) in _data.units().items() if chinese)


@functools.cache
def set_phrase_pattern() -> regex.Pattern[str]:
    """Fixed expressions with numerals that count nothing (``data/set_phrases.tsv``)."""
    from govreport import _data

    return regex.compile(_data.alternation(_data.set_phrases()))


@functools.cache
def _number_followers() -> frozenset[str]:
    """Characters that may follow a numeral inside one jieba word: classifiers, units, date parts."""
    from govreport import _data

    return frozenset({u[0] for u in _data.units()} | set("月日年号时分秒点章节双对只条个位名次余多几半"))


def to_chinese(value: Decimal | int | str, *, financial: bool = False) -> str:
    """Write a number in Chinese numerals (cn2an's ``an2cn``; 大写 with ``financial=True``).

    >>> to_chinese(1234), to_chinese("3.05"), to_chinese(1200, financial=True)
    ('一千二百三十四', '三点零五', '壹仟贰佰')
    """
    import cn2an

    d = Decimal(str(value))
    result: str = cn2an.an2cn(format(d, "f"), "up" if financial else "low")
    return result
