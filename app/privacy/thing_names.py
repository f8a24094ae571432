"""A capitalised word that names a thing, not a person or a place someone is in: "Chase bank", "Jasmine tea",
"Miro is where we keep the notes", "Phoenix is the code name for…".

Products, teams, banks and projects are named after people and towns, and
at a sentence's start the capital says nothing. Two things tell them apart
in English: the word modifies a common noun right after it (spaCy's parse:
a ``compound`` of a lower-case noun, as in "Chase bank sent a letter"),
unless that noun is one a person or a place takes ("the Tanaka family",
"Sunita's husband", "the Leeds office"); or the sentence says what the word
names ("Lincoln is the name of the new dashboard"); or, opening a sentence, an everyday word goes straight on to a
common noun or adjective ("Holly wreaths go up", "Crystal clear", "Basil and tomato"), where a person goes on to a
verb, a comma or another name ("Holly said", "Holly, can you", "Holly and Ben").
"""
from __future__ import annotations

import re

from app.privacy.analyzer import Finding, ParsedWord
from app.privacy.recognizers.places import COUNTRIES, US_STATES

COUNTRIES_AND_STATES = frozenset(COUNTRIES + US_STATES)

# Nouns after a name that keep it a person's or a place's: relations, households, what someone writes or owns, sites.
PERSON_OR_PLACE_NOUNS = frozenset(
    "family families household kids children twins brothers sisters parents house home wedding funeral wife husband "
    "partner son daughter mother father mum mom dad brother sister boss manager desk number email address phone "
    "birthday notes novel novels book books biography memoir album song songs film paper essay poem report letter memo "
    "thesis case trial lawsuit estate will diary office offices branch site campus store shop plant factory warehouse "
    "headquarters hq airport station hospital clinic school university area region depot lab bridge river street road "
    "city town village county province district lake mountain valley harbour harbor port beach island coast border "
    "suburb".split()
)
_NAMED_AS = re.compile(
    r"^\s+(?:is|was|will be)\s+(?:(?:the|our|a|an)\s+)?(?:(?:new|old|internal|code|project|product|working)\s+)?"
    r"(?:name|codename|code name|project|tool|app|platform|product|service|brand)\s+(?:of|for)\b|"
    r"^\s+is\s+(?:where|what)\s+(?:we|you|they|i|the)\b|"
    # A part in a play or film: "Romeo is played by the understudy".
    r"^\s+(?:is|was|will be)\s+(?:being\s+|now\s+)?played\s+by\b",
    re.IGNORECASE,
)


_FROM_OR_IN = re.compile(r"\b(?:from|in)\s+$", re.IGNORECASE)


def modifies_a_thing(text: str, finding: Finding, words: list[ParsedWord]) -> bool:
    """Returns True when a one-word PERSON or LOCATION modifies the lower-case common noun right after it
    ("Chase bank", "Jasmine tea", "Paris agreement targets"), a noun no person or place takes."""
    if finding.entity_type not in ("PERSON", "LOCATION") or " " in text[finding.start:finding.end].strip():
        return False
    if text[finding.start:finding.end].lower() in COUNTRIES_AND_STATES:
        return False  # "Finland leader", "Texas governor": a country's noun is still about the country
    if finding.entity_type == "LOCATION" and _FROM_OR_IN.search(text[max(0, finding.start - 6):finding.start]):
        return False  # "our guest from Kraków checks in": no determiner, so the town is no modifier of a noun
    by_start = {w.start: w for w in words}
    word = by_start.get(finding.start)
    if word is None or word.dep != "compound" or word.end != finding.end:
        return False
    head = by_start.get(word.head_start)
    following = next((w for w in words if w.start > word.start), None)
    if head is None or head is not following or head.pos != "NOUN":
        return False
    noun = text[head.start:head.end]
    return noun.islower() and noun not in PERSON_OR_PLACE_NOUNS


