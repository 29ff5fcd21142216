"""Actor rules, on sentences written for the tests (never the seeds)."""


def names(brief):
    return {a.name: a for a in brief.actors}


def test_surname_mention_joins_the_full_name(brief_of):
    brief = brief_of("Finance Minister Maria Jensen presented the budget on Monday. "
                     "Jensen said the deficit would shrink.")
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
    brief = brief_of("The West has promised more aid. Western nations met in June. "
                     "Western experts said that the aid would arrive late.")
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
