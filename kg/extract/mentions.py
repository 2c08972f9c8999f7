"""spaCy Doc -> entity mentions of the four classes.

spaCy's NER is the start: its labels are mapped to our classes in `_LABEL_CLASS`, then
corrected by general rules (institution noun phrases by head noun, parties, places by
gazetteer and syntax, titles kept out of names, non-entities filtered).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise

from spacy.attrs import IS_ALPHA, IS_UPPER
from spacy.tokens import Doc, Span, Token

from kg.knowledge import Knowledge
from kg.model import EntityClass

# spaCy's labels, mapped to our classes in one place; NORP is handled as demonym or party.
_LABEL_CLASS: dict[str, EntityClass] = {
    "PERSON": "Person",
    "ORG": "Institution",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
}
_NOT_NAME_POS = frozenset({"VERB", "ADP", "ADV", "AUX", "SCONJ", "CCONJ", "DET", "PRON", "NUM", "PART"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "``", "''"})
_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,9}$")
# Heads that name one body only with a proper noun or nationality in front ("Kyrgyz government").
_VAGUE_HEADS = frozenset(
    {
        "government",
        "office",
        "house",
        "group",
        "company",
        "service",
        "board",
        "network",
        "fund",
        "trust",
        "union",
        "force",
        "department",
        "authority",
        "agency",
        "bank",
        "organisation",
        "organization",
        "association",
        "foundation",
        "school",
        "college",
        "hospital",
        "channel",
        "newspaper",
        "broadcaster",
        "chamber",
        "unit",
    }
)
# "Gibraltar" -> "Gibraltarians", "Kashmir" -> "Kashmiri(s)", "Kenya" -> "Kenyans": suffix, letters to restore
_DEMONYM_SUFFIXES = (("ians", ""), ("ian", ""), ("ans", "a"), ("an", "a"), ("ns", ""), ("is", ""), ("i", ""))
NAME_PARTICLES = frozenset(
    {
        "de",
        "da",
        "di",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "al",
        "el",
        "le",
        "la",
        "bin",
        "ibn",
        "ben",
        "du",
        "dos",
        "das",
        "arap",
    }
)
_COMPASS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "middle",
        "far",
        "latin",
    }
)
# entity types a gazetteer place may sit inside: "the Iraq war" (EVENT)
_UNTYPED = frozenset({"", "EVENT"})
_MASS_BODIES = frozenset({"police", "military"})
_INDEFINITE = frozenset({"a", "an", "another", "any", "every", "each", "no", "some"})
# "formed a coordination council": a new body enters the text with "a"
_CREATION_VERBS = frozenset(
    {"form", "set", "create", "establish", "found", "launch", "register", "organise", "organize"}
)
_CONSTITUENCY_HOLDERS = frozenset({"mp", "member", "candidate", "constituency", "seat", "mep", "msp", "representative"})
PLACE_OF_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "region",
        "province",
        "district",
        "state",
        "county",
        "island",
        "republic",
        "port",
        "capital",
    }
)


@dataclass(frozen=True)
class SpanMention:
    """A mention located in a parsed paragraph."""

    span: Span  # the name, honorific included
    cls: EntityClass
    key: str
    country: str | None = None  # ISO code of the state an institution belongs to, when the text says
    is_generic: bool = False  # a common-noun institution ("interior ministry"): needs its country to be unique
    is_country: bool = False
    source: str = ""  # what found it: "ner-PERSON", "honorific-names", ...
    typing: tuple[float, ...] = ()  # P(class) from kg/extract/entity_typing.py, in its LABELS order
    class_stated: bool = False  # the text's own words say its class ("the rebel group LTTE")

    @property
    def text(self) -> str:
        return self.span.text


_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")


def normalise(text: str) -> str:
    text = re.sub(r"[\s\u00a0]+", " ", text).strip()
    stripped = text.strip(" \"'“”‘’.,;:-–—()[]")
    if _INITIALS.fullmatch(stripped) and text.endswith(stripped + "."):
        stripped += "."  # "U.S.", "U.K.": the last full stop is part of the abbreviation
    text = re.sub(r"^(the|The|THE) ", "", stripped)
    text = re.sub(r"(’s|'s|’|')$", "", text)
    return text.strip()


def extract_mentions(doc: Doc, knowledge: Knowledge) -> list[SpanMention]:
    """All entity mentions of one parsed paragraph, non-overlapping, in text order."""
    candidates: list[SpanMention] = []
    ents = _with_regions_after_comma(_with_weekday_titles(_with_conjoined_first_words(doc)), knowledge)
    for ent in _with_country_after_of(ents, knowledge):
        for part in _split_entity(ent, knowledge):
            if _is_title_body_word(part, knowledge):
                continue
            mention = _from_entity(part, knowledge)
            if mention is not None:
                # a region read from its place after a town and a comma, a known town split off a name
                # ("Acme Corp. of Pittsburgh"): the form says it is a place
                stated = (
                    mention.class_stated
                    or (ent.label_ == "GPE" and ent.id_ == _REGION_AFTER_COMMA)
                    or (part.label_ == "GPE" and ent.label_ != "GPE")
                )
                candidates.append(replace(mention, source=f"ner-{ent.label_}", class_stated=stated))
    finders = (
        _institution_phrases,
        _places_of,
        _constituencies,
        # what NER missed, found by general rules; NER's own spans win ties in _without_overlaps
        _honorific_names,
        _party_names,
        _gazetteer_places,
        _named_sites,
        _places_said_to_be,
        _bodies_said_to_be,
        _bodies_before_roles,
        _designated_states,  # before acronyms: the "MA" of "(D-MA)" is Massachusetts
        _chamber_short_forms,
        _acronyms,
    )
    for finder in finders:
        source = finder.__name__.strip("_").replace("_", "-")
        candidates.extend(replace(m, source=source) for m in finder(doc, knowledge))
    return _without_overlaps(candidates)


def _is_title_body_word(span: Span, knowledge: Knowledge) -> bool:
    """ "Party chairman X said": a sentence's first word, a body's common noun before a title's noun,
    is no name of its own (NER tags it for its capital; kg/extract/coref.py links it to the body)."""
    token = span[0]
    if len(span) != 1 or not token.is_sent_start or token.lower_ not in knowledge.body_heads():
        return False
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is not None and following.pos_ == "NOUN" and following.is_lower


def _with_conjoined_first_words(doc: Doc) -> list[Span]:
    """NER's organisations with the first word it cut off before "and": "the Public and Commercial
    Services Union", "the Qualifications and Curriculum Authority". Only after "the" ("Labour and
    Unison" are two), and not after a name NER tagged ("the Pentagon and State Department")."""
    joined: list[Span] = []
    for ent in doc.ents:
        first = doc[ent.start - 2] if ent.start >= 3 else None
        if (
            ent.label_ == "ORG"
            and first is not None
            and doc[ent.start - 1].lower_ == "and"
            and doc[ent.start - 3].lower_ == "the"
            and first.is_title
            and first.ent_type_ == ""  # "the Pentagon and State Department" are two
        ):
            joined.append(Span(doc, first.i, ent.end, label="ORG"))
        else:
            joined.append(ent)
    return joined


_WEEKDAYS = frozenset(calendar.day_name)
_TIME_WORDS = frozenset(
    {"on", "last", "next", "this", "that", "every", "each", "until", "till", "since", "before", "after", "from", "late",
     "early", "of", "to", "and", "or", ","}
)  # fmt: skip


def _joined_with_next(ents: list[Span], join: Callable[[Span, Span], Span | None]) -> list[Span]:
    """NER's spans, each pair that `join` makes one name replaced by that name."""
    joined: list[Span] = []
    skip = -1
    for i, ent in enumerate(ents):
        if i == skip:
            continue
        one = join(ent, ents[i + 1]) if i + 1 < len(ents) else None
        joined.append(one if one is not None else ent)
        skip = i + 1 if one is not None else skip
    return joined


def _with_weekday_titles(ents: list[Span]) -> list[Span]:
    """ "Sunday Telegraph journalist X": NER takes a paper's weekday for a date and the rest for a
    body; the two are one name when they touch and the body's name is capitalised."""

    def join(ent: Span, after: Span) -> Span | None:
        day = ent[-1]
        before = ent.doc[day.i - 1] if day.i > 0 else None
        # "on Monday Labour said": a weekday after a word of time, or opening the sentence, is a date
        is_a_date = before is None or day.is_sent_start or before.lower_ in _TIME_WORDS
        weekday = day.text in _WEEKDAYS and not is_a_date and (len(ent) == 1 or ent[0].lower_ == "the")
        touches = after.label_ == "ORG" and after.start == ent.end and after[0].is_title
        # NER's DATE, or an ORG of its own ("told the Sunday" + "Times Mr Campbell")
        if ent.label_ in {"DATE", "ORG"} and weekday and len(ent) <= 2 and touches:
            return Span(ent.doc, ent.end - 1, after.end, label="ORG")  # "Sunday" + "Telegraph"
        return None

    return _joined_with_next(ents, join)


_REGION_AFTER_COMMA = "region-after-comma"


def _with_regions_after_comma(ents: list[Span], knowledge: Knowledge) -> list[Span]:
    """ "from Ledbury, Herefordshire", "in Chatham, Kent": a county or region of the gazetteer after a
    town and a comma is a place, whatever NER took it for (a person, a work of art). Not after a
    person's name ("Mary, Victoria"), nor run on into another capitalised word ("Kent Brown")."""
    relabelled: list[Span] = []
    for i, ent in enumerate(ents):
        doc = ent.doc
        before = ents[i - 1] if i > 0 else None
        after = doc[ent.end] if ent.end < len(doc) else None
        if (
            ent.label_ not in {"GPE", "LOC"}
            and before is not None
            and before.end == ent.start - 1
            and doc[before.end].text == ","
            and before.label_ in {"GPE", "LOC", "ORG", "FAC"}
            and (after is None or not after.text[:1].isupper())
            and normalise(ent.text) in knowledge.subdivisions
        ):
            relabelled.append(Span(doc, ent.start, ent.end, label="GPE", span_id=_REGION_AFTER_COMMA))
            if _is_town_before_region(before, knowledge):
                # "from Hartpury, Gloucestershire": the name before the region is its town, not a body
                relabelled[-2] = Span(doc, before.start, before.end, label="GPE")
        else:
            relabelled.append(ent)
    return relabelled


