"""Every word list of the extractor and of the relevance filter, defined once.

The rules (`mentions`, `titles`, `coreference`, `initiatives`, `rules/`, `arguments`,
`modality`) and `graphbuild.relevance` import these names directly: the filter must know
the words the extractor reacts to, and a list defined in two places drifts, while one
reached with `getattr(module, "_NAME", default)` silently empties when renamed.

Where two rooms need lists that look alike but differ, both stay here side by side, each
with the reason it differs: merging them would change what is extracted or selected.
All are frozensets (or small dicts where a word carries a value), looked up per token.
"""

from __future__ import annotations

from ..model import EntityType

# -- Mentions: catalog names, named initiatives, NER ---------------------------------------
INITIATIVE_HEADS = frozenset(
    {
        "initiative",
        "agreement",
        "accord",
        "accords",
        "corridor",
        "plan",
        "forum",
        "summit",
        "treaty",
        "pact",
        "partnership",
        "framework",
        "strategy",
        "dialogue",
        "conference",
        "protocol",
        "convention",
        "deal",
        "programme",
        "program",
        "scheme",
        "process",
        "gateway",
        "road",
        "route",
        "formula",
        "declaration",
        "charter",
        "exercise",
        "exercises",
    }
)
"""Head nouns of named initiatives, agreements, corridors, plans, forums and summits."""

LOWERCASE_HEADS = frozenset(
    {"summit", "forum", "initiative", "corridor", "plan", "scheme", "exercise", "exercises"}
)
"""Heads that make an initiative even in lower case after a proper name ("G7 summit")."""

CONNECTORS = frozenset({"and", "of", "on", "for", "in", "-", "&", "the"})
"""Lower-case words inside a named initiative ("Partnership for Peace", "Belt and Road");
the filter's `RUN_CONNECTORS` differ: they join runs of names, not initiatives."""

NAME_PARTICLES = frozenset(
    {"van", "von", "den", "der", "de", "da", "di", "del", "della", "la", "le"}
)
"""Lower-case words inside a person's name ("Hans van den Broek", "Ursula von der Leyen")."""

GOVERNMENT_WORDS = frozenset(
    {
        "government",
        "ministry",
        "foreign",
        "defence",
        "defense",
        "office",
        "embassy",
        "army",
        "navy",
        "military",
        "forces",
        "parliament",
        "congress",
        "senate",
        "administration",
        "cabinet",
        "officials",
        "authorities",
        "coast",
        "guard",
        "air",
        "force",
        "troops",
        "police",
        "intelligence",
        "agency",
        "department",
        "presidency",
        "state",
        "regime",
        "diplomats",
        "delegation",
        "legislature",
        "court",
        "council",
        "assembly",
        "leadership",
        "junta",
        "mission",
        "treasury",
        "commerce",
        "ministers",
        "prosecutors",
        "regulators",
    }
)
"""Words that make "the Russian foreign ministry" or "US Congress" stand for the country."""

NOT_ACTOR_ORG_WORDS = frozenset(
    {
        "journal",
        "times",
        "post",
        "news",
        "reuters",
        "press",
        "agency",
        "tv",
        "television",
        "radio",
        "university",
        "college",
        "inc",
        "ltd",
        "corp",
        "company",
        "group",
        "bank",
        "exchange",
        "index",
        "airlines",
        "airways",
        "motors",
        "media",
        "newspaper",
        "daily",
        "bbc",
        "cnn",
        "afp",
        "ap",
        "xinhua",
        "tass",
        "interfax",
    }
)

# -- Titles --------------------------------------------------------------------------------
FORMER_WORDS = frozenset({"former", "ex", "late", "then"})
"""Words that make an office a past one ("former president"): no current official_of."""

SHADOW_WORDS = frozenset({"shadow"})
"""Words that make a title the opposition's ("the shadow home secretary"): its holder is
a politician of note, but of no office of the state (no `official_of`)."""

SUCCESSION_VERBS = frozenset({"succeed", "replace", "follow", "nominate", "name", "elect"})
"""Verbs whose "as <office>" is an office to come, or someone else's ("succeed X as")."""

HYPOTHETICAL_AUX = frozenset({"will", "would", "could", "may", "might", "shall", "'ll"})
"""Auxiliaries that make "X will serve as minister" an office to come. Not
`MODALS_HYPOTHETICAL`: here the future counts ("will", "shall") and "can", "must" do not."""

