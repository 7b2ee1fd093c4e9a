"""Exceptions raised by govreport.

Every error derives from :class:`GovreportError`; errors about one value also derive from the
matching builtin, so ``except ValueError`` keeps working for callers who do not know us.
"""

from __future__ import annotations

__all__ = ["DecodeError", "GovreportError", "ParseError"]


class GovreportError(Exception):
    """Base class of every error govreport raises on purpose.

    >>> import govreport
    >>> try:
    ...     govreport.parse_number("三五百")
    ... except govreport.GovreportError as err:
    ...     print(type(err).__name__, err.position)
    ParseError 1
    """


class ParseError(GovreportError, ValueError):
    """A ``parse_*`` function could not read its whole input as one value.

    The message says what, where and why; the parts are kept as attributes.

    >>> err = ParseError("1.2.3亿", 3, "second decimal point")
    >>> str(err)
    "cannot parse '1.2.3亿': second decimal point at index 3"
    >>> err.text, err.position, err.reason
    ('1.2.3亿', 3, 'second decimal point')
    >>> isinstance(err, ValueError)
    True
    """

    def __init__(self, text: str, position: int | None, reason: str) -> None:
        self.text = text
        self.position = position
        self.reason = reason
        where = "" if position is None else f" at index {position}"
        super().__init__(f"cannot parse {text!r}: {reason}{where}")

    def __reduce__(self) -> tuple[type[ParseError], tuple[str, int | None, str]]:
        return (type(self), (self.text, self.position, self.reason))


class DecodeError(GovreportError, UnicodeError):
    """A file could not be decoded as text in any supported encoding.

    >>> err = DecodeError("a.txt", 17, "invalid GB18030 sequence")
    >>> str(err)
    'cannot decode a.txt: invalid GB18030 sequence at byte 17'
    """

    def __init__(self, path: str, byte_offset: int | None, reason: str) -> None:
        self.path = path
        self.byte_offset = byte_offset
        self.reason = reason
        where = "" if byte_offset is None else f" at byte {byte_offset}"
        super().__init__(f"cannot decode {path}: {reason}{where}")

    def __reduce__(self) -> tuple[type[DecodeError], tuple[str, int | None, str]]:
        return (type(self), (self.path, self.byte_offset, self.reason))
