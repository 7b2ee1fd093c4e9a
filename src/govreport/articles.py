"""Article segmentation: split a newspaper page or a report compilation into its blocks.

A page is a sequence of lines. Each line is classified (headline-like, byline, continuation
marker, photo caption, site clutter, agency-name label, body) from the cue words and patterns in
``govreport/data/articles.json``; one pass over the lines then groups them into
:class:`~govreport.types.Article` blocks:

* **article**: a headline block (kicker 引题, title, subtitle), an optional byline
  (本报讯(牡丹晚报全媒体记者 武霏), ■本报记者 王粲, 新华社北京11月27日电(记者 …)) and the body;
  a headline with no byline starts an article only where none is open, so in-article subheads
  stay inside their article. Untitled text (department reports in a compilation) is split where a
  paragraph opens with a new agency (今年以来,市医疗保障局…), which becomes ``agency``.
  A report's own title (市退役军人事务局2023年工作总结) or an official document's (关于…的决定 under
  its issuers) opens a new article even inside a compilation, and a brief whose bold title runs
  into its text (**太仓举办人才招聘会** 3月9日,…(朱敏)) is an article of its own.
* **caption**: a photo caption (a credit 通讯员 张龙 摄, or a short line after an image gap);
  it may sit inside its parent article's span (``parent_index``).
* **continuation**: the tail of an article from another page ((上接1版A)…).
* **section_header**: a column header above a headline (2023济宁高质量发展成就巡礼, 要闻, 简讯).
* **layout_residue**: lists of agency labels detached from their sections, site clutter.

Every block has an exact ``span`` into the original input, ``text == input[span]``; top-level
blocks never overlap and, with the whitespace between them, cover the input.

>>> page = "菏泽首届儿童友好季启动\\n\\n本报讯(牡丹晚报全媒体记者 李艳粉) 7月7日,活动正式启动。"
>>> [(a.kind.value, a.title, a.dateline) for a in split_articles(page)]
[('article', '菏泽首届儿童友好季启动', '7月7日')]
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Sequence
from typing import Any

import attrs

from govreport._data import read_text
from govreport.text import SourceText, _fold, _is_signature, display_width, shared_source
from govreport.types import Article, ArticleKind, Byline, Span

__all__ = ["articles_from_source", "split_articles"]

_HAN = "\u4e00-\u9fff\u3400-\u4dbf"
_TERMINAL = "。！？!?；;…"
_SENTENCE_END = frozenset("。！？!?；;…”\"')）")
_NO_HEAD_END = frozenset("。！？!?；;：:…,，、")
_SPACES = " \t\r\f\v\u3000\u00a0"
_LOOK = 400  # characters of a line examined by the line classifier (keeps the pass linear)

# line kinds
_BODY, _HEAD, _BYLINE, _CONT, _CAPTION, _CLUTTER, _AGENCIES, _META, _DATE, _RUNIN = range(10)
# a news brief whose bold title runs into its text: **太仓举办人才招聘会** 3月9日，…（朱敏）
_RUNIN_RE = re.compile(rf"\*\*(?P<title>[^*\n]{{4,30}}?)\*\*[{_SPACES}]*(?P<rest>\S.*)", re.S)
# a named outlet opening a photo credit before the role word: 牡丹晚报全媒体记者 王璐 摄
_CAPTION_OUTLET = re.compile("([\u4e00-\u9fff]{2,4}(?:晚报|日报|都市报))(?=[\u4e00-\u9fff]*(?:记者|通讯员))")
_NAME_CREDIT = re.compile(rf"[(（][{_SPACES}]*[{_HAN}]{{2,4}}(?:[{_SPACES}、]+[{_HAN}]{{2,4}})*[{_SPACES}]*[)）]$")


@attrs.frozen
class _Rules:
    openers: tuple[str, ...]
    place_opener: re.Pattern[str]
    markers: str
    wire: re.Pattern[str]
    roles: tuple[tuple[str, str], ...]
    role_after: dict[str, str]
    outlet_self: frozenset[str]
    credit: re.Pattern[str]
    caption_markers: tuple[str, ...]
    cont_from: re.Pattern[str]
    cont_to: re.Pattern[str]
    dateline: re.Pattern[str]
    date_line: re.Pattern[str]
    report_openers: tuple[str, ...]
    report_opener: re.Pattern[str]
    agency: re.Pattern[str]
    agency_line: re.Pattern[str]
    leadership: frozenset[str]
    abbreviations: tuple[tuple[str, str], ...]
    meta: re.Pattern[str]
    clutter: re.Pattern[str]
    masthead: re.Pattern[str]
    subhead: re.Pattern[str]
    inline_split: re.Pattern[str]
    report_title: re.Pattern[str]
    column_label: re.Pattern[str]
    doc_title: re.Pattern[str]
    end_credit: re.Pattern[str]
    bare_credit: re.Pattern[str]
    max_title: int


@functools.cache
def _rules() -> _Rules:
    """The cue words and patterns of ``data/articles.json``, compiled once."""
    data: dict[str, Any] = json.loads(read_text("articles.json"))
    suffixes = "|".join(sorted(map(re.escape, data["agency_suffixes"]), key=len, reverse=True))
    agency = rf"(?:[{_HAN}]{{1,8}}?[省市县区州盟旗]|[市省县区镇乡])(?:[{_HAN}]{{1,14}}?)(?:{suffixes})"
    openers = tuple(sorted(data["byline_openers"], key=len, reverse=True))
    wire = data["wire_dateline_re"]
    place_opener = data["place_opener_re"]
    inline_alt = "|".join(re.escape(o) for o in openers if o.endswith("讯")) + "|" + wire.lstrip("^")
    inline_alt += "|" + place_opener
    return _Rules(
        openers=openers,
        place_opener=re.compile(place_opener),
        markers=data["byline_markers"],
        wire=re.compile(wire),
        roles=tuple(sorted(data["roles"].items(), key=lambda kv: len(kv[0]), reverse=True)),
        role_after=dict(data["role_after_name"]),
        outlet_self=frozenset(data["outlet_self"]),
        credit=re.compile(data["caption_credit_re"]),
        caption_markers=tuple(data["caption_markers"]),
        cont_from=re.compile(data["continued_from_re"]),
        cont_to=re.compile(data["continued_to_re"]),
        dateline=re.compile(data["dateline_re"]),
        date_line=re.compile(data["date_line_re"]),
        report_openers=tuple(sorted(data["report_openers"], key=len, reverse=True)),
        report_opener=re.compile(data["report_opener_re"]),
        agency=re.compile(agency),
        agency_line=re.compile(rf"[{_HAN}]{{1,18}}(?:{suffixes}|人民政府)"),
        leadership=frozenset(data["leadership"]),
        abbreviations=tuple(sorted(data["agency_abbreviations"].items(), key=lambda kv: -len(kv[0]))),
        meta=re.compile(data["meta_re"]),
        clutter=re.compile(data["clutter_re"]),
        masthead=re.compile(data["masthead_re"]),
        subhead=re.compile(data["subhead_re"]),
        inline_split=re.compile(rf"(?<=[。！？!?”])[{_SPACES}]*(?=(?:{inline_alt}))"),
        report_title=re.compile(data["report_title_re"]),
        end_credit=_end_credit(data["roles"]),
        bare_credit=_bare_credit(data["roles"]),
        column_label=re.compile(data["column_label_re"]),
        doc_title=re.compile(data["doc_title_re"]),
        max_title=int(data["max_title_chars"]),
    )


def _end_credit(roles: dict[str, str]) -> re.Pattern[str]:
    """A credit in brackets on a line of its own after the last paragraph: (记者 李想), (通讯员 王五)."""
    role = "|".join(sorted((re.escape(w) for w, kind in roles.items() if len(w) >= 2 and kind != "photographer"),
                           key=len, reverse=True))
    names = rf"[{_HAN}]{{2,4}}(?:[\s、]+[{_HAN}]{{2,4}})*"
    return re.compile(rf"[(（]\s*(?:{role})\s*{names}(?:\s+(?:{role})\s*{names})*\s*[)）]")


def _bare_credit(roles: dict[str, str]) -> re.Pattern[str]:
    """A credit without brackets on a line of its own (记者 王强 通讯员 李明, 记者王强 通讯员李明): a
    space after the role word, or a second role, tells it from a headline (通讯员风采展示)."""
    role = "|".join(sorted((re.escape(w) for w, kind in roles.items() if len(w) >= 2 and kind != "photographer"),
                           key=len, reverse=True))
    names = rf"[{_HAN}]{{2,4}}(?:[\s、]+[{_HAN}]{{2,4}})*"
    return re.compile(
        rf"(?:{role})(?:\s+{names}(?:\s+(?:{role})\s*{names})*|{names}(?:\s+(?:{role})\s*{names})+)"
    )


def split_articles(text: str) -> list[Article]:
    """Split a page (a newspaper page, a web page, a report compilation) into its blocks.

    Returns articles, captions, continuations, section headers and layout residue, sorted by
    ``span.start``. Never raises on a ``str``.

    >>> page = (
    ...     "张伦视察政务服务热线,并鼓励大家——\\n\\n全面解决群众问题\\n\\n"
    ...     "本报讯(牡丹晚报全媒体记者 孟欣 通讯员 王瑞群) 2月24日上午,张伦来到热线。"
    ... )
    >>> art = split_articles(page)[0]
    >>> art.kicker, art.title, art.dateline
    ('张伦视察政务服务热线,并鼓励大家——', '全面解决群众问题', '2月24日上午')
    >>> art.byline.outlet, art.byline.reporters, art.byline.correspondents
    ('牡丹晚报', ('孟欣',), ('王瑞群',))
    >>> split_articles("")
    []
    """
    if not isinstance(text, str):
        raise TypeError(f"split_articles() expects str, not {type(text).__name__}")
    return articles_from_source(shared_source(text))


def articles_from_source(source: SourceText) -> list[Article]:
    """The blocks of an already built :class:`~govreport.text.SourceText` (used by ``parse``).

    >>> from govreport.text import SourceText
    >>> src = SourceText("(上接1版A)会议还对当前工作进行了安排部署。")
    >>> [(a.kind.value, a.continued_from) for a in articles_from_source(src)]
    [('continuation', '1版A')]
    """
    return _Splitter(source).run()


# -- lines ---------------------------------------------------------------------------------------


class _Line:
    """One logical line: an original line, a part of one (glued news items) or, in fixed-width
    layouts, the wrapped lines of one paragraph."""

    __slots__ = ("end", "fold", "gap", "kind", "md", "plain", "start")

    def __init__(self, start: int, end: int, gap: int, fold: str) -> None:
        self.start = start  # first non-space character
        self.end = end  # after the last non-space character
        self.gap = gap  # blank lines between the previous logical line and this one
        self.fold = fold  # original[start:end], width-folded 1:1 (offsets preserved)
        stripped = fold.lstrip()
        self.md = stripped.startswith("#")
        plain = stripped.lstrip("#").replace("**", "") if ("#" in fold[:8] or "**" in fold) else fold
        self.plain = " ".join(plain.split()) if len(plain) <= _LOOK else plain.strip()
        self.kind = _BODY


def _md_level(line: _Line) -> int:
    """The number of # opening a markdown heading line (0 for any other line)."""
    stripped = line.fold.lstrip()
    return len(stripped) - len(stripped.lstrip("#"))


