"""Detection stage: every segment's text in, PiiSpans out.

The note's segments are analysed as one text, so context in one segment ("my
number is") helps with the next ("555 214 8839"); a finding that crosses a
segment boundary becomes one span per segment.
"""
from __future__ import annotations

import re

from audio_core.model import PiiSpan, Transcript
from app.privacy.analyzer import Finding, PiiAnalyzer
from app.privacy.calendar_dates import names_a_calendar_day
from app.privacy.drug_names import names_a_drug
from app.privacy.eponymous_brands import names_a_firm_after_someone, names_an_assistant
from app.privacy.imperatives import opens_as_a_verb
from app.privacy.product_names import names_a_product, weighed_against_a_tool
from app.privacy.thing_names import (
    acts_as_an_organisation, described_as_a_thing, modifies_a_thing, names_a_firm_by_its_founder, named_as_a_thing, names_a_facility, opens_as_a_modifier, opens_before_of,
    opens_a_subject_as_a_modifier, plays_as_a_team, said_to_be_an_artefact,
)
from app.privacy.policy import RedactionPolicy
from app.privacy.retyped_spans import as_a_birth_date, as_a_street, as_a_street_name, as_a_web_address
from app.privacy.town_names import as_a_home_place, as_a_town
from app.vocabulary import Vocabulary

# When detections overlap, the more specific type names the merged span.
# An address outranks a phone number: a phone-shaped run inside an address is its house number or postcode.
TYPE_PRIORITY = [
    "CREDENTIAL", "EMAIL_ADDRESS", "IBAN_CODE", "CREDIT_CARD", "US_SSN", "PASSPORT", "MEDICAL_RECORD", "IP_ADDRESS",
    "ID_NUMBER", "ADDRESS", "PHONE_NUMBER", "URL", "USERNAME", "DATE_TIME", "PERSON", "LOCATION",
]
SEGMENT_JOINER = " "
# A "name" right before one of these is a company ("Moore Ltd", "Walsh, Davis and Powell LLC"), not a person.
_COMPANY_AFTER = re.compile(
    r"^(?:,?\s*(?:and|&|und|et|y)\s+[A-Z][\w-]*)*,?\s+(?:Inc|Ltd|LLC|PLC|plc|Corp|Co|GmbH|AG|KG|SA|SL|SARL|SAS|S\.A\.|Group|Ltda)\b\.?"
    # "Nelson and Sons", "Hurley & Sons", "Ponce Brothers": a family firm.
    r"|^\s+(?:(?:and|&)\s+(?:Sons|Son|Daughters|Daughter)|Brothers|Bros)\b"
)


# "the Phoenix dashboard", "our Atlas migration", "the London office": a capitalised word between a determiner and a
# noun names a product, project or site, not a person or a place someone lives in.
_DETERMINER_BEFORE = re.compile(r"\b(?:the|our|their|your|this|that|its|an?)\s+(?:(?:new|old|next|current|whole|entire)\s+)?$", re.IGNORECASE)
_WORD_AFTER = re.compile(r"^\s+([a-z]+)\b")
_NOT_A_HEAD_NOUN = frozenset(
    "is are was were be been has have had will would can could should may might must did does do said says told asked "
    "and or but nor to of in on at for with from by as that who whom whose which when where while if than then so "
    "just also still never always too yet already again".split()
)
# "the Dubai office", "the Leeds branch": a place before these is where someone works, so still a place.
_SITE_NOUNS = frozenset(
    "office offices branch site campus store shop plant factory warehouse headquarters hq airport station hospital clinic "
    "school university area region depot lab".split()
)
_LOCATES_SOMEONE = re.compile(r"\b(?:from|at|in|based in|works? in|working in)\s+(?:the|our|their|your)\s+$", re.IGNORECASE)
# "the Okonkwo family", "the Miller kids": a name before these is a person after all.
_FAMILY_NOUNS = frozenset("family families household kids children twins brothers sisters parents house home wedding funeral".split())


# What a person writes, makes or is party to: "the Johnson novel", "the Hill report", "the Okafor case".
_AUTHORED_NOUNS = frozenset(
    "novel novels book books biography memoir album song songs film paper essay poem report letter memo thesis case "
    "trial lawsuit estate will diary".split()
)


def _is_listed_name(span: str) -> bool:
    from app.privacy.recognizers.name_lexicon import name_lexicon

    first_names, surnames = name_lexicon()
    return any(word.lower() in first_names or word.lower() in surnames for word in span.split())


