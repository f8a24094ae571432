"""A lone surname-like word is a person only where a person fits: "Jackson said…", not "an old Ford pickup".

Bands, films, brands, hotels and tools are often named like people
("Metallica", "Oppenheimer", "Jenkins", "Hilton", "Marshall"), and neither
spaCy's small model nor a surname list tells them apart. What does is
frequency and context: a word that is no listed first name, comes without a
first name or title, and is common enough as a word (a brand or title is
written about far more often than a rare surname: "Hilton" 3.8, "Kafka" 3.0,
"Okafor" 2.6, "Lindqvist" 1.7 on wordfreq's Zipf scale) is taken for a person
only in a slot a person fills: before a verb only people do ("Jackson said",
"Patel and Nguyen signed off"), after a phrase that addresses a person ("ask
Kowalski", "thanks Hammond"), or after a title ("Mr. Hammond").
"""
from __future__ import annotations

import re

from app.privacy.recognizers.common_words import word_zipf

# A lone unlisted or surname-only word at least this frequent needs a person's slot ("Syed" 3.1, "Hilton" 3.8 do);
# a rarer word is a name on its own ("Priyanka" 2.7, "Kowalski" 2.7): brands and titles are seldom that rare.
LONE_WORD_ZIPF = 3.0

_TITLE_BEFORE = re.compile(
    r"\b(?:mr|mrs|ms|miss|dr|doctor|professor|prof|sir|madam|dear|officer|captain|coach|nurse|judge|senator|detective|"
    r"sergeant|agent|inspector|uncle|aunt|auntie|cousin)\.?\s+$", re.IGNORECASE,
)
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+(?:(?:old|new|little|big|whole)\s+)?$", re.IGNORECASE)
_FIRST_NAME_BEFORE = re.compile(r"([A-Z][^\W\d_]+)\s+$")
# Verbs, after the name (a list of names and an adverb allowed between), that a person does and a thing does not.
_PERSON_VERBS = (
    r"said|says|say|told|tells|asked|asks|thinks|thought|think|believes|reckons|wants|wanted|needs|needed|agreed|agrees|"
    r"disagreed|signed|signs|approved|approves|emailed|called|rang|texted|messaged|mentioned|mentions|suggested|suggests|"
    r"promised|decided|explained|confirmed|confirms|replied|answered|joined|joins|left the company|resigned|retired|"
    r"presented|presents|will present|is presenting|was presenting|presenting|wrote to|writes to|sent|sends|"
    r"knows|knew|remembers|forgot|apologi[sz]ed|laughed|smiled|shouted|lives|lived|moved|married|was born|is on leave|"
    r"is on holiday|is off|is out|is back|is away|are out|are back|are away|are on leave|are on holiday|will take|will join|will send|will call|can't make|couldn't make|"
    r"owns|owned|gave|gives|had given|began|started|grew up|studied|published|"
    r"and I|and me"
)
# What people are doing, said in the progressive: "Hope and Dawn are covering the help desk".
_PERSON_PROGRESSIVE = (
    r"(?:is|are|was|were|will be)\s+(?:covering|leading|chairing|hosting|presenting|organi[sz]ing|coordinating|"
    r"interviewing|onboarding|mentoring|shadowing|pairing|joining us|visiting us|on leave|on holiday|off sick|out sick)"
)
# ", Lee and Ana Ruiz" after the name: the rest of a list of names, before what they all did.
_MORE_NAMES = r"(?:(?:,\s*|\s+and\s+|\s*&\s*)[A-Z][^\W\d_]+(?:\s+[A-Z][^\W\d_]+){0,2})*"
_PERSON_AFTER = re.compile(
    rf"^{_MORE_NAMES}(?:\s+(?:both|also|just|already|still|then|never|always|really|"
    rf"finally|actually|probably))?\s+(?:{_PERSON_VERBS}|{_PERSON_PROGRESSIVE})\b|^'s\s+(?:wife|husband|partner|son|daughter|kids|children|"
    rf"mother|father|mum|mom|dad|brother|sister|family|boss|manager|team|desk|number|email|address|phone|birthday|"
    rf"idea|point|question|notes|office)\b|^,\s+(?:who|whose)\b|"
    # Spoken to: "Eun-ji, can you take the next item", "Ximena, what do you think" (no one asks a tool).
    rf"^,\s+(?:(?:can|could|would|will|do|did|are|were|have|should)\s+you|(?:what|where|how|when)\s+(?:do|did|are|is)\s+(?:you|we))\b|"
    rf"^\s+(?:family|families|household|kids|children|twins|brothers|sisters|parents|wedding|funeral)\b|"
    rf"^{_MORE_NAMES}\s+(?:is|are|was|were)\s+(?:(?:a|an|the|our|my|your|their)\s+)?(?:\w+\s+)?"
    rf"(?:engineer|founder|manager|director|doctor|nurse|teacher|lawyer|designer|developer|colleague|friend|boss|client|"
    rf"customer|patient|student|author|singer|writer|partner|host|hosting|neighbou?r|tenant|landlord|candidate|intern)s?\b"
)
# Phrases right before the name that address a person or report what one did or said.
_PERSON_BEFORE = re.compile(
    r"\b(?:ask|asked|asking|tell|told|telling|let|thank|thanks|thanked|cc|ping|pinged|email|emailed|call|called|ring|"
    r"text|texted|message|remind|invite|invited|meet|met|hire|hired|interviewed|introduce|introduced|welcome|hi|hey|"
    r"hello|bye|congratulations|congrats|sorry|talked to|talk to|spoke to|spoke with|speak to|speak with|chat with|"
    r"lunch with|coffee with|dinner with|meeting with|call with|according to|on behalf of|from|by|to|with|and|for|cc|"
    r"married|dating|said|says|name is|name's|name was|name\?|calls me|call me|called|named|starring|directed by|written by|"
    r"sung by|played by|featuring|kid|son|daughter|wife|husband|partner|friend|colleague|boss|manager|client|neighbou?r|"
    r"mum|mom|dad|brother|sister|cousin|nephew|niece|grandson|granddaughter)[,]?\s+$",
    re.IGNORECASE,
)
# "sent it to", "went with", "made by": these take things as readily as people; only a person verb before them counts.
_WEAK_BEFORE = frozenset("from by to with and for".split())
_PERSON_VERB_BEFORE_WEAK = re.compile(
    r"\b(?:sent|send|sending|forward|forwarded|give|gave|hand|handed|pass|passed|talk|talked|spoke|speak|went|go|"
    r"came|heard|learned|learnt|email|emailed|reply|replied|write|wrote|report|reports|reported|belongs|belong|"
    r"assigned|assign|married|engaged|"
    # Passives whose agent is a person: "approved by Sukhorukova", "signed by Hutton", "chaired by Ignatieff".
    r"approved|signed|countersigned|co-signed|reviewed|requested|submitted|authori[sz]ed|chaired|interviewed|nominated|"
    r"recommended|endorsed|witnessed|drafted|proposed|hosted|organi[sz]ed|presented|escalated|raised|booked|"
    r"voicemails?|messages?|letters?|notes?|texts?|calls?|invites?|invitations?|replies|reply|feedback|updates?|"
    r"requests?|complaints?|presents?|gifts?|cards?|emails?)\b(?:\s+(?:it|them|this|that|those|the \w+|a \w+|him|her|me|us|back|over))?\s+\w+,?\s+$",
    re.IGNORECASE,
)


