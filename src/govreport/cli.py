"""The ``govreport`` command (also ``python -m govreport``).

``govreport parse PATH… | -`` parses files, folders (recursing over ``*.txt``) or standard input
and writes JSON, JSON Lines, CSV or an aligned table; ``govreport number 1.4亿元`` reads one value;
``govreport schema`` prints the JSON Schema of the output. See ``docs/cli.md``.

Exit status: 0 when every input was parsed, 1 when any failed (each failure is one line on
stderr naming the input and why, and the others are still written), 2 for a usage error, 130 when
interrupted. ``--out`` is written atomically: a temporary file in the same folder, renamed at the
end, so an interrupted run never leaves a truncated output.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "report.txt"
>>> _ = path.write_bytes("2020年,全市医疗救助资金支出1.4亿元,增长18.3%。".encode("gbk"))
>>> main(["parse", "--format", "table", "--types", "quantities,percentages", str(path)])
== ...report.txt (gb18030): ... ==
...
0
>>> main(["parse", "--format", "csv", "--types", "ranks", str(path)])
source,type,article,span.start,span.end,text,rank,...
0
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import enum
import functools
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import attrs

from govreport.errors import DecodeError, ParseError
from govreport.text import display_width
from govreport.types import ITEM_TYPES, Article, Document

__all__ = ["main"]

FORMATS = ("json", "jsonl", "csv", "table")
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
PROG = "govreport"


# --------------------------------------------------------------------------------------------------
# argument parsing


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # usage errors: exit 2, one short message, no traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _types_arg(value: str) -> tuple[str, ...]:
    from govreport.serialize import normalize_types

    try:
        return normalize_types(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _date_arg(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def _jobs_arg(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 0, got {value!r}")
    return jobs or (os.cpu_count() or 1)


def _positive_arg(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return n


def _encoding_arg(value: str) -> str:
    import codecs

    try:
        codecs.lookup(value)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {value!r}") from None
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``govreport`` command."""
    parser = _Parser(
        prog=PROG,
        description="Typed, exact, structured data from Chinese government reports and newspaper pages.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "parse",
        help="parse files, folders or standard input",
        description="Parse report files (any of UTF-8, UTF-8-BOM, UTF-16, GB18030/GBK, Big5), folders "
        "(recursing over --glob) or standard input (-).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a file, a folder, or - for standard input")
    p.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        default=None,
        help="output format (default: table on a terminal, jsonl otherwise)",
    )
    p.add_argument(
        "-t",
        "--types",
        type=_types_arg,
        default=ITEM_TYPES,
        metavar="TYPES",
        help="comma-separated item types to output: " + ",".join(ITEM_TYPES) + " (default: all)",
    )
    p.add_argument("-o", "--out", type=Path, help="write here (atomically) instead of standard output")
    p.add_argument("--region", help="the place a bare 市/县 refers to, e.g. 济宁市")
    p.add_argument(
        "--reference-date", type=_date_arg, metavar="YYYY-MM-DD", help="resolves 今年, 去年… when the text does not"
    )
    p.add_argument(
        "-j", "--jobs", type=_jobs_arg, default=1, metavar="N", help="worker processes (0: one per CPU; default 1)"
    )
    p.add_argument("--glob", default="*.txt", help="files to take from folders, recursively (default: *.txt)")
    p.add_argument("--input-encoding", type=_encoding_arg, metavar="ENC", help="skip detection: decode with ENC")
    p.add_argument(
        "--output-encoding",
        type=_encoding_arg,
        default="utf-8",
        metavar="ENC",
        help="encoding of the output (default utf-8; utf-8-sig for CSV read by Excel)",
    )
    p.add_argument("--no-text", action="store_true", help="json/jsonl: leave out each document's full text")
    p.add_argument(
        "--stream",
        action="store_true",
        help="parse each input a block of whole articles at a time, in bounded memory (huge files); "
        "one output document per block, spans relative to the block, whose offset is given",
    )
    p.add_argument(
        "--block-chars",
        type=_positive_arg,
        default=1 << 18,
        metavar="N",
        help="with --stream: cut a block at the first article start after N characters (default 262144)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")

    n = sub.add_parser("number", help="read one number, quantity or percentage", description="Read values.")
    n.add_argument("values", nargs="+", metavar="TEXT", help="e.g. 1.4亿元, 18.3%%, 三千")
    n.add_argument("-f", "--format", choices=("text", "json"), default="text")

    s = sub.add_parser("schema", help="print the JSON Schema of the JSON output")
    s.add_argument("-o", "--out", type=Path, help="write here (atomically) instead of standard output")
    return parser


