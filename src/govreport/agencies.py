"""Agency names: find government, party and public-institution names and resolve them.

A mention is a *head* from the gazetteer (``data/agencies.tsv``: 医保局, 委, 政府, 国家知识产权局), a
*field* plus a sub-unit (市场监管 + 综合执法支队) or a public-institution ending (图书馆, 人民医院), with
the place written before it (``data/regions.tsv``: 菏泽市, 巨野, 鄄城县; a bare level 市/省/县/区; a
township 小孟镇). Matching runs on :attr:`SourceText.normalized`, so wraps inside a name (``市\\n委``)
do not matter, and every span is mapped back to the original text.

>>> [(a.text, a.canonical, a.level, a.region) for a in extract_agencies("菏泽市市场监督管理局和市医保局")]
[('菏泽市市场监督管理局', '市场监督管理局', '市', '菏泽市'), ('市医保局', '医疗保障局', '市', None)]

The rules (see ``docs/agencies.md``):

* **Canonical names carry no place.** 市政府, 省政府, 济宁市人民政府 → 人民政府; 市委, 省委, 镇党委 →
  中国共产党委员会; abbreviations are expanded (医保局 → 医疗保障局). ``level`` (国家/省/市/县/区/乡镇)
  and ``region`` (the place as written, or None for a bare 市) tell them apart. A county-level city
  (曲阜市) is level 县. ``region=`` (a document-level default) fills the region of bare-level mentions
  whose level it or one of its enclosing divisions has (济宁市: 市 → 济宁市, 省 → 山东省).
* **Some heads need a place.** 政府, 委, 党委, 人大, 政协, 法院 alone are generic (各级政府, 党委政府,
  人大工作) and are not emitted; nor are 各部门, 医保部门, 有关单位, 该局 (no gazetteer head), and a head
  is rejected where its last character starts another word (人社部门 is not 人社部).
* **Person titles.** A title word that fuses with the committee before it makes one title, and no
  agency is emitted: 市委书记, 市委副书记, 市委常委, 市人大代表, 市政协委员. Any other title after an
  agency keeps the agency, with ``person_title=True``: 市人大常委会副主任, 市政府秘书长,
  市公共就业和人才服务中心党委委员, 市市场监督管理局张金锋同志. 市长, 副市长 contain no agency head.
  市委领导 keeps 市委 (领导 is not a title).
* **Coordination.** Places listed with 、 before one head give one agency each, all with the span of
  the whole phrase, ``distributed=True`` and ``part_span`` on their own place (牡丹区、曹县、巨野、
  成武医保局 → 4). A township's 党委 followed by 政府 (小孟镇党委政府) gives two, the second sharing the
  place (its ``name`` is 小孟镇政府). Mentions written back to back (市委市政府) are ``joined``.
* **Nesting.** An agency followed by a sub-unit (市民政局社会救助综合服务中心, 任城区住建局机关党支部)
  gives the whole, whose ``parent`` is the agency inside, and that agency too, with ``nested=True``.
* **Context.** 国家总局 is the 总局 named last before it (国家市场监管总局), else the next one.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable
from typing import Any

import attrs
import regex

from govreport._data import read_table, regions
from govreport.text import SourceText, is_cjk, shared_source
from govreport.types import Agency, AgencyKind

__all__ = ["agencies_from_source", "extract_agencies"]

_LEVEL_CHARS = {"省": "省", "市": "市", "县": "县", "区": "区", "镇": "乡镇", "乡": "乡镇"}
_TOWN_SUFFIXES = ("街道", "镇", "乡")
_LEVEL_RANK = {"国家": 0, "省": 1, "市": 2, "县": 3, "区": 3, "乡镇": 4}
# characters that never belong to the name between a place and an institution ending, or inside a
# sub-unit's name: function words and measure words (所有县级医院, 市医保局的服务中心)
_NOT_IN_NAME = frozenset("的了是在和与及或等各每该本级属直有为对把被将从向于以所个家也都并就还又已再将被")
_MAX_MOD = 6
# a level character followed by these is a word, not a prefix (市级, 省属, 区域, 市内)
_NOT_NAME_START = ("级", "属", "直", "域", "内", "外")
# words before a bare head that make it generic or anaphoric (各医保局, 有关医院, 上级卫健委)
_GENERIC_BEFORE = frozenset({"各", "该", "本", "此", "每", "有关", "相关", "上级", "下级", "同级", "所属", "各级"})
_CONTEXT_PREFIX = "*"
_HAN = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]"


@attrs.frozen
class _Head:
    alias: str
    canonical: str
    kind: AgencyKind
    level: str | None
    prefix: str  # none | optional | required | town
    abbr: bool


@attrs.frozen
class _Place:
    start: int
    end: int
    name: str
    level: str | None
    region: str | None


@attrs.frozen
class _Prefix:
    start: int  # start of the whole prefix (outer regions, 中共 included)
    places: tuple[_Place, ...]  # one place, or several for a 、 list (distributed)


@attrs.frozen
class _Found:
    """One agency found in normalized coordinates, before it becomes an :class:`Agency`."""

    start: int
    end: int
    name: str
    canonical: str
    kind: AgencyKind
    level: str | None
    region: str | None
    abbr: bool
    place: _Place | None = None
    distributed: bool = False
    joined: bool = False
    nested: bool = False
    person_title: bool = False
    shared_prefix: str | None = None
    parent: _Found | None = None


class _Tables:
    """The gazetteer, the region list and the affixes, compiled once."""

    def __init__(self) -> None:
        self.heads: dict[str, _Head] = {}
        for row in read_table("agencies.tsv"):
            self.heads[row["alias"]] = _Head(
                alias=row["alias"],
                canonical=row["canonical"],
                kind=AgencyKind(row["kind"]),
                level=row["level"] or None,
                prefix=row["prefix"],
                abbr=row["abbr"] == "yes",
            )
        # regions: name as written → (level, adcode); full names first, then short names
        self.regions: dict[str, tuple[str, str]] = {}
        self.parent_of: dict[str, str] = {}
        self.code_of_full: dict[str, str] = {}
        self.by_code: dict[str, tuple[str, str]] = {}
        rows = regions()
        for row in rows:
            self.by_code[row["adcode"]] = (row["name"], row["level"])
            self.parent_of[row["adcode"]] = row["parent"]
            self._add_region(row["name"], row["level"], row["adcode"])
        full_names = set(self.regions)
        for row in rows:
            if row["short"] and row["short"] not in full_names:
                self._add_region(row["short"], row["level"], row["adcode"])
        # districts have no short name (牡丹区 → 牡丹 would be a flower), except inside a list of
        # places before a named one: 亭湖、盐都、大丰区行政审批局
        self.district_stems = {
            row["name"][:-1] for row in rows
            if row["level"] == "区" and row["name"].endswith("区") and len(row["name"]) >= 3
        } - set(self.regions)
        self.district_stem_trie = _Trie(self.district_stems, reverse=True)
        self.units: set[str] = set()
        self.branch_units: set[str] = set()
        self.bounded_units: set[str] = set()
        self.branch_jobs: tuple[str, ...] = ()
        self.vertical: dict[str, str] = {}
        self.institutions: set[str] = set()
        self.generic_institutions: set[str] = set()
        self.generic_mods: set[str] = set()
        self.fields: dict[str, str] = {}
        self.titles: set[str] = set()
        self.fused: dict[str, frozenset[str]] = {}
        self.nonprefix: set[str] = set()
        self.nonsuffix: dict[str, int] = {}  # word → the longest head it cuts (0: any head)
        foreign: set[str] = set()
        town_verbs: set[str] = set()
        self.name_words: set[str] = set()
        self.name_verbs: tuple[str, ...] = ()
        self.unit_verbs: tuple[str, ...] = ()  # the name verbs that are no noun (投资服务中心)
        for row in read_table("agency_affixes.tsv"):
            word, role, value = row["word"], row["role"], row["value"]
            if role == "unit":
                self.units.add(word)
                if value == "branch":
                    self.branch_units.add(word)
                elif value == "bounded":
                    self.bounded_units.add(word)
            elif role == "institution":
                self.institutions.add(word)
                if value == "generic":
                    self.generic_institutions.add(word)
            elif role == "generic":
                self.generic_mods.add(word)
            elif role == "field":
                self.fields[word] = value
            elif role == "title":
                self.titles.add(word)
            elif role == "fused":
                self.fused[word] = frozenset(value.split("|"))
            elif role == "nonprefix":
                self.nonprefix.add(word)
            elif role == "nonsuffix":
                self.nonsuffix[word] = 3 if value == "short" else 0
            elif role == "foreign":
                foreign.add(word)
            elif role == "branch_job":
                self.branch_jobs += (word,)
            elif role == "vertical":
                self.vertical[word] = value
            elif role == "town_verb":
                town_verbs.add(word)
                if len(word) > 1:
                    self.name_verbs += (word,)
                    if value != "noun":
                        self.unit_verbs += (word,)
            elif role == "verb":
                self.name_verbs += (word,)
                if value != "noun":
                    self.unit_verbs += (word,)
            elif role == "name_word":
                self.name_words.add(word)
        self.unit_verb_set = frozenset(self.unit_verbs)
        # a central body → the aliases of the local bureaus named after it (国家税务总局 → 税务局…)
        self.locals_of: dict[str, tuple[str, ...]] = {}
        for alias, h in self.heads.items():
            central = self.vertical.get(h.canonical)
            if central is not None:
                self.locals_of[central] = (*self.locals_of.get(central, ()), alias)
        self.head_trie = _Trie(self.heads)
        self.anchor_trie = _Trie(set(self.heads) | self.institutions | set(self.fields))
        # a sub-unit: up to six name characters (no function word, no level character), then a unit
        # (市场 and 城市 are no level: 城关市场监管所 is the market-supervision office of 城关, 城市更新科
        # a section)
        stops = re.escape("".join(sorted(_NOT_IN_NAME | set(_LEVEL_CHARS))))
        name_char = "(?:市场|城市|(?![" + stops + "])" + _HAN + ")"
        self.unit_re = re.compile(f"({name_char}{{0,{_MAX_MOD}}}?)({_trie_pattern(self.units)})")
        self.title_trie = _Trie(self.titles)
        self.fused_trie = _Trie(self.fused)
        self.region_trie = _Trie(self.regions, reverse=True)
        self.nonprefix_trie = _Trie(self.nonprefix, reverse=True)
        self.foreign_trie = _Trie(foreign, reverse=True)
        self.town_verb_trie = _Trie(town_verbs)
        anchors = set(self.heads) | self.institutions | set(self.fields)
        # a trie of literals: the stdlib engine scans it several times faster than `regex`, and a
        # pattern without quantifiers cannot backtrack
        self.scan = re.compile(_trie_pattern(anchors))

    def _add_region(self, name: str, level: str, code: str) -> None:
        old = self.regions.get(name)
        # a name shared by several divisions (朝阳: 朝阳市, 朝阳县) takes the highest level
        if old is None or _LEVEL_RANK[level] < _LEVEL_RANK[old[0]]:
            self.regions[name] = (level, code)

    def ancestors(self, name: str) -> Iterable[tuple[str, str]]:
        """(name, level) of a region and the divisions enclosing it, innermost first."""
        entry = self.regions.get(name)
        code = entry[1] if entry else ""
        while code:
            full, level = self.by_code[code]
            yield full, level
            code = self.parent_of.get(code, "")


class _Trie:
    """Words stored as nested dicts, walked forwards (or backwards, for a reversed trie)."""

    __slots__ = ("root",)

    def __init__(self, words: Iterable[str], *, reverse: bool = False) -> None:
        self.root: dict[str, dict[str, Any]] = {}
        for word in words:
            node = self.root
            for ch in reversed(word) if reverse else word:
                node = node.setdefault(ch, {})
            node[""] = {}

    def ends(self, text: str, i: int) -> list[int]:
        """End indices of the words that start at ``i``, longest first."""
        out: list[int] = []
        node = self.root
        n = len(text)
        while i < n:
            node = node.get(text[i])  # type: ignore[assignment]
            if node is None:
                break
            i += 1
            if "" in node:
                out.append(i)
        out.reverse()
        return out

    def starts(self, text: str, end: int, floor: int = 0) -> list[int]:
        """Start indices (≥ ``floor``) of the words that end at ``end``, longest first (reversed trie)."""
        out: list[int] = []
        node = self.root
        i = end
        while i > floor:
            node = node.get(text[i - 1])  # type: ignore[assignment]
            if node is None:
                break
            i -= 1
            if "" in node:
                out.append(i)
        out.reverse()
        return out

    def longest(self, text: str, i: int) -> str | None:
        ends = self.ends(text, i)
        return text[i : ends[0]] if ends else None


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` factored as a trie (fast, and longest alternative first)."""

    def emit(node: dict[str, dict[str, Any]]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(_Trie(words).root)


_LOCK = threading.Lock()


@functools.cache
def _tables() -> _Tables:
    with _LOCK:
        return _Tables()


# ---------------------------------------------------------------------------------- public API
@functools.cache
def name_endings() -> frozenset[str]:
    """The characters an agency mention can end with (局, 委, 府, 院, 心…): the last characters of
    the gazetteer's names and of the unit and institution endings. A text ending otherwise is no
    complete agency name (a cheap test before :func:`extract_agencies`)."""
    t = _tables()
    names = [*t.heads, *t.units, *t.institutions, *t.generic_institutions]
    return frozenset(name[-1] for name in names if name)


def extract_agencies(text: str, *, region: str | None = None) -> list[Agency]:
    """Agency mentions in ``text``, sorted by ``span.start``; ``[]`` when there are none.

    ``region`` is the document's own place: it fills the region of a bare 市/县/省 mention.

    >>> [(a.text, a.canonical, a.kind.value) for a in extract_agencies("贯彻落实市委市政府部署")]
    [('市委', '中国共产党委员会', 'party'), ('市政府', '人民政府', 'agency')]
    >>> [(a.region, a.level) for a in extract_agencies("牡丹区、曹县、巨野、成武医保局")]
    [('牡丹区', '区'), ('曹县', '县'), ('巨野', '县'), ('成武', '县')]
    >>> [(a.text, a.region) for a in extract_agencies("市体育局", region="济宁市")]
    [('市体育局', '济宁市')]
    >>> extract_agencies("市委常委、副市长王昌华出席会议,各部门要落实")
    []
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_agencies() expects str, not {type(text).__name__}")
    return agencies_from_source(shared_source(text), region=region)


def agencies_from_source(source: SourceText, *, region: str | None = None) -> list[Agency]:
    """Agency mentions of an already built :class:`SourceText` (what :func:`govreport.parse` calls).

    >>> st = SourceText("市市场监督管理局张金锋同志被省委、省政府评为先进个人")
    >>> [(a.text, a.person_title) for a in agencies_from_source(st)]
    [('市市场监督管理局', True), ('省委', False), ('省政府', False)]
    """
    tables = _tables()
    found = _find(source.normalized, tables)
    found = _resolve_context(found)
    found = _mark_joined(found, source)
    if region:
        found = _fill_region(found, region, tables)
    out = [_to_agency(source, f) for f in found]
    out.sort(key=lambda a: (a.span.start, -a.span.end))
    return out


# ---------------------------------------------------------------------------------- finding
def _find(text: str, t: _Tables) -> list[_Found]:
    found: list[_Found] = []
    pos = 0
    floor = 0  # nothing before this index may be reused by a prefix
    n = len(text)
    while pos < n:
        m = t.scan.search(text, pos)
        if m is None:
            break
        s = m.start()
        got = _at(text, s, floor, t)
        if got is None:
            pos = s + 1
            continue
        items, end = got
        found.extend(items)
        pos = floor = max(end, s + 1)
    return found


def _at(text: str, s: int, floor: int, t: _Tables) -> tuple[list[_Found], int] | None:
    """The mentions anchored at ``s`` and the index where scanning resumes, or None."""
    ends = t.anchor_trie.ends(text, s)
    for e in ends:
        head = t.heads.get(text[s:e])
        if head is not None and not _cut(text, s, e, t):
            got = _from_head(text, s, e, head, floor, t)
            if got is not None:
                return got
    for e in ends:
        field = t.fields.get(text[s:e])
        if field is not None:
            got = _from_field(text, s, e, field, floor, t)
            if got is not None:
                return got
    for e in ends:
        if text[s:e] in t.institutions and not _cut(text, s, e, t):
            got = _from_institution(text, s, e, floor, t)
            if got is not None:
                return got
    return None


def _cut(text: str, s: int, e: int, t: _Tables) -> bool:
    """Does the name at ``text[s:e]`` end inside a word (人社部门 is not 人社部)? A word marked
    ``short`` cuts only a head of up to three characters: 由县委托第三方 has no 县委, 市发展改革委托管
    keeps 发展改革委."""
    limit = t.nonsuffix.get(text[e - 1 : e + 1])
    return limit is not None and (limit == 0 or e - s <= limit)


def _from_head(
    text: str, s: int, e: int, head: _Head, floor: int, t: _Tables
) -> tuple[list[_Found], int] | None:
    prefix: _Prefix | None = None
    if head.prefix == "none" and t.foreign_trie.starts(text, s):
        return None  # 美国国务院, 俄罗斯外交部
    if head.prefix == "none" and _vertical_after(text, e, head, t):
        return None  # 国家税务总局聊城市税务局: the local bureau, found at its own head, takes the whole
    if head.alias == "委":
        league = _league(text, s, e, floor, t)
        if league is not None:
            return league
    if head.prefix != "none":
        prefix = _prefix(text, s, floor, t, town=head.prefix == "town", party=head.kind is AgencyKind.PARTY)
        if prefix is None and head.canonical.endswith(_ZONE_COMMITTEE):
            prefix = _zone_prefix(text, s, floor, t)
        if prefix is None and head.prefix in ("required", "town"):
            return None
        before = (text[max(0, s - 1) : s], text[max(0, s - 2) : s])
        if prefix is None and (not _GENERIC_BEFORE.isdisjoint(before) or _class_before(text, s, floor)):
            return None  # 各医保局, 该局, 有关部门, 县级融媒体中心, 各县(市、区)退役军人事务局
    # a title that fuses with the committee (市委常委, 市委副书记, 人大代表): no agency at all
    fused = t.fused_trie.longest(text, e)
    if fused is not None and head.canonical in t.fused[fused]:
        return [], e + len(fused)
    start = prefix.start if prefix else s
    places: tuple[_Place | None, ...] = prefix.places if prefix else (None,)
    distributed = len(places) > 1
    items: list[_Found] = []
    for place in places:
        items.append(_make(text, start, e, head.canonical, head, place, distributed, s))
    central = t.vertical.get(head.canonical)
    if (
        central is not None and prefix is not None and not distributed and places[0] is not None
        and places[0].region is not None
        and text[max(floor, prefix.start - len(central)) : prefix.start] == central
    ):
        # 国家税务总局聊城市税务局: the city's tax bureau, named after the central body over it
        c = prefix.start - len(central)
        over = _Found(
            start=c, end=prefix.start, name=central, canonical=t.heads[central].canonical,
            kind=t.heads[central].kind, level="国家", region=None, abbr=False, nested=True,
        )
        local = attrs.evolve(items[0], start=c, name=text[c:e], parent=over)
        return _titles(text, e, [local, over], t), e
    end = e
    if head.kind is AgencyKind.INSTITUTION and head.alias.endswith(tuple(_UNIVERSITIES)):
        k = _hospital_after(text, e, t)
        if k is not None:  # 复旦大学附属中山医院, 清华大学玉泉医院: the university's hospital
            items = [attrs.evolve(i, end=k, name=text[i.start : k], canonical=text[s:k]) for i in items]
            return _titles(text, k, items, t), k
    # 小孟镇党委政府, 市纪委监委: a second head that shares the place
    if prefix is not None and head.prefix in ("required", "town") and not distributed:
        for e2 in t.head_trie.ends(text, e):
            other = t.heads[text[e:e2]]
            if (
                other.prefix in ("required", "town")
                and other.canonical != head.canonical
                and not _cut(text, e, e2, t)
            ):
                place = places[0]
                shared = text[prefix.start : s]
                first = attrs.evolve(items[0], joined=True)
                second = _Found(
                    start=e, end=e2, name=shared + text[e:e2], canonical=other.canonical,
                    kind=other.kind, level=place.level if place else other.level,
                    region=place.region if place else None, abbr=other.abbr, place=place,
                    joined=True, shared_prefix=shared,
                )
                items = [first, second]
                end = e2
                break
    # a sub-unit: 市民政局社会救助综合服务中心, 国家统计局万载调查队
    if end == e and head.prefix in ("none", "optional"):
        unit = _unit_after(text, e, t)
        if unit is not None:
            mod_end, unit_end = unit
            mod = text[e:mod_end]
            unit_word = text[mod_end:unit_end]
            kind = AgencyKind.PARTY if "党" in unit_word else head.kind
            whole: list[_Found] = []
            canonical_mod = mod
            inner = _region_prefix_of(mod, t)
            if (
                unit_word in t.branch_units and not mod.startswith(_ORDINAL_START)
                and not any(w in mod for w in t.branch_jobs)
            ):
                # a branch is named after its place, which the canonical name leaves out: 东阿分局 →
                # 分局, 聊城调查队 → 调查队, 城关派出所 → 派出所 (but 第一税务所, 交通管理分局 stay)
                canonical_mod = mod[len(inner[0]) :] if inner is not None else ""
            for item in items:
                region, level = item.region, item.level
                if inner is not None:
                    region, level = inner
                whole.append(
                    attrs.evolve(
                        item, end=unit_end, name=item.name + mod + unit_word,
                        canonical=item.canonical + canonical_mod + unit_word, kind=kind, region=region,
                        level=level,
                        parent=attrs.evolve(item, nested=True),
                    )
                )
            items = [x for w in whole for x in (w, w.parent) if x is not None]
            end = unit_end
    items = _titles(text, end, items, t)
    # 市委组织部、宣传部: party departments listed after the first share its committee
    if (
        prefix is not None and not distributed and end == e and head.kind is AgencyKind.PARTY
        and head.alias.startswith(("委", "党委")) and head.alias not in ("委", "党委")
    ):
        committee = "党委" if head.alias.startswith("党委") else "委"
        shared = text[prefix.start : s + len(committee)]
        place = places[0]
        while end + 1 < len(text) and text[end] == "、":
            got = _listed_department(text, end + 1, t)
            if got is None:
                break
            k, other = got
            items.extend(_titles(text, k, [_listed_item(text, end + 1, k, other, shared, place)], t))
            end = k
    # 城关镇党委、政府, 县委、人大、政协: bodies that need a place, listed after the first, share its place
    if prefix is not None and not distributed and end == e and head.prefix in ("required", "town"):
        shared = text[prefix.start : s]
        place = places[0]
        seen = {head.canonical}
        while end + 1 < len(text) and text[end] == "、":
            got = _listed_body(text, end + 1, seen, t)
            if got is None:
                break
            k, other = got
            seen.add(other.canonical)
            items.extend(_titles(text, k, [_listed_item(text, end + 1, k, other, shared, place)], t))
            end = k
    return items, end


# a development zone's committee (开发区管委会, 高新区管委会) is named after the district or county that
# holds the zone, often without its 区/县: 江宁经济技术开发区管委会, 南京江宁经济技术开发区管委会
_ZONE_COMMITTEE = "区管理委员会"


def _zone_prefix(text: str, s: int, floor: int, t: _Tables) -> _Prefix | None:
    """A district stem right before a zone committee (江宁 in 江宁经济技术开发区管委会), with its city."""
    for a in t.district_stem_trie.starts(text, s, floor):
        if s - a < 2:
            continue
        place = _Place(start=a, end=s, name=text[a:s], level="区", region=text[a:s])
        start = a
        while (outer := _region_before(text, start, floor, t)) is not None:
            start = outer.start
        return _Prefix(start=start, places=(place,))
    return None


def _listed_item(text: str, j: int, k: int, head: _Head, shared: str, place: _Place | None) -> _Found:
    """The body written bare at ``text[j:k]`` after 、, sharing the first name's ``shared`` prefix."""
    return _Found(
        start=j, end=k, name=shared + text[j:k], canonical=head.canonical,
        kind=head.kind, level=place.level if place else head.level,
        region=place.region if place else None, abbr=head.abbr, place=place,
        shared_prefix=shared,
    )


def _listed_body(text: str, j: int, seen: set[str], t: _Tables) -> tuple[int, _Head] | None:
    """(end, head) of a body that needs a place, written bare after 、 (政府 in 镇党委、政府)."""
    for k in t.head_trie.ends(text, j):
        other = t.heads[text[j:k]]
        if (
            other.prefix in ("required", "town") and other.canonical not in seen
            and not _cut(text, j, k, t) and not text.startswith("部门", k)
            and t.fused_trie.longest(text, k) is None
        ):
            return k, other
    return None


# a list of levels in brackets before a head: 各县(市、区) 医保局, 乡镇(街道) 派出所
_LEVEL_LIST = regex.compile(r"[(（][市县区乡镇街道、，,\s]{1,8}[)）]$")


def _class_before(text: str, s: int, floor: int) -> bool:
    """Is the bare head at ``s`` a class of bodies: after a grade (县级, 二级) or a bracketed list
    of levels (各县(市、区)退役军人事务局, 县(市、区)医保局)?"""
    if s - 1 >= floor and text[s - 1] == "级":
        return True
    # 各市市场监管局, 县区医保局, 各县市区医保局: every body of a list of levels
    k = s
    while k - 1 >= max(floor, s - 4) and text[k - 1] in "省市县区乡镇":
        k -= 1
    if k < s and (s - k >= 2 or (k - 1 >= floor and text[k - 1] in "各每全该")):
        return True
    return s - 3 >= floor and text[s - 1] in ")）" and _LEVEL_LIST.search(text, max(floor, s - 10), s) is not None


# a local body named after the central body over it: 国家税务总局 聊城市 税务局
# a branch's name that is a number, not a place: 第一税务所, 一中队, 直属分局
_ORDINAL_START = tuple("第一二三四五六七八九十直")
# a branch's name that says what it does, not where it is: 交通管理分局, 出入境管理支队, 刑侦中队


def _vertical_after(text: str, e: int, head: _Head, t: _Tables) -> bool:
    """True when a place and the local head named after ``head`` follow it (国家税务总局 聊城市税务局)."""
    locals_ = t.locals_of.get(head.alias, ())
    if not locals_:
        return False
    j = e
    while True:
        ends = [k for k in range(j + 2, min(len(text), j + 10) + 1) if text[j:k] in t.regions]
        if not ends:
            break
        j = ends[-1]
    return j > e and any(text.startswith(alias, j) for alias in locals_)


def _league(text: str, s: int, e: int, floor: int, t: _Tables) -> tuple[list[_Found], int] | None:
    """团县委, 团市委, 共青团阳谷县委: the Youth League committee, not the party's."""
    if s - 2 >= floor and text[s - 2] == "团" and text[s - 1] in "省市县区":
        place = _Place(start=s - 1, end=s, name=text[s - 1], level=_LEVEL_CHARS[text[s - 1]], region=None)
        start = s - 2
    else:
        prefix = _prefix(text, s, floor, t, town=False, party=False)
        if prefix is None or len(prefix.places) != 1 or text[max(floor, prefix.start - 3) : prefix.start] != "共青团":
            return None
        place = prefix.places[0]
        start = prefix.start - 3
    head = t.heads["团委"]
    item = _make(text, start, e, head.canonical, head, place, False, s)
    return _titles(text, e, [item], t), e


def _listed_department(text: str, j: int, t: _Tables) -> tuple[int, _Head] | None:
    """(end, head) of a party department written without its committee (宣传部 after 市委组织部、)."""
    for k in range(min(len(text), j + 10), j + 1, -1):
        head = t.heads.get("委" + text[j:k])
        if (
            head is not None and head.kind is AgencyKind.PARTY and head.prefix == "required"
            and not _cut(text, j - 1, k, t)
        ):
            return k, head
    return None


def _from_field(
    text: str, s: int, e: int, field: str, floor: int, t: _Tables
) -> tuple[list[_Found], int] | None:
    """市市场监管综合执法支队: a place, a field of government and a sub-unit."""
    unit = _unit_after(text, e, t)
    if unit is None:
        return None
    prefix = _prefix(text, s, floor, t, town=False, party=False)
    if prefix is None:
        return None
    mod_end, unit_end = unit
    rest = text[e:unit_end]
    canonical = field + rest
    head = _Head(
        alias=text[s:e], canonical=canonical,
        kind=AgencyKind.PARTY if "党" in text[mod_end:unit_end] else AgencyKind.AGENCY,
        level=None, prefix="required", abbr=text[s:e] != field,
    )
    items = [
        _make(text, prefix.start, unit_end, canonical, head, place, len(prefix.places) > 1, s)
        for place in prefix.places
    ]
    return _titles(text, unit_end, items, t), unit_end


def _from_institution(
    text: str, s: int, e: int, floor: int, t: _Tables
) -> tuple[list[_Found], int] | None:
    """菏泽市图书馆, 曲阜市第二人民医院, 市传染病医院: a place, up to six characters, an ending."""
    j = s
    lo = max(floor, s - _MAX_MOD)
    prefix: _Prefix | None = None
    while True:
        # a township's own institutions count too: 城关镇卫生院, 马坊镇中心小学
        prefix = _prefix(text, j, floor, t, town=True, party=False)
        if prefix is not None and _name_not_place(text, prefix, floor, t):
            # 江宁区东山中心小学: 东山 (a county far away) cannot lie in the district before it; it
            # is the school's name, and the district is the place
            j = prefix.places[0].start
            continue
        if prefix is not None:
            break
        if j <= lo or not _name_at(text, j - 1, t):
            return None
        j -= 1
    mod = text[j:s]
    if mod and any(a < j for a in t.nonprefix_trie.starts(text, j + 1, floor)):
        return None  # 乡镇卫生院: the level character starts a word (乡镇), it is no prefix
    if mod.startswith(_NOT_NAME_START) or any(mod.startswith(g) for g in t.generic_mods):
        return None  # 县级医院, 区域医疗中心, 单县公立医院: a class of institutions, not one
    if mod.startswith(t.name_verbs):
        return None  # 我市实施中小学建设项目: a verb after the level prefix starts no school's name
    if not mod and text[s:e] in t.generic_institutions and prefix.places[0].region is None:
        return None  # 市学校, 县医院: too generic without a name or a region
    ending = text[s:e]
    annex = [k for k in t.anchor_trie.ends(text, e) if text[e:k] in t.institutions and text.startswith("附属", e)]
    if annex:
        e = max(annex)  # 济宁医学院附属医院: the affiliated hospital, not the college
    elif ending in _UNIVERSITIES:
        e = _hospital_after(text, e, t) or e  # 四川大学华西医院: the university's hospital
    canonical = mod + text[s:e]
    if not mod and ending in _UNIVERSITIES and len(prefix.places) == 1 and prefix.places[0].region is not None:
        # 四川大学, 南京大学: a university named by a bare place carries the place in its name; it is
        # no body of that place's government (no region, no level)
        place = prefix.places[0]
        canonical = text[place.start : e]
        head = _Head(alias=canonical, canonical=canonical, kind=AgencyKind.INSTITUTION, level=None,
                     prefix="none", abbr=False)
        return _titles(text, e, [_make(text, place.start, e, canonical, head, None, False, place.start)], t), e
    if (mod == "立" or mod.startswith("立第")) and text[j - 1] in "省市县区":
        canonical = text[j - 1] + canonical  # 菏泽市立医院, 青岛市市立医院: 市立 (run by the city) is the name
    head = _Head(alias=canonical, canonical=canonical, kind=AgencyKind.INSTITUTION, level=None,
                 prefix="required", abbr=False)
    items = [
        _make(text, prefix.start, e, canonical, head, place, len(prefix.places) > 1, j)
        for place in prefix.places
    ]
    return _titles(text, e, items, t), e


# a university or college ending: a bare place before it is its name (四川大学), and a hospital or
# school named right after it is its own (四川大学华西医院, 北京大学第一医院)
_UNIVERSITIES = frozenset({"大学", "学院"})
_MAX_ANNEX_NAME = 4


def _hospital_after(text: str, e: int, t: _Tables, *, college: bool = True) -> int | None:
    """End of an institution named right after a university (华西医院 after 四川大学, 附属第一医院),
    with up to four name characters (no level character, no verb) before its ending, or None. One
    college may stand between them (``college``: 浙江大学医学院附属第一医院)."""
    j = e + 2 if text.startswith("附属", e) else e
    for k in range(j, min(len(text), j + _MAX_ANNEX_NAME) + 1):
        for end in t.anchor_trie.ends(text, k):
            word = text[k:end]
            if word not in t.institutions or any(v in text[j:k] for v in t.name_verbs):
                continue
            if word in _UNIVERSITIES:
                # 浙江大学医学院附属第一医院: a college of the university, then its hospital
                inner = _hospital_after(text, end, t, college=False) if college and j == e else None
                if inner is not None:
                    return inner
            elif k > j or j > e or word not in t.generic_institutions:
                return end
        if k < len(text) and (not _name_char(text[k]) or text[k] in _LEVEL_CHARS):
            break
    return None


def _name_not_place(text: str, prefix: _Prefix, floor: int, t: _Tables) -> bool:
    """Is the innermost place of ``prefix`` a name, as its region is no smaller than the one before it?"""
    place = prefix.places[0]
    if len(prefix.places) > 1 or place.region is None or place.level not in ("县", "区"):
        return False
    outer = _region_before(text, place.start, floor, t)
    return outer is not None and outer.level in ("县", "区")


def _make(
    text: str, start: int, end: int, canonical: str, head: _Head, place: _Place | None,
    distributed: bool, head_start: int,
) -> _Found:
    # a distributed item is named by its own place and the shared head: 曹县医保局
    name = place.name + text[head_start:end] if distributed and place is not None else text[start:end]
    level = place.level if place is not None else head.level
    return _Found(
        start=start, end=end, name=name, canonical=canonical, kind=head.kind, level=level,
        region=place.region if place is not None else None, abbr=head.abbr, place=place,
        distributed=distributed,
    )


def _titles(text: str, end: int, items: list[_Found], t: _Tables) -> list[_Found]:
    """Mark ``person_title`` when a person's title (or NAME同志) follows the agency."""
    title = t.title_trie.longest(text, end)
    if title is None:
        m = _COMRADE.match(text, end)
        if m is None:
            return items
    return [attrs.evolve(i, person_title=True) for i in items]


_COMRADE = regex.compile(r"\p{Han}{2,3}?同志")


def _name_char(ch: str) -> bool:
    return ch not in _NOT_IN_NAME and is_cjk(ch)


def _name_at(text: str, i: int, t: _Tables) -> bool:
    """Is ``text[i]`` a name character: not a function word, or inside a name word that holds one
    (``name_word`` rows: 和平 in 鼓楼区和平中学, 和平镇; 共和 in 共和小学)?"""
    if _name_char(text[i]):
        return True
    return text[i : i + 2] in t.name_words or (i >= 1 and text[i - 1 : i + 1] in t.name_words)


def _unit_after(text: str, e: int, t: _Tables) -> tuple[int, int] | None:
    """(end of the name part, end of the unit) of a sub-unit starting at ``e``, or None."""
    m = t.unit_re.match(text, e)
    if m is None:
        # a branch named after a place with its level: 人民银行 聊城市 中心支行
        for k in range(min(len(text), e + 8), e + 1, -1):
            if text[e:k] in t.regions:
                b = t.unit_re.match(text, k)
                if b is not None and b.group(2) in t.branch_units:
                    return b.end(1), b.end(2)
                break
        return None
    if m.end(1) > e and t.title_trie.longest(text, e) is not None:
        return None  # 服务中心党委委员: a title, not a sub-unit
    if m.end(1) > e and text.startswith(t.unit_verbs, e):
        return None  # 市民政局推动养老服务中心建设: a verb opens no sub-unit's name
    if m.group(2) in t.bounded_units:
        # 养老服务科科长, 种植业科、, 养老服务科联合市卫健委: a one-character unit ends a name only
        # before a title, a function word, a verb or punctuation (推广农业科技 holds no 科)
        after = m.end(2)
        if after < len(text) and re.match(_HAN, text[after]) and text[after] not in _NOT_IN_NAME and (
            t.title_trie.longest(text, after) is None
        ) and not text.startswith(t.unit_verbs, after):
            return None
        if m.end(1) == e:
            return None  # a bare 科 right after the agency names no unit
    return m.end(1), m.end(2)


def _region_prefix_of(mod: str, t: _Tables) -> tuple[str, str] | None:
    """(region, level) when a sub-unit's name starts with a place (国家统计局 万载 调查队)."""
    for k in range(len(mod), 1, -1):
        entry = t.regions.get(mod[:k])
        if entry is not None:
            return mod[:k], entry[0]
    return None


# ---------------------------------------------------------------------------------- prefixes
def _prefix(text: str, end: int, floor: int, t: _Tables, *, town: bool, party: bool) -> _Prefix | None:
    """The place(s) written right before ``end``: a region chain, a township, a bare level, or a list."""
    place = _place_before(text, end, floor, t, town=town)
    graded = False
    stem_last = False
    if place is None and end - 3 > floor:
        # 涪城区、游仙区、安州医保局: the last district of a list written without its 区
        stem = _district_stem_before(text, end, floor, t)
        if stem is not None and stem.start - 1 > floor and text[stem.start - 1] == "、":
            place, stem_last = stem, True
    if place is None and end - 2 > floor and _GRADE.match(text, end - 2):
        # 市、县两级疾病预防控制中心: a list of levels, then how many
        place = _place_before(text, end - 2, floor, t, town=False)
        graded = place is not None and place.region is None
        if not graded:
            return _levels_written_together(text, end - 2, floor)
    if place is None:
        return None
    if place.region is None and place.end - place.start == 1:
        # the level repeated after the place's own name: 阳谷县县委, 济宁市市委 (region 阳谷县, 济宁市)
        named = _region_before(text, place.start, floor, t)
        if named is not None and named.name.endswith(place.name):
            place = attrs.evolve(named, end=place.end)
    places = [place]
    a = place.start
    # a 、 list of places of the same sort: 牡丹区、曹县、巨野、成武 / 市、县(两级)
    while a - 1 > floor and text[a - 1] == "、":
        # 邵店镇、洙湖镇、黄埠镇政府: a list of townships before a township head
        prev = _place_before(text, a - 1, floor, t, town=town and place.level == "乡镇")
        if prev is None and place.region is not None:
            prev = _district_stem_before(text, a - 1, floor, t)
        if prev is None or (prev.region is None) != (place.region is None):
            break
        places.insert(0, prev)
        a = prev.start
    if (graded or stem_last) and len(places) < 2:
        return None
    start = a
    if len(places) == 1 and place.region is not None:
        # the enclosing regions written before (山东省济宁市任城区)
        while True:
            outer = _region_before(text, start, floor, t)
            if outer is None:
                break
            start = outer.start
    if party and text[max(floor, start - 2) : start] == "中共":
        start -= 2
    return _Prefix(start=start, places=tuple(places))


_GRADE = regex.compile(r"[两三四五]级")
_GRADE_COUNT = {"两": 2, "三": 3, "四": 4, "五": 5}


def _levels_written_together(text: str, end: int, floor: int) -> _Prefix | None:
    """市县两级, 省市县三级: as many level characters, with no 、, as the grade counts."""
    n = _GRADE_COUNT[text[end]]
    a = end - n
    if a < floor or any(text[k] not in _LEVEL_CHARS for k in range(a, end)):
        return None
    if a - 1 >= floor and (text[a - 1] in _LEVEL_CHARS or text[a - 1] in "各每全该本"):
        return None
    places = tuple(
        _Place(start=k, end=k + 1, name=text[k], level=_LEVEL_CHARS[text[k]], region=None) for k in range(a, end)
    )
    return _Prefix(start=a, places=places)


def _place_before(text: str, end: int, floor: int, t: _Tables, *, town: bool) -> _Place | None:
    region = _region_before(text, end, floor, t)
    if region is not None:
        return region
    if town:
        got = _town_before(text, end, floor, t)
        if got is not None:
            return got
    if end - 1 < floor or end < 1:
        return None
    if town and text.endswith("街道", 0, end) and end - 2 >= floor:
        # a bare 街道 before a township head, as 镇 is (街道办事处, 街道党工委); not 各街道, 该街道
        if end - 3 >= floor and (
            text[end - 3] in "各该本每全" or text[max(floor, end - 4) : end - 2] in _GENERIC_BEFORE
        ):
            return None
        return _Place(start=end - 2, end=end, name="街道", level="乡镇", region=None)
    ch = text[end - 1]
    if ch not in _LEVEL_CHARS or (ch in "镇乡" and not town):
        return None
    if t.nonprefix_trie.starts(text, end, floor):
        return None
    return _Place(start=end - 1, end=end, name=ch, level=_LEVEL_CHARS[ch], region=None)


# a conjunction right after an agency opens no one-character place: 市政府和县委 is 县委, not 和县 委
_CONJUNCTIONS = frozenset("和与及同跟暨")


def _region_before(text: str, end: int, floor: int, t: _Tables) -> _Place | None:
    for a in t.region_trie.starts(text, end, floor):
        if end - a == 2 and text[a] in _CONJUNCTIONS and a > 0 and (a == floor or _conjunction_at(text, a, floor, t)):
            continue
        if text[a : end - 1] in t.unit_verb_set and a > 0 and (a == floor or _conjunction_at(text, a, floor, t)):
            continue  # 基础教育科会同县财政局: right after a word, 会同 is the verb, not 会同县
        if end - a >= 2:
            name = text[a:end]
            return _Place(start=a, end=end, name=name, level=t.regions[name][0], region=name)
    ch = text[end - 1] if end - 1 > floor else ""
    if ch in ("县", "区"):
        # 北川县, 峨边县: a short name (北川羌族自治县 → 北川) written with its level character
        for a in t.region_trie.starts(text, end - 1, floor):
            name = text[a : end - 1]
            if end - 1 - a >= 2 and name[-1] not in _LEVEL_CHARS and t.regions[name][0] == ch:
                return _Place(start=a, end=end, name=text[a:end], level=ch, region=text[a:end])
            break
    return None


def _conjunction_at(text: str, a: int, floor: int, t: _Tables) -> bool:
    """Is ``text[a]`` (和, 与…) a conjunction rather than the first character of a one-character
    place (和县)? It is after a word (全会和县委: 和 joins 全会 and 县委), not after a place
    (马鞍山市和县) or a punctuation mark."""
    return is_cjk(text[a - 1]) and text[a - 1] not in _TAKES_OBJECT and _region_before(text, a, floor, t) is None


# prepositions and verbs that take the place as their object: 在和县委的领导下, 赴和县调研
_TAKES_OBJECT = frozenset("在由向对经据为是到赴去来从自于")


def _district_stem_before(text: str, end: int, floor: int, t: _Tables) -> _Place | None:
    """A district written without 区 inside a list of places (亭湖、 in 亭湖、盐都、大丰区)."""
    for a in t.district_stem_trie.starts(text, end, floor):
        if end - a >= 2 and (a == floor or not is_cjk(text[a - 1]) or text[a - 1] == "、"):
            return _Place(start=a, end=end, name=text[a:end], level="区", region=text[a:end])
    return None


def _town_before(text: str, end: int, floor: int, t: _Tables) -> _Place | None:
    """小孟镇, 中心店镇, 鲁城街道: a township or street office, by its ending (no list of towns)."""
    for suffix in _TOWN_SUFFIXES:
        if not text.endswith(suffix, 0, end):
            continue
        generic = [a for a in t.nonprefix_trie.starts(text, end, floor) if end - a >= 2]
        if generic:
            # 乡镇, 城镇: generic words, unless a name opens right before them at a boundary
            # (，旧城镇党委, 鄄城县什集镇人民政府: a town whose name ends in 城/集)
            a = min(generic)
            if text[a:end] == "乡镇" or a - 1 < floor or not _name_at(text, a - 1, t):
                return None
            b = a - 1
            if text[b] in _LEVEL_CHARS or text[b] in _GENERIC_BEFORE or text[b] in "全":
                return None
            if not (b == floor or not is_cjk(text[b - 1]) or _region_before(text, b, floor, t) is not None):
                return None
            return _Place(start=b, end=end, name=text[b:end], level="乡镇", region=text[b:end])
        stem_end = end - len(suffix)
        if stem_end - 1 < floor or not _name_at(text, stem_end - 1, t):
            continue  # 办事处、镇人民政府: the name must run up to the suffix
        candidates: list[int] = []
        for n in (2, 3, 4):
            a = stem_end - n
            if a < floor:
                break
            if not _name_at(text, a, t):
                # 向阳镇, 于集镇: a function character may open a name at a boundary (，向阳镇)
                if n == 2 and is_cjk(text[a]) and (
                    a == floor or not is_cjk(text[a - 1]) or _region_before(text, a, floor, t) is not None
                ):
                    candidates.append(a)
                break
            candidates.append(a)
        if not candidates:
            continue
        best = candidates[0]
        for a in candidates:
            if a == floor or not is_cjk(text[a - 1]) or _region_before(text, a, floor, t) is not None:
                best = a
                break
        verb = t.town_verb_trie.longest(text, best)
        if verb is None and not _name_char(text[best]):
            verb = text[best]
        if verb is not None and stem_end - best - len(verb) >= 2:
            best += len(verb)  # 新建纸坊镇中心小学: the school of 纸坊镇
        return _Place(start=best, end=end, name=text[best:end], level="乡镇", region=text[best:end])
    return None


# ---------------------------------------------------------------------------------- post passes
def _resolve_context(found: list[_Found]) -> list[_Found]:
    """国家总局 → the 总局 named last before it (or next after it); dropped when there is none."""
    if not any(f.canonical.startswith(_CONTEXT_PREFIX) for f in found):
        return found
    out: list[_Found] = []
    for i, f in enumerate(found):
        if not f.canonical.startswith(_CONTEXT_PREFIX):
            out.append(f)
            continue
        ending = f.canonical[len(_CONTEXT_PREFIX) :]

        def fits(g: _Found, f: _Found = f, ending: str = ending) -> bool:
            return g.canonical.endswith(ending) and g.level == f.level and not g.canonical.startswith("*")

        before = (g for g in reversed(found[:i]) if fits(g))
        after = (g for g in found[i + 1 :] if fits(g))
        target = next(before, None) or next(after, None)
        if target is not None:
            out.append(attrs.evolve(f, canonical=target.canonical, kind=target.kind))
    return out


def _mark_joined(found: list[_Found], source: SourceText) -> list[_Found]:
    """Mentions written back to back, each with its own place (市委市政府, 省委省政府).

    Only a line wrap may stand between them in the original: a layout space separates two labels.
    """
    out = list(found)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if (
            a.end == b.start
            and a.place is not None
            and b.place is not None
            and not (a.distributed or b.distributed or a.nested or b.nested)
            and not source.original[
                source.original_index(a.end - 1) + 1 : source.original_index(b.start)
            ].strip("\r\n")
        ):
            out[i - 1] = attrs.evolve(a, joined=True)
            out[i] = attrs.evolve(b, joined=True)
    return out


def _fill_region(found: list[_Found], region: str, t: _Tables) -> list[_Found]:
    by_level = {level: name for name, level in t.ancestors(region)}
    if not by_level:
        for ch, level in _LEVEL_CHARS.items():
            if region.endswith(ch):
                by_level[level] = region
    out: list[_Found] = []
    for f in found:
        if f.region is None and f.place is not None and f.level in by_level:
            f = attrs.evolve(f, region=by_level[f.level])
        out.append(f)
    return out


def _to_agency(source: SourceText, f: _Found, parent: Agency | None = None) -> Agency:
    span = source.span(f.start, f.end)
    part = source.span(f.place.start, f.place.end) if f.distributed and f.place is not None else None
    if f.parent is not None and parent is None:
        parent = _to_agency(source, f.parent)
    return Agency(
        span=span,
        text=span.slice(source.original),
        name=f.name,
        canonical=f.canonical,
        kind=f.kind,
        level=f.level,
        region=f.region,
        parent=parent,
        abbreviation=f.abbr,
        distributed=f.distributed,
        joined=f.joined,
        nested=f.nested,
        person_title=f.person_title,
        part_span=part,
    )

