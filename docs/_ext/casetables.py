"""Sphinx extension: tables of forms rendered from the test case tables, so the docs cannot drift.

``{casetable} quantities`` reads ``tests/cases/quantities/*.yaml`` (the very files the parametrized
tests run) and renders one table per file, one row per expected item
(a blank cell: not checked by the case; ``None``: checked to be None):

    ```{casetable} quantities
    :columns: text, value, unit, qualifier
    ```

Case schema (``tests/cases/<feature>/<source>.yaml``): a list of mappings with ``id``, ``input``,
``expect`` (a list of mappings: ``text``, ``value``, ``unit``, ``qualifier``, ``kind``,
``direction``, ``relation``… ``span`` is not shown), ``source`` (a seed file or an issue URL) and
optionally ``xfail: reason``. A file may also be a mapping with a ``cases`` list. Missing folder
or files render "no cases yet" instead of failing; a malformed file is a build warning (so an
error under ``-W``).

Also: ``{datatable} units.tsv`` shows the documented header and first rows of a data table in
``src/govreport/data/``, and ``{benchtable} peers`` renders ``benchmarks/results/peers.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent.parent
CASES = ROOT / "tests" / "cases"
DATA = ROOT / "src" / "govreport" / "data"
RESULTS = ROOT / "benchmarks" / "results"

DEFAULT_COLUMNS = {
    "quantities": ["text", "value", "unit", "magnitude", "qualifier", "low", "high"],
    "percentages": ["text", "value", "kind", "direction", "relation", "qualifier"],
}


def _cell(value: Any, *, literal: bool = True) -> nodes.entry:
    entry = nodes.entry()
    if value is None or value == "":
        entry += nodes.paragraph("", "")
        return entry
    if isinstance(value, (list, tuple)):
        text = ", ".join(str(v) for v in value)
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    else:
        text = str(value)
    para = nodes.paragraph()
    para += nodes.literal(text, text) if literal else nodes.Text(text)
    entry += para
    return entry


def _table(header: list[str], rows: list[list[nodes.entry]], widths: list[int] | None = None) -> nodes.table:
    table = nodes.table(classes=["casetable"])
    tgroup = nodes.tgroup(cols=len(header))
    table += tgroup
    for w in widths or [1] * len(header):
        tgroup += nodes.colspec(colwidth=w)
    thead = nodes.thead()
    tgroup += thead
    hrow = nodes.row()
    for h in header:
        entry = nodes.entry()
        entry += nodes.paragraph(h, h)
        hrow += entry
    thead += hrow
    tbody = nodes.tbody()
    tgroup += tbody
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            row += cell
        tbody += row
    return table


def _source_cell(source: Any) -> nodes.entry:
    entry = nodes.entry()
    para = nodes.paragraph()
    if isinstance(source, str) and source.startswith(("http://", "https://")):
        label = source.split("//", 1)[1]
        if "github.com/" in label:  # github.com/owner/repo/issues/49 -> owner/repo#49
            parts = label.split("/")
            if len(parts) >= 5 and parts[3] in ("issues", "pull"):
                label = f"{parts[1]}/{parts[2]}#{parts[4]}"
        para += nodes.reference(label, label, refuri=source)
    elif source:
        para += nodes.literal(str(source), str(source))
    entry += para
    return entry


class CaseTable(SphinxDirective):
    """``{casetable} <feature>``: the cases of ``tests/cases/<feature>/*.yaml`` as tables."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"columns": directives.unchanged, "no-source": directives.flag}

    def run(self) -> list[nodes.Node]:
        feature = self.arguments[0].strip()
        folder = CASES / feature
        self.env.note_dependency(str(folder))
        files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")) if folder.is_dir() else []
        if not files:
            para = nodes.paragraph()
            para += nodes.Text("No cases yet: this table is generated from ")
            path = f"tests/cases/{feature}/*.yaml"
            para += nodes.literal(path, path)
            para += nodes.Text(", which holds no case files yet.")
            return [para]
        try:
            import yaml
        except ImportError:  # pragma: no cover - the docs need PyYAML to read the case tables
            logger.warning("casetable: PyYAML is not installed; pip install pyyaml", location=self.get_location())
            return []
        option_columns = self.options.get("columns")
        result: list[nodes.Node] = []
        total = xfails = 0
        for path in files:
            self.env.note_dependency(str(path))
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except yaml.YAMLError as exc:
                logger.warning(f"casetable: cannot read {path.relative_to(ROOT)}: {exc}", location=self.get_location())
                continue
            cases = data.get("cases", []) if isinstance(data, dict) else (data or [])
            if not isinstance(cases, list):
                logger.warning(
                    f"casetable: {path.relative_to(ROOT)} is not a list of cases", location=self.get_location()
                )
                continue
            columns = (
                [c.strip() for c in option_columns.split(",")] if option_columns else self._columns(feature, cases)
            )
            rows: list[list[nodes.entry]] = []
            for case in cases:
                if not isinstance(case, dict):
                    continue
                total += 1
                expect = case.get("expect") or []
                if isinstance(expect, dict):
                    expect = [expect]
                note = ""
                if case.get("xfail"):
                    xfails += 1
                    note = f"known gap: {case['xfail']}"
                items = expect or [None]
                for k, item in enumerate(items):
                    first = k == 0
                    cells = [
                        _cell(case.get("id") if first else None, literal=False),
                        _cell(case.get("input") if first else None),
                    ]
                    if item is None:
                        cells.append(_cell("(nothing)", literal=False))
                        cells += [_cell(None) for _ in columns[1:]]
                    else:
                        cells += [
                            _cell("None" if c in item and item[c] is None else item.get(c))
                            if isinstance(item, dict)
                            else _cell(None)
                            for c in columns
                        ]
                    cells.append(_cell(note if first else None, literal=False))
                    if "no-source" not in self.options:
                        cells.append(_source_cell(case.get("source")) if first else _cell(None))
                    rows.append(cells)
            header = ["id", "input", *columns, "note"] + ([] if "no-source" in self.options else ["source"])
            rubric = nodes.rubric(text=f"{path.name} ({len(cases)} cases)")
            result.append(rubric)
            result.append(
                _table(
                    header, rows, [2, 4] + [2] * len(columns) + [2] + ([2] if "no-source" not in self.options else [])
                )
            )
        summary = nodes.paragraph()
        summary += nodes.Text(f"{total} cases from {len(files)} file(s) in ")
        loc = f"tests/cases/{feature}/"
        summary += nodes.literal(loc, loc)
        summary += nodes.Text(
            f", generated when the docs are built; {xfails} are known gaps (strict xfail in the tests)."
        )
        return [summary, *result]

    @staticmethod
    def _columns(feature: str, cases: list[Any]) -> list[str]:
        seen: list[str] = []
        for case in cases:
            expect = case.get("expect") if isinstance(case, dict) else None
            for item in expect if isinstance(expect, list) else [expect] if isinstance(expect, dict) else []:
                if isinstance(item, dict):
                    for key in item:
                        if key != "span" and key not in seen:
                            seen.append(key)
        preferred = DEFAULT_COLUMNS.get(feature, ["text", "value"])
        ordered = [c for c in preferred if c in seen] + [c for c in seen if c not in preferred]
        return ordered or ["text", "value"]


class DataTable(SphinxDirective):
    """``{datatable} units.tsv``: the documented header and the first rows of a data table."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {"rows": directives.nonnegative_int}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        path = DATA / name
        self.env.note_dependency(str(path))
        if not path.exists():
            para = nodes.paragraph()
            para += nodes.Text("Not written yet: ")
            loc = f"src/govreport/data/{name}"
            para += nodes.literal(loc, loc)
            para += nodes.Text(".")
            return [para]
        n_rows = self.options.get("rows", 5)
        lines: list[str] = []
        header_seen = False
        extra = 0
        total = 0
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.startswith("#") or not raw.strip():
                if not header_seen:
                    lines.append(raw)
                continue
            if not header_seen:
                header_seen = True
                lines.append(raw)
                continue
            total += 1
            if extra < n_rows:
                lines.append(raw)
                extra += 1
        if total > extra:
            lines.append(f"… ({total - extra} more rows)")
        text = "\n".join(lines)
        block = nodes.literal_block(text, text)
        block["language"] = "text"
        return [block]


def _fmt_rate(x: float | None) -> str:
    if x is None:
        return "-"
    if x >= 1e6:
        return f"{x / 1e6:.2f} M"
    if x >= 1e3:
        return f"{x / 1e3:.0f} K"
    return f"{x:.0f}"


class BenchTable(SphinxDirective):
    """``{benchtable} peers``: ``benchmarks/results/<name>.json`` as tables."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        path = RESULTS / f"{name}.json"
        self.env.note_dependency(str(path))
        if not path.exists():
            para = nodes.paragraph()
            para += nodes.Text("No results recorded yet: run the command above and save its ")
            para += nodes.literal("--json", "--json")
            para += nodes.Text(" output as ")
            loc = f"benchmarks/results/{name}.json"
            para += nodes.literal(loc, loc)
            para += nodes.Text(".")
            return [para]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            logger.warning(f"benchtable: cannot read {path.relative_to(ROOT)}: {exc}", location=self.get_location())
            return []
        if name.startswith("pathological"):
            return self._pathological(data)
        return self._peers(data)

    def _peers(self, data: dict[str, Any]) -> list[nodes.Node]:
        meta = data["meta"]
        out: list[nodes.Node] = []
        intro = nodes.paragraph()
        intro += nodes.Text(
            f"govreport {meta['govreport_version']}, Python {meta['python']}, {meta['machine']}; "
            f"{meta['chars']:,} characters ({meta['bytes'] / (1 << 20):.2f} MB of UTF-8); "
            f"Recognizers-Text on the first {meta['rt_chars']:,} characters, extrapolated; "
            f"warm-up on the first {meta.get('warmup_chars', 2000):,} characters. Command: "
        )
        intro += nodes.literal(meta["command"], meta["command"])
        out.append(intro)
        rows = []
        for r in data["results"]:
            if "chars_per_s" not in r:
                rows.append(
                    [
                        _cell(r["name"]),
                        *[_cell("-", literal=False)] * 4,
                        _cell(r.get("skipped") or r.get("error"), literal=False),
                    ]
                )
                continue
            rows.append(
                [
                    _cell(r["name"]),
                    _cell(_fmt_rate(r["chars_per_s"]), literal=False),
                    _cell(f"{r['seconds']:.2f}", literal=False),
                    _cell(f"{r['peak_mb']:.1f}" if "peak_mb" in r else "-", literal=False),
                    _cell(f"{r['peak_x_input']:.1f}×" if "peak_x_input" in r else "-", literal=False),
                    _cell("extrapolated from a slice" if r.get("extrapolated") else "", literal=False),
                ]
            )
        out.append(_table(["what", "chars/s", "seconds", "peak MB", "peak × input", "note"], rows, [5, 2, 2, 2, 2, 3]))
        crow = []
        for c in data["comparisons"]:
            target = "" if c["target"] is None else f"≥ {c['target']:g}× " + ("(met)" if c["met"] else "(not met)")
            crow.append(
                [
                    _cell(c["ours"]),
                    _cell(c["peer"]),
                    _cell(f"{c['ratio']:.2f}×", literal=False),
                    _cell(target, literal=False),
                ]
            )
        if crow:
            out.append(nodes.rubric(text="ours / peer"))
            out.append(_table(["ours", "peer", "speed ratio", "target"], crow, [4, 4, 2, 2]))
        facts = nodes.bullet_list()

        def fact(text: str) -> None:
            item = nodes.list_item()
            item += nodes.paragraph(text, text)
            facts.append(item)

        ci = data.get("cold_import") or {}
        if ci:
            fact(
                f'Cold import: python -c "import govreport" takes {ci["python_import_govreport_s"] * 1000:.0f} ms, '
                f"a bare interpreter {ci['python_bare_s'] * 1000:.0f} ms: the import costs "
                f"{ci['import_govreport_s'] * 1000:.0f} ms (median of {ci['runs']} runs; target ≤ 100 ms)."
            )
        fp = data.get("first_parse") or {}
        if "first_parse_s" in fp:
            fact(
                f"First parse() of a {fp['chars']:,}-character seed page in a fresh process, lazy loads included: "
                f"{fp['first_parse_s'] * 1000:.0f} ms (target ≤ 1 s); the second: {fp['second_parse_s'] * 1000:.0f} ms."
            )
        sc = data.get("scaling")
        if sc:
            fact(
                f"Scaling: parse() takes {sc['seconds_big']:.2f} s on {sc['mb_big']:.1f} MB and "
                f"{sc['seconds_small']:.2f} s on {sc['mb_small']:.1f} MB, a ratio of {sc['ratio']:.2f} "
                f"for {sc['size_ratio']:.1f}× the text (target ≤ 11)."
            )
        mem = data.get("memory_target")
        if mem:
            fact(f"Peak memory of parse(): {mem['peak_x_input']:.1f}× the input's size in memory (target ≤ 5×).")
        if len(facts):
            out.append(facts)
        return out

    def _pathological(self, data: dict[str, Any]) -> list[nodes.Node]:
        rows = []
        for r in data["results"]:
            if "error" in r:
                rows.append(
                    [
                        _cell(r["name"], literal=False),
                        _cell("-", literal=False),
                        _cell("-", literal=False),
                        _cell("-", literal=False),
                        _cell(r["error"], literal=False),
                    ]
                )
                continue
            rows.append(
                [
                    _cell(r["name"], literal=False),
                    _cell(f"{r['bytes'] / (1 << 20):.2f}", literal=False),
                    _cell(f"{r['seconds']:.3f}", literal=False),
                    _cell(f"{r['s_per_mb']:.2f}", literal=False),
                    _cell("ok" if r["ok"] else "too slow", literal=False),
                ]
            )
        intro = nodes.paragraph()
        intro += nodes.Text(
            f"Scale {data['scale']:g} of the full sizes; limit {data['limit_s_per_mb']:g} s/MB; "
            f"{len(data['failed'])} of {len(data['results'])} inputs over the limit."
        )
        return [intro, _table(["input", "MB", "seconds", "s/MB", ""], rows, [5, 1, 1, 1, 2])]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("casetable", CaseTable)
    app.add_directive("datatable", DataTable)
    app.add_directive("benchtable", BenchTable)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
