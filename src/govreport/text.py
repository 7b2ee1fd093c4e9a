"""The text layer: the only code that rewrites text, keeping a map back to the original.

Real report text is messy: PDF and OCR tools wrap lines inside words (``498.9⏎亿元``), page breaks
fall between a magnitude and its unit (``6000余万⏎⏎元``), layout spaces sit inside numbers
(``问题 172 个``), digits come full width (``９５％``) and markdown residue (``#``, ``**``) is left
over. :class:`SourceText` builds a *normalized* view in which all of that is undone, and a
piecewise map from every normalized character back to its index in the ORIGINAL string, so that
extractors can match on clean text and still report exact original offsets.

>>> st = SourceText("问题 172 个，增长１６．１ ％")
>>> st.normalized
'问题172个,增长16.1%'
>>> span = st.span(2, 6)
>>> span, st.original[span.start:span.end]
(Span(start=3, end=8), '172 个')

Rewrites, in order:

* width folding: full-width ASCII (U+FF01–U+FF5E: ``０-９ ％ ． ，（）``) to ASCII, and the
  ideographic and other layout spaces (U+3000, U+2002…) to a plain space (1:1, no shift);
* markdown residue: ``#`` heading marks at the start of a line and ``**`` bold marks are dropped;
* layout spaces between two characters are dropped, except between two ASCII letters or digits;
* line breaks (single or blank-line) that fall inside a sentence are dropped (joined); those that
  end a paragraph are kept. Fixed-width layouts (every line about as wide as the others) are
  detected, so that a wrap after a full line is joined even after punctuation.

The meaning-bearing 、 is never touched, and nothing is ever inserted.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Iterator

import regex

from govreport._data import read_text, units
from govreport.types import Span

__all__ = ["SourceText", "display_width", "is_cjk", "shared_source"]

_FOLD: dict[int, str] = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_FOLD.update(
    {
        0x3000: " ",
        0x00A0: " ",
        0x202F: " ",
        0x205F: " ",
        0x2212: "-",
        0xFE6A: "%",
        0x3002: "。",
        0xFF61: "。",
    }
)
for _c in range(0x2000, 0x200B):
    _FOLD[_c] = " "
# the standard library's engine scans a plain character class several times faster than regex's
_FOLD_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")


def _fold(text: str) -> str:
    """Width folding, 1:1 per character (so indices are unchanged)."""
    # str.translate probes a dict for every character; a few str.replace calls (one per distinct
    # character to fold: ，（）：０-９ in a typical report) run at memchr speed
    for ch in set(_FOLD_RE.findall(text)):
        text = text.replace(ch, _FOLD[ord(ch)])
    return text

# candidates for deletion, matched on the width-folded text (same length as the original)
_EDITS = regex.compile(
    r"(?P<heading>(?m:^)[ \t]*+\#{1,6}+[ \t]++)"
    r"|(?P<bold>\*\*)"
    r"|(?P<gap>[ \t\r\n\f\v]++)",
)
_TERMINAL = frozenset("。!?;:…！？；：")
_OPENING = frozenset("“‘\"'《(〈「『【[")
_CLOSING_QUOTES = frozenset("”’\"'》)〉」』】]")
_BYLINE_CUES = ("本报讯", "本报", "■", "新华社", "记者", "通讯员", "#", "*", "(上接", "(下转", "(紧接")
_PAGE_LABEL = 4  # characters: a line of at most this many letters and digits alone is a page label
_INDENTED_LINE = 40  # display columns: a line this wide in an indented text runs on into an unindented one
_INDENT_SCAN = 200_000  # characters looked at to tell whether paragraphs open indented
_LONG_LINE = 60  # display columns: a free-flow line this wide is paragraph text, not a headline


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph (including 〇).

    >>> is_cjk("亿"), is_cjk("〇"), is_cjk("A"), is_cjk("，")
    (True, True, False, False)
    """
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or o == 0x3007
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2FA1F
    )


def _is_word(ch: str) -> bool:
    return (ch.isascii() and (ch.isalnum() or ch in ".%")) or ch in "‰°℃" or is_cjk(ch)