_NAMES_THEN_VERB = re.compile(
    rf"^{_MORE_NAMES}(?:\s+(?:both|also|just|already|still|then|never|always|really|finally|actually|probably))?"
    rf"\s+(?:{_PERSON_VERBS}|{_PERSON_PROGRESSIVE})\b"
)


def names_with_a_person_verb(after: str) -> bool:
    """Returns True when ``after`` (the text right after a name) goes on with a verb only people do, maybe after
    more names: " said…", " and Dawn are covering…", " is presenting…"."""
    return bool(_NAMES_THEN_VERB.match(after))


def needs_a_person_slot(text: str, start: int, end: int, first_names: frozenset[str], surnames: frozenset[str]) -> bool:
    """Returns True when the PERSON ``text[start:end]`` is one surname-like word common enough to name a thing.

    Such a word is kept only in a person's slot (see :func:`in_person_slot`).
    """
    word = text[start:end]
    if " " in word or not word[:1].isupper() or word.isupper():
        return False
    lower = word.lower().removesuffix("'s").removesuffix("’s")
    if lower in first_names or any(part in first_names for part in lower.split("-")):
        return False
    from app.privacy.recognizers.korean_name_recognizer import is_korean_given_name

    if is_korean_given_name(word):
        return False  # "Min-jun": wordfreq counts "min" and "jun", no brand is named so
    before = text[max(0, start - 30):start]
    if _TITLE_BEFORE.search(before):
        return False
    first = _FIRST_NAME_BEFORE.search(before)
    if first and first.group(1).lower() in first_names:
        return False
    # "the Sheraton", "an old Ford": English puts no article before a person's name, however rare the word.
    return bool(_ARTICLE_BEFORE.search(before)) or word_zipf(lower, "en") >= LONE_WORD_ZIPF


# "the Hill novel", "the Johnson report": a surname before what someone writes names its author.
_AUTHORED_AFTER = re.compile(
    r"^\s+(?:novel|novels|book|books|biography|memoir|album|song|songs|paper|essay|poem|report|letter|memo|thesis|case|"
    r"trial|lawsuit|estate|diary)\b"
)
# A list of tools or bands often holds one rare word ("Grafana", "Kibana" 1.2); a list of people holds rarer ones
# ("Sedláčková", "Erôss" 0). A listed first name says little: Faker's lists in every locale hold "Miro", "Tesla".
LIST_RARE_ZIPF = 1.0
_LIST_MEMBER = re.compile(r"[A-Z][^\W\d_]*(?:-[A-Z][^\W\d_]+)?")
_LIST_JOINER = re.compile(r"^(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)$")


