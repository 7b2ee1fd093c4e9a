"""Indicators: what was measured, where, when, how much and how it changed.

An :class:`~govreport.types.Indicator` ties one reported figure (a
:class:`~govreport.types.Quantity` or :class:`~govreport.types.Percentage`) to the metric it
measures (``subject``, in the text's own words), its place (``scope``), its time (``period``, a
:class:`~govreport.types.DateMention`), the percentage that states how it changed (``change``) and
the baseline of that change (``comparison``).

>>> rows = extract_indicators("全年全市实现地区生产总值5000.1亿元,比上年增长6.2%。")
>>> [(r.subject, r.value.text, r.scope, r.change.text, r.comparison) for r in rows]
[('地区生产总值', '5000.1亿元', '全市', '6.2%', '比上年')]

The reading works on the clause structure of the normalized text (see :mod:`govreport.text`):
paragraphs, sentences (。！？；) and clauses (，：). Cue words (reporting and link verbs, scope
words, comparison phrases, breakdown cues) come from ``data/indicator_cues.tsv``. Part-of-speech
tags (jieba, through :mod:`govreport._segment`) are computed on short clause pieces only, and only
when a decision needs them.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Union

import attrs
import regex

from govreport._data import alternation, read_table, regions, units
from govreport.text import SECTION_HEAD, SourceText, is_cjk
from govreport.types import (
    Article,
    DateKind,
    DateMention,
    Direction,
    Document,
    Indicator,
    Percentage,
    PercentKind,
    Qualifier,
    Quantity,
    Rank,
    Relation,
    Span,
)

__all__ = ["extract_indicators"]

log = logging.getLogger(__name__)

Value = Union[Quantity, Percentage]  # noqa: UP007 - runtime alias on Python 3.10

_SENTENCE_END = frozenset("。！？!?；;")
_CLAUSE_END = frozenset("，,：:")
_OPEN = {"“": "”", "《": "》", "(": ")", "（": "）", "「": "」", "『": "』", "【": "】", "〈": "〉"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_QUOTES = frozenset("“《「『〈")
_PUNCT = frozenset("，,：:、。；;！？!?“”‘’\"'《》()（）「」『』【】〈〉 ")
_PUNCT_CHARS = "".join(sorted(_PUNCT))
_NOUNISH = ("n", "vn", "an", "nz", "nr", "ns", "nt", "j", "b", "l", "eng", "g")

# Bounds that keep the reading linear on text that is not prose (issue 7). Report clauses run to
# about 100 characters and sentences to about 300; longer runs without punctuation are cut.
_MAX_CLAUSE = 256  # a clause is cut at the next 、 or space after this, and at most 64 later
_SOFT_BREAK = frozenset("、 \t\x00\u3000")
_MAX_SENTENCE = 1024  # a sentence is cut at the next clause end after this
_LOOK_BACK_DATES = 64  # dates an earlier sentence of the paragraph may offer as a value's period
_LOOK_BACK_CHARS = 4096
_LOOK_BACK_CLAUSES = 64  # clauses searched back for the whole a part belongs to


_CONJUNCTIONS = regex.compile(r"(?:以及|和|及|与|或|、|,|，)++")
_RE_1 = regex.compile(r"(?:[^\s、，,：:。；;和及与]{1,8}(?:、|和|及|与)){1,12}[^\s、，,：:。；;和及与]{1,8}$")
_RE_2 = regex.compile(r"“[^“”]{6,}”")
_HAN_RUN = regex.compile(r"(?:(?!的)\p{Han})+")  # (a noun ends at 的)
_MORE_OR_LESS = regex.compile(r"(多|少)(?:了)?\p{Han}{1,2}$")  # 多发放, 少支出: more or less of the same
_LONG_COUNTED_NOUN = 8  # characters of a noun after a count that items before it can only modify
_RE_3 = regex.compile(r"[“(（][^”)）]{5,}")
_RE_4 = regex.compile(r"[（(]([^）)]{2,6})[）)]")
_RE_5 = regex.compile(r"在")
_RE_6 = regex.compile(r"(?:以来|底|末)?[,，]")
_RE_7 = regex.compile(r"(?:以来|底|末|份|内|以后|期间)?[,，]")
_RE_8 = regex.compile(r"后[,，]")
_OBJECT = regex.compile(r"([^\d，,：:；;。、]{2,16})(?:[，,：:；;。、]|$)")

# -- data -------------------------------------------------------------------------------------


@functools.cache
def _cues() -> dict[str, tuple[str, ...]]:
    """cue set → words, longest first (see ``data/indicator_cues.tsv``)."""
    out: dict[str, list[str]] = {}
    for r in read_table("indicator_cues.tsv"):
        out.setdefault(r["cue"], []).append(r["word"])
    return {k: tuple(sorted(set(v), key=lambda w: (-len(w), w))) for k, v in out.items()}


@functools.cache
def _cue_value(cue: str, word: str) -> str:
    for r in read_table("indicator_cues.tsv"):
        if r["cue"] == cue and r["word"] == word:
            return r["value"] or word
    return word


@functools.cache
def _words(cue: str) -> tuple[str, ...]:
    return _cues().get(cue, ())


@functools.cache
def _generic_doer() -> regex.Pattern[str]:
    """税务部门, 各级民政部门联合有关部门、单位: generic departments doing the thing (``doer_*`` cues)."""
    lead, join = alternation(_words("doer_lead")), alternation(_words("doer_join"))
    return regex.compile(rf"(?:(?:{lead})?\p{{Han}}{{1,4}}?部门(?:、单位)?(?:{join})?){{1,3}}")


@functools.cache
def _baseline_share() -> regex.Pattern[str]:
    """恢复到2019年的95%, 相当于上年同期的80%: a past level before a percentage (``baseline_*`` cues)."""
    verb, base = alternation(_words("baseline_share_verb")), alternation(_words("baseline_past"))
    return regex.compile(rf"(?:{verb})(?:(?:19|20)\d\d年|{base})(?:同期)?(?:水平)?的")


@functools.cache
def _comparison_re() -> regex.Pattern[str]:
    words = "|".join(regex.escape(w) for w in _words("comparison"))
    # a written baseline period: 比2022年, 较2022年同期, 比1-10月, 比一季度, 比上半年
    part = r"(?:\d{1,2}(?:-|—|～|~|至)\d{1,2}月|\d{1,2}月份?|[一二三四1-4]季度|前三季度|上半年)"
    year = r"(?:19|20)\d\d年"
    # a five-year plan's end as the base: 较“十三五”末, 比十三五期末
    plan = r"“?十[一二三四五六七八九]五”?(?:期末|末|初)"
    return regex.compile(rf"(?:{words}|(?:比|较|与)(?:{year}{part}|{year}(?:同期|底|末)?|{part}|{plan})(?:相比)?)")


@functools.cache
def _part_frame_re() -> regex.Pattern[str]:
    """A clause that is only a breakdown frame: 分产业看, 按常住地分."""
    opens = "|".join(regex.escape(w) for w in _words("part_frame_open"))
    closes = "|".join(regex.escape(w) for w in _words("part_frame_close"))
    return regex.compile(rf"(?:{opens})[^\d\s,，:：、;；。%]{{1,10}}?(?:{closes})")


@functools.cache
def _slogan_after() -> regex.Pattern[str]:
    """A short modifier and a slogan noun after a count (20件民生实事)."""
    words = "|".join(regex.escape(w) for w in _words("exclude_after_noun"))
    return regex.compile(rf"[^\d\s,，:：、;；。%“”《》]{{0,4}}(?:{words})")


@functools.cache
def _region_names() -> tuple[frozenset[str], tuple[int, ...]]:
    names = frozenset(r["name"] for r in regions() if len(r["name"]) >= 3)
    return names, tuple(sorted({len(n) for n in names}, reverse=True))


@functools.cache
def _region_words() -> tuple[str, ...]:
    """The names of ``_region_names`` as one long-lived tuple (for ``_starts``)."""
    return tuple(sorted(_region_names()[0]))


def _region_at(text: str, i: int) -> str | None:
    """The administrative division named at ``text[i:]`` (菏泽市, 金乡县), longest first."""
    return _starts(text, i, _region_words())


@functools.lru_cache(maxsize=4096)
def _pos(text: str) -> tuple[tuple[str, str], ...]:
    from govreport._segment import pos_cut

    return tuple(pos_cut(text)) if text else ()


_Index = tuple[dict[str, tuple[tuple[int, frozenset[str]], ...]], dict[str, tuple[tuple[int, frozenset[str]], ...]]]


@functools.lru_cache(maxsize=256)
def _by_edge(words: tuple[str, ...]) -> _Index:
    """The words by first and by last character, each bucket grouped by length, longest first:
    a lookup is one dict probe, then one set probe per length of the words sharing that edge."""

    def index(key: int) -> dict[str, tuple[tuple[int, frozenset[str]], ...]]:
        buckets: dict[str, set[str]] = {}
        for w in words:
            if w:
                buckets.setdefault(w[key], set()).add(w)
        return {
            ch: tuple((n, frozenset(w for w in ws if len(w) == n)) for n in sorted({len(w) for w in ws}, reverse=True))
            for ch, ws in buckets.items()
        }

    return index(0), index(-1)


_INDEXES: dict[int, tuple[tuple[str, ...], _Index]] = {}


def _index(words: Iterable[str]) -> _Index:
    """``_by_edge(words)``, looked up by identity for the long-lived word tuples (the cue sets,
    the constants below): hashing a tuple of a hundred words on every probe costs more than the probe."""
    if not isinstance(words, tuple):
        return _by_edge(tuple(words))
    hit = _INDEXES.get(id(words))
    if hit is not None and hit[0] is words:
        return hit[1]
    index = _by_edge(words)
    if len(_INDEXES) < 256:  # the entry keeps ``words`` alive, so its id is never reused
        _INDEXES[id(words)] = (words, index)
    return index


@functools.cache
def _combined(cues: tuple[str, ...], extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The words of several cue sets and ``extra`` words, as one long-lived tuple."""
    return (*(w for cue in cues for w in _words(cue)), *extra)


@functools.cache
def _leading() -> tuple[str, ...]:
    """What ``_clean`` strips from a subject's start."""
    return _combined(("lead", "scope", "part_cue"), ("截至", "截止", "以来", "、", "在"))


@functools.cache
def _kept_leads() -> tuple[str, ...]:
    """Nouns that start like a lead word and are not stripped (在校生, 在建项目)."""
    return _words("kept_lead")


@functools.cache
def _post_starts() -> tuple[str, ...]:
    """What the noun after a count cannot start with."""
    return _combined(("post_stop",), ("的", "和", "及", "与"))


@functools.cache
def _post_stops() -> frozenset[str]:
    """Words that end the noun after a count."""
    return frozenset(_words("post_stop")) | {"累计"}


@functools.cache
def _level_chars() -> frozenset[str]:
    return frozenset(_words("level_char"))


_NUMERAL_CHARS = frozenset("一二三四五六七八九十")
_JOINERS = frozenset({"与", "和", "同", "跟", "及"})
_ADVERBS = frozenset({"共", "累计", "已", "先后", "均", "都", "已经", "共计"})


@functools.cache
def _link_verbs() -> frozenset[str]:
    return frozenset(_words("link_verb"))


@functools.cache
def _attributes() -> frozenset[str]:
    return frozenset(_words("attribute"))


@functools.cache
def _lead_firsts() -> frozenset[str]:
    """First characters of everything ``prepare_clauses`` can skip at a clause's start (dates aside)."""
    words = (
        *_words("lead"), *_words("scope"), *_words("part_cue"), *_region_names()[0],
        "截至", "截止到", "截止", "自", "从", "到", " ", "、",
    )
    return frozenset(w[0] for w in words if w)


def _starts(text: str, i: int, words: Iterable[str]) -> str | None:
    """The longest of ``words`` that ``text`` has at ``i``."""
    hit = _INDEXES.get(id(words))
    index = hit[1] if hit is not None and hit[0] is words else _index(words)
    groups = index[0].get(text[i : i + 1])
    if groups is not None:
        for n, group in groups:
            w = text[i : i + n]
            if w in group:
                return w
    return None


def _ends(text: str, j: int, words: Iterable[str], lo: int = 0) -> str | None:
    """The longest of ``words`` that ends at ``j`` (not starting before ``lo``)."""
    if j <= lo:
        return None
    hit = _INDEXES.get(id(words))
    index = hit[1] if hit is not None and hit[0] is words else _index(words)
    groups = index[1].get(text[j - 1 : j])
    if groups is not None:
        for n, group in groups:
            if j - n >= lo:
                w = text[j - n : j]
                if w in group:
                    return w
    return None


# -- text structure ---------------------------------------------------------------------------


class _Clause:
    """A clause of the text. A megabyte holds some 20,000, most of them without a value: slotted,
    so that each costs a few machine words, not a dict."""

    __slots__ = (
        "body", "comparison", "comparison_done", "cumulative_lead", "end", "fenbie", "paragraph", "part",
        "scope", "sentence", "start", "values",
    )

    def __init__(self, start: int, end: int, sentence: int, paragraph: int) -> None:
        self.start = start
        self.end = end
        self.sentence = sentence
        self.paragraph = paragraph
        self.body = 0  # where the clause proper starts, after dates, scope and connectives
        self.scope: str | None = None
        self.part = False
        self.cumulative_lead = False
        self.values: Sequence[_Cand] = ()  # its candidates in order (a list, set by ``candidates``)
        # per-clause results computed once (not once per value: a clause may hold thousands)
        self.comparison: str | None = None
        self.comparison_done = False
        self.fenbie = -2  # where the clause's first 分别 starts (-1: none; -2: not looked yet)


