"""Word segmentation and part-of-speech tags, as jieba computes them, without loading jieba.

jieba's precise mode (``jieba.Tokenizer().cut(text, HMM=...)``) and its tagger
(``jieba.posseg.POSTokenizer().cut(text, HMM=True)``), reimplemented on jieba's own dictionary and
HMM tables served by :mod:`govreport._lexicon`, which loads only the entries a text can reach:
jieba itself spends 1.5–2.5 s loading its dictionary twice (once for the frequencies, once for the
tags at ``import jieba.posseg``). The results are the same, word for word and tag for tag
(``tests/test_segment.py`` compares them with jieba's). Nothing here touches jieba's process-wide
state (``jieba.dt``, ``jieba.posseg.dt``, ``jieba.add_word``, ``finalseg.add_force_split``), so
neither side sees the other's changes. The algorithms are jieba's (MIT License, © Sun Junyi):
dictionary DAG, most probable route, and the two Viterbi decoders of ``finalseg`` and ``posseg``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from math import log
from typing import Final

from govreport._lexicon import HMM_STATES, MIN_FLOAT, Lexicon, State, lexicon

__all__ = ["cut", "is_token_boundary_pair", "pos_cut"]

# jieba.Tokenizer.cut: runs of these characters are segmented with the dictionary; the rest is
# split into whitespace runs (kept whole) and single characters
_BLOCK: Final = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")
_SPACE: Final = re.compile(r"(\r\n|\s)")
_LATIN_DIGIT: Final = re.compile(r"[a-zA-Z0-9]")
# jieba.finalseg.cut: Han runs go to the HMM, the rest is split around Latin words and numbers
_HAN: Final = re.compile(r"([\u4E00-\u9FD5]+)")
_HMM_SKIP: Final = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
# jieba.posseg
_POS_BLOCK: Final = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")
_POS_SKIP: Final = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_ENG: Final = re.compile(r"[a-zA-Z0-9]+")
_NUM: Final = re.compile(r"[\.0-9]+")

_MIN_INF: Final = float("-inf")
# finalseg: the states each state may follow
_PREV: Final = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}
_NO_EMISSION: Final[dict[State, float]] = {}


def cut(text: str, hmm: bool = True) -> list[str]:
    """Segment ``text`` into words: ``jieba.Tokenizer().lcut(text, HMM=hmm)``.

    >>> cut("我市做好七篇文章")
    ['我市', '做好', '七篇', '文章']
    """
    lex = lexicon()
    lex.ensure(text)
    words: list[str] = []
    for block in _BLOCK.split(text):
        if not block:
            continue
        if _BLOCK.match(block):
            if hmm:
                _cut_block(lex, block, words)
            else:
                _cut_block_no_hmm(lex, block, words)
        else:
            for piece in _SPACE.split(block):
                if _SPACE.match(piece):
                    words.append(piece)
                else:
                    words.extend(piece)
    return words


def pos_cut(text: str) -> list[tuple[str, str]]:
    """Segment ``text`` into ``(word, tag)`` pairs: ``jieba.posseg.POSTokenizer().lcut(text)``.

    >>> pos_cut("全市生产总值增长6%")
    [('全市', 'n'), ('生产总值', 'n'), ('增长', 'v'), ('6', 'x'), ('%', 'x')]
    """
    lex = lexicon()
    lex.ensure(text)
    pairs: list[tuple[str, str]] = []
    for block in _POS_BLOCK.split(text):
        if _POS_BLOCK.match(block):
            _pos_block(lex, block, pairs)
            continue
        for piece in _SPACE.split(block):
            if _SPACE.match(piece):
                pairs.append((piece, "x"))
                continue
            for char in piece:
                if _NUM.match(char):
                    pairs.append((char, "m"))
                elif _ENG.match(piece):  # sic: jieba tests the whole piece here
                    pairs.append((char, "eng"))
                else:
                    pairs.append((char, "x"))
    return pairs


def _dag(freq: dict[str, int], sentence: str) -> list[list[int]]:
    """For each position, the end positions (inclusive) of the dictionary words starting there."""
    dag: list[list[int]] = []
    n = len(sentence)
    for k in range(n):
        ends: list[int] = []
        i = k
        frag = sentence[k]
        while i < n and frag in freq:
            if freq[frag]:
                ends.append(i)
            i += 1
            frag = sentence[k : i + 1]
        if not ends:
            ends.append(k)
        dag.append(ends)
    return dag


def _route(lex: Lexicon, sentence: str) -> list[tuple[float, int]]:
    """The most probable segmentation: for each position, (log probability of the rest, word end)."""
    freq = lex.freq
    dag = _dag(freq, sentence)
    n = len(sentence)
    route: list[tuple[float, int]] = [(0, 0)] * (n + 1)
    log_total = log(lex.total)
    # the same float operations in the same order as jieba.Tokenizer.calc, so that ties break alike
    for idx in range(n - 1, -1, -1):
        route[idx] = max((log(freq.get(sentence[idx : x + 1]) or 1) - log_total + route[x + 1][0], x) for x in dag[idx])
    return route


def _always(_word: str) -> bool:
    return True


def _route_runs(lex: Lexicon, sentence: str, joins: Callable[[str], object]) -> Iterator[tuple[str, bool]]:
    """The words of the best route in order, ``(text, is_run)``: consecutive one-character words
    for which ``joins`` holds come as one run, which the caller segments further (or keeps)."""
    route = _route(lex, sentence)
    x = 0
    n = len(sentence)
    buf = ""
    while x < n:
        y = route[x][1] + 1
        word = sentence[x:y]
        if y - x == 1 and joins(word):
            buf += word
        else:
            if buf:
                yield buf, True
                buf = ""
            yield word, False
        x = y
    if buf:
        yield buf, True


def _cut_block_no_hmm(lex: Lexicon, sentence: str, words: list[str]) -> None:
    words.extend(piece for piece, _ in _route_runs(lex, sentence, _LATIN_DIGIT.match))


def _cut_block(lex: Lexicon, sentence: str, words: list[str]) -> None:
    for piece, run in _route_runs(lex, sentence, _always):
        if run:
            _flush(lex, piece, words)
        else:
            words.append(piece)


def _flush(lex: Lexicon, buf: str, words: list[str]) -> None:
    """A run of single characters: the HMM finds the words in it unless it is a word itself."""
    if len(buf) == 1:
        words.append(buf)
    elif not lex.freq.get(buf):
        for block in _HAN.split(buf):
            if _HAN.match(block):
                _hmm_cut(lex, block, words)
            else:
                words.extend(piece for piece in _HMM_SKIP.split(block) if piece)
    else:
        words.extend(buf)


def _hmm_cut(lex: Lexicon, sentence: str, words: list[str]) -> None:
    """jieba.finalseg: Viterbi over the B/M/E/S states, then words from the state sequence."""
    states = _hmm_viterbi(lex, sentence)
    begin = nexti = 0
    for i, char in enumerate(sentence):
        state = states[i]
        if state == "B":
            begin = i
        elif state == "E":
            words.append(sentence[begin : i + 1])
            nexti = i + 1
        elif state == "S":
            words.append(char)
            nexti = i + 1
    if nexti < len(sentence):
        words.append(sentence[nexti:])


def _hmm_viterbi(lex: Lexicon, obs: str) -> list[str]:
    start, trans = lex.hmm_start, lex.hmm_trans
    row = lex.hmm_row(obs[0])
    probs = {y: start[y] + row[j] for j, y in enumerate(HMM_STATES)}
    back: list[dict[str, str]] = [{}]
    for t in range(1, len(obs)):
        row = lex.hmm_row(obs[t])
        new: dict[str, float] = {}
        came: dict[str, str] = {}
        for j, y in enumerate(HMM_STATES):
            em_p = row[j]
            prob, state = max([(probs[y0] + trans[y0].get(y, MIN_FLOAT) + em_p, y0) for y0 in _PREV[y]])
            new[y] = prob
            came[y] = state
        probs = new
        back.append(came)
    _, state = max((probs[y], y) for y in "ES")
    path = [state] * len(obs)
    for t in range(len(obs) - 1, 0, -1):
        state = back[t][state]
        path[t - 1] = state
    return path


def _tag(lex: Lexicon, word: str) -> tuple[str, str]:
    return word, lex.tags.get(word, "x")


def _pos_block(lex: Lexicon, sentence: str, pairs: list[tuple[str, str]]) -> None:
    for piece, run in _route_runs(lex, sentence, _always):
        if run:
            _pos_flush(lex, piece, pairs)
        else:
            pairs.append(_tag(lex, piece))


def _pos_flush(lex: Lexicon, buf: str, pairs: list[tuple[str, str]]) -> None:
    if len(buf) == 1:
        pairs.append(_tag(lex, buf))
    elif not lex.freq.get(buf):
        for block in _HAN.split(buf):
            if _HAN.match(block):
                _pos_hmm_cut(lex, block, pairs)
                continue
            for piece in _POS_SKIP.split(block):
                if not piece:
                    continue
                if _NUM.match(piece):
                    pairs.append((piece, "m"))
                elif _ENG.match(piece):
                    pairs.append((piece, "eng"))
                else:
                    pairs.append((piece, "x"))
    else:
        pairs.extend(_tag(lex, char) for char in buf)


def _pos_hmm_cut(lex: Lexicon, sentence: str, pairs: list[tuple[str, str]]) -> None:
    """jieba.posseg's HMM: Viterbi over (position, tag) states; each word takes its last state's tag."""
    states = _pos_viterbi(lex, sentence)
    begin = nexti = 0
    for i, char in enumerate(sentence):
        where, tag = states[i]
        if where == "B":
            begin = i
        elif where == "E":
            pairs.append((sentence[begin : i + 1], tag))
            nexti = i + 1
        elif where == "S":
            pairs.append((char, tag))
            nexti = i + 1
    if nexti < len(sentence):
        pairs.append((sentence[nexti:], states[nexti][1]))


def _pos_viterbi(lex: Lexicon, obs: str) -> list[State]:
    """jieba.posseg.viterbi, with the same candidate pruning and the same arithmetic."""
    start, trans = lex.pos_start, lex.pos_trans
    char_states, emit = lex.pos_states, lex.pos_emit
    all_states = lex.pos_all_states
    row = emit.get(obs[0], _NO_EMISSION)
    probs = {y: start[y] + row.get(y, MIN_FLOAT) for y in char_states.get(obs[0], all_states)}
    back: list[dict[State, State]] = [{}]
    for t in range(1, len(obs)):
        prev_states = [x for x in probs if trans[x]]
        expected = {y for x in prev_states for y in trans[x]}
        candidates: Sequence[State] | set[State] = set(char_states.get(obs[t], all_states)) & expected
        if not candidates:
            candidates = expected if expected else all_states
        row = emit.get(obs[t], _NO_EMISSION)
        new: dict[State, float] = {}
        came: dict[State, State] = {}
        for y in candidates:
            em_p = row.get(y, MIN_FLOAT)
            prob, state = max((probs[y0] + trans[y0].get(y, _MIN_INF) + em_p, y0) for y0 in prev_states)
            new[y] = prob
            came[y] = state
        probs = new
        back.append(came)
    _, state = max((prob, y) for y, prob in probs.items())
    path = [state] * len(obs)
    for t in range(len(obs) - 1, 0, -1):
        state = back[t][state]
        path[t - 1] = state
    return path


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
    for word in cut(chunk, hmm=False):
        w_start, w_end = pos, pos + len(word)
        if w_start < start < w_end or w_start < end < w_end:
            return False
        pos = w_end
    return True
