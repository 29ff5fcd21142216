"""Figure rules, on sentences written for the tests."""

import pytest


def figures(brief):
    return {f.text: f for f in brief.figures}


@pytest.mark.parametrize("sentence, text, value, unit", [
    ("The fund received €2.5 billion last year.", "€2.5 billion", 2.5e9, "EUR"),
    ("The city will spend $40m on roads.", "$40m", 4e7, "USD"),
    ("Unemployment rose to 7.2% in the spring.", "7.2%", 7.2, "percent"),
    ("Exports fell 3 percent after the strike.", "3 percent", 3, "percent"),
    ("Delegates from 45 countries attended the summit.", "45 countries", 45, "countries"),
    ("Growth slowed by 0.3 percentage points.", "0.3 percentage points", 0.3, "percentage points"),
    ("The bank lent 300 million euros to farmers.", "300 million euros", 3e8, "EUR"),
])
def test_amounts_are_normalized(brief_of, sentence, text, value, unit):
    figure = figures(brief_of(sentence))[text]
    assert figure.value == pytest.approx(value) and figure.unit == unit


def test_range_and_approximation(brief_of):
    brief = brief_of("The repairs will take between 6 and 9 months, officials said. About 2,000 workers are needed.")
    found = figures(brief)
    ranged = next(f for f in found.values() if f.value == 6)
    assert ranged.value_max == 9 and ranged.unit == "months"
    approx = next(f for f in found.values() if f.value == 2000)
    assert approx.approx is True and approx.unit == "workers"


def test_rate(brief_of):
    brief = brief_of("The clinic treats about 400 patients every week.")
    figure = next(iter(brief.figures))
    assert (figure.value, figure.unit, figure.per) == (400, "patients", "week")


def test_parenthetical_conversion_is_linked(brief_of):
    brief = brief_of("The museum raised £12 million ($15.2 million) from donors.")
    pound, dollar = brief.figures
    assert pound.unit == "GBP" and dollar.unit == "USD" and pound.equals == dollar.id


@pytest.mark.parametrize("sentence", [
    "The treaty was signed on 4 March 1998.",
    "Elections are due in 2027.",
    "She finished 2nd in the race.",
])
def test_dates_years_and_ordinals_are_not_figures(brief_of, sentence):
    assert brief_of(sentence).figures == []


def test_word_numbers_count_things(brief_of):
    figure = next(iter(brief_of("Seven Nordic nations joined the pact.").figures))
    assert (figure.value, figure.unit) == (7, "nations")


def test_speaker_states_figure(brief_of):
    brief = brief_of("Treasury chief Ida Moss said inflation would reach 4% next year.")
    figure = brief.figures[0]
    assert next(a.name for a in brief.actors if a.id == figure.stated_by) == "Ida Moss"
