"""Scenario, kind and summary rules, on text written for the tests."""


def test_option_nouns_and_modal_futures_are_scenarios(brief_of):
    brief = brief_of(
        "The council is weighing three options for the old station. "
        "One plan would turn it into a museum. The station closed in May."
    )
    evidence = [s.evidence for s in brief.scenarios]
    assert "The station closed in May." not in evidence
    assert any("turn it into a museum" in e for e in evidence)


def test_prediction_and_stance(brief_of):
    brief = brief_of(
        "Critics called the proposal to sell the port untenable. Prices are expected to fall by the end of March."
    )
    assert len(brief.scenarios) == 2
    assert brief.scenarios[0].stance == "untenable"


def test_proposer_from_proposing_verb(brief_of):
    brief = brief_of("Governor Ruth Adler proposed a plan to merge the two hospitals.")
    scenario = brief.scenarios[0]
    assert next(a.name for a in brief.actors if a.id == scenario.proposed_by) == "Ruth Adler"


def test_kind_opinion_vs_report(brief_of):
    opinion = brief_of(
        "I have long argued that this regime is corrupt. In my view the junta must go. "
        "I wrote last year that it would fall."
    )
    report = brief_of("The ministry said on Tuesday that exports rose. Officials expect growth to continue.")
    assert opinion.kind == "opinion" and report.kind == "report"


def test_summary_takes_lead_prose_not_headlines(brief_of):
    text = (
        "Harbour Reopens After Storm\n"
        "The city harbour reopened on Tuesday after a week of storms closed it to shipping. "
        "Port officials said all berths were working again. Fishing boats returned in the afternoon."
    )
    brief = brief_of(text, title="Harbour Reopens After Storm")
    assert brief.summary.startswith("The city harbour reopened")
    assert "Harbour Reopens After Storm" not in brief.summary


def test_enumerated_options_take_later_judgments(brief_of):
    text = (
        "The city has three options for the depot. 1) Sell the site to a developer. "
        "2) The second option is to lease it to the tram company for ten years. "
        "The first option is unrealistic because no buyer has come forward."
    )
    brief = brief_of(text)
    first = next(s for s in brief.scenarios if s.evidence.startswith("1) Sell"))
    assert first.stance == "unrealistic"
    assert not any(s.evidence.startswith("The first option") for s in brief.scenarios)


def test_negated_plan_is_not_a_scenario(brief_of):
    assert brief_of("This is not a new plan for the harbour district.").scenarios == []


def test_quotation_over_several_sentences_is_one_scenario(brief_of):
    text = 'The mayor said: "We could rebuild the bridge. It will take two years. Nobody will be left behind."'
    brief = brief_of(text)
    assert len(brief.scenarios) == 1
    assert brief.scenarios[0].evidence == text


import pytest  # noqa: E402


@pytest.mark.parametrize(
    "sentence",
    [
        "The transport committee will publish its rail plan on Thursday.",
        "Critics say the new levy won't stop the smuggling gangs.",
        "The mayor vowed to rebuild the harbour wall before winter.",
        "The two parties are trying to form a coalition government.",
        "Ministers are expected to approve the budget next week.",
    ],
    ids=["plain will", "negated will", "vowed to", "trying to", "expected to"],
)
def test_futures_plans_and_pledges_are_scenarios(brief_of, sentence):
    assert len(brief_of(sentence).scenarios) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "The new bridge will be crucial for the region's farmers.",
        "The question is how the council will pay for the new school.",
        "If the town survived the flood, it is thanks to its volunteers.",
        "The storm gave new momentum to talks on a trade deal last year.",
    ],
    ids=["evaluation", "embedded question", "factual if", "past event"],
)
def test_states_questions_and_facts_are_not_scenarios(brief_of, sentence):
    assert brief_of(sentence).scenarios == []


def test_coordinated_plans_are_separate_scenarios(brief_of):
    brief = brief_of("The government plans to close the old mine and to retrain its workers as engineers.")
    assert len(brief.scenarios) == 2
    assert len({s.id for s in brief.scenarios}) == 2
    assert brief.scenarios[1].title.lower().startswith("to retrain its workers")


