"""Lexicon frames and sense columns: enums and labels checked as the file is read."""

from __future__ import annotations

import pytest

from graphbuild.extract.lexicon import Fit, Frame, load_lexicon, parse_lexicon

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


SENSE_HEADER = HEADER + ",subject,object,speech_label"


@pytest.mark.parametrize(
    ("row", "subject", "obj", "speech"),
    [
        ("hit,verb,assault,,,,,actor,,accuse", Fit.ACTOR, Fit.ANY, "accuse"),
        ("deploy,verb,mobilize,,,near,,,thing,", Fit.ANY, Fit.THING, ""),
        ("rally,verb,protest,,,against,,,none,", Fit.ANY, Fit.NONE, ""),
        ("meet,verb,consult,,,with,,,,", Fit.ANY, Fit.ANY, ""),
    ],
)
def test_sense_columns_are_read(row, subject, obj, speech):
    trigger = next(iter(parse_lexicon([SENSE_HEADER, row]).verbs.values()))
    assert (trigger.subject, trigger.object, trigger.speech_label) == (subject, obj, speech)


def test_the_spoken_sense_takes_the_speech_label_everywhere():
    trigger = parse_lexicon([SENSE_HEADER, "attack,verb,assault,,,,,,,accuse"]).verb("attack")
    spoken = trigger.spoken()
    labels = (spoken.label, spoken.label_for("organization"), spoken.label_for("initiative"))
    assert labels == ("accuse",) * 3 and spoken.words == trigger.words


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("hit,verb,assault,,,,,actors,,", "mine.csv:3: unknown subject 'actors'; valid: actor"),
        ("hit,verb,assault,,,,,none,,", "mine.csv:3: unknown subject 'none'"),
        ("hit,verb,assault,,,,,,things,", "mine.csv:3: unknown object 'things'; valid: actor"),
        ("hit,verb,assault,,,,,,,hit", "mine.csv:3: unknown speech_label 'hit'"),
        ("hit,noun,assault,,,,,actor,,", "mine.csv:3: subject and object fits are read for verbs"),
    ],
)
def test_an_unknown_sense_value_names_the_file_line_and_the_valid_values(row, message):
    with pytest.raises(ValueError) as error:
        parse_lexicon([SENSE_HEADER, "# a comment,,,,,,,,,", row], source="mine.csv")
    assert str(error.value).startswith(message)


def test_the_bundled_lexicon_constrains_the_senses_that_misfire_on_mixed_news():
    lexicon = load_lexicon()
    assert lexicon.verb("attack").speech_label == "accuse"
    assert lexicon.noun("attack").speech_label == "accuse"
    assert lexicon.verb("hit").subject is Fit.ACTOR
    assert lexicon.verb("demonstrate").object is Fit.NONE
    assert lexicon.verb("deploy").object is Fit.THING
    assert lexicon.verb("conclude").frame is Frame.PLAIN
    speech = {t.speech_label for t in [*lexicon.verbs.values(), *lexicon.nouns.values()]}
    assert speech - {""} == {"accuse"}