def _is_town_before_region(ent: Span, knowledge: Knowledge) -> bool:
    """ "from Hartpury", "in Bethany": a one- or two-word name NER took for a body, after a word of
    place and with no body's word in it."""
    doc = ent.doc
    if ent.label_ not in {"ORG", "FAC"} or len(ent) > 2 or ent.start == 0:
        return False
    if doc[ent.start - 1].lower_ not in {"from", "in", "near", "of"}:
        return False
    return all(
        t.pos_ == "PROPN" and t.lower_ not in knowledge.body_heads() and t.lower_.strip(".") not in FIRM_FORMS
        for t in ent
    )


def _with_country_after_of(ents: list[Span], knowledge: Knowledge) -> list[Span]:
    """ "The Muslim Council of Britain said": NER's organisation and the country it cut off after
    "of" are one name, when the organisation ends in a body's head noun and is no body every state
    has (the "Government of Iraq" is Iraq's government either way)."""
    heads = knowledge.words("institution_heads")

    def join(ent: Span, after: Span) -> Span | None:
        doc = ent.doc
        name = _trim(ent)
        if (
            name is not None
            and ent.label_ == "ORG"
            and after.label_ == "GPE"
            and after.start == ent.end + 1
            and doc[ent.end].lower_ == "of"
            and doc[ent.end - 1].lower_ in heads
            and knowledge.country_code(normalise(after.text)) is not None
            and not _is_common_name(normalise(name.text), knowledge)
        ):
            return Span(doc, ent.start, after.end, label="ORG")
        return None

    return _joined_with_next(ents, join)


def names_a_body_of_a_country(text: str, knowledge: Knowledge) -> bool:
    """ "Muslim Council of Britain", "Federation of Kenya Employers" is not, "Supreme Court of
    Canada": a body's head noun, "of" and a country end the name: its form says it is a body."""
    words = text.split()
    if len(words) < 3 or "of" not in words[1:-1]:
        return False
    at = len(words) - 1 - words[::-1].index("of")
    return (
        words[at - 1].lower() in knowledge.words("institution_heads")
        and knowledge.country_code(" ".join(words[at + 1 :])) is not None
    )


def _split_entity(ent: Span, knowledge: Knowledge) -> list[Span]:
    """One NER span that holds several names: "the Midlands, Merseyside" (a list), "the Golden Temple
    in Amritsar" (a site and its town), "Acme Corp. of Pittsburgh" (a firm and its town), "Veritas -
    Latin for truth" (a name and a gloss)."""
    doc = ent.doc
    for token in ent[1:-1]:
        if token.text in {"-", "–", "—"} and token.whitespace_ and doc[token.i - 1].whitespace_:
            return [Span(doc, ent.start, token.i, label=ent.label_)]  # the gloss after a spaced dash is no name
    if ent.label_ == "ORG":
        for token in ent[1:-1]:
            if (
                token.tag_ == "POS"
                and doc[token.i + 1].text[:1].isupper()
                and names_a_body(doc[token.i - 1], knowledge)
            ):
                # "the U.S. Army's School of the Americas", "DOJ's Civil Rights Division": two bodies, the
                # owner and its unit (not "the People's Party", "King's College": no body before the "'s")
                unit = doc[token.i + 1 : ent.end]
                if any(t.text == ")" for t in unit):
                    break  # "the Guard's 223rd Military Intelligence (M.I.) Battalion": no clean cut
                end = next((t.i for t in unit if t.text == "("), ent.end)  # "School of the Americas (SOA"
                return [Span(doc, ent.start, token.i, label="ORG"), Span(doc, token.i + 1, end, label="ORG")]
    cuts = [
        t.i for t in ent[1:-1] if t.text == "," and doc[t.i + 1].text[:1].isupper() and doc[t.i - 1].text[:1].isupper()
    ]
    # "Simpson, Thacher & Bartlett": a partnership's names, the last two joined by "&", are one firm
    is_partnership = ent.label_ == "ORG" and bool(cuts) and any(t.text == "&" for t in doc[cuts[-1] : ent.end])
    if cuts and not is_partnership and not _is_place_with_region(ent, cuts, knowledge):
        bounds = [ent.start, *cuts, ent.end]
        return [
            Span(doc, start + (1 if start in cuts else 0), end, label=ent.label_)
            for start, end in pairwise(bounds)
            if end > start + (1 if start in cuts else 0)
        ]
    for token in ent[1:-1]:
        after = doc[token.i + 1 : ent.end]
        # "Acme Corp. of Pittsburgh": a company's legal form ends its name, the town after "of" is its seat
        is_seat = token.lower_ == "of" and doc[token.i - 1].lower_ in FIRM_FORMS
        if (
            (token.lower_ == "in" or is_seat)
            and after.text[:1].isupper()
            and knowledge.is_known_place(normalise(after.text))
        ):
            return [Span(doc, ent.start, token.i, label=ent.label_), Span(doc, token.i + 1, ent.end, label="GPE")]
    return [ent]


# nouns of a body's parts that are bodies of their own kind too ("the Army's School of the
# Americas"): a unit only when a body's possessive owns it, not "a school in X"
OWNED_UNIT_NOUNS = frozenset({"school", "institute", "college", "center", "centre", "office", "laboratory"})


def names_a_body(last: Token, knowledge: Knowledge) -> bool:
    """The last word of a body's name: an acronym ("DOJ", "MSU") or an institution's head noun ("Army")."""
    return bool(_ACRONYM.match(last.text)) or (
        last.text[:1].isupper() and last.lower_ in knowledge.words("institution_heads")
    )


# a company's legal forms, which end its name ("Acme Corp.", "Siemens AG")
FIRM_FORMS = frozenset({"inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc", "llc", "ag", "sa", "nv"})


def _is_place_with_region(ent: Span, cuts: list[int], knowledge: Knowledge) -> bool:
    """ "Lubbock, Texas", "Hinckley, Leicestershire": a town and the region it is in, one name."""
    if len(cuts) != 1:
        return False
    region = normalise(ent.doc[cuts[0] + 1 : ent.end].text)
    return ent.label_ == "GPE" and (region in knowledge.regions or knowledge.country_code(region) is not None)


def _without_leading_lower_case(span: Span) -> Span | None:
    """ "left-leaning Institute for ...": a lower-case word NER took in front of a name is no part of it."""
    start = span.start
    doc = span.doc
    while (
        start < span.end - 1
        and doc[start].text.islower()
        and doc[start].lower_ not in NAME_PARTICLES
        and doc[start].pos_ != "PROPN"
        and any(t.text[:1].isupper() for t in doc[start + 1 : span.end])
    ):
        start += 1
    if start > span.start and doc[start].text in {"-", "–"}:
        start += 1
    if start == span.start:
        # "Premiership champions Arsenal", "Bundesliga leaders Bayern Munich": a description NER ran
        # into the name ends at its lower-case noun; no name holds one between capitalised words
        nouns = [
            t.i
            for t in doc[start + 1 : span.end - 1]
            if t.text.islower() and t.tag_ in {"NN", "NNS"} and t.lower_ not in NAME_PARTICLES
        ]
        if len(nouns) == 1 and all(
            t.text[:1].isupper() for t in (*doc[start : nouns[0]], *doc[nouns[0] + 1 : span.end])
        ):
            start = nouns[0] + 1
    return doc[start : span.end] if start < span.end else None


def _trim(span: Span) -> Span | None:
    """Drop leading determiners and trailing possessives and punctuation; None if nothing left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct or doc[start].is_space):
        start += 1
    if end - start > 2 and doc[start].lower_ == "ex" and doc[start + 1].text == "-":
        start += 2  # "Ex-Downing Street aide": a former post's place, not a name of its own
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end - start > 3 and doc[end - 2].text in {"-", "–"} and doc[end - 1].like_num and doc[end - 3].like_num:
        end -= 3  # "Chelsea 2-1": a match's score NER ran into the club's name
    closing = [t.i for t in doc[start:end] if t.text == ")"]
    if closing and not any(t.text == "(" for t in doc[start : closing[-1]]):
        # "Microsoft (Profile, Products, Articles) Corp.": a page's links inside a name leave no name
        start = closing[-1] + 1
        if all(t.lower_.strip(".") in LEGAL_FORMS or t.is_punct for t in doc[start:end]):
            return None
    if start >= end or any("\n" in t.text for t in doc[start:end]):
        return None
    return doc[start:end]


_FOLLOWERS = re.compile(r"^[A-Z][a-z]+ites$")
# no one body is "a", "your" or "every" one: a name after these is a common noun's capitals
_COUNTING_DETERMINERS = frozenset({"a", "an", "your", "my", "our", "every", "each", "any", "another"})


def _after_indefinite_article(span: Span) -> bool:
    """ "a large Hospital": "a" or "an" before the name, adjectives between."""
    i = span.start - 1
    while i >= 0 and span.doc[i].pos_ == "ADJ":
        i -= 1
    return i >= 0 and span.doc[i].lower_ in {"a", "an"}


def _without_rank(span: Span) -> Span:
    """ "Conservative Party Co-" -> "Conservative Party": a title's prefix of rank off its end."""
    end = span.end
    while end > span.start and span.doc[end - 1].lower_ in {"-", "co", "vice", "deputy"}:
        end -= 1
    return span.doc[span.start : end]