TITLE_WORDS = frozenset(
    {
        "deputy",
        "acting",
        "shadow",
        "former",
        "new",
        "then",
        "incoming",
        "outgoing",
        "state",
        "affairs",
        "external",
        "chief",
        "head",
        "top",
        "senior",
        "interim",
        "policy",
        "junior",
        "religious",
        "spiritual",
        "ayatollah",
        "sheikh",
        "prince",
        "princess",
        "archbishop",
        "pope",
        "dr",
        "mr",
        "mrs",
        "ms",
        "dr.",
        "mr.",
        "mrs.",
        "ms.",
        "sir",
        "lord",
        "lady",
        "late",
    }
)
"""Words of a title besides those of `data/roles.csv` ("deputy", "former", "Mr"); with them
they make `titles.ROLE_WORDS`."""


# -- Coreference ---------------------------------------------------------------------------
PLURAL_PEOPLE = frozenset(
    {
        "leaders",
        "officials",
        "authorities",
        "diplomats",
        "ministers",
        "negotiators",
        "lawmakers",
        "delegates",
        "representatives",
        "forces",
        "troops",
        "rebels",
    }
)
"""Plural nouns whose people stand for the actor named before them ("Afghan rebel leaders"),
so that a later "they" refers to that actor."""

ROLE_NOUNS = frozenset(
    {
        "king",
        "queen",
        "president",
        "chancellor",
        "emir",
        "premier",
        "prime",
        "minister",
        "secretary-general",
        "pope",
        "sultan",
    }
)

EVENT_NOUNS = frozenset({"summit", "forum", "conference", "gathering", "meeting", "exercise"})

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his", "hers"})

PRONOUN_GENDERS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
"""The gender a person pronoun asks of its antecedent, where the antecedent's is known."""

GENDER_HONORIFICS = {
    "mr": "m",
    "mr.": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "madam": "f",
    "madame": "f",
}
"""Honorifics before a name that tell its bearer's gender ("Mr. Bao", "Ms Ardern")."""

FAMILY_NAME_FIRST = frozenset(
    {"China", "Taiwan", "South Korea", "North Korea", "Vietnam", "Cambodia"}
)
"""Countries whose leaders' names English news writes family name first ("Xi Jinping",
"Kim Jong-un", "Hun Sen", as the AP Stylebook and Reuters do): their first word is no
given name, so it tells nothing of gender."""

PRONOUNS_THING = frozenset({"it", "its"})

GROUP_NOUNS = {
    "leader": EntityType.LEADER,
    "leaders": EntityType.LEADER,
    "president": EntityType.LEADER,
    "presidents": EntityType.LEADER,
    "minister": EntityType.LEADER,
    "ministers": EntityType.LEADER,
    "country": EntityType.COUNTRY,
    "countries": EntityType.COUNTRY,
    "nations": EntityType.COUNTRY,
    "governments": EntityType.COUNTRY,
    "states": EntityType.COUNTRY,
    "neighbours": EntityType.COUNTRY,
    "neighbors": EntityType.COUNTRY,
    "sides": None,
    "parties": None,
}
"""Nouns of "the two leaders", "both countries": the two latest actors of that type."""

NUMBER_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}

STATE_NOUNS = frozenset({"country", "government", "nation"})
"""Nouns that coreference reads as a country ("the country", "his government")."""

ARMED_GROUP_NOUNS = frozenset({"rebels", "militants", "insurgents"})
"""Generic nouns of the armed groups of `organizations.csv` ("the rebels"): they name the
latest organization named before them only bare ("the Syrian rebels" are not the group
named before) and only when that organization is an armed group."""

COUNTERPARTS = frozenset({"counterpart", "counterparts"})
"""Nouns of "his counterpart": the leader of the country the noun names."""

FIRST_PERSON_SINGULAR = frozenset({"i", "me", "my", "myself"})
"""Words of a quote that are its speaker (`quotes`)."""

FIRST_PERSON_GROUP = frozenset({"we", "us", "our", "ours", "ourselves"})
"""Words of a quote that are the speaker's country or organization (`quotes`; "US" in
capitals is the United States, not "us")."""

QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''"})
"""Tokens that open or close a quote."""