def _physical_lines(text: str) -> list[tuple[int, int, int]]:
    """(start, end, blank lines before) of each non-blank line, whitespace-trimmed."""
    out: list[tuple[int, int, int]] = []
    n = len(text)
    prev_end = 0
    pos = 0
    while True:
        m = _NONSPACE.search(text, pos)
        if m is None:
            return out
        a = m.start()
        line_start = text.rfind("\n", 0, a) + 1
        nl = text.find("\n", a)
        b = n if nl < 0 else nl
        while b > a and text[b - 1].isspace():
            b -= 1
        newlines = text.count("\n", prev_end, line_start)
        out.append((a, b, max(newlines - 1, 0) if out else newlines))
        prev_end = b
        pos = n if nl < 0 else nl + 1


_NONSPACE = re.compile(r"\S")


# -- drafts --------------------------------------------------------------------------------------


class _Draft:
    """An article being assembled."""

    __slots__ = (
        "agency",
        "body_first",
        "body_start",
        "byline",
        "captions",
        "continued_from",
        "dateline",
        "first",
        "kicker",
        "kind",
        "last",
        "paras",
        "parent",
        "subheads",
        "subtitle",
        "title",
    )

    def __init__(self, kind: ArticleKind, first: int) -> None:
        self.kind = kind
        self.first = first  # index of the first line
        self.last = first  # index of the last line
        self.body_first: int | None = None  # index of the first body line
        self.body_start: int | None = None  # original offset where the body starts
        self.kicker: str | None = None
        self.title: str | None = None
        self.subtitle: str | None = None
        self.byline: Byline | None = None
        self.dateline: str | None = None
        self.agency: str | None = None
        self.continued_from: str | None = None
        self.subheads: list[str] = []
        self.captions: list[_Draft] = []
        self.paras = 0
        self.parent: _Draft | None = None


