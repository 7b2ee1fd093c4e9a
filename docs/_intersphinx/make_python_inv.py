"""Write ``python.inv``: the part of the Python docs' objects.inv that govreport's docs link to.

The docs build offline (CI has no internet besides package registries), so intersphinx reads this
committed inventory instead of fetching https://docs.python.org/3/objects.inv; links still point
to the real pages. Regenerate after adding an entry::

    python docs/_intersphinx/make_python_inv.py
"""

from __future__ import annotations

import zlib
from pathlib import Path

# (name, domain:role, uri relative to https://docs.python.org/3/ ; "$" = the name)
ENTRIES: list[tuple[str, str, str]] = [
    ("None", "py:data", "library/constants.html#$"),
    ("True", "py:data", "library/constants.html#$"),
    ("False", "py:data", "library/constants.html#$"),
    ("Ellipsis", "py:data", "library/constants.html#$"),
    ("object", "py:class", "library/functions.html#$"),
    ("str", "py:class", "library/stdtypes.html#$"),
    ("bytes", "py:class", "library/stdtypes.html#$"),
    ("int", "py:class", "library/functions.html#$"),
    ("float", "py:class", "library/functions.html#$"),
    ("bool", "py:class", "library/functions.html#$"),
    ("tuple", "py:class", "library/stdtypes.html#$"),
    ("list", "py:class", "library/stdtypes.html#$"),
    ("dict", "py:class", "library/stdtypes.html#$"),
    ("set", "py:class", "library/stdtypes.html#$"),
    ("frozenset", "py:class", "library/stdtypes.html#$"),
    ("type", "py:class", "library/functions.html#$"),
    ("slice", "py:class", "library/functions.html#$"),
    ("open", "py:function", "library/functions.html#$"),
    ("len", "py:function", "library/functions.html#$"),
    ("sorted", "py:function", "library/functions.html#$"),
    ("str.translate", "py:method", "library/stdtypes.html#$"),
    ("bytes.decode", "py:method", "library/stdtypes.html#$"),
    ("Exception", "py:exception", "library/exceptions.html#$"),
    ("BaseException", "py:exception", "library/exceptions.html#$"),
    ("ValueError", "py:exception", "library/exceptions.html#$"),
    ("TypeError", "py:exception", "library/exceptions.html#$"),
    ("KeyError", "py:exception", "library/exceptions.html#$"),
    ("OSError", "py:exception", "library/exceptions.html#$"),
    ("NotImplementedError", "py:exception", "library/exceptions.html#$"),
    ("UnicodeError", "py:exception", "library/exceptions.html#$"),
    ("UnicodeDecodeError", "py:exception", "library/exceptions.html#$"),
    ("decimal", "py:module", "library/decimal.html#module-$"),
    ("decimal.Decimal", "py:class", "library/decimal.html#$"),
    ("datetime", "py:module", "library/datetime.html#module-$"),
    ("datetime.date", "py:class", "library/datetime.html#$"),
    ("datetime.datetime", "py:class", "library/datetime.html#$"),
    ("enum", "py:module", "library/enum.html#module-$"),
    ("enum.Enum", "py:class", "library/enum.html#$"),
    ("enum.StrEnum", "py:class", "library/enum.html#$"),
    ("collections.abc.Iterator", "py:class", "library/collections.abc.html#$"),
    ("collections.abc.Iterable", "py:class", "library/collections.abc.html#$"),
    ("collections.abc.Sequence", "py:class", "library/collections.abc.html#$"),
    ("collections.abc.Mapping", "py:class", "library/collections.abc.html#$"),
    ("collections.abc.Callable", "py:class", "library/collections.abc.html#$"),
    ("typing.Any", "py:data", "library/typing.html#$"),
    ("typing.Union", "py:data", "library/typing.html#$"),
    ("typing.Optional", "py:data", "library/typing.html#$"),
    ("typing.IO", "py:class", "library/typing.html#$"),
    ("typing.TextIO", "py:class", "library/typing.html#$"),
    ("typing.BinaryIO", "py:class", "library/typing.html#$"),
    ("typing.Iterator", "py:class", "library/typing.html#$"),
    ("typing.Iterable", "py:class", "library/typing.html#$"),
    ("typing.Sequence", "py:class", "library/typing.html#$"),
    ("typing.Literal", "py:data", "library/typing.html#$"),
    ("pathlib.Path", "py:class", "library/pathlib.html#$"),
    ("pathlib.PurePath", "py:class", "library/pathlib.html#$"),
    ("os.PathLike", "py:class", "library/os.html#$"),
    ("io.TextIOBase", "py:class", "library/io.html#$"),
    ("io.IOBase", "py:class", "library/io.html#$"),
    ("io.BufferedIOBase", "py:class", "library/io.html#$"),
    ("tracemalloc", "py:module", "library/tracemalloc.html#module-$"),
    ("functools.cache", "py:function", "library/functools.html#$"),
    ("importlib.resources", "py:module", "library/importlib.resources.html#module-$"),
    ("importlib.metadata", "py:module", "library/importlib.metadata.html#module-$"),
    ("logging", "py:module", "library/logging.html#module-$"),
    ("pickle", "py:module", "library/pickle.html#module-$"),
    ("json", "py:module", "library/json.html#module-$"),
    ("csv", "py:module", "library/csv.html#module-$"),
    ("concurrent.futures.ThreadPoolExecutor", "py:class", "library/concurrent.futures.html#$"),
]


def write(path: Path) -> None:
    header = (
        b"# Sphinx inventory version 2\n"
        b"# Project: Python\n"
        b"# Version: 3\n"
        b"# The remainder of this file is compressed using zlib.\n"
    )
    body = "".join(f"{name} {role} 1 {uri} -\n" for name, role, uri in ENTRIES).encode()
    path.write_bytes(header + zlib.compress(body, 9))


if __name__ == "__main__":
    write(Path(__file__).with_name("python.inv"))
    print(f"wrote {len(ENTRIES)} entries")
