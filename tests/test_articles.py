"""Article segmentation (issue 4): case tables, properties, speed, and the text layer on seed 004."""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport.articles import split_articles
from govreport.text import SourceText, is_cjk
from govreport.types import Article, ArticleKind, Span

CASES = Path(__file__).parent / "cases" / "articles"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def _load(name: str) -> list[dict[str, Any]]:
    with (CASES / name).open(encoding="utf-8") as f:
        data: list[dict[str, Any]] = yaml.safe_load(f)
    return data


def _cases() -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        if path.name.startswith("seed_"):
            continue
        for case in _load(path.name):
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            out.append(pytest.param(case, id=f"{path.stem}:{case['id']}", marks=marks))
    return out


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def _check_invariants(text: str, arts: list[Article]) -> None:
    """Span invariant, order, no overlap of top-level blocks, full coverage of the input."""
    starts = [a.span.start for a in arts]
    assert starts == sorted(starts)
    assert [a.index for a in arts] == list(range(len(arts)))
    top = [a for a in arts if a.kind is not ArticleKind.CAPTION]
    for a in arts:
        assert a.text == text[a.span.start : a.span.end]
        assert a.text and not a.text[0].isspace() and not a.text[-1].isspace()
        if a.body_span is not None:
            assert a.body_span in a.span
    for a, b in itertools.pairwise(top):
        assert a.span.end <= b.span.start
    for c in arts:
        if c.kind is ArticleKind.CAPTION:
            for t in top:  # a caption nests inside a block or sits between blocks
                assert not c.span.overlaps(t.span) or c.span in t.span
            if c.parent_index is not None:
                assert arts[c.parent_index].kind in (ArticleKind.ARTICLE, ArticleKind.CONTINUATION)
    covered = bytearray(len(text))
    for a in arts:
        covered[a.span.start : a.span.end] = b"\x01" * len(a.span)
    for i, ch in enumerate(text):
        assert covered[i] or ch.isspace() or ch in "#*", (i, text[max(0, i - 10) : i + 10])


# -- case tables ------------------------------------------------------------------------------------

_FIELDS = ("kicker", "title", "subtitle", "dateline", "agency", "continued_from", "continued_to")
_BYLINE_FIELDS = ("outlet", "reporters", "correspondents", "photographers")


@pytest.mark.parametrize("case", _cases())
def test_case(case: dict[str, Any]) -> None:
    text: str = case["input"]
    arts = split_articles(text)
    _check_invariants(text, arts)
    assert len(arts) == len(case["expect"]), [(a.kind.value, a.title) for a in arts]
    for art, want in zip(arts, case["expect"], strict=True):
        assert art.kind.value == want["kind"]
        if "line" in want:
            assert _line_of(text, art.span.start) == want["line"]
        for f in _FIELDS:
            if f in want:
                assert getattr(art, f) == want[f], f
        for f in _BYLINE_FIELDS:
            if f in want:
                assert art.byline is not None
                got = getattr(art.byline, f)
                assert (list(got) if isinstance(got, tuple) else got) == want[f], f
        if "byline" in want:
            assert art.byline is not None and art.byline.raw == want["byline"]
        if "subheads" in want:
            assert list(art.subheads) == want["subheads"]
        if "parent" in want:
            assert art.parent_index == want["parent"]
        if want.get("inside_parent"):
            assert art.parent_index is not None and art.span in arts[art.parent_index].span
        if "clean_contains" in want:
            assert want["clean_contains"] in art.clean_text


def test_clean_text_joins_wraps_and_keeps_offsets() -> None:
    text = "标题一\n\n本报讯(记者 张三) 全市医疗救助资金支出1.4\n\n亿元,增长18.3%。\n"
    (art,) = split_articles(text)
    assert art.clean_text == "全市医疗救助资金支出1.4亿元,增长18.3%。"
    assert art.body_span is not None and text[art.body_span.start] == "全"