class _Cand:
    """A figure being read (identity-compared; slotted like _Clause)."""

    __slots__ = (
        "a", "b", "change", "change_of", "ci", "clause", "comparison", "cumulative", "direction", "excluded",
        "in_part", "item", "part_of", "period", "post_mode", "rank", "ri", "role", "scope", "subject",
        "subject_range",
    )

    def __init__(self, item: Value, a: int, b: int, clause: int) -> None:
        self.item = item
        self.a = a
        self.b = b
        self.clause = clause
        self.role = "level"  # level | change | abs_change | own_change
        self.ci = 0  # index in its clause's values
        self.ri = 0  # index in its run
        self.excluded = False
        self.subject: str | None = None
        self.subject_range: tuple[int, int] | None = None
        self.scope: str | None = None
        self.period: DateMention | None = None
        self.change: _Cand | None = None
        self.change_of: _Cand | None = None
        self.part_of: _Cand | None = None
        self.in_part = False  # read inside a breakdown (其中, 分…看): a part, whether or not its total was found
        self.comparison: str | None = None
        self.cumulative = False
        self.rank: Rank | None = None
        self.direction: Direction | None = None
        self.post_mode = False

    @property
    def is_percentage(self) -> bool:
        return isinstance(self.item, Percentage)

    @property
    def unit(self) -> str | None:
        return self.item.unit if isinstance(self.item, Quantity) else "%"


# plain character classes: the standard library's engine scans them about twice as fast as regex
_SEGMENT_CHARS = re.compile(
    "[" + re.escape("".join(sorted({*_OPEN, *_CLOSE, *_SENTENCE_END, *_CLAUSE_END, *_SOFT_BREAK}))) + "]"
)
_QUOTE_CHARS = re.compile("[" + re.escape("".join(sorted({"\n", *_QUOTES, *(_OPEN[q] for q in _QUOTES)}))) + "]")


def _segment(norm: str) -> tuple[list[_Clause], list[tuple[int, int, int]], list[tuple[int, int]]]:
    """Clauses, sentences (start, end, paragraph) and paragraphs of the normalized text.

    Only punctuation, brackets and soft breaks decide anything, so the loop visits those alone
    (found by one regex scan) and places the hard cuts of long unpunctuated runs arithmetically.
    """
    clauses: list[_Clause] = []
    sentences: list[tuple[int, int, int]] = []
    paragraphs: list[tuple[int, int]] = []
    hard = _MAX_CLAUSE + 64
    max_clause, max_sentence = _MAX_CLAUSE, _MAX_SENTENCE
    soft, opens, closes = _SOFT_BREAK, _OPEN, _CLOSE
    sentence_end, clause_end = _SENTENCE_END, _CLAUSE_END
    finditer = _SEGMENT_CHARS.finditer
    pos = 0
    n = len(norm)
    while pos <= n:
        nl = norm.find("\n", pos)
        pend = n if nl < 0 else nl
        if pend > pos:
            p_index = len(paragraphs)
            paragraphs.append((pos, pend))
            s_start = c_start = pos
            depth: list[str] = []
            marks = [m.start() for m in finditer(norm, pos, pend)]
            marks.append(pend)
            for i in marks:
                # cuts of an overlong clause: inside a run of ordinary characters, at exactly
                # _MAX_CLAUSE + 64; then at this mark when it is a soft break past _MAX_CLAUSE
                while True:
                    if c_start + hard < i:
                        cut = c_start + hard
                    elif i < pend and i - c_start >= max_clause and (norm[i] in soft or i - c_start >= hard):
                        cut = i
                    else:
                        break
                    depth.clear()
                    clauses.append(_Clause(c_start, cut, len(sentences), p_index))
                    c_start = cut
                    if cut - s_start >= max_sentence:
                        sentences.append((s_start, cut, p_index))
                        s_start = cut
                if i == pend:
                    break
                ch = norm[i]
                if ch in soft:
                    continue  # a soft break decides nothing else
                if ch in opens:
                    if not (ch in _SPEECH_QUOTES and not depth and _speech_at(norm, i, pend)):
                        depth.append(ch)  # (reported speech is split into clauses like any text)
                    continue
                if ch in closes:
                    if depth and depth[-1] == closes[ch]:
                        depth.pop()
                    elif closes[ch] in depth:
                        while depth and depth.pop() != closes[ch]:
                            pass
                    continue
                if depth:
                    if ch in sentence_end and i - c_start > 80:
                        depth.clear()  # an unbalanced bracket must not swallow the paragraph
                    else:
                        continue
                if ch in sentence_end or ch in clause_end:
                    if i > c_start:
                        clauses.append(_Clause(c_start, i, len(sentences), p_index))
                    c_start = i + 1
                    if ch in sentence_end or i + 1 - s_start >= max_sentence:
                        if i + 1 > s_start:
                            sentences.append((s_start, i + 1, p_index))
                        s_start = i + 1
            if pend > c_start:
                clauses.append(_Clause(c_start, pend, len(sentences), p_index))
            if pend > s_start:
                sentences.append((s_start, pend, p_index))
        if nl < 0:
            break
        pos = nl + 1
    return clauses, sentences, paragraphs


