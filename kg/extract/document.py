"""One parsed document -> its mentions and facts; the document-wide context for the rules."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg.extract.candidates import Pair, candidate_pairs, sentence_ends
from kg.extract.coref import coreferents, person_sexes
from kg.extract.entity_typing import stated_typing, type_mentions
from kg.extract.facts import decide
from kg.extract.mentions import (
    SpanMention,
    called_a_movement,
    extract_mentions,
    key_for,
    names_a_party_member,
    normalise,
    party_name,
    place_key,
    retyped,
    title_words,
)
from kg.extract.relations import (
    Candidate,
    Context,
    DescribedTitle,
    OpenTitle,
    conjunct_heads,
    department_portfolio,
    described_titles,
    extract_candidates,
    open_titles,
    qualifies_noun,
)
from kg.knowledge import Knowledge
from kg.model import Document, Fact, FactTime, Mention
from kg.temporal import fact_time

_MIN_FOCUS_MENTIONS = 2
# evidence for the article's country: a name counts 1, a demonym or a body's state ("Russian
# officials", "the Russian embassy") half, as foreign relations are told with adjectives; the
# dateline 3; the leader must be this many times the next country
_ADJECTIVE_WEIGHT = 0.5
_DATELINE_WEIGHT = 3.0
_FOCUS_MARGIN = 1.5
_ALONE_FOCUS = 3.0
_CLEAR_FOCUS, _CLEAR_MARGIN = 4.0, 3.0  # plainly about one country: this much evidence, this far ahead


@dataclass(frozen=True)
class Extraction:
    """What one document yields, before resolution across documents."""

    document: Document
    mentions: tuple[Mention, ...]
    facts: tuple[Fact, ...]
    focus_country: str | None
    open_titles: tuple[tuple[OpenTitle, str], ...] = ()  # with the sentence each was read in
    # each country's weight of evidence in the article (names, places, demonyms, dateline), by code
    country_evidence: tuple[tuple[str, float], ...] = ()
    described_titles: tuple[tuple[DescribedTitle, str], ...] = ()  # "the chancellor said", with its sentence
    works: frozenset[str] = frozenset()  # keys of the names the story calls works ("the browser Firefox")


@dataclass(frozen=True)
class SentencePairs:
    """One sentence's candidate pairs and the rules' facts: what the relation model decides on."""

    paragraph: int
    sentence: Span
    pairs: tuple[Pair, ...]
    rule_facts: tuple[Candidate, ...]
    open_titles: tuple[OpenTitle, ...] = ()
    described_titles: tuple[DescribedTitle, ...] = ()


@dataclass(frozen=True)
class Reading:
    """A document read up to the relation decisions."""

    mentions: tuple[Mention, ...]
    sentences: tuple[SentencePairs, ...]
    focus_country: str | None
    country_evidence: tuple[tuple[str, float], ...] = ()
    works: frozenset[str] = frozenset()


def read_document(document: Document, parsed: list[Doc], knowledge: Knowledge) -> Reading:
    """Mentions, coreference, the rules' facts and the candidate pairs of one document."""
    candidates = [extract_mentions(doc, knowledge) for doc in parsed]
    typed, works = _without_works(parsed, type_mentions(parsed, candidates, document.title, knowledge), knowledge)
    span_mentions = _surnames_as_people(parsed, _full_names_as_people(parsed, typed, knowledge), knowledge)
    span_mentions = _bodies_named_again(parsed, span_mentions, knowledge)
    dateline_country = _dateline_country(document, knowledge)
    evidence = country_evidence(span_mentions, parsed, dateline_country, knowledge)
    focus_code, is_clear = focus_country(evidence, dateline_country)
    focus = _country(focus_code, document.doc_id, knowledge) if focus_code else None
    located = _states_the_story_names(
        [
            [_to_mention(sm, document.doc_id, i, focus_code, knowledge) for sm in found]
            for i, found in enumerate(span_mentions)
        ]
    )
    spans = [
        [(sm.span, m) for sm, m in zip(found, mentions, strict=True)]
        for found, mentions in zip(span_mentions, located, strict=True)
    ]
    linked = coreferents(parsed, spans, focus, knowledge)
    ministries = {
        m.key.split(" ministry")[0]: m
        for found in located
        for m in found
        if m.cls == "Institution" and m.key.split("@")[0].endswith(" ministry")
    }
    departments = {
        portfolio: m
        for found in located
        for m in found
        if (portfolio := department_portfolio(m, knowledge)) is not None
    }
    chamber_names = {c for names in knowledge.lexicon["legislator_chambers"].values() for c in names}
    chambers = {
        base: m
        for found in located
        for m in found
        if m.cls == "Institution" and (base := m.key.split("@")[0]) in chamber_names and m.text[:1].isupper()
    }
    named_countries = frozenset(
        m.key.split(":", 1)[1] for found in located for m in found if m.key.startswith("country:")
    )
    sentences: list[SentencePairs] = []
    previous_subject: Mention | None = None
    subject_is_recent = False
    sexes = person_sexes(spans, knowledge)
    for i, (doc, here) in enumerate(zip(parsed, spans, strict=True)):
        by_token = {t: m for span, m in here for t in range(span.start, span.end)}
        bodies = {
            c.span[-1].i: c.mention
            for c in linked[i]
            if c.kind == "description" and c.mention.cls in {"Institution", "Party"}
        }
        pronouns = {c.span[0].i: c.mention for c in linked[i] if c.kind == "pronoun"}
        context = Context(
            knowledge,
            by_token,
            focus,
            previous_subject,
            ministries,
            named_countries,
            departments,
            chambers,
            bodies,
            pronouns,
            subject_is_recent,
            sexes,
        )
        for sentence in doc.sents:
            tokens = tuple(sentence)
            rule_facts = extract_candidates(tokens, context)
            pairs = candidate_pairs(sentence, sentence_ends(sentence, here, linked[i]), rule_facts)
            titles = tuple(
                t if is_clear else replace(t, implied=None) for t in open_titles(tokens, context)
            )  # a title takes the article's country only when the article is plainly about it
            described = tuple(described_titles(tokens, context))
            sentences.append(SentencePairs(i, sentence, tuple(pairs), tuple(rule_facts), titles, described))
            # the subject, or the name in apposition to it ("Barghouti's wife, Fadwa, said")
            subjects = [
                context.at(n)
                for t in tokens
                if t.dep_ == "nsubj"
                for n in (t, *(c for c in t.children if c.dep_ == "appos"))
                if context.at(n) is not None
            ]
            people = [m for m in subjects if m is not None and m.cls == "Person"]
            context.subject_is_recent = bool(people)
            if people:
                context.previous_subject = people[-1]
        previous_subject, subject_is_recent = context.previous_subject, context.subject_is_recent
    all_mentions = tuple(m for mentions in located for m in mentions) + _dateline_mention(document, knowledge)
    return Reading(all_mentions, tuple(sentences), focus_code, tuple(sorted(evidence.items())), works)


