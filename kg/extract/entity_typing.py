"""Mentions found by spaCy and the rules -> the class a reader would give them, or none.

The candidates of `mentions.py` carry spaCy's label or the rule that found them; many are right,
some are junk a reader would never list (a crosshead in capitals, a film title, a software
product, a byline fragment) or have the wrong class (an airport as a person, a province as an
institution). A multinomial logistic regression, trained on the annotated news corpus
(`scripts/train_mentions.py`, tests/gold, train split) and shipped as kg/data/mention_model.json,
scores each mention over Person, Party, Institution, Place and "none" from features of the name
itself (shape, words, the gazetteers' answers), its sentence (the words around it, its syntactic
role) and its paragraph and document (a line in capitals, a line without a verb, how often the
name recurs). The probabilities travel with the mention; resolution sums them over all mentions of
an entity to decide its class and whether it is an entity at all. Pure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

import numpy
from spacy.attrs import POS
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span

from kg.extract.linear import LinearModel, load_packaged
from kg.extract.mentions import (
    FIRM_FORMS,
    OWNED_UNIT_NOUNS,
    SpanMention,
    called_a_movement,
    called_a_place,
    capital_letters,
    is_group_of_states,
    is_post_nominal_title,
    lies_in_a_place,
    names_a_body,
    names_a_body_of_a_country,
    retyped,
    street_name,
    title_words,
)
from kg.knowledge import Knowledge
from kg.model import ENTITY_CLASSES, EntityClass

MODEL_FILE = "mention_model.json"
NONE = "none"
LABELS: tuple[str, ...] = (*ENTITY_CLASSES, NONE)
_URL = re.compile(r"www\.|https?:|\.com\b|\.org\b|\.net\b|@")
_PARTICLES = frozenset(
    {"of", "the", "and", "for", "on", "in", "de", "da", "du", "del", "la", "le", "van", "von", "al", "bin"}
)
_ORG_FORMS = frozenset(
    {"inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc", "llc", "group", "fc", "ag", "sa", "nv"}
)


@dataclass(frozen=True)
class ParagraphFacts:
    """What the typing features need to know about the paragraph a mention sits in."""

    is_title: bool  # the article's headline (ingest found one and this is it)
    n_tokens: int
    is_capitals: bool
    has_verb: bool


@dataclass(frozen=True)
class DocumentFacts:
    """How often each mention key recurs in the document, and with which classes; spaCy's labels
    for each name wherever it occurs ("Firefox" tagged PRODUCT in another sentence); the words the
    document writes in lower case ("budget", "breakfast": common nouns, not names)."""

    key_counts: Counter[str]
    key_classes: dict[str, frozenset[str]]
    ner_labels: dict[str, frozenset[str]]
    lower_words: frozenset[str]


def paragraph_facts(doc: Doc, title: str | None) -> ParagraphFacts:
    letters, upper = capital_letters(doc)
    is_title = title is not None and doc.text.strip() == title
    has_verb = len(doc) > 0 and bool(numpy.isin(doc.to_array(POS), (VERB, AUX)).any())
    return ParagraphFacts(is_title, len(doc), letters > 0 and upper * 2 > letters, has_verb)


def _bucket(n: int, bounds: Sequence[int]) -> str:
    for bound in bounds:
        if n <= bound:
            return str(bound)
    return f">{bounds[-1]}"


def _gazetteer_features(text: str, knowledge: Knowledge) -> list[str]:
    found = []
    if knowledge.country_code(text):
        found.append("gaz=country")
    cities = knowledge.cities.get(text)
    if cities:
        found.append(f"gaz=city{_bucket(cities[0].population // 1000, (50, 100, 500))}k")
        if len(cities) > 1:
            found.append("gaz=city_shared")
    if text in knowledge.regions:
        found.append("gaz=region")
    if text in knowledge.us_counties:
        found.append("gaz=county")
    if text in knowledge.airports:
        found.append("gaz=airport")
    return found


def mention_features(
    span: Span,
    cls: str,
    key: str,
    source: str,
    paragraph: ParagraphFacts,
    document: DocumentFacts,
    knowledge: Knowledge,
) -> list[str]:
    """The sorted, deduplicated features of one mention; the same in training and inference."""
    text = span.text
    words = [t.text for t in span]
    lower = [w.lower() for w in words]
    features = {f"cls={cls}", f"src={source}", f"cls_src={cls}|{source}", f"ntok={_bucket(len(words), (1, 2, 3))}"}
    if text.isupper() and len(text) > 1:
        features.add("shape=caps")
    elif all(w[:1].isupper() for w in words if w[:1].isalpha()):
        features.add("shape=title")
    if text.islower():
        features.add("shape=all_lower")
    elif any(w.isalpha() and w.islower() and w not in _PARTICLES for w in words):
        features.add("shape=lower_word")
    if any(c.isdigit() for c in text):
        features.add("shape=digit")
    for char in "()/&.-'\"":
        if char in text:
            features.add(f"char={char}")
    if _URL.search(text):
        features.add("shape=url")
    features.add(f"first={lower[0]}")
    features.add(f"last={lower[-1]}")
    features.add(f"last_suffix={lower[-1][-3:]}")
    features.update(f"word={w}" for w in lower)
    if lower[-1] in _ORG_FORMS:
        features.add("org_form")
    # the gazetteers and word lists
    features.update(_gazetteer_features(text, knowledge))
    if len(words) > 1:
        features.update(f"last_{f}" for f in _gazetteer_features(words[-1], knowledge))
    gender = knowledge.given_names.get(words[0].capitalize() if words[0].isupper() else words[0])
    if gender is not None:
        features.add(f"given={gender}|ntok={min(len(words), 2)}")
    if lower[-1] in knowledge.surnames:
        features.add(f"surname|ntok={min(len(words), 2)}")
    honorifics = knowledge.lexicon["honorifics"]
    if words[0] in honorifics or (span.start > 0 and span.doc[span.start - 1].text in honorifics):
        features.add("honorific")
    for name, words_of in (
        ("institution_head", knowledge.words("institution_heads")),
        ("party_head", knowledge.words("party_heads")),
        ("site_noun", knowledge.words("site_nouns")),
        ("event_head", knowledge.words("event_heads")),
    ):
        if lower[-1] in words_of:
            features.add(f"head_is={name}")
        elif any(w in words_of for w in lower):
            features.add(f"has={name}")
    if any(knowledge.demonym_country(w) for w in words):
        features.add("has=demonym")
    # the sentence around it
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    features.add(f"prev={before.lower_ if before is not None else '<s>'}")
    features.add(f"next={after.lower_ if after is not None else '</s>'}")
    if before is not None:
        features.add(f"prev_pos={before.pos_}")
    if after is not None:
        features.add(f"next_pos={after.pos_}")
        if after.tag_ == "POS":
            features.add("possessive")
    root = span.root
    features.add(f"dep={root.dep_}")
    head = root.head
    if head.i != root.i:
        features.add(f"head={head.lemma_.lower()}")
        features.add(f"dep_head={root.dep_}|{head.lemma_.lower()}")
        if head.pos_ == "ADP":
            features.add(f"prep={head.lower_}")
            if head.head.i != head.i:
                features.add(f"prep_head={head.lower_}|{head.head.lemma_.lower()}")
    if span.start == span.sent.start:
        features.add("sentence_start")
    # the paragraph and the document
    features.add(f"para={'title' if paragraph.is_title else 'body'}")
    features.add(f"para_len={_bucket(paragraph.n_tokens, (3, 8, 20))}")
    if paragraph.is_capitals:
        features.add("para_capitals")
    if not paragraph.has_verb:
        features.add("para_no_verb")
    features.add(f"recurs={_bucket(document.key_counts[key], (1, 2, 4))}")
    if len(document.key_classes.get(key, ())) > 1:
        features.add("classes_differ")
    features.update(f"ner_elsewhere={label}" for label in document.ner_labels.get(text, ()))
    if len(words) == 1 and lower[0] in document.lower_words:
        features.add("written_lower_elsewhere")
    return sorted(features)


@cache
def load_model() -> LinearModel | None:
    return load_packaged(MODEL_FILE)


def typing_of(features: Sequence[str], model: LinearModel) -> tuple[float, ...]:
    """P(label) for LABELS, rounded so that extractions (and caches) stay small and stable."""
    probabilities = model.probabilities(features)
    return tuple(round(probabilities.get(label, 0.0), 4) for label in LABELS)


def document_features(
    parsed: Sequence[Doc], found: Sequence[Sequence[SpanMention]], title: str | None, knowledge: Knowledge
) -> list[list[list[str]]]:
    """The features of every mention of one document, paragraph by paragraph."""
    counts: Counter[str] = Counter(m.key for paragraph in found for m in paragraph)
    classes: dict[str, set[str]] = {}
    for paragraph in found:
        for mention in paragraph:
            classes.setdefault(mention.key, set()).add(mention.cls)
    ner_labels: dict[str, set[str]] = {}
    for doc in parsed:
        for ent in doc.ents:
            ner_labels.setdefault(ent.text, set()).add(ent.label_)
    lower_words = frozenset(t.text for doc in parsed for t in doc if t.is_alpha and t.is_lower and not t.is_sent_start)
    document = DocumentFacts(
        counts,
        {k: frozenset(v) for k, v in classes.items()},
        {k: frozenset(v) for k, v in ner_labels.items()},
        lower_words,
    )
    features: list[list[list[str]]] = []
    for doc, mentions in zip(parsed, found, strict=True):
        if not mentions:
            features.append([])
            continue
        facts = paragraph_facts(doc, title)  # once per paragraph: doc.text is built anew on each call
        features.append(
            [mention_features(m.span, m.cls, m.key, m.source, facts, document, knowledge) for m in mentions]
        )
    return features


def stated_typing(cls: EntityClass) -> tuple[float, ...]:
    """P(class) for a name whose own form says its class: certain, whatever the model would say."""
    return tuple(1.0 if label == cls else 0.0 for label in LABELS)


def type_mentions(
    parsed: Sequence[Doc], found: Sequence[Sequence[SpanMention]], title: str | None, knowledge: Knowledge
) -> list[list[SpanMention]]:
    """Each mention with its P(class), averaged over the mentions of its key in the document;
    a name the model takes for no entity is dropped, and one it is sure has another class is
    retyped (the thresholds are the model's settings, chosen on the dev split)."""
    model = load_model()
    if model is None:
        return [list(mentions) for mentions in found]
    drop_at = float(model.settings.get("drop_threshold", 1.01))
    margin = float(model.settings.get("retype_margin", 1.01))
    features = document_features(parsed, found, title, knowledge)
    sums: dict[str, list[float]] = {}
    for mentions, feats in zip(found, features, strict=True):
        for mention, f in zip(mentions, feats, strict=True):
            p = typing_of(f, model)
            total = sums.setdefault(mention.key, [0.0] * (len(LABELS) + 1))
            for i, value in enumerate(p):
                total[i] += value
            total[-1] += 1
    # a body its text calls a movement or a rebel group, once, is a Party by its own words in every
    # mention of its document, whatever the model says
    movements = {
        m.key
        for mentions in found
        for m in mentions
        if m.cls in {"Institution", "Party"} and called_a_movement(m.span, knowledge)
    }
    seats = _seats_that_act(found, knowledge)
    # a name listed with two other places is a place in every mention of its document
    listed_places = {m.key for mentions in found for m in _listed_with_places(mentions)}
    typed: list[list[SpanMention]] = []
    for mentions in found:
        kept: list[SpanMention] = []
        for mention in mentions:
            total = sums[mention.key]
            p = tuple(round(v / total[-1], 4) for v in total[:-1])
            # NER may take the same name for a place elsewhere ("from the Fatah and Tanzim")
            if mention.key in movements and mention.cls != "Person" and not mention.is_country:
                party = mention if mention.cls == "Party" else retyped(mention, "Party", knowledge)
                kept.append(replace(party, typing=p, class_stated=True))
                continue
            # a body named by common words ("interior ministry", "police", "Russian embassy") is the
            # rules' call: annotators list such bodies only now and then, so the model cannot learn them
            is_state_body = mention.is_generic or (mention.source == "institution-phrases" and mention.country)
            if _is_local_body(mention, knowledge):
                kept.append(replace(mention, typing=stated_typing("Institution")))
                continue
            if mention.class_stated:  # "(D-MA)": the form says it is a state, whatever the model makes of "MA"
                kept.append(replace(mention, typing=stated_typing(mention.cls)))
                continue
            if not mention.is_country and (
                called_a_place(mention.span) or (mention.cls in {"Person", "Place"} and lies_in_a_place(mention.span))
            ):
                # "Randolph is a town in Coös County": NER's body, but the copula says it is a place
                place = mention if mention.cls == "Place" else retyped(mention, "Place", knowledge)
                kept.append(replace(place, typing=stated_typing("Place"), class_stated=True))
                continue
            if mention.cls != "Person" and not mention.is_country and _victim_of_a_killing(mention.span, knowledge):
                # "the assassination of Lincoln", "Kennedy assassin Lee Harvey Oswald": NER's place or
                # body, but what was killed is a person
                person = retyped(mention, "Person", knowledge)
                kept.append(replace(person, typing=stated_typing("Person"), class_stated=True))
                continue
            if mention.cls == "Institution" and _followed_by_age(mention.span):
                # "Marie Magdefrau Ferraro, 50, of Bethany": NER's ORG, but a body has no age
                kept.append(replace(retyped(mention, "Person", knowledge), typing=stated_typing("Person")))
                continue
            if is_group_of_states(mention.span.text):
                # "the G8": the model saw no such name, and the form says what it is
                kept.append(replace(mention, cls="Institution", typing=stated_typing("Institution"), class_stated=True))
                continue
            # "the Muslim Council of Britain": the model, which learned "of Britain" from places and
            # people, would drop a name whose form says it is a body
            body_by_form = mention.cls == "Institution" and names_a_body_of_a_country(mention.span.text, knowledge)
            if p[LABELS.index(NONE)] >= drop_at and _kept_by_its_words(mention, knowledge):
                kept.append(replace(mention, typing=stated_typing(mention.cls)))
                continue
            if p[LABELS.index(NONE)] >= drop_at and not (is_state_body or body_by_form) and not mention.is_country:
                continue
            if mention.cls == "Place" and mention.key in seats:
                kept.append(replace(retyped(mention, "Institution", knowledge), typing=p, class_stated=True))
                continue
            if mention.cls != "Person" and len(mention.span) > 1 and mention.span[-1].lower_ == "empire":
                # "the return of the British Empire", "the Ottoman Empire": a state of the past, a place
                place = mention if mention.cls == "Place" else retyped(mention, "Place", knowledge)
                kept.append(replace(place, typing=p, class_stated=True))
                continue
            if mention.cls == "Place" and mention.key in listed_places:
                kept.append(replace(mention, typing=p, class_stated=True))
                continue
            best: EntityClass = max(ENTITY_CLASSES, key=lambda c: p[LABELS.index(c)])
            if best != mention.cls and p[LABELS.index(best)] - p[LABELS.index(mention.cls)] >= margin:
                mention = retyped(mention, best, knowledge)
            kept.append(replace(mention, typing=p))
        typed.append(kept)
    return [[_with_role_before(m, knowledge) for m in mentions] for mentions in typed]


def _with_role_before(mention: SpanMention, knowledge: Knowledge) -> SpanMention:
    """ "Pop queen Madonna", "singers Dido and Robbie Williams", "U2 frontman Bono": a one-word name
    right after a person's role is a person known by that name, even one that is also a first name
    (resolution drops a lone first name nobody can tell: kg/resolve.py)."""
    span = mention.span
    if mention.cls != "Person" or len(span) != 1 or span.start == 0 or mention.class_stated:
        return mention
    before = span.doc[span.start - 1]
    if not before.is_lower or before.pos_ != "NOUN":
        return mention
    if any(t.tag_ == "JJS" for t in span.doc[max(0, span.start - 4) : span.start]):
        return mention  # "the best director Oscar": an award's category, no one described
    return replace(mention, class_stated=True) if before.lemma_.lower() in _roles_and_titles(knowledge) else mention


def _roles_and_titles(knowledge: Knowledge) -> frozenset[str]:
    """Every word of a person's role, job or title ("singer", "frontman", "minister", "mp")."""
    return knowledge.derived_words("person roles and titles", lambda: _person_roles(knowledge) | title_words(knowledge))


def _is_local_body(mention: SpanMention, knowledge: Knowledge) -> bool:
    """ "Norfolk police", "Gainesville police": a local body named by its place and a public body's
    head, as a state's is by its state; not "the Dublin government", a state's by its capital."""
    span = mention.span
    return (
        mention.source == "institution-phrases"
        and len(span) > 1
        and span[-1].lower_ in knowledge.words("public_body_heads") - _STATE_HEADS
        and (knowledge.is_known_place(span[:-1].text) or all(t.ent_type_ in {"GPE", "LOC"} for t in span[:-1]))
    )


_STATE_HEADS = frozenset({"government", "cabinet", "parliament", "ministry", "senate", "congress", "legislature"})


def _listed_with_places(mentions: Sequence[SpanMention]) -> set[SpanMention]:
    """Places named in a list with two other places ("he visits Manchester, Liverpool, Leicester";
    "rotated between Blackpool, Bournemouth and Brighton"): a city's name there is the city, even
    where the model, which saw football clubs named after cities, would make it a body."""
    by_token = {t.i: m for m in mentions for t in m.span}
    found = set()
    for mention in mentions:
        if mention.cls != "Place":
            continue
        root = mention.span.root
        members = {by_token.get(t.i) for t in (root, *root.conjuncts)} - {None, mention}
        if sum(1 for m in members if m is not None and m.cls == "Place") >= 2:
            found.add(mention)
    return found


_LOCATIVE = frozenset({"in", "at", "near", "into", "inside", "outside", "to", "from", "on", "around"})
_VISITS = frozenset({"leave", "enter", "visit", "reach", "arrive"})
_BEING = frozenset({"be", "stand", "lie", "sit", "house", "host", "remain", "look", "overlook", "face", "become"})


def _seats_that_act(found: Sequence[Sequence[SpanMention]], knowledge: Knowledge) -> set[str]:
    """Keys of streets and palaces that the document uses more often for the office they house
    than for the place (tests/gold/GUIDELINES.md 2.1): "Downing Street said", "drafted by Downing
    Street", "a Downing Street adviser", against "talks in Downing Street". Cities and countries
    used so ("Washington warned") stay places: that is metonymy (2.4). A street that only stands
    or lies somewhere is the street."""
    acting: Counter[str] = Counter()
    located: Counter[str] = Counter()
    seat_nouns, staff_nouns = knowledge.words("seat_nouns"), knowledge.words("staff_nouns")
    for mentions in found:
        for m in mentions:
            if m.cls != "Place" or m.is_country or len(m.span) < 2:
                continue
            if street_name(m.span.text).split()[-1].lower() not in seat_nouns:  # "Downing St" too
                continue
            root = m.span.root
            head = root.head.lemma_.lower()
            if (
                (root.dep_ == "nsubj" and root.head.pos_ in {"VERB", "AUX"} and head not in _BEING)
                or root.dep_ == "poss"
                or (root.dep_ == "pobj" and head == "by" and root.head.dep_ == "agent")
                or (root.dep_ == "compound" and head in staff_nouns)
            ):
                acting[m.key] += 1
            elif (root.dep_ == "pobj" and head in _LOCATIVE) or (root.dep_ == "dobj" and head in _VISITS):
                located[m.key] += 1
    return {key for key, n in acting.items() if n >= located[key]}


def _kept_by_its_words(mention: SpanMention, knowledge: Knowledge) -> bool:
    """A name the model would drop but the text's own words say is an entity of its class, where the
    model saw few such names: "the Justice Department's Civil Rights Division" (a unit's noun ends
    it), "the News of the World newspaper" (a medium), "Ban Ki-moon, the UN secretary-general,"
    (a person described by a role), "the Stockholm-based site" (a known place a body is based in),
    "Manufacturers Hanover Trust Co." (a company's legal form)."""
    if mention.cls == "Place":
        return _named_as_a_seat(mention.span, knowledge)
    if mention.cls == "Institution":
        return (
            _named_as_a_unit(mention.span, knowledge)
            or _named_as_a_medium(mention.span, knowledge)
            or _named_as_a_firm(mention.span)
            or _owned_by_a_body(mention.span, knowledge)
        )
    if mention.cls == "Person" and mention.source == "ner-PERSON":
        return _described_as_a_person(mention.span, knowledge) or _titled_as_a_person(mention.span, knowledge)
    return False


def _titled_as_a_person(span: Span, knowledge: Knowledge) -> bool:
    """ "Lib Dem MP Parmjit Singh Gill", "Archbishop of Canterbury Dr Rowan Williams", "Paul
    Boateng MP": two or more capitalised words right after an honorific or a person's title, or
    before a title in capitals, are a person's name, where the model, which saw few such names,
    would drop it."""
    honorifics = knowledge.lexicon["honorifics"]
    titles = title_words(knowledge)
    if span.end < len(span.doc) and is_post_nominal_title(span.doc[span.end], knowledge) and len(span) >= 2:
        # "Paul Boateng MP, Labour's Chief Secretary": a name with the title written after it
        return all(t.text[:1].isupper() and t.is_alpha and t.lower_ not in titles for t in span)
    if span[0].text in honorifics:  # NER's span may begin with the honorific
        before, span = span[0], span[1:]
    elif span.start > 0:
        before = span.doc[span.start - 1]
    else:
        return False
    # a given name and a surname, neither a title's or a job's word ("Director Physician Educator");
    # after "Mr." or "Dr" a surname alone, but not after "Justice", also a common word ("Justice Bill")
    words = _roles_and_titles(knowledge)
    least = 1 if before.text in honorifics and len(before.text.rstrip(".")) <= 3 else 2
    if len(span) < least or not all(t.text[:1].isupper() and t.is_alpha and t.lower_ not in words for t in span):
        return False
    return before.text in honorifics or (before.text[:1].isupper() and before.lower_ in titles)


def _owned_by_a_body(span: Span, knowledge: Knowledge) -> bool:
    """ "Michigan State University's Management Education Center", "the Army's School of the
    Americas": a capitalised name of a body's kind owned by a body is a body too."""
    doc, start = span.doc, span.start
    owned = start >= 2 and doc[start - 1].tag_ == "POS" and names_a_body(doc[start - 2], knowledge)
    heads = knowledge.words("unit_nouns") | knowledge.words("institution_heads") | OWNED_UNIT_NOUNS
    return owned and any(t.text[:1].isupper() and t.lower_ in heads for t in span)


def _named_as_a_seat(span: Span, knowledge: Knowledge) -> bool:
    """ "the Stockholm-based site", "an Oxford-based charity": a place of the gazetteer before
    "-based" (the model, which learned "-" before a word from "pro-" and "anti-", would drop it)."""
    after = span.doc[span.end : span.end + 2]
    return [t.lower_ for t in after] == ["-", "based"] and knowledge.is_known_place(span.text)


def _named_as_a_firm(span: Span) -> bool:
    """ "Manufacturers Hanover Trust Co.", "Pittsburgh-Corning Corp.": capitalised words ending in a
    company's legal form are a company's name."""
    words = [t for t in span if t.text not in {"-", "&"}]
    doc = span.doc
    # "Sears, Roebuck and Co.": NER cut the firm's name at its comma, and the tail is no name of its own
    after_a_name = span.start >= 2 and doc[span.start - 1].text == "," and doc[span.start - 2].text[:1].isupper()
    return (
        not after_a_name
        and len(words) > 1
        and words[-1].lower_ in FIRM_FORMS
        and all(t.text[:1].isupper() or t.lower_ in _PARTICLES for t in words)
    )


def _named_as_a_unit(span: Span, knowledge: Knowledge) -> bool:
    """A capitalised name of two words or more ending in a unit's noun: "Civil Rights Division",
    "Policy Unit", "Fire Department" (not "Office": "the Oval Office", "box office")."""
    return len(span) > 1 and span[-1].text[:1].isupper() and span[-1].lower_ in knowledge.words("unit_nouns")


def _named_as_a_medium(span: Span, knowledge: Knowledge) -> bool:
    """ "the News of the World newspaper", "BBC 1's Breakfast with Frost programme", "told the Sunday
    Times": a name the text makes a paper, a channel or a programme's owner, or someone is told
    something by, is a medium (a body by the guidelines) whatever the model makes of its words."""
    doc, root = span.doc, span.root
    after = doc[span.end] if span.end < len(doc) else None
    if (
        after is not None
        and after.is_lower
        and after.lower_ in knowledge.words("media_nouns")
        and after.i in {root.head.i, span[-1].head.i}
    ):
        return True
    if after is not None and after.lower_ in knowledge.words("programme_nouns"):
        return False  # "told BBC 1's Breakfast with Frost programme": a programme is a work
    told = root.dep_ in {"dobj", "dative"} and root.head.lemma_ == "tell"
    owns_a_programme = root.dep_ == "poss" and root.head.lower_ in knowledge.words("programme_nouns")
    return span[0].text[:1].isupper() and (told or owns_a_programme)


def _person_roles(knowledge: Knowledge) -> frozenset[str]:
    """Words of a person's role or job: "secretary-general", "singer", "chief executive"."""
    return knowledge.derived_words(
        "person roles",
        lambda: frozenset().union(
            *(
                knowledge.words(key)
                for key in ("occupations", "person_nouns", "org_roles", "leading_roles", "employee_roles")
            ),
            knowledge.words("head_of_state_titles"),
            knowledge.words("party_roles"),
        ),
    )


def _described_as_a_person(span: Span, knowledge: Knowledge) -> bool:
    """ "Ban Ki-moon, the UN secretary-general, visited", "Rowan Williams, an Anglican bishop": a
    name the text describes at once, between commas, by a person's role or job is a person's, where
    the model, which saw few such names ("Ki-moon"), would drop it."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != ",":
        return False
    roles = _person_roles(knowledge)
    first = doc[span.end + 1]
    if first.lower_ not in {"the", "a", "an"} and first.dep_ != "poss":
        return False
    words: list[str] = []
    for token in doc[span.end + 2 : min(len(doc), span.end + 9)]:
        if token.text in {",", ".", ";", "(", ")"} or token.is_sent_start:
            break
        words += [w for w in token.lower_.split("-") if w]
    # "secretary-general", "chief executive": a role of one to three words
    return any(" ".join(words[i : i + n]) in roles for n in (1, 2, 3) for i in range(len(words) - n + 1))


def _victim_of_a_killing(span: Span, knowledge: Knowledge) -> bool:
    """A name that owns a noun of killing or a killer ("Kennedy's assassination", "Lincoln's
    assassin"), is compounded onto one ("Kennedy assassin X") or follows its "of" ("the murder of
    Theo van Gogh")."""
    killers = knowledge.words("killer_nouns")
    nouns = killers | knowledge.words("killing_nouns")
    root = span.root
    head = root.head
    if head.tag_ != "NN" and not (root.dep_ == "pobj" and head.lower_ == "of"):
        return False  # one deed or one killer: not "the Soham murders", "Baghdad killings"
    if root.dep_ == "poss" and head.lemma_.lower() in nouns:
        return True
    if root.dep_ == "compound" and head.lemma_.lower() in killers:
        return True
    deed = head.head
    return (
        root.dep_ == "pobj"
        and head.lower_ == "of"
        and deed.tag_ == "NN"
        and deed.lemma_.lower() in nouns
        and not any(t.tag_ in {"NNS", "NNPS"} for t in span)
    )


def _followed_by_age(span: Span) -> bool:
    """ "X, 50, of Bethany", "X, 34, from Hartpury": a name, a comma, a person's age, a comma."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != "," or doc[span.end + 2].text != ",":
        return False
    age = doc[span.end + 1].text
    return age.isdigit() and 1 <= int(age) <= 110 and span[0].text[:1].isupper()
