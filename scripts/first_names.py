"""Build `graphbuild/data/first_names.csv`: first names that are clearly male or female.

Coreference reads "he" and "she" with it (`graphbuild.extract.coreference`). The source is
the name-gender table of nomquamgender 0.1.4 (Ian Van Buskirk, MIT licence, data from 36
national registers, censuses and name dictionaries; github ianvanbuskirk/nomquamgender).
Only its data file is read, so neither the package nor its pandas is needed:

    pip download nomquamgender==0.1.4 --no-deps -d /tmp/nqg
    python scripts/first_names.py /tmp/nqg/nomquamgender-0.1.4-py3-none-any.whl

(or with no argument, from an installed nomquamgender). A name is kept when it is seen at
least `MIN_COUNT` times and the package's own taxonomy calls it gendered at its default
uncertainty of 0.1: p(female) at most 0.1 or at least 0.9, in every country and decade.
"Andrea" (male in Italy, female elsewhere), "Jean", "Kim" or "Xi" are left out: their
pronoun stays unresolved by gender.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
import zipfile
from pathlib import Path

MIN_COUNT = 100
"""Fewer observations than this say too little about a name."""

MAX_UNCERTAINTY_INDEX = 1
"""Index of uncertainty 0.1 in the package's taxonomy lists (0.05, 0.10, ..., 0.45)."""

GENDERED = 3
"""The taxonomy's code for "gendered" (others: weakly, by decade, by country)."""

NAME = re.compile(r"^[a-z][a-z'-]*[a-z]$")

OUT = Path(__file__).resolve().parent.parent / "graphbuild" / "data" / "first_names.csv"

HEADER = [
    "# First names that are clearly male (m) or female (f), for reading he/she.",
    "# Derived by scripts/first_names.py from nomquamgender 0.1.4, Copyright (c) 2022 Ian Van"
    " Buskirk, MIT licence (permission notice: https://opensource.org/license/mit).",
    f"# Kept: seen at least {MIN_COUNT} times, p(female) <= 0.1 or >= 0.9 in every country.",
    "# MIT licence of nomquamgender: Permission is hereby granted, free of charge, to any"
    " person obtaining a copy of this software and associated documentation files (the"
    ' "Software"), to deal in the Software without restriction, including without limitation'
    " the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell"
    " copies of the Software, and to permit persons to whom the Software is furnished to do"
    " so, subject to the following conditions: The above copyright notice and this"
    " permission notice shall be included in all copies or substantial portions of the"
    ' Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.',
]


def read_table(source: str | None) -> dict[str, list]:
    if source and source.endswith(".whl"):
        with zipfile.ZipFile(source) as wheel:
            return json.loads(wheel.read("nomquamgender/name_data.json"))
    spec = importlib.util.find_spec("nomquamgender")  # finds without importing pandas
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("nomquamgender is not installed: pass its wheel's path")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return json.loads((folder / "name_data.json").read_text("utf-8"))


def gendered(table: dict[str, list]) -> list[tuple[str, str]]:
    rows = []
    for name, (_sources, count, p_female, category) in table.items():
        code = category if isinstance(category, int) else category[MAX_UNCERTAINTY_INDEX]
        if code != GENDERED or count < MIN_COUNT or not NAME.match(name):
            continue
        if p_female <= 0.1:
            rows.append((name, "m"))
        elif p_female >= 0.9:
            rows.append((name, "f"))
    return sorted(rows)


def main(argv: list[str]) -> None:
    rows = gendered(read_table(argv[1] if len(argv) > 1 else None))
    with OUT.open("w", encoding="utf-8", newline="") as out:
        out.write("name,gender\n")
        for line in HEADER:
            out.write(f'"{line}",\n')
        csv.writer(out, lineterminator="\n").writerows(rows)
    print(f"{len(rows)} names -> {OUT}")


if __name__ == "__main__":
    main(sys.argv)
