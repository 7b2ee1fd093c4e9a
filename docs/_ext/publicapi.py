"""Sphinx extension: document ``govreport.__all__`` exactly, once, under its public names.

``{autoall} functions`` / ``{autoall} types`` / ``{autoall} other`` emit autodoc directives for the
names of ``govreport.__all__`` in that group, in ``__all__`` order, so the API pages follow
``__all__`` and cannot drift. ``types`` are the result classes and enums of
``govreport.types``; each attrs class gets a generated table of its fields (name, type, default).
With ``:summary:`` the directive only lists links to the names, documented elsewhere.

Every public object is documented once, as ``govreport.<Name>``. Cross-references written with
the defining module (``govreport.types.Span``, ``govreport.errors.ParseError``, as autodoc
writes type hints) are resolved to that public entry by a ``missing-reference`` handler.

It also lets ``changelog.md`` include ``../CHANGELOG.md`` before that file exists.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import types
import typing
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent.parent


def _public() -> tuple[Any, list[str]]:
    mod = importlib.import_module("govreport")
    return mod, list(mod.__all__)


def group_of(name: str, obj: Any) -> str:
    if name == "__version__":
        return "other"
    if inspect.isclass(obj) and getattr(obj, "__module__", "") == "govreport.types":
        return "types"
    if inspect.isfunction(obj) or inspect.isbuiltin(obj):
        return "functions"
    return "other"


def _type_text(tp: Any) -> str:
    if tp is None:
        return ""
    if isinstance(tp, str):
        return tp
    if tp is type(None):
        return "None"
    origin = typing.get_origin(tp)
    if origin is not None:
        args = typing.get_args(tp)
        if origin is typing.Union or origin is types.UnionType:
            return " | ".join(_type_text(a) for a in args)
        return f"{getattr(origin, '__name__', str(origin))}[{', '.join(_type_text(a) for a in args)}]"
    if hasattr(tp, "__args__") and type(tp).__name__ == "UnionType":
        return " | ".join(_type_text(a) for a in tp.__args__)
    if tp is Ellipsis:
        return "..."
    return getattr(tp, "__qualname__", None) or getattr(tp, "__name__", None) or str(tp)


def _default_text(field: Any) -> str:
    import attrs

    default = field.default
    if default is attrs.NOTHING:
        return "required"
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return f"{default.factory.__name__}()"
    if isinstance(default, enum.Enum):
        return f"{type(default).__name__}.{default.name}"
    return repr(default)


def field_table(cls: type) -> nodes.table | None:
    """A table of an attrs class's fields: name, type, default."""
    import attrs

    if not attrs.has(cls):
        return None
    try:
        hints = typing.get_type_hints(cls, include_extras=False)
    except Exception:  # unresolvable forward references (pandas under TYPE_CHECKING): fall back
        hints = {}
    table = nodes.table(classes=["fieldtable"])
    tgroup = nodes.tgroup(cols=3)
    table += tgroup
    for w in (2, 4, 2):
        tgroup += nodes.colspec(colwidth=w)
    thead = nodes.thead()
    tgroup += thead
    hrow = nodes.row()
    for h in ("field", "type", "default"):
        e = nodes.entry()
        e += nodes.paragraph(h, h)
        hrow += e
    thead += hrow
    tbody = nodes.tbody()
    tgroup += tbody
    for f in attrs.fields(cls):
        row = nodes.row()
        for text in (f.name, _type_text(hints.get(f.name, f.type)), _default_text(f)):
            e = nodes.entry()
            p = nodes.paragraph()
            p += nodes.literal(text, text)
            e += p
            row += e
        tbody += row
    return table