REPORTING_VERBS = frozenset(
    "say tell add state write declare insist warn stress tweet announce note explain "
    "reply respond told said".split()
)
"""Verbs that attribute a quote to their subject ("...," X said; X told reporters: "...")."""

PRONOUNS_GROUP = frozenset({"they", "them", "their"})
"""Pronouns that coreference resolves to a group of actors."""

PRONOUNS_GROUP_FILTER = PRONOUNS_GROUP | {"theirs"}
"""The relevance filter's group pronouns: one more than coreference resolves ("theirs"),
which only makes the filter parse a sentence more; kept so that the selection stays as
it was."""

DETERMINERS = frozenset({"the", "his", "her", "its", "their", "whose"}) | frozenset(NUMBER_WORDS)
"""Words before a noun that make it an anaphor for the relevance filter ("the king", "his
government", "both leaders")."""


# -- Initiatives ---------------------------------------------------------------------------
PLACED_EVENTS = frozenset({"summit", "conference", "forum"})
"""Unnamed events that their place names: "a summit in Astana" is the Astana summit."""

OWNED_HEADS = frozenset({"plan", "proposal", "initiative", "roadmap", "blueprint"})
"""Nouns of an unnamed initiative that an owner makes one ("its own peace plan")."""

PLAN_AUTHOR_VERBS = frozenset({"put", "propose", "draft", "unveil", "present", "table"})
"""Participles whose agent owns the plan ("a peace plan put forward by China")."""

SPONSOR_PARTICIPLES = {
    "led": "sponsors",
    "sponsored": "sponsors",
    "brokered": "sponsors",
    "proposed": "sponsors",
    "drafted": "sponsors",
    "initiated": "sponsors",
    "funded": "sponsors",
    "hosted": "sponsors",
    "backed": "support",
    "supported": "support",
}
"""Participles of "the US-led framework", "a US-backed proposal", with the label that the
actor before the hyphen gets."""

# -- Relation rules and argument search ----------------------------------------------------
PROMPT_VERBS = frozenset(
    {
        "draw",
        "receive",
        "face",
        "prompt",
        "trigger",
        "spark",
        "attract",
        "win",
        "earn",
        "meet",
        "get",
    }
)

LIGHT_VERBS = frozenset(
    {
        "speed",
        "accelerate",
        "complete",
        "continue",
        "resume",
        "undertake",
        "pursue",
        "intensify",
        "travel",
        "fly",
        "arrive",
        "go",
        "come",
        "head",
        "impose",
        "announce",
        "sign",
        "extend",
        "hold",
        "launch",
        "carry",
        "conduct",
        "provide",
        "send",
        "offer",
        "approve",
        "pledge",
        "issue",
        "make",
        "give",
        "deliver",
        "stage",
        "mount",
        "express",
        "voice",
        "reach",
        "conclude",
        "seal",
        "strike",
        "order",
        "begin",
        "start",
        "step",
        "tighten",
        "expand",
        "broaden",
        "slap",
        "adopt",
        "agree",
        "have",
    }
)

MEMBER_NOUNS = frozenset(
    {
        "member",
        "members",
        "partner",
        "partners",
        "ally",
        "allies",
        "signatory",
        "signatories",
        "participant",
        "participants",
    }
)

PARTITIVES = frozenset(
    {
        "part",
        "portion",
        "some",
        "most",
        "all",
        "half",
        "share",
        "rest",
        "bulk",
        "tranche",
        "batch",
        "shipment",
        "delivery",
    }
)

PROPOSAL_NOUNS = frozenset(
    {
        "offer",
        "proposal",
        "demand",
        "request",
        "plan",
        "call",
        "appeal",
        "bid",
        "initiative",
        "invitation",
        "ultimatum",
        "warning",
        "pressure",
    }
)

INSTITUTION_NOUNS = frozenset(
    {
        "force",
        "troops",
        "peacekeepers",
        "mission",
        "contingent",
        "court",
        "police",
        "government",
        "parliament",
        "army",
        "forces",
        "authorities",
        "officials",
        "military",
        "embassy",
        "ministry",
    }
)

LIST_OPENERS = frozenset({"-", "–", "—", "--", ":"})
"""What sets off the members listed after a group's name ("the Quad - Australia, ...")."""

RESTATING_NOUNS = frozenset({"move", "decision", "step", "action", "measure"})
"""Nouns that sum up the clause before them: ", a move that Beijing condemned"."""

