"""Serialisation: exact JSON round trip, flat records, DataFrames, the JSON Schema (issue 6)."""

from __future__ import annotations

import copy
import datetime
import enum
import functools
import json
import pickle
import sys
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any, Union

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport import serialize
from govreport.types import ITEM_TYPES, Direction, Document, Indicator, Percentage, Quantity, Span

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
needs_seeds = pytest.mark.skipif(not SEEDS, reason="../shared/seeds is not there")


@pytest.fixture(scope="module")
def seed_docs() -> list[Document]:
    return [govreport.parse_file(p) for p in SEEDS]


# --------------------------------------------------------------------------------------------------
# a generic strategy: every attrs field of every result, from its type hint (new fields included)


def _strategy(hint: Any, depth: int) -> st.SearchStrategy[Any]:
    if typing.get_origin(hint) is Union or isinstance(hint, types.UnionType):
        args = typing.get_args(hint)
        options = [a for a in args if a is not type(None)]
        if type(None) in args and depth > 1 and any(attrs.has(a) for a in options):
            return st.none()  # past depth 1, optional nested results stay None: Agency.parent ends
        inner = st.one_of([_strategy(a, depth) for a in options])
        return st.none() | inner if type(None) in args else inner
    if hint is Span:
        return st.tuples(st.integers(0, 10_000), st.integers(0, 500)).map(lambda t: Span(t[0], t[0] + t[1]))
    if hint is str:
        return st.text(max_size=8)
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.integers(-(10**6), 10**6)
    if hint is Decimal:
        return st.decimals(allow_nan=False, allow_infinity=False)
    if hint is datetime.date:
        return st.dates()
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(list(hint))
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        return st.lists(_strategy(item, depth), max_size=2).map(tuple)
    if isinstance(hint, type) and attrs.has(hint):
        hints = typing.get_type_hints(hint)
        fields = {f.name: _strategy(hints[f.name], depth + 1) for f in attrs.fields(hint)}
        return st.fixed_dictionaries(fields).map(lambda kw: hint(**kw))
    raise NotImplementedError(f"no strategy for {hint!r}: extend tests/test_serialize.py")


def _document_strategy() -> st.SearchStrategy[Document]:
    hints = typing.get_type_hints(Document)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for f in attrs.fields(Document):
        hint = hints[f.name]
        if f.name in ITEM_TYPES:
            fields[f.name] = st.lists(_strategy(typing.get_args(hint)[0], 1), max_size=2).map(tuple)
        else:
            fields[f.name] = _strategy(hint, 1)
    return st.fixed_dictionaries(fields).map(lambda kw: Document(**kw))


documents = _document_strategy()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_round_trip_generated(doc: Document) -> None:
    assert Document.from_json(doc.to_json()) == doc
    assert Document.from_dict(json.loads(json.dumps(doc.to_dict()))) == doc
    assert pickle.loads(pickle.dumps(doc)) == doc


@functools.cache
def _validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema = serialize.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_generated_documents_match_the_schema(doc: Document) -> None:
    _validator().validate(json.loads(doc.to_json()))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_records_of_generated_documents(doc: Document) -> None:
    rows = doc.to_records()
    assert len(rows) == sum(len(getattr(doc, name)) for name in ITEM_TYPES)
    columns = set(serialize.record_columns())
    for row in rows:
        assert set(row) <= columns


def test_decimal_text_is_kept_exactly() -> None:
    q = Quantity(span=Span(0, 3), text="1E+8", value=Decimal("1.40E+8"), unit=None, low=Decimal("-0.000"))
    back = Document.from_json(Document(text="abc", quantities=(q,)).to_json()).quantities[0]
    assert str(back.value) == "1.40E+8" and str(back.low) == "-0.000"


# --------------------------------------------------------------------------------------------------
# the seeds


