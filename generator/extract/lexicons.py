"""Word lists the extraction rules read. General English, not tied to any article:
reporting verbs, modal and future language, number words, currencies, rates,
titles that make a role, judgments passed on options."""

from __future__ import annotations

from generator.core.stances import STANCE_POLARITY

REPORTING_VERBS = frozenset(
    """
say tell state emphasize emphasise stress urge warn reveal note add argue suggest insist believe
claim announce declare explain signal indicate report write assert acknowledge admit confirm deny
maintain contend predict estimate accuse propose recommend think consider view hope point
underline underscore highlight mention remark observe comment describe tweet post agree vow pledge
promise threaten demand conclude reiterate assure caution recall complain allege lament advocate
outline stipulate announce testify disclose concede stress forecast reckon fear doubt question
criticize criticise praise welcome reject dismiss call voice express
expect project anticipate calculate figure remind reassure blame label
speculate respond reply counter retort boast tout attribute
""".split()
)

# Verbs that report what data, not a person, says: a speaker only through the body the data
# belongs to ("Eurostat figures showed", "the ministry's survey found").
DATA_VERBS = frozenset("show find indicate suggest reveal".split())
DATA_NOUNS = frozenset(
    """data figures statistics numbers survey surveys poll polls study studies estimates
estimate projections forecast forecasts records filings filing census report reports analysis""".split()
)

# A person who speaks for a body: the body is the speaker ("a spokesperson for the ministry").
SPOKESPERSON_WORDS = frozenset("spokesperson spokesman spokeswoman spokespeople representative".split())

# Verbs whose clause complement is a claim only when a speaker says it.
REPORTING_NOUNS = frozenset(
    """statement remark comment announcement call claim warning acknowledgment acknowledgement
assertion insistence demand pledge promise proposal suggestion admission assessment forecast prediction
argument belief view""".split()
)
MEDIA_NOUNS = frozenset("report article newspaper paper outlet publication broadcaster agency magazine".split())
# The last word of a newspaper's name ("the Harbour Gazette", "the Leeds Citizen"): what
# mastheads have been called for two centuries, so a paper no list holds is still a paper.
MASTHEAD_WORDS = frozenset(
    """times post herald gazette courier tribune journal chronicle citizen star sun mail express
telegraph guardian observer examiner inquirer globe mirror dispatch bulletin sentinel advertiser
gleaner clarion argus recorder""".split()
)

ACCORDING_TO = ("according to",)

COLLECTIVE_SPEAKERS = frozenset(
    """
analysts experts officials sources researchers observers diplomats critics lawmakers legislators
allies partners leaders ministers commentators economists scientists investigators authorities
insiders aides advisers advisors residents witnesses activists protesters negotiators consultants
economists forecasters pollsters academics scholars campaigners unions employers
generals commanders spokespeople representatives members governments nations countries
friends relatives colleagues neighbours neighbors
""".split()
)

PRONOUNS_PERSON = frozenset("he she him her".split())
PRONOUN_GENDER = {"he": "male", "him": "male", "she": "female", "her": "female"}
# Words of a role or an alias that say a person's gender, for pronoun agreement.
GENDERED_WORDS = {
    "female": frozenset(
        "ms mrs miss madam dame lady queen princess duchess countess chairwoman spokeswoman "
        "congresswoman businesswoman sister mother wife daughter widow".split()
    ),
    "male": frozenset(
        "mr sir lord king prince duke count chairman spokesman congressman businessman brother "
        "father husband son widower".split()
    ),
}
# Forms of address and ranks of nobility written before a name ("madam Orsolan", "the
# Duchess"): they make the name a person's, and alone they name no one in particular.
HONORIFICS = frozenset(
    "mr mrs ms miss madam madame dame sir lord lady king queen prince princess duke duchess count countess".split()
)
PRONOUNS_PLURAL = frozenset("they them".split())
PRONOUNS_THING = frozenset("it".split())
PRONOUNS_FIRST = frozenset("i me my mine myself".split())
# Modals of obligation in the author's own voice: an editorial says what should be done.
DEONTIC_VOICE = frozenset("should must ought".split())

ROLE_WORDS = frozenset(
    """
president minister secretary general chairman chairwoman chair chief ambassador spokesman spokeswoman
spokesperson director head leader commander admiral senator governor mayor chancellor king queen prince
premier representative envoy adviser advisor official officer commissioner deputy vice prime foreign
defence defense interior finance economy affairs chief-of-staff staff lieutenant colonel major captain marshal
speaker judge prosecutor ceo founder editor correspondent analyst professor researcher expert
emir sultan pope patriarch bishop lawmaker congressman congresswoman mp member delegate negotiator
princess duke duchess earl countess baron baroness marquess viscount
""".split()
)
# Role words that are no title on their own ("Foreign" Relations Committee, "Official"
# Partner, Global "Affairs" Canada): a name after them is not a person's.
NOT_TITLES = frozenset(
    "foreign defence defense interior finance economy affairs official staff member prime vice deputy".split()
)
ROLE_MODIFIERS = frozenset("former acting deputy vice then outgoing incoming interim senior top".split())

NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "dozens": 24,
    "hundreds": 200,
    "thousands": 2000,
}
SCALE_WORDS = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "gbp": "GBP",
    "sterling": "GBP",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "rub": "RUB",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "uah": "UAH",
    "yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "rupee": "INR",
    "rupees": "INR",
    "franc": "CHF",
    "francs": "CHF",
    "chf": "CHF",
    "cny": "CNY",
    "jpy": "JPY",
}
CURRENCY_PREFIXES = {
    "us$": "USD",
    "u.s.$": "USD",
    "c$": "CAD",
    "a$": "AUD",
    "hk$": "HKD",
    "nz$": "NZD",
    "s$": "SGD",
    "rs": "INR",
    "rs.": "INR",
}
# Nouns of discourse and abstraction: "three goals", "two reasons", "four key factors" count
# points of an argument, not a quantity a reader compares: such a figure is kept for editors
# with confidence low, so it never heads a page and is marked unsure where it is listed.
ABSTRACT_COUNTS = frozenset(
    """reason reasons factor factors goal goals statement statements way ways
thing things issue issues question questions step steps option options aspect aspects area areas priority
priorities objective objectives principle principles pillar pillars element elements lesson lessons idea ideas
theme themes argument arguments scenario scenarios approach approaches challenge challenges concern concerns""".split()
)
# Countries whose currency is written with a bare "$": in an article about one of them
# (named more often than the United States), "$" is that country's dollar.
DOLLAR_COUNTRIES = {
    "Canada": "CAD",
    "Australia": "AUD",
    "New Zealand": "NZD",
    "Singapore": "SGD",
    "Hong Kong": "HKD",
    "Taiwan": "TWD",
    "Namibia": "NAD",
    "Jamaica": "JMD",
    "Fiji": "FJD",
    "Liberia": "LRD",
    "Guyana": "GYD",
    "Barbados": "BBD",
    "Trinidad and Tobago": "TTD",
    "Bahamas": "BSD",
    "Belize": "BZD",
    "Brunei": "BND",
}
PERCENT_WORDS = frozenset({"%", "percent", "per cent", "pct", "percentage points"})
APPROX_WORDS = (
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "nearly",
    "almost",
    "over",
    "more than",
    "less than",
    "fewer than",
    "up to",
    "at least",
    "at most",
    "well above",
    "well over",
    "well below",
    "above",
    "below",
    "under",
    "close to",
    "upwards of",
    "an estimated",
    "estimated",
    "just over",
    "just under",
    "as many as",
    "as much as",
    "in excess of",
)
RATE_WORDS = {
    "daily": "day",
    "a day": "day",
    "per day": "day",
    "every day": "day",
    "each day": "day",
    "a-day": "day",
    "weekly": "week",
    "a week": "week",
    "per week": "week",
    "every week": "week",
    "each week": "week",
    "monthly": "month",
    "a month": "month",
    "per month": "month",
    "every month": "month",
    "each month": "month",
    "annually": "year",
    "yearly": "year",
    "a year": "year",
    "per year": "year",
    "every year": "year",
    "each year": "year",
    "per annum": "year",
    "annual": "year",
}
# Denominators of a unit price: "$725 a ton", "35 cents per pound", "$1.30 a share".
PRICE_DENOMINATORS = frozenset(
    """share ton tonne pound ounce barrel gallon litre liter kilogram kilo bushel
unit head person kilowatt-hour megawatt-hour hour""".split()
)
# Measures that are per unit by definition: an amount after them is a unit price.
PER_UNIT_MEASURES = {"eps": "share", "per-share": "share"}
# Subunits of a currency, named after the number: "35 cents" is 0.35 USD.
CURRENCY_SUBUNITS = {"cent": ("USD", 100), "cents": ("USD", 100), "pence": ("GBP", 100), "penny": ("GBP", 100)}
# Words after a period phrase that make it a comparison, not a rate ("from a year earlier").
NOT_RATE_AFTER = frozenset("earlier ago before later prior previously".split())
FRACTION_WORDS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
# Units a quantity is measured in: part of the figure ("670,000 metric tons"), not of what it measures.
MEASUREMENT_UNITS = frozenset(
    """ton tons tonne tonnes metric kilogram kilograms kg kilometre kilometres kilometer kilometers
km mile miles metre metres meter meters hectare hectares acre acres litre litres liter liters barrel barrels
gallon gallons ounce ounces bushel bushels megawatt megawatts gigawatt gigawatts""".split()
)
DURATION_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years decade decades".split()
)