DEPARTURE_NOUNS = frozenset(
    {"withdrawal", "pullout", "pull-out", "departure", "exit", "evacuation", "expulsion"}
)
"""Nouns whose "from" names the place left, not the one who leaves."""

BORDER_NOUNS = frozenset({"border", "frontier", "boundary", "coast", "waters", "airspace"})

STATIVE_PARTICIPLES = frozenset({"opposed"})
"""Participles that after "be" state the subject's stance ("is opposed to X"), not a
passive act done to it."""

# -- Senses: what a trigger's arguments must be -------------------------------------------
FORCE_NOUNS = frozenset(
    {
        "soldier",
        "troop",
        "force",
        "army",
        "navy",
        "military",
        "militia",
        "militant",
        "rebel",
        "insurgent",
        "fighter",
        "gunman",
        "guerrilla",
        "police",
        "guard",
        "unit",
        "jet",
        "warplane",
        "aircraft",
        "bomber",
        "helicopter",
        "drone",
        "missile",
        "rocket",
        "artillery",
        "tank",
        "warship",
        "submarine",
        "coalition",
        "regime",
        "attack",
        "airstrike",
        "strike",
        "raid",
        "bombing",
        "shelling",
        "bombardment",
        "offensive",
    }
)
"""Lemmas of a force that attacks, hits or seizes ("Israeli jets hit Gaza", "Russian
missiles struck Kyiv"): with `AGENT_NOUNS` the heads a lexicon row's `actor` fit takes."""

QUANTITY_NOUNS = frozenset(
    {"thousand", "hundred", "dozen", "million", "number", "battalion", "brigade", "contingent"}
)
"""Nouns that count what follows their "of" ("ordered thousands of soldiers"): the counted
noun picks the lexicon entry, as a noun of any other "of" does not ("ordered the
destruction of the air force" orders no force)."""

AGENT_NOUNS = (
    frozenset(
        {
            "official",
            "diplomat",
            "envoy",
            "ambassador",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "negotiator",
            "delegation",
            "lawmaker",
            "administration",
            "cabinet",
            "state",
            "side",
            "people",
            "protester",
            "demonstrator",
            "student",
            "worker",
            "attache",
            "attaché",
            "consul",
            "staff",
            "personnel",
            "spy",
            "agent",
            "journalist",
            "citizen",
            "national",
            "civilian",
            "representative",
            "member",
        }
    )
    | PLURAL_PEOPLE
    | ROLE_NOUNS
    | INSTITUTION_NOUNS
    | MEMBER_NOUNS
    | STATE_NOUNS
    | COUNTERPARTS
    | frozenset(GROUP_NOUNS)
)
"""Lemmas of a phrase that stands for its actor when it acts or is acted on ("Chinese
officials", "the Russian foreign ministry", "Iran's government"), as a thing an actor
owns does not ("China's stance", "its bonus rates"). Plural forms of the lists it joins
are kept: the lists hold some words only in the plural."""

SPEECH_TOPICS = frozenset(
    {
        "policy",
        "plan",
        "proposal",
        "remark",
        "comment",
        "statement",
        "speech",
        "claim",
        "decision",
        "record",
        "stance",
        "position",
        "approach",
        "handling",
        "budget",
        "idea",
        "leadership",
        "reform",
        "strategy",
        "view",
    }
)
"""Objects one attacks with words ("attacked the government's plans"): a lexicon row's
`speech_label` applies, and the owner is the one accused."""

SPEECH_CUE_VERBS = frozenset({"say", "call", "describe", "brand", "accuse", "claim", "argue"})
"""Verbs of a clause joined to a trigger that make its act speech ("attacked the plan,
saying it would fail", "attacked X and called him a liar")."""

SPEECH_CUE_PREPS = frozenset({"as"})
"""Prepositions of a trigger that make its act speech ("attacked the deal as a
betrayal")."""

# -- Modality ------------------------------------------------------------------------------
MODALS_HYPOTHETICAL = frozenset({"may", "might", "could", "should", "can", "must", "ca"})
"""Modals that make a clause unasserted ("could attack"). The future ("will") is no such
modal: it is read with a condition or a promise instead (see `HYPOTHETICAL_AUX`)."""

CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})

OBLIGATION_MODALS = frozenset({"must", "should"})
"""Modals by which a speaker asks something of the subject ("X must drop barriers")."""