def _is_listed_surname(span: str) -> bool:
    from app.privacy.recognizers.name_lexicon import name_lexicon

    _, surnames = name_lexicon()
    return all(word.lower() in surnames for word in span.split())


def _names_a_thing(text: str, finding: Finding) -> bool:
    """True when a PERSON or LOCATION sits between a determiner and a noun ("the Titan contract"): a product, not a person."""
    if finding.entity_type not in ("PERSON", "LOCATION") or not _DETERMINER_BEFORE.search(text[max(0, finding.start - 30):finding.start]):
        return False
    after = _WORD_AFTER.match(text[finding.end:finding.end + 40])
    if after is None:
        return False
    noun = after.group(1)
    from app.privacy.recognizers.common_words import is_common_word

    if noun in _NOT_A_HEAD_NOUN or noun in _FAMILY_NOUNS or not is_common_word(noun, "en", 3.0):
        return False
    span = text[finding.start:finding.end]
    if noun in _AUTHORED_NOUNS and (_is_listed_surname(span) or not is_common_word(span, "en", 3.0)):
        return False  # "the Johnson novel", "the Bodnár report": a surname before what someone wrote is its author
    if noun in _SITE_NOUNS and finding.entity_type == "LOCATION":
        # "our colleague from the Dubai office" places a person; "that's for the London office" names a site of the firm.
        return not _LOCATES_SOMEONE.search(text[max(0, finding.start - 30):finding.start])
    if all(is_common_word(word, "en", 3.0) for word in span.split()):
        return True
    # A rare word there names a tool or a room ("the Grafana alerts", "the Miro board") unless a name list has it.
    return finding.entity_type == "PERSON" and not _is_listed_name(span)


def _names_a_thing_alone(text: str, finding: Finding) -> bool:
    """True for a PERSON that is one surname-like word common enough to name a band, brand or tool, outside any slot
    only a person fills ("where Metallica played", "only Jenkins is left"; but "Jackson said")."""
    if finding.entity_type != "PERSON":
        return False
    from app.privacy.lone_name import in_person_slot, needs_a_person_slot
    from app.privacy.recognizers.name_lexicon import name_lexicon

    first_names, surnames = name_lexicon()
    trimmed = trim_finding(text, finding)
    return trimmed is not None and needs_a_person_slot(text, trimmed.start, trimmed.end, first_names, surnames) \
        and not in_person_slot(text, trimmed.start, trimmed.end)


def merge_findings(findings: list[Finding], text: str = "") -> list[Finding]:
    """Returns ``findings`` with overlapping ones merged into their union, typed by priority (a town after "in" that a
    name list also has is a place: see ``_place_outscores_name``)."""
    merged: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if merged and finding.start < merged[-1].end:
            last = merged[-1]
            keep = min((last, finding), key=lambda f: (_priority(f.entity_type), -f.score))
            if _place_outscores_name(text, last, finding):
                keep = max((last, finding), key=lambda f: f.score)
            elif _name_inside_a_place(text, last, finding):
                keep = last if last.entity_type == "LOCATION" else finding
            merged[-1] = Finding(last.start, max(last.end, finding.end), keep.entity_type, max(last.score, finding.score))
        else:
            merged.append(finding)
    return merged


# Words before a town that no person stands after: "lives in Florence", "near Eugene" ("with", "to", "from" take both).
# "loop in Ingrid", "fill in for Maria": "in" as a verb's particle brings a person in.
_IN_A_PLACE = re.compile(
    r"(?<!loop )(?<!looped )(?<!bring )(?<!brought )(?<!rope )(?<!roped )(?<!call )(?<!called )(?<!pull )(?<!pulled )"
    r"(?<!let )(?<!sit )(?<!sat )(?<!cc )(?<!copy )(?<!fill )(?<!filled )(?<!swap )(?<!sub )"
    r"\b(?:in|near|outside|around|across|inside)\s+$", re.IGNORECASE,
)


def _place_outscores_name(text: str, a: Finding, b: Finding) -> bool:
    """True when a PERSON and a LOCATION cover the same words after "in" or "near" and the place is the surer: "in
    Florence", "in Victoria" are towns that a first-name list also has (its guess scores below the parser's place)."""
    return (a.start, a.end) == (b.start, b.end) and {a.entity_type, b.entity_type} == {"PERSON", "LOCATION"} \
        and a.score != b.score and bool(_IN_A_PLACE.search(text[max(0, a.start - 20):a.start])) \
        and not text[a.end:a.end + 2] in ("'s", "’s")  # "in Maria's team" is hers


