"""Documents longer than the parser takes, cut into pieces at paragraph or sentence ends.

spaCy refuses a text longer than its pipeline's ``max_length`` (1,000,000 characters by
default: error E088), which dropped such a document whole. A worker instead cuts it into
pieces (`cut`) of at most `config.PIECE_LENGTH` characters, at the last paragraph break
before that length, else the last sentence end, else the last space, extracts each piece
on its own, one at a time (so memory is that of one piece, not of the whole article), and
puts the results back together with offsets counted from the start of the document
(`shifted`, `joined`). What the pieces lose is only what crosses a cut: a pronoun whose
antecedent is in the piece before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from .model import Document, Extraction

__all__ = ["cut", "joined", "pieces", "shifted"]

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_LINE = re.compile(r"\n\s*")
_SENTENCE = re.compile(r"(?<=[.!?\u201d\"')\]])\s+")
_SPACE = re.compile(r"\s+")
_BREAKS = (_PARAGRAPH, _LINE, _SENTENCE, _SPACE)
"""Where a piece may end, best first: each gives the last break before the limit."""


def cut(text: str, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` of pieces of `text`, each at most `limit` characters, that cover it
    in order; a piece ends after the last paragraph break before `limit`, else the last
    line break, sentence end or space (the blanks of a break stay with the piece before).

    Examples
    --------
    >>> text = "One. Two.\\n\\nThree four. Five."
    >>> [text[a:b] for a, b in cut(text, 14)]
    ['One. Two.\\n\\n', 'Three four. ', 'Five.']
    >>> cut("abcdef", 4)  # no break at all: cut at the limit
    [(0, 4), (4, 6)]
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _last_break(text, start, start + limit)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _last_break(text: str, start: int, stop: int) -> int:
    """Where the last break of the best kind ends inside ``text[start:stop]`` (never
    `start`, so every piece holds something); `stop` when there is none."""
    window = text[start:stop]
    floor = len(window) // 4  # a break in the first quarter would make a tiny piece
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(window) if m.end() > floor]
        if ends:
            return start + ends[-1]
    return stop


def pieces(document: Document, limit: int) -> list[tuple[int, Document]]:
    """The pieces of `document` as documents of its id and date, each with its offset."""
    return [
        (start, replace(document, text=document.text[start:end]))
        for start, end in cut(document.text, limit)
    ]


def shifted(extraction: Extraction, offset: int) -> Extraction:
    """`extraction` of a piece with its offsets counted from `offset` on."""
    if not offset:
        return extraction
    relations = tuple(
        replace(r, start=r.start + offset, end=r.end + offset) for r in extraction.relations
    )
    mentions = tuple(
        replace(m, start=m.start + offset, end=m.end + offset) for m in extraction.mentions
    )
    return replace(extraction, relations=relations, mentions=mentions)


def joined(document: Document, parts: Iterable[tuple[int, Extraction]]) -> Extraction:
    """One extraction of `document` from those of its pieces and their offsets."""
    relations: list = []
    mentions: list = []
    for offset, part in parts:
        moved = shifted(part, offset)
        relations.extend(moved.relations)
        mentions.extend(moved.mentions)
    return Extraction(document.id, document.date, tuple(relations), tuple(mentions))