INTENT_NOUNS = frozenset(
    {
        "plan",
        "bid",
        "attempt",
        "effort",
        "intention",
        "proposal",
        "offer",
        "threat",
        "desire",
        "ambition",
        "request",
        "push",
        "hope",
        "aim",
        "goal",
        "promise",
        "pledge",
        "call",
        "demand",
        "refusal",
        "failure",
        "willingness",
        "readiness",
    }
)

EVENT_FRAMES = frozenset(
    {
        "opening",
        "start",
        "launch",
        "resumption",
        "prospect",
        "possibility",
        "idea",
        "plan",
        "proposal",
        "threat",
        "risk",
        "creation",
        "talk",
    }
)

PROMISE_ADJECTIVES = frozenset({"willing", "ready", "prepared"})

FUTURE_AUX = frozenset({"will", "'ll", "shall", "would", "wo"})
"""Auxiliaries of an act still to come ("will visit", "said it would send"): not asserted.
Wider than `HYPOTHETICAL_AUX`'s future words because "would" here also marks the future
of reported speech; narrower because "could", "may" are `MODALS_HYPOTHETICAL`."""

ANNOUNCING_VERBS = frozenset({"say", "announce", "declare", "confirm", "state", "decide"})
"""Verbs whose content clause in the future is a decision made ("announced it would
withdraw"), not a plan; "expect", "hope", "report", "predict" are no such verbs."""

FUTURE_FRAME_HEADS = frozenset(
    {
        "due",
        "expected",
        "expect",
        "set",
        "scheduled",
        "schedule",
        "slated",
        "poised",
        "likely",
        "unlikely",
        "about",
        "going",
        "planned",
        "supposed",
        "bound",
    }
)
"""Words whose "to" complement is an act to come ("is due to visit", "is expected to sign",
"is set to host", "is going to meet"); "is to visit" is read from "be" itself."""

FUTURE_TIME_WORDS = frozenset({"next", "coming", "upcoming", "forthcoming", "tomorrow"})
"""Words that make a time expression lie ahead ("next week", "in the coming days"); with
one of them, even a present tense ("visits Kuwait next week") states a plan."""

TIME_NOUNS = frozenset(
    {
        "day",
        "days",
        "week",
        "weeks",
        "weekend",
        "month",
        "months",
        "year",
        "years",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "tomorrow",
    }
)
"""Nouns of a time expression, besides `CALENDAR_WORDS` and spaCy's DATE entities."""

RECIPROCAL_VERBS = frozenset(
    {
        "agree",
        "sign",
        "ink",
        "conclude",
        "reach",
        "settle",
        "forge",
        "meet",
        "hold",
        "conduct",
        "talk",
        "negotiate",
        "discuss",
        "confer",
        "speak",
        "consult",
        "cooperate",
        "collaborate",
        "partner",
        "deepen",
        "strengthen",
        "restore",
        "normalise",
        "normalize",
        "expand",
        "boost",
        "trade",
        "ally",
        "share",
        "establish",
    }
)
"""First words of the symmetric lexicon verbs that by themselves join their conjoined
subjects ("Chile and Peru met", "signed a deal", "held talks"). Others with a symmetric
label do not: "Iran and Russia pledged funds", "visited", "joined the bloc" say what each
did, not that they dealt with each other."""

RECIPROCAL_NOUNS = frozenset(
    {
        "agreement",
        "deal",
        "accord",
        "treaty",
        "talk",
        "meeting",
        "summit",
        "call",
        "conversation",
        "dialogue",
        "cooperation",
        "partnership",
        "tie",
        "ally",
    }
)
"""Symmetric lexicon nouns whose owners deal with each other ("a US-China deal", "their
talks"); not "visit" or "mediation"."""

BETWEEN_NOUNS = RECIPROCAL_NOUNS - {"tie", "ally"}
"""Reciprocal nouns of an event whose "between X and Y" joins X and Y by itself ("talks
between Israel and Jordan resumed"); not "ties", a state that "ties between X and Y
soured" does not assert."""

HOSTING_VERBS = frozenset(
    {
        "host",
        "chair",
        "mediate",
        "broker",
        "organise",
        "organize",
        "convene",
        "preside",
        "facilitate",
        "sponsor",
        "join",
        "attend",
    }
)
"""Verbs whose subject (or agent) holds or joins a meeting between others: "Egypt chaired
the talks between Israel and Jordan", "Qatar joined the talks between them" is a
consultation with each side."""