def _name_inside_a_place(text: str, a: Finding, b: Finding) -> bool:
    """True when a PERSON is a part of a longer LOCATION scored no lower that is a listed town of two words or more
    ("San Diego" holds "Diego", "Jackson Heights" holds "Jackson"), or both cover such a town and the place scored
    higher ("Long Beach")."""
    if {a.entity_type, b.entity_type} != {"PERSON", "LOCATION"}:
        return False
    place, name = (a, b) if a.entity_type == "LOCATION" else (b, a)
    if place.score < name.score or not (place.start <= name.start and name.end <= place.end):
        return False
    from app.privacy.recognizers.places import place_lexicon

    # Only a listed town of two words or more: a place recognizer's longer guess around a name ("… Mokoena in …")
    # is no evidence on its own.
    phrase = text[place.start:place.end].strip()
    if " " not in phrase or phrase.lower() not in place_lexicon():
        return False
    return place.end - place.start > name.end - name.start or place.score > name.score


def _priority(entity_type: str) -> int:
    return TYPE_PRIORITY.index(entity_type) if entity_type in TYPE_PRIORITY else len(TYPE_PRIORITY)


# A firm named after its partners: "Price, Contreras and Rhodes is…", "the Dalton, Collins and Smith office",
# "her Walsh-Miller resignation letter". Surnames only, no first name, and used as one thing: after a determiner,
# or before a singular verb or a noun, or alone on a line of a letterhead or address block.
_SURNAME = r"[A-Z][a-z'’]+"
_FIRM = re.compile(rf"\b{_SURNAME}(?:(?:,\s+{_SURNAME})+,?\s+(?:and|&)\s+{_SURNAME}|-{_SURNAME})\b")
_FIRM_BEFORE = re.compile(
    r"\b(?:the|our|their|your|her|his|my|at|for|of)\s+$|"
    # "the invoice from …", "we signed with …", "audited by …": what a firm sends, signs or does (a meeting, an email or
    # lunch "with Patel, Okafor and Nguyen" is with people).
    r"\b(?:invoices?|quotes?|contracts?|deal|orders?|bills?|proposals?|offers?|payments?|statements?|signed|partnered|"
    r"merged|merger|audited|acquired|agreements?|tender|bid|retainer|engaged|hired|switched|suppliers?)\s+"
    r"(?:\w+\s+){0,2}?(?:from|with|by|to)\s+$",
    re.IGNORECASE,
)
_TITLE_OR_NAME_BEFORE = re.compile(r"\b(?:mr|mrs|ms|miss|dr|doctor|professor|prof|sir|madam|dear)\.?\s+$", re.IGNORECASE)
_FIRM_AFTER = re.compile(r"^\s+(?:is|was|has|office|offices|team|account|contract|resignation|invoice|deal|group|report)\b")


def _firm_spans(text: str) -> list[tuple[int, int]]:
    """Returns the spans of partner-named firms in ``text`` (every part a listed surname, none only a first name)."""
    from app.privacy.recognizers.name_lexicon import name_lexicon

    first_names, surnames = name_lexicon()
    spans = []
    for match in _FIRM.finditer(text):
        parts = [p.lower() for p in re.findall(r"[A-Z][a-z'’]+", match.group())]
        if not all(p in surnames for p in parts) or any(p in first_names and p not in surnames for p in parts):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        own_line = not text[line_start:match.start()].strip(" >\t") and not text[match.end():len(text) if line_end < 0 else line_end].strip()
        before = text[max(0, match.start() - 20):match.start()]
        # "Mclaughlin-Wilson songwriter …": a double-barrelled surname with no title or first name before it is a firm;
        # "Mr. Abernethy-Gould", "Tom Walsh-Miller" are people.
        bare_pair = "-" in match.group() and not _TITLE_OR_NAME_BEFORE.search(before) and not (
            (word := re.search(r"([A-Z][a-z'’]+)\s+$", before)) and word.group(1).lower() in first_names)
        if own_line and "\n" in text or bare_pair or _FIRM_BEFORE.search(before) or _FIRM_AFTER.match(text[match.end():match.end() + 30]):
            spans.append((match.start(), match.end()))
    return spans