_WIDE = regex.compile(
    r"[\p{Han}\u1100-\u115F\u2E80-\u2FDF\u3000-\u303F\u3040-\u30FF\u3100-\u31FF\uAC00-\uD7A3"
    r"\uFE30-\uFE4F\uFF01-\uFF60\uFFE0-\uFFE6\u2014\u2015\u2018-\u201D\u2026]"
)


def display_width(s: str) -> int:
    """Terminal columns of ``s``: 2 for wide (CJK, full-width) characters, 1 otherwise.

    >>> display_width("菏泽2023")
    8
    """
    if s.isascii():
        return len(s)
    return len(s) + len(_WIDE.findall(s))


def _layout_width(s: str) -> int:
    """A fast approximation of :func:`display_width` for layout decisions (GBK byte length)."""
    return len(s.encode("gbk", "replace"))


class SourceText:
    """An input string with its normalized view and the map between the two.

    ``original`` is never altered; ``normalized`` is what extractors match on. Use :meth:`span` to
    turn a normalized ``[start, end)`` into a :class:`~govreport.types.Span` of the original.

    >>> st = SourceText("截至2020年11月\\n底，归集住房公积金498.9\\n亿元")
    >>> st.fixed_width
    False
    >>> "498.9亿元" in st.normalized
    True
    """

    __slots__ = (
        "_norm_starts", "_orig_starts", "fixed_width", "indented", "memo", "normalized", "original", "wrap_width",
    )

    def __init__(self, text: str) -> None:
        self.original: str = text
        folded = _fold(text)
        self.wrap_width: int | None = _detect_wrap_width(folded)
        self.fixed_width: bool = self.wrap_width is not None
        # paragraphs that open indented (two spaces or more): an unindented line continues one
        self.indented: bool = folded.count("\n  ", 0, _INDENT_SCAN) >= 2
        pieces: list[str] = []
        norm_starts: list[int] = [0]
        orig_starts: list[int] = [0]
        kept_from = 0
        norm_len = 0
        for m in _EDITS.finditer(folded):
            start, end = m.span()
            if m.lastgroup == "gap" and not self._drop_gap(folded, start, end):
                continue
            if start > kept_from:
                pieces.append(folded[kept_from:start])
                norm_len += start - kept_from
            kept_from = end
            norm_starts.append(norm_len)
            orig_starts.append(end)
        pieces.append(folded[kept_from:])
        self.normalized: str = "".join(pieces)
        self._norm_starts: list[int] = norm_starts
        self._orig_starts: list[int] = orig_starts
        # results derived from this text alone, computed once however many extractors ask
        self.memo: dict[str, object] = {}

    def __repr__(self) -> str:
        head = self.original[:20]
        return f"SourceText({head!r}{'…' if len(self.original) > 20 else ''}, fixed_width={self.fixed_width})"

    def __len__(self) -> int:
        return len(self.original)

    # -- offset map ---------------------------------------------------------------------------
    def original_index(self, i: int) -> int:
        """Original index of the normalized character at ``i`` (``len(normalized)`` maps to the end).

        >>> st = SourceText("1 万")
        >>> st.normalized, st.original_index(1)
        ('1万', 2)
        """
        if i >= len(self.normalized):
            return len(self.original)
        k = bisect.bisect_right(self._norm_starts, i) - 1
        return self._orig_starts[k] + (i - self._norm_starts[k])

    def span(self, start: int, end: int) -> Span:
        """The original :class:`Span` of the normalized range ``[start, end)``.

        Characters dropped inside the range (wraps, layout spaces) are covered; dropped characters
        at its edges are not, so a span never starts or ends with removed whitespace.
        """
        if end <= start:
            o = self.original_index(start)
            return Span(o, o)
        return Span(self.original_index(start), self.original_index(end - 1) + 1)

    def normalized_index(self, o: int) -> int:
        """Normalized index of original index ``o``; a dropped character maps to the next kept one.

        >>> st = SourceText("1 万")
        >>> st.normalized_index(1), st.normalized_index(2)
        (1, 1)
        """
        if o >= len(self.original):
            return len(self.normalized)
        k = bisect.bisect_right(self._orig_starts, o) - 1
        offset = o - self._orig_starts[k]
        next_norm = self._norm_starts[k + 1] if k + 1 < len(self._norm_starts) else len(self.normalized)
        return min(self._norm_starts[k] + offset, next_norm)

    def unfolded(self) -> str:
        """The normalized view with every kept character as written (no width folding).

        Same length and offsets as ``normalized``; only full-width characters differ.

        >>> st = SourceText("增长１６．１ ％")
        >>> st.normalized, st.unfolded()
        ('增长16.1%', '增长１６．１％')
        """
        pieces = []
        starts = [*self._norm_starts, len(self.normalized)]
        for k, n_start in enumerate(self._norm_starts):
            length = starts[k + 1] - n_start
            o = self._orig_starts[k]
            pieces.append(self.original[o : o + length])
        return "".join(pieces)

    def normalize_span(self, span: Span) -> tuple[int, int]:
        """The normalized ``(start, end)`` covering the original ``span``."""
        return self.normalized_index(span.start), self.normalized_index(span.end)

    def clean(self, span: Span) -> str:
        """The normalized text of an original span: wraps joined, layout residue removed.

        >>> page = ("会议指出,全市医保系统紧紧围绕中心工作,全力做好了基金监管、经办服务等工作,"
        ...         "相继推出了可视化医\\n\\n保便民服务站建设")
        >>> st = SourceText(page)
        >>> st.clean(Span(page.index("可视化"), len(page)))
        '可视化医保便民服务站建设'
        """
        a, b = self.normalize_span(span)
        return self.normalized[a:b]

    def lines(self) -> Iterator[Span]:
        """Spans of the original's lines (without their newline)."""
        start = 0
        text = self.original
        while start <= len(text):
            nl = text.find("\n", start)
            if nl < 0:
                yield Span(start, len(text))
                return
            yield Span(start, nl)
            start = nl + 1

    # -- decisions ----------------------------------------------------------------------------
    def _full_line(self, folded: str, end: int) -> bool:
        """Does the line ending at ``end`` fill a fixed-width column (a wrap, not a paragraph end)?"""
        if self.wrap_width is None:
            return False
        line = folded[folded.rfind("\n", 0, end) + 1 : end].strip()
        return _layout_width(line) >= self.wrap_width - 6

    def _drop_gap(self, folded: str, start: int, end: int) -> bool:
        """Should the whitespace run ``folded[start:end]`` be dropped from the normalized view?"""
        if start == 0 or end >= len(folded):
            return False
        left, right = folded[start - 1], folded[end]
        gap = folded[start:end]
        newlines = gap.count("\n")
        if newlines == 0:
            if "\r" in gap:
                return False
            # a layout space: keep it only where it separates two ASCII words or numbers
            return not (left.isascii() and left.isalnum() and right.isascii() and right.isalnum())
        # 清理河湖“四乱⏎”问题1320处: a fixed-width column wraps before a closing quote too
        quote_wrap = newlines == 1 and right in _CLOSING_QUOTES and self._full_line(folded, start)
        if (right in "#*" or not (_is_word(right) or right in _OPENING or right in "、,，")) and not quote_wrap:
            return False
        if newlines > 1 and folded.startswith(_BYLINE_CUES, end):
            return False  # 标题0⏎⏎本报讯…: a new article's byline is never the tail of a cut number
        if (left.isdigit() or left == ".") and left.isascii() and (_is_word(right) or right in "%‰"):
            # a number cut from its digits, magnitude or unit: 498.9⏎亿元, 今年1⏎至11月; but a
            # page label standing alone on its line (A3, 12, B05 above a date line) was never wrapped
            line_start = folded.rfind("\n", 0, start) + 1
            label = folded[line_start:start].strip()
            return not (len(label) <= _PAGE_LABEL and label.isascii() and label.isalnum())
        if left in _MAGNITUDE_TAIL and is_cjk(right):
            i = start - 1
            while i > 0 and start - i < 4 and folded[i] in _MAGNITUDE_TAIL:
                i -= 1
            if folded[i].isascii() and folded[i].isdigit():
                return True  # 6000余万⏎⏎元, 近200余万⏎人次: a magnitude cut from its unit
        if newlines <= 2 and left in _unit_heads()[0] and _unit_cut(folded, start, end, newlines):
            return True  # 120万平⏎方米, 12公⏎里, 3万人⏎次: a unit word cut after its number
        if self.wrap_width is None and (
            left in _TERMINAL or not (_is_word(left) or left in "、,，" or left in _CLOSING_QUOTES)
        ):
            return False  # free-flowing text after a sentence's end: a paragraph break (the common case)
        line_start = folded.rfind("\n", 0, start) + 1
        line = folded[line_start:start].strip()
        next_end = folded.find("\n", end)
        next_line = folded[end : len(folded) if next_end < 0 else next_end].strip()
        if self.wrap_width is not None:
            # the first line of a paragraph is indented, so it is "full" a few columns earlier
            first_line = line_start < 2 or folded[max(0, line_start - 2) : line_start].strip(" \t\r") == "\n\n"[:2]
            slack = 10 if first_line else 6
            full = _layout_width(line) >= self.wrap_width - slack
            if newlines > 1 and _document_title(line):
                return False  # 市住房和城乡建设局2020年工作总结⏎⏎2020年，…: a title as wide as a first line
            if left in _TERMINAL and newlines == 1 and _opens_with_topic_sentence(next_line):
                return False  # …顺畅和满意。⏎严把安全关，风险防控力度增强。: a new paragraph's topic sentence
            if newlines == 1:
                if not full and left not in _TERMINAL and _is_signature(line):
                    return False  # 菏泽市统计局⏎2023年，…: a name on a line of its own was never wrapped
                return full or left not in _TERMINAL
            # …统计公报⏎⏎菏泽市统计局: a name alone on the line after a blank one was never wrapped
            return full and left not in _TERMINAL and not _is_signature(next_line)
        # free-flowing text: join only where a sentence is visibly cut
        if self.indented and newlines == 1 and gap[-1] == "\n" and _layout_width(line) >= _INDENTED_LINE:
            return True  # …发放创业担保贷款1860万元，扶持⏎退役军人创业项目85个: the next line is not indented
        if 2 * len(line) < _LONG_LINE and 2 * len(next_line) < _LONG_LINE:
            return False  # two short lines (a table, a list of names): joined only before a long line
        if left in _TERMINAL or not (_is_word(left) or left in "、,，" or left in _CLOSING_QUOTES):
            return False
        if left in _CLOSING_QUOTES and _layout_width(line) < _LONG_LINE:
            return False
        if line.startswith("#") or line.endswith(("——", "—")) or next_line.startswith(_BYLINE_CUES):
            return False
        # a headline is set off by several blank lines or carries a dash-introduced subtitle
        before_blank = folded[max(0, line_start - 3) : line_start].count("\n") >= 3
        if newlines > 2 or before_blank or " ——" in line:
            return False
        if newlines == 2 and _is_signature(next_line):
            return False  # a signature under the last paragraph (…稳中向好⏎⏎菏泽市统计局)
        if _layout_width(line) >= _LONG_LINE:
            return True
        if line_start == 0 or _DATE_LINE.fullmatch(line) or SECTION_HEAD.match(line):
            return False  # a short first line is a title; a dateline; a numbered section head (二、主要目标)
        if _is_signature(line):
            return False  # a signature or source line: 菏泽市统计局, 市统计局 2024年3月15日, 来源:市统计局
        if _document_title(line):
            return False  # 市退役军人事务局2023年工作总结⏎⏎2023年，…: a report's title above its text
        # a short line before a long one: a cut paragraph (为扎实推动公立医院高质⏎⏎量发展), unless two
        # phrases stand apart in it like a headline's (稳就业促创业 筑牢幸福根基)
        return _PHRASE_GAP.search(line) is None and _layout_width(next_line) >= _LONG_LINE