STATEMENT_NOUNS = frozenset(
    {"statement", "communique", "communiqué", "declaration", "letter", "note", "resolution"}
)
"""Nouns of a text an actor issues, whose participle clause is the issuer's act ("issued
a statement condemning Japan")."""

ISSUING_VERBS = frozenset(
    {"issue", "release", "publish", "adopt", "pass", "sign", "send", "post", "put"}
)
"""Verbs that make a `STATEMENT_NOUNS` text its subject's own."""

NON_FACTIVE_VERBS = frozenset(
    {
        "rule",
        "say",
        "confirm",
        "believe",
        "think",
        "claim",
        "suggest",
        "indicate",
        "exclude",
        "mean",
        "imply",
        "signal",
        "show",
        "prove",
        "expect",
        "report",
        "assert",
        "allege",
    }
)
"""Verbs whose denial leaves their "that" clause open: "did not rule out that there had
been a deal", "did not say that Iran had agreed"; not "did not know that" (a fact)."""

TALK_NOUNS = frozenset({"call", "talk", "conversation", "meeting", "videoconference"})
"""Nouns of a conversation in which one side acts on the other ("in a phone call,
Macron urged Putin"): the act is also a consultation."""

AMOUNT_WORDS = frozenset({"million", "billion", "trillion", "thousand", "dollar", "euro"})
"""Words of a sum that an "in" phrase says what of ("$50 million in aid")."""

PROXY_VERBS = frozenset({"represent"})
"""Verbs whose object is the actor present through its subject: "the delegation
representing Brazil at the summit" puts Brazil at the summit."""

NAME_HEAD_WORDS = frozenset(
    "club clubs street road avenue lane boulevard square plaza bridge park stadium arena "
    "airport station hotel hall house centre center tower building memorial games cup "
    "trophy open marathon university college school academy museum theatre theater "
    "gallery festival orchestra awards airways airlines".split()
)
"""Heads of proper names of places, venues, clubs and events, which a known actor's name
may only modify: "the Commonwealth Club", "Washington Street", "the US Open"."""

REGION_PREFIXES = frozenset("latin central native pan anglo north south east west".split())
"""Words before a demonym that make it a region's ("Latin American", "North American"), not
the country's; where the longer name is a country ("South African"), its own match wins."""

ALLEGING_VERBS = frozenset({"accuse", "charge", "suspect", "blame", "allege"})
"""Verbs whose "of" / "for" gerund is an act alleged, not reported as done: "Chile was
accused of expelling Peru's envoy" asserts the accusation, not the expulsion."""

DELAY_ADVERBS = frozenset({"immediately", "yet", "soon", "now"})
"""Adverbs that make "will not join" a matter of timing, not a refusal: "will not
immediately join the bloc"."""

CLUB_PREFIXES = frozenset(
    "real dynamo dinamo sporting atletico athletic cska spartak lokomotiv torpedo "
    "olympique partizan steaua fc ac".split()
)
"""Words that open a sports club's name before its city: "Real Madrid", "Dynamo Kiev",
"Sporting Lisbon" are clubs, not the capital's country."""

TOPIC_PREPS = frozenset({"about", "over", "regarding", "concerning"})
"""Prepositions whose gerund is what is talked of, not done: "consulted Peru about
joining the pact", "argued over sending troops"."""

PROGRESS_NOUNS = frozenset({"process", "midst", "course"})
"""Nouns of an act under way: "in the process of leaving the EU" is leaving, unlike "a
ban on sending" or "plans for sending"."""

RECIPIENT_NOUNS = frozenset({"recipient", "beneficiary", "target"})
"""Nouns of the one an act is for or against: "India is the biggest recipient of Japan's
aid", "Iran was the target of Israeli strikes"."""

COPULAS = frozenset({"be", "remain", "become"})
"""Verbs whose subject a predicate noun describes ("Algeria is a supporter of Y")."""

# -- Relevance filter ----------------------------------------------------------------------
CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split()
)

RUN_CONNECTORS = frozenset({"of", "and", "for", "the", "-", "&", "de", "al", "el", "van", "von"})

NAME_JOINERS = frozenset({"and", "&"})
"""Connectors inside a run of capitalised words that may join two names."""