def extract_document(document: Document, parsed: list[Doc], knowledge: Knowledge) -> Extraction:
    """Mentions and facts of one document, its paragraphs parsed in order."""
    reading = read_document(document, parsed, knowledge)
    facts = [
        _to_fact(
            candidate,
            sentence.sentence.text.strip(),
            document.doc_id,
            fact_time(sentence.sentence, sentence.paragraph, candidate, document.date),
        )
        for sentence in reading.sentences
        for candidate in decide(sentence.pairs, sentence.rule_facts, knowledge, sentence.open_titles)
    ]
    facts += dateline_facts(document, knowledge)
    titles = tuple(
        (replace(t, person=_with_doc(t.person, document.doc_id)), s.sentence.text.strip())
        for s in reading.sentences
        for t in s.open_titles
    )
    described = tuple(
        (replace(t, body=_with_doc(t.body, document.doc_id)) if t.body is not None else t, s.sentence.text.strip())
        for s in reading.sentences
        for t in s.described_titles
    )
    return Extraction(
        document,
        reading.mentions,
        tuple(facts),
        reading.focus_country,
        titles,
        reading.country_evidence,
        described,
        reading.works,
    )


def _without_works(
    parsed: list[Doc], found: list[list[SpanMention]], knowledge: Knowledge
) -> tuple[list[list[SpanMention]], frozenset[str]]:
    """ "the road movie Sideways", "comedy Fat Albert", "Sideways, a moving yet funny film", "Opera
    is a Norwegian browser", "Closer, starring Jude Law": a name the story calls a film, a book or
    another work is no entity of ours, and no other mention of it in the story is either ("Paul
    Giamatti won for Sideways"). Also the keys of those names, for the other stories of the build."""
    works = knowledge.words("work_nouns")
    # NER may miss the name where the story calls it a work ("the biopic The Aviator") and find it
    # only where it does not ("The Aviator picked up six nominations")
    named_works = {normalise(name) for doc in parsed for name in _names_called_works(doc, works)}

    def is_called_a_work(span: Span) -> bool:
        doc, root = span.doc, span.root
        start = span.start - 1 if span.start > 0 and doc[span.start - 1].lower_ == "the" else span.start
        before = doc[start - 1] if start > 0 else None
        # "the book Gordon Brown wrote": the name after the noun is the subject of a clause about it
        is_clause_subject = root.dep_ == "nsubj" and root.head.dep_ in {"relcl", "ccomp"}
        verb = root.head
        is_said_a_work = (
            root.dep_ == "nsubj"
            and verb.lemma_ == "be"
            and not any(c.dep_ == "neg" for c in verb.children)
            and any(c.dep_ == "attr" and c.lemma_.lower() in works for c in verb.children)
        )
        # "Kinsey, starring Liam Neeson as the famed sexologist": only a work has a cast
        after = doc[span.end : span.end + 2]
        has_a_cast = len(after) == 2 and after[0].text == "," and after[1].lower_ == "starring"
        return (
            (before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in works and not is_clause_subject)
            or (root.dep_ == "appos" and root.head.i < span.start and root.head.lemma_.lower() in works)
            or any(c.dep_ == "appos" and c.i >= span.end and c.lemma_.lower() in works for c in root.children)
            or is_said_a_work
            or has_a_cast
        )

    def is_full_name(mention: SpanMention) -> bool:
        # "the book Gordon Brown wrote", which the parser may make an apposition: a given name and more
        words = mention.text.split()
        return mention.cls == "Person" and len(words) > 1 and words[0] in knowledge.given_names

    # "In his book, Brown says": the surname of a person the story names in full is that person
    surnames = {m.text.split()[-1] for mentions in found for m in mentions if is_full_name(m)}
    keys = {
        m.key
        for mentions in found
        for m in mentions
        if not m.is_country
        and not knowledge.is_known_place(m.text)
        and not is_full_name(m)
        and m.text not in surnames
        and (is_called_a_work(m.span) or normalise(m.span.text) in named_works)
    }
    return ([[m for m in mentions if m.key not in keys] for mentions in found] if keys else found), frozenset(keys)