# A title names its holder's title, not where anyone is: "the Duke of Edinburgh award", "the Prince of Wales".
_NOBLE_TITLE = re.compile(r"\b(?:duke|duchess|earl|prince|princess|count|countess|marquess|baron|baroness|bishop|archbishop)\s+of\s+$", re.IGNORECASE)
# A storm is named like a person: "Storm Ciara", "Hurricane Milton", "Typhoon Haiyan".
_STORM = re.compile(r"\b(?:storm|hurricane|typhoon|cyclone|tropical storm)\s+$", re.IGNORECASE)
_STORM_OPENS = re.compile(r"^(?:storm|hurricane|typhoon|cyclone)\s", re.IGNORECASE)
# What is named after its discoverer: "Newton's laws", "Ockham's razor", "Fermat's theorem" (not "Anna's law degree").
_EPONYM_AFTER = re.compile(
    r"^(?:'s|’s|'|’)?\s+(?:law|laws|theorem|principle|razor|constant|equation|paradox|conjecture|hypothesis|lemma)\b"
    r"(?!\s+(?:degree|firm|school|student|students|course|exam|exams|practice|career|background|office|clerk|class)\b)"
)


def named_as_a_thing(text: str, finding: Finding) -> bool:
    """Returns True when the words after a PERSON or LOCATION say it names a thing ("Lincoln is the name of…",
    "Phoenix is the code name for…", "Miro is where we keep…", "Newton's laws"), or the words before or in it name a
    storm ("Storm Ciara", "Hurricane Milton") or a title ("the Duke of Edinburgh award")."""
    if finding.entity_type not in ("PERSON", "LOCATION"):
        return False
    after = text[finding.end:finding.end + 40]
    if text[finding.end - 2:finding.end] in ("'s", "’s"):
        after = text[finding.end - 2:finding.end + 40]
    before = text[max(0, finding.start - 20):finding.start]
    if finding.entity_type == "LOCATION" and _NOBLE_TITLE.search(before):
        return True
    if _NOBLE_TITLE.fullmatch(text[finding.start:finding.end] + " of ") and re.match(r"^\s+of\s+[A-Z]", after):
        return True  # "the Earl of Sandwich": the title word, taken for the first name Earl
    return bool(_NAMED_AS.match(after) or _EPONYM_AFTER.match(after) or _STORM.search(before[-16:])
                or _STORM_OPENS.match(text[finding.start:finding.end]) or _ANIMAL_AFTER.match(after)
                or _names_a_brand_by_possessive(text[finding.start:finding.end]))


# An animal's name: "Dolly the sheep", "Rex the dog". A pet or a famous animal is nobody's personal data.
_ANIMAL_AFTER = re.compile(
    r"^(?:'s|’s)?,?\s+the\s+(?:sheep|dog|puppy|cat|kitten|horse|pony|cow|pig|goat|parrot|hamster|rabbit|tortoise|"
    r"budgie|goldfish|guinea pig|llama|donkey|hen|chicken|duck|ferret|gorilla|elephant|panda|penguin|lion|tiger)\b",
    re.IGNORECASE,
)
# A name and its possessive before capitalised everyday words names a brand: "Scott's Porridge Oats", "Ben's Cookies"
# (speech recognition writes a person's things in lower case: "Scott's porridge").
_POSSESSIVE_BRAND = re.compile(r"^[A-Z][\w-]*(?:'s|’s)((?:\s+[A-Z][a-z]+)+)$")


def _names_a_brand_by_possessive(span: str) -> bool:
    match = _POSSESSIVE_BRAND.match(span.strip())
    if match is None:
        return False
    from app.privacy.recognizers.common_words import is_common_word
    from app.privacy.recognizers.name_lexicon import name_lexicon

    first_names, surnames = name_lexicon()
    words = [w.lower() for w in match.group(1).split()]
    return all(is_common_word(w, "en", 2.5) and w not in first_names and w not in surnames for w in words)


# Words that open a sentence's predicate or say when: "Anna today said…", "Anna also wants…" keep Anna a person.
_ADVERBS_AFTER_A_SUBJECT = frozenset(
    "also just already still then never always really finally actually probably too again now here there usually often "
    "sometimes only even both all today tomorrow yesterday tonight morning afternoon evening later soon first".split()
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n\"“]\s*)$")
# A sentence-opening word at least this common as a word ("holly" 3.9, "basil" 3.7) may be one; rare names
# ("Chidinma" 1.4) are names whatever follows.
OPENING_WORD_ZIPF = 3.0