class _Splitter:
    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.text = source.original
        self.rules = _rules()
        self.folded = ""
        self.lines = self._join_credits(self._logical_lines())
        self.labels: list[str] = []
        kinds: dict[str, int] = {}  # a line's kind depends on its text only: repeated lines cost once
        for line in self.lines:
            kind = kinds.get(line.fold)
            if kind is None:
                kind = self._classify(line)
                if len(line.fold) <= _LOOK:
                    kinds[line.fold] = kind
            line.kind = kind
            if line.kind == _AGENCIES:
                self.labels.extend(line.plain.split())
        self._unwrap_heads()
        self.has_bylines = any(line.kind == _BYLINE for line in self.lines)
        self.hb_starts: frozenset[int] = frozenset()

    # -- building lines ----------------------------------------------------------------------
    def _logical_lines(self) -> list[_Line]:
        text = self.text
        self.folded = folded = _fold(text)  # width folding is 1:1: lines slice it at their own offsets
        out: list[_Line] = []
        split = self.rules.inline_split
        for a, b, gap in _physical_lines(text):
            pieces = [a]
            if b - a > 20 and ("讯" in text[a:b] or "电" in text[a:b]):
                pieces += [m.end() for m in split.finditer(text, a, b) if a < m.end() < b]
            pieces.append(b)
            for k in range(len(pieces) - 1):
                s, e = pieces[k], pieces[k + 1]
                while e > s and text[e - 1].isspace():
                    e -= 1
                if s < e:
                    line = _Line(s, e, gap if k == 0 else 0, folded[s:e])
                    if line.plain:
                        out.append(line)
                    elif k == 0:
                        gap += 1  # a line of markup only (#, **) counts as blank
        if self.source.fixed_width and out:
            out = self._merge_wrapped(out)
        return out

    def _join_credits(self, lines: list[_Line]) -> list[_Line]:
        """A photo credit on a line of its own (本报记者 王晓 摄) under a short line: one caption."""
        credit = self.rules.credit
        out: list[_Line] = []
        for line in lines:
            prev = out[-1] if out else None
            if (
                prev is not None
                and line.gap == 0
                and len(line.plain) <= 24
                and credit.fullmatch(line.plain) is not None
                and len(prev.plain) <= 80
                and not credit.search(prev.plain)
                and prev.plain[-1:] in _SENTENCE_END
            ):
                out[-1] = _Line(prev.start, line.end, prev.gap, self.folded[prev.start : line.end])
            else:
                out.append(line)
        return out

    def _merge_wrapped(self, lines: list[_Line]) -> list[_Line]:
        """Fixed-width layouts: rejoin the lines of one paragraph where the text layer joined them."""
        ni = self.source.normalized_index
        merged: list[_Line] = []
        first = last = lines[0]  # the paragraph being joined (built once, when it ends: linear)

        def close() -> None:
            if first is last:
                merged.append(first)
            else:
                fold = self.folded[first.start : last.end]
                merged.append(_Line(first.start, last.end, first.gap, fold))

        for line in lines[1:]:
            if ni(last.end) == ni(line.start) and not first.md and not line.md:
                last = line
            else:
                close()
                first = last = line
        close()
        return merged

    def _unwrap_heads(self) -> None:
        """A headline-like line that is the first line of a hard-wrapped paragraph is body:
        ``2023年,…在县委、县政府的坚强领导下,全县上⏎下坚持…`` (a sentence's comma in it, the text
        layer joining it to the body line right under it)."""
        lines = self.lines
        ni = self.source.normalized_index
        for k in range(len(lines) - 1):
            line, nxt = lines[k], lines[k + 1]
            if (
                line.kind == _HEAD
                and nxt.kind == _BODY
                and nxt.gap == 0
                and len(line.plain) >= 16
                and any(c in line.plain for c in ",，;；")
                and " " not in line.plain
                and ni(line.end) == ni(nxt.start)
            ):
                line.kind = _BODY
            elif (
                line.kind == _BODY and line.md and nxt.md and nxt.kind == _HEAD and nxt.gap == 0
                and len(line.plain) <= 16 and line.plain.endswith((":", "："))
            ):
                line.kind = _HEAD  # ## 温州鹿城:⏎## “一老一小”服务有温度: one headline over two lines

    # -- classifying lines -------------------------------------------------------------------
    def _classify(self, line: _Line) -> int:
        r = self.rules
        plain = line.plain
        if not plain.strip("#* "):
            return _BODY  # markup only (**#): no rule below can match it
        head = plain[:_LOOK]
        body = head.lstrip(r.markers + " ")
        if r.cont_from.match(head):
            return _CONT
        if len(plain) <= 60 and r.masthead.match(plain.strip("#* ")):
            return _CLUTTER  # # 牡丹晚报, **株洲日报** 2024年3月15日 星期五: a masthead, no headline
        if self._run_in(line) is not None:
            return _RUNIN
        if body.startswith(r.openers) or r.wire.match(body) or r.place_opener.match(body):
            return _BYLINE
        n = len(plain)
        if (
            head[:1] in r.markers
            and n <= 40
            and not any(c in _TERMINAL for c in plain)
            and any(body.startswith(w) for w, _ in r.roles if len(w) >= 2)
        ):
            return _BYLINE  # ■融媒记者 孙明 通讯员 赵刚: a bulleted credit line under a headline
        if n <= 120 and r.meta.search(plain) and not plain.endswith(tuple(_TERMINAL)):
            return _META
        if n <= 200 and r.clutter.search(plain):
            return _CLUTTER
        if n <= 40 and plain[0] in "(（[【" and plain[-1] in ")）]】" and r.clutter.search(plain[1:-1].strip()):
            return _CLUTTER  # (责任编辑:王芳): an editor's line in brackets is page furniture too
        if n > r.max_title + 40:
            return _BODY
        if r.date_line.match(plain):
            return _DATE
        tokens = plain.split()
        if tokens and all(r.agency_line.fullmatch(t) for t in tokens) and all(map(_is_signature, tokens)):
            return _AGENCIES  # not 我市经济实现良好开局: the gazetteer must know each name
        if n <= 60 and (r.credit.search(plain) or any(m in plain for m in r.caption_markers)):
            return _CAPTION
        if n <= 40 and (r.end_credit.fullmatch(plain) or r.bare_credit.fullmatch(plain)):
            return _BODY  # (记者 李想) under the last paragraph: the article's credit, no headline
        if n <= r.max_title and plain[-1] in ")）]】" and (
            self._ends_continued(plain) or r.cont_to.match(plain.strip(" #*"))
        ):
            # 下一步,全市将…完成任务。(下转第3版): the last line of a paragraph; a (下转第3版) line of
            # its own ends the article above it too, and is no headline
            return _BODY
        # a markdown heading (## 全市…会议召开。2024年,…将—— 稳就业…) may run longer than a bare title
        limit = r.max_title + 40 if line.md else r.max_title
        if n <= limit and plain[-1] not in _NO_HEAD_END and _has_han(plain) and not self._cut_line(line):
            if len(tokens) >= 4 and all(len(t) <= 6 for t in tokens) and not _letter_spaced(tokens):
                return _CLUTTER  # a menu bar: 首页 新闻 政务 服务 (but not 政 府 工 作 报 告)
            return _HEAD
        return _BODY

    def _run_in(self, line: _Line) -> re.Match[str] | None:
        """A brief with a bold run-in title: the text after the title opens with a date or ends with
        a bracketed credit (（朱敏）); a bold lead-in of an article's paragraph does neither."""
        fold = line.fold[:_LOOK]
        if not fold.startswith("**"):
            return None
        m = _RUNIN_RE.match(fold)
        if m is None or not _has_han(m.group("title")) or any(c in _TERMINAL for c in m.group("title")):
            return None
        rest = m.group("rest").rstrip()
        if self.rules.dateline.match(rest) or _NAME_CREDIT.search(rest) or self.rules.end_credit.search(rest):
            return m
        return None

    def _ends_continued(self, plain: str) -> bool:
        """Does the line end in a continuation marker (下转第3版) after text of its own?"""
        m = self.rules.cont_to.search(plain)
        return m is not None and bool(plain[: m.start()].strip(" #*"))

    def _cut_line(self, line: _Line) -> bool:
        """Fixed-width layouts: does the line run to the full width (a paragraph cut by a page
        break, not a heading)?"""
        width = self.source.wrap_width
        if width is None:
            return False
        last = line.fold[line.fold.rfind("\n") + 1 :].strip()
        return display_width(last) >= width - 8

    def _big_gap_caption(self, i: int, cur: _Draft | None) -> bool:
        """A short line after an image gap (two or more blank lines) inside a bylined article."""
        line = self.lines[i]
        return (
            line.gap >= 2
            and len(line.plain) <= 40
            and line.kind in (_HEAD, _BODY)
            and cur is not None
            and cur.kind is ArticleKind.ARTICLE
            and cur.byline is not None
        )

    def _caption_like(self, i: int) -> bool:
        line = self.lines[i]
        return line.kind == _CAPTION or (
            self.has_bylines and line.gap >= 2 and len(line.plain) <= 40 and line.kind in (_HEAD, _BODY)
        )

    # -- headline blocks -----------------------------------------------------------------------
    def _headline_before(self, b: int, floor: int) -> tuple[list[int], list[int]]:
        """Lines of the headline block above the byline at ``b``: (headline lines, caption lines)."""
        heads: list[int] = []
        caps: list[int] = []
        j = b - 1
        while j > floor:
            line = self.lines[j]
            if line.kind == _CAPTION:
                if heads:
                    break
                caps.append(j)
            elif line.kind in (_HEAD, _META, _DATE):
                if heads and self.lines[heads[0]].gap >= 2:
                    break
                if line.kind == _HEAD and self.rules.subhead.match(line.plain):
                    break
                if line.kind == _HEAD and self.rules.cont_to.fullmatch(line.plain.strip()):
                    break  # (下转第三版) on its own line ends the article above, heads no headline
                if heads and line.kind == _HEAD and self._column_label(line):
                    break  # 要闻 above the headline: the page's column, a section header of its own
                heads.insert(0, j)
                if len(heads) >= 4:
                    break
            else:
                break
            j -= 1
        if not any(self.lines[k].kind == _HEAD for k in heads):
            heads = []  # a date or a source line alone heads no article (a signature's date above a byline)
        return heads, caps

    def _apply_headline(self, d: _Draft, idx: Sequence[int], lead_in: int | None) -> list[int]:
        """Fill kicker/title/subtitle (and issuer, date) from headline lines; returns caption lines."""
        heads: list[_Line] = []
        head_idx: list[int] = []
        caps: list[int] = []
        for k in idx:
            line = self.lines[k]
            if line.kind == _HEAD:
                heads.append(line)
                head_idx.append(k)
            elif line.kind == _AGENCIES:
                if d.agency is None:
                    d.agency = line.plain.split()[0]
            elif line.kind == _DATE:
                d.dateline = d.dateline or line.plain.strip("()（） ")
            elif line.kind == _META:
                self._read_meta(d, line.plain)
        # a line after a markdown title, alone before an image gap, is the photo's caption
        if (
            len(heads) >= 2
            and any(h.md for h in heads[:-1])
            and not heads[-1].md
            and lead_in is not None
            and self.lines[lead_in].gap >= 2
        ):
            caps.append(head_idx[-1])
            heads = heads[:-1]
        # numbered section heads closing the block (一、综合 under a communiqué's title) are subheads
        trailing: list[str] = []
        while len(heads) >= 2 and self.rules.subhead.match(heads[-1].plain):
            trailing.insert(0, heads.pop().plain)
        d.subheads[:0] = trailing
        d.kicker, d.title, d.subtitle = _assign_headline(heads)
        if d.agency is None and d.title is not None:
            d.agency = self._title_agency(d.title)
        return caps

    def _title_agency(self, title: str) -> str | None:
        """The body whose report a title names (市退役军人事务局2023年工作总结 → 市退役军人事务局)."""
        r = self.rules
        m = r.report_title.match(title)
        if m is None:
            return None
        if m.group("lead") is not None:
            lead = m.group("lead")  # 市退役军人事务局2023年工作总结
            if r.agency.fullmatch(lead) is None:
                return None
        else:
            am = r.agency.match(title, m.start("lead2"))  # 2023年市退役军人事务局工作总结
            if am is None:
                return None
            lead = am.group(0)
        return None if lead in r.leadership else self._expand_agency(lead)

    def _read_meta(self, d: _Draft, plain: str) -> None:
        for m in self.rules.meta.finditer(plain):
            if m.group("date") and d.dateline is None:
                d.dateline = m.group("date")
            src = m.group("source")
            if src and d.agency is None and self.rules.agency_line.fullmatch(src):
                d.agency = src

    # -- the pass ------------------------------------------------------------------------------
    def run(self) -> list[Article]:
        lines = self.lines
        n = len(lines)
        if n == 0:
            return []
        r = self.rules
        # headline blocks of bylines
        hb_of: dict[int, tuple[int, list[int], list[int]]] = {}
        floor = -1
        for b, line in enumerate(lines):
            if line.kind in (_BYLINE, _CONT):
                if line.kind == _BYLINE:
                    heads, caps = self._headline_before(b, floor)
                    if heads:
                        hb_of[heads[0]] = (b, heads, caps)
                floor = b
        self.hb_starts = frozenset(hb_of)
        drafts: list[_Draft] = []
        captions: list[_Draft] = []
        cur: _Draft | None = None

        def open_(kind: ArticleKind, first: int) -> _Draft:
            d = _Draft(kind, first)
            drafts.append(d)
            return d

        def caption(i: int, parent: _Draft | None) -> None:
            c = _Draft(ArticleKind.CAPTION, i)
            c.parent = parent
            c.title, c.byline = self._caption_parts(lines[i])
            captions.append(c)
            if parent is not None:
                parent.captions.append(c)

        i = 0
        while i < n:
            line = lines[i]
            kind = line.kind
            if i in hb_of:
                b, heads, caps = hb_of[i]
                cur = open_(ArticleKind.ARTICLE, i)
                extra = self._apply_headline(cur, heads, b)
                for c in sorted(set(caps) | set(extra)):
                    caption(c, cur)
                self._attach_byline(cur, b)
                cur.last = b
                i = b + 1
                continue
            if kind == _CONT:
                jump = cur if cur is not None and drafts and drafts[-1] is cur else None
                if (
                    jump is not None and jump.kind is ArticleKind.ARTICLE and jump.title is not None
                    and jump.body_first is None and jump.byline is None and not jump.captions
                    and jump.last == i - 1 and line.gap == 0
                ):
                    # 让群众办事更便捷⏎(上接1版A): the jump head printed right over the marker titles
                    # the continuation; it is not an article of its own
                    drafts.pop()
                    cur = open_(ArticleKind.CONTINUATION, jump.first)
                    cur.kicker, cur.title, cur.subtitle = jump.kicker, jump.title, jump.subtitle
                    cur.last = i
                else:
                    cur = open_(ArticleKind.CONTINUATION, i)
                m = r.cont_from.match(line.plain)
                cur.continued_from = (m.group("page") or None) if m else None
                rest = self.text[line.start : line.end]
                close = _close_paren(rest)
                if close < len(rest.rstrip()):
                    cur.body_first = i
                    cur.body_start = line.start + close + _lead_space(rest[close:])
                    cur.paras += 1
                i += 1
                continue
            if kind == _BYLINE and cur is not None and self._closing_credit(cur, i):
                self._take_credit(cur, line)  # (上接1版)…⏎■本报记者 谭亮⏎## next headline
                cur.last = i
                i += 1
                continue
            if kind == _BYLINE:
                if (
                    cur is not None
                    and cur.kind is ArticleKind.ARTICLE
                    and cur.title is not None
                    and cur.byline is None
                    and cur.paras <= 3
                ):
                    self._attach_byline(cur, i)
                else:
                    cur = open_(ArticleKind.ARTICLE, i)
                    self._attach_byline(cur, i)
                cur.last = i
                i += 1
                continue
            if kind == _RUNIN:
                m = self._run_in(line)
                cur = open_(ArticleKind.ARTICLE, i)
                if m is not None:
                    cur.title = m.group("title").strip()
                    cur.body_first = i
                    cur.body_start = line.start + m.start("rest")
                    cur.dateline = _find_dateline(m.group("rest")[:300], r)
                cur.paras = 1
                i += 1
                continue
            if kind == _CAPTION or self._big_gap_caption(i, cur):
                caption(i, cur if cur is not None and cur.kind is not ArticleKind.LAYOUT_RESIDUE else None)
                i += 1
                continue
            if kind in (_CLUTTER, _AGENCIES, _HEAD, _META, _DATE):
                j = i
                while j + 1 < n and lines[j + 1].kind in (_CLUTTER, _AGENCIES, _HEAD, _META, _DATE):
                    nxt = lines[j + 1]
                    if nxt.gap >= 2 and (nxt.kind == _HEAD or lines[j].kind == _HEAD):
                        break
                    if (j + 1) in hb_of or (self._caption_like(j + 1) and nxt.kind == _HEAD):
                        break
                    if nxt.kind == _HEAD and lines[j].kind != _HEAD and self._column_label(nxt):
                        break  # page furniture, then the column label (要闻) of the headline below
                    if nxt.kind == _HEAD and nxt.gap >= 1 and self._signature(list(range(i, j + 1)), cur):
                        break  # a report's signature (body⏎date), then the next report's title
                    j += 1
                run = list(range(i, j + 1))
                kinds = {lines[k].kind for k in run}
                if _HEAD not in kinds or (_CLUTTER in kinds and not self._titled_run(run)):
                    if kinds <= {_META, _DATE} and cur is not None:
                        for k in run:
                            if cur.kind is ArticleKind.ARTICLE:
                                self._read_meta(cur, lines[k].plain)
                        cur.last = j
                    elif self._signature(run, cur) and cur is not None:
                        cur.last = j  # 城关镇人民政府⏎2024年1月8日 under the last paragraph: its signature
                        cur = None  # ends the document: what follows is another item
                    else:
                        cur = self._residue(drafts, cur, run)
                    i = j + 1
                    continue
                # strip clutter lines off the head of a run (a breadcrumb above a title)
                while lines[run[0]].kind == _CLUTTER:
                    cur = self._residue(drafts, cur, [run[0]])
                    run = run[1:]
                cur = self._head_run(drafts, cur, run)
                i = j + 1
                continue
            # body
            if cur is not None and cur.kind is ArticleKind.ARTICLE and self._credit_line(line):
                self._take_credit(cur, line)  # 记者 王强 通讯员 李明 under the last paragraph
                cur.last = i
                i += 1
                continue
            if cur is None or cur.kind not in (ArticleKind.ARTICLE, ArticleKind.CONTINUATION):
                cur = open_(ArticleKind.ARTICLE, i)
                cur.agency = self._report_agency(line)
            elif cur.kind is ArticleKind.ARTICLE and cur.title is None and cur.byline is None:
                agency = self._report_agency(line)
                if agency is not None and agency != cur.agency and (cur.agency is not None or cur.paras):
                    cur = open_(ArticleKind.ARTICLE, i)
                    cur.agency = agency
            if cur.body_first is None:
                cur.body_first = i
                cur.body_start = self._start_of(line)
            cur.paras += 1
            cur.last = i
            i += 1
        return self._finish(drafts, captions)

    def _titled_run(self, run: list[int]) -> bool:
        """Does a run mixing clutter and headline lines hold a real title (a long enough line)?"""
        return any(self.lines[k].kind == _HEAD and len(self.lines[k].plain) > 6 for k in run)

    def _residue(self, drafts: list[_Draft], cur: _Draft | None, run: list[int]) -> _Draft:
        if cur is not None and cur.kind is ArticleKind.LAYOUT_RESIDUE:
            cur.last = run[-1]
            return cur
        d = _Draft(ArticleKind.LAYOUT_RESIDUE, run[0])
        d.last = run[-1]
        drafts.append(d)
        return d

    def _head_run(self, drafts: list[_Draft], cur: _Draft | None, run: list[int]) -> _Draft | None:
        """A run of headline-like lines that is not above a byline: title, subhead or header."""
        lines = self.lines
        n = len(lines)
        is_open = cur is not None and cur.kind in (ArticleKind.ARTICLE, ArticleKind.CONTINUATION)
        j = run[-1] + 1
        while (
            j < n
            and j not in self._hb_starts()
            and (lines[j].kind == _CAPTION or (self._caption_like(j) and self._big_gap_caption(j, cur)))
        ):
            j += 1
        nxt = lines[j] if j < n else None
        first = lines[run[0]]
        if len(run) >= 2 and self._column_label(first):
            d = _Draft(ArticleKind.SECTION_HEADER, run[0])
            d.title = first.plain
            drafts.append(d)
            return self._head_run(drafts, d, run[1:])
        if len(run) == 1 and j > run[0] + 1 and self._column_label(first):
            # ## 图说 over a photo's caption only: the column's label, and the photo stands on its own
            d = _Draft(ArticleKind.SECTION_HEADER, run[0])
            d.title = first.plain
            drafts.append(d)
            return d
        if is_open and cur is not None and all(self.rules.cont_to.fullmatch(lines[k].plain.strip()) for k in run):
            cur.last = run[-1]  # (下转第三版) on its own line: the open article goes on elsewhere
            return cur
        if nxt is not None and (j in self._hb_starts() or nxt.kind in (_HEAD, _CONT, _RUNIN)) and nxt.gap >= 1:
            if nxt.kind == _HEAD and is_open and not (nxt.gap >= 2 or j in self._hb_starts()):
                pass
            else:
                d = _Draft(ArticleKind.SECTION_HEADER, run[0])
                d.last = run[-1]
                d.title = " ".join(lines[k].plain for k in run if lines[k].kind == _HEAD)
                drafts.append(d)
                return d
        if is_open and cur is not None:
            numbered = bool(self.rules.subhead.match(first.plain))
            joined = self.source.normalized_index(lines[run[-1]].end) == self.source.normalized_index(
                nxt.start if nxt is not None else len(self.text)
            )
            kinds = {lines[k].kind for k in run}
            new_item = False
            if not numbered and cur.kind is ArticleKind.ARTICLE and (
                self._report_title_run(run) or self._doc_title_run(run)
            ):
                new_item = True  # 市退役军人事务局2023年工作总结: the next report of a compilation
            elif not numbered and not joined and cur.kind is ArticleKind.ARTICLE:
                if nxt is not None and nxt.kind == _BODY and self._credit_line(nxt):
                    new_item = True  # a headline over a credit line (记者 刘洋 通讯员 赵刚): a new article
                elif first.md and cur.title is not None and _md_level(first) == _md_level(lines[cur.first]):
                    new_item = True  # ## 标题 at the level of the open article's own ## title: the next article
                elif self.has_bylines:
                    new_item = cur.byline is None and cur.title is None
                else:
                    new_item = (
                        first.gap >= 2
                        or bool(kinds & {_AGENCIES, _META, _DATE})
                        or (nxt is not None and self._starts_with_date(nxt))
                        or (cur.title is None and cur.byline is None and cur.agency is None)
                    )
            if not new_item:
                for k in run:
                    if self.rules.cont_to.fullmatch(lines[k].plain.strip()):
                        continue  # (下转第四版) on a line of its own: a page reference, read as continued_to
                    if lines[k].kind == _HEAD and (not joined or _two_decks(lines[k].plain)):
                        cur.subheads.append(lines[k].plain)
                cur.last = run[-1]
                if cur.body_first is None:
                    cur.body_first = run[0]
                    cur.body_start = lines[run[0]].start
                return cur
        d = _Draft(ArticleKind.ARTICLE, run[0])
        drafts.append(d)
        for c in self._apply_headline(d, run, j if j < n else None):
            cap = _Draft(ArticleKind.CAPTION, c)
            cap.parent = d
            cap.title, cap.byline = self._caption_parts(lines[c])
            d.captions.append(cap)
        d.last = run[-1]
        return d

    def _signature(self, run: list[int], cur: _Draft | None) -> bool:
        """Is the run a document's signature (issuing bodies, then the date) under its last paragraph?"""
        lines = self.lines
        return (
            cur is not None
            and cur.kind is ArticleKind.ARTICLE
            and cur.paras > 0
            and len(run) <= 4
            and lines[run[-1]].kind == _DATE
            and all(lines[k].kind == _AGENCIES for k in run[:-1])
            and len(run) >= 2
        )

    def _doc_title_run(self, run: list[int]) -> bool:
        """Is the run an issuing body's label over a document title (中共上蔡县委 上蔡县人民政府⏎
        关于表彰…的决定)?"""
        lines = self.lines
        return any(lines[k].kind == _AGENCIES for k in run) and any(
            lines[k].kind == _HEAD and self.rules.doc_title.match(lines[k].plain) for k in run
        )

    def _column_label(self, line: _Line) -> bool:
        """Is the line a page's column label (要闻, 本地新闻)?"""
        return len(line.plain) <= 10 and self.rules.column_label.match(line.plain.strip("# *")) is not None

    def _report_title_run(self, run: list[int]) -> bool:
        """Is the run one report's title (and at most one more headline line) in a compilation?"""
        return len(run) <= 2 and self.rules.report_title.match(self.lines[run[0]].plain) is not None

    def _hb_starts(self) -> frozenset[int]:
        return self.hb_starts

    def _starts_with_date(self, line: _Line) -> bool:
        m = self.rules.dateline.match(line.plain[:40])
        return m is not None

    # -- bylines, captions, agencies ---------------------------------------------------------
    def _credit_line(self, line: _Line) -> bool:
        """Is the line only a credit: (记者 李想), 记者 王强 通讯员 李明?"""
        plain = line.plain.strip()
        r = self.rules
        return len(plain) <= 40 and (
            r.end_credit.fullmatch(plain) is not None or r.bare_credit.fullmatch(plain) is not None
        )

    def _closing_credit(self, d: _Draft, i: int) -> bool:
        """Is the byline line ``i`` only a credit (■本报记者 谭亮) closing the open article or
        continuation above it, with no body of its own after it?"""
        if d.kind not in (ArticleKind.ARTICLE, ArticleKind.CONTINUATION) or d.paras == 0:
            return False
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
        if nxt is not None and nxt.kind not in (_HEAD, _CLUTTER, _CONT):
            return False
        line = self.lines[i]
        if "讯" in line.plain:
            return False  # 本报讯（记者 王五）: an item's opener, not a closing credit
        credit, dateline, off = _parse_byline(line.fold, line.start, self.rules)
        return (
            credit is not None and bool(credit.reporters or credit.correspondents) and dateline is None
            and not line.fold[off:].strip() and len(line.plain) <= 40
        )

    def _take_credit(self, d: _Draft, line: _Line) -> None:
        """A credit line under an article names its reporters when its byline named none; an
        article without a byline takes the credit line as its byline."""
        b = d.byline
        if b is not None and (b.reporters or b.correspondents or b.photographers):
            return
        credit, _, _ = _parse_byline(line.fold, line.start, self.rules)
        if credit is None or not (credit.reporters or credit.correspondents):
            return
        if b is None:
            d.byline = attrs.evolve(credit, raw=self.text[credit.span.start : credit.span.end])
        else:
            d.byline = attrs.evolve(
                b, reporters=credit.reporters, correspondents=credit.correspondents,
                photographers=credit.photographers,
            )

    def _attach_byline(self, d: _Draft, b: int) -> None:
        line = self.lines[b]
        byline, dateline, body_off = _parse_byline(line.fold, line.start, self.rules)
        if byline is not None:
            byline = attrs.evolve(byline, raw=self.text[byline.span.start : byline.span.end])
        d.byline = byline
        if dateline is not None:
            d.dateline = dateline
        rest = line.fold[body_off:]
        if rest.strip():
            if d.body_first is None:
                d.body_first = b
                d.body_start = line.start + body_off + _lead_space(rest)
            d.paras += 1
            lead = rest
        else:
            nxt = self.lines[b + 1] if b + 1 < len(self.lines) else None
            lead = nxt.fold if nxt is not None and nxt.kind == _BODY else ""
        if d.dateline is None:
            d.dateline = _find_dateline(lead[:300], self.rules)

    def _caption_parts(self, line: _Line) -> tuple[str, Byline | None]:
        plain = line.plain
        m = self.rules.credit.search(plain)
        if m is None or m.start() == 0:
            return plain.lstrip(self.rules.markers + " ") or plain, None
        title = plain[: m.start()].rstrip()
        title = title.lstrip(self.rules.markers + " ") or title  # ▲督查组在检查工作。
        credit = m.group(0).strip()  # the span starts at the credit, not at the space before it
        off = line.fold.rfind(credit[:2])
        span = Span(line.start + max(off, 0), line.end)
        names: list[str] = []
        outlet_name: str | None = None
        body = credit.strip().lstrip("(（").rstrip(")）").strip()  # (记者 周洋 摄)
        for outlet in self.rules.outlet_self:  # 本报记者 王五 摄: the outlet and the role are not names
            if body.startswith(outlet):
                body = body[len(outlet) :]
                break
        else:
            named = _CAPTION_OUTLET.match(body)  # 牡丹晚报全媒体记者 王璐 摄: a named outlet
            if named is not None:
                outlet_name = named.group(1)
                body = body[named.end() :]
        for role, _ in self.rules.roles:
            if body.startswith(role) and role not in ("文", "图"):
                body = body[len(role) :]
                break
        for tail in sorted(self.rules.role_after, key=len, reverse=True):
            if body.rstrip().endswith(tail):
                body = body.rstrip()[: -len(tail)]
                break
        else:
            body = ""  # 资料图片, 新华社发: a credit with no role word after it names nobody
        # 王强 通讯员 李明 / 王强 通讯员李明: the role words between the names of a shared credit are
        # not names
        tokens = []
        for tok in body.replace("、", " ").split():
            cue = _role_prefix(tok, self.rules)
            if cue is not None and tok.startswith(cue):
                tok = tok[len(cue) :]
            if tok:
                tokens.append(tok)
        names = _names(tokens)
        byline = Byline(
            raw=self.text[span.start : span.end], span=span, outlet=outlet_name, photographers=tuple(names)
        )
        return title, byline

    def _report_agency(self, line: _Line) -> str | None:
        """The agency whose report a paragraph opens (今年以来,市医疗保障局…), or None."""
        r = self.rules
        raw = self.text[line.start : min(line.end, line.start + 240)]
        if not _AGENCY_CHAR.search(raw):
            return None  # cleaning only removes characters: no agency can appear below
        para = self.source.clean(Span(line.start, min(line.end, line.start + 240)))
        stop = min((para.find(c) for c in "。;；:" if c in para), default=len(para))
        first = para[: min(stop, 80)]
        if not _AGENCY_CHAR.search(first):
            return None  # every agency pattern needs one of them: nothing below can match
        opened = False
        rest = first
        for w in r.report_openers:
            if first.startswith(w):
                rest = first[len(w) :]
                opened = True
                break
        else:
            m = r.report_opener.match(first)
            if m:
                rest = first[m.end() :]
                opened = True
        if opened and not rest.startswith((",", "，")):
            return None
        for m in r.agency.finditer(first):
            name = m.group(0)
            s = m.start()
            prev = first[s - 1] if s else ""
            if s and prev not in ',，、:“"(在和' and not (prev == "下" and s >= 2):
                continue
            if not opened and s != 0:
                return None
            if s > 48:
                return None
            name = name[1:] if name.startswith("在") else name
            nxt = first[m.end() : m.end() + 1]
            if name in r.leadership or nxt in ("、", "和", "与", "及", "等"):
                continue
            if any(name.startswith(x) and len(name) - len(x) <= 1 for x in r.leadership):
                continue
            return self._expand_agency(name)
        return None

    def _expand_agency(self, name: str) -> str:
        for label in self.labels:
            if label != name and label.startswith(name):
                return label
        if name in self.labels:
            return name
        for short, full in self.rules.abbreviations:
            if name.endswith(short):
                return name[: -len(short)] + full
        return name

    # -- assembling results ------------------------------------------------------------------
    def _finish(self, drafts: list[_Draft], captions: list[_Draft]) -> list[Article]:
        lines = self.lines
        src = self.source
        out: list[tuple[Span, _Draft]] = []
        for d in drafts:
            span = Span(self._start_of(lines[d.first]), lines[d.last].end)
            out.append((span, d))
        all_caps: list[_Draft] = []
        ids: set[int] = set()
        for c in [*(c for d in drafts for c in d.captions), *captions]:
            if id(c) not in ids:
                ids.add(id(c))
                all_caps.append(c)
        for c in all_caps:
            line = lines[c.first]
            out.append((Span(self._start_of(line), line.end), c))
        out.sort(key=lambda sd: (sd[0].start, sd[1].kind is ArticleKind.CAPTION))
        index_of = {id(d): k for k, (_, d) in enumerate(out)}
        art_starts = [sp.start for sp, d in out if d.kind is ArticleKind.ARTICLE]
        arts = [d for _, d in out if d.kind is ArticleKind.ARTICLE]
        result: list[Article] = []
        for k, (span, d) in enumerate(out):
            body_span: Span | None = None
            clean = ""
            continued_to: str | None = None
            if d.kind in (ArticleKind.ARTICLE, ArticleKind.CONTINUATION) and d.body_start is not None:
                bs = max(min(d.body_start, span.end), span.start)
                body_span = Span(bs, span.end)
                inner = sorted(
                    (Span(self._start_of(lines[c.first]), lines[c.first].end) for c in d.captions),
                    key=lambda s: s.start,
                )
                clean = _clean_without(src, body_span, [s for s in inner if bs <= s.start < span.end])
                m = self.rules.cont_to.search(lines[d.last].plain[-40:])
                if m:
                    continued_to = m.group("page")
            elif d.kind is ArticleKind.CAPTION:
                clean = d.title or ""
            parent_index: int | None = None
            if d.kind is ArticleKind.CAPTION:
                parent = d.parent
                if parent is None:
                    parent = self._enclosing(art_starts, arts, span)
                if parent is not None and parent.kind in (ArticleKind.ARTICLE, ArticleKind.CONTINUATION):
                    parent_index = index_of.get(id(parent))
            result.append(
                Article(
                    span=span,
                    text=self.text[span.start : span.end],
                    index=k,
                    kind=d.kind,
                    kicker=d.kicker,
                    title=d.title,
                    subtitle=d.subtitle,
                    byline=d.byline,
                    dateline=d.dateline,
                    body_span=body_span,
                    clean_text=clean,
                    agency=d.agency,
                    continued_from=d.continued_from,
                    continued_to=continued_to,
                    parent_index=parent_index,
                    subheads=tuple(d.subheads),
                )
            )
        return result

    @staticmethod
    def _enclosing(starts: list[int], arts: list[_Draft], span: Span) -> _Draft | None:
        """The last article starting at or before ``span``."""
        k = bisect.bisect_right(starts, span.start) - 1
        return arts[k] if k >= 0 else None

    def _start_of(self, line: _Line) -> int:
        """First non-markup character of a line (skips markdown # and ** marks)."""
        s = line.start
        t = self.text
        while s < line.end and (t[s] in "#*" or t[s].isspace()):
            s += 1
        return s if s < line.end else line.start