def test_article_of_returns_innermost_block() -> None:
    text = (
        "## 菏泽医改将出实招\n\n本报讯(牡丹晚报全媒体记者 武霏) 7月7日,会议要求,坚定深化医改的\n\n\n\n"
        "全市医改工作会议现场,共有120名代表参加。\n\n信心决心,投入资金1.4亿元推进改革。\n"
    )
    doc = govreport.parse(text)
    caption = next(a for a in doc.articles if a.kind is ArticleKind.CAPTION)
    art = next(a for a in doc.articles if a.kind is ArticleKind.ARTICLE)
    inside = type("Item", (), {"span": caption.span})()
    after = type("Item", (), {"span": Span(text.index("1.4亿"), text.index("1.4亿") + 5)})()
    assert doc.article_of(inside) == caption
    assert doc.article_of(after) == art
    assert doc.article_of(object()) is None


def test_rules_are_data() -> None:
    from govreport._data import read_text

    data = json.loads(read_text("articles.json"))
    assert "_comment" in data
    for key in ("byline_openers", "roles", "continued_from_re", "continued_to_re", "wire_dateline_re"):
        assert data[key]
    assert "本报讯" in data["byline_openers"] and data["roles"]["通讯员"] == "correspondent"


def test_non_str_raises_type_error() -> None:
    with pytest.raises(TypeError):
        split_articles(b"abc")  # type: ignore[arg-type]


# -- the seeds (when the shared folder is present) --------------------------------------------------


@pytest.mark.skipif(not (SHARED / "gold" / "seeds" / "articles.jsonl").exists(), reason="no shared gold")
def test_seed_bylines_exact() -> None:
    """Every 本报讯 byline of the seeds: outlet and reporter names exact."""
    gold = [json.loads(x) for x in (SHARED / "gold/seeds/articles.jsonl").read_text("utf-8").splitlines() if x]
    checked = 0
    for g in gold:
        if not str(g.get("byline") or "").startswith("本报讯"):
            continue
        text = (SHARED / "seeds" / g["doc"]).read_text("utf-8")
        arts = split_articles(text)
        _check_invariants(text, arts)
        (art,) = [a for a in arts if a.span.start == g["start"]]
        assert art.byline is not None and art.byline.raw == g["byline"]
        assert list(art.byline.reporters) == g["reporters"]
        assert list(art.byline.correspondents) == g.get("correspondents", [])
        assert art.byline.outlet == g["outlet"]
        assert art.dateline == g["dateline"]
        checked += 1
    assert checked == 9


# -- properties and speed ---------------------------------------------------------------------------