# "Chavez LLC", "Harris Group": the model took the suffix into the name.
_COMPANY_SUFFIX = re.compile(r"\s(?:Inc|Ltd|LLC|PLC|plc|Corp|GmbH|AG|Group|Ltda|(?:and|&)\s+Sons|Brothers|Bros)\.?$")


# A quarter, half or financial year ("in Q4", "H2", "FY25") is a period of the calendar, not a place or a person.
_FISCAL_PERIOD = re.compile(r"^(?:Q[1-4]|H[12]|FY\s?\d{2,4}|CY\d{2,4})$")


def _names_a_period(text: str, finding: Finding) -> bool:
    return finding.entity_type in ("PERSON", "LOCATION") and bool(_FISCAL_PERIOD.match(text[finding.start:finding.end].strip()))


def _names_a_company(text: str, finding: Finding, firms: list[tuple[int, int]] = ()) -> bool:
    """True for a PERSON, or a LOCATION the model or a preposition made of a surname ("the invoice from Walters LLC",
    "I work at Gould-Foster"), that is part of a firm's name: before or with a company suffix, or in a partner firm."""
    if finding.entity_type not in ("PERSON", "LOCATION"):
        return False
    return bool(_COMPANY_AFTER.match(text[finding.end:]) or _COMPANY_SUFFIX.search(text[finding.start:finding.end])) \
        or any(s <= finding.start and finding.end <= e for s, e in firms)


# Words that stand before a name as a title or role: "Officer Smith", "Uncle Bob" stay names.
_TITLE_WORDS = frozenset(
    "mr mrs ms miss dr doctor professor prof sir madam officer captain uncle aunt auntie coach nurse father mother "
    "sister brother judge president senator minister detective sergeant agent inspector lord lady king queen prince "
    "princess pope saint chef dear grandma grandpa granny cousin mum mom dad mister colleague director manager".split()
)
_WORD_BEFORE = re.compile(r"([A-Z][a-z]+) $")
_WORK_AFTER = re.compile(
    r"^\s+(?:is|was)\s+(?:a|an|the|my|our)\s+(?:[a-z]+\s+){0,2}?(?:song|tune|hit|film|movie|book|novel|album|band|show|"
    r"series|musical|play|poem|game|drink|cocktail|brand|product|podcast)\b"
)
# A capitalised function word opens no title of its own: "Carry Me Back To Poland" still names Poland.
_FUNCTION_WORDS = frozenset("to of in on at by for from with and or the a an into onto back me my you your our".split())
# Directions and sizes open town names too: "Greater Manchester", "North Carolina", "New Jersey".
_PLACE_OPENERS = frozenset("north south east west central greater upper lower new old great little grand".split())


def _names_a_work(text: str, finding: Finding) -> bool:
    """True for a name that an everyday capitalised word opens, mid-sentence: "Sweet Caroline", "Hotel California",
    "Bloody Mary" are songs, drinks and titles, not people or places."""
    if finding.entity_type not in ("PERSON", "LOCATION"):
        return False
    if _WORK_AFTER.match(text[finding.end:finding.end + 50]):
        return True
    from app.privacy.recognizers.common_words import is_common_word
    from app.privacy.recognizers.name_lexicon import name_lexicon
    from app.privacy.recognizers.places import PLACES, place_lexicon


    first_names, surnames = name_lexicon()
    span_words = text[finding.start:finding.end].split()
    if len(span_words) > 1 and span_words[0][:1].isupper():
        opener, opener_start = span_words[0], finding.start
    else:
        before = _WORD_BEFORE.search(text[max(0, finding.start - 30):finding.start])
        if before is None:
            return False
        opener, opener_start = before.group(1), finding.start - len(before.group())
    phrase = text[opener_start:finding.end]
    if finding.entity_type == "LOCATION" and (phrase.lower() in place_lexicon() or phrase.split()[-1].lower() not in PLACES):
        return False  # "Little Rock", "Green Bay": towns whose name opens with an everyday word
    lower = opener.lower()
    if len(lower) < 3 or lower in _TITLE_WORDS or lower in _PLACE_OPENERS or lower in _FUNCTION_WORDS or lower in first_names or lower in surnames or not is_common_word(lower, "en"):
        return False
    preceding = text[:opener_start].rstrip()
    return bool(preceding) and preceding[-1] not in ".!?:\n\"“'‘(-"