def _is_common_noun(span: Span, text: str, knowledge: Knowledge) -> bool:
    """A word NER took for a name that the text uses as a common noun."""
    if _FOLLOWERS.match(text) and not knowledge.is_known_place(text):
        return True  # "the last stand of the Thatcherites": followers, a group of people
    if len(span) != 1:
        return False
    word = span[0]
    if word.text.islower() and word.lemma_ not in knowledge.body_heads():
        return True  # "Isp : 420 sec.": a lower-case word is no name, unless it names a body ("police")
    if word.dep_ != "compound" and any(c.lower_ in _COUNTING_DETERMINERS for c in word.children):
        return True  # "reported to your ISP", "a DDoS against Microsoft": one of a kind
    # "I work at a large Hospital": a body's head noun with a capital, one of many
    return _after_indefinite_article(span) and word.lower_ in (
        knowledge.words("site_nouns") | knowledge.words("institution_heads")
    )


def _from_entity(ent: Span, knowledge: Knowledge) -> SpanMention | None:
    span = _trim(ent)
    if span is not None:
        span = _without_leading_lower_case(span)
    if span is not None and ent.label_ != "PERSON":
        # "told the Sunday Times Mr Campbell would": NER ran a body's name into the honorific of
        # the next; no body's name ends in one
        end, doc = span.end, span.doc
        names_next = end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha
        while names_next and end > span.start + 1 and doc[end - 1].text in knowledge.lexicon["honorifics"]:
            end -= 1
        span = doc[span.start : end]
    if span is None:
        return None
    text = normalise(span.text)
    if not text or text in knowledge.lexicon["non_entity_words"] or text in _non_entity_acronyms(knowledge):
        return None  # "Monday"; "TV", "TB", "MPs" that NER took for bodies
    if _is_common_noun(span, text, knowledge):
        return None
    if len(span) > 1 and span[-1].lower_ in title_words(knowledge):
        without_title = _without_rank(span[:-1])
        if len(without_title) and (
            without_title[-1].lower_ == "party" or party_name(normalise(without_title.text), knowledge)
        ):
            span = without_title  # "The Conservative Party Co-Chairman said": the party, not a name of its own
            text = normalise(span.text)
    if ent.label_ == "ORG" and span.end < len(span.doc) and span.doc[span.end].ent_type_ == "PERSON":
        # "Boeing General Counsel Doug Bain": NER ran the body's name on into the title before a name
        end = span.end
        while end - 1 > span.start and span.doc[end - 1].lower_ in title_words(knowledge):
            end -= 1
        if end < span.end:
            span = span.doc[span.start : end]
            text = normalise(span.text)
    heads = [t.i for t in span[1:-1] if t.text == "Party" and span.doc[t.i + 1].text[:1].isupper()]
    if heads:
        # "Scottish National Party Holyrood leader", "... Party Justice spokesman": a party's name
        # ends at its head noun, unless "of" or "for" carries it on ("Party of European Socialists")
        span = span.doc[span.start : heads[-1] + 1]
        text = normalise(span.text)
    if _is_part_of_title(span, knowledge) or is_demonym_form(text, knowledge, frozenset()):
        return None
    if (
        all(t.lower_ in _COMPASS for t in span)
        and span.end < len(span.doc)
        and (span.doc[span.end].ent_type_ == "NORP" or knowledge.demonym_country(span.doc[span.end].text))
    ):
        return None  # "South East Asian countries": part of an adjective, not a place
    if len(span) == 1 and span[0].lower_ in knowledge.words("event_heads") and ent.label_ != "PERSON":
        return None  # "Brown names 16 March for Budget", "the Summit": an event by its kind alone
    if len(span) > 1 and span[-1].lower_ in knowledge.words("event_heads"):
        # "the Conservative Party Conference", "the Anglo-Irish Agreement": an event or a law, not a body
        span = span[:-1]
        text = normalise(span.text)
        party = party_name(text, knowledge)
        return SpanMention(span, "Party", party.lower()) if party is not None else None
    party = party_name(text, knowledge)
    if party is not None:
        return SpanMention(span, "Party", party.lower())
    if _is_named_movement_of_members(span):
        return SpanMention(span, "Party", text.lower())  # "David Trimble's Ulster Unionists"
    if ent.label_ == "NORP" and _owns_something(span, text, knowledge):
        return SpanMention(span, "Institution", _institution_key(text, knowledge))  # "Coldplay's Chris Martin"
    if ent.label_ == "NORP" or ent.label_ not in _LABEL_CLASS:
        return None
    if _is_title_word(span, knowledge):
        return None
    if _is_sentence_initial_common_word(span) and not (ent.label_ == "GPE" and knowledge.country_code(text)):
        return None  # a country NER found is one even where the tagger took it for a noun ("5. Somalia: 142")
    if span[-1].lower_.endswith("s") and _is_title_plural(span, knowledge):
        return None  # "MPs", "Senators" typed ORG: a group named by its title, of any class
    code = knowledge.country_code(text)
    if code is not None:
        return SpanMention(span, "Place", f"country:{code}", is_country=True)
    cls = _LABEL_CLASS[ent.label_]
    if _names_a_place_noun(span, knowledge):
        return SpanMention(span, "Place", text.lower())  # "Pakistan's Sindh province", "a Cardiff constituency"
    if _is_attributive(span, ent.label_, knowledge):
        return None
    if _is_common_name(text, knowledge) and len(span) == 1 and span[0].dep_ == "compound":
        return None  # "Cabinet ministers", "a police inquiry": the body is not what the text is about
    if _names_no_entity(span, knowledge):
        return None
    honorifics = knowledge.lexicon["honorifics"]
    if (span.start > 0 and span.doc[span.start - 1].text in honorifics) or (
        len(span) > 1 and span[0].text in honorifics
    ):
        cls = "Person"  # "Mr Campbell", "Dr Fox": NER's ORG is wrong, the honorific is not
    elif cls == "Person" and len(span) == 1 and knowledge.is_known_place(text) and not _is_kin(span, knowledge):
        cls = "Place"  # "Labour chooses Manchester": a lone city name is a place, whatever NER says
    elif cls == "Place" and len(span) == 1 and _is_kin(span, knowledge):
        cls = "Person"  # "with daughter Victoria": a relative named after a city is still a person
    elif cls == "Person" and len(span) == 1 and (_ACRONYM.match(text) or any(c.isdigit() for c in text)):
        cls = "Institution"  # "the G8": no person's name is an acronym
    if cls == "Person" and _is_compass_place(text, knowledge):
        cls = "Place"  # "Leeds North West": a constituency, before any word of it is taken for a title
    if cls == "Person":
        span = _without_leading_titles(span, knowledge)
        while span is not None and len(span) > 1 and span[0].pos_ in _NOT_NAME_POS:
            span = span[1:]  # "Vote Blair", "Across Wales", "4 Damien Martyn": NER took a word before the name
        if span is None or _is_title_plural(span, knowledge):
            return None  # "Labour MPs": a group named by its title
        text = normalise(span.text)
        if len(span) > 1 and is_region_or_country(span[-1].text, knowledge):
            # "Banda Aceh", "Lycos Europe": no person's name ends in a country, region or continent
            cls = "Place" if knowledge.is_gazetteer_place(text) else "Institution"
        elif len(span) > 1 and span[-1].lower_ in _STREET_ENDS:
            cls = "Place"  # "Downing St said": no person's name ends in a street
    if len(span) > 2 and span[-1].lower_ in _COMPASS and span[-2].lower_ in _STREET_ENDS:
        cls = "Place"  # "an industrial estate off Birch Road East": a road, whatever NER says
    if cls != "Place" and _is_compass_place(text, knowledge):
        cls = "Place"  # "Leicester South", "North Dorset", "Mid-Bedfordshire": a constituency or district
    if cls == "Place" and any(
        w in knowledge.words("institution_heads") - {"house", "state"} for w in text.lower().split()
    ):
        cls = "Institution"  # "Centro Nacional de Microelectronica", "Bank of England" tagged as places
    if cls == "Person":
        if not any(t.pos_ == "PROPN" for t in span):
            return None
        span = _with_given_names(span, knowledge)
        return SpanMention(_with_honorific(span, knowledge), "Person", person_key(normalise(span.text), knowledge))
    if cls == "Institution":
        cls = _reclassify_org(span, text, knowledge)
    if cls == "Place":
        if len(span) > 1 and span[-1].text.islower() and span[-1].lemma_ in PLACE_OF_NOUNS:
            span = span[:-1]  # "Sindh province": the name without its common noun
            text = normalise(span.text)
        written = span.text.strip()  # "Ill.": the full stop normalise() takes off makes it an abbreviation
        return SpanMention(
            span, cls, place_key(written if knowledge.region_name(written) != written else text, knowledge)
        )
    # a lower-case body ("national security committee") is one only within its state
    return SpanMention(span, cls, _institution_key(text, knowledge), is_generic=_is_common_name(text, knowledge))


_COMPASS_COMPOUND = re.compile(r"^(north|south)[ -](east|west) (?=\w)")


def place_key(text: str, knowledge: Knowledge) -> str:
    """ "Calif." and "California" are one key: a state's abbreviation is its name; "South East
    Asia", "South-East Asia" and "Southeast Asia" are one region."""
    return _COMPASS_COMPOUND.sub(r"\1\2 ", street_name(knowledge.region_name(text)).lower())


_STREET_ENDS = frozenset({"street", "st", "st.", "avenue", "ave", "ave.", "road", "rd", "rd."})
_STREET_ABBREVIATIONS = {
    "st": "Street",
    "st.": "Street",
    "ave": "Avenue",
    "ave.": "Avenue",
    "rd": "Road",
    "rd.": "Road",
}


