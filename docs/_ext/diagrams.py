# ruff: noqa: E501 (SVG markup)
"""Generate the two SVG diagrams of the docs (committed in ``docs/_static/``).

    python docs/_ext/diagrams.py

* ``offset-map.svg``: an original string, its normalized view and the map between them, computed
  by :class:`govreport.SourceText` itself (so the picture shows what the code does);
* ``architecture.svg``: the pipeline from raw text to :class:`govreport.Document`.

Plain SVG, no dependencies; CJK glyphs use the reader's system fonts.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "_static"
FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"
MONO = "'DejaVu Sans Mono',Menlo,Consolas,monospace"


def _show(ch: str) -> str:
    return {" ": "␣", "\n": "⏎", "\u3000": "␣"}.get(ch, ch)


def offset_map(text: str = "问题 172 个，增长１６．１ ％", span: tuple[int, int] = (2, 6)) -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    from govreport import SourceText

    st = SourceText(text)
    norm = st.normalized
    mapped = [st.original_index(i) for i in range(len(norm))]
    kept = set(mapped)
    cell, gap = 34, 4
    x0 = 150
    y_orig, y_norm = 70, 230
    width = x0 + len(text) * (cell + gap) + 40
    sp = st.span(*span)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="380" viewBox="0 0 {width} 380" '
        f'font-family="{FONT}" role="img" aria-labelledby="t">',
        '<title id="t">The offset map of SourceText: each normalized character points back to its original index</title>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        '<defs><marker id="a" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#4a6fa5"/></marker></defs>',
        f'<text x="12" y="{y_orig + 22}" font-size="14" font-weight="bold" fill="#222">original</text>',
        f'<text x="12" y="{y_orig + 40}" font-size="11" fill="#666">doc.text, spans</text>',
        f'<text x="12" y="{y_norm + 22}" font-size="14" font-weight="bold" fill="#222">normalized</text>',
        f'<text x="12" y="{y_norm + 40}" font-size="11" fill="#666">what extractors match</text>',
    ]
    for i, ch in enumerate(text):
        x = x0 + i * (cell + gap)
        dropped = i not in kept
        folded = not dropped and ch != norm[mapped.index(i)]
        fill = "#eeeeee" if dropped else ("#fde8c8" if folded else "#dfe9f7")
        stroke = "#bbbbbb" if dropped else "#4a6fa5"
        dash = ' stroke-dasharray="3,2"' if dropped else ""
        out.append(
            f'<rect x="{x}" y="{y_orig}" width="{cell}" height="{cell}" rx="4" fill="{fill}" stroke="{stroke}"{dash}/>'
        )
        color = "#999999" if dropped else "#111111"
        out.append(
            f'<text x="{x + cell / 2}" y="{y_orig + 24}" font-size="18" text-anchor="middle" fill="{color}">{escape(_show(ch))}</text>'
        )
        out.append(
            f'<text x="{x + cell / 2}" y="{y_orig - 8}" font-size="11" text-anchor="middle" fill="#555" font-family="{MONO}">{i}</text>'
        )
    for j, ch in enumerate(norm):
        x = x0 + j * (cell + gap)
        inside = span[0] <= j < span[1]
        fill = "#d6f0d6" if inside else "#dfe9f7"
        out.append(f'<rect x="{x}" y="{y_norm}" width="{cell}" height="{cell}" rx="4" fill="{fill}" stroke="#4a6fa5"/>')
        out.append(
            f'<text x="{x + cell / 2}" y="{y_norm + 24}" font-size="18" text-anchor="middle" fill="#111">{escape(_show(ch))}</text>'
        )
        out.append(
            f'<text x="{x + cell / 2}" y="{y_norm + cell + 16}" font-size="11" text-anchor="middle" fill="#555" font-family="{MONO}">{j}</text>'
        )
        ox = x0 + mapped[j] * (cell + gap) + cell / 2
        out.append(
            f'<line x1="{x + cell / 2}" y1="{y_norm - 2}" x2="{ox}" y2="{y_orig + cell + 4}" stroke="#4a6fa5" '
            f'stroke-width="1.2" marker-end="url(#a)"/>'
        )
    # the span example
    sx0 = x0 + sp.start * (cell + gap) - 2
    sx1 = x0 + (sp.end - 1) * (cell + gap) + cell + 2
    out.append(
        f'<rect x="{sx0}" y="{y_orig - 24}" width="{sx1 - sx0}" height="{cell + 30}" rx="6" fill="none" stroke="#2e8b57" stroke-width="2"/>'
    )
    nx0 = x0 + span[0] * (cell + gap) - 2
    nx1 = x0 + (span[1] - 1) * (cell + gap) + cell + 2
    out.append(
        f'<rect x="{nx0}" y="{y_norm - 4}" width="{nx1 - nx0}" height="{cell + 26}" rx="6" fill="none" stroke="#2e8b57" stroke-width="2"/>'
    )
    label = (
        f"st.span({span[0]}, {span[1]}) = Span({sp.start}, {sp.end}):  normalized[{span[0]}:{span[1]}] = "
        f"{norm[span[0] : span[1]]!r}  →  original[{sp.start}:{sp.end}] = {text[sp.start : sp.end]!r}"
    )
    out.append(f'<text x="{x0}" y="{y_norm + cell + 48}" font-size="13" fill="#2e8b57">{escape(label)}</text>')
    legend_y = y_norm + cell + 80
    items = [
        ("#dfe9f7", "#4a6fa5", "kept as is"),
        ("#fde8c8", "#4a6fa5", "folded 1:1 (full width → ASCII)"),
        ("#eeeeee", "#bbbbbb", "dropped (layout space, wrap, markdown)"),
    ]
    lx = x0
    for fill, stroke, text_ in items:
        out.append(f'<rect x="{lx}" y="{legend_y}" width="16" height="16" rx="3" fill="{fill}" stroke="{stroke}"/>')
        out.append(f'<text x="{lx + 22}" y="{legend_y + 13}" font-size="12" fill="#333">{escape(text_)}</text>')
        lx += 40 + 7 * len(text_)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def architecture() -> str:
    w, h = 980, 470
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        f'font-family="{FONT}" role="img" aria-labelledby="t">',
        '<title id="t">govreport\'s pipeline: raw text, SourceText, extractors, Document</title>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        '<defs><marker id="a" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>',
    ]

    def box(x: int, y: int, bw: int, bh: int, title: str, lines: list[str], fill: str) -> None:
        out.append(f'<rect x="{x}" y="{y}" width="{bw}" height="{bh}" rx="8" fill="{fill}" stroke="#4a4a4a"/>')
        out.append(
            f'<text x="{x + bw / 2}" y="{y + 22}" font-size="15" font-weight="bold" text-anchor="middle" fill="#111">{escape(title)}</text>'
        )
        for k, line in enumerate(lines):
            out.append(
                f'<text x="{x + bw / 2}" y="{y + 42 + 16 * k}" font-size="12" text-anchor="middle" fill="#333">{escape(line)}</text>'
            )

    def arrow(x1: float, y1: float, x2: float, y2: float, label: str = "") -> None:
        out.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#333" stroke-width="1.5" marker-end="url(#a)"/>'
        )
        if label:
            out.append(
                f'<text x="{(x1 + x2) / 2}" y="{(y1 + y2) / 2 - 6}" font-size="11" text-anchor="middle" fill="#555">{escape(label)}</text>'
            )

    box(20, 180, 150, 90, "raw text", ["str, or bytes/file", "decoded by io", "(GB18030, UTF-8…)"], "#f4f4f4")
    box(
        220,
        150,
        190,
        150,
        "SourceText",
        [
            "original (never altered)",
            "normalized view:",
            "full width → ASCII,",
            "wraps joined, layout",
            "spaces dropped",
            "+ offset map",
        ],
        "#dfe9f7",
    )
    ext = [
        ("split_articles", "blocks, bylines, titles"),
        ("quantities", "number × magnitude × unit"),
        ("percentages", "%, 个百分点, ‰, 分之"),
        ("agencies", "names → canonical, level"),
        ("dates · ranks", "resolved dates, 第N位"),
    ]
    ey = 30
    for k, (name, what) in enumerate(ext):
        y = ey + k * 82
        box(470, y, 200, 66, name, [what, "_find → _resolve → span()"], "#fdf3dc")
        arrow(410, 225, 470, y + 33)
        arrow(670, y + 33, 730, 225)
    box(
        730,
        150,
        230,
        150,
        "Document",
        [
            "text: the input, verbatim",
            "articles, quantities,",
            "percentages, agencies,",
            "dates, ranks: tuples",
            "sorted by span.start",
            "+ indicators (figures)",
        ],
        "#d6f0d6",
    )
    arrow(170, 225, 220, 225, "")
    out.append('<text x="730" y="335" font-size="12" fill="#333">→ to_dict / to_json / to_records /</text>')
    out.append('<text x="730" y="352" font-size="12" fill="#333">   to_dataframe; the govreport CLI</text>')
    out.append(
        '<text x="20" y="450" font-size="12" fill="#555">Every span is half-open and indexes the ORIGINAL text: '
        "extractors match on the normalized view and map back through SourceText.span().</text>"
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    STATIC.mkdir(exist_ok=True)
    (STATIC / "offset-map.svg").write_text(offset_map(), encoding="utf-8")
    (STATIC / "architecture.svg").write_text(architecture(), encoding="utf-8")
    print("wrote", STATIC / "offset-map.svg", "and", STATIC / "architecture.svg")