def _names_called_works(doc: Doc, works: frozenset[str]) -> Iterator[str]:
    """ "the biopic The Aviator", "the saga Vera Drake", "classics such as Taxi Driver and
    Goodfellas": the capitalised names right after a work's noun, or listed after "NOUNs such as"."""

    def name_from(start: int) -> Span | None:
        if start < len(doc) and doc[start].lower_ == "the":
            start += 1
        end = start
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        # "the book Gordon Brown wrote": the name is the subject of a clause about the work
        if end == start or (doc[end - 1].dep_ == "nsubj" and doc[end - 1].head.dep_ in {"relcl", "ccomp"}):
            return None
        return doc[start:end]

    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in works:
            continue
        listed = doc[token.i + 1 : token.i + 3].text.lower() == "such as"
        first = name_from(token.i + 3 if listed else token.i + 1)
        if first is None:
            continue
        yield first.text
        for conj in first[-1].conjuncts if listed else ():
            other = name_from(conj.left_edge.i)
            if other is not None and other.end == conj.i + 1:
                yield other.text


def _full_names_as_people(
    parsed: list[Doc], found: list[list[SpanMention]], knowledge: Knowledge
) -> list[list[SpanMention]]:
    """ "Those charged included Otis Ferry, the son of ...", NER's PRODUCT, where the story names
    "Otis Ferry" as a person elsewhere: a full name the document gives a person is that person
    wherever it is written again, untagged or taken for a body."""
    names = {tuple(m.span.text.split()): m for mentions in found for m in mentions if m.cls == "Person"}
    # a person-like name only, that names no place: not "Bethnal Green", a seat NER once took for a
    # person, whose other mentions stand
    places = {tuple(m.span.text.split()) for mentions in found for m in mentions if m.cls == "Place"}
    names = {
        words: m
        for words, m in names.items()
        if len(words) > 1
        and words[0] in knowledge.given_names
        and words not in places
        and not knowledge.is_known_place(" ".join(words))
    }
    if not names:
        return found
    by_first_word: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in sorted(names):
        by_first_word[words[0]].append(words)
    person = stated_typing("Person")
    out: list[list[SpanMention]] = []
    for doc, mentions in zip(parsed, found, strict=True):
        kept = [
            retyped(m, "Person", knowledge) if m.cls == "Institution" and tuple(m.span.text.split()) in names else m
            for m in mentions
        ]
        covered = {i for m in kept for i in range(m.span.start, m.span.end)}
        for start, end, words in _written_again(doc, by_first_word, covered):
            if (start > 0 and doc[start - 1].pos_ == "PROPN") or (end < len(doc) and doc[end].pos_ == "PROPN"):
                continue  # part of a longer name: "the Tony Blair Faith Foundation"
            kept.append(SpanMention(doc[start:end], "Person", names[words].key, typing=person))
            covered.update(range(start, end))
        out.append(sorted(kept, key=lambda m: m.span.start))
    return out