def street_name(text: str) -> str:
    """ "10 Downing Street", "Downing St" -> "Downing Street": the street, whatever house number or
    abbreviation the text writes (a "St" at the end is never a saint)."""
    words = text.split()
    if len(words) < 2 or words[-1].lower() not in _STREET_ENDS:
        return text
    if len(words) >= 3 and words[0].isdigit():
        words = words[1:]
    return " ".join([*words[:-1], _STREET_ABBREVIATIONS.get(words[-1].lower(), words[-1])])


def key_for(text: str, cls: EntityClass, knowledge: Knowledge) -> tuple[str, bool]:
    """How a class keys a name: the key, and whether it is a common-noun body (one only with its
    state). Used when a mention changes class."""
    text = normalise(text)
    if cls == "Person":
        return person_key(text, knowledge), False
    if cls == "Place":
        code = knowledge.country_code(text)
        return (f"country:{code}" if code else place_key(text, knowledge)), False
    if cls == "Party":
        party = party_name(text, knowledge)
        return (party or text).lower(), party is None and _is_common_name(text, knowledge)
    return _institution_key(text, knowledge), _is_common_name(text, knowledge)


def retyped(mention: SpanMention, cls: EntityClass, knowledge: Knowledge) -> SpanMention:
    """The mention as a name of another class, keyed as that class keys its names."""
    key, is_generic = key_for(mention.span.text, cls, knowledge)
    return replace(
        mention, cls=cls, key=key, is_generic=is_generic, is_country=key.startswith("country:"), country=None
    )


def party_name(text: str, knowledge: Knowledge) -> str | None:
    """ "Tories", "Tory Party", "Lib Dem" -> the party's canonical name, from the nickname table."""
    nicknames = knowledge.lexicon["party_nicknames"]
    if text in nicknames:
        return str(nicknames[text])
    words = text.split()
    if len(words) > 1 and words[-1].lower() == "party" and " ".join(words[:-1]) in nicknames:
        return str(nicknames[" ".join(words[:-1])])  # "the Tory Party": the nickname with its head noun
    return None


def names_a_party_member(word: str, knowledge: Knowledge) -> bool:
    """ "a Republican", "a Tory", "Labour": one of a party, by the party's name or its members' plural."""
    return party_name(word, knowledge) is not None or party_name(f"{word}s", knowledge) is not None


def _movement_heads(knowledge: Knowledge) -> frozenset[str]:
    """The party head nouns that make a name a party or movement: not "union", "congress" or
    "league", which also head trade bodies and parliaments ("the Trades Union Congress")."""
    return knowledge.derived_words(
        "movement heads", lambda: knowledge.words("party_heads") - {"union", "congress", "league"}
    )


def called_a_movement(span: Span, knowledge: Knowledge) -> bool:
    """ "Arafat's Fatah movement", "the militant group Hamas", "the rebel group LTTE": a body its
    text calls a movement, or a militant or rebel group, is a political movement (a Party)."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    heads = _movement_heads(knowledge)
    before = [t.lower_ for t in doc[max(0, span.start - 2) : span.start]]
    return (after is not None and after.is_lower and after.lower_ in heads) or any(
        w in knowledge.words("armed_movement_words") for w in before
    )


def _reclassify_org(span: Span, text: str, knowledge: Knowledge) -> EntityClass:
    """spaCy's ORG covers parties and some places; sort them out."""
    words = text.lower().split()
    if words and words[-1] in _movement_heads(knowledge):
        return "Party"
    if "party" in words:
        return "Party"
    if called_a_movement(span, knowledge):
        return "Party"
    if text in knowledge.city_country or text in knowledge.regions:
        return "Place"
    root = span.root
    # "the White House, which houses ... Parliament", "a building known as X": a building, not a body
    if any(c.dep_ == "relcl" and c.lemma_ in {"house", "host"} for c in root.children):
        return "Place"
    if (
        root.head.lower_ == "as"
        and root.head.head.lemma_ == "know"
        and root.head.head.head.lemma_.lower() in knowledge.words("site_nouns")
    ):
        return "Place"
    heads = knowledge.words("institution_heads")
    if any(w in heads for w in words) or _ACRONYM.match(text):
        return "Institution"
    if words and words[-1] in knowledge.words("site_nouns"):
        return "Place"  # "the Nairobi Serena Hotel", "Wembley Stadium": a building or site
    while root.dep_ in {"conj", "appos"} and root.head.i < root.i and root.head.pos_ == "PROPN":
        root = root.head  # "spread to the Midlands, Merseyside, Bristol": the list is where its first item is
    # "in the Caucasus", "the gold deposit ..., Jeruy": a name used as a location, not a body.
    if (
        root.dep_ == "pobj"
        and root.head.lower_ in {"in", "across", "near", "to", "from"}
        and len(span) <= 2
        and root.head.head.pos_ in {"VERB", "NOUN"}
        and not _is_acting(root)
    ):
        return "Place"
    if root.dep_ == "appos" and root.head.lemma_.lower() in knowledge.words("site_nouns"):
        return "Place"
    return "Institution"


def _owns_something(span: Span, text: str, knowledge: Knowledge) -> bool:
    """ "Coldplay's Chris Martin": NER's nationality or group that takes a possessive is a body's
    name; a people never does ("Britain's", not "British's"), so a demonym is no such name."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return (
        after is not None
        and after.tag_ == "POS"
        and span[-1].tag_ == "NNP"
        and not text.endswith("s")  # "the Palestinians' leader": a people in the plural
        and not knowledge.demonym_country(text)
        and not is_demonym_form(text, knowledge, frozenset())
        and knowledge.country_code(text) is None
    )


def _is_attributive(span: Span, label: str, knowledge: Knowledge) -> bool:
    """ "a Budget giveaway", "the G8 group", "his Kent house": a one-word name used as a modifier of a
    common noun describes that noun; its class is unreliable and the noun is what the text is about."""
    token = span[0]
    if len(span) != 1 or token.dep_ != "compound" or token.head.pos_ != "NOUN":
        return False
    if knowledge.is_known_place(normalise(span.text)) or (_ACRONYM.match(token.text) and label == "ORG"):
        return False  # "a London hospice", "a BBC documentary": the gazetteer or the acronym says what it is
    head = token.head.lemma_.lower()
    # "Arafat's Fatah movement", "the Likud bloc": the noun says what the name is, a movement
    return head not in title_words(knowledge) | knowledge.words("institution_heads") | _movement_heads(knowledge)


_MARKET_MOVES = frozenset({"fall", "rise", "gain", "lose", "close", "drop", "slip", "climb", "jump", "shed", "add"})


def _names_no_entity(span: Span, knowledge: Knowledge) -> bool:
    """Names that qualify a kind or name a product or an index, not an entity of ours: "six Golden
    Globe nominations", "the Victorian Tamil community"; "brands such as Thalia Sodi, Jaclyn
    Smith", "Kmart's brands include Martha Stewart"; "The BSE Sensex fell 74.69 points";
    "Cigarette major ITC" (its sector)."""
    doc, root = span.doc, span.root
    after = doc[span.end] if span.end < len(doc) else None
    kinds = knowledge.words("kind_of_heads")
    qualified = (root.dep_ == "compound" and root.head.i >= span.end and root.head.lemma_.lower() in kinds) or (
        after is not None and after.pos_ == "NOUN" and after.lemma_.lower() in kinds
    )
    if qualified and not knowledge.is_known_place(normalise(span.text)):
        return True
    # a name listed after "brands such as" / "apparel brands like", with the names joined to it
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    preposition = first.head if first.dep_ == "pobj" else None
    products = knowledge.words("product_nouns")
    if (
        preposition is not None
        and preposition.lower_ in {"as", "like", "including"}
        and (owner := preposition.head.head if preposition.head.lower_ == "such" else preposition.head).pos_ == "NOUN"
        and owner.lemma_.lower() in products
    ):
        return True
    if (
        first.dep_ in {"dobj", "attr"}
        and first.head.lemma_ in {"include", "be"}
        and any(c.dep_ == "nsubj" and c.lemma_.lower() in products for c in first.head.children)
    ):
        return True  # "Kmart's brands include Martha Stewart, Jaclyn Smith and Joe Boxer"
    if (
        root.dep_ == "nsubj"
        and root.head.lemma_ in _MARKET_MOVES
        and any(c.lemma_ == "point" and c.dep_ in {"npadvmod", "dobj"} for c in root.head.children)
    ):
        return True  # a market index moves by points; a party's poll share ("Labour fell 5 points") is a Party
    return (
        len(span) == 1
        and after is not None
        and after.lower_ in knowledge.words("sector_nouns")
        and span.end + 1 < len(doc)
        and doc[span.end + 1].text[:1].isupper()
    )


def _is_named_movement_of_members(span: Span) -> bool:
    """ "the Ulster Unionists", "the Democratic Unionists", "Tamil Nationalists": a name that ends in
    its members' "-ists", qualified by a capitalised word, is a political movement (a Party by the
    guidelines), not a person or a body; not "the Union of Concerned Scientists"."""
    words = [t for t in span if t.lower_ != "the"]
    return (
        len(words) >= 2
        and words[-1].text.endswith("ists")
        and words[-1].text[:1].isupper()
        and all(t.text[:1].isupper() for t in words)
    )


def _names_a_place_noun(span: Span, knowledge: Knowledge) -> bool:
    """ "Sindh province", "Rajasthan state", "a Cardiff constituency": a name in front of a place
    noun names that place."""
    token = span[-1]
    return (
        token.dep_ == "compound"
        and token.head.pos_ == "NOUN"
        and token.head.i == span.end
        and token.head.lemma_.lower() in PLACE_OF_NOUNS | {"constituency", "seat", "borough"}
        and token.head.text.islower()
    )


def is_region_or_country(word: str, knowledge: Knowledge) -> bool:
    """A country's name or a first-level region's (ISO 3166-2, US states) or a continent's."""
    return knowledge.country_code(word) is not None or word in knowledge.regions


