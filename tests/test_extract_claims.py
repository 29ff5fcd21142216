"""Claim rules, on sentences written for the tests."""

import pytest


def only(brief):
    assert len(brief.claims) == 1, brief.claims
    return brief.claims[0]


def speaker_name(brief, claim):
    return next(a.name for a in brief.actors if a.id == claim.speaker)


def test_reported_speech_with_subject_speaker(brief_of):
    brief = brief_of("Mayor Lena Hart warned that the bridge would close for repairs.")
    claim = only(brief)
    assert speaker_name(brief, claim) == "Lena Hart"
    assert claim.verb == "warned" and claim.text == "the bridge would close for repairs"
    assert claim.quote is False


def test_according_to(brief_of):
    brief = brief_of("According to the World Bank, growth will slow to two percent.")
    claim = only(brief)
    assert speaker_name(brief, claim) == "World Bank" and claim.verb == "according to"
    assert "growth will slow" in claim.text


def test_direct_quote_with_curly_quotes(brief_of):
    brief = brief_of("“We will not accept any delay,” Carlos Mendes told reporters.")
    claim = only(brief)
    assert claim.quote is True and claim.text == "We will not accept any delay,"
    assert speaker_name(brief, claim) == "Carlos Mendes"


def test_quote_spanning_sentences_is_one_claim(brief_of):
    text = ('Carlos Mendes said: "The port is closed. Ships must wait outside." '
            "The harbour master agreed.")
    brief = brief_of(text)
    quoted = [c for c in brief.claims if c.quote]
    assert len(quoted) == 1
    assert quoted[0].evidence == 'Carlos Mendes said: "The port is closed. Ships must wait outside."'


def test_told_outlet_gives_via(brief_of):
    brief = brief_of("Anonymous officials told Reuters that the talks had stalled.")
    claim = only(brief)
    via = next(a.name for a in brief.actors if a.id == claim.via)
    assert via == "Reuters"
    assert next(a.type for a in brief.actors if a.id == claim.speaker) == "group"


def test_collective_speaker_becomes_a_group(brief_of):
    brief = brief_of("Analysts argue that the merger will raise prices.")
    claim = only(brief)
    actor = next(a for a in brief.actors if a.id == claim.speaker)
    assert actor.type == "group" and actor.name.lower() == "analysts"


def test_scare_quotes_are_not_quotes(brief_of):
    brief = brief_of('The minister said the "reset" had failed.')
    assert only(brief).quote is False


def test_unattributed_statement_is_not_a_claim(brief_of):
    assert brief_of("The river flooded three villages overnight.").claims == []


def test_reporting_noun_with_possessor(brief_of):
    brief = brief_of("The senator's warning that the bill would fail was ignored by colleagues.")
    claim = only(brief)
    assert claim.verb == "warning" and "the bill would fail" in claim.text


def test_institution_described_by_a_noun(brief_of):
    brief = brief_of("The water authority said that reservoirs were half empty.")
    claim = only(brief)
    actor = next(a for a in brief.actors if a.id == claim.speaker)
    assert actor.type == "organization" and actor.name == "water authority"


def test_quote_introduced_with_a_colon(brief_of):
    brief = brief_of("Coach Ana Ruiz added: “We played badly. We deserved to lose.” Fans agreed.")
    claim = only(brief)
    assert claim.quote is True and claim.text.startswith("We played badly")


@pytest.mark.parametrize("text, speaker", [
    ("Prime Minister Olaf Lindqvist met the unions. He added that wages must rise.", "Olaf Lindqvist"),
    ("Both Chile and Peru believe that the fishing quota is too low.", "Chile and Peru"),
    ("The Guardian published new figures on Monday. The report says that rents rose again.", "The Guardian"),
], ids=["pronoun", "joint speakers", "the report means its outlet"])
def test_speaker_resolution(brief_of, text, speaker):
    brief = brief_of(text)
    assert speaker_name(brief, only(brief)) == speaker