def _written_again(
    doc: Doc, by_first_word: dict[str, list[tuple[str, ...]]], covered: set[int]
) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """Where a name of the document (its words, by their first) is written again over tokens no
    mention covers yet; the caller adds what it keeps to `covered`, which is read at each step."""
    for token in doc:
        for words in by_first_word.get(token.text, ()):
            start, end = token.i, token.i + len(words)
            if any(i in covered for i in range(start, end)) or tuple(t.text for t in doc[start:end]) != words:
                continue
            yield start, end, words


def _bodies_named_again(
    parsed: list[Doc], found: list[list[SpanMention]], knowledge: Knowledge
) -> list[list[SpanMention]]:
    """ "pro-smokers' group Forest" ... "Forest director Simon Clark said": a capitalised name the
    document gives a body is that body wherever it is written again and NER left it untagged. A
    one-word name at a sentence's start only before a title ("Forest fires" is no body)."""
    names = {
        tuple(m.span.text.split()): m
        for mentions in found
        for m in mentions
        if m.cls in {"Institution", "Party"} and not m.is_generic and m.span.text[:1].isupper()
    }
    other = {tuple(m.span.text.split()) for mentions in found for m in mentions if m.cls in {"Person", "Place"}}
    names = {words: m for words, m in names.items() if words not in other and all(w[:1].isupper() for w in words)}
    if not names:
        return found
    by_first_word: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in names:
        by_first_word[words[0]].append(words)
    titles = title_words(knowledge)
    out: list[list[SpanMention]] = []
    for doc, mentions in zip(parsed, found, strict=True):
        kept = list(mentions)
        covered = {i for m in kept for i in range(m.span.start, m.span.end)}
        for start, end, words in _written_again(doc, by_first_word, covered):
            if (start > 0 and doc[start - 1].text[:1].isupper() and not doc[start - 1].is_sent_start) or (
                end < len(doc) and doc[end].pos_ == "PROPN"
            ):
                continue  # part of a longer name
            if len(words) == 1 and doc[start].is_sent_start and not (end < len(doc) and doc[end].lower_ in titles):
                continue
            kept.append(replace(names[words], span=doc[start:end], source="named-again"))
            covered.update(range(start, end))
        out.append(sorted(kept, key=lambda m: m.span.start))
    return out