def test_a_title_is_the_outcome_not_a_cut_sentence(brief_of):
    brief = brief_of(
        "After a long debate on Tuesday evening, the regional council said the ferry service "
        "would resume in early May with two new boats and a cheaper fare for islanders."
    )
    title = brief.scenarios[0].title
    assert "…" not in title and title.startswith("The ferry service would resume")
    assert title.split()[-1].lower() not in ("to", "the", "and", "with", "a")


@pytest.mark.parametrize(
    "text, title",
    [
        # a heading never opens on a word that ties it to the sentence before
        ("Rather, it should be managed well.", "It should be managed well"),
        # "on pace to": the outcome and its subject, not the finding that frames them
        (
            "A year later, an audit found that the port was only on pace to cut its debt by about a third.",
            "The port was only on pace to cut its debt",
        ),
        # "it" in what a body announced is that body: the heading names it, not "it"
        (
            "The Velmar Port Authority announced over the weekend that it would cap harbour fees at 15% of cargo value.",
            "The Velmar Port Authority would cap harbour fees at 15%",
        ),
        (
            "The dockers' union assured on Thursday that it will end the strike on Saturday.",
            "The dockers' union will end",
        ),
    ],
)
def test_a_title_states_the_outcome_on_its_own(brief_of, text, title):
    assert brief_of(text).scenarios[0].title.startswith(title)


@pytest.mark.parametrize(
    "text",
    [
        "The mayor may have realised much earlier that the bridge was failing.",
        "Could the new tax on sugar be tied to the fall in sales last spring?",
        "Critics asked why the council should be the one to pay for the repairs.",
        "I may be wrong about the numbers in the report, she told the committee.",
        "It would be a mistake to read too much into a single quarter of data.",
    ],
)
def test_guesses_about_the_past_questions_and_judgments_are_not_scenarios(brief_of, text):
    assert brief_of(text).scenarios == [], [s.title for s in brief_of(text).scenarios]


@pytest.mark.parametrize(
    "text",
    [
        "The larger impact could be a sharp fall in exports from the region next year.",
        "Prices could be 20% higher by the end of the summer, the union warned.",
        "The council will sell the harbour to a private operator in the spring.",
    ],
)
def test_forecasts_stay_scenarios(brief_of, text):
    assert len(brief_of(text).scenarios) == 1


def test_a_headline_is_not_a_scenario(brief_of):
    text = "Port Sale Could Reshape Harbour Economy\n\nThe council met on Monday to discuss the budget for parks."
    assert brief_of(text, title="Port Sale Could Reshape Harbour Economy").scenarios == []


EDITORIAL = (
    "The council should stop treating the harbour as a cost. It must open the port to smaller boats, "
    "and it should publish the lease terms. The mayor needs to explain the delay. "
    "Residents should not have to wait another year. The plan must be judged on results. " * 2
)
REPORT_OF_A_SHOULD = (
    "The council met on Monday. The mayor said the port should reopen in May. "
    "Officials counted 300 boats in the harbour last week, up from 250 a year earlier. " * 3
)
COLUMN = (
    "Velmar's new toll plan was sold to us as a small fix. I sat through three council briefings on it. "
    "The tolls would fall hardest on the smallest boats, and that should trouble anyone who fishes here. "
    + "The council met on Friday and heard from ferry operators, dock workers and the port authority. " * 30
    + "The ministry should drop the clause before the law reaches the senate next month."
)
ANALYSIS_NAMED = (
    "An internal analysis found the office was half empty. The department released four floors in "
    "January, according to the analysis, and staff will share desks from March."
)


@pytest.mark.parametrize(
    "text, kind",
    [(EDITORIAL, "opinion"), (COLUMN, "opinion"), (REPORT_OF_A_SHOULD, "report"), (ANALYSIS_NAMED, "report")],
    ids=[
        "an unsigned editorial that argues",
        "a column: the author's I and own should",
        "a report of someone's should",
        "the word analysis alone",
    ],
)
def test_kind_from_the_authors_own_voice(brief_of, text, kind):
    assert brief_of(text).kind == kind