def _is_compass_place(text: str, knowledge: Knowledge) -> bool:
    """A compass word and a place of the gazetteers: "Bristol East", "North Dorset", "Mid-Bedfordshire"."""
    words = re.split(r"[\s-]+", text)
    if len(words) < 2:
        return False
    if words[0].lower() in _COMPASS | {"mid"}:
        rest = " ".join(words[1:])
    elif len(words) > 2 and words[-2].lower() in _COMPASS and words[-1].lower() in _COMPASS:
        rest = " ".join(words[:-2])  # "Leeds North West", "Surrey South West"
    elif words[-1].lower() in _COMPASS:
        rest = " ".join(words[:-1])
    else:
        return False
    return knowledge.is_gazetteer_place(rest) or rest in knowledge.cities or rest in knowledge.regions


def _is_kin(span: Span, knowledge: Knowledge) -> bool:
    """ "his daughter Victoria", "wife Audrey", "Kennedy's widow": a name beside a kinship noun (or
    owning a killer) is a person's."""
    root = span.root
    family = knowledge.words("family_words")
    if root.dep_ in {"appos", "compound"} and root.head.lemma_.lower() in family:
        return True
    if root.dep_ == "poss" and root.head.lemma_.lower() in family | knowledge.words("killer_nouns"):
        return True  # "Kennedy's assassin", "Lincoln's widow": a person's, not the town's
    return any(c.dep_ in {"compound", "amod", "nmod"} and c.lemma_.lower() in family for c in root.lefts) or (
        span.start > 0 and span.doc[span.start - 1].lower_ in family
    )


def _is_part_of_title(span: Span, knowledge: Knowledge) -> bool:
    """ "Secretary of State Condoleezza Rice": "State" is the end of a title, not a body."""
    doc = span.doc
    titles = knowledge.words("head_of_state_titles")
    if any(span.start >= back and doc[span.start - back : span.end].text.lower() in titles for back in (2, 3)):
        return True
    # "Culture, Media and Sport Secretary Tessa Jowell": a word of a list of portfolios before the title
    # (not "Blair and Brown, Tory spokesman X": a comma after the list's "and" ends it)
    if len(span) != 1 or span[0].ent_type_ == "PERSON":
        return False
    i = span.end
    listed = after_and = span.start > 0 and doc[span.start - 1].text in {"and", "&"}
    while i < len(doc) and i < span.end + 8:
        token = doc[i]
        if token.lower_ in _PORTFOLIO_TITLES:
            return listed  # an "and" sets it too
        if token.text in {"and", "&"}:
            listed = after_and = True
        elif token.text == ",":
            if after_and:
                return False
            listed = True
        elif not token.is_title or token.ent_type_ == "PERSON":
            return False
        i += 1
    return False


_PORTFOLIO_TITLES = frozenset({"secretary", "minister", "spokesman", "spokeswoman", "spokesperson"})


def _is_title_plural(span: Span, knowledge: Knowledge) -> bool:
    """ "MPs", "Senators": a title in the plural names a group, not a person."""
    words = title_words(knowledge) | knowledge.words("head_of_state_titles")
    return all(t.lower_ in words or (t.lower_.endswith("s") and t.lower_[:-1] in words) for t in span)


def is_demonym_form(text: str, knowledge: Knowledge, places: frozenset[str]) -> bool:
    """ "Gibraltarians", "Kashmiris", "Kashmiri", "Russians": the people of a place, not an entity.
    `places` adds the document's own place names to the gazetteer."""
    if not text[:1].isupper():
        return False
    if knowledge.demonym_country(text) or (text.endswith("s") and knowledge.demonym_country(text[:-1])):
        return True  # "Sri Lankans" too: a demonym of two words
    if " " in text:
        return False
    for suffix, restore in _DEMONYM_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 2:
            stem = text[: -len(suffix)] + restore
            if stem in places or knowledge.is_known_place(stem):
                return True
    return False


def _is_acting(token: Token) -> bool:
    """An organisation that says or does something is an actor, not a place."""
    return any(child.dep_ in {"nsubj", "nsubjpass"} for child in token.children)


def person_key(name: str, knowledge: Knowledge) -> str:
    """ "Mr Tony Blair" -> "tony blair": honorifics are surface, not identity."""
    honorifics = set(knowledge.lexicon["honorifics"])
    words = name.split()
    while len(words) > 1 and words[0] in honorifics:
        words = words[1:]
    return " ".join(words).lower()


def is_post_nominal_title(token: Token, knowledge: Knowledge) -> bool:
    """A title in capitals written after a name: "MP" in "Paul Boateng MP"."""
    return token.is_upper and token.lower_ in title_words(knowledge)


def title_words(knowledge: Knowledge) -> frozenset[str]:
    """Every word of every title, role or occupation: never part of a person's name."""
    keys = ("head_of_state_titles", "title_modifiers", "occupations", "party_roles", "org_roles", "leading_roles")
    return knowledge.derived_words(
        "title words",
        lambda: frozenset(word for key in keys for title in knowledge.words(key) for word in title.split()),
    )


def _not_name_words(knowledge: Knowledge) -> frozenset[str]:
    """Words that may stand before a name but are never part of it: titles, roles, party names."""

    def build() -> frozenset[str]:
        party_words = {word.lower() for name in knowledge.lexicon["party_nicknames"] for word in name.split()}
        # "Sen. John Kerry", "Gov. Arnold Schwarzenegger": an abbreviated title is no given name either
        abbreviations = {word for form in knowledge.lexicon["title_abbreviations"] for word in form.split()}
        return title_words(knowledge) | party_words | abbreviations | {"democrat", "republican"}

    return knowledge.derived_words("not name words", build)


def _without_leading_titles(span: Span, knowledge: Knowledge) -> Span | None:
    """ "Secretary Jack Straw", "Linguist Phillip Lieberman": NER took the title into the name."""
    words = _not_name_words(knowledge)
    start, end = span.start, span.end
    while start < end - 1 and (span.doc[start].lower_ in words or knowledge.demonym_country(span.doc[start].text)):
        start += 1
    while end > start + 1 and span.doc[end - 1].text in knowledge.lexicon["honorifics"]:
        end -= 1  # "Tory Treasurer Lord" + name on the next line: the honorific is not the name
    while end > start + 1 and span.doc[end - 1].text.isupper() and span.doc[end - 1].lower_ in words:
        end -= 1  # "Paul Boateng MP, Labour's Chief Secretary": the seat's letters after a name
    if end - start == 1 and span.doc[start].text in knowledge.lexicon["honorifics"]:
        return None
    return span.doc[start:end]


def _with_given_names(span: Span, knowledge: Knowledge) -> Span:
    """ "Sooronbai Jeenbekov" where NER took only "Jeenbekov": proper-noun compounds of the name are part of it."""
    doc = span.doc
    start = span.start
    titles = _not_name_words(knowledge)
    honorifics = set(knowledge.lexicon["honorifics"])
    while start > 0:
        token = doc[start - 1]
        if (
            token.tag_ == "NNP"
            and token.dep_ == "compound"
            and token.head.i in range(span.start, span.end)
            and token.lower_ not in titles
            and token.text not in honorifics
            and token.text[:1].isupper()
            and knowledge.country_code(token.text) is None
            and token.text not in knowledge.lexicon["party_nicknames"]
            and token.ent_type_ in {"", "PERSON", "GPE", "NORP", "ORG"}
            and not knowledge.demonym_country(token.text)
            and not _is_title_place(token, knowledge)
        ):
            start -= 1
            continue
        break
    return doc[start : span.end]


def _is_title_place(token: Token, knowledge: Knowledge) -> bool:
    """ "Archbishop of Canterbury Rowan Williams": a known place after "of" ends a title, no given name."""
    return (
        token.ent_type_ == "GPE"
        and token.i > 0
        and token.doc[token.i - 1].lower_ == "of"
        and knowledge.is_known_place(token.text)
    )


def _with_honorific(span: Span, knowledge: Knowledge) -> Span:
    """Include "Mr", "Ms", "Dr" before a name: the surface form users search for."""
    honorifics = set(knowledge.lexicon["honorifics"])
    start = span.start
    if start > 0 and span.doc[start - 1].text in honorifics:
        start -= 1
    return span.doc[start : span.end]