# --------------------------------------------------------------------------------------------------
# entry point


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.version:
            import govreport

            print(f"{PROG} {govreport.__version__}")
            return EXIT_OK
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        command: Callable[[argparse.Namespace, argparse.ArgumentParser], int] = _COMMANDS[args.command]
        return command(args, parser)
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (``govreport parse … | head``): stop quietly
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED


def _say(message: str, write: Callable[[str], Any] | None = None) -> None:
    line = f"{PROG}: " + " ".join(message.split("\n"))
    if write is not None:
        write(line)
    else:
        print(line, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------------
# inputs


@attrs.frozen
class _Failure:
    """One input that could not be parsed; ``message`` names it and says why."""

    message: str


def _expand(paths: Sequence[str], pattern: str) -> Iterator[str | Path | _Failure]:
    """Inputs in order: ``"-"`` for stdin, Paths for files, a _Failure for an empty folder."""
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob(pattern) if p.is_file())
            if not found:
                yield _Failure(f"{raw}: no files matching {pattern!r} in this folder")
            yield from found
        else:
            yield path


def _parse_item(item: str | Path | _Failure, options: dict[str, Any]) -> Document | _Failure:
    """Parse one input in a worker; every expected failure becomes a _Failure, never an exception."""
    from govreport.document import parse
    from govreport.io import decode_bytes, parse_file

    if isinstance(item, _Failure):
        return item
    label = "<stdin>" if item == "-" else os.fsdecode(item)
    try:
        if item == "-":
            text, used = decode_bytes(sys.stdin.buffer.read(), path=label, encoding=options["encoding"])
            kw = {k: v for k, v in options.items() if k != "encoding"}
            return attrs.evolve(parse(text, **kw), encoding=used, source=label)
        return parse_file(item, **options)
    except Exception as err:
        return _as_failure(err, label)


def _as_failure(err: Exception, label: str) -> _Failure:
    """The one line that reports why ``label`` could not be parsed."""
    if isinstance(err, DecodeError):
        return _Failure(str(err))
    if isinstance(err, OSError):
        return _Failure(f"cannot read {label}: {err.strerror or err}")
    # a bug in govreport: report it, keep going with the other files
    return _Failure(f"{label}: internal error, please report it: {type(err).__name__}: {err}")


@attrs.frozen
class _Done:
    """The end of one streamed input (for the progress bar)."""


def _stream_item(
    item: str | Path | _Failure, options: dict[str, Any], block_chars: int
) -> Iterator[Document | _Failure | _Done]:
    """The blocks of one input (:func:`~govreport.iter_parse`), then _Done; a failure ends the input
    after the blocks before it were yielded."""
    from govreport.streaming import iter_parse

    if isinstance(item, _Failure):
        yield item
        yield _Done()
        return
    label = "<stdin>" if item == "-" else os.fsdecode(item)
    source: Any = sys.stdin.buffer if item == "-" else item
    try:
        for doc in iter_parse(source, block_chars=block_chars, **options):
            yield attrs.evolve(doc, source=label) if item == "-" else doc
    except Exception as err:
        yield _as_failure(err, label)
    yield _Done()


# --------------------------------------------------------------------------------------------------
# output