def test_the_actor_a_future_is_about_proposes_it(brief_of):
    brief = brief_of(
        "Budget talks resumed in Brussels on Monday. The European Commission will unveil its budget plan on Friday."
    )
    names = {a.id: a.name for a in brief.actors}
    assert [names.get(s.proposed_by) for s in brief.scenarios] == ["European Commission"]


def test_a_future_inside_a_quotation_is_proposed_by_its_speaker(brief_of):
    brief = brief_of(
        "The harbour market reopened on Monday after a long winter.\n\n"
        "“Prices will fall by the end of the summer. Buyers will return,” Mayor Ines Dahl said."
    )
    assert {s.proposed_by for s in brief.scenarios} == {"ines-dahl"}, [
        (s.title, s.proposed_by) for s in brief.scenarios
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Few would argue against the use of such records to catch fraudsters in the port.",
        "The dots drifted across the screen, as grains of sand would in a strong wind.",
        "I wondered whether they could opt out of the new search box entirely.",
        "Reporters asked if the ferry could sail without a licence, and the council did not reply.",
    ],
)
def test_generic_statements_comparisons_and_indirect_questions_are_not_scenarios(brief_of, text):
    assert brief_of(text).scenarios == [], [s.title for s in brief_of(text).scenarios]


def test_a_condition_with_if_still_opens_a_future(brief_of):
    brief = brief_of("If the council finds a buyer, the pool could reopen in May, the mayor said.")
    assert brief.scenarios, "a conditional is a scenario"


def test_a_hope_held_at_a_past_moment_of_a_story_is_no_scenario(nlp):
    from generator.extract.scenarios import scenario_rule

    def rule(text):
        return scenario_rule(next(iter(nlp(text).sents)))

    assert rule("When the ferry left port on 4 March, the captain had every hope that the weather would hold.") is None
    assert rule("The update from the doctors gave her hope that the patient would recover after the surgery.") is None
    # news that raises hopes, and what someone said would happen, still put a future on the table
    assert rule("The jobs report raised hopes that the central bank would cut rates in June.") is not None
    assert rule("The minister said the bridge would reopen before the summer holidays next year.") is not None


@pytest.mark.parametrize(
    "text, found",
    [
        # a deadline on a verb in the past tells when something was done
        ("The port confirmed it repaid the whole loan by the end of March.", None),
        ("The port will repay the whole loan by the end of March.", "prediction"),
        ("The whole loan was repaid by the end of March, the port said.", None),
        # a word of intention as a noun that carries no wish, or with an object that only looks like a gerund
        ("The harbour master got a call that a barge had run aground near the pier.", None),
        ("Most dockers want nothing to do with the new toll scheme at the harbour.", None),
        ("The fee is fair, considering that freight prices have risen all year long.", None),
        # the same words as a verb, or a noun that carries what is wanted, do put a future on the table
        ("The mayor plans to sell the old ferry terminal to a private operator next spring.", "intention"),
        ("Unions renewed their calls for a higher minimum wage in the harbour district.", "intention"),
        ("The report stressed the need to rebuild the sea wall before the winter storms.", "intention"),
        # a belief held in the past is what someone thought then
        ("Back in 2015 he believed that the coast might suit his business better.", None),
        ("The engineers reckoned that the sea wall might hold for another decade.", None),
        ("She thinks that the coast might suit the new harbour office very well.", "possibility"),
        # questions, comparisons, readings and hedges put nothing ahead
        (
            'The mayor asked the council: "So the new ferry could really be the reason the harbour shops are empty?"',
            None,
        ),
        ("The boats drifted apart in the bay, as corks would when pushed by the tide.", None),
        ("Critics say the new toll could be seen as a tax on the fishermen of the bay.", None),
        ("It would be fair to say the harbour has never been this quiet in the spring.", None),
        ("The old ferry could no longer carry cars after the refit, the operator said.", None),
        # a schedule, a projection and what is yet to come are predictions
        ("The dredging of the harbour is scheduled to take nine months.", "prediction"),
        ("Port fees are projected to reach a tenth of the city's income.", "prediction"),
        ("The price of the land is yet to be settled by the two councils.", "prediction"),
        # a forecast taken as an object, a pace, an ability ahead
        ("The ferry company expects 2027 revenue of $40 million to $45 million.", "prediction"),
        ("The port is on track to double its cargo by the end of the decade.", "prediction"),
        ("The ferry firm said it won't be able to meet the new safety rule.", "future"),
        # a wish seen voiced, the purpose of an act done, a duty with no content: told, not ahead
        ("The porter said he saw the guest slam the door and demand to speak to the manager.", None),
        ("A team of ministers toured the northern towns last week in an attempt to calm fears about the tax.", None),
        ("It needs to be done in a way that respects the fishermen.", None),
        ("There are several things that need to be done before the harbour reopens.", None),
        ("Ministers will tour the towns in an attempt to calm fears about the new port tax.", "intention"),
        ("Their attempt to cut the ferry subsidy failed, and the dispute cost them the election.", None),
        ("Their attempt to cut the ferry subsidy will be put to a vote in May.", "intention"),
        # a "would" timed by a moment of the story already past is that story's past
        ("The crew radioed that when they landed, they would go straight to the harbour hospital.", None),
        ("Officials said that when the storm passes, the ferries would run again on the old timetable.", "possibility"),
        ("That would yield little for the town, as the port spent its reserve last year.", "possibility"),
        ("The harbour board needs to be told about the storm damage before Friday.", "intention"),
        # futures that look like them stay
        ("The new ferry could be seen in the harbour by the end of the summer, the operator said.", "possibility"),
        ("The council said the harbour could be sold to a private operator as early as next year.", "possibility"),
        ("It would be wise to wait for the survey before the council sells the harbour, she said.", "possibility"),
    ],
)
def test_a_future_needs_a_wish_or_a_forecast_not_its_words(nlp, text, found):
    from generator.extract.scenarios import scenario_rule

    assert scenario_rule(next(iter(nlp(text).sents))) == found


