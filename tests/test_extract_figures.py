"""Figure rules, on sentences written for the tests."""

import pytest


def figures(brief):
    return {f.text: f for f in brief.figures}


@pytest.mark.parametrize(
    "sentence, text, value, unit",
    [
        ("The fund received €2.5 billion last year.", "€2.5 billion", 2.5e9, "EUR"),
        ("The city will spend $40m on roads.", "$40m", 4e7, "USD"),
        ("Unemployment rose to 7.2% in the spring.", "7.2%", 7.2, "percent"),
        ("Exports fell 3 percent after the strike.", "3 percent", 3, "percent"),
        ("Delegates from 45 countries attended the summit.", "45 countries", 45, "countries"),
        ("Growth slowed by 0.3 percentage points.", "0.3 percentage points", 0.3, "percentage points"),
        ("The bank lent 300 million euros to farmers.", "300 million euros", 3e8, "EUR"),
        ("Nearly two-thirds of the farms were flooded.", "Nearly two-thirds", 0.6667, "fraction"),
        ("About a quarter of the budget goes to schools.", "About a quarter", 0.25, "fraction"),
        ("Ticket sales rose by a fifth in the spring.", "by a fifth", 0.2, "fraction"),
        ("Tenants will pay half the repair costs.", "half", 0.5, "fraction"),
        ("Copper traded at 35 cents per pound.", "35 cents per pound", 0.35, "USD/pound"),
        ("Adjusted earnings per share rose to $2.40 in the quarter.", "$2.40", 2.4, "USD/share"),
        ("Wheat sold for $310 a ton in the port.", "$310 a ton", 310, "USD/ton"),
        ("Imports outnumber exports roughly three-to-one.", "roughly three-to-one", 3, "ratio"),
        ("Rents have risen more than fivefold since the war.", "fivefold", 5, "times"),
    ],
)
def test_amounts_are_normalized(brief_of, sentence, text, value, unit):
    """Money, shares (word fractions too), unit prices, ratios and multiples."""
    figure = figures(brief_of(sentence))[text]
    assert figure.value == pytest.approx(value, abs=1e-3) and figure.unit == unit


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


@pytest.mark.parametrize(
    "sentence",
    [
        "The treaty was signed on 4 March 1998.",
        "Elections are due in 2027.",
        "She finished 2nd in the race.",
    ],
)
def test_dates_years_and_ordinals_are_not_figures(brief_of, sentence):
    assert brief_of(sentence).figures == []


def test_word_numbers_count_things(brief_of):
    figure = next(iter(brief_of("Seven Nordic nations joined the pact.").figures))
    assert (figure.value, figure.unit) == (7, "nations")


def test_speaker_states_figure(brief_of):
    brief = brief_of("Treasury chief Ida Moss said inflation would reach 4% next year.")
    figure = brief.figures[0]
    assert next(a.name for a in brief.actors if a.id == figure.stated_by) == "Ida Moss"


def test_a_percentage_to_an_amount_is_two_figures_not_a_range(brief_of):
    found = figures(brief_of("Sales climbed 6.1% to $12.4 billion in the quarter."))
    assert found["6.1%"].unit == "percent" and found["6.1%"].value_max is None
    assert found["$12.4 billion"].value == pytest.approx(12.4e9)


def test_two_amounts_joined_by_and_are_two_figures(brief_of):
    found = figures(brief_of("The two firms expect losses of $2.1 billion and $900 million, respectively."))
    assert {f.value for f in found.values() if f.unit == "USD"} == {2.1e9, 9e8}


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks ended on Oct. 6 without a deal.",
        "The fourth quarter of the year was weak for the firm.",
        "Shares of the company tracked the S&P 500 index lower.",
        "The company filed its 10-K report with the regulator.",
        "The fifth-largest port handled the cargo.",
        "Prices were last this high in the 2007-2009 recession.",
    ],
    ids=["abbreviated month", "quarter as a period", "index name", "form code", "ordinal compound", "span of years"],
)
def test_dates_codes_and_names_are_not_figures(brief_of, sentence):
    assert brief_of(sentence).figures == []


@pytest.mark.parametrize(
    "sentence, per",
    [
        ("The plant ships 4,000 cars a month.", "month"),
        ("Output rose 14% from a year earlier.", None),
        ("Daily losses of about 900 soldiers were reported.", "day"),
        ("Insurers added $3 billion of annual premiums in the state.", "year"),
    ],
)
def test_a_rate_is_written_next_to_its_figure(brief_of, sentence, per):
    assert brief_of(sentence).figures[0].per == per