def _inside_address_block(finding: Finding, blocks) -> bool:
    """True for a non-address finding on an address block's line (the town, state or postcode there is the address),
    and for a person on its firm's line ("Halvorsen, Quist and Abara" above the street)."""
    inside = lambda spans: any(s <= finding.start and finding.end <= e for s, e in spans)  # noqa: E731
    return any(
        finding.entity_type != "ADDRESS" and inside(block.spans) or finding.entity_type == "PERSON" and inside(block.firms)
        for block in blocks
    )


def trim_finding(text: str, finding: Finding) -> Finding | None:
    """Returns ``finding`` without surrounding spaces and punctuation, or None if nothing is left."""
    start, end = finding.start, finding.end
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return Finding(start, end, finding.entity_type, finding.score) if end > start else None


def find_pii_in_text(
    text: str, analyzer: PiiAnalyzer, policy: RedactionPolicy = RedactionPolicy(), language: str | None = None,
    vocabulary: Vocabulary = Vocabulary(),
) -> list[Finding]:
    """Returns the merged, trimmed findings in ``text`` (read as ``language``, default English) whose type and score the policy covers.

    ``vocabulary``: every mention of a listed name is a PERSON; listed terms are cut out of every finding.
    Raises ModelError when the language's spaCy pipeline cannot be loaded.
    """
    from app.privacy.recognizers.address_block import address_blocks
    from app.privacy.vocabulary_pii import listed_names, without_listed_terms

    english = (language or "en") == "en"
    found, words = analyzer.analyze_parsed(text, sorted(policy.entity_types), language=language, with_words=english)
    if english:
        found = [
            as_a_web_address(text, as_a_street_name(text, as_a_street(text, as_a_birth_date(text, as_a_home_place(text, as_a_town(text, f))))))
            for f in found
        ]
        people = [f for f in found if f.entity_type == "PERSON"]
        found = [
            f for f in found if not modifies_a_thing(text, f, words) and not opens_as_a_modifier(text, f, words)
            and not named_as_a_thing(text, f) and not plays_as_a_team(text, f) and not described_as_a_thing(text, f, words)
            and not names_a_product(text, f) and not weighed_against_a_tool(text, f) and not names_an_assistant(text, f) and not names_a_firm_after_someone(text, f)
            and not opens_as_a_verb(text, f) and not names_a_drug(text, f)
            and not names_a_facility(text, f, words) and not said_to_be_an_artefact(text, f, words)
            and not opens_before_of(text, f) and not acts_as_an_organisation(text, f, words)
            and not opens_a_subject_as_a_modifier(text, f, words) and not names_a_firm_by_its_founder(text, f) and not names_a_calendar_day(text, f, people)
        ]
    firms = _firm_spans(text) if english else []
    blocks = address_blocks(text) if english and "ADDRESS" in policy.entity_types else []
    findings = [
        f for f in found
        if policy.covers(f.entity_type, f.score) and not _names_a_company(text, f, firms) and not (english and _names_a_thing(text, f))
        and not _inside_address_block(f, blocks) and not (english and _names_a_work(text, f)) and not _names_a_period(text, f)
        and not (english and _names_a_thing_alone(text, f))
    ]
    trimmed = [t for t in (trim_finding(text, f) for f in without_listed_terms(text, findings, vocabulary)) if t is not None]
    names = [f for f in listed_names(text, vocabulary) if policy.covers(f.entity_type, f.score)]
    found_names = trimmed + names
    if english and "PERSON" in policy.entity_types:
        listed_with = [f for f in _listed_with_a_name(text, found_names) if not _names_a_thing_alone(text, f)]
        found_names += without_listed_terms(text, listed_with, vocabulary)
    others = without_listed_terms(text, _other_mentions(text, found_names, language or "en"), vocabulary)
    return merge_findings(found_names + others, text)


_NEXT_IN_LIST = re.compile(r"^(?:,\s*|\s+and\s+|\s*&\s*|,\s+and\s+)([A-Z][^\W\d_]*(?:-[A-Z][^\W\d_]+)?)(?![\w-])")
_PREVIOUS_IN_LIST = re.compile(r"(?<![\w-])([A-Z][^\W\d_]*(?:-[A-Z][^\W\d_]+)?)(?:,\s*|\s+and\s+|\s*&\s*)$")