def _listed_with_a_rare_name(text: str, start: int, end: int) -> bool:
    """True when the word is in a list of capitalised words ("Sedláčková, King and Castro") one of which is a word
    no corpus has: the list names people."""
    members = list(_LIST_MEMBER.finditer(text[max(0, start - 120):end + 120]))
    offset = max(0, start - 120)
    spans = [(offset + m.start(), offset + m.end(), m.group()) for m in members]
    own = next((i for i, (s, e, _) in enumerate(spans) if s == start), None)
    if own is None:
        return False
    chain = [own]
    for step in (-1, 1):
        i = own
        while 0 <= i + step < len(spans):
            left, right = (spans[i + step], spans[i]) if step < 0 else (spans[i], spans[i + step])
            if not _LIST_JOINER.match(text[left[1]:right[0]]):
                break
            i += step
            chain.append(i)
    if any(word_zipf(spans[i][2].lower(), "en") < LIST_RARE_ZIPF for i in chain if i != own):
        return True
    # "Hamid and Shirin Rostami": a first name and a surname in the list make it a list of people.
    from app.privacy.recognizers.name_lexicon import name_lexicon

    first_names, _ = name_lexicon()
    return any(
        spans[i][2].lower() in first_names and i + 1 < len(spans) and text[spans[i][1]:spans[i + 1][0]] == " "
        for i in chain if i != own
    )


def _spelled_nearby(text: str, word: str) -> bool:
    """True when ``word`` is also spelled out letter by letter in ``text`` ("S-H-A-H, Shah"): only names get spelled."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 3:
        return False
    return re.search(r"(?<!\w)" + r"[\s,.-]+".join(re.escape(c) for c in letters) + r"(?!\w)", text, re.IGNORECASE) is not None


# "the gender of Hektor", "the wife of Duygu", "said Antoinetta to Garðar": what only a person has, or speech to them.
_ONLY_A_PERSONS_BEFORE = re.compile(
    r"\b(?:(?:gender|age|wife|husband|widow|son|daughter|mother|father|parents|family|birthday|funeral|nationality|"
    r"surname|maiden name|first name|signature|salary|pronouns)\s+of|"
    r"(?:said|says|shouted|whispered|replied|wrote)\s+[A-Z][^\W\d_]+\s+to)\s+$",
)
# A sentence about the word that the next one takes up as "him" or "her": "Syed is very reliable. You can always
# depend on him." No other capitalised word between, so the pronoun has nobody else to stand for.
_TAKEN_UP_AS_A_PERSON = re.compile(
    r"^\s+(?:is|was|has|had|seems|seemed)\b[^.!?A-Z]{0,60}[.!?]\s+[A-Z][^.!?A-Z]{0,60}?\b(?:him|her|he|she|his|himself|herself)\b"
)
# Spoken to at the end of a sentence: "Don't go to town, Indriði!", "are you coming, Wanjiru?"
_VOCATIVE_BEFORE = re.compile(r"[^\W\d_]\s*,\s+$")
_VOCATIVE_AFTER = re.compile(r"^\s*[!?]")


def taken_up_as_a_person(text: str, end: int) -> bool:
    """Returns True when the sentence about the word ending at ``end`` is followed by one that calls it "him" or "her"."""
    return bool(_TAKEN_UP_AS_A_PERSON.match(text[end:end + 140]))


def in_person_slot(text: str, start: int, end: int) -> bool:
    """Returns True when the words around ``text[start:end]`` are ones only a person fits (see the module's docstring)."""
    after = text[end:end + 60]
    if _PERSON_AFTER.match(after) or _listed_with_a_rare_name(text, start, end) or _spelled_nearby(text, text[start:end]):
        return True
    if taken_up_as_a_person(text, end) or _ONLY_A_PERSONS_BEFORE.search(text[max(0, start - 40):start]) \
            or _VOCATIVE_BEFORE.search(text[max(0, start - 4):start]) and _VOCATIVE_AFTER.match(after):
        return True
    if _AUTHORED_AFTER.match(after) and re.search(r"\b(?:the|a|an|his|her|their)\s+$", text[max(0, start - 8):start], re.IGNORECASE):
        return True
    before = text[max(0, start - 50):start]
    match = _PERSON_BEFORE.search(before)
    if match is None:
        return False
    phrase = match.group().strip(" ,").lower()
    return phrase not in _WEAK_BEFORE or bool(_PERSON_VERB_BEFORE_WEAK.search(before))