@needs_seeds
def test_round_trip_on_every_seed(seed_docs: list[Document]) -> None:
    for doc in seed_docs:
        assert Document.from_json(doc.to_json()) == doc
        assert Document.from_json(doc.to_json(indent=2)) == doc
        assert Document.from_dict(doc.to_dict()) == doc
        assert pickle.loads(pickle.dumps(doc)) == doc


@needs_seeds
def test_seed_documents_pickle_compactly_and_exactly(seed_docs: list[Document]) -> None:
    # parse_many ships every Document back from its workers as a pickle (issue 6)
    for doc in seed_docs:
        for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(doc, protocol=protocol))
            assert back == doc and hash(back) == hash(doc)
            for name, item in back.items():
                assert type(item) is type(getattr(doc, name)[0])
        assert copy.deepcopy(doc) == doc and copy.copy(doc) == doc
        assert b"quantities" not in pickle.dumps(doc)  # a tuple of field values, not a dict of names


def test_every_result_class_pickles_as_a_tuple() -> None:
    results = [c for c in vars(govreport.types).values() if isinstance(c, type) and attrs.has(c) and c is not Span]
    assert Document in results and Quantity in results
    for cls in results:
        assert cls in govreport.types._SETTERS, f"{cls.__name__} lacks @_pickles_compactly"


def test_a_pickle_from_before_a_new_trailing_field_gets_its_default() -> None:
    q = Quantity(span=Span(0, 4), text="1.4亿元", value=Decimal("140000000"), unit="元")
    reduced: Any = q.__reduce__()
    func, (cls, values) = reduced
    assert func(cls, values[:-1]) == q  # counted, the last field, defaults to None
    with pytest.raises(ValueError, match="zip"):
        func(cls, (*values, "one field too many"))


@needs_seeds
def test_seeds_match_the_schema(seed_docs: list[Document]) -> None:
    for doc in seed_docs:
        _validator().validate(doc.to_dict())


@needs_seeds
def test_records_on_the_seeds(seed_docs: list[Document]) -> None:
    for doc in seed_docs:
        rows = doc.to_records()
        assert len(rows) == sum(1 for _ in doc.items())
        for row in rows:
            assert row["text"] == doc.text[row["span.start"] : row["span.end"]]
            art = row["article"]
            assert art is None or any(a.index == art for a in doc.articles)
        quantities = doc.to_records(types="quantities")
        assert [r["text"] for r in quantities] == [q.text for q in doc.quantities]
        assert all(isinstance(r["value"], Decimal) for r in quantities)


# --------------------------------------------------------------------------------------------------
# generic over fields


class Colour(str, enum.Enum):
    RED = "red"


@attrs.frozen(kw_only=True)
class Gadget:
    """A class the serialiser has never seen: every kind of field it supports."""

    span: Span
    text: str
    when: datetime.date | None
    amounts: tuple[Decimal, ...] = ()
    colour: Colour = Colour.RED
    figure: Union[Quantity, Percentage] | None = None  # noqa: UP007
    parent: Gadget | None = None
    extra: Any = None


def test_any_attrs_class_round_trips() -> None:
    q = Quantity(span=Span(0, 2), text="3元", value=Decimal(3), unit="元")
    inner = Gadget(span=Span(0, 1), text="a", when=None, figure=q)
    g = Gadget(
        span=Span(1, 4),
        text="abc",
        when=datetime.date(2023, 3, 2),
        amounts=(Decimal("1.5"), Decimal("-2")),
        parent=inner,
        extra={"k": [Decimal("1")]},
    )
    data = serialize._class_encoder(Gadget)(g)
    assert data["when"] == "2023-03-02" and data["amounts"] == ["1.5", "-2"] and data["colour"] == "red"
    assert data["parent"]["figure"]["@type"] == "Quantity"
    assert data["extra"] == {"k": ["1"]}
    back = serialize._class_decoder(Gadget)(json.loads(json.dumps(data)), "$")
    assert attrs.evolve(back, extra=g.extra) == g