_MAGNITUDE_TAIL = frozenset("万亿千百十余多")
# (govreport.numerals imports this module, so its digit classes cannot be used here)
_CN_COUNT_DIGITS = frozenset("一二三四五六七八九十两〇零")


@functools.cache
def _unit_heads() -> tuple[frozenset[str], dict[str, tuple[str, ...]], int]:
    """The proper heads of the catalogued units (平 and 平方 of 平方米, 人 of 人次) with their rests.

    Returns (the last characters of all heads, head → the rests that complete it, the longest head).
    """
    rests: dict[str, set[str]] = {}
    for u in units():
        for k in range(1, len(u)):
            rests.setdefault(u[:k], set()).add(u[k:])
    heads = {h: tuple(sorted(r, key=len, reverse=True)) for h, r in rests.items()}
    return frozenset(h[-1] for h in heads), heads, max((len(h) for h in heads), default=0)


def _unit_cut(folded: str, start: int, end: int, newlines: int) -> bool:
    """Does the gap ``folded[start:end]`` cut one unit word that follows a number (120万平⏎方米)?

    The head before the gap and the rest after it must spell a catalogued unit, and the head must
    follow a number (Arabic digits, or Chinese numerals when the head is no unit by itself), with
    magnitudes or 余/多 between. A head that is a unit by itself (人 of 人次, 立方 of 立方米) makes the
    cut ambiguous (3万人⏎⏎次日), so it is joined only across a single line break.
    """
    _, heads, longest = _unit_heads()
    for k in range(1, min(longest, start) + 1):
        head = folded[start - k : start]
        rests = heads.get(head)
        if rests is None:
            continue
        rest = next((r for r in rests if not r.isdigit() and folded.startswith(r, end)), None)
        if rest is None:
            continue  # (a superscript digit on the next line, 3m⏎2号楼, is rather the next number)
        after = folded[end + len(rest) : end + len(rest) + 1]
        if rest[-1].isascii() and rest[-1].isalnum() and after.isascii() and after.isalnum():
            continue  # 3k⏎gs: a Latin unit runs on into another word
        whole = head in units()
        if whole and newlines > 1:
            continue
        i = start - k - 1
        while i >= 0 and start - k - 1 - i < 4 and folded[i] in _MAGNITUDE_TAIL:
            i -= 1
        if i < 0:
            continue
        ch = folded[i]
        if (ch.isascii() and ch.isdigit()) or (not whole and ch in _CN_COUNT_DIGITS):
            return True
    return False