def _surnames_as_people(
    parsed: list[Doc], found: list[list[SpanMention]], knowledge: Knowledge
) -> list[list[SpanMention]]:
    """ "Barghouti's wife, Fadwa", "Barghouti said": a one-word name that is the surname of the one
    person the document names in full with it is that person for the rules, as resolution reads it
    too (kg/resolve.py, _person_names_by_document): where NER took it for a body or a place, and
    where NER left it untagged after naming the person in full."""
    full = {m.key: m.span[-1].text for mentions in found for m in mentions if m.cls == "Person" and " " in m.key}
    people_by_surname: dict[str, set[str]] = defaultdict(set)
    for key, written in full.items():
        people_by_surname[written].add(key)
    written_small = {t.text for doc in parsed for t in doc if t.text.islower()}
    surnames = {
        written
        for written, keys in people_by_surname.items()
        if len(keys) == 1
        and written[:1].isupper()
        # a surname the story also writes small is a word too ("Brown", "brown paper"): NER's call stands
        and written.lower() not in written_small
        # nor a place of the gazetteer or a party: "Mbeki Durban", "Blair Labour", a headline's two
        # names run together, make no man of Durban or of Labour
        and not knowledge.is_known_place(written)
        and party_name(written, knowledge) is None
    }
    person = stated_typing("Person")
    out: list[list[SpanMention]] = []
    for doc, mentions in zip(parsed, found, strict=True):
        kept = [
            retyped(m, "Person", knowledge)
            if m.cls in {"Institution", "Place"} and not m.is_country and m.span.text in surnames
            else m
            for m in mentions
        ]
        covered = {i for m in kept for i in range(m.span.start, m.span.end)}
        for token in doc:
            if token.i in covered or token.text not in surnames or token.pos_ not in {"PROPN", "NOUN"}:
                continue
            if token.dep_ == "compound" and token.head.i not in covered:
                continue  # "Barghouti Street", "Nobel prize": the start of another name, or a modifier
            if any(0 <= j < len(doc) and doc[j].text in {"-", "–"} for j in (token.i - 1, token.i + 1)):
                continue  # "Kilroy-Silk": the end of a double name, not the name
            span = _with_given_name(doc, token, covered, knowledge)
            kept.append(SpanMention(span, "Person", key_for(span.text, "Person", knowledge)[0], typing=person))
        out.append(sorted(kept, key=lambda m: m.span.start))
    return out


def _with_given_name(doc: Doc, token: Token, covered: set[int], knowledge: Knowledge) -> Span:
    """ "Otis Ferry, the son of rock star Bryan Ferry", NER's PRODUCT: a given name before the
    surname is another person of that family, not the one named in full."""
    before = doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.i not in covered and before.text in knowledge.given_names:
        return doc[before.i : token.i + 1]
    return doc[token.i : token.i + 1]


def _with_doc(mention: Mention, doc_id: str) -> Mention:
    return mention if mention.doc_id else replace(mention, doc_id=doc_id)


def _dateline_mention(document: Document, knowledge: Knowledge) -> tuple[Mention, ...]:
    """ "BISHKEK (REUTERS) -": ingest took the dateline off the text, but its place is named there,
    and so is the region or country it is in ("RAMALLAH, West Bank (AP) -")."""
    place = document.dateline_place
    if not place:
        return ()
    code = knowledge.country_code(place)
    key = f"country:{code}" if code else place.lower()
    found = (Mention(document.doc_id, -1, 0, 0, place, "Place", key, source="dateline"),)
    region = _dateline_region(document, knowledge)
    return found if region is None else (*found, region)


def _dateline_region(document: Document, knowledge: Knowledge) -> Mention | None:
    """The dateline's region or country, where the gazetteer knows it as one, or the story names it
    too, and its place is no country: "KARBALA, Iraq", "DAYTON, Ohio", "BEAVERTON, Ore.", "RAMALLAH,
    West Bank"."""
    place, written = document.dateline_place, document.dateline_region
    if not place or not written or knowledge.country_code(place):
        return None
    code = knowledge.country_code(written)
    if code:
        known = knowledge.city_country.get(place)
        if known is not None and known != code:
            return None  # the gazetteer's city of that name is in another country: not this one
        return Mention(document.doc_id, -1, 0, 0, written, "Place", f"country:{code}", source="dateline")
    name = knowledge.region_name(written)
    if name in knowledge.subdivisions or name in knowledge.regions or knowledge.is_known_place(name):
        return Mention(document.doc_id, -1, 0, 0, name, "Place", place_key(name, knowledge), source="dateline")
    # a territory the gazetteer lists under no name ("West Bank"), which the story's text names too
    body = " ".join(document.paragraphs)
    if name.istitle() and re.search(rf"\b{re.escape(name)}\b", body):
        return Mention(document.doc_id, -1, 0, 0, name, "Place", place_key(name, knowledge), source="dateline")
    return None


def dateline_facts(document: Document, knowledge: Knowledge) -> tuple[Fact, ...]:
    """ "KARBALA, Iraq (AP) -": the dateline's place lies in the region or country it names."""
    mentions = _dateline_mention(document, knowledge)
    if len(mentions) < 2 or not document.dateline:
        return ()
    place, region = mentions
    confidence = knowledge.confidence("dateline", "locatedIn", 0.8)
    return (Fact(place, "locatedIn", region, document.dateline, confidence, "dateline"),)