def _quote_mask(norm: str) -> bytearray:
    """1 for characters inside 《》, “”, 「」 (names, titles, slogans), per paragraph.

    Reported speech is no name: a “…” holding a clause break (“今年以来，我们…8.6万亩。”) is left
    unmasked, so the figures a speaker gives are read like any others."""
    mask = bytearray(len(norm))
    stack: list[str] = []
    last = -1
    opened = -1  # where the outermost open quote starts

    def unmask_speech(a: int, b: int) -> None:
        if _is_speech(norm, a, b):
            mask[a + 1 : b] = bytes(b - a - 1)

    for m in _QUOTE_CHARS.finditer(norm):
        i = m.start()
        if stack and i > last + 1:
            mask[last + 1 : i] = b"\x01" * (i - last - 1)
        last = i
        ch = norm[i]
        if ch == "\n":
            if stack:
                unmask_speech(opened, i)
            stack.clear()
        elif ch in _QUOTES:
            if not stack:
                opened = i
            stack.append(_OPEN[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
            if not stack:
                unmask_speech(opened, i)
        elif stack:
            mask[i] = 1
    if stack and len(norm) > last + 1:
        mask[last + 1 :] = b"\x01" * (len(norm) - last - 1)
        unmask_speech(opened, len(norm))
    return mask


_SPEECH_QUOTES = frozenset("“「")
_SPEECH_END = re.compile("[。！？!?]")
_SPEECH_LENGTH = 40  # characters: a quotation this long is speech, whatever its punctuation
_QUOTE_LOOKAHEAD = 200  # characters looked ahead for a quote's close (bounded: linear on any input)


def _is_speech(norm: str, a: int, b: int) -> bool:
    """Is the quotation opening at ``a`` and closing at ``b`` reported speech, not a name or slogan?"""
    return norm[a] in _SPEECH_QUOTES and (b - a > _SPEECH_LENGTH or _SPEECH_END.search(norm, a + 1, b) is not None)


def _speech_at(norm: str, a: int, end: int) -> bool:
    """Does the quotation opening at ``a`` (closing before ``end``) hold reported speech?"""
    if norm[a] not in _SPEECH_QUOTES:
        return False
    b = norm.find(_OPEN[norm[a]], a + 1, min(end, a + _QUOTE_LOOKAHEAD))
    return b < 0 or _is_speech(norm, a, b)


# -- the extractor ----------------------------------------------------------------------------


# a space between two words of a headline (the next one a CJK character or an opening quote)
_TITLE_GAP = re.compile(r"(?<=\S)[ \u3000]+(?=[\u4e00-\u9fff“「『])")


# the baseline of a multiple written right before it: 是上年的2.1倍, 为全省平均水平的1.5倍
_BASELINE_MULTIPLE = regex.compile(r"(?:是|为|相当于)[\p{Han}\d—-]{1,12}?的")
# 的 and a ratio right after a date: the date is the ratio's baseline (恢复到2019年的95%), while an
# amount after it is that year's level (由2018年的290.3亿元增加到…)
_BASELINE_OF = regex.compile(r"的(?:\d+(?:\.\d+)?|[一二三四五六七八九十两半]+)(?:%|倍|成|‰)")

# a bracketed alternative unit right after a count: 5600套(间)
_UNIT_NOTE = re.compile(r"[(（][\u4e00-\u9fff][)）](?=[\u4e00-\u9fff]|$)")


class _Reader:
    """One pass over a parsed document: candidates, roles, subjects, context, indicators."""

    def __init__(self, doc: Document, source: SourceText) -> None:
        self.doc = doc
        self.source = source
        self.norm = source.normalized
        # the normalized text with each character as written (full width kept): subjects quote it
        self.disp = source.unfolded()
        # normalized (start, end) of every agency mention, by start (for cutting an agency off a subject)
        self.agency_at: dict[int, int] = {}
        for ag in doc.agencies:
            a, b = source.normalize_span(ag.span)
            self.agency_at.setdefault(a, b)
        # where each article's byline ends, by where it starts: a clause opening with a byline
        # (本报讯(记者 王五)全市支出…) has its body after it
        self.byline_end: dict[int, int] = {}
        for art in doc.articles:
            if art.byline is not None and art.byline.span.end > art.byline.span.start:
                a, b = source.normalize_span(art.byline.span)
                self.byline_end[a] = b
        # where a headline's spaced phrases meet (成绩单出炉 城镇新增就业6.8万人): the space the
        # normalized text drops separates clauses there, so no subject reaches back across it
        self.title_gaps: list[int] = []
        original = source.original
        for art in doc.articles:
            if art.title is None or art.body_span is None or " " not in art.title:
                continue
            for m in _TITLE_GAP.finditer(original, art.span.start, art.body_span.start):
                if is_cjk(original[m.start() - 1]) or original[m.start() - 1] in "”」』":
                    self.title_gaps.append(source.normalized_index(m.end()))
        self.title_gaps.sort()
        self.clauses, self.sentences, self.paragraphs = _segment(self.norm)
        self.clause_starts = [c.start for c in self.clauses]
        self.sentence_starts = [s[0] for s in self.sentences]
        self.quoted = _quote_mask(self.norm)
        # every place a comparison phrase can start (overlapping matches): a range holding none of
        # them holds no match, so most searches of a clause or a subject's range are skipped
        self.comparison_starts = [m.start() for m in _comparison_re().finditer(self.norm, overlapped=True)]
        self.date_spans: dict[int, tuple[int, int]] = {}  # id of a usable date → its normalized range
        self.dates = self._dates()
        self.date_starts = [d[0] for d in self.dates]
        self._sentence_levels: list[_Cand] = []
        self.value_at: dict[int, _Cand] = {}  # figures by normalized start
        self.list_totals: list[int] = []  # where each list total (采样、流调等5个) ends, in order
        self.streaks: list[tuple[int, int]] = []  # 连续8年 (excluded streaks), in order
        self.valued: list[int] = []
        self._cleaned: dict[tuple[int, int, bool], tuple[str, Sequence[int]] | None] = {}  # _clean's results

    # -- helpers ------------------------------------------------------------------------------
    def clause_at(self, i: int) -> int | None:
        k = bisect.bisect_right(self.clause_starts, i) - 1
        if k >= 0 and self.clauses[k].start <= i < max(self.clauses[k].end, self.clauses[k].start + 1):
            return k
        return None

    def _dates(self) -> list[tuple[int, int, DateMention]]:
        """Dates usable as periods: not inside titles, not a comparison baseline (较去年同期)."""
        out: list[tuple[int, int, DateMention]] = []
        norm = self.norm
        # a relative date left unresolved (今年以来 at a report's head) reads as the same words
        # resolved elsewhere in the document, when they were resolved one way only
        seen: dict[str, set[str]] = {}
        for d in self.doc.dates:
            if d.resolved and d.kind is DateKind.RELATIVE:
                seen.setdefault("".join(d.text.split()), set()).add(d.resolved)
        for d in self.doc.dates:
            same = seen.get("".join(d.text.split()), set())
            if d.resolved is None and len(same) == 1:
                d = attrs.evolve(d, resolved=next(iter(same)))
            a, b = self.source.normalize_span(d.span)
            if a >= b or (self.quoted[a] and not _quotes_only(norm, a, b)):
                continue
            before = norm[max(0, a - 3) : a].rstrip("“")
            if before.endswith(("比", "较", "与", "同")) or norm.startswith("同期", b):
                continue
            if norm.startswith("的", b) and (before.endswith("是") or _BASELINE_OF.match(norm, b)):
                continue  # 是2018年的1.3倍, 恢复到2019年的95%: the baseline of a ratio, not a period
            out.append((a, b, d))
            self.date_spans[id(d)] = (a, b)
        return out

    # -- step 1: candidates and exclusions ------------------------------------------------------
    def candidates(self) -> list[_Cand]:
        items: list[Value] = [*self.doc.quantities, *self.doc.percentages]
        cands: list[_Cand] = []
        for item in items:
            a, b = self.source.normalize_span(item.span)
            k = self.clause_at(a)
            if a >= b or k is None:
                continue
            c = _Cand(item=item, a=a, b=b, clause=k)
            c.excluded = self._excluded(c)
            cands.append(c)
        cands.sort(key=lambda c: c.a)
        self.list_totals.sort()
        self.streaks.sort()
        self._anaphoric_counts(cands)
        self.value_at = {c.a: c for c in cands if not c.excluded}
        by_clause: dict[int, list[_Cand]] = {}
        for c in cands:
            if not c.excluded:
                values = by_clause.setdefault(c.clause, [])
                c.ci = len(values)
                values.append(c)
        for k, values in by_clause.items():
            self.clauses[k].values = values
        self.valued = sorted(by_clause)  # the clauses with values, in order
        return cands

    def _anaphoric_counts(self, cands: list[_Cand]) -> None:
        """…分别增长5.1%、7.2%和3.6%，三项支出合计占…: a small count written out at a clause's start
        that numbers the figures of an earlier clause of its sentence refers back to them; it
        measures nothing."""
        per_clause: dict[int, int] = {}
        for c in cands:
            if not c.excluded:
                per_clause[c.clause] = per_clause.get(c.clause, 0) + 1
        for c in cands:
            item = c.item
            if c.excluded or not isinstance(item, Quantity) or item.script == "arabic" or item.value > 10:
                continue
            cl = self.clauses[c.clause]
            lead = self.norm[cl.start : c.a].strip(" 、")  # (clause openings are read later: not cl.body)
            if (lead and lead not in _words("anaphor_lead")) or item.value != item.value.to_integral():
                continue
            n = int(item.value)
            k = c.clause - 1
            while k >= 0 and k >= c.clause - _LOOK_BACK_CLAUSES and self.clauses[k].sentence == cl.sentence:
                if per_clause.get(k, 0) == n:
                    c.excluded = True
                    break
                k -= 1

    def _excluded(self, c: _Cand) -> bool:
        norm, item = self.norm, c.item
        if self.quoted[c.a]:
            return True  # a number in a name, a title or a slogan
        if isinstance(item, Percentage) and item.kind is PercentKind.FRACTION:
            return False
        before = norm[max(0, c.a - 4) : c.a]
        if before.endswith(_words("exclude_before")):
            if before.endswith("连续"):
                self.streaks.append((c.a - 2, c.b))  # 连续8年: a streak, cut out of any subject around it
            return True
        if _starts(norm, c.b, _words("exclude_after")):
            return True
        if _slogan_after().match(norm, c.b, min(len(norm), c.b + 12)):
            return True  # 办好20件民生实事: a slogan count with a short modifier
        if isinstance(item, Quantity):
            if item.unit in _words("exclude_unit") or (not item.unit and _starts(norm, c.b, _words("exclude_unit"))):
                return True  # 90岁以上: an age criterion (also when the unit was read as 周 in 80周岁)
            if item.unit and _starts(norm, c.b - len(item.unit), _words("exclude_unit")):
                return True
            if item.unit in _words("span_unit") and self._time_span(c):
                return True  # 过去五年, 五年来: a time adverbial, not a measured amount
            nxt = norm[c.b : c.b + 1]
            bare = "".join(item.text.split())
            marked = _starts(bare, 0, _words("threshold")) or _ends(bare, len(bare), _words("threshold"))
            if marked and not bare.startswith("超过") and (nxt == "的" or (nxt and is_cjk(nxt))):
                return True  # 过百亿元项目, 超10亿元的: a class boundary, not a measurement
            if item.unit and item.unit.endswith("级"):
                lvl = _level_chars()
                head = norm[max(0, c.a - 4) : c.a]
                if len(head) >= 2 and all(ch in lvl or ch == "、" for ch in head[-2:]):
                    return True
            if self._list_total(c):
                self.list_totals.append(c.b)
                return True
            if item.script != "arabic" and item.value <= 10 and norm[c.a - 1 : c.a] in ("”", "》"):
                return True
        return False

    def _time_span(self, c: _Cand) -> bool:
        """过去五年, 五年来, 近三年, a clause of its own: a number of years that says when."""
        norm = self.norm
        bare = "".join(c.item.text.split())
        if norm[max(0, c.a - 2) : c.a].endswith(_words("span_before")) or _starts(bare, 0, _words("span_before")):
            return True
        if _starts(norm, c.b, _words("span_after")):
            return True
        cl = self.clauses[c.clause]
        written_out = isinstance(c.item, Quantity) and c.item.script != "arabic"
        if written_out and c.b == cl.end and norm[c.a - 1 : c.a] in ("的", "这", "那"):
            return True  # 是我市发展极不平凡的五年: a span named, not counted
        if written_out and c.b < cl.end and is_cjk(norm[c.b]) and not _starts(norm, c.b, _words("span_tail")):
            return True  # 学前三年毛入园率, 三年行动: a span written out inside a name
        return c.b == cl.end and norm[c.b : c.b + 1] in _CLAUSE_END and not norm[cl.start : c.a].strip(" 、")

    def _list_total(self, c: _Cand) -> bool:
        """济宁、枣庄、临沂、菏泽四市: the count of an enumerated list just before the number."""
        item = c.item
        if not isinstance(item, Quantity) or item.value != item.value.to_integral() or item.value > 20:
            return False
        clause = self.clauses[c.clause]
        # a match of _RE_1 is at most 12 × 9 + 8 characters long and holds a 、
        text = self.norm[max(clause.start, c.a - 128) : c.a]
        if "、" not in text:
            return False
        etc = text.endswith("等")
        m = _RE_1.search(text[:-1] if etc else text)
        if not m or "、" not in m.group(0):
            return False
        if any(ch.isdigit() for ch in m.group(0)):
            return False  # 国家级高新区1个、省级开发区2个: items with figures of their own are no names
        names = regex.split(r"、|和|及|与", m.group(0))
        items = len(names)
        if etc and items < int(item.value):
            # 采样、流调等5个方面: the total of a list cut short by 等 when what it counts only sorts the
            # list (方面); 便利店、药店、书店等20个行业 counts real things (seed 004's gold keeps it)
            return _starts(self.norm, c.b, _words("list_noun")) is not None
        # 大蒜、食用菌2个国家农业标准化区域服务与推广平台: short items (topics, not the names of what
        # is counted: 东明黄河、曹县黄河故道3个国家湿地公园) modify a long counted noun, so the figure
        # counts those things
        noun = _HAN_RUN.match(self.norm, c.b)
        short = all(len(name) <= 3 for name in names[1:])  # (the first may hold the verb before it)
        if item.unit == "个" and short and noun is not None and len(noun.group()) >= _LONG_COUNTED_NOUN:
            return False
        return items == int(item.value)

    # -- step 2: clause bodies -------------------------------------------------------------------
    def prepare_clauses(self) -> None:
        lead = _words("lead")
        scope_words = _words("scope")
        part_words = _words("part_cue")
        regions = _region_words()
        since = ("截至", "截止到", "截止", "自", "从", "到")
        # first characters of each word set: a word is looked for only where one can start
        lead_first, scope_first = _index(lead)[0], _index(scope_words)[0]
        part_first, region_first = _index(part_words)[0], _index(regions)[0]
        part_set, cumulative_set = frozenset(part_words), frozenset(_words("cumulative"))
        firsts = _lead_firsts()
        frame, frame_first = _part_frame_re(), frozenset(w[0] for w in _words("part_frame_open"))
        date_starts = set(self.date_starts)
        norm = self.norm
        byline_end = self.byline_end
        for cl in self.clauses:
            i = cl.start
            end = cl.end
            if byline_end:
                b = byline_end.get(i)
                if b is not None and b < end:
                    i = b
            while i < end:
                ch = norm[i]
                is_date = i in date_starts
                if ch not in firsts and not is_date:
                    break  # most clauses open with none of the words below: one set probe
                if ch in " 、":
                    i += 1
                    continue
                if is_date:
                    d = self._date_at(i, end)
                    if d is not None:
                        i = d
                        continue
                if ch in "截自从到":
                    w = _starts(norm, i, since)
                    if w and self._date_at(i + len(w), end) is not None:
                        cl.cumulative_lead = cl.cumulative_lead or w.startswith("截")
                        i += len(w)
                        continue
                if ch in scope_first:
                    w = _starts(norm, i, scope_words)
                    if w:
                        cl.scope = cl.scope or _cue_value("scope", w)
                        i += len(w)
                        continue
                if ch in region_first:
                    w = _starts(norm, i, regions)
                    ag = self.agency_at.get(i)
                    if w and ag is not None and ag > i + len(w):
                        i = ag  # 菏泽市统计局 (a byline run into the text): an agency, not a scope
                        continue
                    if w and not norm.startswith("等", i + len(w)):
                        cl.scope = cl.scope or w
                        i += len(w)
                        continue
                if ch in lead_first:
                    w = _starts(norm, i, lead)
                    if w:
                        if w in part_set:
                            cl.part = True
                        if w in cumulative_set:
                            cl.cumulative_lead = True
                        i += len(w)
                        continue
                if ch in part_first:
                    w = _starts(norm, i, part_words)
                    if w:
                        cl.part = True
                        i += len(w)
                        continue
                break
            cl.body = i
            if 0 < end - i <= 14 and norm[i] in frame_first and frame.fullmatch(norm, i, end):
                cl.part = True  # 分产业看，第一产业增加值…: the figures after it are parts

    def _date_at(self, i: int, end: int) -> int | None:
        """End of a date starting at ``i`` (plus 以来/底/份…), or None."""
        k = bisect.bisect_left(self.date_starts, i)
        if k < len(self.dates) and self.dates[k][0] == i and self.dates[k][1] <= end:
            j = self.dates[k][1]
            w = _starts(self.norm, j, ("以来", "以后", "期间", "底", "末", "初", "份", "内", "中", "前", "后"))
            return j + len(w) if w else j
        return None

    # -- step 3: roles, subjects and links -------------------------------------------------------
    def read_sentences(self) -> None:
        # only sentences with a value have anything to read; a sentence's clauses are contiguous
        clauses = self.clauses
        n = len(clauses)
        done = -1
        carry = False  # a breakdown (其中，…；) goes on into the next sentence after a ；
        for k in self.valued:
            s = clauses[k].sentence
            if s == done:
                continue
            if s != done + 1:
                carry = False
            done = s
            lo = k
            while lo > 0 and clauses[lo - 1].sentence == s:
                lo -= 1
            hi = k + 1
            while hi < n and clauses[hi].sentence == s:
                hi += 1
            part_mode = self._read_sentence(clauses[lo:hi], carry)
            self._inherit_subjects(clauses[lo:hi])
            end = self.sentences[s][1]
            # only a breakdown opened by a clause of its own (其中，… / 分产业看，…) runs on
            opened = carry or any(c.part and not c.values for c in clauses[lo:hi])
            carry = part_mode and opened and self.norm[end - 1 : end] in ("；", ";")
        self._repeated_attributes()

    def _repeated_attributes(self) -> None:
        """普通高校5所，在校学生8.6万人；中等职业学校18所，在校学生3.2万人: a short noun that follows
        several counted items of one paragraph, each in another unit, is an attribute of each."""
        by_paragraph: dict[int, list[_Cand]] = {}
        for k in self.valued:
            cl = self.clauses[k]
            by_paragraph.setdefault(cl.paragraph, []).extend(cl.values)
        for values in by_paragraph.values():
            levels = [v for v in values if v.role == "level" and isinstance(v.item, Quantity) and v.subject]
            counts: dict[str, int] = {}
            for v in levels:
                counts[v.subject or ""] = counts.get(v.subject or "", 0) + 1
            if not any(n > 1 and len(w) <= 4 for w, n in counts.items()):
                continue
            owners: list[tuple[_Cand, _Cand]] = []
            for item, v in itertools.pairwise(levels):
                if counts[v.subject or ""] < 2 or len(v.subject or "") > 4 or v.clause != item.clause + 1:
                    continue
                if item.unit == v.unit or counts[item.subject or ""] > 1 or len(item.subject or "") > 8:
                    continue
                owners.append((item, v))
            if len(owners) < 2:
                continue
            for item, v in owners:
                v.subject, v.subject_range = (item.subject or "") + (v.subject or ""), None

    def _inherit_subjects(self, clauses: list[_Clause]) -> None:
        """上半年…一般公共预算收入156.2亿元…；全年完成248.3亿元: a level with no words of its own
        is the same metric as the last level of the paragraph in its unit (an earlier sentence)."""
        para = clauses[0].paragraph
        for cl in clauses:
            for v in cl.values:
                if v.subject or v.role != "level":
                    continue
                for k in range(v.clause - 1, max(-1, v.clause - _LOOK_BACK_CLAUSES), -1):
                    prev = self.clauses[k]
                    if prev.paragraph != para:
                        break
                    if prev.sentence == cl.sentence:
                        continue
                    hit = next((p for p in reversed(prev.values) if p.role == "level" and p.unit == v.unit), None)
                    if hit is not None:
                        v.subject = hit.subject
                        break

    def _read_sentence(self, clauses: list[_Clause], part_mode: bool = False) -> bool:
        """Read one sentence; True when it ends inside a breakdown (其中, 分…看)."""
        carried = part_mode
        prev_run: list[_Cand] = []  # the levels of the last clause that had any
        self._sentence_levels = []
        for cl in clauses:
            vals = cl.values
            if cl.part:
                part_mode = True
            if not vals:
                continue
            runs = self._runs(cl)
            for run in runs:
                self._read_run(cl, run, prev_run, part_mode)
                if len(run) == 1 and len(prev_run) == 1:
                    self._rate_before_level(cl, run[0], prev_run[0])
                levels = [v for v in run if v.role in ("level", "own_change")]
                if levels:
                    prev_run = levels
                    self._sentence_levels.extend(v for v in levels if v.role == "level")
            self._share_heads(cl)
        self._share_metric(clauses, carried)
        return part_mode

    def _part_metric(self, v: _Cand, total: _Cand) -> None:
        """人均可支配收入32156元，其中城镇居民41235元: a part named by its kind alone measures its
        total's metric (城镇居民人均可支配收入)."""
        subject, whole = v.subject or "", total.subject or ""
        heads = _words("metric_head")
        metric = _ends(whole, len(whole), heads)
        if not subject or not metric or len(subject) > 6 or _ends(subject, len(subject), heads):
            return
        if subject.endswith(_words("attribute")) or metric in subject:
            return
        v.subject, v.subject_range = subject + metric, None

    def _item_attribute(self, cl: _Clause, v: _Cand, item: _Cand) -> None:
        """其中，普通高校6所，在校生9.2万人: inside a breakdown, a short noun counted in another unit
        right after an item is that item's (普通高校在校生)."""
        if item.clause == v.clause or item.part_of is None or v.role != "level" or item.role != "level":
            return
        if not isinstance(v.item, Quantity) or not isinstance(item.item, Quantity) or v.unit == item.unit:
            return
        if not v.subject or not item.subject or len(v.subject) > 4 or len(item.subject) > 8:
            return
        if item.subject in v.subject or self.norm[cl.start : cl.body].strip():
            return
        v.subject, v.subject_range = item.subject + v.subject, None

    def _rate_before_level(self, cl: _Clause, v: _Cand, rate: _Cand) -> None:
        """一般公共预算收入年均增长8.3%，达到186.5亿元: a growth rate written before the level it
        belongs to, the level's clause being nothing but a link verb, is that level's change."""
        if v.role != "level" or v.change is not None or not isinstance(v.item, Quantity):
            return
        if rate.role != "own_change" or not isinstance(rate.item, Percentage) or rate.clause == v.clause:
            return
        if rate.item.kind is not PercentKind.PERCENT or not rate.subject or v.subject != rate.subject:
            return
        between = self.norm[cl.body : v.a].strip()
        if between and between not in _words("link_verb"):
            return
        rate.role = "change"
        v.change = rate
        v.comparison = v.comparison or rate.comparison

    def _share_metric(self, clauses: list[_Clause], in_part: bool = False) -> None:
        """国有控股企业增加值增长5.1%，股份制企业增长7.6%: a growth rate's bare noun takes the metric
        word (增加值) of the rate before it, when the two nouns share their last characters (企业),
        or inside a breakdown (分类别看，食品烟酒价格下降0.8%，衣着上涨1.2%)."""
        heads = _words("metric_head")
        prev: _Cand | None = None
        prev_in_part = False  # the rate before is itself an item of the breakdown, not its total
        for cl in clauses:
            in_part = in_part or cl.part
            for v in cl.values:
                if v.role == "change":
                    continue
                if v.role != "own_change" or not v.subject:
                    prev = None
                    continue
                y = v.subject
                x = prev.subject if prev is not None else None
                sibling = in_part and prev_in_part
                prev, prev_in_part = v, in_part
                if not x or len(y) > 16 or _ends(y, len(y), heads):
                    continue
                toks = _pos(y)
                if len(toks) > 1 and any(f in ("v", "vd", "d", "p", "u", "ul", "uj") for _w, f in toks):
                    continue  # a verb phrase (新开工项目…) names its own metric (居住 alone is a noun)
                tail = _ends(x, len(x), heads)
                if not tail or len(x) <= len(tail):
                    continue
                body = x[: len(x) - len(tail)]
                if body[-2:] == y[-2:] or body[-1:] == y[-1:] or (sibling and 2 <= len(y) <= 8):
                    v.subject, v.subject_range = y + tail, None

    def _runs(self, cl: _Clause) -> list[list[_Cand]]:
        """Values joined by 、 (or nothing but 的) form one run: 分别 lists and X个、总投资Y亿元的Z."""
        runs: list[list[_Cand]] = []
        for v in cl.values:
            if runs:
                gap = self.norm[runs[-1][-1].b : v.a]
                # 增长1.5%、下降2.1%和增长3.2%: a list of changes joins at 和 too
                joiners = ("、", "和", "及") if self._is_change(v) else ("、",)
                label = _clean_text(gap[1:]) if gap.startswith(joiners) else None
                kind_changes = self._is_change(v) != self._is_change(runs[-1][-1])
                joins = gap in ("", "、", "的", "和", "及") or (label is not None and self._is_label(label))
                if joins and not kind_changes:
                    v.ri = len(runs[-1])
                    runs[-1].append(v)
                    continue
            v.ri = 0
            runs.append([v])
        # a run's members with their own label (、总投资1393.3亿元) stay in it; split otherwise
        return runs

    def _read_run(self, cl: _Clause, run: list[_Cand], prev_run: list[_Cand], part_mode: bool) -> None:
        norm = self.norm
        first = run[0]
        lo = max(cl.body, self._prev_end(cl, first))
        pre_text = norm[lo : first.a]
        # roles: changes (增长18.3%) and absolute changes (比去年高2亿元)
        for v in run:
            v.direction = getattr(v.item, "direction", None)
        if cl.fenbie == -2:
            cl.fenbie = norm.find("分别", cl.start, cl.end)
        fenbie = 0 <= cl.fenbie <= first.a - 2
        if len(run) == 1 and self._times_change(first):
            first.role = "own_change"  # 货物运输量增长1.3倍: a change of its own (the change slot is a %)
        elif len(run) == 1 and prev_run and self._baseline_multiple(first, pre_text, prev_run[-1]):
            return
        elif all(self._is_change(v) for v in run):
            own = self._clean(lo, first.a, change=True)
            # 药品42类，平均降价53%: a verb naming its own metric (降价: the price) changes no level
            # before it
            named = _ends(pre_text.rstrip("了"), len(pre_text.rstrip("了")), _words("metric_verb"))
            # 收入458.2亿元、增长7.8%: a 、 right after the level only separates it from its change
            if own is None and not named and "、" not in pre_text.lstrip("、") and prev_run:
                self._attach_changes(cl, run, prev_run)
                return
            for v in run:
                v.role = "own_change"
            if named:
                got = self._clean(lo, first.a)  # 平均降价: the verb is the metric, it stays
                if got is not None:
                    for v in run:
                        v.subject, v.subject_range = got[0], None
                    cmp_ = self._comparison(cl)
                    for v in run:
                        v.comparison = v.comparison or cmp_
                    return
        elif len(run) == 1 and isinstance(first.item, Quantity) and self._abs_change(cl, lo, first.a):
            level = next((p for p in reversed(prev_run) if p.unit == first.unit and p.role == "level"), None)
            if fenbie:
                level = self._fenbie_level(cl, first) or level
            if level is not None:
                first.role = "abs_change"
                first.change_of = level
                more = _MORE_OR_LESS.search(pre_text)
                if more is not None and first.direction is None:
                    first.direction = Direction.UP if more.group(1) == "多" else Direction.DOWN
                first.subject, first.subject_range = level.subject, None
                cmp_ = self._comparison(cl)
                first.comparison = cmp_
                if cmp_ and level.comparison is None:
                    level.comparison = cmp_
                return
        # subjects
        if fenbie and len(run) > 1:
            self._distribute(cl, run, lo, prev_run)
        else:
            for v in run:
                self._subject(cl, v, run, prev_run)
        if part_mode:
            for v in run:
                if isinstance(v.item, Quantity) and v.role == "level":
                    v.part_of = self._parent(v, run)
                    v.in_part = True
                    if v.part_of is not None:
                        self._part_metric(v, v.part_of)
            if len(run) == 1 and len(prev_run) == 1:
                self._item_attribute(cl, run[0], prev_run[0])
        cmp_ = self._comparison(cl)
        if cmp_:
            for v in run:
                v.comparison = v.comparison or cmp_

    def _prev_end(self, cl: _Clause, v: _Cand) -> int:
        k = v.ci
        end = cl.values[k - 1].b if k > 0 else cl.start
        t = bisect.bisect_right(self.list_totals, v.a) - 1
        if t >= 0 and end < self.list_totals[t] <= v.a:
            # 采样、流调等5个方面97支…队伍: a list's total and its noun only sort what follows
            # (…优惠型等四大类13个保险险种: nor does a total written right before the figure)
            b = self.list_totals[t]
            word = _pos(self.norm[b : v.a])[0][0] if b < v.a else ""
            if b + len(word) <= v.a and all(is_cjk(ch) for ch in word):
                end = b + len(word)
        if self.title_gaps:
            g = bisect.bisect_right(self.title_gaps, v.a) - 1
            if g >= 0 and end < self.title_gaps[g]:
                return self.title_gaps[g]
        return end

    def _is_change(self, v: _Cand) -> bool:
        item = v.item
        if not isinstance(item, Percentage):
            return False
        if item.relation is Relation.TO:
            return False
        return item.direction is not None or item.relation is Relation.BY

    def _times_change(self, v: _Cand) -> bool:
        """增长1.3倍, 提高一倍: a multiple right after a verb of change (sets ``v.direction``)."""
        item = v.item
        if not isinstance(item, Quantity) or item.unit != "倍":
            return False
        before = self.norm[max(0, v.a - 4) : v.a]
        before = before[:-1] if before.endswith("了") else before
        verb = next((w for w in self._direction_verbs() if len(w) > 1 and before.endswith(w)), None)
        if verb is None:
            return False
        from govreport._data import direction_verbs

        v.direction = Direction(direction_verbs()[verb])
        return True

    def _baseline_multiple(self, v: _Cand, pre_text: str, owner: _Cand) -> bool:
        """融资额达5.2亿元，是上年的2.1倍: a multiple of a baseline, right after the figure it
        compares, is that figure's change (its own line: the change slot holds a percentage)."""
        item = v.item
        if isinstance(item, Percentage) and owner.role == "level" and owner.subject:
            share = _baseline_share().fullmatch(pre_text.strip())
            if share is not None:
                # 接待游客3860万人次，恢复到2019年的95%: the figure before, against its baseline
                v.subject, v.subject_range = owner.subject, None
                v.comparison = "".join(share.group(0).split())
                return True
        if not isinstance(item, Quantity) or item.unit != "倍" or owner.role != "level":
            return False
        m = _BASELINE_MULTIPLE.fullmatch(pre_text.strip())
        if m is None or not owner.subject:
            return False
        v.role = "own_change"
        v.subject, v.subject_range = owner.subject, None
        v.comparison = "".join(m.group(0).split())
        v.direction = Direction.UP if item.value > 1 else Direction.DOWN if item.value < 1 else None
        return True

    def _fenbie_level(self, cl: _Clause, v: _Cand) -> _Cand | None:
        """分别比上年末增加101.3万人和减少23.5万人: the n-th change of the clause is the n-th level's."""
        amounts = [x for x in cl.values if x.unit == v.unit and isinstance(x.item, Quantity)]
        levels = [p for p in self._sentence_levels if p.unit == v.unit and p.role == "level" and p.clause < v.clause]
        if len(amounts) < 2 or len(levels) < len(amounts):
            return None
        return levels[len(levels) - len(amounts) + amounts.index(v)]

    def _abs_change(self, cl: _Clause, lo: int, hi: int) -> bool:
        """Is the text before an amount just a comparison and a verb of change (比去年多)?

        Also 和减少 continuing 分别比上年末增加…, and a verb of two characters alone opening the
        clause right after a level (播种面积12517.6万亩，增加70.6万亩): the caller checks the level."""
        raw = self.norm[lo:hi]
        if _ends(raw, len(raw), _words("abs_change_verb")) is None:
            # 比去年同期多发放8.6亿元: 多/少 and the level's own verb after a written comparison
            m = _MORE_OR_LESS.search(raw)
            return m is not None and _comparison_re().fullmatch(raw, 0, m.start()) is not None
        return self._abs_change_verb_only(cl, lo, raw)

    def _abs_change_verb_only(self, cl: _Clause, lo: int, raw: str) -> bool:
        text = _comparison_re().sub("", raw) if self._comparison(cl) is not None else raw
        for w in ("分别", "约", "了", "共"):
            text = text.replace(w, "")
        joined = text[:1] in ("和", "及", "、")
        text = text.lstrip("和及、")
        verb = _ends(text, len(text), _words("abs_change_verb"))
        if verb is None or len(text) != len(verb):
            return False
        if _comparison_re().search(raw) is not None:
            return True
        if self._comparison(cl) is not None and joined:
            return True  # 分别比上年末增加101.3万人和减少23.5万人
        return len(verb) >= 2 and lo == cl.body and self._comparison(cl) is None

    def _attach_changes(self, cl: _Clause, run: list[_Cand], prev_run: list[_Cand]) -> None:
        # a growth in per cent (增长18.4%) is never that of a rate or a share, whose changes are
        # stated in points: 完成年度目标任务的126%，同比增长18.4% is the growth of the amount before
        relative = all(isinstance(v.item, Percentage) and v.item.kind is PercentKind.PERCENT for v in run)

        def takes(p: _Cand) -> bool:
            return p.change is None and not (relative and isinstance(p.item, Percentage))

        levels = [p for p in prev_run if p.role == "level" and takes(p)]
        if len(levels) < len(run):
            # 执法案件总数3679件，罚没金额5473万元，同比分别增长36%、113%: levels from earlier clauses
            levels = [p for p in self._sentence_levels if takes(p)] or levels
        if not levels:
            # 增长7.1%，增速比上年提高2.1个百分点: a change of the rate, with its own baseline
            for v in run:
                v.role = "own_change"
                v.subject = prev_run[-1].subject if prev_run else None
                v.comparison = self._comparison(cl)
            return
        pairs = list(zip(levels[-len(run) :], run, strict=False)) if len(levels) >= len(run) else []
        if not pairs:
            pairs = [(levels[-1], run[0])]
            for v in run[1:]:
                v.role = "own_change"
                v.subject = levels[-1].subject
        cmp_ = self._comparison(cl)
        for level, v in pairs:
            v.role = "change"
            level.change = v
            if cmp_ and level.comparison is None:
                level.comparison = cmp_

    def _may_compare(self, lo: int, hi: int) -> bool:
        """Can a comparison phrase start in ``[lo, hi)`` (``0 <= lo``)?"""
        starts = self.comparison_starts
        k = bisect.bisect_left(starts, lo)
        return k < len(starts) and starts[k] < hi

    def _comparison(self, cl: _Clause) -> str | None:
        if not cl.comparison_done:
            m = _comparison_re().search(self.norm, cl.start, cl.end) if self._may_compare(cl.start, cl.end) else None
            cl.comparison = None if m is None else str(m.group(0))
            cl.comparison_done = True
        return cl.comparison

    # -- subjects -------------------------------------------------------------------------------
    def _clean(self, lo: int, hi: int, *, change: bool = False) -> tuple[str, Sequence[int]] | None:
        """The subject words in ``norm[lo:hi]``: dates, comparisons, connectives and links removed.

        Memoized: a run's opening is cleaned for its subject and again for the noun after it.
        Callers slice the returned list, never change it."""
        key = (lo, hi, change)
        if key in self._cleaned:
            return self._cleaned[key]
        got = self._cleaned[key] = self._clean_range(lo, hi, change)
        return got

    def _clean_range(self, lo: int, hi: int, change: bool) -> tuple[str, Sequence[int]] | None:
        norm = self.norm
        dropped: list[tuple[int, int]] = []
        # dates are sorted by start and short: only those starting in [lo - 40, hi) can overlap
        k = bisect.bisect_left(self.date_starts, hi)
        while k > 0 and self.dates[k - 1][0] > lo - 40:
            k -= 1
            a, b, _ = self.dates[k]
            if a < hi and b > lo:
                dropped.append((a, b))
        if self.streaks:
            k = bisect.bisect_left(self.streaks, (hi, hi))
            while k > 0 and self.streaks[k - 1][0] > lo - 40:
                k -= 1
                a, b = self.streaks[k]
                if a >= lo and b <= hi:
                    dropped.append((a, b))  # 总产量连续8年稳定在…: the streak is no part of the metric
        if lo < 0 or self._may_compare(lo, hi):
            for m in _comparison_re().finditer(norm, lo, hi):
                dropped.append(m.span())
        if not dropped and lo >= 0:
            # the common case: nothing to drop, the text is a slice (lo < 0 and hi < lo do occur,
            # from a 分别 not found: range() and a slice differ there, so they take the loop below)
            keep: Sequence[int] = range(lo, hi)  # a range, not a list: memoized for the whole document
            text = self.disp[lo:hi] if hi > lo else ""
        else:
            drop: set[int] = set()
            for a, b in dropped:
                drop.update(range(a, b))
            keep = [i for i in range(lo, hi) if i not in drop]
            disp = self.disp
            text = "".join([disp[i] for i in keep])
        # leading connectives, scope words, link verbs (stripped as offsets, sliced once)
        s, e = 0, len(text)
        leading = _leading()
        while s < e:
            w = _starts(text, s, leading)
            if w and _starts(text, s, _kept_leads()):
                break  # 在校生: a noun, not 在 + noun
            if w and e - s > len(w):
                s += len(w)
            elif text[s] in _PUNCT and text[s] not in "“《(（":
                s += 1
            elif text[s] in "(（" and ")" not in text[s:e] and "）" not in text[s:e]:
                s += 1  # 12所（其中小学8所）: a bracket opened before the figure and never closed
            elif text[s] == "的" and e - s > 2:
                s += 1  # 投资10万至20万元的项目68个: the 的 of a threshold figure cut off before
            else:
                break
        # 每公斤28.6元, 每人每月680元: the denominator of the figure, not its subject
        while e - s > 2 and "每" in text[max(s, e - 5) : e - 1]:
            j = text.rindex("每", max(s, e - 5), e - 1)
            if j <= s or text[j + 1 : e] not in units():
                break
            e = j
        # trailing links and particles
        trailing = self._change_trailing() if change else self._level_trailing()
        while s < e:
            w = _ends(text, e, trailing, s)
            if w and w in _words("scope") and _ends(text, e - len(w), _words("relational_verb"), s):
                break  # 粮食总产量占全国的8.2%: the whole it is a share of stays
            if w and w in _words("scope") and text[e - len(w) - 1 : e - len(w)] == "级" and e - len(w) > s:
                break  # 省级开发区2个: a kind of zone, the thing counted
            if w and e - len(w) - s <= 2 and w in _words("bare_action"):
                break  # 基本建成1860套: the action is all the subject there is (see _subject)
            if w and len(w) == 1 and e - s > 1:
                last, tag = _pos(text[s:e])[-1]
                if len(last) > 1 and tag not in ("v", "p"):
                    break  # 违法行为312起: 为 ends a word here, it is no link verb (贷款率为: it is)
            if w:
                e -= len(w)
            elif text[e - 1] in _PUNCT and text[e - 1] not in "”》)）":
                e -= 1
            else:
                break
        if s or e < len(text):
            text, keep = text[s:e], keep[s:e]
        if not text.strip(_PUNCT_CHARS):
            return None
        return text, keep

    @staticmethod
    @functools.cache
    def _change_trailing() -> tuple[str, ...]:
        """What ``_clean(change=True)`` strips from a subject's end."""
        extra = ("平均", "年均", "年平均", "分别", *_Reader._direction_verbs())
        return _combined(("trail", "link_verb", "scope", "abs_change_verb"), extra)

    @staticmethod
    @functools.cache
    def _level_trailing() -> tuple[str, ...]:
        """What ``_clean`` strips from a level's subject end: links, level_trail words (地区生产总值完成),
        and a verb of change with 到/至 (PM2.5平均浓度下降到38微克/立方米: the level reached, not a change)."""
        to_level = tuple(v + to for v in _Reader._direction_verbs() for to in ("到", "至"))
        return _combined(("trail", "link_verb", "scope", "level_trail"), ("平均", "年均", "年平均", "分别", *to_level))

    @staticmethod
    @functools.cache
    def _direction_verbs() -> tuple[str, ...]:
        from govreport._data import direction_verbs

        return tuple(sorted(direction_verbs(), key=lambda w: (-len(w), w)))

    def _subject(self, cl: _Clause, v: _Cand, run: list[_Cand], prev_run: list[_Cand]) -> None:
        k = v.ri
        ci = v.ci
        lo = run[k - 1].b if k > 0 else max(cl.body, self._prev_end(cl, v))
        # 一般公共预算收入由9.6亿元增加到14.2亿元, 办理时限从20个工作日压缩至5个工作日: one subject
        if ci > 0 and self._from_value(cl, cl.values[ci - 1]):
            v.subject = cl.values[ci - 1].subject
            return
        if self._from_value(cl, v):
            got = self._clean(lo, v.a - 1)
            if got is not None:
                text, keep = self._cut(*got)
                v.subject = text
                v.subject_range = (keep[0], keep[-1] + 1) if keep[-1] - keep[0] + 1 == len(keep) else None
                return
        got = self._clean(lo, v.a, change=v.role == "own_change")
        if got is not None and _CONJUNCTIONS.fullmatch(got[0]):
            got = None  # 分别为45632元和21543元: only a conjunction between two values of one subject
        post = self._post_noun(cl, v, run)
        if got is not None and k == 0 and ci > 0 and got[1] and got[1][0] == cl.values[ci - 1].b:
            conj = _starts(got[0], 0, ("以及", "和", "及", "与"))
            if conj and len(got[0]) > len(conj) + 1 and _pos(got[0])[0][0] == conj:  # not 和谐
                got = (got[0][len(conj) :], got[1][len(conj) :])  # 医院312个和卫生院168个
        if got is not None and k == 0 and ci > 0:
            before = cl.values[ci - 1]
            raw = self.norm[before.b : v.a]
            if before.post_mode and before.subject and raw[-1:] in ("和", "及", "与", "、"):
                # 10名“济宁市最美退役军人”和20名…: the words before were the previous count's noun
                if got[0].rstrip("和及与、") in before.subject:
                    got = None
            elif before.post_mode and raw[:1] and is_cjk(raw[0]) and not self._noun_does(cl, before, got[0]):
                # 向19.7万户职工家庭发放住房公积金贷款498.9亿元: skip the previous count's noun
                toks = _pos(got[0])
                n = 0
                for w, f in toks:
                    if f == "v" or (n and w in _ADVERBS):
                        break
                    n += len(w)
                if n == len(got[0]) and post and got[0] in (before.subject or ""):
                    got = None  # 等20个项目398公顷林地征用审批: between them only the count's noun
                elif 0 < n < len(got[0]) - 1:
                    noun = got[0][:n]
                    got = (got[0][n:], got[1][n:])
                    adverb = _starts(got[0], 0, _ADVERBS)
                    if adverb and len(got[0]) > len(adverb) + 1:
                        got = (got[0][len(adverb) :], got[1][len(adverb) :])
                    prep = self.norm[before.a - 1 : before.a]
                    rest = _pos(got[0])
                    if prep in ("为", "给") and len(rest) == 1 and rest[0][1][:1] == "v" and len(got[0]) == 2:
                        # 为66.9万老年人累计投保3517万元: a bare verb names nothing without whom it served
                        v.subject = prep + noun + got[0]
                        return
        if got is None:
            if post:
                v.subject, v.post_mode = post, True
            elif k > 0 and run[k - 1].subject:
                v.subject = run[k - 1].subject
            elif prev_run:
                src = prev_run[min(k, len(prev_run) - 1)]
                v.subject = _head(src.subject or "") or src.subject
            return
        text, keep = self._cut(*got)
        if k == 0 and prev_run and _starts(text, 0, _words("adjustment")):
            # 税费收入312.8亿元，同比增长4.2%，剔除留抵退税因素后增长9.6%: the same metric, restated
            v.subject = prev_run[-1].subject
            return
        if k == 0 and prev_run and _starts(text, 0, _words("baseline_verb")):
            # 增长12.5%，高于全市平均水平3.2个百分点: the gap belongs to the figure before
            v.subject = prev_run[-1].subject
            return
        attribute = _starts(text, 0, _attributes()) if k == 0 and prev_run else None
        if attribute and _starts(text, len(attribute), _words("baseline_verb")):
            # 同比增长6.2%，增速高于全省0.4个百分点: the gap of the figure before's growth
            whose = prev_run[-1].subject or ""
            v.subject = whose if attribute in whose else whose + attribute
            return
        toks = _pos(text)
        verb_only = bool(toks) and all(f[:1] in "vdup" for _, f in toks)
        ends_verb = bool(toks) and (toks[-1][1] in ("v", "p") or verb_only)
        if ends_verb and len(toks) > 1 and toks[0][0].startswith("第") and toks[0][1] == "m":
            ends_verb = False  # 第二批国家集采: an ordinal opens a noun phrase (集采 is tagged a verb)
        if post and ends_verb:
            verb = toks[-1][0]
            v.subject = (verb if verb in _words("report_verb") else "") + post
            v.post_mode = True
            return
        if post and not verb_only:
            if self.norm[v.a - 1 : v.a] == "等" or ("、" in text and len(post) >= _LONG_COUNTED_NOUN):
                # 大蒜、食用菌2个国家农业标准化…平台, 便利店、药店、书店等20个行业: the list only sorts
                # or exemplifies the things counted
                v.subject, v.post_mode = post, True
                return
            v.subject = text + post  # 第二批国家集采 + 中选药品 (32种中选药品)
            return
        if k > 0 and run[k - 1].subject and self._is_label(text):
            v.subject = self._with_label(run[k - 1].subject or "", text, post)
            return
        if post and self._is_attribute(text):
            v.subject = post + text
            return
        if k == 0 and prev_run and not post and len(text) <= 4 and text.endswith(_words("bare_action")):
            prev = prev_run[-1]
            noun = _object_noun(prev.subject or "")
            if noun and isinstance(prev.item, Quantity) and prev.unit == v.unit:
                v.subject = text + noun  # 新开工安置住房2150套，基本建成1860套 → 基本建成安置住房
                return
        last = prev_run[-1] if k == 0 and prev_run and not post else None
        if last is not None and last.role == "level" and last.unit == v.unit and len(text) <= 4:
            sibling = _sibling_metric(last.subject or "", text)
            if sibling:
                v.subject = sibling  # 基金收入18.6亿元，支出15.2亿元，当期结余3.4亿元
                return
        single_verb = len(toks) == 1 and toks[0][1] == "v" and not _noun_by_suffix(text)
        if single_verb and k == 0:
            fuller = self._verb_object_before(cl, text)
            if fuller:
                v.subject = fuller
                return
        # a lone verb before a growth rate is a noun read as a verb (居住上涨0.3%), not an action
        verb_like = single_verb and v.role != "own_change"
        if (verb_like or self._relational(text) or self._is_attribute(text)) and k == 0 and prev_run:
            owner = prev_run[-1]
            if text in _words("whole_attribute"):
                owner = self._sentence_first(cl) or owner
            base = _head(owner.subject or "")
            if base and base not in text:
                v.subject = base + text
                return
        change_verb = _ends(text, len(text), _words("abs_change_verb"))
        if (
            change_verb
            and len(change_verb) > 1
            and len(text) > len(change_verb) + 1
            and isinstance(v.item, Quantity)
            and v.role == "level"
            and self.norm[keep[-1] + 1 : v.a] in ("", "了")
        ):
            # 全市户籍人口增加0.8万人: an absolute change with no level beside it
            v.role = "abs_change"
            v.direction = Direction(_cue_value("abs_change_verb", change_verb))
            text, keep = text[: -len(change_verb)], keep[: -len(change_verb)]
        v.subject = text
        v.subject_range = (keep[0], keep[-1] + 1) if keep[-1] - keep[0] + 1 == len(keep) else None

    def _from_value(self, cl: _Clause, v: _Cand) -> bool:
        """``v`` is the old level of 由/从 X <verb>到/至 Y, Y being the clause's next value."""
        if v.ci + 1 >= len(cl.values) or self.norm[v.a - 1 : v.a] not in ("由", "从"):
            return False
        mid = self.norm[v.b : cl.values[v.ci + 1].a]
        mid = mid[:-1] if mid.endswith(("到", "至", "为")) else ""
        return mid.removesuffix("了") in self._direction_verbs()

    def _verb_object_before(self, cl: _Clause, verb: str) -> str | None:
        """市级承接60项 after 高效承接省级委托下放事项: the verb's object from an earlier clause."""
        sent_start = self.sentences[cl.sentence][0]
        text = self.disp[sent_start : cl.start]
        at = text.find(verb) if verb else -1
        while at >= 0:  # the first place the verb has an object after it
            m = _OBJECT.match(text, at + len(verb))
            if m:
                return verb + str(m.group(1))
            at = text.find(verb, at + 1)
        return None

    def _is_label(self, text: str) -> bool:
        return len(text) <= 4

    def _with_label(self, prev: str, label: str, post: str | None) -> str:
        """二等奖2个、三等奖1个 → share the modifier; 159个、总投资… → attribute of the head."""
        if post:
            return post + label
        sibling = _sibling_metric(prev, label)
        if sibling:
            return sibling
        if label in _words("attribute"):
            return _head(prev) + label
        for n in range(min(len(label), len(prev)) - 1, 1, -1):
            if prev.endswith(label[-n:]):
                cut = len(prev) - len(label)
                if cut > 0 and cut in _word_starts(_pos(prev)):
                    return prev[:cut] + label
                return label  # 中小学教师2650名、幼儿教师550名: 中 is no modifier of its own
        for n in range(min(len(label), len(prev) - 1), 1, -1):
            if prev.endswith(label[:n]):
                return prev[: len(prev) - n] + label  # 大病保险赔付2.1万人次、赔付金额… → 大病保险赔付金额
        toks, own = _pos(prev), _pos(label)
        if (
            len(label) <= 2
            and len(toks) > 1
            and toks[0][1] in ("v", "vn")
            and len(toks[0][0]) > 1
            and toks[0][0] not in _link_verbs()
            and own
            and all(f[:1] == "n" for _w, f in own)
        ):
            # 检查车辆128.6万辆次、人员215.3万人次: a bare two-character noun is no metric alone
            return toks[0][0] + label
        return label

    def _relational(self, text: str) -> bool:
        return _starts(text, 0, _words("relational_verb")) is not None

    def _is_attribute(self, text: str) -> bool:
        return text in _attributes()

    def _cut(self, text: str, keep: Sequence[int]) -> tuple[str, Sequence[int]]:
        """Cut a subject down to the metric: 我市住房公积金已累计形成增值收益 → 增值收益."""
        # the agency or 该局 that did it is not part of what was measured
        b = self.agency_at.get(keep[0]) if keep else None
        while b is not None and b - keep[0] < len(text):
            n = b - keep[0]
            text, keep = text[n:], keep[n:]
            # 市人社局、市财政局联合下达…: the agencies listed together did it, all of them
            b = self.agency_at.get(keep[1]) if text[:1] in ("、", "和", "与") and len(keep) > 1 else None
            if b is not None:
                text, keep = text[1:], keep[1:]
        # 税务部门办理出口退税: a generic department that did it (no agency: 部门 names none) is no
        # part of the metric either
        m = _generic_doer().match(text)
        if m is not None and len(text) - m.end() >= 3:
            text, keep = text[m.end() :], keep[m.end() :]
        if text.startswith("该") and len(text) > 3:
            first = _pos(text)[0][0]
            second = _pos(text[len(first) :])[0][0] if first == "该" else ""
            n = len(first) + len(second)
            text, keep = text[n:], keep[n:]
        # a leading link verb: 实现地区生产总值 → 地区生产总值
        toks = _pos(text)
        links = _link_verbs()
        if len(toks) > 1 and toks[0][0] in links and len(text) - len(toks[0][0]) >= 2:
            n = len(toks[0][0])
            text, keep = text[n:], keep[n:]
        # a long slogan in quotes before the noun: 组织开展“制止餐饮浪费 厉行勤俭节约”宣传教育活动
        slogans = list(_RE_2.finditer(text)) if "“" in text else []
        if slogans and len(text) - slogans[-1].end() >= 2:
            end = slogans[-1].end()
            text, keep = text[end:], keep[end:]
        # an enumeration closed by 等: 医保关系转移接续、异地就医等高频民生事项办理流程
        at = -1
        o = 0
        for w, _f in _pos(text) if "等" in text else ():
            if w == "等":
                at = o
            o += len(w)
        if at > 0 and len(text) - at - 1 >= 2 and ("、" in text[:at] or at >= 4):
            rest = text[at + 1 :]
            toks = _pos(text)
            verb = toks[0][0] if toks and toks[0][1] == "v" and len(rest) < 4 else ""
            text = verb + rest
            keep = [*keep[: len(verb)], *keep[at + 1 :]]
        toks = _pos(text)
        if len(toks) < 2:
            return text, keep
        offsets = _word_starts(toks)
        adverbs = _ADVERBS
        cut = 0
        agent = -1  # 规模以上工业企业实现营业收入: the noun before 实现 says whose income it is
        cut_at = -1
        for i, (w, _f) in enumerate(toks[:-1]):
            if (w in links or w in adverbs) and offsets[i] > 0:
                cut = offsets[i] + len(w)
                cut_at = i
                agent = i if w in _words("agent_link") and toks[i - 1][1].startswith(_NOUNISH) else -1
        # 就业困难人员实现就业: what is achieved is an action, not a thing; the doer stays
        # 职工医保统筹基金累计结存: an adverb before the closing verb leaves the noun its owner
        acted = (
            cut_at == len(toks) - 2 and toks[-1][1] == "v" and (toks[cut_at][0] in links or toks[cut_at][0] in adverbs)
        )
        # 每千人口拥有医疗机构床位: a per-head denominator before the verb is part of the metric
        per_head = cut_at > 0 and text.startswith("每") and offsets[cut_at] <= 6 and toks[cut_at][0] in links
        if (acted and toks[cut_at - 1][1].startswith(_NOUNISH)) or per_head:
            at, n = offsets[cut_at], len(toks[cut_at][0])
            text, keep = text[:at] + text[at + n :], [*keep[:at], *keep[at + n :]]
            toks = _pos(text)
            offsets = _word_starts(toks)
        elif agent > 0 and all(f.startswith((*_NOUNISH, "f")) for _w, f in toks[:agent]):
            at, n = offsets[agent], len(toks[agent][0])
            text, keep = text[:at] + text[at + n :], [*keep[:at], *keep[at + n :]]
            toks = _pos(text)
            offsets = _word_starts(toks)
        elif 0 < cut < len(text):
            text, keep = text[cut:], keep[cut:]
            link = _starts(text, 0, _words("link_verb"))
            if link and len(text) > len(link) + 1:
                text, keep = text[len(link) :], keep[len(link) :]
            toks = _pos(text)
            offsets = _word_starts(toks)
        # a preposition phrase before the main verb: 向…医疗机构拨付专项预付金 → 拨付专项预付金
        # (与, 和, 同 between nouns join them: 研究与试验发展经费支出 has no preposition phrase)
        preps = [i for i, (w, f) in enumerate(toks) if f == "p" and w not in _JOINERS] if len(text) > 8 else []
        if preps:
            p0 = preps[-1]
            verbs = [
                i
                for i, (_w, f) in enumerate(toks)
                if f == "v" and i > p0 + 1 and toks[i - 1][1].startswith("n") and "的" not in text[offsets[i] :]
            ]
            if verbs and len(text) - offsets[verbs[-1]] >= 4:
                text, keep = text[offsets[verbs[-1]] :], keep[offsets[verbs[-1]] :]
        if "的" in text[:-3] and (len(text) > 16 or (len(text) > 12 and "、" in text[: text.rfind("的")])):
            at = text.rfind("的")
            text, keep = text[at + 1 :], keep[at + 1 :]
        # 累计 inside: a mark of cumulation, not of the metric
        at = text.find("累计")
        if 0 < at < len(text) - 2:
            text, keep = text[:at] + text[at + 2 :], [*keep[:at], *keep[at + 2 :]]
        return text, keep

    def _post_noun(self, cl: _Clause, v: _Cand, run: list[_Cand]) -> str | None:
        """The noun after a count (成立6个督导组, 192个、总投资1148亿元的重点项目…)."""
        norm = self.norm
        k = v.ri
        j = v.b
        # X个、总投资Y亿元的Z: the head after the run's 的
        last = run[-1]
        if k < len(run) - 1:
            after = norm[last.b : min(cl.end, last.b + 1)]
            if after == "的":
                j = last.b + 1
            else:
                nxt = run[k + 1]
                if norm[v.b : nxt.a] in ("的", ""):
                    j = nxt.b
                else:
                    return None
        elif norm.startswith("的", j):
            j += 1
        tail = last if k < len(run) - 1 else v
        ci = tail.ci
        end = cl.values[ci + 1].a if ci + 1 < len(cl.values) else cl.end
        if self.title_gaps:
            g = bisect.bisect_left(self.title_gaps, j)
            if g < len(self.title_gaps) and self.title_gaps[g] < end:
                end = self.title_gaps[g]  # 收获进度过九成 夏粮丰收在望: the next phrase is no noun
        m = _UNIT_NOTE.match(self.norm, j, end)
        if m:
            j = m.end()  # 5600套(间)保障性租赁住房: a note on the unit, not the noun
        text = self.disp[j:end]
        if not text or not (is_cjk(text[0]) or text[0] in "“《(（"):
            return None
        if text[0] in "(（" and j == v.b:
            return None  # 236项（市级仅保留…）, 12所（其中小学8所）: a note on the count, not its noun
        lo, hi = max(cl.body, self._prev_end(cl, run[0])), run[0].a
        opens = not self._clean(lo, hi)  # the same for every value of the run (memoized)
        if _starts(text, 0, _post_starts()):
            return None
        verb = _starts(text, 0, self._direction_verbs())
        if verb and len(verb) > 1:
            return None  # 290.3亿元增加到…: a verb of change, not a noun (高血压 is one)
        if not opens and _starts(text, 0, _words("link_verb")):
            return None
        toks = _pos(text)
        if not toks or (toks[0][1][:1] in ("p", "d", "c", "u", "r", "m", "q") and not opens):
            return None
        if v.is_percentage and toks[0][1] == "v" and not opens:
            return None  # 临床用血100%来自无偿献血: what follows a share is its predicate, no noun
        stops = _post_stops()
        # 312个省市重点项目完成投资1856亿元: the noun ends at the verb whose object the next value measures
        governed = self._prep_before(cl, run[0])
        # …; 为100万患者提供服务: under a preposition the noun ends at the clause's verb as well
        verb_ends = (ci + 1 < len(cl.values)) != governed
        out: list[str] = []
        enumerated = "等" in text
        named = False
        last_tok = len(toks) - 1
        for i, (w, f) in enumerate(toks):
            if out and governed and not verb_ends and w in _ADVERBS:
                continue  # 为66.9万老年人累计投保3517万元: the adverb is the verb's, not the noun's end
            joined = w in _JOINERS and len(text) > len("".join(out)) + len(w) + 1
            if out and (w in stops or (f[:1] == "p" and not opens and not joined) or (f == "c" and w not in "和及与")):
                break
            if verb_ends and named and f == "v" and (len(w) > 1 or governed):
                break  # (应征受训青年: verbs before any noun modify it, they end nothing)
            if named and i == last_tok and w in _words("participation_verb"):
                break  # 近2000名学生参加: the people counted, then what they did
            if out and w in "“(（" and _RE_3.match(text[len("".join(out)) :]):
                break
            if w in "，,。；;：:" or (out and w == "、" and enumerated):
                break  # 1万余家小餐饮店墙面、餐桌…等醒目位置: a list closed by 等 is not the noun's
            out.append(w)
            named = named or f[:1] in "njt"  # (青年 is tagged a time word)
        res = "".join(out).rstrip("和及与、")
        for t in _words("trail"):
            if res.endswith(t) and len(res) > len(t):
                res = res[: -len(t)]
        return res[:24] or None

    def _prep_before(self, cl: _Clause, v: _Cand) -> bool:
        """累计向19.7万户职工家庭发放…: a preposition governs the count, so its noun is no agent."""
        lo = max(cl.body, self._prev_end(cl, v))
        text = self.norm[lo : v.a] if v.a > lo else ""
        scope = _ends(text, len(text), _words("scope"))
        if scope and len(text) > len(scope):
            text = text[: -len(scope)]  # 为全市2.6万名特困人员发放…: the scope word is the count's
        toks = _pos(text) if text else ()
        return bool(toks) and toks[-1][1] == "p"

    def _noun_does(self, cl: _Clause, before: _Cand, text: str) -> bool:
        """312个省市重点项目完成投资1856亿元: the previous count's noun is the agent of the verb
        that the value measures (no preposition before the count), so it stays in the subject."""
        noun = before.subject
        if noun is None or noun == "" or len(text) <= len(noun):
            return False  # (the noun alone does nothing: 等20个项目398公顷林地…)
        return text.startswith(noun) and not self._prep_before(cl, before)

    def _share_heads(self, cl: _Clause) -> None:
        """120个市重点和450多个县级重点项目: a short noun shares the next one's head (市重点项目)."""
        if len(cl.values) < 2:
            return
        for x, y in zip(cl.values, cl.values[1:], strict=False):
            if not (x.post_mode and y.post_mode and x.subject and y.subject):
                continue
            short, full = x.subject, y.subject
            if len(short) > 4 or len(full) <= len(short) + 1:
                continue
            for n in (2, 1):
                at = full.find(short[-n:])
                if at >= 0 and at + n < len(full):
                    x.subject = short + full[at + n :]
                    break

    def _distribute(self, cl: _Clause, run: list[_Cand], lo: int, prev_run: list[_Cand]) -> None:
        """职工、居民医疗保险基金分别达到44.98亿元、40.2亿元 → one subject per figure."""
        norm = self.norm
        first = run[0]
        start = max(cl.start, self._prev_end(cl, first))
        at = norm.find("分别", start, first.a)
        is_change = all(v.role == "own_change" for v in run)
        verb = self._clean(at + 2, first.a, change=is_change)
        verb_text = verb[0] if verb else ""
        got = self._clean(max(start, cl.body if cl.body <= at else start), at)
        items_text = got[0] if got else ""
        if not items_text and "、" in verb_text:
            items_text, verb_text = verb_text, ""
        items = _split_list(items_text)
        if not items and first.clause > 0:
            items = self._list_before(first.clause - 1, cl.sentence, len(run))
        if len(items) == 1 and len(run) == 2:
            # 城镇和农村居民人均可支配收入分别达到…、…: two items joined by 和
            m = regex.match(r"([^和及与]{2,6})(?:和|及|与)([^和及与]{2,})$", items[0])
            if m:
                first, second = m.group(1), m.group(2)
                n = len(first)  # parallel modifiers are as long as each other: 城镇/农村居民…
                if len(second) - n >= 2:
                    for v, subject in zip(run, (first + second[n:], second), strict=True):
                        v.subject = subject + verb_text
                    return
                items = [first, second]
        if len(items) == 1 and len(run) > 1:
            # 城乡居民人均可支配收入分别达到…和…: a pair word names the items (城镇…, 农村…)
            pair = _starts(items[0], 0, _words("pair_word"))
            parts = _cue_value("pair_word", pair).split("|") if pair else []
            if len(parts) == len(run) and len(items[0]) > len(pair or ""):
                for v, part in zip(run, parts, strict=True):
                    v.subject = part + items[0][len(pair or "") :] + verb_text
                return
        if len(items) == 1 and len(run) > 1 and len(prev_run) == len(run) and len(items[0]) <= 6:
            # 其中，玉米8.3万吨、大豆2.1万吨…，收购均价分别为1.32元、2.85元…: one attribute of each
            # item the clause before counted
            owners = [_head(p.subject or "") or (p.subject or "") for p in prev_run]
            if all(owners) and all(items[0] not in o for o in owners):
                for v, owner in zip(run, owners, strict=True):
                    v.subject = owner + items[0] + verb_text
                return
        if len(items) == len(run):
            subjects = _expand(items)
            for v, s in zip(run, subjects, strict=True):
                v.subject = s + verb_text
            return
        if prev_run and len(prev_run) >= len(run) and not items:
            for v, p in zip(run, prev_run[-len(run) :], strict=True):
                base = _head(p.subject or "") or (p.subject or "")
                v.subject = base + verb_text if verb_text and verb_text not in base else base
            return
        for v in run:
            self._subject(cl, v, run, prev_run)

    def _list_before(self, k: int, sentence: int, n: int) -> list[str]:
        """城乡建设、劳动保障、交通运输位列前三，分别为…: the ``n`` items listed by the clause before
        (of the same sentence, with no figure of its own), its predicate cut off the last one."""
        prev = self.clauses[k]
        if prev.sentence != sentence or prev.values or "、" not in self.norm[prev.start : prev.end]:
            return []
        got = self._clean(prev.body, prev.end)
        items = _split_list(got[0]) if got else []
        if len(items) != n:
            return []
        toks = _pos(items[-1])
        cut = next((i for i, (_w, f) in enumerate(toks) if f == "v" and i > 0), len(toks))
        items[-1] = "".join(w for w, _f in toks[:cut])
        return items

    # -- step 4: context --------------------------------------------------------------------------
    def _parent(self, v: _Cand, siblings: Sequence[_Cand] = ()) -> _Cand | None:
        """The total a 其中 figure is part of: the nearest earlier level of its unit in the paragraph.

        A bound (稳定在60万吨以上) is a threshold, not a total. Where an earlier level's metric shares
        two characters or more with the part's (粮食总产量 … 其中小麦产量; 在校学生 … 在校生), the one
        sharing most wins over a nearer one.
        """
        para = self.clauses[v.clause].paragraph
        nearest: _Cand | None = None
        sibling: _Cand | None = None  # the total of the latest earlier item of this breakdown in the unit
        best, best_shared = None, 1
        words = set(v.subject or "")
        for k in range(v.clause, max(-1, v.clause - _LOOK_BACK_CLAUSES), -1):
            cl = self.clauses[k]
            if cl.paragraph != para:
                break
            for p in reversed(cl.values):
                if p is v or p.a >= v.a or p.excluded or any(p is q for q in siblings):
                    continue  # the figures of one run (分别为16.2万件、12.8万件) are peers, not totals
                if sibling is None and p.part_of is not None and p.role == "level" and p.unit == v.unit:
                    sibling = p.part_of
                same_unit = p.unit == v.unit or (_counts_alike(p.unit, v.unit) and p.clause == v.clause - 1)
                # a part is never a total, even one whose own total was not found (从贸易方式看，一般贸易…
                # 398.6亿元…；加工贸易…42.5亿元: peers)
                in_breakdown = p.part_of is not None or p.in_part
                if p.role == "level" and not in_breakdown and same_unit and not self.clauses[p.clause].part:
                    if _is_bound(p.item):
                        continue
                    if nearest is None:
                        nearest = p
                    other = p.subject or ""
                    shared = len(words.intersection(other))
                    # 小麦产量 ~ 粮食总产量, 在校生 ~ 在校学生; not 新增高技能人才 ~ 城镇新增就业
                    if shared > best_shared and 2 * shared >= min(len(words), len(set(other))):
                        best, best_shared = p, shared
        return best or sibling or nearest

    def context(self, cands: list[_Cand]) -> None:
        document = self._document_period()
        heads = self._heads(communique=document is not None)
        scope_by_para: dict[int, str | None] = {}
        cum_sentence: dict[int, bool] = {}
        for cl in self.clauses:
            para = cl.paragraph
            if cl.scope:
                scope_by_para[para] = cl.scope
            if cl.cumulative_lead:
                cum_sentence[cl.sentence] = True
            if not cl.values:
                continue
            in_clause = self._scope_in_clause(cl)
            cumulative_clause = self.norm.find("累计", cl.start, cl.end) >= 0
            for v in cl.values:
                v.scope = self._scope(cl, v, in_clause) or scope_by_para.get(para)
                period = v.period = self._year_end(self._period(cl, v, heads, document), document)
                if not (isinstance(v.item, Quantity) and v.role == "level"):
                    v.cumulative = False  # only a level amount is cumulative
                    continue
                cumulative = cum_sentence.get(cl.sentence, False) or cumulative_clause
                if not cumulative_clause and v.item.category == "duration":
                    cumulative = False  # 办理用时压缩至0.5个工作日 under 截至…: a time limit, no stock
                elif not cumulative and period is not None:
                    ab = self.date_spans.get(id(period))
                    pa, pb = ab if ab is not None else self.source.normalize_span(period.span)
                    if self.norm[max(0, pa - 3) : pa].endswith(("截至", "截止", "截止到")):
                        cumulative = True
                    if period.text.rstrip().endswith(_words("stock_suffix")) or self.norm[pb : pb + 1] in _words(
                        "stock_suffix"
                    ):
                        cumulative = True
                v.cumulative = cumulative
        self._ranks(cands)

    def _scope(self, cl: _Clause, v: _Cand, in_clause: str | None) -> str | None:
        """The scope written at the value (全市…, …(全省)), else ``in_clause`` (see below)."""
        norm = self.norm
        w = _ends(norm, v.a, _words("scope"), cl.start)
        if w and norm[v.a - len(w) - 1 : v.a - len(w)] == "级":
            return in_clause  # 新增省级开发区2个: the zones counted, not where
        if w and _ends(norm, v.a - len(w), _words("baseline_verb"), cl.start):
            return in_clause  # 增长7.2%，高于全省1.2个百分点: 全省 is the baseline, not the scope
        if w:
            return _cue_value("scope", w)
        m = _RE_4.match(norm[v.b : v.b + 10]) if norm[v.b : v.b + 1] in ("(", "（") else None
        if m and m.group(1) in _words("scope"):
            return _cue_value("scope", m.group(1))
        return in_clause

    def _scope_in_clause(self, cl: _Clause) -> str | None:
        """在全省, 在菏泽市 anywhere in the clause, else the clause's leading scope (once per clause)."""
        norm = self.norm
        for m in _RE_5.finditer(norm, cl.start, cl.end):
            i = m.end()
            w = _starts(norm, i, _words("scope")) or _region_at(norm, i)
            if w:
                return _cue_value("scope", w) if w in _words("scope") else w
        return cl.scope

    def _heads(self, communique: bool = False) -> dict[int, DateMention]:
        """Paragraph → the article-head date governing it (今年以来, at a paragraph's start).

        In a statistical communiqué a paragraph opening with a date (1-9月，…) governs only itself:
        the paragraphs after it are the communiqué's year again."""
        heads: dict[int, DateMention] = {}
        current: DateMention | None = None
        art_starts = sorted(self.source.normalized_index(a.span.start) for a in self.doc.articles)
        k = 0
        for p, (a, b) in enumerate(self.paragraphs):
            while k < len(art_starts) and art_starts[k] <= a:
                current = None
                k += 1
            if b - a <= 30 and SECTION_HEAD.match(self.norm, a) and self.norm[b - 1 : b] not in "。;；":
                # a numbered section head (二、2024年主要目标) governs its section with its date, if any
                kk = bisect.bisect_left(self.date_starts, a)
                d_in = self.dates[kk][2] if kk < len(self.dates) and self.dates[kk][0] < b else None
                current = d_in if d_in is not None and d_in.kind is not DateKind.DATE else None
                continue
            i = a
            while i < b and self.norm[i] == " ":
                i += 1  # an indented paragraph (layout spaces and 　 are kept where lines start)
            w = _starts(self.norm, i, ("截至", "截止", "自", "从"))
            if w:
                i += len(w)
            kk = bisect.bisect_left(self.date_starts, i)
            if kk < len(self.dates) and self.dates[kk][0] == i:
                _, db, d = self.dates[kk]
                rest = self.norm[db : db + 3]
                if _RE_6.match(rest) and d.kind is not DateKind.DATE:
                    if communique or (w and w.startswith("截")):
                        # (截至年末，…: a cut-off is the point in time of its own paragraph's stocks)
                        heads[p] = d
                        continue
                    current = d
            if current is not None:
                heads[p] = current
        return heads

    def _document_period(self) -> DateMention | None:
        first = self.norm.lstrip().split("\n", 1)[0]
        if not any(w in first for w in _words("communique")):
            return None
        off = len(self.norm) - len(self.norm.lstrip())
        for a, _, d in self.dates:
            if a >= off + len(first):
                break
            if d.kind is DateKind.YEAR and d.resolved:
                return d
        return None

    def _period(
        self, cl: _Clause, v: _Cand, heads: dict[int, DateMention], document: DateMention | None
    ) -> DateMention | None:
        sent_start, _, para = self.sentences[cl.sentence]
        para_start = self.paragraphs[para][0]
        k = bisect.bisect_left(self.date_starts, v.a)
        # nearest date before the value in its clause, then after it in the clause, then in the sentence
        for j in range(k - 1, -1, -1):
            a, b, d = self.dates[j]
            if a < cl.start:
                break
            if self._date_of_other(b, v):
                continue
            return self._open(d, b, v.a)
        if k < len(self.dates) and self.dates[k][0] < cl.end and self.dates[k][2].resolved:
            return self.dates[k][2]  # 55种中选药品于11月份在我市落地实施
        for j in range(k - 1, -1, -1):
            a, b, d = self.dates[j]
            if a < sent_start:
                break
            if self._date_of_other(b, v):
                continue
            return self._open(d, b, v.a)
        # an adverbial date in an earlier sentence of the paragraph: not a day (an event, 3月23日),
        # and one that is never resolved (目前) only into the next sentence; 今年1—10月 without a
        # dateline is unresolved too, yet frames the paragraph
        lo = max(para_start, v.a - _LOOK_BACK_CHARS)
        for j in range(k - 1, max(-1, k - 1 - _LOOK_BACK_DATES), -1):
            a, b, d = self.dates[j]
            if a < lo:
                break
            if self._adverbial(a, b):
                opener = False
            elif self._opens_sentence(a) or self._opens_clause(a):
                # 全年发电量45.6亿千瓦时…。万元GDP能耗下降3.5%: 全年 frames what follows; so does
                # 记者获悉，2023年全市…收入…；其中税收收入…: a year opening a clause
                opener = True
            else:
                continue
            if d.kind is DateKind.DATE:
                if opener:
                    continue
                break
            if d.resolved is None and _never_resolved(d.text) and self.sentences[cl.sentence - 1][0] > a:
                break
            return self._open(d, b, v.a)
        head = heads.get(para)
        if head is not None:
            return head
        return document

    def _opens_clause(self, a: int) -> bool:
        """The date at ``a`` is the first word of its clause (after layout whitespace)."""
        k = self.clause_at(a)
        return k is not None and not self.norm[self.clauses[k].start : a].strip()

    def _opens_sentence(self, a: int) -> bool:
        """The date at ``a`` is the first word of its sentence (after layout whitespace)."""
        k = bisect.bisect_right(self.sentence_starts, a) - 1
        return k >= 0 and not self.norm[self.sentence_starts[k] : a].strip()

    @staticmethod
    def _year_end(period: DateMention | None, document: DateMention | None) -> DateMention | None:
        """In a communiqué a bare 年末/年底 is the last day of the communiqué's year."""
        if period is None or document is None or not document.resolved:
            return period
        if "".join(period.text.split()) in _words("year_end") and period.resolved == document.resolved[:4]:
            return attrs.evolve(period, resolved=f"{document.resolved[:4]}-12-31")
        return period

    def _date_of_other(self, b: int, v: _Cand) -> bool:
        """由2018年的290.3亿元增加到386.5亿元: a date ending at ``b`` that dates another figure
        right after it (…年的290.3亿元) is not the period of the later one."""
        i = b + 1 if self.norm.startswith("的", b) else b
        other = self.value_at.get(i)
        return other is not None and other is not v and other.a < v.a

    def _adverbial(self, a: int, b: int) -> bool:
        norm = self.norm
        if norm[max(0, a - 3) : a].endswith(("截至", "截止", "自", "从", "截止到")):
            return True
        if norm[a:b] in _words("year_end") and (a == 0 or norm[a - 1] in "\n。；;"):
            return True  # 年末全市…余额…；各项贷款余额…: a sentence-opening 年末 governs what follows
        return bool(_RE_7.match(norm[b : b + 4]))

    def _open(self, d: DateMention, b: int, until: int) -> DateMention:
        """2月14日，…推进会召开后，…相继开工 → the period runs from that day on."""
        if d.resolved and d.kind is DateKind.DATE and _RE_8.search(self.norm[b:until]):
            return attrs.evolve(d, resolved=f"{d.resolved}/..", kind=DateKind.RANGE, end=None)
        return d

    def _ranks(self, cands: list[_Cand]) -> None:
        # the level (and its place in ``cands``) each change belongs to, built once: a lookup per
        # rank, not a pass over every figure (a page of one paragraph holds thousands of ranks)
        owner: dict[int, list[tuple[int, _Cand]]] = {}
        for i, v in enumerate(cands):
            if v.change is not None:
                owner.setdefault(id(v.change), []).append((i, v))
        for r in self.doc.ranks:
            a, _ = self.source.normalize_span(r.span)
            k = self.clause_at(a)
            if k is None:
                continue
            cl = self.clauses[k]
            targets = [v for v in cl.values if v.b <= a and v.role == "level"]
            if not targets:
                before = self.norm[cl.start : a]
                if any(w in before for w in _words("rank_level_word")):
                    targets = self._sentence_amount(k)
                elif any(w in before for w in _words("rank_rate_word")):
                    targets = self._sentence_rate(k, owner)
                elif len(before.strip(" 、")) >= 3:
                    targets = self._sentence_namesake(k, before)
                    if not targets and any(w in before for w in _words("rank_own_subject")):
                        continue  # 追回医保基金2860万元，基金监管考核成绩居全省第2位: an evaluation's rank
            if not targets and k > 0 and self.clauses[k - 1].sentence == cl.sentence:
                prev = self.clauses[k - 1].values
                targets = [v for v in prev if v.role in ("level", "own_change")]
                if not targets and prev and all(v.role == "change" for v in prev):
                    # 粮食总产量726.4万吨，比上年增长1.8%，居全省第3位: the rank goes to the level the
                    # change clause belongs to
                    found = sorted(iv for p in prev for iv in owner.get(id(p), ()))
                    targets = [v for _, v in found]
                if k > 1 and "和" in self.norm[cl.start : a] and self.clauses[k - 2].sentence == cl.sentence:
                    targets = [v for v in self.clauses[k - 2].values if v.role == "level"] + targets
            if not targets:
                targets = [v for v in cl.values if v.role in ("level", "own_change") and v.a > a][:1]
            for v in targets:
                if v.rank is None:
                    v.rank = r

    def _sentence_namesake(self, k: int, words: str) -> list[_Cand]:
        """…发放创业担保贷款12.6亿元，…，贷款发放量居全省第2位: the level of the sentence whose subject
        shares most characters (three at least) with the words the rank clause opens with."""
        wanted = set(words) - set(_words("rank_verb_chars"))
        best: _Cand | None = None
        best_shared = 2
        for cl in self._earlier_in_sentence(k):
            for v in cl.values:
                shared = len(wanted.intersection(v.subject or ""))
                if v.role == "level" and shared > best_shared:
                    best, best_shared = v, shared
        return [best] if best is not None else []

    def _sentence_first(self, cl: _Clause) -> _Cand | None:
        """The first level figure of ``cl``'s sentence, in an earlier clause."""
        k = self.clause_at(self.sentences[cl.sentence][0])
        while k is not None and k < len(self.clauses) and self.clauses[k] is not cl:
            for v in self.clauses[k].values:
                if v.role == "level" and not v.excluded:
                    return v
            k += 1
        return None

    def _earlier_in_sentence(self, k: int) -> Iterator[_Clause]:
        """The clauses before clause ``k`` in its sentence, nearest first (a bounded look-back)."""
        sentence = self.clauses[k].sentence
        for j in range(k - 1, max(-1, k - _LOOK_BACK_CLAUSES), -1):
            cl = self.clauses[j]
            if cl.sentence != sentence:
                return
            yield cl

    def _sentence_amount(self, k: int) -> list[_Cand]:
        """The nearest amount (a level quantity) in the clauses before clause ``k`` of its sentence."""
        for cl in self._earlier_in_sentence(k):
            for v in reversed(cl.values):
                if v.role == "level" and isinstance(v.item, Quantity):
                    return [v]
        return []

    def _sentence_rate(self, k: int, owner: dict[int, list[tuple[int, _Cand]]]) -> list[_Cand]:
        """The nearest growth rate before clause ``k`` in its sentence: its own line, or the line of
        the level it is the change of; a gap in points (高于全省4.6个百分点) is passed over."""
        for cl in self._earlier_in_sentence(k):
            for v in reversed(cl.values):
                if not isinstance(v.item, Percentage) or v.item.kind is not PercentKind.PERCENT:
                    continue
                if v.role == "own_change":
                    return [v]
                if v.role == "change":
                    return [v for _, v in sorted(owner.get(id(v), ()))][:1]
        return []

    # -- step 5: results --------------------------------------------------------------------------
    def indicators(self, cands: list[_Cand]) -> list[Indicator]:
        rows = [c for c in cands if not c.excluded and c.role != "change"]
        rows.sort(key=lambda c: c.a)
        index = {id(c): i for i, c in enumerate(rows)}
        out: list[Indicator] = []
        article_of = self.doc.article_finder()
        clause_spans: dict[int, tuple[Span, str]] = {}
        for c in rows:
            got = clause_spans.get(c.clause)
            if got is None:
                cl = self.clauses[c.clause]
                start = self.byline_end.get(cl.start, cl.start)  # a byline opening it is not quoted
                span = self.source.span(start if start < cl.end else cl.start, cl.end)
                got = clause_spans[c.clause] = (span, self.source.original[span.start : span.end])
            span, text = got
            article = article_of(c.item)
            subject_span = None
            if c.subject_range is not None:
                s = self.source.span(*c.subject_range)
                if self.source.original[s.start : s.end] == c.subject:
                    subject_span = s
            direction = c.direction
            if c.role == "abs_change" and direction is None:
                verb = _ends(self.norm, c.a, _words("abs_change_verb"))
                direction = Direction(_cue_value("abs_change_verb", verb)) if verb else None
            change = c.change.item if c.change is not None else None
            out.append(
                Indicator(
                    span=span,
                    text=text,
                    subject=c.subject,
                    subject_span=subject_span,
                    value=c.item,
                    scope=c.scope,
                    agency=article.agency if article is not None else None,
                    value_is_change=c.role in ("own_change", "abs_change"),
                    period=c.period,
                    change=change if isinstance(change, Percentage) else None,
                    comparison=c.comparison,
                    cumulative=c.cumulative,
                    rank=c.rank,
                    article_index=article.index if article is not None else None,
                    part_of=index.get(id(c.part_of)) if c.part_of is not None else None,
                    change_of=index.get(id(c.change_of)) if c.change_of is not None else None,
                    direction=direction if c.role in ("own_change", "abs_change") else None,
                )
            )
        return out


# -- small text helpers -------------------------------------------------------------------------


def _word_starts(toks: Sequence[tuple[str, str]]) -> list[int]:
    """Where each word of a segmentation starts in the segmented text."""
    starts: list[int] = []
    o = 0
    for w, _ in toks:
        starts.append(o)
        o += len(w)
    return starts


def _clean_text(text: str) -> str:
    text = _comparison_re().sub("", text)
    changed = True
    while changed and text:
        changed = False
        w = _starts(text, 0, _combined(("lead", "scope"), ("、",)))
        if w:
            text = text[len(w) :]
            changed = True
        w = _ends(text, len(text), _combined(("trail", "link_verb")))
        if w and len(text) > len(w):
            text = text[: -len(w)]
            changed = True
    return text


def _split_list(text: str) -> list[str]:
    """Split at 、 outside quotes and brackets."""
    items: list[str] = []
    depth = 0
    cur: list[str] = []
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        if ch == "、" and depth == 0:
            items.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur))
    return [i for i in items if i]