def test_who_holds_a_future_proposes_it(brief_of):
    brief = brief_of(
        "The Press Council is concerned the new harbour laws would crush investigative journalism in the state."
    )
    assert [s.proposed_by for s in brief.scenarios] == ["press-council"], [
        (s.title, s.proposed_by) for s in brief.scenarios
    ]


def test_an_intended_outcome_with_no_subject_is_headed_by_its_proposer(brief_of):
    intended = brief_of(
        "The Velmar Harbour Union said on Monday that it plans to postpone the strike until the spring."
    )
    assert [s.title for s in intended.scenarios] == ["Velmar Harbour Union to postpone the strike until the spring"]
    expected = brief_of("The harbour lease, which is due to run out next spring, was signed by the Velmar council.")
    assert all(not s.title.startswith("Velmar") for s in expected.scenarios), [s.title for s in expected.scenarios]


def test_a_proposal_told_in_passing_does_not_propose_the_future_a_speaker_states(brief_of):
    brief = brief_of(
        'Asked about the sale, Mayor Ines Dahl replied: "The truth is that Governor Karl Holt put this to me '
        "in May. He suggested holding the sale back for a year. My reply was simple: the port is not finished, "
        'but you will finish it and open it."'
    )
    assert [(s.title, s.proposed_by) for s in brief.scenarios] == [("You will finish it", "ines-dahl")]


def test_a_pronoun_under_the_main_verb_is_its_subject_who_holds_the_future(brief_of):
    brief = brief_of("Harbour unions are debating how far they need to push the strike next month.")
    names = {a.id: a.name.lower() for a in brief.actors}
    assert [names.get(s.proposed_by) for s in brief.scenarios] == ["harbour unions"], names
    assert brief.scenarios[0].title.startswith("Harbour unions need to push the strike")  # not "They need to…"


@pytest.mark.parametrize(
    "text, found",
    [
        ("After the harbour court had ruled that Tomas Varga must go to jail, the dockers began a strike.", False),
        ("She had then written that the campaign for cheaper ferries must be intensified.", True),
        ("The board has decided that the port must close by the end of the year.", True),
    ],
)
def test_a_duty_decided_before_the_story_is_background_and_a_call_stays_a_call(brief_of, text, found):
    assert bool(brief_of(text).scenarios) is found