COORDINATORS = frozenset({",", "and", "or", "&", "the", "as", "well"})

SENTENCE_TERMINALS = frozenset({".", "!", "?", "...", "…", "?!", "!?"})

SENTENCE_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})

ORG_WORDS = frozenset(
    "party council office court union committee commission association department ministry "
    "bank group institute agency service services federation authority parliament house "
    "assembly board trust society organisation organization forum league club front "
    "movement alliance congress senate army force forces police government treasury "
    "campaign conference network foundation corporation company centre center unit "
    "secretariat cabinet executive commons lords council coalition fund programme "
    "inc ltd plc corp".split()
)
"""Words that make a run of capitalised words an organization rather than a person, for the
filter; `GOVERNMENT_WORDS` differ: they make a name stand for its country."""

HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "mr.", "mrs.", "ms.", "dr."}
)
"""Words before a lone capitalised word that make it a person's surname, for the filter
(`TITLE_WORDS` are the extractor's, and hold more than honorifics)."""


# -- Actors of diplomacy (`actorkinds`) ---------------------------------------------------
def _corporate_suffixes() -> frozenset[str]:
    from cleanco.termdata import terms_by_type

    terms = {term for group in terms_by_type.values() for term in group if " " not in term}
    return frozenset(terms - _ENGLISH_LEGAL_FORMS) | {"group", "holdings", "plc", "corp"}


_ENGLISH_LEGAL_FORMS = frozenset({"as", "et", "da", "private", "pp", "ee", "og", "sd", "vat"})
"""Legal-form abbreviations of cleanco's table that are also English (or Portuguese)
words ending an organization's name too often ("Partido da ..."): not read as suffixes."""

CORPORATE_SUFFIXES = _corporate_suffixes()
"""Legal forms that end a company's name ("Inc", "Ltd", "plc", "AG", "SA", "GmbH"), from
the `cleanco` package's table of legal forms by country, plus "Group" and "Holdings"."""

NON_DIPLOMATIC_ORG_WORDS = frozenset(
    # business
    "company companies corporation corp holdings group bank banks securities capital "
    "investment investments insurance assurance airlines airways motors motor automotive "
    "electronics technologies technology tech software systems networks telecom telecoms "
    "communications mobile pharmaceuticals pharma petroleum mining steel foods brewery "
    "stores retail exchange index partners consulting associates brands games gaming labs "
    "solutions services industry industries enterprises ventures chamber chambers"
    # trade and professional bodies: "Council of Mortgage Lenders", "Trades Union Congress"
    " airline mortgage lenders bankers insurers retailers employers manufacturers exporters "
    "importers builders trades officers doctors teachers nurses"
    # sport
    " club clubs fc afc united rovers wanderers athletic athletics juniors olympic "
    "olympics football rugby cricket tennis golf racing team squad premiership premier "
    "championship cup stadium sport sports hotspur albion"
    # music, film, press
    " band orchestra records music pictures studios films film theatre theater "
    "entertainment awards festival choir opera gallery museum tv television radio channel "
    "broadcasting magazine journal news times post press daily media newspaper publishing "
    "reuters bbc cnn afp ap xinhua tass interfax"
    # civil society and local bodies: actors of their town, not of diplomacy
    " university college school hospital church foundation trust charity society "
    "institute centre center city town county borough municipal district parish village "
    "local metropolitan constabulary".split()
)
"""Words that make an unknown organization a company, club, band, newspaper, school or
local body, none of them actors of diplomacy; with `CORPORATE_SUFFIXES` they win over
`DIPLOMATIC_ORG_WORDS` ("Party Gaming plc", "City Council")."""

DIPLOMATIC_ORG_WORDS = frozenset(
    "ministry ministries government parliament congress senate assembly cabinet council "
    "commission court tribunal agency bureau authority army navy forces force guard guards "
    "corps police militia militias brigade brigades front movement party junta regime "
    "presidency secretariat embassy consulate legislature administration mujahideen jihad "
    "nations democrats republicans conservatives socialists communists".split()
)
"""Words that make an unknown organization a state body, an international body, a party,
an armed group or an agency: "Ministry of Defence", "Quds Force", "Patriotic Front"."""