def _is_title_word(span: Span, knowledge: Knowledge) -> bool:
    """spaCy sometimes tags a title ("Interior" in "Interior Minister X") as an entity."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    titles = knowledge.words("head_of_state_titles") | knowledge.words("party_roles")
    if span.text.lower() in titles:
        return True
    title_words = frozenset(knowledge.lexicon["ministry_domains"]) | knowledge.words("title_modifiers") | {"and", "&"}
    return bool(
        after is not None
        and after.lower_ in {"minister", "secretary", "ministry", "spokesman", "spokeswoman", "spokesperson", "office"}
        and all(word in title_words for word in span.text.lower().split())
    )


def _is_sentence_initial_common_word(span: Span) -> bool:
    """A lone capitalised word opening a sentence ("Burnt", "Debris") is rarely a name; one in
    capitals of three letters or more is an acronym ("USAID is supporting"), whatever the tagger says."""
    token = span[0]
    if len(token.text) >= 3 and _ACRONYM.match(token.text):
        return False
    return len(span) == 1 and bool(token.is_sent_start) and token.tag_ not in {"NNP", "NNPS"}


def _institution_phrases(doc: Doc, knowledge: Knowledge) -> list[SpanMention]:
    """Noun phrases headed by an institution noun: "central election commission", "the Cabinet"."""
    heads = knowledge.words("institution_heads")
    party_heads = knowledge.words("party_heads")
    found: list[SpanMention] = []
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ not in {"NOUN", "PROPN"} or (lemma not in heads and lemma not in party_heads):
            continue
        if token.tag_ in {"NNS", "NNPS"} and lemma not in {"force", "service", "police"}:
            continue  # "two establishment parties": a set, not one body
        phrase = _institution_phrase(token, knowledge)
        if phrase is not None:
            found.append(phrase)
    return found


def _left_modifiers(head: Token, knowledge: Knowledge) -> list[Token]:
    """Contiguous compound/adjective modifiers left of the head, quotes skipped."""
    modifiers: list[Token] = []
    i = head.i - 1
    doc = head.doc
    while i >= 0:
        token = doc[i]
        if token.text in _QUOTES:
            i -= 1
            continue
        if token.dep_ in _MODIFIER_DEPS and token.head.i > token.i and token.head.i <= head.i and not token.is_punct:
            modifiers.insert(0, token)
            i -= 1
            continue
        # "Gainesville police officers": the parser hangs each word of a run of compounds on the last;
        # a place's name there is the body's ("Chief Treasury Secretary": no place, no body)
        if (
            token.dep_ in {"compound", "amod"}
            and head.dep_ == "compound"
            and token.head.i == head.head.i
            # NER may take the town for a person ("Gainesville"): the gazetteer knows it
            and (
                token.ent_type_ in {"GPE", "LOC", "FAC"}
                or (token.pos_ == "PROPN" and knowledge.is_known_place(token.text))
            )
        ):
            modifiers.insert(0, token)
            i -= 1
            continue
        break
    return modifiers


_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})


def _institution_phrase(head: Token, knowledge: Knowledge) -> SpanMention | None:
    modifiers = _left_modifiers(head, knowledge)
    generic = knowledge.words("generic_modifiers")
    adjectives = knowledge.words("institution_adjectives")
    country = None
    kept: list[Token] = []
    is_opposition = False
    for token in modifiers:
        word = token.lower_
        demonym = knowledge.demonym_country(token.text)
        if word == "opposition":
            is_opposition = True
        if word in generic or token.pos_ in {"NUM", "DET", "PRON"} or token.tag_ in {"JJS", "JJR"}:
            kept = []  # a generic word ends the name: "provisional cabinet" is not a body
            continue
        if demonym is not None and token.ent_type_ in {"NORP", "GPE", ""}:
            country = demonym
        kept.append(token)
    if head.text[0].isupper():
        # "the left-leaning Institute for ...": a lower-case description is no part of a proper name
        described = knowledge.words("institution_adjectives") | frozenset(knowledge.lexicon["ministry_domains"])
        while kept and kept[0].text.islower() and kept[0].lower_ not in described:
            kept = kept[1:]
    lemma = head.lemma_.lower()
    of_phrase = _of_complement(head)
    of_country = _country_after_of(head, knowledge)
    if country is None and of_country is not None and not kept:
        # "the government of Iran", "the parliament of Kenya": that state's body, as "the Iranian government"
        country = of_country
    is_capitalised = head.text[0].isupper() and not head.is_sent_start
    has_specific = any(
        t.pos_ in {"NOUN", "PROPN"} or t.lower_ in adjectives or knowledge.demonym_country(t.text) for t in kept
    )
    bare_ok = lemma in knowledge.words("bare_institutions") or (is_capitalised and lemma not in _VAGUE_HEADS)
    if lemma in _VAGUE_HEADS and not is_capitalised:
        # "the criminal government", "security services": only a name or a nationality makes these one body
        has_specific = of_country is not None or any(
            t.pos_ == "PROPN" or knowledge.demonym_country(t.text) for t in kept
        )
    if not has_specific and of_phrase is None and not (bare_ok and not modifiers):
        return None
    if (
        any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in head.children)
        and not head.text[0].isupper()
        and not (head.dep_ in {"dobj", "attr"} and head.head.lemma_.lower() in _CREATION_VERBS)
    ):
        return None  # "a British newspaper", "another committee": one of many, unless it is being set up
    if not kept and of_phrase is None and head.dep_ == "compound" and head.head.pos_ == "NOUN":
        return None  # "Cabinet ministers", "a police inquiry": the body only describes the noun
    if not head.text[0].isupper() and (
        any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children)
        or (
            head.i + 1 < len(head.doc)
            and head.doc[head.i + 1].ent_iob_ == "B"
            and head.doc[head.i + 1].ent_type_ == "ORG"
        )
    ):
        # "the British newspaper the Independent", "the councils' umbrella organisation Cosla": a
        # description of the name beside it
        return None
    if head.lemma_.lower() == "presidency" and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return None  # "Britain takes over the presidency of the EU": a term of office, not a body
    if (
        not head.text[0].isupper()
        and kept
        and kept[0].tag_ == "VBN"
        and kept[0].i > 0
        and head.doc[kept[0].i - 1].text == "-"
    ):
        return None  # "the US-led tsunami aid coalition": the US and its partners, no body of its own
    if not head.text[0].isupper() and any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in head.children):
        return None  # "this grassroots movement": a body named before, not one of its own
    if (
        not head.text[0].isupper()
        and lemma in _movement_heads(knowledge)
        and kept
        and all(t.pos_ == "PROPN" for t in kept)
    ):
        return None  # "Arafat's Fatah movement": the name is the body; the noun says it is a movement
    if lemma in _MASS_BODIES and not kept and not any(c.dep_ in {"poss", "prep"} for c in head.children):
        return None  # "found by police", "the police said": the police in general, not one force
    # a person's name is no body's ("Blair government" aside); a town NER took for one is ("Gainesville police")
    if any(t.ent_type_ == "PERSON" and not knowledge.is_known_place(t.text) for t in kept):
        return None
    start = kept[0].i if kept else head.i
    end = of_phrase.end if of_phrase is not None else head.i + 1
    span = head.doc[start:end]
    if span.text.lower() in knowledge.words("head_of_state_titles"):
        return None
    cls: EntityClass = "Institution"
    if lemma in _movement_heads(knowledge) or (is_opposition and lemma in {"council", "committee"}):
        cls = "Party"
    text = normalise(span.text)
    code = knowledge.country_code(text)
    if code is not None:  # "the former Soviet Union" is a state, not a body
        return SpanMention(span, "Place", f"country:{code}", is_country=True)
    party = party_name(text, knowledge)
    if party is not None:
        return SpanMention(span, "Party", party.lower())
    key = _institution_key(text, knowledge)
    is_generic = _is_common_name(text, knowledge)
    return SpanMention(span, cls, key, country=country, is_generic=is_generic)


def _is_common_name(text: str, knowledge: Knowledge) -> bool:
    """ "Parliament", "interior ministry", "Central Election Commission": a body every state has,
    named by common words only, so it is one body only together with its state."""
    words = re.split(r"[\s-]+", text.lower())
    if any(w in knowledge.words("supranational_words") for w in words) or "united nations" in text.lower():
        return False  # "European Union", "International Monetary Fund": no state's own
    if text.lower() == text:
        return True
    common = (
        knowledge.words("institution_heads")
        | knowledge.words("institution_adjectives")
        | frozenset(knowledge.lexicon["ministry_domains"])
        | knowledge.words("common_institution_words")
    )
    return all(word in common for word in words if word not in {"of", "the", "for", "and"})


def _country_after_of(head: Token, knowledge: Knowledge) -> str | None:
    """The country named right after a body's noun and "of": "government of Burma" -> "MM"."""
    nxt = head.i + 1
    if nxt >= len(head.doc) or head.doc[nxt].lower_ != "of" or head.doc[nxt].head.i != head.i:
        return None
    objects = [c for c in head.doc[nxt].children if c.dep_ == "pobj"]
    if not objects:
        return None
    obj = objects[0]
    return knowledge.country_code(head.doc[obj.left_edge.i : obj.i + 1].text) or knowledge.country_code(obj.text)


