"""Word segmentation with a private jieba Tokenizer (the only module that imports jieba).

jieba's module-level tokenizer is shared by the whole process, and ``jieba.add_word`` changes it
for every caller (JB #739). We build our own :class:`jieba.Tokenizer` on first use, so that
``import govreport`` loads no dictionary and nothing we do leaks into the user's jieba.
"""

from __future__ import annotations

import functools
import logging
import threading
from typing import Any

__all__ = ["cut", "is_token_boundary_pair", "pos_cut", "tokenizer"]

_LOCK = threading.Lock()
_STATE: dict[str, Any] = {}


def tokenizer() -> Any:
    """The private, fully initialised ``jieba.Tokenizer`` (built once, thread-safe)."""
    tok = _STATE.get("tokenizer")
    if tok is not None:
        return tok
    with _LOCK:
        tok = _STATE.get("tokenizer")
        if tok is None:
            import jieba

            logging.getLogger("jieba").setLevel(logging.WARNING)
            jieba.default_logger.setLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.initialize()
            _STATE["tokenizer"] = tok
    return tok


def cut(text: str) -> list[str]:
    """Segment ``text`` into words (jieba's precise mode, HMM on)."""
    return list(tokenizer().cut(text, HMM=True))


def pos_cut(text: str) -> list[tuple[str, str]]:
    """Segment ``text`` into ``(word, part-of-speech)`` pairs (jieba.posseg on our tokenizer)."""
    posseg = _posseg()
    return [(p.word, p.flag) for p in posseg.cut(text, HMM=True)]


@functools.cache
def _posseg() -> Any:
    import jieba.posseg

    # importing jieba.posseg already read the dictionary's tags into its global tagger; share that
    # read-only table instead of reading the 350,000-line file a second time for our own tagger
    tagger = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    tagger.tokenizer = tokenizer()
    tagger.word_tag_tab = jieba.posseg.dt.word_tag_tab
    return tagger


def is_token_boundary_pair(text: str, start: int, end: int, window: int = 8) -> bool:
    """True when no word of ``text`` (segmented around the range) crosses ``start`` or ``end``.

    Words wholly inside ``[start, end)`` are fine: a numeral may be cut into pieces.

    >>> is_token_boundary_pair("我市做好七篇文章", 4, 6)
    True
    >>> is_token_boundary_pair("实现一站式办理", 2, 4)
    False
    """
    lo = max(0, start - window)
    hi = min(len(text), end + window)
    # stop the window at line breaks: segmentation across paragraphs is meaningless
    nl = text.rfind("\n", lo, start)
    if nl >= 0:
        lo = nl + 1
    nl = text.find("\n", end, hi)
    if nl >= 0:
        hi = nl
    return _no_word_crosses(text[lo:hi], start - lo, end - lo)


@functools.lru_cache(maxsize=8192)
def _no_word_crosses(chunk: str, start: int, end: int) -> bool:
    # memoized: reports repeat the same few contexts of a Chinese numeral (一是, 两个, 三大) endlessly
    pos = 0
    for word in tokenizer().cut(chunk, HMM=False):
        w_start, w_end = pos, pos + len(word)
        if w_start < start < w_end or w_start < end < w_end:
            return False
        pos = w_end
    return True
