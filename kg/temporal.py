"""When a fact holds, from the sentence it was read in: the dates tied to the fact's own words.

spaCy's DATE entities are the candidates; one counts for a fact only when the phrase it sits in
hangs on the words that state the fact: the dependency path between the fact's two ends, its
role word ("president since 2003", "became leader in 2003") or its verb. "Prime Minister Tony
Blair said on Monday" dates the saying, not the office, and gives the office no time. The
preposition says which time it is: "since" a start, "until" an end, "in" or "on" a point in
time, which for an office begun or ended by its verb ("elected in 2003", "resigned in May")
is the start or the end. Dates are read by kg/dates.py against the article's date. Pure.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from kg.dates import Tense, resolve_expression, split_range
from kg.model import FactTime, Mention

if TYPE_CHECKING:  # relations.py reads ends_a_holding from here
    from kg.extract.relations import Candidate

# Facts that happen at a moment: a date is when, never a start or an end.
EVENT_PREDICATES = frozenset({"attacked", "arrested", "freed", "killed", "relatedTo", "successorOf"})
# Geography the news does not date: a date in "REDMOND, Wash. -- Nov. 11" is the story's.
TIMELESS_PREDICATES = frozenset({"locatedIn", "capitalOf", "borders"})
# A date that modifies a noun describes the noun: "his 1947 budget", "Sunday's elections".
_NOUN_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "poss", "nummod"})


@cache
def _words() -> dict[str, frozenset[str]]:
    data = json.loads(resources.files("kg.data").joinpath("time_words.json").read_text(encoding="utf-8"))
    return {key: frozenset(value) for key, value in data.items() if isinstance(value, list)}


def ends_a_holding(verb: Token) -> bool:
    """ "resigned as chairman", "was sacked as manager", "was replaced as chancellor": the verb says
    the subject held the post and no longer does; not "will resign as", "is to step down as" or
    "did not quit as", which leave it held."""
    words = _words()
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    if lemma not in words["end_verbs"] and not (lemma == "replace" and passive):
        return False
    if tense_of(verb) == "future":
        return False
    return not any(c.dep_ in {"aux", "neg"} and c.lower_ in {"to", "not", "n't", "never"} for c in verb.children)


def fact_time(sentence: Span, paragraph: int, fact: Candidate, reference: str | None) -> FactTime:
    """The point in time, start and end the sentence gives the fact, "" where it gives none.

    `paragraph` is the index of the sentence's paragraph, to tell the fact's ends that are written
    in it from those implied (the article's country) or from an earlier sentence ("he").
    `reference` is the article's date, for "last month" and "on Monday".
    """
    dates = [entity for entity in sentence.ents if entity.label_ == "DATE"]
    if not dates or fact.predicate in TIMELESS_PREDICATES:
        return FactTime()
    ends = [span for span in (_span(sentence, paragraph, m) for m in (fact.subject, fact.object)) if span is not None]
    anchors = _anchors(sentence, ends, fact.role, fact.verb)
    if not anchors:
        return FactTime()
    slots: dict[str, set[str]] = {"point_in_time": set(), "start": set(), "end": set()}
    for entity in dates:
        for slot, value in _readings(entity, anchors, fact.predicate, reference):
            slots[slot].add(value)
    # two dates for one slot contradict each other: say nothing rather than pick one
    found = {slot: next(iter(values)) if len(values) == 1 else "" for slot, values in slots.items()}
    if found["start"] and found["end"] and found["start"][:4] > found["end"][:4]:
        found["start"] = found["end"] = ""
    return FactTime(found["point_in_time"], found["start"], found["end"])


def _span(sentence: Span, paragraph: int, mention: Mention) -> Span | None:
    """The mention's words, when it is written in this sentence."""
    if mention.paragraph != paragraph or mention.end <= mention.start:
        return None
    if mention.start < sentence.start_char or mention.end > sentence.end_char:
        return None
    return sentence.doc.char_span(mention.start, mention.end, alignment_mode="expand")


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def _anchors(sentence: Span, ends: list[Span], role: str | None, verb: str | None) -> set[int]:
    """Token indices of the words that state the fact: the path between its ends, up to where
    they meet; the role word and the verb that governs it; the fact's verb above an end."""
    anchors: set[int] = set()
    roots = [span.root for span in ends]
    if len(roots) == 2:
        first, second = _ancestors(roots[0]), _ancestors(roots[1])
        common = next((t for t in first if t in second), None)
        if common is not None:
            path = first[: first.index(common) + 1] + second[: second.index(common)]
            verbs = {t.i for t in path if t.pos_ in {"VERB", "AUX"}}
            # ends joined across clauses ("X predicted yesterday that he left Y in 2001"): which
            # verb's date is the fact's? only the nouns of the path are kept
            anchors.update(t.i for t in path if len(verbs) <= 1 or t.i not in verbs)
    inside = {t.i for span in ends for t in span}
    role_token = _role_token(sentence, ends, role)
    if role_token is not None:
        anchors.add(role_token.i)
        # "who became leader", "was named commissioner": up to the verb, unless the role is a
        # title inside a name ("Prime Minister Tony Blair"), whose head is the name itself
        for token in _ancestors(role_token)[1:]:
            if token.i in inside:
                break
            anchors.add(token.i)
            if token.pos_ in {"VERB", "AUX"}:
                break
    if verb:
        for root in roots:
            for token in _ancestors(root)[1:]:
                if token.lemma_.lower() == verb.lower():
                    anchors.add(token.i)
                    break
                if token.pos_ == "VERB":
                    break
    return anchors


def _role_token(sentence: Span, ends: list[Span], role: str | None) -> Token | None:
    """The head word of the role as written in the sentence, the one nearest the fact's ends."""
    if not role:
        return None
    last = role.split()[-1].lower()
    found = [t for t in sentence if t.lower_ == last and t.pos_ in {"NOUN", "PROPN", "ADJ"}]
    if not found:
        return None
    if not ends:
        return found[0] if len(found) == 1 else None
    centre = ends[0].root.i
    return min(found, key=lambda t: (abs(t.i - centre), t.i))


def _readings(entity: Span, anchors: set[int], predicate: str, reference: str | None) -> list[tuple[str, str]]:
    """What one DATE entity says of the fact: [(slot, ISO date)], none when it is not the fact's."""
    words = _words()
    if entity.root.dep_ in _NOUN_MODIFIER_DEPS:
        return []
    preposition, governor = date_governor(entity)
    if governor is None or governor.i not in anchors:
        return []
    text = entity.text
    first_word = entity[0].lower_
    if first_word in words["start_prepositions"] | words["end_prepositions"] | {"between"}:
        preposition, text = first_word, entity[1:].text if first_word != "between" else text
    is_event = predicate in EVENT_PREDICATES
    years = split_range(entity.text)
    if years is not None:
        return [] if is_event else [("start", years[0]), ("end", years[1])]
    tense = tense_of(governor)
    value = resolve_expression(text, reference, tense)
    if value is None:
        return []
    if preposition in words["start_prepositions"]:
        # "has led since 1999", "MP since 1997"; not "the third MP to defect since 1997", which counts
        if is_event or (governor.pos_ in {"VERB", "AUX"} and not _is_perfect(governor)):
            return []
        return [("start", value)]
    if preposition in words["end_prepositions"] or preposition == "to":
        return [] if is_event else [("end", value)]
    if preposition is not None and preposition not in words["point_prepositions"]:
        return []  # "by 2008", "before May", "after the war": a bound, not the time
    lemma = governor.lemma_.lower()
    if not is_event and lemma in words["start_verbs"]:
        # "became Britain's longest-serving chancellor in 2004" began a record, not the office
        return [("point_in_time" if _names_a_record(governor) else "start", value)]
    if not is_event and lemma in words["end_verbs"]:
        return [("end", value)]
    return [("point_in_time", value)]


def date_governor(entity: Span) -> tuple[str | None, Token | None]:
    """The preposition that introduces a date ("since", "from ... to") and the word it modifies."""
    token = entity.root
    preposition: str | None = None
    if token.dep_ == "prep":  # the entity starts with its preposition: "between 1996 and 1998"
        return token.lower_, token.head
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        preposition = token.head.lower_
        token = token.head.head
        if token.dep_ == "prep" and token.lower_ == "from" and preposition == "to":
            token = token.head  # "from 1991 to 1999": "to" hangs on "from", both on the verb
        elif token.pos_ == "ADP":
            return None, None  # "until after May": a bound of a bound
        return preposition, token
    if token.dep_ in {"npadvmod", "tmod", "nmod", "dobj", "appos", "conj", "compound", "ROOT"}:
        return None, token.head if token.dep_ != "ROOT" else token
    return None, token.head


def _is_perfect(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lemma_ == "have" for child in verb.children)


def _names_a_record(verb: Token) -> bool:
    """The verb's complement is a superlative: "the longest-serving", "the youngest"."""
    return any(
        token.tag_ in {"JJS", "RBS"}
        for child in verb.children
        if child.dep_ in {"attr", "oprd"}
        for token in child.subtree
    )


def tense_of(token: Token) -> Tense | None:
    """Past for "said", "was named", "has led"; future for "will meet"; None for the rest."""
    verb = next((t for t in _ancestors(token) if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return None
    auxiliaries = [child for child in verb.children if child.dep_ in {"aux", "auxpass"}]
    if any(child.lower_ in _words()["future_auxiliaries"] for child in auxiliaries):
        return "future"
    if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and any(child.lemma_ == "have" for child in auxiliaries):
        return "past"
    return None