def _of_complement(head: Token) -> Span | None:
    """ "Ministry of Defence", "Department for Education": the complement that names the body."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "for"} and child.i == head.i + 1:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if (
                objects
                and head.text[0].isupper()
                and objects[0].text[0].isupper()
                and objects[0].ent_type_ not in {"GPE", "PERSON"}
            ):
                doc, end = head.doc, objects[0].right_edge.i + 1
                for token in doc[objects[0].i : end - 1]:
                    if token.text == "(":
                        end = token.i  # "the Muslim Council of Britain (MCB)": the acronym is its own mention
                        break
                    if token.dep_ == "cc" and doc[token.i + 1].lower_ == "the":
                        end = token.i  # "the Board of Deputies of British Jews and the Commission for ...": two
                        break
                return doc[head.i : end]
    return None


# legal forms a company's name may carry or not: "Boeing Co.", "Microsoft Corp.", "Lycos Europe N.V."
LEGAL_FORMS = frozenset(
    {"inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc", "llc", "n.v.", "nv", "ag", "s.a.", "gmbh"}
    | {"company", "corporation", "incorporated", "fc", "f.c.", "afc"}  # "Boeing Company", "Chelsea FC"
)


def _institution_key(text: str, knowledge: Knowledge) -> str:
    """One key per body however it is phrased: "Ministry of the Interior" = "interior ministry";
    "Boeing Co." = "Boeing Company" = "Boeing"; "Bain & Company" = "Bain & Co"; "FC Porto" = "Porto"."""
    words = street_name(text).lower().replace(" of the ", " of ").replace(",", " ").split()
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words = words[:-1]
        if len(words) > 1 and words[-1] in {"&", "and"}:
            words = words[:-1]
    if len(words) > 1 and words[0] in {"fc", "f.c."}:  # "FC Porto"
        words = words[1:]
    domains = knowledge.lexicon["ministry_domains"]
    if len(words) >= 3 and words[0] == "ministry" and words[1] == "of":
        domain = " ".join(words[2:])
        return f"{domains.get(domain, domain)} ministry"
    if len(words) >= 2 and words[-1] == "ministry" and " ".join(words[:-1]) in domains:
        return f"{domains[' '.join(words[:-1])]} ministry"  # "interior ministry", "Foreign Affairs Ministry"
    return " ".join(words)


def _places_of(doc: Doc, knowledge: Knowledge) -> list[SpanMention]:
    """ "the southern city of Osh": the name after a place noun is a place, NER or not."""
    found: list[SpanMention] = []
    for token in doc:
        if token.lemma_.lower() in PLACE_OF_NOUNS and token.pos_ == "NOUN":
            for prep in token.rights:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for obj in prep.children:
                        if (
                            obj.dep_ == "pobj"
                            and obj.pos_ == "PROPN"
                            and obj.ent_type_ not in {"PERSON", "ORG", "NORP"}
                        ):
                            span = doc[obj.left_edge.i : obj.i + 1]
                            span = _trim(span) or span
                            text = normalise(span.text)
                            code = knowledge.country_code(text)
                            if code:
                                found.append(SpanMention(span, "Place", f"country:{code}", is_country=True))
                            elif text:
                                found.append(SpanMention(span, "Place", text.lower()))
    return found


def _constituencies(doc: Doc, knowledge: Knowledge) -> list[SpanMention]:
    """ "the MP for Grantham and Stamford", "member for Kensington and Chelsea": the constituency is one
    place, "and" included."""
    found: list[SpanMention] = []
    for token in doc:
        if token.lower_ != "for" or token.head.lemma_.lower() not in _CONSTITUENCY_HOLDERS:
            continue
        for obj in token.children:
            if obj.dep_ != "pobj" or not obj.text[:1].isupper():
                continue
            end = obj.i + 1
            for conj in obj.children:
                if conj.dep_ == "conj" and conj.i == obj.i + 2 and doc[obj.i + 1].lower_ == "and":
                    end = conj.i + 1
            span = doc[obj.left_edge.i if obj.left_edge.text[:1].isupper() else obj.i : end]
            if all(t.text[:1].isupper() or t.lower_ in {"and", "&"} for t in span):
                found.append(SpanMention(span, "Place", normalise(span.text).lower()))
    return found


def _honorific_names(doc: Doc, knowledge: Knowledge) -> list[SpanMention]:
    """ "Mr Davies, 60, said": an honorific and a capitalised name are a person, tagged or not."""
    honorifics = set(knowledge.lexicon["honorifics"])
    found: list[SpanMention] = []
    for token in doc[:-1]:
        if token.text not in honorifics or token.text in {"Judge", "Justice", "Father", "Bishop"}:
            continue
        end = token.i + 1
        titles = title_words(knowledge)
        while (
            end < len(doc)
            and doc[end].tag_ == "NNP"
            and doc[end].text[:1].isupper()
            and doc[end].lower_ not in titles
            and doc[end].text not in honorifics
            and end - token.i <= 3
        ):
            end += 1
            if (
                end + 1 < len(doc)
                and doc[end].text == "-"
                and not doc[end - 1].whitespace_
                and doc[end + 1].text[:1].isupper()
            ):
                end += 1  # "Kilroy-Silk"
        if end > token.i + 1 and not any(doc[i].ent_type_ in {"GPE", "ORG", "NORP"} for i in range(token.i + 1, end)):
            name = doc[token.i + 1 : end]
            if not _is_title_plural(name, knowledge):
                found.append(SpanMention(doc[token.i : end], "Person", person_key(normalise(name.text), knowledge)))
    return found


def _party_names(doc: Doc, knowledge: Knowledge) -> list[SpanMention]:
    """ "Labour and Conservative governments", "Liberal Democrat leader": a party's name or nickname
    written with its capital is the party, whatever NER made of it."""
    nicknames = knowledge.lexicon["party_nicknames"]
    found: list[SpanMention] = []
    for token in doc:
        if not token.text[:1].isupper():
            continue
        for length in (3, 2, 1):
            span = doc[token.i : token.i + length]
            if token.is_sent_start and length == 1 and token.tag_ not in {"NNP", "NNPS"}:
                continue  # "Respect the rules": a verb opening a sentence
            if len(span) == length and span.text in nicknames:
                found.append(SpanMention(span, "Party", str(nicknames[span.text]).lower()))
                break
    return found


@dataclass(frozen=True)
class PartyDesignation:
    """ "Norm Coleman, R-Minn.", "John Kerry (D-MA)": the US press's party letter and state after a
    legislator's name."""

    letter: str  # "R", "D", "I"
    state: Span  # the state as written: "Minn.", "MA", "Texas"
    state_name: str  # "Minnesota"


def party_designation(doc: Doc, last: int, knowledge: Knowledge) -> PartyDesignation | None:
    """The designation right after a name whose last token is `last`, if there is one."""
    i = last + 1
    if i < len(doc) and doc[i].text in {",", "("}:
        i += 1
    letters = {*knowledge.lexicon["party_letters"], "I"}  # "I-Vt.": an independent, of no party
    if i + 2 >= len(doc) or doc[i].text not in letters or doc[i + 1].text not in {"-", "–"}:
        return None
    state = doc[i + 2]
    after = doc[i + 3].text if i + 3 < len(doc) else "."
    if after not in {",", ")", ".", ";", "and"}:
        return None
    states = knowledge.postal_codes
    name = states.get(state.text) or knowledge.region_name(state.text)
    name = knowledge.region_abbreviations.get(f"{state.text}.", name)  # "R-Ill": the full stop left off
    if name not in states.values():
        return None
    return PartyDesignation(doc[i].text, doc[i + 2 : i + 3], name)


def _designated_states(doc: Doc, knowledge: Knowledge) -> list[SpanMention]:
    """The state of a legislator's "R-Minn." or "(D-MA)", which NER leaves untagged."""
    found: list[SpanMention] = []
    for token in doc:
        if token.ent_type_ != "PERSON" or (token.i + 1 < len(doc) and doc[token.i + 1].ent_type_ == "PERSON"):
            continue
        designation = party_designation(doc, token.i, knowledge)
        if designation is not None:
            key = place_key(designation.state_name, knowledge)
            found.append(SpanMention(designation.state, "Place", key, class_stated=True))
    return found


def _gazetteer_places(doc: Doc, knowledge: Knowledge) -> list[SpanMention]:
    """ "Lord Callaghan of Cardiff", "a Cardiff constituency": a country or city of the gazetteer that NER
    left untagged."""
    found: list[SpanMention] = []
    if _is_in_capitals(doc):
        return found  # a header or a table: no sentence to tell a place from a team
    for token in doc:
        if token.ent_type_ not in _UNTYPED or token.tag_ not in {"NNP", "NNPS"} or not token.text[:1].isupper():
            continue
        for length in (3, 2, 1):
            span = doc[token.i : token.i + length]
            if len(span) != length or any(t.ent_type_ not in _UNTYPED or not t.text[:1].isupper() for t in span):
                continue
            if _is_score(span):
                break
            text = span.text.title() if span.text.isupper() and len(span.text) > 3 else span.text  # "BANGKOK"
            code = knowledge.country_code(text)
            if code is not None:
                found.append(SpanMention(span, "Place", f"country:{code}", is_country=True))
                break
            if text in knowledge.city_country or text in knowledge.regions or _division_after_in(span, knowledge):
                span = _with_compass(span)
                found.append(SpanMention(span, "Place", span.text.lower()))
                break
            if length == 1 and _name_before_division(span, knowledge):
                found.append(SpanMention(span, "Place", span.text.lower(), class_stated=True))
                break
    return found


def _division_after_in(span: Span, knowledge: Knowledge) -> bool:
    """ "Minety in Wiltshire": any ISO 3166-2 division (a county too) is a place after "in"."""
    return span.start > 0 and span.doc[span.start - 1].lower_ == "in" and span.text in knowledge.subdivisions


def _name_before_division(span: Span, knowledge: Knowledge) -> bool:
    """ "Cottenham in Cambridgeshire": a lone name NER left untagged, right before "in" and a division,
    is a place of that division (a village the gazetteer is too coarse to hold)."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ != "in" or span.root.dep_ == "compound":
        return False
    # a lone name: after a stop, "and" or a preposition ("sites - Cottenham"), not after a verb or
    # another capital ("conducting Mass", "the Death Penalty in Connecticut")
    before = doc[span.start - 1] if span.start > 0 else None
    if before is None or not (before.is_punct or before.pos_ in {"CCONJ", "ADP"}):
        return False
    # a county or region, not a division named after its city ("Master Trainers in Baghdad")
    after = doc[span.end + 1 : span.end + 3]
    return any(
        (name := after[:n].text) in knowledge.subdivisions and name not in knowledge.city_country
        for n in (1, 2)
        if len(after) >= n
    )


def _with_compass(span: Span) -> Span:
    """ "Leicester South", "North Dorset": a capitalised compass word beside a place is part of the name
    (a constituency or district)."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in _COMPASS and doc[span.end].text[:1].isupper():
        return doc[span.start : span.end + 1]
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in _COMPASS and before.text[:1].isupper() and not before.is_sent_start:
        return doc[span.start - 1 : span.end]
    return span


def _is_score(span: Span) -> bool:
    """ "Dundee 2 Aberdeen 1": a name beside a bare number is a side in a result, not a place."""
    doc = span.doc
    return (span.end < len(doc) and doc[span.end].like_num) or (span.start > 0 and doc[span.start - 1].like_num)


def _chamber_short_forms(doc: Doc, knowledge: Knowledge) -> list[SpanMention]:
    """ "told the Commons", "a Lords amendment": a chamber by its short form, which NER mostly
    leaves untagged; resolution reads it as the archive's "House of Commons" (kg/resolve.py)."""
    found: list[SpanMention] = []
    for token in doc:
        if token.text not in knowledge.lexicon["chamber_short_forms"] or token.ent_type_ not in _UNTYPED:
            continue
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if after is not None and after.pos_ == "PROPN":
            continue  # "Lords Bingham and Nicholls": a title before names
        before = doc[token.i - 1] if token.i > 0 else None
        after_the = before is not None and before.lower_ == "the"
        before_noun = token.dep_ == "compound" and token.head.pos_ == "NOUN" and token.head.text.islower()
        if after_the or before_noun:
            found.append(SpanMention(doc[token.i : token.i + 1], "Institution", token.lower_, class_stated=True))
    return found