def opens_as_a_modifier(text: str, finding: Finding, words: list[ParsedWord]) -> bool:
    """Returns True when a one-word PERSON opens a sentence and is an everyday word that goes straight on to a
    lower-case common noun or adjective ("Holly wreaths…", "Crystal clear", "Basil and tomato…"): a thing it names.
    False for "Holly said…", "Holly from accounts…", "Holly and Ben…", "Holly also wants…"."""
    from app.privacy.recognizers.common_words import word_zipf

    span = text[finding.start:finding.end]
    if finding.entity_type != "PERSON" or " " in span.strip() or not _SENTENCE_START.search(text[max(0, finding.start - 3):finding.start]):
        return False
    if word_zipf(span, "en") < OPENING_WORD_ZIPF:
        return False
    following = [w for w in words if w.start >= finding.end][:3]
    if not following:
        return False
    after = following[0]
    if after.pos == "CCONJ" and len(following) > 1:
        after = following[1]  # "Basil and tomato" names two things; "Amber and Rusty" two people
    noun = text[after.start:after.end]
    return noun.isalpha() and noun.islower() and after.pos in ("NOUN", "ADJ", "ADV") \
        and noun not in _ADVERBS_AFTER_A_SUBJECT and noun not in PERSON_OR_PLACE_NOUNS


# What a team does in a match: "Liverpool won again", "Brazil beat Spain", "Leeds drew nil-nil".
_MATCH_RESULT_AFTER = re.compile(r"^\s+(?:won|lost|beat|drew|scored|thrashed|are top|were relegated|got relegated|got promoted)\b")


def plays_as_a_team(text: str, finding: Finding) -> bool:
    """Returns True when a LOCATION is the side in a match result ("Liverpool won again"): a club, not where someone is."""
    return finding.entity_type == "LOCATION" and bool(_MATCH_RESULT_AFTER.match(text[finding.end:finding.end + 30]))


# Nouns that say what a person is: "Okonkwo is the new manager", "Vashti is our contact there".
PERSON_ROLE_NOUNS = frozenset(
    "one person people guy man woman lady girl boy kid child contact lead owner head chair chairman chairwoman manager "
    "director engineer founder cofounder doctor nurse teacher lawyer solicitor designer developer colleague friend boss "
    "client customer patient student pupil author singer writer partner host neighbour neighbor tenant landlord "
    "candidate intern member mother father mum mom dad son daughter wife husband sister brother parent guardian "
    "officer agent rep representative consultant expert specialist analyst admin administrator coordinator assistant "
    "secretary treasurer president ceo cfo cto coo vp supervisor trainee apprentice volunteer caseworker therapist "
    "surgeon dentist gp pharmacist carer driver mentor coach tutor principal head teacher governor judge witness "
    "claimant defendant applicant recruiter interviewer buyer seller vendor supplier contractor freelancer expert".split()
)


def described_as_a_thing(text: str, finding: Finding, words: list[ParsedWord]) -> bool:
    """Returns True when a one-word PERSON that no name list has is said to be a thing: "Kafka is the message queue",
    "Zuora is our billing system" (the parse's ``attr`` of "is" a common noun that names no role a person has).
    False for "Okonkwo is the new manager", and for any listed name ("Anna is the queue's owner")."""
    if finding.entity_type != "PERSON" or " " in text[finding.start:finding.end].strip():
        return False
    from app.privacy.recognizers.name_lexicon import name_lexicon

    first_names, surnames = name_lexicon()
    lower = text[finding.start:finding.end].lower().removesuffix("'s")
    if lower in first_names or lower in surnames:
        return False
    noun = _complement_noun(text, finding, words)
    return noun is not None and noun.isalpha() and noun not in PERSON_ROLE_NOUNS and noun.rstrip("s") not in PERSON_ROLE_NOUNS