SECTION_HEAD = regex.compile(
    r"[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}[章节部分篇]|\d{1,2}[、.．]"
)
_DATE_LINE = regex.compile(r"\d{2,4}年(?:\d{1,2}月(?:\d{1,2}[日号])?)?|\d{1,2}月\d{1,2}[日号]")
_PHRASE_GAP = regex.compile(r"\p{Han}[ \t]+\p{Han}")


@functools.cache
def _signature_date() -> regex.Pattern[str]:
    """A full date in a signature line, in Arabic or Chinese digits (二〇二四年三月十五日)."""
    from govreport.numerals import CN_DIGIT_CHARS  # the numeral layer sits on this one: import late

    cn = "[" + "".join(sorted(CN_DIGIT_CHARS | {"十"})) + "]"
    return regex.compile(rf"\d{{4}}年\d{{1,2}}月\d{{1,2}}[日号]|{cn}{{4}}年{cn}{{1,2}}月{cn}{{1,3}}日")


_SOURCE_LABEL = regex.compile(r"^(?:(?:信息|数据|稿件)?来源|供稿|稿源|发布单位|发布机关)[ \t]*+[:：][ \t]*+")
_NAME_JOINERS = " \t、"


@functools.lru_cache(maxsize=4096)
def _is_signature(line: str) -> bool:
    """Is the unpunctuated short ``line`` a complete agency name (with a date or a source label)?

    A signature or byline (菏泽市统计局; 市统计局 2024年3月15日; 来源:菏泽市统计局; 市委办公室 市政府办公室)
    is a line of its own, never a hard wrap. The names are the agency gazetteer's
    (``data/agencies.tsv`` and the institution endings of ``data/agency_affixes.tsv``, read by
    :mod:`govreport.agencies`), and they must cover the whole line: 会议由市统计局 or 据市统计局 end
    in an agency but are the head of a cut sentence.
    """
    if len(line) > 40:
        return False
    body = _SOURCE_LABEL.sub("", line)
    body = _signature_date().sub(" ", body).strip(_NAME_JOINERS)
    if not body or not is_cjk(body[-1]):
        return False
    from govreport.agencies import extract_agencies, name_endings  # the agency layer sits on this one

    if body[-1] not in name_endings():
        return False  # most lines: no agency name can end there

    covered = 0
    for a in extract_agencies(body):
        if a.span.start < covered:
            continue  # nested inside the previous mention
        if body[covered : a.span.start].strip(_NAME_JOINERS):
            return False
        covered = a.span.end
    return covered > 0 and not body[covered:].strip(_NAME_JOINERS)