def _expand(items: Sequence[str]) -> list[str]:
    """职工、居民医疗保险基金 → 职工医疗保险基金, 居民医疗保险基金; a leading verb is shared."""
    items = list(items)
    verb = ""
    toks = _pos(items[0])
    if len(toks) > 1 and toks[0][1] == "v":
        verb = toks[0][0]
        items[0] = items[0][len(verb) :]
    # 第一、二、三产业增加值 → the ordinal mark is shared
    if items[0].startswith("第"):
        items = [it if it.startswith("第") or it[:1] not in _NUMERAL_CHARS else "第" + it for it in items]
    last = items[-1]
    last_toks = _pos(last)
    tail = last[len(last_toks[0][0]) :] if len(last_toks) > 1 else ""
    width = len(items[-2])
    if len(last_toks) > 1 and len(last_toks[0][0]) > width >= 2 and len(last) - width >= 2:
        tail = last[width:]  # 城镇、农村居民人均消费支出: 农村居民 is one word, the modifier is 农村
    out = []
    for it in items[:-1]:
        if tail and len(it) <= 3 and len(last) > len(it) + 1:
            out.append(verb + it + tail)
        else:
            out.append(verb + it)
    # 一般公共预算收入、支出 → the first item's modifier is shared
    first_toks = _pos(items[0])
    if len(last) <= 3 and len(items[0]) > len(last) + 1 and len(first_toks) > 1:
        last = items[0][: len(items[0]) - len(first_toks[-1][0])] + last
    out.append(verb + last)
    return out