def _named_sites(doc: Doc, knowledge: Knowledge) -> list[SpanMention]:
    """ "the Anglican Cathedral", "the Golden Temple": a capitalised site noun with capitalised words in
    front is a named site."""
    sites = knowledge.words("site_nouns") - knowledge.words("institution_heads")
    found: list[SpanMention] = []
    for token in doc:
        if token.lower_ not in sites or not token.text[:1].isupper() or token.is_sent_start:
            continue
        start = token.i
        while start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].dep_ in _MODIFIER_DEPS | {"compound"}:
            start -= 1
        if start < token.i and not doc[start].is_sent_start:
            span = doc[start : token.i + 1]
            found.append(SpanMention(span, "Place", normalise(span.text).lower()))
    return found


LYING_VERBS = frozenset({"lie", "sit", "locate", "situate"})


def called_a_place(span: Span) -> bool:
    """ "Carlisle is a city in Cumbria", "Randolph is a town in Coös County": the copula makes the
    subject a town, a region or another place of PLACE_OF_NOUNS."""
    root, verb = span.root, span.root.head
    if root.dep_ != "nsubj" or verb.lemma_ != "be" or any(c.dep_ == "neg" for c in verb.children):
        return False
    return any(c.dep_ == "attr" and c.pos_ == "NOUN" and c.lemma_.lower() in PLACE_OF_NOUNS for c in verb.children)


def lies_in_a_place(span: Span) -> bool:
    """ "Hol lies in Buskerud county, Norway", "Greensfelder Park is located in St. Louis County": a
    verb of lying puts the subject in a place NER names (a place, or a body: "Acme is located in")."""
    root, verb = span.root, span.root.head
    if root.dep_ not in {"nsubj", "nsubjpass"} or verb.lemma_.lower() not in LYING_VERBS:
        return False
    return not any(c.dep_ == "neg" for c in verb.children) and any(
        o.ent_type_ in {"GPE", "LOC"}
        for prep in verb.rights
        if prep.dep_ == "prep" and prep.lower_ == "in"
        for o in prep.children
        if o.dep_ == "pobj"
    )


def _places_said_to_be(doc: Doc, knowledge: Knowledge) -> list[SpanMention]:
    """The capitalised name NER left untagged that the copula calls a place ("Carlisle is a city") or
    a verb of lying puts in one ("Greensfelder Park is located in St. Louis County")."""
    found: list[SpanMention] = []
    for token in doc:
        if (
            token.dep_ not in {"nsubj", "nsubjpass"}
            or token.pos_ != "PROPN"
            or token.ent_type_ not in _UNTYPED
            or not token.text[:1].isupper()
        ):
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
        span = doc[start : token.i + 1]
        if called_a_place(span) or lies_in_a_place(span):
            code = knowledge.country_code(span.text)
            key = f"country:{code}" if code else place_key(normalise(span.text), knowledge)
            found.append(SpanMention(span, "Place", key, is_country=code is not None, class_stated=True))
    return found


def _bodies_said_to_be(doc: Doc, knowledge: Knowledge) -> list[SpanMention]:
    """The capitalised name NER left untagged that an apposition calls a kind of body: "Acme, a London
    property company,", "WebSideStory Inc., a San Diego Web metrics company"."""
    kinds = knowledge.words("company_nouns")
    found: list[SpanMention] = []
    for token in doc:
        if token.pos_ != "PROPN" or token.ent_type_ not in _UNTYPED or not token.text[:1].isupper():
            continue
        kind = next((c for c in token.rights if c.dep_ == "appos"), None)
        if kind is None or kind.pos_ != "NOUN" or kind.lemma_.lower() not in kinds:
            continue
        if not any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in kind.children):
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
        span = doc[start : token.i + 1]
        if all(t.ent_type_ in _UNTYPED for t in span):
            found.append(SpanMention(span, "Institution", _institution_key(span.text, knowledge), class_stated=True))
    return found


# words that qualify a role noun inside a title ("vice chairman", "chief executive", "lead singer")
_ROLE_QUALIFIERS = frozenset({"vice", "deputy", "assistant", "chief", "general", "managing", "lead", "senior", "joint"})
_BAND_ROLES = frozenset({"frontman", "singer", "guitarist", "drummer", "bassist", "keyboardist"})


def _bodies_before_roles(doc: Doc, knowledge: Knowledge) -> list[SpanMention]:
    """The capitalised name NER left untagged before a role at a body and a person's name: "U2
    frontman Bono", "Arsenal vice chairman David Dein", "Arsenal FC goalkeeper Jens Lehmann". Not a
    title's words, a party, a place or a people ("Labour leader X", "Leeds councillor Y")."""
    roles = knowledge.derived_words(
        "roles at a body", lambda: knowledge.words("org_roles") | knowledge.words("employee_roles") | _BAND_ROLES
    )
    not_names = knowledge.derived_words(
        "title and honorific words", lambda: title_words(knowledge) | knowledge.words("honorifics")
    )
    found: list[SpanMention] = []
    for token in doc:
        if token.lower_ not in roles or not token.is_lower or token.i + 1 >= len(doc):
            continue
        if doc[token.i + 1].ent_type_ != "PERSON" or doc[token.i + 1].ent_iob_ != "B":
            continue
        start = token.i
        while start > 0 and doc[start - 1].lower_ in _ROLE_QUALIFIERS and doc[start - 1].is_lower:
            start -= 1
        end = start
        while start > 0 and _is_name_word(doc[start - 1]) and doc[start - 1].lower_ not in not_names:
            start -= 1
        if start == end or any(t.ent_type_ not in _UNTYPED for t in doc[start:end]):
            continue
        span = doc[start:end]
        if span[0].is_sent_start and len(span) == 1 and span[0].tag_ not in {"NNP", "NNPS"}:
            continue  # "Former chairman X": a word opening a sentence, capitalised for that alone
        text = span.text
        if (
            text in _non_entity_acronyms(knowledge)  # "PR executive X"
            or all(t.lower_ in knowledge.body_heads() for t in span)  # "Committee chairman X": which?
            or knowledge.is_known_place(text)
            or knowledge.demonym_country(text)
            or party_name(text, knowledge)
            or any(knowledge.demonym_country(t.text) or names_a_party_member(t.text, knowledge) for t in span)
        ):
            continue
        found.append(SpanMention(span, "Institution", _institution_key(text, knowledge), class_stated=True))
    return found


def _is_name_word(token: Token) -> bool:
    """A capitalised word or a name of letters and digits ("U2", "FC")."""
    return token.text[:1].isupper() and token.text.replace("-", "").isalnum() and not token.is_punct


def capital_letters(doc: Doc) -> tuple[int, int]:
    """(words of letters, of them in capitals), read from the doc's arrays: one pass, no Token objects."""
    if len(doc) == 0:
        return 0, 0
    flags = doc.to_array([IS_ALPHA, IS_UPPER])
    letters = flags[:, 0] == 1
    return int(letters.sum()), int(flags[letters, 1].sum())


def _is_in_capitals(doc: Doc) -> bool:
    """A paragraph written mostly in capitals: a header, a dateline or a results table."""
    letters, upper = capital_letters(doc)
    return not letters or upper * 2 > letters


_GROUP_OF_STATES = re.compile(r"^G\d{1,2}$")  # "the G8", "G20 leaders": the Group of Eight, of Twenty


def _non_entity_acronyms(knowledge: Knowledge) -> frozenset[str]:
    """ "TV", "MPs", "TB": no entity, whoever found them; case kept, as the lexicon writes them."""
    return knowledge.derived_words("non-entity acronyms", lambda: frozenset(knowledge.lexicon["non_entity_acronyms"]))


def is_group_of_states(text: str) -> bool:
    return bool(_GROUP_OF_STATES.match(text))


def _acronyms(doc: Doc, knowledge: Knowledge) -> list[SpanMention]:
    """ "the mass IRA escape", "SDLP circles", "the G8 summit": an acronym NER missed is an
    organisation, unless the text is in capitals throughout (a header) or the acronym is a common
    word (GMT, TV, MP)."""
    if _is_in_capitals(doc):
        return []
    common = _non_entity_acronyms(knowledge)
    found: list[SpanMention] = []
    for token in doc:
        if (
            token.ent_type_
            or token.tag_ not in {"NNP", "NNPS", "JJ", "NN"}
            or not (is_group_of_states(token.text) or (_ACRONYM.match(token.text) and token.is_alpha))
            or token.text in common
            or token.lower_ in title_words(knowledge)
            or knowledge.country_code(token.text) is not None
            or (token.dep_ != "compound" and any(c.lower_ in _COUNTING_DETERMINERS for c in token.children))
        ):
            continue
        span = doc[token.i : token.i + 1]
        found.append(
            SpanMention(span, "Party" if called_a_movement(span, knowledge) else "Institution", token.text.lower())
        )
    return found


def _without_overlaps(candidates: list[SpanMention]) -> list[SpanMention]:
    """Keep the longest of overlapping mentions; ties go to the earlier-listed (NER) one."""
    ordered = sorted(enumerate(candidates), key=lambda ic: (-(ic[1].span.end - ic[1].span.start), ic[0]))
    taken: set[int] = set()
    kept: list[SpanMention] = []
    for _, mention in ordered:
        tokens = set(range(mention.span.start, mention.span.end))
        if tokens & taken:
            continue
        taken |= tokens
        kept.append(mention)
    return sorted(kept, key=lambda m: m.span.start)