# -- helpers -------------------------------------------------------------------------------------


_AGENCY_CHARS = "省市县区州盟旗镇乡"  # the characters ``_Rules.agency`` cannot match without
_AGENCY_CHAR = re.compile(f"[{_AGENCY_CHARS}]")  # one scan in C instead of a probe per character


def _has_han(s: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in s[:_LOOK])


def _letter_spaced(tokens: Sequence[str]) -> bool:
    """A title set with a space between its characters: 政 府 工 作 报 告."""
    return len(tokens) >= 3 and all(len(t) == 1 and _has_han(t) for t in tokens)


def _unspace(s: str) -> str:
    """政 府 工 作 报 告 → 政府工作报告 (other lines unchanged)."""
    tokens = s.split()
    return "".join(tokens) if _letter_spaced(tokens) else s


def _two_decks(s: str) -> bool:
    """A subhead written as two phrases side by side (稳就业促创业 筑牢幸福根基)."""
    k = s.find(" ")
    return 0 < k < len(s) - 1 and _has_han(s[k - 1]) and _has_han(s[k + 1])


def _lead_space(s: str) -> int:
    return len(s) - len(s.lstrip())


def _close_paren(s: str) -> int:
    """Index just after the first closing bracket of ``s`` (0 if there is none)."""
    for k, c in enumerate(s[:40]):
        if c in ")）]】":
            return k + 1
    return 0