def test_union_fields_carry_their_class() -> None:
    p = Percentage(span=Span(0, 5), text="18.3%", value=Decimal("18.3"), direction=Direction.UP)
    ind = Indicator(span=Span(0, 5), text="18.3%", subject=None, value=p)
    data = Document(text="18.3%", indicators=(ind,)).to_dict()
    assert data["indicators"][0]["value"]["@type"] == "Percentage"
    assert Document.from_dict(data).indicators[0].value == p


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(color="red"), "unknown Document field 'color'"),
        (lambda d: d["quantities"][0].update(value=1.5), r"\$.quantities\[0\].value: expected a decimal"),
        (lambda d: d["quantities"][0].update(value="1.2.3"), "expected a decimal"),
        (lambda d: d["quantities"][0].update(qualifier="maybe"), "quantities\\[0\\].qualifier: expected one of"),
        (lambda d: d.update(reference_date="2023-13-01"), "reference_date: expected an ISO 8601 date"),
        (lambda d: d["quantities"][0]["span"].update(start="0"), "span.start: expected an integer"),
        (lambda d: d["quantities"][0].pop("unit"), "quantities\\[0\\]: .*unit"),
    ],
)
def test_bad_input_says_where(change: Any, message: str) -> None:
    q = Quantity(span=Span(0, 2), text="3元", value=Decimal(3), unit="元")
    data = Document(text="3元", quantities=(q,)).to_dict()
    change(data)
    with pytest.raises(ValueError, match=message):
        Document.from_dict(data)


def test_from_json_wants_an_object() -> None:
    with pytest.raises(ValueError, match="expected a Document object"):
        Document.from_json("[]")


def test_old_output_without_new_fields_still_loads() -> None:
    assert Document.from_dict({"text": "无"}) == Document(text="无")


# --------------------------------------------------------------------------------------------------
# records, DataFrames


def test_types_selection() -> None:
    assert serialize.normalize_types(["ranks", "ranks", " dates"]) == ("ranks", "dates")
    with pytest.raises(ValueError, match="unknown item type 'numbers'"):
        serialize.normalize_types("numbers")
    with pytest.raises(ValueError, match="no item type"):
        serialize.normalize_types(",")


def test_record_columns_are_stable_and_unique() -> None:
    cols = serialize.record_columns()
    assert cols[:5] == ["type", "article", "span.start", "span.end", "text"]
    assert len(cols) == len(set(cols))
    assert "value.unit" in cols and "period.start" in cols and "byline.reporters" in cols


def test_dataframe() -> None:
    pytest.importorskip("pandas")
    q = Quantity(span=Span(2, 7), text="1.4亿元", value=Decimal("140000000"), unit="元", magnitude="亿")
    p = Percentage(span=Span(10, 15), text="18.3%", value=Decimal("18.3"), direction=Direction.UP)
    doc = Document(text="支出1.4亿元,增长18.3%。", quantities=(q,), percentages=(p,))
    df = doc.to_dataframe()
    assert list(df["type"]) == ["quantities", "percentages"]
    assert list(df["value"]) == [Decimal("140000000"), Decimal("18.3")]
    assert str(df["span.start"].dtype) == "Int64" and str(df["article"].dtype) == "Int64"
    assert df.loc[1, "direction"] == "up"
    assert len(doc.to_dataframe(types="ranks")) == 0
    assert "value.value" in doc.indicators_frame().columns


def test_dataframe_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'govreport\[pandas\]'"):
        Document(text="").to_dataframe()


# --------------------------------------------------------------------------------------------------
# docs/schema.json


def test_docs_schema_is_up_to_date() -> None:
    path = ROOT / "docs" / "schema.json"
    assert json.loads(path.read_text(encoding="utf-8")) == serialize.json_schema(), (
        "docs/schema.json is stale: run `govreport schema --out docs/schema.json`"
    )