def _complement_noun(text: str, finding: Finding, words: list[ParsedWord]) -> str | None:
    """Returns the common noun (lower case) that the finding, as the subject of "is"/"was", is said to be ("Kafka is
    the message queue": "queue"); None when the parse says no such thing."""
    subject = next((w for w in words if w.start == finding.start), None)
    if subject is None or subject.dep != "nsubj":
        return None
    verb = next((w for w in words if w.start == subject.head_start), None)
    if verb is None or text[verb.start:verb.end].lower() not in ("is", "was", "'s"):
        return None
    attr = next((w for w in words if w.dep == "attr" and w.head_start == verb.start and w.start > verb.start), None)
    if attr is None or attr.pos != "NOUN":
        return None
    return text[attr.start:attr.end].lower()


# Buildings, rooms and wards are named after people: "the Franklin building", "Prince Albert hall", "the Florence
# Nightingale ward". A person's name goes on to a verb, a comma or their own things ("Anna's room"), not to these.
FACILITY_NOUNS = frozenset(
    "hall halls building buildings wing ward wards theatre theater auditorium library stadium arena pavilion gallery "
    "museum institute centre center tower lecture suite lounge chapel annex annexe block quad gardens gym pool "
    "rooms fund foundation trust prize award medal scholarship lectures".split()
)


def names_a_facility(text: str, finding: Finding, words: list[ParsedWord]) -> bool:
    """Returns True when a PERSON (or a LOCATION that is a person's name, no town) goes straight on to a lower-case
    noun that names a building, room, ward, fund or prize ("Prince Albert hall", "in Ada Lovelace hall", "the Marcus
    fund"), or takes that noun into its span: a thing named after someone. False for "Anna's room", "Tom building the
    deck" (a verb), "the Okafor family", "the Leeds library" (a town)."""
    span_words = text[finding.start:finding.end].split()
    if finding.entity_type == "LOCATION" and span_words:
        from app.privacy.recognizers.name_lexicon import name_lexicon
        from app.privacy.recognizers.places import place_lexicon

        # "in Ada Lovelace hall": a person's name the model took for a place, no town.
        if text[finding.start:finding.end].lower() in place_lexicon() or span_words[0].lower() not in name_lexicon()[0]:
            return False
    elif finding.entity_type != "PERSON":
        return False
    if len(span_words) > 1 and span_words[-1].islower() and span_words[-1] in FACILITY_NOUNS:
        return True
    after = next((w for w in words if w.start >= finding.end), None)
    if after is None or text[finding.end:after.start] != " " or after.pos != "NOUN":
        return False
    return text[after.start:after.end] in FACILITY_NOUNS


# Artefacts a sentence can say a name is: "Harvey is the legal assistant tool", "Aurora is our checkout service".
ARTEFACT_NOUNS = frozenset(
    "tool tools app apps application system systems platform software product products service bot chatbot model "
    "database server pipeline codename framework library plugin dashboard engine queue portal website site template "
    "feature release version build branch repo repository module api cluster workflow programme program scheme "
    "initiative campaign project brand range".split()
)


def said_to_be_an_artefact(text: str, finding: Finding, words: list[ParsedWord]) -> bool:
    """Returns True when a one-word PERSON, listed name or not, is the subject of "is"/"was" whose complement is an
    artefact noun ("Harvey is the legal assistant tool", "Jade is our booking app"). False for "Harvey is the new
    manager" and "Harvey is the one who built the tool" (the complement there is a person's)."""
    if finding.entity_type != "PERSON" or " " in text[finding.start:finding.end].strip():
        return False
    return _complement_noun(text, finding, words) in ARTEFACT_NOUNS


# "Bill of materials", "Rose of Sharon": an everyday word opening a sentence before "of" and a lower-case noun names
# a thing; a person opens with a verb or "from" ("Bill said", "Bill from finance").
_OF_A_THING = re.compile(r"^\s+of\s+(?:the\s+)?([a-z]+)\b")


def opens_before_of(text: str, finding: Finding) -> bool:
    """Returns True when a one-word PERSON that is an everyday word opens a sentence right before "of" and a
    lower-case noun ("Bill of materials is in the drive")."""
    from app.privacy.recognizers.common_words import word_zipf

    span = text[finding.start:finding.end]
    if finding.entity_type != "PERSON" or " " in span.strip() or not _SENTENCE_START.search(text[max(0, finding.start - 3):finding.start]):
        return False
    return word_zipf(span, "en") >= OPENING_WORD_ZIPF and bool(_OF_A_THING.match(text[finding.end:finding.end + 30]))


