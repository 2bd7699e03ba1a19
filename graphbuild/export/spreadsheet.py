"""What a text cell of a CSV file must not start with, shared by every CSV writer.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some, a
tab or a carriage return) as a formula, so an article or actor name such as
``=HYPERLINK(...)`` or a DDE ``=cmd|...`` would run when the file is opened. As OWASP
advises for CSV injection, such a text cell is written with a leading apostrophe
(`defuse_formula`); a text that already starts with an apostrophe before one of those
characters gets one more, so `restore_formula` gives every text back exactly. Numbers
(a negative intensity) are written as they are.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP's list)."""


def _needs_defusing(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) or (text.startswith("'") and _needs_defusing(text[1:]))


def defuse_formula(text: str) -> str:
    """`text` with a leading apostrophe when a spreadsheet would run it as a formula.

    Examples
    --------
    >>> defuse_formula("=HYPERLINK(1)"), defuse_formula("Wang Yi"), defuse_formula("'-x")
    ("'=HYPERLINK(1)", 'Wang Yi', "''-x")
    """
    return "'" + text if _needs_defusing(text) else text


def restore_formula(text: str) -> str:
    """The text `defuse_formula` was given for `text` (a cell read back).

    Examples
    --------
    >>> [restore_formula(defuse_formula(t)) for t in ("=1+1", "'@x", "'plain", "")]
    ['=1+1', "'@x", "'plain", '']
    """
    return text[1:] if text.startswith("'") and _needs_defusing(text[1:]) else text


def cell(value: object) -> str:
    """One CSV cell: numbers as they are, booleans as true/false, None empty, text defused.

    Examples
    --------
    >>> [cell(v) for v in (None, True, -7, 0.5, "-7", "China")]
    ['', 'true', '-7', '0.5', "'-7", 'China']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return defuse_formula(str(value))
