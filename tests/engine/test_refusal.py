"""Refusals without Qt: the English text, the template and values kept for translation."""

import pytest

from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, Phrase, Refusal, TranslatableError


def test_a_phrase_reads_as_its_filled_in_template():
    phrase = Phrase("parameter {label}", label="W_ii")
    assert (phrase.template, phrase.values) == ("parameter {label}", {"label": "W_ii"})
    assert str(phrase) == "parameter W_ii" and f"[{phrase:>16}]" == "[  parameter W_ii]"
    assert repr(phrase) == "Phrase('parameter W_ii')"
    assert phrase == Phrase("parameter {label}", label="W_ii")
    assert phrase != Phrase("parameter {label}", label="b_ii") and phrase != Phrase("weight {label}", label="W_ii")
    assert phrase != "parameter W_ii"
    with pytest.raises(TypeError):
        hash(phrase)


def test_a_refusal_is_a_value_error_with_its_template_and_values():
    refusal = Refusal(QT_TRANSLATE_NOOP("Refusal", "The {what} must be at least {minimum}."),
                      what=Phrase("parameter {label}", label="W_ii"), minimum=2)
    assert isinstance(refusal, ValueError) and isinstance(refusal, TranslatableError)
    assert str(refusal) == "The parameter W_ii must be at least 2."
    assert refusal.template == "The {what} must be at least {minimum}." and refusal.values["minimum"] == 2
    plain = Refusal("Braces {like this} stay as they are without values.")
    assert str(plain) == "Braces {like this} stay as they are without values." and plain.values == {}
    assert QT_TRANSLATE_NOOP("Refusal", "text") == "text"