# Verbs a town is the subject of when it stands for a firm, an office or a team: "Zurich covers the contents",
# "London wants the report by Friday". A town someone is in takes "is", "has" or nothing ("Luleå is freezing").
_NOT_AN_ACT = frozenset("be is was were are 's has have had lies sits gets looks seems feels becomes stays remains".split())


def acts_as_an_organisation(text: str, finding: Finding, words: list[ParsedWord]) -> bool:
    """Returns True when a LOCATION opening a sentence is the subject of a verb of action with an object or
    complement ("Zurich covers the contents", "London wants the report"): an insurer, an office, a team.
    False for "Luleå is freezing", "Lagos has great food" and a place after a preposition."""
    if finding.entity_type != "LOCATION" or not _SENTENCE_START.search(text[max(0, finding.start - 3):finding.start]):
        return False
    span_words = [w for w in words if finding.start <= w.start < finding.end]
    if not span_words:
        return False
    head_word = next((w for w in span_words if w.head_start < finding.start or w.head_start >= finding.end), span_words[-1])
    if head_word.dep != "nsubj":
        return False
    verb = next((w for w in words if w.start == head_word.head_start), None)
    if verb is None or verb.pos != "VERB" or text[verb.start:verb.end].lower() in _NOT_AN_ACT:
        return False
    return any(w.head_start == verb.start and w.dep in ("dobj", "ccomp", "xcomp") for w in words)


# What is a person's own, so a name before it stays one: "Maria Lopez access is revoked", "Tom Reid laptop died".
_PERSONAL_THINGS = frozenset(
    "access account accounts laptop calendar inbox login password details record records file profile salary contract "
    "visa leave shift shifts rota car bag".split()
)


def opens_a_subject_as_a_modifier(text: str, finding: Finding, words: list[ParsedWord]) -> bool:
    """Returns True when a PERSON opening a sentence modifies the lower-case noun that is the sentence's subject
    ("Mario Kart night is on Friday", "Harry Potter box sets are selling", "Petri dishes are low"): a game, a
    book or a tool's name. False for "Chidi works remotely" (a verb follows), "Anna, can you…", "Maria Lopez access
    is revoked" (what a person has) and for nouns a person or place takes ("Okafor family")."""
    if finding.entity_type != "PERSON" or not _SENTENCE_START.search(text[max(0, finding.start - 3):finding.start]):
        return False
    span_words = [w for w in words if finding.start <= w.start < finding.end]
    if not span_words:
        return False
    head = next((w for w in words if w.start == span_words[-1].head_start), None)
    if head is None or head.start < finding.end or head.pos != "NOUN" or head.dep not in ("nsubj", "nsubjpass"):
        return False
    between = [w for w in words if finding.end <= w.start <= head.start]
    if not all(text[w.start:w.end].islower() and w.pos == "NOUN" for w in between):
        return False
    nouns = {text[w.start:w.end] for w in between}
    return not nouns & (PERSON_OR_PLACE_NOUNS | _PERSONAL_THINGS | _ADVERBS_AFTER_A_SUBJECT)


def names_a_firm_by_its_founder(text: str, finding: Finding) -> bool:
    """Returns True for a one-word PERSON that is a listed surname with an "s" and no apostrophe, the form no name list
    has ("Lloyds wants the form", "Dixons", "Morrisons"): a bank or a shop named after its founder. False for a
    surname that ends in "s" itself ("Edwards", "Hughes") and for "Lloyd's" (his)."""
    if finding.entity_type != "PERSON":
        return False
    word = text[finding.start:finding.end].strip()
    if " " in word or not word.endswith("s") or not word[:1].isupper() or len(word) < 5:
        return False
    from app.privacy.recognizers.name_lexicon import name_lexicon

    first_names, surnames = name_lexicon()
    lower = word.lower()
    return lower not in first_names and lower not in surnames and lower[:-1] in surnames