_THRESHOLD_QUALIFIERS = frozenset(
    {Qualifier.ABOVE, Qualifier.BELOW, Qualifier.WITHIN, Qualifier.INSIDE, Qualifier.SHORT_OF, Qualifier.UNDER}
)


def _is_bound(item: Value) -> bool:
    """A figure written as a threshold (60万吨以上, 不足5000元) rather than a measured amount."""
    return isinstance(item, Quantity) and item.qualifier in _THRESHOLD_QUALIFIERS


@functools.cache
def _timeless_words() -> frozenset[str]:
    """Date words the dates layer never resolves (目前, 近年来): relative_dates.tsv, anchor none."""
    return frozenset(r["word"] for r in read_table("relative_dates.tsv") if r["anchor"] == "none")


def _quotes_only(norm: str, a: int, b: int) -> bool:
    """The quotes around ``norm[a:b]`` hold that date alone (“十三五”以来), not a title that names it."""
    return norm[a - 1 : a] in ("“", "‘", '"') and a > 0 and norm[b : b + 1] in ("”", "’", '"') and b < len(norm)


def _never_resolved(text: str) -> bool:
    return "".join(text.split()) in _timeless_words()


def _object_noun(subject: str) -> str:
    """The thing a subject counts, without the action before it: 新开工棚户区改造安置住房 → 棚户区改造安置住房."""
    toks = list(_pos(_head(subject) or subject))
    actions = _words("action_lead")
    while len(toks) > 1 and (toks[0][1] == "v" or toks[0][0] in actions):
        toks.pop(0)
    return "".join(w for w, _ in toks)


