"""Serialisation in one place: dicts, JSON, flat records, pandas DataFrames and the JSON Schema.

Everything here is generic over the attrs fields of the result classes and their type hints, so
a field added to a result class serialises, round-trips and appears in the schema without code
here changing. The JSON form is:

* ``Decimal`` as a string (exact: ``"140000000"``, ``"-9.35"``), ``datetime.date`` as ISO 8601;
* enums as their value, tuples as lists, ``None`` as ``null``;
* nested results as objects; where a field may hold one of several result classes
  (``Indicator.value``) the object carries an ``"@type"`` key naming the class.

Every field is written, defaults included, so the shape is stable (``docs/schema.json``).

>>> from decimal import Decimal
>>> from govreport.types import Document, Quantity, Span
>>> q = Quantity(span=Span(2, 7), text="1.4亿元", value=Decimal("140000000"), unit="元", magnitude="亿")
>>> doc = Document(text="支出1.4亿元。", quantities=(q,))
>>> d = document_to_dict(doc)
>>> d["quantities"][0]["value"], d["quantities"][0]["span"]
('140000000', {'start': 2, 'end': 7})
>>> document_from_dict(d) == doc
True
"""

from __future__ import annotations

import datetime
import enum
import functools
import json
import operator
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Union

import attrs

from govreport.types import ITEM_TYPES, Document, Span

if TYPE_CHECKING:
    import pandas

__all__ = [
    "TYPE_KEY",
    "document_from_dict",
    "document_from_json",
    "document_to_dict",
    "document_to_json",
    "document_to_records",
    "indicators_to_dataframe",
    "json_schema",
    "normalize_types",
    "record_columns",
    "records_to_dataframe",
]

TYPE_KEY = "@type"
"""Key naming the result class of an object in a field that admits several classes."""

Encoder = Callable[[Any], Any]
Decoder = Callable[[Any, str], Any]  # (json value, path for error messages) -> python value

_NONE = type(None)


# --------------------------------------------------------------------------------------------------
# type-hint helpers


_HINTS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _hints(cls: type) -> tuple[tuple[str, Any], ...]:
    """``(field name, resolved type hint)`` for every attrs field of ``cls``, in field order."""
    hints = _HINTS.get(cls)
    if hints is None:
        resolved = typing.get_type_hints(cls)
        hints = _HINTS[cls] = tuple((f.name, resolved.get(f.name, Any)) for f in attrs.fields(cls))
    return hints


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) is Union or isinstance(hint, types.UnionType)


def _split_optional(hint: Any) -> tuple[Any, bool]:
    """``X | None`` → ``(X, True)``; ``A | B | None`` → ``(A | B, True)``; ``X`` → ``(X, False)``."""
    if not _is_union(hint):
        return hint, False
    args = typing.get_args(hint)
    rest = tuple(a for a in args if a is not _NONE)
    if len(rest) == len(args):
        return hint, False
    return (rest[0] if len(rest) == 1 else Union[rest]), True  # noqa: UP007


def _attrs_choices(hint: Any) -> tuple[type, ...]:
    """The attrs classes a (non-optional) hint stands for: one, several for a union, else none."""
    if attrs.has(hint) and isinstance(hint, type):
        return (hint,)
    if _is_union(hint):
        args = typing.get_args(hint)
        if args and all(isinstance(a, type) and attrs.has(a) for a in args):
            return tuple(args)
    return ()


def _tuple_item(hint: Any) -> Any | None:
    """``tuple[X, ...]`` → ``X``; anything else → None."""
    if typing.get_origin(hint) is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return args[0]
    return None


# --------------------------------------------------------------------------------------------------
# encoding (python → JSON-ready)