def country_evidence(
    span_mentions: list[list[SpanMention]], parsed: list[Doc], dateline_country: str | None, knowledge: Knowledge
) -> dict[str, float]:
    """Each country's evidence in the article: the countries it names, its cities and regions, the
    demonyms it uses ("British", "Kenyan"), the states of the bodies it names ("Kyrgyzstan's
    ministry") and its dateline (three times). A country's name as a modifier ("the Iraq war",
    "Iraq intelligence") says what the story is about, not where: it counts as a demonym."""
    counts: dict[str, float] = defaultdict(float)
    for found in span_mentions:
        for mention in found:
            text = mention.span.text
            if mention.key.startswith("country:"):
                counts[mention.key.split(":", 1)[1]] += _ADJECTIVE_WEIGHT if _is_modifier(mention.span) else 1
            elif mention.country:
                counts[mention.country] += _ADJECTIVE_WEIGHT
            elif mention.cls == "Place" and text in knowledge.city_country:
                counts[knowledge.city_country[text]] += 1
            elif mention.cls == "Place" and (code := knowledge.region_country(text)):
                counts[code] += 1
    for doc in parsed:
        for ent in doc.ents:
            if ent.label_ == "NORP" and (code := knowledge.demonym_country(ent.text)):
                counts[code] += _ADJECTIVE_WEIGHT
    if dateline_country:
        counts[dateline_country] += _DATELINE_WEIGHT
    return dict(counts)


def _is_modifier(span: Span) -> bool:
    """ "Iraq" in "the Iraq war": a name before a common noun it qualifies."""
    return qualifies_noun(span.root) and span.root.head.i >= span.end


def _dateline_country(document: Document, knowledge: Knowledge) -> str | None:
    if not document.dateline_place:
        return None
    return knowledge.country_code(document.dateline_place) or knowledge.city_country.get(document.dateline_place)