_PAGE_ALPHABET = st.sampled_from(
    [
        "\n",
        "\n\n",
        "\n\n\n\n",
        " ",
        "#",
        "## ",
        "**",
        "■",
        "(",
        ")",
        "(上接1版A)",
        "(下转2版)",
        "本报讯",
        "本报记者 ",
        "新华社北京11月27日电",
        "记者 ",
        "通讯员 ",
        "张 龙 摄",
        "供图",
        "。",
        ",",
        "——",
        "标题",
        "全市会议召开",
        "3月2日,",
        "今年以来,",
        "市医疗保障局",
        "市体育局",
        "首页 > ",
        "来源:",
        "2024年3月1日",
        "一、",
        "1.4亿元",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    _check_invariants(text, split_articles(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PAGE_ALPHABET, max_size=60).map("".join))
def test_page_like_text_keeps_invariants(text: str) -> None:
    _check_invariants(text, split_articles(text))


@pytest.mark.parametrize(
    "text",
    ["\n" * 1_000_000, "全市会议召开," * 140_000, "本报讯(" * 150_000, " \n" * 500_000, "市体育局\n\n" * 50_000],
    ids=["newlines", "one-line", "openers", "space-lines", "label-lines"],
)
def test_linear_time_on_pathological_input(text: str) -> None:
    src = SourceText(text)
    from govreport.articles import articles_from_source

    t0 = time.perf_counter()
    articles_from_source(src)
    assert time.perf_counter() - t0 < 5.0


# -- the text layer on seed 004 (issue 4 acceptance) ------------------------------------------------


@pytest.fixture(scope="module")
def seed004() -> dict[str, Any]:
    with (CASES / "seed_004_text_layer.yaml").open(encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


def _is_word(ch: str) -> bool:
    return is_cjk(ch) or ch.isdigit() or ch in ".%"


def test_004_every_wrap_inside_a_word_is_joined(seed004: dict[str, Any]) -> None:
    text: str = seed004["input"]
    src = SourceText(text)
    assert src.fixed_width
    label_lines = set(seed004["labels"])
    checked = 0
    pos = 0
    while (nl := text.find("\n", pos)) >= 0:
        end = nl
        while end < len(text) and text[end] == "\n":
            end += 1
        pos = end
        if nl == 0 or end >= len(text) or not (_is_word(text[nl - 1]) and _is_word(text[end])):
            continue
        before = text[text.rfind("\n", 0, nl) + 1 : nl].strip()
        after = text[end : (text.find("\n", end) + 1 or len(text) + 1) - 1].strip()
        if before in label_lines or after in label_lines:
            continue  # the layout-residue labels are separate lines, not wrapped words
        checked += 1
        assert src.normalized_index(nl) == src.normalized_index(end), repr(text[nl - 8 : end + 8])
    assert checked > 300


def _paragraph_breaks_kept(seed: dict[str, Any]) -> list[str]:
    text: str = seed["input"]
    src = SourceText(text)
    lost = []
    for start in seed["paragraph_starts"]:
        o = text.index(start)
        k = src.normalized_index(o)
        if src.normalized[:k].strip() and src.normalized[k - 1] != "\n":
            lost.append(start)
    return lost


def test_004_no_paragraph_break_is_joined(seed004: dict[str, Any]) -> None:
    assert _paragraph_breaks_kept(seed004) == []


def test_free_flow_title_is_not_joined_to_body() -> None:
    title = "冷就幸福济宁温暖底色 ——济宁市织密社会保障网持续增进民生福祉"
    text = f"\n\n{title}\n\n" + "济宁市第十四次党代会报告提出,强力攻坚民生福祉,更加扎实有效推进共同富裕。" * 2
    assert "民生福祉\n" in SourceText(text).normalized


_PARA = "2023年,全市上下坚持稳中求进工作总基调,全面贯彻新发展理念,经济运行回升向好,高质量发展扎实推进。"
_TITLE = "菏泽市2023年国民经济和社会发展统计公报\n\n"


def _fixed_width(head: str) -> str:
    """A fixed-width communiqué (every body line 24 characters) with ``head`` on the line above the body."""
    body = "全年全市生产总值四千亿元比上年增长百分之六其中第一产业增加值四百亿元增长较快第二产业增加值一千六百亿元" * 4
    lines = [body[i : i + 24] for i in range(0, len(body) - 23, 24)]
    return "菏泽市二〇二三年国民经济和社会发展统计公报\n\n" + head + "\n" + "\n".join(lines) + "。"


# (id, text, a piece of the normalized text that must be there): a short line that is a complete
# agency name (a signature, a source line, a name and a date) stays its own line; a short line
# that only ends in an agency (会议由市统计局, 据市统计局) or a word cut in two is still a hard wrap.
_QUOTE_WRAP = "在河湖专项整治行动中全市累计清理整治河湖“四乱\n”问题1320处"
_NAME_LINES = [
    ("signature-above-body", f"{_TITLE}菏泽市统计局\n\n{_PARA}", "菏泽市统计局\n\n2023年"),
    ("signature-single-newline", f"{_TITLE}菏泽市统计局\n{_PARA}", "菏泽市统计局\n2023年"),
    ("signature-and-date", f"{_TITLE}市统计局 2024年3月15日\n\n{_PARA}", "3月15日\n\n2023年"),
    ("chinese-date-and-signature", f"{_TITLE}二〇二四年三月十五日 市统计局\n\n{_PARA}", "市统计局\n\n2023年"),
    ("source-line", f"{_PARA}\n\n来源:菏泽市统计局\n\n{_PARA}", "菏泽市统计局\n\n2023年"),
    ("institution-between-paragraphs", f"{_PARA}\n\n市公共就业和人才服务中心\n\n{_PARA}", "服务中心\n\n2023年"),
    ("two-signatures", f"{_PARA}\n\n市委办公室 市政府办公室\n\n{_PARA}", "市政府办公室\n\n2023年"),
    ("fixed-width-signature", _fixed_width("菏泽市统计局"), "菏泽市统计局\n全年"),
    ("fixed-width-title-above-signature", _fixed_width("菏泽市统计局"), "统计公报\n\n菏泽市统计局"),
    (
        "signature-under-unpunctuated-paragraph",
        f"{_PARA}\n\n{_PARA[:-1]}\n\n菏泽市统计局\n\n2024年3月15日",
        "推进\n\n菏泽市",
    ),
    ("cut-before-a-name-and-a-verb", f"{_PARA}数据来自\n\n菏泽市统计局发布的公报。", "数据来自菏泽市统计局"),
    ("cut-after-a-name-in-a-sentence", f"{_PARA}\n\n会议由市统计局\n\n{_PARA}", "会议由市统计局2023年"),
    ("cut-after-a-name-with-a-verb", f"{_PARA}\n\n据市统计局\n\n{_PARA}", "据市统计局2023年"),
    ("cut-inside-a-name", f"{_PARA}\n\n全市规模以上工业数据由菏泽市统\n\n计局发布," + _PARA, "菏泽市统计局发布"),
    ("cut-inside-a-word", f"{_PARA}\n\n为扎实推动公立医院高质\n\n量发展," + _PARA, "高质量发展"),
    ("number-ending-a-headline", "新增岗位1.2万\n\n本报讯（记者 王五）全市召开会议。", "1.2万\n\n本报讯"),
    ("number-cut-across-a-blank-line", f"{_PARA}企业开办指标取得全省第2\n\n名的好成绩。", "第2名"),
    ("report-title-above-its-text", f"{_PARA}\n\n市退役军人事务局2023年工作总结\n\n{_PARA}", "工作总结\n\n2023年"),
    ("document-title-above-its-text", f"{_PARA}\n\n关于表彰先进集体的决定\n\n{_PARA}", "的决定\n\n2023年"),
    ("fixed-width-cut-after-a-name", _fixed_width("会议由市统计局"), "会议由市统计局全年"),
    ("fixed-width-wrap-before-a-closing-quote", _fixed_width(_QUOTE_WRAP), "“四乱”问题"),
    ("short-line-before-a-closing-quote", f"{_PARA}\n\n“四乱\n”问题", "“四乱\n”"),
]


@pytest.mark.parametrize(("text", "piece"), [pytest.param(t, p, id=i) for i, t, p in _NAME_LINES])
def test_a_name_on_its_own_line_is_not_a_hard_wrap(text: str, piece: str) -> None:
    assert piece in SourceText(text).normalized


_INDENTED = (
    "退役军人事务局：\n"
    "\u3000\u3000举办专场招聘会36场次，帮助3260名退役军人实现就业，扶持\n"
    "退役军人创业项目85个。\n"
    "\u3000\u3000二是落实优待抚恤。全年发放各类优抚资金2.36亿元，惠及优抚对象3.8万人。\n"
    "春耕备耕有序推进\n"
    "\u3000\u3000三是加强褒扬纪念。新建和改造烈士纪念设施26处。\n"
)


def test_indented_paragraphs_join_an_unindented_next_line() -> None:
    norm = SourceText(_INDENTED).normalized
    assert "扶持退役军人创业项目85个" in norm
    assert "春耕备耕有序推进\n" in norm  # a short unindented line is a headline, not a run-on
    assert "3.8万人。\n" in norm


def test_unindented_text_keeps_a_short_last_line() -> None:
    text = _INDENTED.replace("\u3000\u3000", "")
    assert "扶持\n退役军人" in SourceText(text).normalized