SCENARIO_NOUNS = frozenset(
    """
option options scenario scenarios alternative alternatives plan plans proposal proposals possibility
possibilities prospect prospects roadmap idea ideas initiative framework solution settlement deal
""".split()
)
MODAL_FUTURE = frozenset("could would might may".split())
# The plain future: "will", "won't", "'ll", "shall" state what is to come, negated or not
# ("the bill won't stop the boats" is a prediction too).
PLAIN_FUTURE = frozenset("will wo 'll shall".split())
# Words that open an embedded question: "how this will be achieved" asks, it does not predict.
QUESTION_WORDS = frozenset("whether how why what which who".split())
# Verbs whose "if" clause is a question, not a condition ("wondered if they could opt out").
ASKING_VERBS = frozenset("ask wonder question doubt check know see".split())
FUTURE_PHRASES = (
    "will likely",
    "is likely to",
    "are likely to",
    "is expected to",
    "are expected to",
    "is set to",
    "are set to",
    "is poised to",
    "are poised to",
    "plans to",
    "plan to",
    "planning to",
    "aims to",
    "aim to",
    "intends to",
    "intend to",
    "is preparing to",
    "are preparing to",
    "preparing to",
    "in the event of",
    "if ",
    "unless ",
    "is considering",
    "are considering",
    "are examining",
    "is examining",
    "will ",
    "going to",
    "would ",
    "could ",
    "might ",
    "proposed",
    "propose",
    "suggested",
    "suggesting",
)
PROPOSING_VERBS = frozenset(
    "propose suggest present offer put advocate urge call plan consider examine outline float table".split()
)
STANCE_WORDS = frozenset(STANCE_POLARITY)  # judgments passed on an option; their polarity is in stances.py

LOADED_WORDS = frozenset(
    """
regime puppet fascist fascist-leaning nazi neo-nazi imperialist junta terrorist bankrupt zealots
propaganda lackeys warmongers criminal illegitimate aggressor vassal clique thugs corrupt mediocrity
incompetence hysteria russophobic
""".split()
)
ANALYSIS_MARKERS = (
    "we examine",
    "this suggests",
    "in other words",
    "on the one hand",
    "on the other hand",
    "it remains to be seen",
    "the question is",
)

GROUP_HEADS = frozenset(
    """
allies members nations countries states community leaders officials experts analysts sources partners
governments ministers capitals diplomats lawmakers investors companies forces
""".split()
)
GROUP_MODIFIERS = frozenset(
    "anonymous international business senior western european global member third allied".split()
)
ORG_WORDS = frozenset(
    """
committee council ministry department agency office commission force forces army navy union party bank
fund court parliament assembly institute university company corporation group association organization
organisation alliance federation coalition front movement service services news times post journal
conference summit treaty agreement architecture vehicle vehicles aerial system systems programme program
""".split()
)

# Reporting verbs that take a plain object without reporting anything ("considered options").
NON_CLAIM_OBJECT_VERBS = frozenset(
    "consider view think hope call question welcome believe doubt fear post write".split()
)

# Modals that put a future or an obligation on the table, negated or not ("will never permit").
DEONTIC = frozenset("must should shall".split())

# Singular nouns that name an institution when they speak ("the port authority said").
INSTITUTION_NOUNS = frozenset(
    """authority ministry union council government commission committee agency office
court parliament bank company firm regulator association board police army military administration
department embassy prosecutor campaign""".split()
)

# Collectives that together are a bloc of states ("Western nations" is the West).
POLITY_HEADS = frozenset("nations countries states leaders allies governments capitals powers partners".split())

# Heads of names that are things, not actors: bills, programmes, plans, markets
# ("the Border Security Bill", "Medicare Advantage plans", "the London Metal Exchange").
NON_ACTOR_HEADS = frozenset(
    """bill act plan plans program programme programs programmes scheme law treaty
accord policy initiative exchange index league advantage expansion award awards prize honors honours medal
trophy festival summit conference expo championship championships platform app""".split()
)
CONDITION_HEADS = frozenset("disease diseases syndrome sclerosis disorder virus fever flu influenza cancer".split())
"""Illnesses, whose names are capitalised like bodies ("Lateral Sclerosis"): never actors."""
ARTIFACT_HEADS = frozenset(
    """app apps application feature features tool tools toolkit mode browser chatbot assistant software device
devices phone phones handset tablet laptop console headset drone drones missile missiles rocket rockets
vaccine vaccines""".split()
)
"""Artifacts: what is made, sold or fired, never who acts. A name headed by one ("Harbour
Mode") is a thing; a name written before one ("the Tidewatch app", "Halberd missiles")
and never as a speaker is the thing's name."""
PRODUCT_VERBS = frozenset("launch unveil release introduce debut".split())
"""Verbs a product is written after ("the newly launched Harbour Shield", "unveiled
Tidewatch"): what is launched is a product, not an actor."""
TRADEMARKS = frozenset("™ ®".split())
PROGRAMME_WORDS = frozenset(
    """benefits beneficiaries recipients enrollees enrolment enrollment expansion repeal coverage program programs
programme programmes""".split()
)
"""Nouns a programme's name modifies ("Harbourcare benefits", "the Harbourcare expansion",
"the Coastwise retirement program"): a name written so is a programme, not an actor."""
# Heads of names of places: streets, regions and buildings are where things happen, not who acts.
PLACE_HEADS = frozenset(
    """street st road avenue boulevard lane square bridge river lake valley region county
district island islands coast bay airport station stadium arena cottage palace castle manor""".split()
)