def _split_dash(line: str) -> tuple[str | None, str, str | None]:
    """One headline line holding two decks: ``引题—— 主题`` or ``主题 ——副题``."""
    k = line.find("——")
    if k <= 0 or k + 2 >= len(line):
        return None, line, None
    before, after = line[:k], line[k + 2 :]
    if before.endswith(" ") and not after.startswith(" "):
        return None, before.strip(), after.strip("— ") or None
    if after.startswith(" ") and not before.endswith(" "):
        return (before + "——").strip(), after.strip(), None
    return None, line, None


def _assign_headline(heads: list[_Line]) -> tuple[str | None, str | None, str | None]:
    """(kicker, title, subtitle) from the headline lines, top to bottom."""
    if not heads:
        return None, None, None
    texts = [_unspace(h.plain) for h in heads]
    for k in range(len(heads) - 2, -1, -1):
        up, down = heads[k], heads[k + 1]
        if down.gap == 0 and (
            (up.md and down.md and texts[k].endswith((":", "：")))
            or (up.fold.count("**") % 2 == 1 and down.fold.count("**") % 2 == 1 and down.fold.rstrip().endswith("**"))
        ):
            # 温州鹿城:⏎“一老一小”服务有温度 (a heading cut after its colon), **开封:菊花产业⏎带富一方
            # 百姓** (a bold headline hard-wrapped): one title over two lines
            texts[k] += texts.pop(k + 1)
            heads = heads[: k + 1] + heads[k + 2 :]
    md = [k for k, h in enumerate(heads) if h.md]
    if md:
        # the main title is the top-level heading: ## 聚焦高质量发展 (a kicker) above # 宜宾:… (the title)
        t = min(md, key=lambda k: len(heads[k].fold) - len(heads[k].fold.lstrip().lstrip("#")))
        kicker = texts[t - 1] if t > 0 else None
        subtitle = texts[t + 1].lstrip("—").strip() if t + 1 < len(texts) else None
        k2, title, s2 = _split_dash(texts[t])
        return kicker or k2, title, subtitle or s2
    if len(texts) == 1:
        return _split_dash(texts[0])
    dash = [k for k, t in enumerate(texts) if k > 0 and t.startswith("—")]
    if dash:
        # a line opened by a dash is the subtitle of the line above it (政府工作报告 / ——2024年1月15日在…)
        k = dash[0]
        return (texts[k - 2] if k >= 2 else None), texts[k - 1], texts[k].lstrip("—").strip() or None
    if len(texts) >= 3:
        a, b, c = texts[-3:]
        return a, b, c.lstrip("—").strip() or None
    a, b = texts
    if b.startswith("—"):
        return None, a, b.lstrip("—").strip() or None
    if a.endswith("—") or len(b) <= len(a):
        return a, b, None
    return None, a, b


