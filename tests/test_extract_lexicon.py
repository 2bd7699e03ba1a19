"""Lexicon frames: an enum checked as the file is read."""

from __future__ import annotations

import pytest

from graphbuild.extract.lexicon import Frame, load_lexicon, parse_lexicon

HEADER = "trigger,pos,label,initiative_label,organization_label,preps,frame"


def test_the_bundled_lexicon_uses_only_known_frames():
    frames = {t.frame for t in load_lexicon().verbs.values()}
    assert frames <= set(Frame) and Frame.CONTROL in frames


def test_a_frame_is_its_name_in_the_file():
    lexicon = parse_lexicon([HEADER, "urge,verb,request,,,,control", "meet,verb,consult,,,,"])
    assert lexicon.verb("urge").frame is Frame.CONTROL == "control"
    assert lexicon.verb("meet").frame is Frame.NONE


def test_an_unknown_frame_names_the_file_line_and_the_valid_frames():
    lines = [HEADER, "# a comment,,,,,,", "", "urge,verb,request,,,,controll"]
    with pytest.raises(ValueError) as error:
        parse_lexicon(lines, source="mine.csv")
    message = str(error.value)
    assert message.startswith("mine.csv:4: unknown frame 'controll'")
    assert all(frame.value in message for frame in Frame if frame.value)