# --- what a figure measures: in the article's words, never a fragment ---------------------

MEASURES = [
    ("Ferry ticket sales have dropped 12% since January.", "12%", "drop in Ferry ticket sales since January"),
    ("Regional wheat output was 410,000 tonnes last season.", "410,000 tonnes", "Regional wheat output last season"),
    (
        "The city will spend $40 million on new tram lines over two years.",
        "$40 million",
        "city spend on new tram lines",
    ),
    ("Inflation rose to 3.1% in May, the agency said.", "3.1%", "Inflation rose in May"),
    ("The charity received €2 million in ‘donations’ from 40 companies.", "40 companies", "companies"),
    ("About 250 nurses will lose overtime every month.", "About 250 nurses", "nurses lose overtime every month"),
    (
        "The cost associated with moving the harbour office came to about €61,000.",
        "about €61,000",
        "cost associated with moving the harbour office",
    ),
    (
        "The new law requires ferry operators to keep passenger lists for two years.",
        "two years",
        "keep passenger lists",
    ),
]


@pytest.mark.parametrize("sentence, text, measures", MEASURES)
def test_a_figure_says_what_it_measures(brief_of, sentence, text, measures):
    figure = next(f for f in brief_of(sentence).figures if f.text == text)
    assert figure.measures is not None and figure.measures.startswith(measures)


def test_measures_leave_out_quotes_speakers_and_dates_that_are_not_counted(brief_of):
    brief = brief_of(
        "The ministry said rents should be capped at 30% of income (critics suggested 25%), "
        "while the Daily Courier reported 20% last week."
    )
    by_text = {f.text: f.measures for f in brief.figures}
    assert by_text["30%"] == by_text["25%"]  # a figure beside one of the same unit measures the same thing
    assert "income" in by_text["30%"] and "ministry" not in by_text["30%"]
    assert "Courier" not in (by_text["20%"] or "") and "suggest" not in by_text["25%"]
    assert not any("‘" in (m or "") or " ’" in (m or "") for m in by_text.values())


def _figures(brief_of, text):
    return [(f.text, f.value, f.unit) for f in brief_of(text).figures]


def test_basis_points_stay_basis_points(brief_of):
    found = _figures(brief_of, "The central bank may cut by another 50bps, after a cut of 25 basis points in May.")
    assert ("50bps", 50, "basis points") in found and any(v == 25 and u == "basis points" for _, v, u in found), found


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said the crews would start work at five o'clock on Monday.",
        "Voting closes at 9 p.m. in every district.",
        "The harvest was weak: 1) the rain came late, and 2) fuel cost more.",
        "The next cut is likely in April'25 or at the June meeting.",
        "The agency moved its staff to 300 Keller on the west side.",
    ],
)
def test_numbers_that_count_nothing_are_not_figures(brief_of, text):
    assert _figures(brief_of, text) == []


def test_a_bare_dollar_sign_is_the_currency_of_the_country_the_article_is_about(brief_of):
    text = (
        "Canada will spend $2 billion on new ferries, Canada's transport minister said in Ottawa. "
        "The Canadian plan follows a $1 billion program in Canada last year."
    )
    assert {u for _, _, u in _figures(brief_of, text)} == {"CAD"}
    assert {u for _, _, u in _figures(brief_of, "The United States will spend $2 billion on ferries.")} == {"USD"}


def test_a_figure_of_change_says_what_changed(brief_of):
    figures = brief_of("Shares of Harbour Foods have fallen 15% since Friday, traders said.").figures
    assert [f.measures for f in figures] == ["fall in Shares of Harbour Foods since Friday"]


def test_counts_of_abstractions_are_kept_unsure(brief_of):
    """ "Two reasons" counts points of an argument: kept for editors, never sure, so never a
    key point or a headline figure, and marked unsure where it is listed."""
    figures = brief_of("The minister listed two reasons for the delay at the port.").figures
    assert [(f.value, f.unit, f.confidence) for f in figures] == [(2, "reasons", "low")]


def test_a_street_number_before_a_name_is_an_address_not_a_count(nlp):
    from generator.extract.figures import find_figures

    doc = nlp(
        "A spokesperson said 240 Dunmore is assigned to the transport agency while 310 Harrow is assigned "
        "to the defence department, which returned 12 floors."
    )
    assert [(f.value, f.unit) for f in find_figures(doc)] == [(12.0, "floors")]