@contextlib.contextmanager
def _output(path: Path | None, encoding: str) -> Iterator[TextIO]:
    """Standard output, or a temporary file beside ``path`` renamed over it only on success."""
    if path is None:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # stdout replaced by a text-only object (doctest, an IDE)
            yield sys.stdout
            return
        stream = io.TextIOWrapper(buffer, encoding=encoding, newline="", write_through=True)
        try:
            yield stream
            stream.flush()
        finally:
            stream.detach()
        return
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with open(fd, "w", encoding=encoding, newline="") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _cell(value: Any) -> str:
    """A CSV or table cell: exact decimals without exponent, ISO dates, empty for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return "|".join(_cell(v) for v in value)
    return str(value)


class _Writer:
    def __init__(self, out: TextIO, types: tuple[str, ...], no_text: bool) -> None:
        self.out = out
        self.types = types
        self.no_text = no_text
        self.stream = False  # documents are blocks of their input (--stream): say where each starts

    def begin(self) -> None:
        pass

    def write(self, doc: Document) -> None:
        raise NotImplementedError

    def end(self) -> None:
        pass

    def _dict(self, doc: Document) -> dict[str, Any]:
        data = doc.to_dict()
        for name in ITEM_TYPES:
            if name not in self.types:
                del data[name]
        if self.no_text:
            del data["text"]
        return data


class _JsonLines(_Writer):
    def write(self, doc: Document) -> None:
        self.out.write(json.dumps(self._dict(doc), ensure_ascii=False) + "\n")


class _Json(_Writer):
    first = True

    def begin(self) -> None:
        self.out.write("[")

    def write(self, doc: Document) -> None:
        self.out.write(("\n" if self.first else ",\n") + json.dumps(self._dict(doc), ensure_ascii=False))
        self.first = False

    def end(self) -> None:
        self.out.write("\n]\n")


class _Csv(_Writer):
    def begin(self) -> None:
        from govreport.serialize import record_columns

        self.columns = ["source", *(["offset"] if self.stream else []), *record_columns(self.types)]
        self.csv = csv.writer(self.out, lineterminator="\n")
        self.csv.writerow(self.columns)

    def write(self, doc: Document) -> None:
        for row in doc.to_records(types=self.types):
            row["source"] = doc.source
            row["offset"] = doc.offset
            self.csv.writerow([_cell(row.get(c)) for c in self.columns])


_HIDDEN = frozenset({"span", "text", "value", "raw", "clean_text", "body_span", "part_span", "subject_span"})
_CLIP = {"text": 28, "value": 22, "details": 64}


class _Table(_Writer):
    headers = ("type", "art", "span", "text", "value", "details")

    def write(self, doc: Document) -> None:
        article_of = doc.article_finder()
        rows = [self._row(article_of, name, item) for name, item in doc.items() if name in self.types]
        where = (doc.source or "<text>") + (f" @{doc.offset}" if self.stream else "")
        title = f"== {where} ({doc.encoding or 'str'}): {len(rows)} item{'s' if len(rows) != 1 else ''} =="
        self.out.write(title + "\n")
        if rows:
            self.out.write("\n".join(_align([list(self.headers), *rows])) + "\n")
        self.out.write("\n")

    @staticmethod
    def _row(article_of: Callable[[Any], Article | None], name: str, item: Any) -> list[str]:
        art = article_of(item)
        value = getattr(item, "value", None)
        if value is None:
            for key in ("canonical", "resolved", "rank", "title"):
                value = getattr(item, key, None)
                if value is not None:
                    break
        if attrs.has(type(value)):
            value = getattr(value, "text", None)
        details = []
        for field in attrs.fields(type(item)):
            v = getattr(item, field.name)
            if field.name in _HIDDEN or v is None or v == () or v is False or v == field.default:
                continue
            if field.name in ("low", "high") and v == getattr(item, "value", None):
                continue  # an exact number: its bounds say nothing more
            if attrs.has(type(v)):
                v = getattr(v, "text", None) or getattr(v, "name", None)
                if v is None:
                    continue
            details.append(field.name if v is True else f"{field.name}={_cell(v)}")
        return [
            name,
            "" if art is None else str(art.index),
            f"{item.span.start}-{item.span.end}",
            _clip(item.text, _CLIP["text"]),
            _clip(_cell(value), _CLIP["value"]),
            _clip(" ".join(details), _CLIP["details"]),
        ]


def _clip(s: str, width: int) -> str:
    """One line of at most ``width`` terminal columns (line breaks shown as ⏎)."""
    s = s.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎").replace("\t", " ")
    if display_width(s) <= width:
        return s
    out, used = [], 0
    for ch in s:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _align(rows: list[list[str]]) -> list[str]:
    """Rows padded to equal terminal width per column, so CJK text lines up."""
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [c + " " * (w - display_width(c)) for c, w in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    return lines


_WRITERS: dict[str, type[_Writer]] = {"json": _Json, "jsonl": _JsonLines, "csv": _Csv, "table": _Table}


# --------------------------------------------------------------------------------------------------
# commands


def _cmd_parse(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from govreport.io import ordered_map

    if args.paths.count("-") > 1:
        parser.error("standard input (-) can be given only once")
    if args.out is not None and not (args.out.parent or Path(".")).is_dir():
        parser.error(f"cannot write {args.out}: no folder {args.out.parent}")
    if args.stream and args.jobs != 1:
        parser.error("--stream reads one input at a time: leave out -j/--jobs")
    fmt = args.format or ("table" if args.out is None and sys.stdout.isatty() else "jsonl")
    items = list(_expand(args.paths, args.glob))
    options = {"encoding": args.input_encoding, "reference_date": args.reference_date, "region": args.region}
    jobs = 1 if "-" in items else min(args.jobs, max(1, len(items)))
    results: Iterator[Document | _Failure | _Done]
    if args.stream:
        results = (r for item in items for r in _stream_item(item, options, args.block_chars))
    else:
        results = ordered_map(functools.partial(_parse_item, options=options), items, processes=jobs)

    bar = _progress(len(items), disabled=args.no_progress)
    write_err = bar.write if bar is not None else None
    failed = 0
    try:
        with _output(args.out, args.output_encoding) as out:
            writer = _WRITERS[fmt](out, args.types, args.no_text)
            writer.stream = args.stream
            writer.begin()
            for result in results:
                if isinstance(result, _Failure):
                    failed += 1
                    _say(result.message, write_err)
                elif isinstance(result, Document):
                    writer.write(result)
                # the bar counts inputs: a streamed input yields many blocks, then _Done
                if bar is not None and (not args.stream or isinstance(result, _Done)):
                    bar.update()
            writer.end()
    finally:
        if bar is not None:
            bar.close()
    if failed and len(items) > 1:
        _say(f"{failed} of {len(items)} inputs failed")
    return EXIT_FAILED if failed else EXIT_OK


class _Bar:
    """The part of ``tqdm`` we use."""

    def __init__(self, bar: Any) -> None:
        self.bar = bar

    def update(self) -> None:
        self.bar.update()

    def write(self, line: str) -> None:
        self.bar.write(line, file=sys.stderr)

    def close(self) -> None:
        self.bar.close()


def _progress(total: int, *, disabled: bool) -> _Bar | None:
    """A progress bar on stderr for many inputs, only when stderr is a terminal and tqdm is there."""
    if disabled or total < 2 or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return _Bar(tqdm(total=total, unit="file", file=sys.stderr, leave=False, dynamic_ncols=True))


def _read_value(text: str) -> tuple[str, Any]:
    """``(kind, result)`` for one value: a percentage, a quantity or a bare number."""
    from govreport.numerals import parse_number
    from govreport.percentages import parse_percentage
    from govreport.quantities import parse_quantity

    attempts: list[tuple[str, Callable[[str], Any]]] = [
        ("quantity", parse_quantity),
        ("number", parse_number),
    ]
    percent_first = any(mark in text for mark in ("%", "％", "‰", "百分", "分之", "成"))
    attempts.insert(0 if percent_first else len(attempts), ("percentage", parse_percentage))
    reasons: list[str] = []
    for kind, func in attempts:
        try:
            return kind, func(text)
        except ParseError as err:
            reasons.append(err.reason)
        except NotImplementedError:
            continue
    reason = reasons[0] if reasons else "no parser could read it"
    raise ParseError(text, None, reason)


def _cmd_number(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from govreport.serialize import _encode_any

    status = EXIT_OK
    for text in args.values:
        try:
            kind, result = _read_value(text)
        except ParseError as err:
            _say(str(err))
            status = EXIT_FAILED
            continue
        if args.format == "json":
            body = {"value": str(result)} if isinstance(result, Decimal) else _encode_any(result)
            print(json.dumps({"input": text, "type": kind, **body}, ensure_ascii=False))
            continue
        fields: list[tuple[str, str]] = []
        if isinstance(result, Decimal):
            fields.append(("value", format(result, "f")))
        else:
            for f in attrs.fields(type(result)):
                v = getattr(result, f.name)
                if f.name == "value" or (f.name not in ("span", "text") and v not in (None, (), f.default)):
                    fields.append((f.name, _cell(v)))
        print(f"{text}  ({kind})")
        print("\n".join("  " + line for line in _align([[k, v] for k, v in fields])))
    return status


def _cmd_schema(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from govreport.serialize import json_schema

    with _output(args.out, "utf-8") as out:
        out.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace, argparse.ArgumentParser], int]] = {
    "parse": _cmd_parse,
    "number": _cmd_number,
    "schema": _cmd_schema,
}
