"""Text folding shared by the resolvers: one key per way of writing a name."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'}
)
_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key; a leading "the" is dropped.

    Examples
    --------
    >>> fold("the Élysée  Palace")
    'elysee palace'
    >>> fold("U.S.")
    'us'
    >>> fold("China’s")
    'chinas'
    """
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NON_WORD.sub("", text.lower())
    text = _SPACES.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


_SYMBOLS = frozenset("&+@/#")


def symbols(text: str) -> str:
    """The symbols of a name that `fold` drops but that tell names apart ("AT&T", "ATT").

    Examples
    --------
    >>> symbols("AT&T"), symbols("A.T.T.")
    ('&', '')
    """
    return "".join(sorted(ch for ch in text if ch in _SYMBOLS))


def slug(text: str) -> str:
    """Stable id fragment: `"Wang Yi"` -> `"wang-yi"`.

    Examples
    --------
    >>> slug("Recep Tayyip Erdoğan")
    'recep-tayyip-erdogan'
    """
    return fold(text).replace(" ", "-") or "unnamed"