def _names(tokens: list[str]) -> list[str]:
    """Person names from credit tokens; single characters written apart (张 龙) are rejoined."""
    out: list[str] = []
    pending = ""
    for tok in tokens:
        tok = tok.strip("*()（）:：")
        if not tok:
            continue
        if len(tok) == 1:
            pending += tok
            continue
        if pending:
            out.append(pending)
            pending = ""
        out.append(tok)
    if pending:
        out.append(pending)
    return out


def _parse_byline(fold: str, base: int, r: _Rules) -> tuple[Byline | None, str | None, int]:
    """Parse the byline opening ``fold`` (one line, width-folded, offsets from ``base``).

    Returns the byline, the wire dateline if any, and the offset in ``fold`` where the body starts.
    """
    i = 0
    n = len(fold)
    while i < n and (fold[i] in r.markers or fold[i] in _SPACES or fold[i] == "*"):
        i += 1
    start = 0
    outlet: str | None = None
    dateline: str | None = None
    roles: dict[str, list[str]] = {"reporter": [], "correspondent": [], "photographer": []}
    role: str | None = None
    m = r.wire.match(fold, i)
    if m is not None:
        o = m.group("outlet")
        outlet = None if o in r.outlet_self else o
        dateline = m.group(0).removeprefix("据")
        j = m.end()
    else:
        opener = next((o for o in r.openers if fold.startswith(o, i)), "")
        if not opener:
            placed = r.place_opener.match(fold, i)  # 本报上蔡讯
            opener = placed.group(0) if placed is not None else ""
            filed = _OPENER_DATE.search(opener)
            if filed is not None:
                dateline = filed.group(0)  # 本报郑州5月6日讯: the date it was filed is the dateline
        j = i + len(opener)
        for word, kind in r.roles:
            if opener.endswith(word) and len(word) >= 2:
                role = kind
                break
    end = j
    k = j
    while k < n and fold[k] in _SPACES:
        k += 1
    if k < n and fold[k] in "([":
        close = fold.find(")" if fold[k] == "(" else "]", k, k + 80)
        if close > 0:
            inner = fold[k + 1 : close]
            outlet = _read_credit(inner.replace("、", " ").split(), roles, role, r) or outlet
            end = close + 1
    else:
        tokens: list[tuple[int, int]] = []
        p = k
        while p < n and len(tokens) < 12:
            q = p
            while q < n and fold[q] not in _SPACES:
                q += 1
            if q > p:
                tokens.append((p, q))
            while q < n and fold[q] in _SPACES:
                q += 1
            p = q
        taken: list[str] = []
        last = end
        current: str | None = role
        for a, b in tokens:
            tok = fold[a:b].replace("**", "")
            cue = _role_prefix(tok, r)
            closing = cue is None and tok.startswith(tuple(r.role_after))
            if cue is not None and _not_a_credit(tok, cue, r):
                break  # 本报讯 记者从市统计局获悉: the body, not a credit
            stop = _CREDIT_STOP.search(tok) if cue is not None or closing else None
            if stop is not None:
                # 记者王五报道:全市… glued to the body: the credit ends at the punctuation
                tok = tok[: stop.start()]
                b = a + stop.end()
                taken.extend(_split_role_after(tok, r))
                last = b
                break
            if (
                cue is not None
                or tok in r.role_after
                or (current is not None and 2 <= len(tok) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in tok))
                or (current is not None and len(tok) == 1 and "\u4e00" <= tok <= "\u9fff")
            ):
                taken.append(tok)
                last = b
                if cue is not None:
                    current = "x"
                continue
            break
        if taken:
            o = _read_credit(taken, roles, role, r)
            outlet = o or outlet
            end = last
    raw_span = Span(base + start, base + end)
    byline = Byline(
        raw=fold[start:end],
        span=raw_span,
        outlet=outlet,
        reporters=tuple(roles["reporter"]),
        correspondents=tuple(roles["correspondent"]),
        photographers=tuple(roles["photographer"]),
    )
    return byline, dateline, end