INTERNATIONAL_BODY_WORDS = frozenset(
    "union organisation organization federation league association community "
    "confederation alliance coalition bloc office".split()
)
"""Heads that name an international body only with an international or national word
beside them ("Arab League", "World Customs Organization"): alone they name trade unions
and sports leagues just as well."""

INTERNATIONAL_WORDS = frozenset(
    "international world global intergovernmental regional nations states african "
    "european asian arab american latin pacific atlantic caribbean gulf nordic islamic".split()
)
"""Words beside an `INTERNATIONAL_BODY_WORDS` head that make it international."""

ACTOR_DESCRIPTORS = frozenset(
    "militant militants rebel rebels insurgent insurgents separatist separatists jihadist "
    "jihadists islamist paramilitary armed guerrilla guerrillas terrorist terror extremist "
    "opposition ruling intergovernmental".split()
)
"""Words just before a name that make it an armed or political group ("the militant group
X", "Islamist X", "the opposition X")."""

ACTOR_FOLLOWERS = frozenset(
    "militants fighters rebels insurgents guerrillas gunmen militia militiamen mps mp "
    "lawmakers legislators government regime troops forces ministers delegation".split()
)
"""Nouns right after a name that make it an armed group or a party ("X fighters", "X
MPs", "the X government")."""

BUSINESS_WORDS = frozenset(
    "shares share stock stake chief executive executives boss bosses chairman chairwoman "
    "ceo cfo founder shareholders investors profits profit sales revenue revenues "
    "customers products brand fans striker midfielder defender goalkeeper manager coach "
    "player players captain album single songs concert tour frontman singer star market "
    "marketing firm takeover merger".split()
)
"""Words that make the name next to them a company, club or band ("Fiat shares",
"chief executive of X", "X striker"), and the title beside a person one of business,
sport or show, not of office ("market leader X", "the club's president")."""

OWNED_ROLES = frozenset(
    {
        "President",
        "Vice President",
        "Managing Director",
        "Director-General",
        "Chief of Staff",
        "Spokesperson",
        "General",
        "Commander",
    }
)
"""Roles (`data/roles.csv` names) that firms, clubs and unions have as well as states: a
person holds one as a leader only with a country or actor organization owning it, or with
the actor dictionary's word ("Jim Smith, the president" alone may head a company)."""

STATE_ROLES = frozenset(
    {
        "Vice President",
        "Deputy President",
        "Prime Minister",
        "Deputy Prime Minister",
        "Vice Premier",
        "Treasury Secretary",
        "Chancellor of the Exchequer",
        "Home Secretary",
        "Chancellor",
        "Vice Chancellor",
        "Foreign Minister",
        "Foreign Secretary",
        "Secretary of State",
        "Defence Minister",
        "Defence Secretary",
        "Interior Minister",
        "Finance Minister",
        "Trade Minister",
        "Energy Minister",
        "Economy Minister",
        "Information Minister",
        "Justice Minister",
        "Health Minister",
        "National Security Adviser",
        "Head of State",
        "Head of Government",
        "President",
        "King",
        "Queen",
        "Emir",
        "Sultan",
        "Crown Prince",
    }
)
"""Roles (`data/roles.csv` names) of a state's own government: a titled holder whom
neither the text nor the dictionary gives a country takes the country the document is
about, where that is unambiguous (`mentions`). No roles of organizations
(Secretary-General), of diplomats abroad (Ambassador, Envoy), of soldiers or of parts of
a state (Governor, Senator): those are often another country's or no country's. Nor a bare
"Minister": on UK news most were junior, devolved ("First Minister") or foreign ministers
of an aid article's country."""

GOVERNMENT_HEADS = frozenset({"administration", "government", "cabinet", "presidency"})
"""Nouns after a leader's surname that make it name the leader even alone: "the Bush
administration", "the Howard government" (a part of a dictionary name otherwise needs
the full name, or the date of the term)."""

STATE_BODY_DOMAINS = frozenset(
    "health justice foreign affairs defence defense interior home finance education trade "
    "industry agriculture environment energy transport economy economic "
    "culture information communications security national internal external public "
    "social welfare development federal central state general high supreme "
    "constitutional armed border special the of and for on".split()
)
"""Words of a state body's name that say what it does, not whose it is: a name made only
of these and of `DIPLOMATIC_ORG_WORDS` ("the Ministry of Health", "National Assembly",
"Armed Forces") could be any country's, so it makes no actor of its own."""