def _counts_alike(a: str | None, b: str | None) -> bool:
    """人 and 人次, 户 and 户次: a total counted in visits holds a part counted in heads."""
    return bool(a and b) and (a == f"{b}次" or b == f"{a}次")


def _noun_by_suffix(word: str) -> bool:
    """罚没款, 手续费: a word of three characters or more ending in a noun suffix names a thing."""
    return len(word) >= 3 and word[-1] in _words("noun_suffix")


def _sibling_metric(prev: str, label: str) -> str | None:
    """职工医保基金收入 + 当期结余 → 职工医保基金当期结余: a short metric written after another
    of the same owner takes the owner (the previous subject without its own metric word)."""
    heads = _words("metric_head")
    own = _ends(prev, len(prev), heads)
    if not own or label not in heads or own == label or label.endswith(own):
        return None  # 肉类总产量…其中猪肉产量: a label with a modifier of its own is a metric of its own
    owner = prev[: len(prev) - len(own)]
    if len(owner) < 2 or label.startswith(owner) or owner.endswith(("的", "、", "和")):
        return None
    return owner + label


def _head(subject: str) -> str:
    """The metric's head noun phrase: 通过国家审核的债券项目 → 债券项目; 省级…项目完成投资 → 省级…项目."""
    if "的" in subject:
        subject = subject.rsplit("的", 1)[1]
    toks = list(_pos(subject))
    while toks and toks[0][1] == "v" and len(toks) > 1 and sum(len(w) for w, _f in toks[1:]) >= 2:
        toks.pop(0)  # a leading verb: 新增省级… → 省级… (not 求助类 → 类)
    cut = len(toks)
    # a verb inside a compound that ends in a noun modifies it (棚户区改造安置住房, 参保人数): no cut
    ends_in_noun = bool(toks) and toks[-1][1] in ("n", "nz", "ng")
    for i in range(len(toks) - 1, 0, -1):
        if ends_in_noun:
            break
        if toks[i][1] == "v" and toks[i - 1][1].startswith(_NOUNISH) and toks[i - 1][1] != "b":
            cut = i
            break
    if cut == 1 and len(toks[0][0]) <= 2:
        cut = len(toks)  # 城镇新增就业: a lone short noun (城镇) is a modifier, not the metric
    return "".join(w for w, _ in toks[:cut])