def test_the_part_of_a_whole_is_the_figure(brief_of):
    brief = brief_of("Four of the five ferry crews voted for the strike, and two of its 12 berths stayed shut.")
    found = {f.text: (f.value, f.unit) for f in brief.figures}
    assert found == {"Four of the five ferry crews": (4, "crews"), "two of its 12 berths": (2, "berths")}, found


@pytest.mark.parametrize(
    "sentence",
    [
        "Norway and Sweden, the three biggest ferry nations in the north, signed the pact.",
        "The harbour chiefs will hold one-to-one meetings every month.",
    ],
)
def test_a_selection_and_a_way_of_pairing_are_not_figures(brief_of, sentence):
    assert brief_of(sentence).figures == [], [f.text for f in brief_of(sentence).figures]


def test_a_bare_dollar_after_a_qualifier_is_the_local_dollar(brief_of):
    brief = brief_of(
        "Canada's ferry agency said moving the harbour office cost about $47,000. "
        "The agency, which serves Canada's Atlantic coast, paid $12,000 more than planned. "
        "Canada will review the bill."
    )
    assert {f.text: f.unit for f in brief.figures} == {"about $47,000": "CAD", "$12,000": "CAD"}


@pytest.mark.parametrize(
    "sentence, text, value, unit",
    [
        ("The storm displaced about 3,400 Norwegians last year.", "about 3,400 Norwegians", 3400, "people"),
        ("Three of the 12 busiest ports are in Asia.", "Three of the 12 busiest ports", 3, "ports"),
        (
            "It ran four of the largest container ships in the fleet.",
            "four of the largest container ships",
            4,
            "ships",
        ),
    ],
)
def test_people_of_a_nation_and_the_part_of_a_selection(brief_of, sentence, text, value, unit):
    found = {f.text: (f.value, f.unit) for f in brief_of(sentence).figures}
    assert found.get(text) == (value, unit), found


def test_the_same_string_with_the_same_meaning_is_one_figure(brief_of):
    brief = brief_of(
        "Ferry operators will pay a $40 million harbour levy next year. "
        "The $40 million harbour levy is the largest in a decade. "
        "Ticket sales fell 5% in May, and fuel costs rose 5% over the same month."
    )
    texts = [f.text for f in brief.figures]
    assert texts.count("$40 million") == 1 and texts.count("5%") == 2, [(f.text, f.measures) for f in brief.figures]


def test_a_string_said_again_with_no_measure_is_the_same_figure(brief_of):
    """A measure that says nothing gives the same string no other meaning: it is listed once."""
    brief = brief_of(
        "The harbour office delayed its four-day return to the office because it had too few desks. "
        "A few weeks later, the board announced a four-day return for every department of the port. "
        "Clerks at the harbour office said the four-day plan left them with nowhere to sit."
    )
    assert [f.text for f in brief.figures] == ["four"], [(f.text, f.measures) for f in brief.figures]


@pytest.mark.parametrize(
    "text, measures",
    [
        # where or in what it happened, told after the figure's verb
        ("About 350 people were killed in the riots that followed the arrest.", "people killed in the riots"),
        # never ending on a word that needs another after it
        ("The insurer expects losses in a range of $1 billion to $2 billion from the storm.", "range"),
    ],
)
def test_a_measure_reads_as_a_phrase(brief_of, text, measures):
    assert brief_of(text).figures[0].measures == measures


@pytest.mark.parametrize(
    "sentence, text, unit",
    [
        ("Copper for delivery in March rose to $8,400 a ton from $8,150 on Friday.", "$8,150", "USD/ton"),
        ("Adjusted earnings per share rose to $2.40 and beat the analysts' forecast of $2.31.", "$2.31", "USD/share"),
        ("The shares traded at $14 a share, valuing the company at $3 billion.", "$3 billion", "USD"),
    ],
)
def test_an_amount_compared_with_a_unit_price_is_a_price_of_that_unit(brief_of, sentence, text, unit):
    """One denominator in the sentence and amounts of one magnitude; a total beside a unit
    price takes none."""
    assert figures(brief_of(sentence))[text].unit == unit


@pytest.mark.parametrize(
    "sentence, per",
    [
        ("Every year the Okafor clinic treats 2,000 patients from the valley.", "year"),
        ("The clinic treated 2,000 patients last year, and it reopens every year in May.", None),
    ],
)
def test_a_frequency_of_the_figures_own_clause_is_its_period(brief_of, sentence, per):
    assert figures(brief_of(sentence))["2,000 patients"].per == per
