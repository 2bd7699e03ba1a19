"""Acronyms of organizations the document names in full: "the Gulf Maritime Council ...
Oman joined the GMC" makes "GMC" a mention of the council.

An acronym is a word of two to six capitals. Its expansion is a run of capitalised words
in the same document (articles and "of", "and", "for", "on" allowed between them) whose
initials spell it exactly, one capitalised word per letter: "South American Community of
Nations" for SACN, "Gulf Maritime Council" for GMC. The run is looked for in the whole
text, not only in the sentences the relevance filter kept, so the filter changes nothing.
A word with two expansions is left alone: which one it means, the text does not say.

Whether the expansion is an actor (catalog or `actorkinds`) is for `mentions` to say;
this module only reads the letters.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_CONNECTORS = frozenset({"of", "and", "for", "on", "the", "de", "del", "des", "la", "&"})
_WORD = re.compile(r"[A-Za-z][\w'’-]*|&")


def is_acronym(word: str) -> bool:
    """Whether `word` is written as an acronym: two to six capital letters."""
    return bool(_ACRONYM.match(word))


@lru_cache(maxsize=64)
def acronym_expansions(text: str) -> dict[str, str]:
    """Acronym -> the one run of capitalised words in `text` whose initials spell it.

    Examples
    --------
    >>> acronym_expansions("The Gulf Maritime Council met. Oman joined the GMC.")["GMC"]
    'Gulf Maritime Council'
    """
    found: dict[str, set[str]] = {}
    for line in re.split(r"[.;:!?()\[\]\"“”,\n]", text):
        words = _WORD.findall(line)
        for start, first in enumerate(words):
            if not first[:1].isupper() or first.lower() in _CONNECTORS:
                continue
            initials = ""
            for end in range(start, len(words)):
                word = words[end]
                if word[:1].isupper() and word.lower() not in _CONNECTORS:
                    if word.isupper() and len(word) > 1:
                        break  # an acronym inside is no part of a spelled-out name
                    initials += word[0]
                    if len(initials) >= 2:
                        name = " ".join(words[start : end + 1])
                        found.setdefault(initials, set()).add(name)
                    if len(initials) == 6:
                        break
                elif word.lower() not in _CONNECTORS:
                    break
    return {acronym: names.pop() for acronym, names in found.items() if len(names) == 1}
