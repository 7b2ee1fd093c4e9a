"""Chart the largest money amounts in one report as a PNG bar chart, coloured by article.

It parses one page, keeps its money amounts (quantities whose ``category`` is ``"currency"``,
one bar per distinct amount per article), takes the ``--top`` largest and draws them as horizontal
bars in 亿元 (units of 100 million yuan), one colour per article, with a legend naming the articles.
Needs matplotlib (``pip install 'govreport[examples]'``); it uses the non-interactive Agg backend.

Chinese labels need a font with CJK coverage (Noto Sans CJK, WenQuanYi, SimHei, ...). When
matplotlib finds one, bars are labelled with the amount as written and the legend with article
titles; otherwise labels use only ASCII: the article index (``art. 3``) and the value.

Usage::

    python examples/largest_amounts_chart.py [PAGE.txt] [--top 15] [--out chart.png]

Without a path it reads ``../shared/seeds/004_487b20540690d427.txt`` when that seed is present and
the bundled ``examples/sample.txt`` otherwise. Without ``--out`` the PNG is written to a new
temporary folder; the path of the PNG is printed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display needed; must be chosen before pyplot is imported

import matplotlib.pyplot as plt
from matplotlib import font_manager

import govreport

HERE = Path(__file__).resolve().parent
DEFAULT_SEED = HERE.parent.parent / "shared" / "seeds" / "004_487b20540690d427.txt"
YI = Decimal(100_000_000)  # 1亿
CJK_FAMILIES = (
    "Noto Sans CJK",
    "Noto Serif CJK",
    "Noto Sans SC",
    "Source Han Sans",
    "WenQuanYi",
    "SimHei",
    "Microsoft YaHei",
    "PingFang",
    "Heiti",
    "STHeiti",
    "Droid Sans Fallback",
    "AR PL",
)


def cjk_font() -> str | None:
    """The family name of an installed font that covers Chinese, or None (no warnings either way)."""
    for entry in font_manager.fontManager.ttflist:
        if any(entry.name.startswith(family) for family in CJK_FAMILIES):
            try:
                charmap = font_manager.get_font(entry.fname).get_charmap()
            except (OSError, RuntimeError):
                continue
            if all(ord(ch) in charmap for ch in "亿元市局"):
                return str(entry.name)
    return None


def largest_amounts(doc: govreport.Document, top: int) -> list[tuple[govreport.Quantity, int | None]]:
    """The ``top`` largest money amounts of ``doc`` (first mention of each per article), with article index."""
    seen: dict[tuple[int | None, Decimal], tuple[govreport.Quantity, int | None]] = {}
    for q in doc.quantities:
        if q.category == "currency" and q.unit == "元":
            article = doc.article_of(q)
            index = None if article is None else article.index
            seen.setdefault((index, q.value), (q, index))
    return sorted(seen.values(), key=lambda pair: pair[0].value, reverse=True)[:top]


def article_label(doc: govreport.Document, index: int | None, cjk: bool) -> str:
    if index is None:
        return "outside articles"
    article = doc.articles[index]
    if cjk and (article.title or article.agency):
        name = article.title or article.agency or ""
        return f"{index}: {name[:18]}{'…' if len(name) > 18 else ''}"
    return f"art. {index}"


def draw(doc: govreport.Document, amounts: list[tuple[govreport.Quantity, int | None]], out: Path, title: str) -> None:
    """Draw the bar chart of ``amounts`` and save it as PNG at ``out``."""
    font = cjk_font()
    if font is not None:
        plt.rcParams["font.family"] = [font, "DejaVu Sans"]
        plt.rcParams["axes.unicode_minus"] = False
    articles = sorted({index for _, index in amounts}, key=lambda i: -1 if i is None else i)
    cmap = plt.get_cmap("tab10")
    colour = {index: cmap(k % 10) for k, index in enumerate(articles)}

    fig, ax = plt.subplots(figsize=(9, 0.42 * max(len(amounts), 4) + 1.6), dpi=110)
    rows = list(reversed(amounts))  # largest on top
    values = [float(q.value / YI) for q, _ in rows]
    ax.barh(range(len(rows)), values, color=[colour[index] for _, index in rows])
    ax.set_yticks(range(len(rows)))
    if font is not None:
        ax.set_yticklabels(["".join(q.text.split()) for q, _ in rows])
    else:
        ax.set_yticklabels([f"art. {'-' if i is None else i} #{len(rows) - k}" for k, (_, i) in enumerate(rows)])
    for y, v in enumerate(values):
        ax.text(v, y, f" {v:,.2f}", va="center", fontsize=8)
    ax.set_xlim(0, max(values, default=1) * 1.15)
    ax.set_xlabel("amount (亿元 = 100 million yuan)" if font is not None else "amount (100 million yuan)")
    ax.set_title(title, fontsize=10)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colour[i]) for i in articles]
    ax.legend(
        handles,
        [article_label(doc, i, font is not None) for i in articles],
        title="article",
        loc="lower right",
        fontsize=8,
        title_fontsize=8,
    )
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", type=Path, help="one report page (default: seed 004 or sample.txt)")
    ap.add_argument("--top", type=int, default=15, help="how many amounts to draw (default 15)")
    ap.add_argument("--out", type=Path, help="the PNG to write (default: largest_amounts.png in a temp folder)")
    args = ap.parse_args(argv)
    path = args.path or (DEFAULT_SEED if DEFAULT_SEED.exists() else HERE / "sample.txt")
    if not path.is_file():
        ap.error(f"no such file: {path}")
    out = args.out or Path(tempfile.mkdtemp(prefix="govreport-")) / "largest_amounts.png"
    doc = govreport.parse_file(path)
    amounts = largest_amounts(doc, args.top)
    draw(doc, amounts, out, f"Largest money amounts in {path.name}")
    for q, index in amounts:
        print(f"art. {'-' if index is None else index}\t{q.value}\t{''.join(q.text.split())}")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