def focus_country(evidence: dict[str, float], dateline_country: str | None = None) -> tuple[str | None, bool]:
    """The country the article is about, and whether plainly (a title with no state may take it
    then): the one clearly ahead on the evidence. A foreign country named once beside a story's
    own does not win it; plain when far ahead, or when the story is filed from it."""
    ranked = sorted(evidence.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    if not ranked or ranked[0][1] < _MIN_FOCUS_MENTIONS:
        return None, False
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if second * _FOCUS_MARGIN > ranked[0][1]:
        return None, False  # two countries share the story: do not guess
    far_ahead = ranked[0][1] >= _CLEAR_FOCUS and second * _CLEAR_MARGIN <= ranked[0][1]
    far_ahead = far_ahead or (second == 0 and ranked[0][1] >= _ALONE_FOCUS)
    return ranked[0][0], far_ahead or ranked[0][0] == dateline_country


def _country(code: str, doc_id: str, knowledge: Knowledge) -> Mention:
    return Mention(doc_id, -1, 0, 0, knowledge.countries[code].name, "Place", f"country:{code}")


def _to_mention(found: SpanMention, doc_id: str, paragraph: int, focus: str | None, knowledge: Knowledge) -> Mention:
    span = found.span
    country = found.country
    key = found.key
    if found.cls in {"Institution", "Party"} and not found.is_generic and len(span) > 1:
        # "UK Treasury", "U.S. Army", "British Government": a state's name or demonym before a body every
        # state has is that state's body, keyed as "treasury@GB" like "the Treasury" in a British story
        first = span[0].text
        code = knowledge.country_code(first) or knowledge.demonym_country(first)
        if first.lower() in knowledge.words("part_demonyms"):
            code = None  # "Scottish Parliament", "Welsh Assembly": a part's body, not the state's
        rest = span[1:].text
        rest_key, is_common = key_for(rest, found.cls, knowledge)
        abroad = rest.split()[-1].lower() in knowledge.words("bodies_abroad")
        if code and rest[:1].isalpha() and is_common and not abroad:
            found = replace(found, key=rest_key, country=code, is_generic=True)
            country, key = code, rest_key
    people = _stateless_people_before(span, knowledge) if found.is_generic and not country else None
    if people is not None:
        # "Palestinian Cabinet Minister X": the body of a people with no state of the gazetteer's, named
        # with them, not the article's country's
        span = span.doc[people.i : span.end]
        key = key_for(span.text, found.cls, knowledge)[0]
        found = replace(found, span=span, key=key, is_generic=False, typing=stated_typing(found.cls))
    if found.is_generic and found.cls in {"Institution", "Party"}:
        # "interior ministry" names one body only with its state: "Kyrgyzstan's", "the country's", else the article's
        owned = country or _owner_country(span, focus, knowledge)
        from_focus = owned is None and focus is not None
        country = owned or focus
        key = f"{key}@{country}" if country else key
    else:
        from_focus = False
    start, end = span.start_char, span.end_char
    stated = found.class_stated or (found.cls == "Party" and called_a_movement(span, knowledge))
    return Mention(
        doc_id,
        paragraph,
        start,
        end,
        span.text,
        found.cls,
        key,
        country,
        found.source,
        found.typing,
        from_focus,
        stated,
    )


def _stateless_people_before(span: Span, knowledge: Knowledge) -> Token | None:
    """The people's name before a body every state has, where the gazetteer gives it no state of
    ours: "Palestinian" in "Palestinian Cabinet" (not "British", nor a party: "Labour government")."""
    if span.start == 0:
        return None
    word = span.doc[span.start - 1]
    if word.ent_type_ != "NORP" or not word.text.istitle() or knowledge.demonym_country(word.text):
        return None
    return None if names_a_party_member(word.text, knowledge) else word


def _states_the_story_names(located: list[list[Mention]]) -> list[list[Mention]]:
    """ "The U.S. Army said Army Sgt. Paul Kim was wounded" in a story filed from Baghdad: a
    common-noun body whose state came only from the article's country is the one of that name the
    story gives a state of its own, where it gives one only and says it at least as often as it
    writes the bare name ("the Treasury", again and again in a British story that once names "US
    Treasury officials", stays the British one)."""
    stated: dict[str, set[str]] = defaultdict(set)
    n_stated: Counter[str] = Counter()
    n_bare: Counter[str] = Counter()
    for mentions in located:
        for m in mentions:
            base = m.key.rsplit("@", 1)[0]
            if "@" in m.key and not m.state_from_focus and m.country:
                stated[base].add(m.country)
                n_stated[base] += 1
            elif m.state_from_focus:
                n_bare[base] += 1
    changed = False
    relocated: list[list[Mention]] = []
    for mentions in located:
        row = []
        for m in mentions:
            base = m.key.rsplit("@", 1)[0]
            states = stated.get(base, set())
            if (
                m.state_from_focus
                and len(states) == 1
                and n_stated[base] >= n_bare[base]
                and (code := next(iter(states))) != m.country
            ):
                m = replace(m, key=f"{base}@{code}", country=code, state_from_focus=False)
                changed = True
            row.append(m)
        relocated.append(row)
    return relocated if changed else located


def _owner_country(span: Span, focus: str | None, knowledge: Knowledge) -> str | None:
    """The state a common-noun body belongs to: "Kyrgyzstan's X", "the country's X", "X in Nairobi"."""
    root = span.root
    for head in conjunct_heads(root):
        for child in head.children:
            if child.dep_ == "poss":
                if child.lemma_.lower() == "country":
                    return focus
                return _place_country(child, knowledge)
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ in {"in", "of"}:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _place_country(obj, knowledge)
    return None


def _place_country(token: Token, knowledge: Knowledge) -> str | None:
    name = token.doc[token.left_edge.i : token.i + 1].text if token.dep_ != "compound" else token.text
    for text in (name, token.text):
        code = knowledge.country_code(text) or knowledge.city_country.get(text)
        if code:
            return code
    return None


def _to_fact(candidate: Candidate, sentence: str, doc_id: str, time: FactTime) -> Fact:
    subject, obj = candidate.subject, candidate.object
    if not subject.doc_id:
        subject = replace(subject, doc_id=doc_id)
    if not obj.doc_id:
        obj = replace(obj, doc_id=doc_id)
    return Fact(
        subject,
        candidate.predicate,
        obj,
        sentence,
        round(candidate.confidence, 2),
        candidate.rule,
        candidate.role,
        candidate.status,
        candidate.verb,
        time,
    )