def _encode_any(value: Any) -> Any:
    """Encode by runtime type: used for hints we do not know (``Any``, ``dict``…)."""
    if value is None or (isinstance(value, (bool, int, float, str)) and not isinstance(value, enum.Enum)):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if attrs.has(type(value)):
        return _class_encoder(type(value))(value)
    if isinstance(value, Mapping):
        return {str(k): _encode_any(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_encode_any(v) for v in value]
    raise TypeError(f"cannot serialise {type(value).__name__} value {value!r}")


def _identity(value: Any) -> Any:
    return value


@functools.cache
def _encoder(hint: Any) -> Encoder:
    inner, optional = _split_optional(hint)
    enc = _encoder_for(inner)
    if not optional or enc is _identity:
        return enc
    return lambda v: None if v is None else enc(v)


def _encoder_for(hint: Any) -> Encoder:
    if hint in (str, int, bool):
        return _identity
    if hint is Decimal:
        return str
    if hint is datetime.date:
        return lambda v: v.isoformat()
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return lambda v: v.value
    choices = _attrs_choices(hint)
    if len(choices) == 1:
        return lambda v: _class_encoder(choices[0])(v)
    if choices:
        return lambda v: {TYPE_KEY: type(v).__name__, **_class_encoder(type(v))(v)}
    item = _tuple_item(hint)
    if item is not None:
        enc = _encoder(item)
        if enc is _identity:
            return list
        return lambda v: [enc(x) for x in v]
    return _encode_any


_CLASS_ENCODERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


def _class_encoder(cls: type) -> Callable[[Any], dict[str, Any]]:
    cached = _CLASS_ENCODERS.get(cls)
    if cached is not None:
        return cached
    fields: list[tuple[str, Encoder]] = []

    def encode(obj: Any) -> dict[str, Any]:
        return {name: enc(getattr(obj, name)) for name, enc in fields}

    _CLASS_ENCODERS[cls] = encode  # before resolving fields: recursive classes (Agency.parent)
    fields.extend((name, _encoder(hint)) for name, hint in _hints(cls))
    return encode


# --------------------------------------------------------------------------------------------------
# decoding (JSON-ready → python)


def _fail(path: str, expected: str, value: Any) -> ValueError:
    return ValueError(f"{path}: expected {expected}, got {value!r}")


@functools.cache
def _decoder(hint: Any) -> Decoder:
    inner, optional = _split_optional(hint)
    dec = _decoder_for(inner)
    if not optional:
        return dec
    return lambda v, path: None if v is None else dec(v, path)


def _decoder_for(hint: Any) -> Decoder:
    if hint is Any:
        return lambda v, path: v
    if hint is bool:
        return _checked(bool, "a boolean")
    if hint is int:
        return _decode_int
    if hint is str:
        return _checked(str, "a string")
    if hint is Decimal:
        return _decode_decimal
    if hint is datetime.date:
        return _decode_date
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _enum_decoder(hint)
    choices = _attrs_choices(hint)
    if len(choices) == 1:
        return lambda v, path: _class_decoder(choices[0])(v, path)
    if choices:
        by_name = {c.__name__: c for c in choices}

        def decode_union(v: Any, path: str) -> Any:
            if not isinstance(v, Mapping):
                raise _fail(path, "an object", v)
            name = v.get(TYPE_KEY)
            if name not in by_name:
                raise _fail(f"{path}.{TYPE_KEY}", "one of " + ", ".join(sorted(by_name)), name)
            return _class_decoder(by_name[name])({k: x for k, x in v.items() if k != TYPE_KEY}, path)

        return decode_union
    item = _tuple_item(hint)
    if item is not None:
        dec = _decoder(item)

        def decode_tuple(v: Any, path: str) -> tuple[Any, ...]:
            if not isinstance(v, (list, tuple)):
                raise _fail(path, "an array", v)
            return tuple(dec(x, f"{path}[{i}]") for i, x in enumerate(v))

        return decode_tuple
    return lambda v, path: v


def _decode_int(v: Any, path: str) -> int:
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    raise _fail(path, "an integer", v)


def _checked(kind: type, expected: str) -> Decoder:
    def decode(v: Any, path: str) -> Any:
        if not isinstance(v, kind):
            raise _fail(path, expected, v)
        return v

    return decode


def _decode_decimal(v: Any, path: str) -> Decimal:
    if isinstance(v, str) or (isinstance(v, int) and not isinstance(v, bool)):
        try:
            return Decimal(v)
        except InvalidOperation:
            pass
    raise _fail(path, "a decimal number as a string", v)


def _decode_date(v: Any, path: str) -> datetime.date:
    if isinstance(v, str):
        try:
            return datetime.date.fromisoformat(v)
        except ValueError:
            pass
    raise _fail(path, "an ISO 8601 date (YYYY-MM-DD)", v)


def _enum_decoder(cls: type[enum.Enum]) -> Decoder:
    def decode(v: Any, path: str) -> enum.Enum:
        try:
            return cls(v)
        except ValueError:
            raise _fail(path, "one of " + ", ".join(repr(m.value) for m in cls), v) from None

    return decode


_CLASS_DECODERS: dict[type, Decoder] = {}


def _class_decoder(cls: type) -> Decoder:
    cached = _CLASS_DECODERS.get(cls)
    if cached is not None:
        return cached
    fields: dict[str, Decoder] = {}

    def decode(v: Any, path: str) -> Any:
        if not isinstance(v, Mapping):
            raise _fail(path, f"a {cls.__name__} object", v)
        kwargs: dict[str, Any] = {}
        for name, x in v.items():
            dec = fields.get(name)
            if dec is not None:
                kwargs[name] = dec(x, f"{path}.{name}")
            elif name != TYPE_KEY or x != cls.__name__:
                raise ValueError(f"{path}: unknown {cls.__name__} field {name!r}")
        try:
            return cls(**kwargs)
        except TypeError as err:  # a required field is missing
            raise ValueError(f"{path}: {err}") from None

    _CLASS_DECODERS[cls] = decode
    fields.update((name, _decoder(hint)) for name, hint in _hints(cls))
    return decode


# --------------------------------------------------------------------------------------------------
# documents


def document_to_dict(doc: Document) -> dict[str, Any]:
    """A JSON-ready dict of every field of ``doc``; :func:`document_from_dict` reverses it exactly.

    >>> from govreport.types import Document
    >>> document_to_dict(Document(text="无", region="济宁市"))["region"]
    '济宁市'
    """
    return _class_encoder(type(doc))(doc)


def document_from_dict(data: Mapping[str, Any]) -> Document:
    """Rebuild a :class:`~govreport.types.Document` from :func:`document_to_dict` output.

    Missing fields take their defaults (older output keeps loading); an unknown field or a value
    of the wrong type raises ``ValueError`` naming where it is.

    >>> document_from_dict({"text": "无", "reference_date": "2023-03-02"}).reference_date
    datetime.date(2023, 3, 2)
    >>> document_from_dict({"text": "无", "quantities": [{"value": "1"}]})
    Traceback (most recent call last):
    ...
    ValueError: $.quantities[0]: ...missing...
    """
    doc: Document = _class_decoder(Document)(data, "$")
    return doc


def document_to_json(doc: Document, **kwargs: Any) -> str:
    """:func:`document_to_dict` as JSON; ``kwargs`` go to :func:`json.dumps` (``indent=2``…).

    Chinese is written as is (``ensure_ascii=False`` unless you pass it).

    >>> from govreport.types import Document
    >>> document_to_json(Document(text="菏泽")).split(", ")[0]
    '{"text": "菏泽"'
    """
    kwargs.setdefault("ensure_ascii", False)
    return json.dumps(document_to_dict(doc), **kwargs)


def document_from_json(text: str | bytes) -> Document:
    """Rebuild a :class:`~govreport.types.Document` from :func:`document_to_json` output.

    >>> from govreport.types import Document
    >>> doc = Document(text="菏泽", source="a.txt", encoding="gb18030")
    >>> document_from_json(document_to_json(doc)) == doc
    True
    """
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError(f"$: expected a Document object, got {type(data).__name__}")
    return document_from_dict(data)


# --------------------------------------------------------------------------------------------------
# flat records


def normalize_types(types: str | Iterable[str] | None) -> tuple[str, ...]:
    """Item type names from ``"quantities,percentages"``, a list, or None (all of them).

    >>> normalize_types("percentages, quantities")
    ('percentages', 'quantities')
    >>> normalize_types(None) == ITEM_TYPES
    True
    >>> normalize_types("quantity")
    Traceback (most recent call last):
    ...
    ValueError: unknown item type 'quantity'; choose from quantities, percentages, agencies, articles, ...
    """
    if types is None:
        return ITEM_TYPES
    names = types.split(",") if isinstance(types, str) else list(types)
    out: list[str] = []
    for raw in names:
        name = raw.strip()
        if not name:
            continue
        if name not in ITEM_TYPES:
            raise ValueError(f"unknown item type {name!r}; choose from {', '.join(ITEM_TYPES)}")
        if name not in out:
            out.append(name)
    if not out:
        raise ValueError(f"no item type given; choose from {', '.join(ITEM_TYPES)}")
    return tuple(out)


def _item_class(type_name: str) -> type:
    hint = dict(_hints(Document))[type_name]
    item = _tuple_item(hint)
    if item is None or not attrs.has(item):
        raise TypeError(f"Document.{type_name} is not a tuple of results")
    cls: type = item
    return cls


def _scalar(value: Any) -> Any:
    """Record cell value: enums as their value, tuples of results as JSON, the rest unchanged."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return tuple(_scalar(v) for v in value)
    if attrs.has(type(value)):
        return json.dumps(_encode_any(value), ensure_ascii=False)
    return value


Getter = Callable[[Any], Any]


def _attr_chain(getter: Getter, name: str) -> Getter:
    def get(obj: Any) -> Any:
        parent = getter(obj)
        return None if parent is None else getattr(parent, name, None)

    return get


def _flat_columns(cls_choices: Sequence[type], prefix: str, getter: Getter, depth: int) -> list[tuple[str, Getter]]:
    """Columns of a (possibly union-typed) nested result, flattened one level deep."""
    cols: list[tuple[str, Getter]] = []
    seen: set[str] = set()
    if len(cls_choices) > 1:
        cols.append((f"{prefix}type", lambda o: None if (v := getter(o)) is None else type(v).__name__))
    for cls in cls_choices:
        for name, hint in _hints(cls):
            if name in seen:
                continue
            seen.add(name)
            cols.extend(_field_columns(name, hint, prefix, _attr_chain(getter, name), depth))
    return cols


def _field_columns(name: str, hint: Any, prefix: str, getter: Getter, depth: int) -> list[tuple[str, Getter]]:
    inner, _ = _split_optional(hint)
    if inner is Span:
        return [
            (f"{prefix}{name}.start", _attr_chain(getter, "start")),
            (f"{prefix}{name}.end", _attr_chain(getter, "end")),
        ]
    choices = _attrs_choices(inner)
    if choices and depth == 0:
        return _flat_columns(choices, f"{prefix}{name}.", getter, depth + 1)
    return [(f"{prefix}{name}", lambda o: _scalar(getter(o)))]


_ROW_COLUMNS: dict[type, tuple[tuple[str, Getter], ...]] = {}


def _row_columns(cls: type) -> tuple[tuple[str, Getter], ...]:
    cached = _ROW_COLUMNS.get(cls)
    if cached is not None:
        return cached
    cols: list[tuple[str, Getter]] = []
    for name, hint in _hints(cls):
        if name == "span":
            cols[:0] = [("span.start", lambda o: o.span.start), ("span.end", lambda o: o.span.end)]
        elif name == "text":
            cols.append(("text", lambda o: o.text))
        else:
            cols.extend(_field_columns(name, hint, "", operator.attrgetter(name), 0))
    result = _ROW_COLUMNS[cls] = tuple(cols)
    return result


_LEADING = ("type", "article", "span.start", "span.end", "text")


def record_columns(types: str | Iterable[str] | None = None) -> list[str]:
    """Every column :func:`document_to_records` can fill for ``types``, in a stable order.

    The list depends on the result classes only, never on the data, so CSV headers are stable.

    >>> record_columns("quantities")[:8]
    ['type', 'article', 'span.start', 'span.end', 'text', 'value', 'unit', 'magnitude']
    """
    cols = list(_LEADING)
    seen = set(cols)
    for name in normalize_types(types):
        for col, _ in _row_columns(_item_class(name)):
            if col not in seen:
                seen.add(col)
                cols.append(col)
    return cols


def document_to_records(doc: Document, types: str | Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Flat rows, one per item: ``type``, ``article`` (index), ``span.start``, ``span.end``, ``text``, fields.

    Nested results are flattened one level with dotted names (``value.unit``, ``period.start``,
    ``subject_span.start``); deeper ones become a JSON string. Enums become their value;
    ``Decimal`` and ``date`` are kept, exact. Rows only carry the columns of their own type; see
    :func:`record_columns` for the full, stable list.

    >>> from decimal import Decimal
    >>> from govreport.types import Document, Percentage, Span, Direction
    >>> p = Percentage(span=Span(4, 9), text="18.3%", value=Decimal("18.3"), direction=Direction.UP)
    >>> row = document_to_records(Document(text="同比增长18.3%", percentages=(p,)))[0]
    >>> row["type"], row["article"], row["span.start"], row["text"], row["value"], row["direction"]
    ('percentages', None, 4, '18.3%', Decimal('18.3'), 'up')
    """
    rows: list[dict[str, Any]] = []
    article_of = doc.article_finder()
    for name in normalize_types(types):
        items = getattr(doc, name)
        if not items:
            continue
        cols = _row_columns(_item_class(name))
        for item in items:
            art = article_of(item)
            row: dict[str, Any] = {"type": name, "article": None if art is None else art.index}
            for col, get in cols:
                row[col] = get(item)
            rows.append(row)
    return rows


# --------------------------------------------------------------------------------------------------
# pandas


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError("this needs pandas, which is not installed: pip install 'govreport[pandas]'") from None
    return pandas


def records_to_dataframe(
    records: Iterable[Mapping[str, Any]], *, columns: Sequence[str] | None = None
) -> pandas.DataFrame:
    """Records as a pandas DataFrame (needs ``govreport[pandas]``).

    Integer columns with gaps use the nullable ``Int64`` dtype and boolean ones ``boolean``;
    ``Decimal`` values are kept exact (convert with ``df["value"].astype(float)`` if you want floats).

    >>> row = {"type": "ranks", "article": None, "span.start": 0, "span.end": 5, "text": "全省第2位"}
    >>> df = records_to_dataframe([row])
    >>> df.dtypes["article"], df.loc[0, "text"]
    (Int64Dtype(), '全省第2位')
    """
    pd = _pandas()
    rows = list(records)
    if columns is None:
        seen: dict[str, None] = dict.fromkeys(_LEADING) if not rows else {}
        for row in rows:
            seen.update(dict.fromkeys(row))
        columns = list(seen)
    df = pd.DataFrame.from_records(rows, columns=list(columns))
    for col in df.columns:
        values = [v for v in (row.get(col) for row in rows) if v is not None]
        ints = all(isinstance(v, int) and not isinstance(v, bool) for v in values)
        if col in ("article", "span.start", "span.end") or (values and ints):
            df[col] = pd.array([row.get(col) for row in rows], dtype="Int64")
        elif values and all(isinstance(v, bool) for v in values):
            df[col] = pd.array([row.get(col) for row in rows], dtype="boolean")
    return df


def indicators_to_dataframe(doc: Document) -> pandas.DataFrame:
    """One row per indicator, flattened as in :func:`document_to_records` (needs pandas).

    >>> from govreport.types import Document
    >>> list(indicators_to_dataframe(Document(text=""))).count("value.value")
    1
    """
    rows = [{k: v for k, v in row.items() if k != "type"} for row in document_to_records(doc, "indicators")]
    return records_to_dataframe(rows, columns=record_columns("indicators")[1:])


# --------------------------------------------------------------------------------------------------
# JSON Schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`document_to_dict` output, built from the classes.

    ``docs/schema.json`` is this, written by ``govreport schema``; a test keeps the two in step.

    >>> schema = json_schema()
    >>> schema["$ref"], schema["$defs"]["Span"]["required"]
    ('#/$defs/Document', ['start', 'end'])
    """
    defs: dict[str, Any] = {}
    _schema_class(Document, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://govreport.readthedocs.io/schema.json",
        "title": "govreport Document",
        "description": "Output of Document.to_dict() / to_json() and of `govreport parse --format json`.",
        "$ref": "#/$defs/Document",
        "$defs": dict(sorted(defs.items())),
    }


def _schema_class(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # placeholder: recursive classes (Agency.parent) refer to themselves
        props: dict[str, Any] = {TYPE_KEY: {"const": name}}
        required: list[str] = []
        for field, (fname, hint) in zip(attrs.fields(cls), _hints(cls), strict=True):
            props[fname] = _schema_hint(hint, defs)
            if field.default is attrs.NOTHING:
                required.append(fname)
        doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        defs[name] = {
            "type": "object",
            "description": doc,
            "properties": props,
            "required": required,
            "additionalProperties": False,
        }
    return {"$ref": f"#/$defs/{name}"}


def _schema_hint(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    inner, optional = _split_optional(hint)
    schema = _schema_inner(inner, defs)
    return {"anyOf": [schema, {"type": "null"}]} if optional else schema


def _schema_inner(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if hint is str:
        return {"type": "string"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is Decimal:
        return {"type": "string", "pattern": r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"}
    if hint is datetime.date:
        return {"type": "string", "format": "date"}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [m.value for m in hint]}
    choices = _attrs_choices(hint)
    if len(choices) == 1:
        return _schema_class(choices[0], defs)
    if choices:
        return {"oneOf": [_schema_class(cls, defs) for cls in choices], "required": [TYPE_KEY]}
    item = _tuple_item(hint)
    if item is not None:
        return {"type": "array", "items": _schema_hint(item, defs)}
    return {}