# -- public -------------------------------------------------------------------------------------


def extract_indicators(text_or_document: str | Document) -> list[Indicator]:
    """The indicators of a text or of a parsed :class:`~govreport.types.Document`.

    One row per reported figure; a percentage that states how a figure changed becomes that row's
    ``change`` instead of a row of its own. ``分别`` lists are distributed:

    >>> rows = extract_indicators("截至2023年底,全市职工、居民医疗保险参保人数分别达到125.8万人、693.6万人。")
    >>> [(r.subject, str(r.value.value), r.scope, r.cumulative) for r in rows]
    [('职工医疗保险参保人数', '1258000', '全市', True), ('居民医疗保险参保人数', '6936000', '全市', True)]

    A growth rate with no level is a row whose ``value_is_change`` is True:

    >>> r = extract_indicators("规模以上工业增加值同比增长7.1%。")[0]
    >>> r.subject, r.value.text, r.value_is_change, r.comparison
    ('规模以上工业增加值', '7.1%', True, '同比')
    """
    if isinstance(text_or_document, Document):
        if text_or_document.indicators:
            return list(text_or_document.indicators)
        return indicators_from_document(text_or_document, SourceText(text_or_document.text))
    if not isinstance(text_or_document, str):
        raise TypeError(f"extract_indicators() expects str or Document, not {type(text_or_document).__name__}")
    from govreport.document import parse

    return list(parse(text_or_document).indicators)


def indicators_from_document(doc: Document, source: SourceText) -> list[Indicator]:
    """The indicators of ``doc``, read from its quantities, percentages, dates, ranks and articles."""
    if not doc.quantities and not doc.percentages:
        return []
    reader = _Reader(doc, source)
    cands = reader.candidates()
    reader.prepare_clauses()
    reader.read_sentences()
    reader.context(cands)
    return reader.indicators(cands)


_ = (Article, Decimal, Span)  # re-exported types used in annotations of helpers