def _listed_with_a_name(text: str, findings: list[Finding]) -> list[Finding]:
    """Returns a PERSON finding for each rare capitalised word listed with a name found: "Descoteaux and Pustivšek",
    "Hansen, Ćosić and Wall" name people together. Places are left, and everyday words unless the list goes on to
    what only people do ("Anna and Slack" stays; "Cliff and Dale both approved" is two people)."""
    from app.privacy.lone_name import names_with_a_person_verb
    from app.privacy.recognizers.lexicon_name_recognizer import is_everyday_name_part
    from app.privacy.recognizers.places import place_lexicon

    covered = [(f.start, f.end) for f in findings]
    added: list[Finding] = []
    pending = [(f.start, f.end) for f in findings if f.entity_type == "PERSON"]
    while pending:
        start, end = pending.pop()
        for match, offset in ((_NEXT_IN_LIST.match(text[end:end + 40]), end), (_PREVIOUS_IN_LIST.search(text[max(0, start - 40):start]), max(0, start - 40))):
            if match is None:
                continue
            word_start, word_end = offset + match.start(1), offset + match.end(1)
            word = match.group(1)
            if len(word) < 3 or word.isupper() or word.lower() in place_lexicon():
                continue
            # An everyday word in the list is a name too when the list goes on to what only people do: "Cliff and
            # Dale both approved the budget" (but "Anna and Slack" is a person and a tool).
            if is_everyday_name_part(word, "en") and not names_with_a_person_verb(text[max(end, word_end):max(end, word_end) + 60]):
                continue
            if any(s < word_end and word_start < e for s, e in covered):
                continue
            covered.append((word_start, word_end))
            added.append(Finding(word_start, word_end, "PERSON", 0.55))
            pending.append((word_start, word_end))
    return added


def _other_mentions(text: str, findings: list[Finding], language: str) -> list[Finding]:
    """Returns a PERSON finding for every other mention of a name part already found ("Katrin Vogel" … "Hallo Katrin").

    A name found once is personal data wherever it recurs in the same text; only capitalised parts of three or
    more letters that are no everyday words are followed ("Bonjour Julia" does not make every "Bonjour" a name).
    """
    from app.privacy.recognizers.lexicon_name_recognizer import is_everyday_name_part

    parts = {
        word for f in findings if f.entity_type == "PERSON"
        for word in re.findall(r"[^\W\d_][\w'’-]+", text[f.start:f.end])
        if len(word) >= 3 and word[0].isupper() and not is_everyday_name_part(word, language)
    }
    if not parts:
        return []
    covered = [(f.start, f.end) for f in findings]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True)) + r")(?![\w-])")
    return [
        Finding(m.start(), m.end(), "PERSON", 0.6) for m in pattern.finditer(text)
        if not any(s <= m.start() < e for s, e in covered)
    ]


def detect_pii(
    transcript: Transcript, analyzer: PiiAnalyzer, policy: RedactionPolicy = RedactionPolicy(),
    vocabulary: Vocabulary = Vocabulary(), language: str | None = None,
) -> list[PiiSpan]:
    """Returns one PiiSpan per detection (per segment it touches), in reading order.

    Offsets are into each segment's ``text``; ``decision`` is "pending".
    ``language`` picks the recognizers; None (or "") follows the transcript's
    ``language`` (Whisper's, detected or given). ``vocabulary`` adds its names
    and keeps its terms (see :func:`find_pii_in_text`). Raises ModelError when
    that language's spaCy pipeline cannot be loaded.
    """
    offsets: list[int] = []
    parts: list[str] = []
    cursor = 0
    for segment in transcript.segments:
        offsets.append(cursor)
        parts.append(segment.text)
        cursor += len(segment.text) + len(SEGMENT_JOINER)
    joined = SEGMENT_JOINER.join(parts)
    spans: list[PiiSpan] = []
    for finding in find_pii_in_text(joined, analyzer, policy, language or transcript.language or None, vocabulary):
        for index, (offset, text) in enumerate(zip(offsets, parts)):
            start = max(finding.start, offset) - offset
            end = min(finding.end, offset + len(text)) - offset
            if end <= start:
                continue
            piece = trim_finding(text, Finding(start, end, finding.entity_type, finding.score))
            if piece is not None:
                spans.append(PiiSpan(index, piece.start, piece.end, piece.entity_type, text[piece.start:piece.end], piece.score))
    return spans