_OPENER_DATE = re.compile(r"\d{1,2}月\d{1,2}日")
_CREDIT_STOP = re.compile("[:,;。]")


def _not_a_credit(tok: str, cue: str, r: _Rules) -> bool:
    """A role word glued to more than a name (记者从市统计局获悉, 记者日前从…了解到): body text."""
    at = tok.find(cue)
    if at < 0:
        return False
    rest = tok[at + len(cue) :]
    stop = _CREDIT_STOP.search(rest)
    if stop is not None:
        rest = rest[: stop.start()]
    for word in r.role_after:
        if rest.endswith(word) and len(rest) > len(word):
            rest = rest[: -len(word)]
            break
    return len(rest) > 4


def _split_role_after(tok: str, r: _Rules) -> list[str]:
    """``王五摄`` → ``["王五", "摄"]``: a role word glued after the name. After a role already
    named (记者王五报道, 通讯员李四报道) a closing 报道 credits no one anew: it is dropped."""
    for word in sorted(r.role_after, key=len, reverse=True):
        if tok.endswith(word) and len(tok) > len(word):
            head = tok[: -len(word)]
            if r.role_after[word] == "reporter" and _role_prefix(head, r) is not None:
                return [head]
            return [head, word]
    return [tok]


def _role_prefix(tok: str, r: _Rules) -> str | None:
    for word, _ in r.roles:
        if word in tok and len(word) >= 2:
            return word
    if tok in ("文", "图", "文/图", "图/文"):
        return tok
    return None