# Heads of descriptions that stand for unnamed sources ("officials", "people familiar with
# the talks", "analysts"): listed so a claim can name them, marked anonymous, no actor page.
ANONYMOUS_HEADS = frozenset(
    """official officials source sources analyst analysts expert experts critic critics
observer observers person people insider insiders aide aides diplomat diplomats economist economists
strategist strategists spokesperson spokespeople friend friends relative relatives colleague colleagues
neighbour neighbours neighbor neighbors""".split()
)

# Collectives that act in economic and political news when they are the subject of a
# verb ("traders marked up prices", "investors fled"): group actors.
AGENT_COLLECTIVES = frozenset(
    """trader investor buyer seller producer manufacturer maker drugmaker automaker
carmaker chipmaker insurer lender bank union worker farmer employer employee mediator negotiator
conservative liberal progressive moderate hardliner lawmaker legislator senator voter consumer shopper retailer
exporter importer shipper supplier miner smelter refiner regulator prosecutor protester activist rebel militant
doctor nurse teacher student landlord tenant developer airline carrier agency""".split()
)

# Capitalised abbreviations of roles and measures the model takes for organizations.
NON_ACTOR_ACRONYMS = frozenset("ceo cfo cio coo cto cmo eps gdp gnp cpi ppi pmi ipo etf esg spx ndx vix ai icu".split())

# Definite descriptions that refer back to an actor already named: "the government" is the
# state, "the company" the firm named before ("the Halvorsen administration" too).
STATE_NOUNS = frozenset("government administration cabinet".split())
COMPANY_NOUNS = frozenset("company firm group insurer lender bank carrier retailer".split())
# Abbreviated titles before a name, as the words a later description uses ("Sen." → "the senator").
TITLE_ABBREVIATIONS = {
    "sen.": "senator",
    "gov.": "governor",
    "rep.": "representative",
    "gen.": "general",
    "pres.": "president",
    "sec.": "secretary",
    "adm.": "admiral",
    "lt.": "lieutenant",
    "col.": "colonel",
    "sgt.": "sergeant",
    "amb.": "ambassador",
    "dr.": "doctor",
}

# Words of expectation whose verb complement is an outcome ("is expected to fall").
# Nouns of a hope held at a moment of a story ("had every hope that the boat would return"): a
# "would" under one, in a past clause, is the future as it looked then, already past.
# News raises or fuels hopes that are still open ("raised hopes that the Fed would cut").
HOPE_NOUNS = frozenset("hope hopes confidence faith".split())
LIVE_HOPE_VERBS = frozenset("raise fuel spark stoke boost revive lift".split())
HOLDING_ADJECTIVES = frozenset("concerned worried adamant confident convinced sure certain hopeful fearful".split())
"""Stances stated as speech, with what is held after them ("the guild is confident that…",
"the guild is worried the tolls would…"): a claim, and a future's holder."""
GENERIC_MODIFIERS = frozenset(
    "federal national state provincial regional local municipal city central top highest main new".split()
)
"""Words of rank and reach in a description of a body ("the federal immigration
department"): they say nothing of which body it is."""
BELIEF_VERBS = frozenset("think believe reason suppose assume imagine figure reckon feel guess".split())
"""Verbs of holding a belief: in the past tense they tell what someone thought then ("in
2015 he believed the coast might suit him"), not a forecast they stand by."""
EXPECTATION_WORDS = frozenset("expected projected scheduled due set poised likely slated bound".split())
# Words a heading never ends on ("… the ferry will resume with").
DANGLING_WORDS = frozenset(
    "to of the a an and or but that which who for in on at with by as from than its their his her".split()
)
# Words an acronym leaves out ("Agency for International Development" → AID).
ACRONYM_SKIP = frozenset("of for the and on in to de".split())