class AutoAll(SphinxDirective):
    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {"summary": directives.flag, "no-fields": directives.flag}

    def run(self) -> list[nodes.Node]:
        group = self.arguments[0].strip()
        mod, names = _public()
        chosen = [n for n in names if group_of(n, getattr(mod, n, None)) == group]
        if "summary" in self.options:
            return [self._summary(chosen)]
        out: list[nodes.Node] = []
        for name in chosen:
            obj = getattr(mod, name)
            lines = self._directive(name, obj)
            if self.env.doc2path(self.env.docname).suffix == ".md":
                lines = ["```{eval-rst}", *lines, "```", ""]
            container = nodes.container()
            self.state.nested_parse(StringList(lines, source="<autoall>"), self.content_offset, container)
            out.extend(container.children)
            if group == "types" and "no-fields" not in self.options and inspect.isclass(obj):
                table = field_table(obj)
                if table is not None:
                    # put the table inside the class's description, after its docstring
                    desc = next((n for n in reversed(out) if isinstance(n, addnodes.desc)), None)
                    content = None
                    if desc is not None:
                        content = next((c for c in desc.children if isinstance(c, addnodes.desc_content)), None)
                    rubric = nodes.rubric(text="Fields")
                    if content is not None:
                        # after the docstring, before the methods and attributes
                        at = next(
                            (
                                i
                                for i, c in enumerate(content.children)
                                if isinstance(c, (addnodes.desc, addnodes.index))
                            ),
                            len(content.children),
                        )
                        content.insert(at, table)
                        content.insert(at, rubric)
                    else:
                        out.extend([rubric, table])
        return out

    @staticmethod
    def _directive(name: str, obj: Any) -> list[str]:
        """reST for one name (wrapped in an ``eval-rst`` fence: autodoc emits reST, not MyST)."""
        if name == "__version__":
            return [
                ".. py:data:: govreport.__version__",
                "   :type: str",
                "",
                "   The installed version, read from the package metadata on first access",
                "   (``import govreport`` itself does not read it).",
                "",
            ]
        if inspect.isfunction(obj):
            return [f".. autofunction:: govreport.{name}", ""]
        if inspect.isclass(obj) and issubclass(obj, BaseException):
            return [f".. autoexception:: govreport.{name}", "   :members:", "   :show-inheritance:", ""]
        if inspect.isclass(obj) and issubclass(obj, enum.Enum):
            return [f".. autoclass:: govreport.{name}", "   :members:", "   :undoc-members:", ""]
        if inspect.isclass(obj):
            return [f".. autoclass:: govreport.{name}", "   :members:", ""]
        return [f".. autodata:: govreport.{name}", ""]

    def _summary(self, names: list[str]) -> nodes.Node:
        blist = nodes.bullet_list()
        for name in names:
            item = nodes.list_item()
            para = nodes.paragraph()
            ref = addnodes.pending_xref(
                "",
                refdomain="py",
                reftype="obj",
                reftarget=f"govreport.{name}",
                refexplicit=False,
                refwarn=True,
            )
            ref += nodes.literal(name, name, classes=["xref", "py"])
            para += ref
            item += para
            blist += item
        return blist


def resolve_public(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.Element
) -> nodes.Element | None:
    """Resolve ``govreport.<module>.<Name>…`` to the public ``govreport.<Name>…`` entry."""
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    if not target.startswith("govreport."):
        return None
    try:
        _, names = _public()
    except Exception:
        return None
    parts = target.split(".")
    for i in range(1, len(parts)):
        if parts[i] in names:
            public = "govreport." + ".".join(parts[i:])
            if public == target:
                return None
            domain = env.get_domain("py")
            builder = app.builder
            typ = node.get("reftype", "obj")
            fromdoc = node.get("refdoc", env.docname)
            newnode = node.deepcopy()
            newnode["reftarget"] = public
            return domain.resolve_xref(env, fromdoc, builder, typ, public, newnode, contnode)  # type: ignore[no-any-return]
    return None


def changelog_fallback(app: Sphinx, docname: str, source: list[str]) -> None:
    """Let ``changelog.md`` include ``../CHANGELOG.md`` even before that file exists."""
    if docname != "changelog" or (ROOT / "CHANGELOG.md").exists():
        return
    source[0] = source[0].replace(
        "```{include} ../CHANGELOG.md\n```",
        "# Changelog\n\nNo `CHANGELOG.md` yet at the project root.",
    )


def check_documented(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn for a name in ``govreport.__all__`` that no page documents."""
    try:
        _, names = _public()
    except Exception:
        return
    objects = env.get_domain("py").objects  # type: ignore[attr-defined]
    missing = [n for n in names if f"govreport.{n}" not in objects]
    if missing:
        logger.warning("publicapi: govreport.__all__ names not documented: " + ", ".join(missing))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("autoall", AutoAll)
    app.connect("missing-reference", resolve_public)
    app.connect("source-read", changelog_fallback)
    app.connect("env-check-consistency", check_documented)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