@functools.cache
def _document_title_res() -> tuple[regex.Pattern[str], ...]:
    data = json.loads(read_text("articles.json"))
    return tuple(regex.compile(data[key]) for key in ("report_title_re", "doc_title_re"))


def _document_title(line: str) -> bool:
    """Is ``line`` the title of a report or an official document (…2023年工作总结, 关于…的通知)?
    The patterns are the article splitter's (``data/articles.json``)."""
    if line[-1:] in _TERMINAL or ("年" not in line and not line.startswith("关于")):
        return False  # every title pattern holds a year or opens with 关于, and none ends a sentence
    return any(p.match(line) for p in _document_title_res())


_TOPIC_SENTENCE = regex.compile(r"[^。!?;！？；]{2,16}+[。!?！？]")


def _opens_with_topic_sentence(line: str) -> bool:
    """Does the line open with a short complete sentence (a fixed-width report's paragraph head)?"""
    m = _TOPIC_SENTENCE.match(line)
    return m is not None and m.end() < len(line)


def _detect_wrap_width(folded: str) -> int | None:
    """The line width of a fixed-width layout, or None for free-flowing text.

    A layout is fixed-width when most non-trivial lines are about equally wide (within a few
    columns), as in text extracted from a PDF column.
    """
    widths: list[int] = []
    ends: list[int] = []  # widths of the lines that end a sentence (a paragraph's last line, a heading)
    for raw in folded[:400_000].split("\n", 5000):
        line = raw.strip()
        if len(line) >= 6:
            # long lines cannot be part of a fixed-width column: skip measuring them
            widths.append(_layout_width(line) if len(line) <= 80 else 999)
            if line[-1] in _TERMINAL:
                ends.append(widths[-1])
    if len(widths) < 8:
        return None
    widths.sort()
    median = widths[len(widths) // 2]
    # a short report's last lines of paragraphs and its headings (市交通运输局:) are many next to its
    # full lines: measure the column without those that end a sentence well short of the median
    short_ends = [w for w in ends if w < median - 6]
    if short_ends and len(widths) - len(short_ends) >= 8:
        for w in short_ends:
            widths.remove(w)
        median = widths[len(widths) // 2]
    if median > 120:
        return None
    near = sum(1 for w in widths if median - 6 <= w <= median + 4)
    if near / len(widths) < 0.6:
        return None
    # the typical full line: the upper quartile of the widths near the median
    close = [w for w in widths if median - 6 <= w <= median + 4]
    return close[(3 * len(close)) // 4]


_SHARE_MIN = 4096  # characters: shorter texts are prepared faster than a cache would be worth
_shared: SourceText | None = None


def shared_source(text: str) -> SourceText:
    """The :class:`SourceText` of ``text``, reused when the same ``str`` object comes back.

    The ``extract_*`` functions call this, so extracting several kinds from one text (quantities,
    then percentages, then dates) prepares it once. Only the last text is remembered, by identity,
    and only when it is long enough for the saving to matter. A SourceText never changes after it
    is built, so threads may share it.

    >>> page = "全市新增就业1.2万人。" * 500
    >>> shared_source(page) is shared_source(page)
    True
    """
    global _shared
    last = _shared
    if last is not None and last.original is text:
        return last
    source = SourceText(text)
    if len(text) >= _SHARE_MIN:
        _shared = source
    return source