def _read_credit(tokens: list[str], roles: dict[str, list[str]], role: str | None, r: _Rules) -> str | None:
    """Assign credit tokens (牡丹晚报全媒体记者 武霏 通讯员 王瑞群) to roles; returns the outlet."""
    outlet: str | None = None
    pending: list[str] = []

    def flush() -> None:
        if role is not None and pending:
            roles[role].extend(_names(pending))
        pending.clear()

    for raw_tok in tokens:
        tok = raw_tok.replace("**", "").strip()
        if not tok:
            continue
        if tok in r.role_after:
            target = r.role_after[tok]
            if pending:
                roles[target].extend(_names(pending))
                pending.clear()
            continue
        found: tuple[int, str, str] | None = None
        for word, kind in r.roles:
            if len(word) < 2 and tok != word:
                continue
            at = tok.find(word)
            if at >= 0 and (found is None or at < found[0]):
                found = (at, word, kind)
        if found is None:
            pending.append(tok)
            continue
        flush()
        at, word, kind = found
        prefix, rest = tok[:at], tok[at + len(word) :]
        if prefix and outlet is None and prefix not in r.outlet_self and not prefix.startswith("本报"):
            outlet = prefix
        role = kind
        if rest:
            pending.append(rest)
    flush()
    return outlet


def _find_dateline(lead: str, r: _Rules) -> str | None:
    """The date opening a sentence of the lead (3月2日, 2月24日上午), or None."""
    for m in r.dateline.finditer(lead):
        s = m.start()
        k = s - 1
        while k >= 0 and lead[k] in _SPACES:
            k -= 1
        if k < 0 or lead[k] in _TERMINAL or lead[k] in ")）":
            return m.group(0)
    return None


def _clean_without(src: SourceText, body: Span, holes: list[Span]) -> str:
    """The normalized body text with the captions spliced into it cut out."""
    pieces: list[str] = []
    pos = body.start
    for h in holes:
        if h.start > pos:
            pieces.append(src.clean(Span(pos, h.start)).strip())
        pos = max(pos, h.end)
    if body.end > pos:
        pieces.append(src.clean(Span(pos, body.end)).strip())
    out = ""
    for p in pieces:
        if not p:
            continue
        if out and out[-1] in _SENTENCE_END:
            out += "\n"
        out += p
    return out
