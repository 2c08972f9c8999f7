"""Mentions of all documents -> entities: aliases merged within and across documents.

People: a surname alone ("Mr Jeenbekov") joins the nearest full name with that surname in
its document, else the only one in the corpus; two full names with different first names
never merge. Other classes merge by normalised key (country aliases, party nicknames and
ministry phrasings are folded into the key upstream); an acronym joins the body whose
initials it spells in the same document.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace

from spacy.lang.en.lex_attrs import _num_words
from spacy.lang.en.stop_words import STOP_WORDS

from kg.extract.document import Extraction, focus_country
from kg.extract.entity_typing import LABELS, NONE
from kg.extract.entity_typing import load_model as load_typing_model
from kg.extract.mentions import (
    LEGAL_FORMS,
    NAME_PARTICLES,
    is_demonym_form,
    is_region_or_country,
    key_for,
    normalise,
    person_key,
)
from kg.extract.relations import title_head
from kg.identifiers import entity_ids
from kg.knowledge import Knowledge
from kg.model import ENTITY_CLASSES, SYMMETRIC_PREDICATES, Entity, EntityClass, Evidence, Fact, Mention, ResolvedFact
from kg.people import PeopleResolution, canonical_form, mention_id, resolve_people
from kg.places import PROMINENCE_RATIO

# A person or common-noun body the archive gives one state (an office, a citizenship; "the Home
# Office" of articles plainly about one country) counts for an article's country once, like a name
# of that state: "Mr Blair" and "the Cabinet" tell a British story that names Iraq three times.
_KNOWN_STATE_WEIGHT = 1.0

# When one name is typed differently across mentions, the more specific class wins ties.
_CLASS_PRIORITY: dict[EntityClass, int] = {"Person": 0, "Party": 1, "Place": 2, "Institution": 3}


def _people_by_initials(extraction: Extraction) -> Extraction:
    """ "RKS" beside "Robert Kilroy-Silk", "IDS" beside "Iain Duncan Smith": an acronym of three
    letters or more that spells the initials of one person its document names in full, and that
    no body there spells ("the Party of the Democratic Revolution (PRD)"), is that person."""
    people = {m.key: m.text for m in extraction.mentions if m.cls == "Person"}
    spelled_by_bodies = _acronym_map(extraction)  # by their initials, or in brackets after the name
    written = set(people.values())
    changed = {}
    for m in extraction.mentions:
        if m.cls == "Person" or not _is_acronym(m.text) or len(m.text) < 3 or m.key in spelled_by_bodies:
            continue
        bracketed = [
            p[: i.start()].rstrip()
            for p in extraction.document.paragraphs
            for i in re.finditer(re.escape(f"({m.text})"), p)
        ]
        if any(not any(before.endswith(name) for name in written) for before in bracketed):
            continue  # in brackets after a name NER missed: "the Party of the Democratic Revolution (PRD)"
        # one person, however the name is spelt: "Robert Kilroy-Silk", "Robert Kilroy Silk"
        fits = {
            canonical_form(key): key
            for key in sorted(people, reverse=True)
            if len(key.replace("-", " ").split()) >= 3 and m.text in _initials(key)
        }
        if len(fits) == 1:
            changed[m] = replace(m, cls="Person", key=next(iter(fits.values())), country=None, class_stated=True)
    return _swap_mentions(extraction, changed)


def _people_by_name(extraction: Extraction) -> Extraction:
    """A name NER typed ORG or place in one sentence is a person when the same document names that
    person ("Mr Campbell" ... "Campbell: E-mail row"; "Ms Sturgeon" ... "Nicola Sturgeon")."""
    people = [m for m in extraction.mentions if m.cls == "Person"]
    full_names = {m.key for m in people if " " in m.key}
    surnames = {m.key.split()[-1] for m in people}

    def is_person(mention: Mention) -> bool:
        if mention.cls == "Person" or mention.key.startswith("country:") or "@" in mention.key:
            return False
        words = mention.key.split()
        if mention.key in full_names or (len(words) == 1 and mention.key in surnames):
            return True
        return len(words) == 2 and words[-1] in surnames and mention.text.istitle()

    return _swap_mentions(extraction, {m: replace(m, cls="Person") for m in extraction.mentions if is_person(m)})


def _without_common_first_words(extraction: Extraction, knowledge: Knowledge) -> Extraction:
    """ "Vote Blair" (a slogan), "Backbencher Stephen Pound", "State Blackwell": a person's name
    that starts with a word the article also writes in lower case ("voters", "backbenchers",
    "state"), which is no given name, is the rest of the name, when the rest starts with a given
    name or ends with the surname of another person the article names."""
    honorifics = set(knowledge.lexicon["honorifics"])
    lower_words = set(re.findall(r"\b[a-z][a-z-]+\b", " ".join(extraction.document.paragraphs)))
    surnames = Counter(m.key.split()[-1] for m in extraction.mentions if m.cls == "Person" and m.key)
    changed = {}
    for m in extraction.mentions:
        words = m.text.split()
        if m.cls != "Person" or len(words) < 2 or words[0] in honorifics or not words[0][:1].isupper():
            continue
        first, rest = words[0], " ".join(words[1:])
        if len(first.rstrip(".")) == 1:
            continue  # "B Lee" on a scorecard: an initial, though "by" starts with it
        surname = person_key(rest, knowledge).split()[-1]
        named = surnames[surname] - (m.key.split()[-1] == surname) > 0 or words[1] in knowledge.given_names
        # "Ohio Secretary of State Blackwell": the word ends a title written before the name
        before = extraction.document.paragraphs[m.paragraph][: m.start].split()[-2:] if m.paragraph >= 0 else []
        ends_title = " ".join([*before, first]).lower() in knowledge.words("head_of_state_titles")
        if ends_title or (
            first not in knowledge.given_names
            and named
            # written in lower case, or with an ending: "voters" for "Vote" (looked for last: it is the slow
            # test); a short word is no such stem: "Hu" of "Hu Jintao" is not "human" written small
            and len(first) >= 4
            and any(w.startswith(first.lower()) and len(w) <= len(first) + 3 for w in lower_words)
        ):
            start = m.start + m.text.index(rest)
            changed[m] = replace(m, text=rest, start=start, key=person_key(rest, knowledge))
    return _swap_mentions(extraction, changed)


def _without_run_together_names(extraction: Extraction, knowledge: Knowledge) -> Extraction:
    """ "Blair Labour", "Blunkett Sheffield", "Chris Mannix Ron Artest": a headline or a byline ran
    two names of its article into one. A name written once that is a person's full name or surname
    (as the document's other people are named) and a name of another class the document writes
    elsewhere, or a given name and a surname (a byline's), or two people's full names, is the part
    of its own class; of two people, the one
    the document names more often. Not a body and a place ("Lycos Europe", "BBC Scotland"), nor a
    given name and a surname ("Freddie Forsyth", when NER made "Freddie" a place)."""
    written: Counter[str] = Counter(m.text.casefold() for m in extraction.mentions)
    classes: dict[str, set[EntityClass]] = defaultdict(set)
    for m in extraction.mentions:
        classes[m.text.casefold()].add(m.cls)
    people = {m.text.casefold() for m in extraction.mentions if m.cls == "Person" and " " in m.text}
    surname_uses = Counter(m.text.split()[-1].casefold() for m in extraction.mentions if m.cls == "Person")
    changed = {}
    for m in extraction.mentions:
        words = m.text.split()
        if len(words) < 2 or m.key.startswith("country:") or written[m.text.casefold()] > 1:
            continue
        others = people - {m.text.casefold()}
        given = {name.split()[0] for name in others}
        named = (others | {name.split()[-1] for name in others}) - given

        def fits(a: str, b: str, named: set[str] = named, others: set[str] = others) -> bool:
            if a in others and b in others:
                return True
            person, other = (a, b) if a in named else (b, a)
            byline = all(len(n.split()) == 2 and n.split()[0].title() in knowledge.given_names for n in (a, b))
            return person in named and (
                byline  # "SI.com's Chris Mannix Ron Artest should be thrown out": a byline's name first
                or (
                    written[other] > 0
                    and bool(classes[other] - {"Person"})
                    and other.title() not in knowledge.given_names
                )
            )

        splits = [
            (" ".join(words[:i]), " ".join(words[i:]))
            for i in range(1, len(words))
            if fits(" ".join(words[:i]).casefold(), " ".join(words[i:]).casefold())
        ]
        if len(splits) != 1:
            continue
        fitting = [
            p for p in splits[0] if m.cls in classes[p.casefold()] or (m.cls == "Person" and p.casefold() in named)
        ]
        uses = {p: surname_uses[p.split()[-1].casefold()] for p in fitting}
        if len(fitting) == 2 and uses[fitting[0]] != uses[fitting[1]]:
            fitting = [max(fitting, key=lambda p: uses[p])]
        if len(fitting) != 1:
            continue
        part = fitting[0]
        start = m.start + m.text.index(part)
        changed[m] = replace(m, text=part, start=start, end=start + len(part), key=key_for(part, m.cls, knowledge)[0])
    return _swap_mentions(extraction, changed)


_HEADLINE_WINDOW = 6  # words each side of a name that show it sits in a headline's capitals
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
)


def _without_headline_tails(extraction: Extraction) -> Extraction:
    """ "Flown Out of Iraq by U.S. Army After Reporting Torture of Detainees", "Will the AFL-CIO
    Split?": in a headline's capitals NER runs a name on into the next words. A name written only
    in such capitals, that is another name of its class the document writes and then a function
    word ("After") or a word the document writes in lower case elsewhere ("split"), is that name."""
    paragraphs = extraction.document.paragraphs
    loose_words = STOP_WORDS | {w for text in paragraphs for w in re.findall(r"\b[a-z]+\b", text)}
    names = {(m.cls, m.text): m for m in extraction.mentions}
    # the paragraphs with every name blanked out: a name's own capitals make no headline
    # ("named president of Sears Holding Corp., CEO of Sears Retail")
    blanked = [list(text) for text in paragraphs]
    for m in extraction.mentions:
        blanked[m.paragraph][m.start : m.end] = " " * (m.end - m.start)
    plain = ["".join(chars) for chars in blanked]

    def capitalised(words: list[str]) -> bool:
        content = [w for w in words if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
        return len(content) >= 2 and sum(w[:1].isupper() for w in content) * 4 >= len(content) * 3

    def in_capitals(m: Mention) -> bool:
        text = plain[m.paragraph]
        return capitalised(text[: m.start].split()[-_HEADLINE_WINDOW:]) or capitalised(
            text[m.end :].split()[:_HEADLINE_WINDOW]
        )

    heads = {}
    for cls, text in names:
        starts = [
            n
            for c, n in names
            if c == cls
            and text.startswith(n + " ")
            and text[len(n) + 1 :][:1].isupper()
            and text[len(n) + 1 :].split()[0].lower() in loose_words
        ]
        if starts:
            heads[(cls, text)] = max(starts, key=len)
    outside = {(m.cls, m.text) for m in extraction.mentions if (m.cls, m.text) in heads and not in_capitals(m)}
    changed = {}
    for m in extraction.mentions:
        head = heads.get((m.cls, m.text))
        if head is not None and (m.cls, m.text) not in outside and not m.key.startswith("country:"):
            named = names[(m.cls, head)]
            changed[m] = replace(m, text=head, end=m.start + len(head), key=named.key, country=named.country)
    return _swap_mentions(extraction, changed)


_PEERAGES = frozenset({"Lord", "Lady", "Baroness", "Baron", "Viscount", "Viscountess", "Earl", "Countess"})


def _without_epithets(extraction: Extraction) -> Extraction:
    """ "William Pitt the Younger", "Alfred the Great": a word after a person's name and "the" is
    part of that name, no name of its own (it would join Sam Younger); so is the place of a peer's
    title ("Lord Roberts of Conwy" names no town)."""
    paragraphs = extraction.document.paragraphs
    ends = {(m.paragraph, m.end) for m in extraction.mentions if m.cls == "Person"}
    peers = {(m.paragraph, m.end) for m in extraction.mentions if m.cls == "Person" and m.text.split()[0] in _PEERAGES}
    dropped = {
        m
        for m in extraction.mentions
        if (
            " " not in m.text
            and paragraphs[m.paragraph][max(0, m.start - 5) : m.start] == " the "
            and (m.paragraph, m.start - 5) in ends
        )
        or (
            m.cls == "Place"
            and paragraphs[m.paragraph][max(0, m.start - 4) : m.start] == " of "
            and (m.paragraph, m.start - 4) in peers
        )
    }
    return _without_mentions(extraction, dropped)


def _without_demonyms(extraction: Extraction, knowledge: Knowledge) -> Extraction:
    """ "Kashmiris", "Kashmiri politicians" in an article about Kashmir: the people of a place the
    document names are not an entity, whatever class NER gave them; their facts go with them."""
    places = frozenset(m.text for m in extraction.mentions if m.cls == "Place")
    dropped = {
        m for m in extraction.mentions if m.cls != "Party" and is_demonym_form(m.text, knowledge, places - {m.text})
    }
    return _without_mentions(extraction, dropped)


_QUALIFIER = re.compile(r",\s*([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)")


def _city_name(text: str) -> str:
    return text.title() if text.isupper() else text  # a dateline's "COLUMBUS, Georgia"


def _qualifier_after(mention: Mention, paragraph: str, knowledge: Knowledge) -> tuple[str, int] | None:
    """ "Portland, Maine", "Columbus, Ohio", "Washington, D.C.": the region written after a city's
    name, when the gazetteer has a city of that name there (two words tried before one), and
    where it starts in the paragraph."""
    found = _QUALIFIER.match(paragraph, mention.end)
    if found is None:
        return None
    words = found.group(1).split()
    for n in (2, 1):
        written = " ".join(words[:n])
        for qualifier in (written, written.rstrip(".")):  # "Columbus, Georgia." ends a sentence
            if len(words) >= n and knowledge.cities_in(_city_name(mention.text), qualifier):
                return qualifier, found.start(1)
    return None


def _qualified_places(extractions: list[Extraction], knowledge: Knowledge) -> list[Extraction]:
    """Namesake cities apart: a city written with its region ("Portland, Maine"; "Portland, Ore.")
    is keyed with it, and so is every mention of that name in its article when the article
    qualifies it one way only. An article that never qualifies it names the archive's one
    qualified city of that name when that city is five times the gazetteer's next of the name
    ("Washington" beside "Washington, D.C."); else it keeps the bare name (two Portlands; Columbus,
    Ohio, is not five times Columbus, Georgia; a small namesake of London). The region itself is
    no country of its name: "Columbus, Georgia" names the state, in all of its article."""
    qualified: list[dict[str, str]] = []
    regions_named: list[dict[str, str]] = []  # per article: a country's key -> the region's key
    written_after: list[dict[Mention, str]] = []  # per article: a city's mention -> the region written after it
    for extraction in extractions:
        found: dict[str, set[str]] = defaultdict(set)
        at: dict[tuple[int, int], str] = {}
        after_city: dict[Mention, str] = {}
        for m in extraction.mentions:
            if m.cls == "Place" and not m.key.startswith("country:"):
                after = _qualifier_after(m, extraction.document.paragraphs[m.paragraph], knowledge)
                if after is not None:
                    found[m.key].add(after[0])
                    at[(m.paragraph, after[1])] = after[0]
                    after_city[m] = after[0]
        written_after.append(after_city)
        qualified.append({key: next(iter(q)) for key, q in found.items() if len(q) == 1})
        regions_named.append(
            {
                m.key: knowledge.region_name(at[(m.paragraph, m.start)]).lower()
                for m in extraction.mentions
                if m.key.startswith("country:") and (m.paragraph, m.start) in at
            }
        )
    archive: dict[str, set[str]] = defaultdict(set)
    for by_key in qualified:
        for key, qualifier in by_key.items():
            archive[key].add(knowledge.region_name(qualifier))
    names = {m.key: _city_name(m.text) for e in extractions for m in e.mentions if m.cls == "Place"}
    lone: dict[str, str] = {}
    for key, regions in archive.items():
        cities = knowledge.cities.get(names[key], ())  # most populous first
        if (
            len(regions) == 1
            and cities
            and (len(cities) == 1 or cities[0].population >= PROMINENCE_RATIO * cities[1].population)
            and cities[0] in knowledge.cities_in(names[key], next(iter(regions)))
        ):
            lone[key] = next(iter(regions))
    result = []
    for extraction, by_key, named, after_city in zip(extractions, qualified, regions_named, written_after, strict=True):
        # "OLYMPIA, Wash." ... "Washington's governor-elect": where the article writes the region, its name is it
        written_regions = {
            knowledge.region_name(m.text).lower()
            for m in extraction.mentions
            if knowledge.region_name(m.text) != m.text
        }
        changed = {}
        for m in extraction.mentions:
            if m.key in named:
                changed[m] = replace(m, key=named[m.key])
            if m.cls != "Place" or m.key.startswith("country:") or knowledge.region_name(m.text) != m.text:
                continue  # "REDMOND, Wash.": the state, not its namesake city
            region = after_city.get(m) or by_key.get(m.key, None if m.key in written_regions else lone.get(m.key))
            if region is not None:
                changed[m] = replace(m, key=f"{m.key}, {knowledge.region_name(region).lower()}")
        result.append(_swap_mentions(extraction, changed))
    return result


def _names_cut_short(extractions: list[Extraction]) -> list[Extraction]:
    """ "checked America Online mail", "the Public and Commercial Services Union": NER cut a name
    short ("America", "Commercial Services Union") that the archive writes in full elsewhere. A
    mention whose text reads on, word for word, into a longer name of a body or place of the
    archive is that name, when the word after it (or before it) starts no further name."""
    forms: dict[str, Counter[tuple[EntityClass, str]]] = defaultdict(Counter)
    for e in extractions:
        for m in e.mentions:
            if m.cls != "Person" and " " in m.text and m.paragraph >= 0:
                forms[m.text][(m.cls, m.key)] += 1
    by_first: dict[str, list[str]] = defaultdict(list)
    by_last: dict[str, list[str]] = defaultdict(list)
    by_word: dict[str, list[str]] = defaultdict(list)
    for name in sorted(forms, key=len, reverse=True):  # the longest reading first
        by_first[name.split()[0]].append(name)
        by_last[name.split()[-1]].append(name)
        for word in set(name.split()[1:-1]):
            by_word[word].append(name)

    def named(words: list[str]) -> bool:  # "Online", "Public and": not "government", "west"
        return bool(words) and all(w[:1].isupper() or w in _FUNCTION_WORDS for w in words)

    changed_all = []
    for e in extractions:
        paragraphs = e.document.paragraphs
        changed: dict[Mention, Mention] = {}
        for m in e.mentions:
            if m.cls == "Person" or m.paragraph < 0 or not m.text.strip():
                continue
            text = paragraphs[m.paragraph]
            words = m.text.split()
            # the text read on to the right, then to the left; the longest name first
            readings = [
                (name, m.start, m.start + len(name), name[len(m.text) :])
                for name in by_first.get(words[0], [])
                if name.startswith(m.text + " ")
            ] + [
                (name, m.end - len(name), m.end, name[: -len(m.text)])
                for name in by_last.get(words[-1], [])
                if name.endswith(" " + m.text)
            ]
            # both ways: "the Public and Commercial Services union", NER's "Commercial Services"
            readings += [
                (name, m.start - at, m.start - at + len(name), name[:at] + name[at + len(m.text) :])
                for name in by_word.get(words[0], [])
                if (at := name.find(" " + m.text + " ") + 1) > 0
            ]
            readings.sort(key=lambda reading: -len(reading[0]))  # the longest name that reads first
            found = next(
                (
                    (n, at, to)
                    for n, at, to, rest in readings
                    if named(rest.split()) and _reads(text, at, to, n, len(words) > 1)
                ),
                None,
            )
            if found is None:
                continue
            name, start, end = found
            cls, key = forms[name].most_common(1)[0][0]
            changed[m] = replace(m, text=text[start:end], start=start, end=end, cls=cls, key=key, country=None)
        inside = {
            other
            for new in changed.values()
            for other in e.mentions
            if other not in changed
            and other.paragraph == new.paragraph
            and new.start <= other.start
            and other.end <= new.end
        }
        changed_all.append(_swap_mentions(_without_mentions(e, inside), changed))
    return changed_all


def _reads(text: str, start: int, end: int, name: str, lower_head: bool = False) -> bool:
    """The paragraph reads `name` at [start, end), and no capitalised word runs on either side (a
    sentence's capitalised "The" before it is no name)."""
    written, last = text[start:end], name.split()[-1]
    # the head noun may be written in lower case after a name of two words or more that NER cut
    # short: "the Public and Commercial Services union"; not "the EU constitution"
    if start < 0 or not (
        written == name
        or (
            lower_head and written[: -len(last)] == name[: -len(last)] and written[-len(last) :].lower() == last.lower()
        )
    ):
        return False
    after = text[end : end + 2]
    if after[:1].isalnum() or (after[:1] == " " and after[1:2].isupper()):
        return False
    before = text[:start]
    if before[-1:].isalnum():
        return False
    word_before = before.split()[-1] if before.endswith(" ") and before.strip() else ""
    return not (word_before[:1].isupper() and word_before.lower() not in _FUNCTION_WORDS)


def _without_mentions(extraction: Extraction, dropped: set[Mention]) -> Extraction:
    """The extraction without some mentions and the facts they are an end of."""
    if not dropped:
        return extraction
    return replace(
        extraction,
        mentions=tuple(m for m in extraction.mentions if m not in dropped),
        facts=tuple(f for f in extraction.facts if f.subject not in dropped and f.object not in dropped),
    )


def _swap_mentions(extraction: Extraction, changed: dict[Mention, Mention]) -> Extraction:
    """The extraction with some mentions replaced, in its facts too."""
    if not changed:
        return extraction

    def swap(mention: Mention) -> Mention:
        return changed.get(mention, mention)

    facts = tuple(replace(f, subject=swap(f.subject), object=swap(f.object)) for f in extraction.facts)
    return replace(extraction, mentions=tuple(swap(m) for m in extraction.mentions), facts=facts)


def _bare_name(text: str, knowledge: Knowledge) -> str:
    """A name without honorifics, edge punctuation and case: how one name is recognised anywhere."""
    honorifics = knowledge.lexicon["honorifics"]
    words = normalise(text).split()
    while len(words) > 1 and words[0] in honorifics:
        words = words[1:]
    return " ".join(words).casefold()


def _mean_typing(vectors: list[tuple[float, ...]]) -> tuple[float, ...]:
    return tuple(sum(v[i] for v in vectors) / len(vectors) for i in range(len(LABELS)))


def _retyped_across_archive(extractions: list[Extraction], knowledge: Knowledge, margin: float) -> list[Extraction]:
    """A name typed one way in one article and another way elsewhere ("Lycos" a person here, a
    company there) takes the class its mentions' typing favours over the whole archive, when that
    class is ahead by the margin; countries keep theirs, and so does a name whose article says
    its class in words ("the militant group Hamas")."""
    typings: dict[str, list[tuple[float, ...]]] = defaultdict(list)
    for extraction in extractions:
        for mention in extraction.mentions:
            if mention.typing:
                typings[_bare_name(mention.text, knowledge)].append(mention.typing)
    means = {name: _mean_typing(vectors) for name, vectors in typings.items()}
    honorifics = set(knowledge.lexicon["honorifics"])
    changed_all = []
    for extraction in extractions:
        changed: dict[Mention, Mention] = {}
        stated = {m.key for m in extraction.mentions if m.class_stated}  # "the militant group Hamas"
        for mention in extraction.mentions:
            p = means.get(_bare_name(mention.text, knowledge)) if mention.typing else None
            if p is None or mention.key.startswith("country:") or mention.key in stated:
                continue
            if mention.cls == "Person" and mention.text.split()[0] in honorifics:
                continue  # "Lord Liverpool" is a man, whatever the city's mentions say
            best: EntityClass = max(ENTITY_CLASSES, key=lambda c: p[LABELS.index(c)])
            if best != mention.cls and p[LABELS.index(best)] - p[LABELS.index(mention.cls)] >= margin:
                key, is_generic = key_for(mention.text, best, knowledge)
                if is_generic and extraction.focus_country:
                    key = f"{key}@{extraction.focus_country}"
                changed[mention] = replace(mention, cls=best, key=key, country=None)
        changed_all.append(_swap_mentions(extraction, changed))
    return changed_all


def _after_a_given_name(mention: Mention, paragraphs: tuple[str, ...], knowledge: Knowledge) -> bool:
    """ "Daniel Moi", "Daniel arap Moi": the name is a person's when a given name comes just before
    it, or before a particle."""
    before = paragraphs[mention.paragraph][: mention.start].split()[-2:]
    if before and before[-1] in NAME_PARTICLES:
        before = before[:-1]
    return bool(before) and before[-1] in knowledge.given_names


def _companies_named_as_people(extractions: list[Extraction], knowledge: Knowledge) -> list[Extraction]:
    """ "No one at Lycos was available", "Lycos Europe is now sending": NER's people that are
    bodies. A one-word "person" that begins the name of a body of the archive ("Lycos Europe",
    "Lockheed Martin") and is no one's surname, given name or name after an honorific there, nor a
    place, is that body; and a name that does not start with a given name and ends in a country,
    region or continent is no person's ("Lycos Europe"; "Kermit Washington" is one).

    The same holds for a "person" that no one is named, whose whole name the archive gives a body
    or a place elsewhere ("Unison said", "the Unison union"; "he would contest Bethnal Green"): it
    takes the class the archive gives that name. A one-word "person" that no one is named and that
    the gazetteer knows as a town or region ("moved to Powys", "Dorset and Torbay") is that place,
    and one that is the first word of the archive's one site of that name is that site ("Woodhill"
    beside "Woodhill Prison"), and one that spells the initials of the archive's one body of those
    initials is that body ("Acpo", the Association of Chief Police Officers). A two-word "person"
    that no one is named and that starts with the archive's one-word name of a body is a body
    ("Lockheed Martin" beside "Lockheed")."""
    honorifics = set(knowledge.lexicon["honorifics"])
    surnames: set[str] = set()
    named_people: list[list[str]] = []
    body_starts: set[str] = set()
    other_classes: dict[str, Counter[EntityClass]] = defaultdict(Counter)
    sites: dict[str, set[str]] = defaultdict(set)
    spelled: dict[str, set[tuple[EntityClass, str]]] = defaultdict(set)
    one_word_bodies: Counter[str] = Counter()
    for e in extractions:
        for m in e.mentions:
            words = m.text.split()
            if m.cls == "Person" and (len(words) > 1):
                surnames.add(words[-1])
                named_people.append(words)
            if m.cls == "Institution" and len(words) > 1 and not words[0][:1].islower():
                body_starts.add(words[0])
            if m.cls != "Person" and not m.key.startswith("country:"):
                other_classes[m.text][m.cls] += 1
            if m.cls == "Institution" and len(words) == 1:
                one_word_bodies[m.text] += 1
            if m.cls == "Place" and len(words) == 2 and words[1].lower() in knowledge.words("site_nouns"):
                sites[words[0]].add(m.key)  # "Woodhill Prison", "Heathrow Airport"
            if m.cls in {"Institution", "Party"} and len(words) > 1:
                for letters in _initials(m.key.split("@")[0]):
                    spelled[letters].add((m.cls, m.key))
    # the words of people's names, but not of a run-on such as "Unison Dave Prentis", nor of a
    # name the archive gives a body or place too
    name_words = {
        w
        for words in named_people
        if words[0] not in other_classes and " ".join(words) not in other_classes
        for w in words
    }
    changed_all = []
    for e in extractions:
        changed = {}
        for m in e.mentions:
            words = m.text.split()
            if m.cls != "Person" or not words or words[0] in honorifics or m.class_stated:
                continue  # "RKS", read as Robert Kilroy-Silk by his initials, stays him
            nobody = (
                words[0] not in name_words  # "Bethnal Green" is no Damian Green
                and words[0] not in knowledge.given_names
                and not (len(words) == 1 and m.text.lower() in knowledge.surnames)
                and not _after_a_given_name(m, e.document.paragraphs, knowledge)
            )
            if nobody and m.text in other_classes:
                cls = other_classes[m.text].most_common(1)[0][0]
                key, _ = key_for(m.text, cls, knowledge)
                changed[m] = replace(m, cls=cls, key=key, country=None)
                continue
            if nobody and len(words) == 1 and len(m.text) >= 3 and len(spelled.get(m.text.upper(), ())) == 1:
                # "Acpo", "Defra": an acronym written as a word, the archive's one body of those initials
                cls, key = next(iter(spelled[m.text.upper()]))
                changed[m] = replace(m, cls=cls, key=key, country=None)
                continue
            if nobody and len(sites.get(m.text, ())) == 1:
                # "Belmarsh prison, London, and Woodhill, Milton Keynes": the archive's one site of that name
                changed[m] = replace(m, cls="Place", key=next(iter(sites[m.text])), country=None)
                continue
            if nobody and len(words) == 1 and (m.text in knowledge.cities or m.text in knowledge.subdivisions):
                key, _ = key_for(m.text, "Place", knowledge)
                changed[m] = replace(m, cls="Place", key=key, country=None)
                continue
            lone_body = (
                len(words) == 1
                and m.text in body_starts
                and m.text not in surnames
                and m.text.lower() not in knowledge.surnames
                and m.text not in knowledge.given_names
                and not knowledge.is_gazetteer_place(m.text)  # "Powys" of "Powys County Council" is a place
                and m.text not in knowledge.subdivisions
            )
            placed = (
                len(words) > 1
                and words[0] not in knowledge.given_names  # "Kermit Washington" is a man
                and is_region_or_country(words[-1], knowledge)
            )
            # "stolen Lockheed documents" ... "Lockheed Martin": a body's name and one more word
            body_first = (
                nobody
                and len(words) == 2
                and one_word_bodies[words[0]] >= 2
                and words[0] not in surnames
                and words[0].removesuffix("s") not in honorifics  # "Lords Bingham and Nicholls"
            )
            if lone_body or placed or body_first:
                key, _ = key_for(m.text, "Institution", knowledge)
                changed[m] = replace(m, cls="Institution", key=key, country=None)
        changed_all.append(_swap_mentions(e, changed))
    return changed_all


def _person_names_by_document(extractions: list[Extraction]) -> dict[str, dict[str, str]]:
    """Per document: every full name and unambiguous surname of a person -> the full-name key."""
    names: dict[str, dict[str, str]] = {}
    for extraction in extractions:
        full = sorted({m.key for m in extraction.mentions if m.cls == "Person" and " " in m.key})
        by_name = {key: key for key in full}
        surnames = Counter(key.split()[-1] for key in full)
        by_name.update({key.split()[-1]: key for key in full if surnames[key.split()[-1]] == 1})
        names[extraction.document.doc_id] = by_name
    return names


_FUNCTION_WORDS = frozenset({"of", "the", "and", "for"})


def _initials(name: str) -> set[str]:
    """ "department of justice" -> {"DJ", "DOJ"}: an acronym may spell the small words or skip them.
    A long one may take a syllable of some words: "Western Hemisphere Institute for Security
    Cooperation" -> "WHINSEC" (see _syllable_acronyms)."""
    words = [w for w in name.lower().replace("-", " ").split() if w[:1].isalpha()]
    content = [w for w in words if w not in _FUNCTION_WORDS]
    return {"".join(w[0] for w in ws).upper() for ws in (words, content) if len(ws) >= 2} | _syllable_acronyms(content)


_SYLLABLE_ACRONYM_LENGTH = 5  # shorter ones match too many names by their first letters


def _syllable_acronyms(words: list[str], most: int = 8) -> set[str]:
    """Each content word's first one to three letters, in order, every word used, some word giving
    more than one, five to `most` letters in all: "WHINSEC", not "DOJ" (plain initials)."""
    if not 3 <= len(words) <= 6:
        return set()
    forms = {""}
    for word in words:
        forms = {f + word[:k] for f in forms for k in range(1, min(3, len(word)) + 1) if len(f) + k <= most}
    plain = "".join(w[0] for w in words)
    return {f.upper() for f in forms if len(f) >= _SYLLABLE_ACRONYM_LENGTH and f != plain}


def _is_acronym(text: str) -> bool:
    return text.isupper() and 2 <= len(text) <= 8 and text.isalpha()


def _spelled_out_in_brackets(short: Mention, long: Mention, paragraphs: tuple[str, ...]) -> bool:
    """ "the Landless Workers' Movement (MST)": an acronym in brackets straight after a body's name
    of two words or more is that body's, whatever its letters (it may be the name's in another
    language). Not "NEW YORK (AP)": a place is no body that takes a byline's letters."""
    if (
        short.paragraph != long.paragraph
        or long.cls not in {"Institution", "Party"}
        or " " not in long.text
        or ")" in long.text  # "America Online (Profile, Products, Articles) Inc. (AOL)": a page's furniture
    ):
        return False
    text = paragraphs[short.paragraph]
    return text[long.end : short.start] == " (" and text[short.end : short.end + 1] == ")"


def _acronym_map(extraction: Extraction) -> dict[str, str]:
    """ "CEC" -> "central election commission@KG", "NI" -> "northern ireland", "DOJ" -> "department
    of justice@US" when both appear in one document; "MST" -> "landless workers' movement" when
    the document spells it out in brackets."""
    bodies = [m for m in extraction.mentions if m.cls in {"Institution", "Party", "Place"}]
    paragraphs = extraction.document.paragraphs
    mapping: dict[str, str] = {}
    for short in bodies:
        if _is_acronym(short.text):
            for long in bodies:
                name = long.text if long.key.startswith("country:") else long.key.split("@")[0]
                if short.text in _initials(name) or _spelled_out_in_brackets(short, long, paragraphs):
                    mapping[short.key] = long.key
                    break
    return mapping


def _dominant_key(counts: Counter[str]) -> str | None:
    """The one key, or the one named far more often than any other (5 to 1): "EU" paired with
    "European Union" in 16 articles and with a misspelt "Europe Union" in one."""
    ranked = counts.most_common(2)
    if len(ranked) == 1 or (ranked and ranked[0][1] >= 5 * ranked[1][1]):
        return ranked[0][0]
    return None


_DOTTED_ACRONYM = re.compile(r"^(?:[a-z]\.){2,}$")


def _undotted(key: str) -> str:
    """ "u.n." -> "un": one acronym however it is punctuated."""
    return key.replace(".", "") if _DOTTED_ACRONYM.match(key) else key


def _majority(counts: Counter[str]) -> str | None:
    """The key at least two thirds of the counts agree on."""
    code, n = counts.most_common(1)[0]
    return code if 3 * n >= 2 * sum(counts.values()) else None


_STATE_PREDICATES = frozenset({"holdsPosition", "leaderOf", "citizenOf"})


def _known_states(extractions: list[Extraction], people: PeopleResolution) -> tuple[dict[str, str], dict[str, str]]:
    """The states the archive gives, by a two-thirds majority: person key -> the state of their
    offices and citizenship; common-noun body ("home office") -> the state articles give it in
    their own words or by a plain focus."""
    of_people: dict[str, Counter[str]] = defaultdict(Counter)
    of_bodies: dict[str, Counter[str]] = defaultdict(Counter)
    for extraction in extractions:
        for fact in extraction.facts:
            person, place = fact.subject, fact.object
            if fact.predicate in _STATE_PREDICATES and person.cls == "Person" and place.key.startswith("country:"):
                of_people[people.keys.get(mention_id(person), person.key)][place.key.split(":", 1)[1]] += 1
        plain = focus_country(dict(extraction.country_evidence))[1]
        for base, code in {
            (m.key.split("@")[0], m.key.rsplit("@", 1)[1])
            for m in extraction.mentions
            if "@" in m.key and (plain or not m.state_from_focus)
        }:
            of_bodies[base][code] += 1
    return (
        {k: state for k, counts in of_people.items() if (state := _majority(counts))},
        {k: state for k, counts in of_bodies.items() if (state := _majority(counts))},
    )


def _refocused(
    extractions: list[Extraction], people: PeopleResolution, knowledge: Knowledge
) -> tuple[list[Extraction], dict[str, dict[str, float]]]:
    """Each article's country weighed again with the people and common-noun bodies it names whose
    states the whole archive knows; a body whose state came from the article's country alone
    follows the new one. Also each article's evidence, by doc id."""
    person_state, body_state = _known_states(extractions, people)
    changed_all, evidence_by_document = [], {}
    for extraction in extractions:
        evidence: dict[str, float] = defaultdict(float, extraction.country_evidence)
        known: dict[str, str] = {}  # each person or body once
        for m in extraction.mentions:
            if m.cls == "Person":
                person = people.keys.get(mention_id(m), m.key)
                if person in person_state:
                    known["person:" + person] = person_state[person]
            elif (base := m.key.split("@")[0]) in body_state and ("@" in m.key or _is_generic(m, knowledge)):
                known[base] = body_state[base]
        for code in known.values():
            evidence[code] += _KNOWN_STATE_WEIGHT
        evidence_by_document[extraction.document.doc_id] = dict(evidence)
        focus, plain = focus_country(evidence)
        if focus == extraction.focus_country:
            if plain and focus is not None:  # plain only now, with the people it names: open titles may take it
                extraction = _implied_country(extraction, focus, plain, knowledge)
            changed_all.append(extraction)
            continue
        changed = {
            m: replace(m, key=f"{m.key.rsplit('@', 1)[0]}@{focus}" if focus else m.key.rsplit("@", 1)[0], country=focus)
            for m in extraction.mentions
            if m.state_from_focus
        }
        changed_all.append(_implied_country(_swap_mentions(extraction, changed), focus, plain, knowledge))
    return changed_all, evidence_by_document


def _implied_country(extraction: Extraction, focus: str | None, plain: bool, knowledge: Knowledge) -> Extraction:
    """The extraction with its article's country changed: an office the rules gave the old country
    because the title named none ("Health Secretary John Reid") goes to the new one, or is dropped
    when there is none; an open title takes the new country only when the article is plainly about it."""
    old = f"country:{extraction.focus_country}"
    country = (
        Mention(extraction.document.doc_id, -1, 0, 0, knowledge.countries[focus].name, "Place", f"country:{focus}")
        if focus
        else None
    )
    facts = []
    for fact in extraction.facts:
        if "implied" in fact.rule and fact.object.key == old:
            if country is None:
                continue
            fact = replace(fact, object=country)
        facts.append(fact)
    titles = tuple((replace(t, implied=country if plain else None), s) for t, s in extraction.open_titles)
    return replace(extraction, facts=tuple(facts), open_titles=titles, focus_country=focus)


def _state_of_unstated(options: Counter[str], evidence: dict[str, float]) -> str | None:
    """Of the stated keys of one common-noun body (`options`, each counted by its documents), the
    one an article that did not say whose its body is means: the one state among them its own
    evidence names, or names twice as strongly as any other; when it names no country at all, the
    one the archive names far more often (5 to 1). Else none: no state is better than a wrong one."""
    named = sorted(((evidence.get(k.rsplit("@", 1)[1], 0.0), k) for k in options), reverse=True)
    named = [(weight, k) for weight, k in named if weight > 0]
    if named:
        if len(named) == 1 or named[0][0] >= 2 * named[1][0]:
            return named[0][1]
        return None
    if any(weight > 0 for weight in evidence.values()):
        return None
    return _dominant_key(options)


def _country_prefixed(extractions: list[Extraction], knowledge: Knowledge) -> list[Extraction]:
    """ "the U.S. Air Force", "the United States Air Force": a body named by a country and a name
    the archive also writes bare ("the Air Force") is the body of that name of that state, so the
    bare name can take its state as a common-noun body's does. A demonym is no such prefix
    ("American Red Cross" is not the Red Cross)."""
    bare = {m.key for e in extractions for m in e.mentions if m.cls == "Institution" and "@" not in m.key}
    changed_all = []
    for e in extractions:
        changed = {}
        for m in e.mentions:
            words = m.text.split()
            if m.cls != "Institution" or "@" in m.key:
                continue
            for n in (1, 2):
                code = knowledge.country_code(" ".join(words[:n])) if len(words) > n else None
                rest, generic = key_for(" ".join(words[n:]), m.cls, knowledge) if code else ("", False)
                if code and rest in bare and not generic:  # "United States government" is settled already
                    changed[m] = replace(m, key=f"{rest}@{code}", country=code)
                    break
        changed_all.append(_swap_mentions(e, changed))
    return changed_all


_WEBSITE = re.compile(r"^(.+?)\.(?:com|org|net|co\.uk|org\.uk|info)$")
_STATE_HEADS = frozenset(
    {"government", "house", "court", "service", "services", "forces", "navy", "guard", "group", "unit"}
)


_CHAMBER_OF = re.compile(r"^houses? of (\w+)$")


def _body_keys(
    extractions: list[Extraction], knowledge: Knowledge, evidence: dict[str, dict[str, float]]
) -> dict[tuple[str, str], str]:
    """(doc id, mention key) -> the key of the body it names, for names that are another form of a
    body named elsewhere in the archive:

    - an acronym is the body whose initials it spells in its own document; elsewhere, the body the
      archive's articles pair it with, when they all (or far the most) pair it with one ("EU" ->
      European Union); an acronym of three letters or more no article spells out is the one body
      whose initials it is ("NAO");
    - a short form is the one "<head> of <Name>" of the archive ("Commons" -> House of Commons);
    - a name with a descriptor after it is the name alone ("Guardian newspaper" -> Guardian);
    - a company's first words are the company its articles name in full ("Wal-Mart" -> Wal-Mart
      Stores Inc.);
    - a body's name that is the end of one longer name of its article is that body ("the Globe"
      after "the Boston Globe", "Nobel Committee" after "Norwegian Nobel Committee");
    - a common-noun body whose article did not say whose it is ("Home Office") is the body of that
      name of the state its article's evidence names (`_state_of_unstated`); else it keeps no state.
    """
    stated: dict[str, Counter[str]] = defaultdict(Counter)
    for key, _ in {(m.key, e.document.doc_id) for e in extractions for m in e.mentions if "@" in m.key}:
        stated[key.split("@")[0]][key] += 1
    generic = {
        m.key.split("@")[0] for e in extractions for m in e.mentions if "@" in m.key or _is_generic(m, knowledge)
    }

    def settled(doc_id: str, key: str) -> str:
        if "@" not in key and key in generic and key in stated:
            return _state_of_unstated(stated[key], evidence.get(doc_id, {})) or key
        return key

    local = {
        (e.document.doc_id, _undotted(short)): settled(e.document.doc_id, long)
        for e in extractions
        for short, long in _acronym_map(e).items()
    }
    paired: dict[str, Counter[str]] = defaultdict(Counter)
    for (_, short), long in local.items():
        paired[short][long] += 1
    spelled = {short: best for short, longs in paired.items() if (best := _dominant_key(longs)) is not None}
    companies: dict[str, Counter[str]] = defaultdict(Counter)
    for e in extractions:
        for short, long in _company_short_forms(e, knowledge).items():
            companies[short][long] += 1
    registered = {short: best for short, longs in companies.items() if (best := _dominant_key(longs)) is not None}
    keys = {m.key for e in extractions for m in e.mentions if m.cls != "Person"}
    institution_keys = {m.key for e in extractions for m in e.mentions if m.cls == "Institution"}
    # an acronym no article spells out is the one body of the archive whose initials it is ("NAO")
    by_initials: dict[str, set[str]] = defaultdict(set)
    for e in extractions:
        for m in e.mentions:
            if m.cls in {"Institution", "Party"} and not _is_acronym(m.text) and not _is_generic(m, knowledge):
                for initials in _initials(m.key.split("@")[0]):
                    by_initials[initials].add(m.key)
    heads = knowledge.words("institution_heads")
    of_forms: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        words = key.split("@")[0].split()
        if len(words) >= 3 and words[-2] == "of" and words[0] in heads:
            of_forms[words[-1]].add(key)
    descriptors = sorted(knowledge.words("descriptor_nouns"), key=lambda d: -len(d))
    # "Radio 4" beside "BBC Radio 4", "Public Accounts Committee" beside "Commons Public Accounts
    # Committee": a body's name of two words or more that ends the archive's one name of a part of
    # another body, the owner's name first. Not "Red Cross" beside "American Red Cross", nor
    # "Local Government Association" beside the Welsh one: a demonym is no body.
    plain = {
        m.key
        for e in extractions
        for m in e.mentions
        if m.cls == "Institution" and "@" not in m.key and not _is_generic(m, knowledge)
    }
    # an owner is named by an acronym or by two words or more: one word may be junk ("Bill", "New"),
    # unless it is the short form of the archive's one "<head> of <it>" ("Commons")
    owners = {
        m.key
        for e in extractions
        for m in e.mentions
        if m.key in plain
        and (_is_acronym(m.text) or " " in m.key or len(of_forms.get(m.key, ())) == 1)
        and knowledge.country_code(m.text) is None
        and knowledge.demonym_country(m.text) is None
    }
    ends_of: dict[str, set[str]] = defaultdict(set)
    for key in plain:
        words = key.split()
        for i in range(1, len(words) - 1):
            if " ".join(words[:i]) in owners:
                ends_of[" ".join(words[i:])].add(key)
    # "Constitutional Affairs Minister Chris Leslie": a portfolio is the one department of it
    departments_of: dict[str, set[str]] = defaultdict(set)
    for key in institution_keys:
        words = key.split("@")[0].split()
        if len(words) >= 3 and words[0] in {"department", "ministry"} and words[1] in {"for", "of"}:
            departments_of[" ".join(words[2:])].add(key.split("@")[0])
        elif len(words) >= 2 and words[-1] in {"department", "ministry"}:  # "the Defense Department"
            departments_of[" ".join(words[:-1])].add(key.split("@")[0])

    def department_for(doc_id: str, key: str) -> str | None:
        """The state's department of a portfolio ("constitutional affairs@GB"), when the article
        says whose it is or its evidence settles it: the Commerce of a US story is no ministry of
        commerce the archive gave no state."""
        portfolio, at, code = key.partition("@")
        state = at + code  # "@GB" where the article said whose it is
        found: Counter[str] = Counter()
        for form in departments_of.get(portfolio, ()):
            target = form + state if state else settled(doc_id, form)
            if "@" in target and (target in keys or not state):
                found[target] += sum(stated[form].values())
        return min(found, key=lambda k: (-found[k], k)) if found else None

    one_word_bodies = {
        m.key for e in extractions for m in e.mentions if m.cls in {"Institution", "Party"} and " " not in m.key
    }
    documents_named = Counter(key for key, _ in {(m.key, e.document.doc_id) for e in extractions for m in e.mentions})

    def _both_in_use(short: str, long: str) -> bool:
        # two letters spell too much ("IE" once is no Indian Express once, "PA" a byline), but "UN"
        # in nine articles and "United Nations" in five are the archive's own pair
        return documents_named[short] >= 2 and documents_named[long] >= 2

    spelt_short = _words_spelt_short(documents_named, keys)
    mapping: dict[tuple[str, str], str] = {}
    # every state has a government, a court, armed forces: those bare heads are no short forms
    vague_heads = heads - knowledge.words("bare_institutions") - _STATE_HEADS
    longer_by_doc = {
        e.document.doc_id: _longer_names(e, knowledge, documents_named)
        | _first_words_of_longer(e, knowledge, documents_named)
        for e in extractions
    }
    # "Nobel committee" alone in one article, where two others write it beside "Norwegian Nobel
    # Committee" and one reads it so: a short form the archive always reads one way is that body
    doc_keys = {e.document.doc_id: {(m.cls, m.key) for m in e.mentions} for e in extractions}
    readings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for named, full in {pair for found in longer_by_doc.values() for pair in found.items()}:
        # the articles that write both, in whatever order
        readings[named][full] += sum(1 for ks in doc_keys.values() if named in ks and (named[0], full) in ks)
    read_alike = {
        named: next(iter(fulls)) for named, fulls in readings.items() if len(fulls) == 1 and sum(fulls.values()) >= 2
    }
    # "the House" of an article that names one house; else the one its state's articles read it as
    # "commons" -> "house of commons": the chambers' short forms the archive knows, looked for in each text
    house_short_forms = {
        short: form
        for short, forms in of_forms.items()
        if len(forms) == 1 and (form := next(iter(forms))).startswith("house of ")
    }
    houses_by_doc = {e.document.doc_id: _houses_named(e, of_forms, house_short_forms, generic) for e in extractions}
    house_readings: dict[str, Counter[str]] = defaultdict(Counter)
    for e in extractions:
        if len(houses := houses_by_doc[e.document.doc_id]) == 1:
            doc_id = e.document.doc_id
            for m in e.mentions:
                if m.cls == "Institution" and m.key.split("@")[0] == "house":
                    house_readings[settled(doc_id, _undotted(m.key))][next(iter(houses))] += 1
    read_house = {
        key: next(iter(found)) for key, found in house_readings.items() if len(found) == 1 and found.total() >= 2
    }
    archive_longer = _first_words_in_archive(extractions, knowledge, documents_named, doc_keys) | _sites_never_apart(
        doc_keys, knowledge
    )
    for extraction in extractions:
        doc_id = extraction.document.doc_id
        longer = archive_longer | read_alike | longer_by_doc[doc_id]
        # "the Commission" in an article about the Electoral Commission: a bare head noun that one
        # name of the article ends in is that body, not every state's "Commission"
        named_bodies: dict[str, set[str]] = defaultdict(set)
        for m in extraction.mentions:
            words = m.key.split("@")[0].split()
            if m.cls == "Institution" and len(words) >= 2 and words[-1] in vague_heads:
                named_bodies[words[-1]].add(m.key)
        houses = houses_by_doc[doc_id]
        for mention in extraction.mentions:
            if mention.cls == "Person" or mention.key.startswith("country:"):
                continue
            key = _undotted(mention.key)
            base = key.split("@")[0]
            if (
                mention.cls == "Institution"
                and base == "house"
                and (house := _the_house(houses, read_house.get(settled(doc_id, key))))
            ):
                mapping[(doc_id, mention.key)] = house  # "told the House", after "the Commons"
                continue
            if mention.cls == "Institution" and base in vague_heads and len(named_bodies.get(base, ())) == 1:
                mapping[(doc_id, mention.key)] = next(iter(named_bodies[base]))
                continue
            chamber = _CHAMBER_OF.match(base)
            if chamber and chamber.group(1) in generic:
                key = chamber.group(1)  # "either House of Parliament", "both Houses of Parliament": Parliament
            if (mention.cls, key) in longer:
                key = longer[(mention.cls, key)]  # "the Globe" after "the Boston Globe"
            if (doc_id, key) in local:
                key = local[(doc_id, key)]
            elif key in spelled:
                key = spelled[key]
            elif mention.cls == "Institution" and key in registered:
                key = registered[key]  # "Wal-Mart" -> Wal-Mart Stores Inc., in every article
            elif (
                mention.cls in {"Institution", "Party"}
                and _is_acronym(mention.text)
                and key not in paired
                and len(by_initials.get(mention.text, ())) == 1
                and (len(mention.text) >= 3 or _both_in_use(mention.key, next(iter(by_initials[mention.text]))))
            ):
                key = next(iter(by_initials[mention.text]))
            elif (
                " " not in key
                and len(of_forms.get(key, ())) == 1
                # "people from across the Americas" is no School of the Americas
                and mention.cls != "Place"
                and not knowledge.is_known_place(mention.text)
                and key not in generic  # every state has a "Parliament": it is no "House of Parliament"
            ):
                key = next(iter(of_forms[key]))
            elif (
                mention.cls == "Institution"
                and len(ends_of.get(key, ())) == 1
                and key not in generic
                and not mention.state_from_focus
            ):
                key = next(iter(ends_of[key]))
            elif mention.cls == "Institution" and (department := department_for(doc_id, key)) is not None:
                key = department
            elif (site := _WEBSITE.match(key)) and site.group(1) in institution_keys:
                key = site.group(1)  # "Google.com": a company and its website are one body
            elif len(words := key.split()) == 2 and words[1] in {"party", "union"} and words[0] in one_word_bodies:
                key = spelled.get(words[0], words[0])  # "Veritas Party", "PCS Union": the name with its kind after it
            else:
                for descriptor in descriptors:
                    short = mention.text[: -len(descriptor) - 1]
                    # "Heathrow Airport" is Heathrow, but "Edinburgh Airport" is no city of Edinburgh
                    if (
                        key.endswith(" " + descriptor)
                        and key[: -len(descriptor) - 1] in keys
                        and not (knowledge.is_known_place(short) or short in knowledge.cities)
                    ):
                        key = key[: -len(descriptor) - 1]
                        break
            if mention.cls in {"Institution", "Party"}:
                key = spelt_short.get(key, key)  # "a reformed Europe Union" (and its "EU"): the European Union
            key = settled(doc_id, key)
            if key != mention.key:
                mapping[(doc_id, mention.key)] = key
    return _one_key_per_wording(extractions, mapping, heads)


def _houses_named(
    extraction: Extraction, of_forms: dict[str, set[str]], house_short_forms: dict[str, str], generic: set[str]
) -> set[str]:
    """The keys of the "House of ..." chambers an article names, in full or by the short form the
    archive knows ("the Commons", read in the text too, where NER missed it). Every state has a
    house, so a "House" alone is no short form of "the White House"; and "either House of
    Parliament" is no chamber of its own."""
    houses = set()
    for m in extraction.mentions:
        if m.cls != "Institution":
            continue
        key = _undotted(m.key)
        base = key.split("@")[0]
        if " " not in base and len(of_forms.get(base, ())) == 1:
            key = next(iter(of_forms[base]))
            base = key.split("@")[0]
        chamber = _CHAMBER_OF.match(base)
        if base.startswith("house of ") and not (chamber and chamber.group(1) in generic):
            houses.add(key)
    text = "\n".join(extraction.document.paragraphs)
    for short, form in house_short_forms.items():
        if re.search(rf"\bthe {re.escape(short.title())}\b", text):
            houses.add(form)
    return houses


def _the_house(houses: set[str], archive_reading: str | None) -> str | None:
    """The chamber a bare "the House" is: the one its article names; else, where the article names
    none or several, the one that the archive's other articles of its state always read it as
    (the Commons of a British story that also names the Lords, "Father of the House")."""
    if len(houses) == 1:
        return next(iter(houses))
    if archive_reading is not None and (not houses or archive_reading in houses):
        return archive_reading
    return None


def _words_spelt_short(documents_named: Counter[str], keys: set[str]) -> dict[str, str]:
    """ "europe union" -> "european union", "sears holding" -> "sears holdings": a body's name of two
    words or more, one word of which another name of the archive writes with up to three letters
    more, is that name when the archive writes it in twice the articles or more; and a name with a
    number inside it is the archive's name without the number."""
    by_shape: dict[tuple[int, tuple[str, ...]], list[tuple[int, str]]] = defaultdict(list)
    plain = sorted(k for k in keys if "@" not in k and ":" not in k and len(k.split()) >= 2)
    for key in plain:
        words = key.split()
        for i in range(len(words)):
            by_shape[(i, (*words[:i], *words[i + 1 :]))].append((i, key))
    found = {}
    for key in plain:
        words = key.split()
        fits = {
            other
            for i in range(len(words))
            for j, other in by_shape[(i, (*words[:i], *words[i + 1 :]))]
            if other != key
            and len(words[i]) >= 4
            and other.split()[j].startswith(words[i])
            and 0 < len(other.split()[j]) - len(words[i]) <= 3
        }
        if len(fits) == 1 and documents_named[(best := next(iter(fits)))] >= 2 * documents_named[key]:
            found[key] = best
    # "Bayer 04 Leverkusen" beside "Bayer Leverkusen": a club's founding year inside its name
    named = set(plain)
    for key in plain:
        words = key.split()
        inner = [i for i in range(1, len(words) - 1) if words[i].isdigit()]
        if len(inner) == 1 and (short := " ".join(words[: inner[0]] + words[inner[0] + 1 :])) in named:
            found.setdefault(key, short)
    return found


_NUMBER_WORDS = {word: str(n) for n, word in enumerate(_num_words[:21])}


def _wording(key: str, heads: frozenset[str] | set[str]) -> tuple[tuple[str, ...], str] | None:
    """A body's key as its words say it, whatever their order and number: "court of appeal" and
    "appeal court", "trades union congress" and "trade unions congress", "bbc radio four" and "bbc
    radio 4" are one wording. Only a head noun may move ("News of the World" is no "World News"),
    and only names of two words or more: "Times" and "Time" are two papers."""
    name, _, state = key.partition("@")
    words = [_NUMBER_WORDS.get(w, w) for w in re.findall(r"[\w'&-]+", name) if w != "the"]
    if len(words) >= 3 and words[1] in {"of", "for"} and words[0] in heads:
        words = words[2:] + words[:1]  # "department for constitutional affairs" -> "... affairs department"
    words = [w for w in words if w not in {"of", "for", "and", "&"}]
    if len(words) < 2:
        return None
    return tuple(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) else w for w in words
    ), state


def _one_key_per_wording(
    extractions: list[Extraction], mapping: dict[tuple[str, str], str], heads: frozenset[str] | set[str]
) -> dict[tuple[str, str], str]:
    """Bodies whose keys are one wording (`_wording`) take the key most mentions have."""
    counts: Counter[str] = Counter()
    for e in extractions:
        for m in e.mentions:
            if m.cls in {"Institution", "Party"}:
                counts[mapping.get((e.document.doc_id, m.key), m.key)] += 1
    by_wording: dict[tuple[tuple[str, ...], str], list[str]] = defaultdict(list)
    for key in counts:
        wording = _wording(key, heads)
        if wording is not None:
            by_wording[wording].append(key)
    chosen = {
        key: max(keys, key=lambda k: (counts[k], k)) for keys in by_wording.values() if len(keys) > 1 for key in keys
    }
    # "the Department of State" in an American story is the State Department the archive gives the
    # United States: a wording without a state joins the one with its article's country
    stated = {wording: max(keys, key=lambda k: (counts[k], k)) for wording, keys in by_wording.items() if wording[1]}
    merged = dict(mapping)
    for e in extractions:
        for m in e.mentions:
            current = mapping.get((e.document.doc_id, m.key), m.key)
            if m.cls not in {"Institution", "Party"}:
                continue
            wording = _wording(current, heads)
            if wording is not None and not wording[1] and e.focus_country and (wording[0], e.focus_country) in stated:
                merged[(e.document.doc_id, m.key)] = stated[(wording[0], e.focus_country)]
            elif chosen.get(current, current) != current:
                merged[(e.document.doc_id, m.key)] = chosen[current]
    return merged


def _longer_names(
    extraction: Extraction, knowledge: Knowledge, documents_named: Counter[str]
) -> dict[tuple[str, str], str]:
    """(class, key) -> the one longer key of that class in the document that ends with it, named
    before it ("the Boston Globe" ... "the Globe"; not a headline's "Net Microsoft" before the
    text's "Microsoft"). A body every state has ("Parliament", "Cabinet", "Army") is no short
    form: beside "Scottish Parliament" a British story's "Parliament" is Westminster; nor is a
    name the archive knows on its own, in three articles or more, the short form of a name of
    one article ("Microsoft" after the headline's "Net Microsoft"). Institutions only."""
    first: dict[str, tuple[int, int]] = {}
    for mention in extraction.mentions:
        # not parties: "Stevenage Labour Party" is a branch, and "Labour Party" beside it the national party
        if mention.cls == "Institution" and "@" not in mention.key and not _is_generic(mention, knowledge):
            place = (mention.paragraph, mention.start)
            first[mention.key] = min(first.get(mention.key, place), place)
    found = {}
    for name in first:
        tail = name.split()
        fits = [n for n in first if len(n.split()) > len(tail) and n.split()[-len(tail) :] == tail]
        if len(fits) == 1 and first[fits[0]] < first[name]:
            if documents_named[name] >= 3 and documents_named[fits[0]] == 1:
                continue
            found[("Institution", name)] = fits[0]
    return found


def _first_words_of_longer(
    extraction: Extraction, knowledge: Knowledge, documents_named: Counter[str]
) -> dict[tuple[str, str], str]:
    """(class, key) -> the one longer name of that class in the document that starts with this
    one-word name ("Triad" beside "Triad Governmental Systems", "Barlinnie" beside "Barlinnie
    Prison"). Not a gazetteer place ("Lancaster" beside "Lancaster House"), a name in capitals or
    a generic body, nor a name the archive writes on its own in more articles than the longer
    one ("Microsoft" is no short form of one article's "Microsoft Office"), nor a body's regional
    arm ("Lycos Europe"). Bodies and places only: a party's branch is no form of the party
    ("Labour" beside "Stevenage Labour Party")."""
    names: dict[str, set[str]] = defaultdict(set)
    for m in extraction.mentions:
        if m.cls in {"Institution", "Place"} and "@" not in m.key and not _is_generic(m, knowledge):
            names[m.cls].add(m.key)
    found: dict[tuple[str, str], str] = {}
    for m in extraction.mentions:
        key = m.key
        if (
            (m.cls, key) in found
            or key not in names.get(m.cls, ())
            or " " in key
            or m.text.upper() == m.text  # "AFL-CIO" beside a headline's "AFL-CIO Split"
            or knowledge.is_gazetteer_place(m.text)
        ):
            continue
        fits = [n for n in names[m.cls] if n.startswith(key + " ")]
        if (
            len(fits) == 1
            and documents_named[key] <= documents_named[fits[0]]
            # "Lycos Europe" is Lycos' European arm, not Lycos
            and not any(is_region_or_country(w.title(), knowledge) for w in fits[0][len(key) + 1 :].split())
        ):
            found[(m.cls, key)] = fits[0]
    return found


def _first_words_in_archive(
    extractions: list[Extraction],
    knowledge: Knowledge,
    documents_named: Counter[str],
    doc_keys: dict[str, set[tuple[EntityClass, str]]],
) -> dict[tuple[str, str], str]:
    """(class, key) -> the archive's one longer name of a body that starts with this one-word
    name, where the article writes no longer name itself: "Holders face Inter" is the Inter Milan
    of the archive's other football reports. As `_first_words_of_longer`, and only when the
    articles of the two names share two other entities (the same clubs, the same cup): a name
    alone elsewhere is no short form of an unrelated company that starts with it."""
    one_word: set[str] = set()
    longer: dict[str, set[str]] = defaultdict(set)
    for e in extractions:
        for m in e.mentions:
            if m.cls != "Institution" or "@" in m.key or _is_generic(m, knowledge):
                continue
            if " " not in m.key:
                if m.text.upper() != m.text and not knowledge.is_gazetteer_place(m.text):
                    one_word.add(m.key)
            else:
                longer[m.key.split()[0]].add(m.key)
    docs_of = _documents_naming(doc_keys, "Institution")

    def context(key: str) -> set[tuple[str, str]]:
        return {
            k for doc_id in docs_of[key] for k in doc_keys[doc_id] if not k[1].startswith("country:") and k[1] != key
        }

    found = {}
    for key in sorted(one_word):
        own = context(key)  # neither side's context holds either name, so the overlap is other entities
        fits = [
            n
            for n in sorted(longer.get(key, ()))
            if not any(is_region_or_country(w.title(), knowledge) for w in n[len(key) + 1 :].split())
            and documents_named[key] <= documents_named[n]
            and len(own & context(n)) >= 2
        ]
        if len(fits) == 1:
            found[("Institution", key)] = fits[0]
    return found


def _documents_naming(doc_keys: dict[str, set[tuple[EntityClass, str]]], cls: EntityClass) -> dict[str, set[str]]:
    """Key of a class -> the documents that name it."""
    docs_of: dict[str, set[str]] = defaultdict(set)
    for doc_id, keys in doc_keys.items():
        for key_cls, key in keys:
            if key_cls == cls:
                docs_of[key].add(doc_id)
    return docs_of


def _sites_never_apart(
    doc_keys: dict[str, set[tuple[EntityClass, str]]], knowledge: Knowledge
) -> dict[tuple[str, str], str]:
    """(Place, key) -> "<key> <site noun>" where every article that writes the one-word place also
    writes that longer place, in two articles or more: "taken to Guantanamo" is Guantanamo Bay
    wherever the archive writes it, although the gazetteer knows a Cuban town of that name. Not
    "Cardiff" beside "Cardiff Bay", which the archive also writes alone."""
    sites = knowledge.words("site_nouns")
    docs_of = {k: docs for k, docs in _documents_naming(doc_keys, "Place").items() if not k.startswith("country:")}
    sites_of: dict[str, list[str]] = defaultdict(list)
    for key in docs_of:
        words = key.split()
        if len(words) == 2 and words[1] in sites:
            sites_of[words[0]].append(key)
    found = {}
    for key, docs in docs_of.items():
        fits = sites_of.get(key, [])
        if len(fits) == 1 and len(docs) >= 2 and docs <= docs_of[fits[0]]:
            found[("Place", key)] = fits[0]
    return found


def _company_short_forms(extraction: Extraction, knowledge: Knowledge) -> dict[str, str]:
    """ "Kmart" -> "kmart holding" beside "Kmart Holding Corp.": a company's first words after its
    registered name in one article are that company (Institutions only; the one such name). Not
    when the rest names a place: "Lycos Europe N.V." is Lycos' European company, not Lycos."""
    bodies = [m for m in extraction.mentions if m.cls == "Institution" and "@" not in m.key]
    registered = {m.key for m in bodies if len(m.text.split()) > 2 and m.text.split()[-1].lower() in LEGAL_FORMS}
    found = {}
    for key in {m.key for m in bodies} - registered:
        fits = [
            r
            for r in registered
            if r.startswith(key + " ")
            and not any(is_region_or_country(w.title(), knowledge) for w in r[len(key) + 1 :].split())
        ]
        if len(fits) == 1:
            found[key] = fits[0]
    return found


def _without_works_named_elsewhere(extractions: list[Extraction], knowledge: Knowledge) -> list[Extraction]:
    """ "Firefox is the Mozilla Foundation's stand-alone browser" in one article: "Firefox" is a work
    in the build's other articles too, which may not say so ("Firefox lets you open pages as tabs").
    Not a place, nor a name with a given name or a family name in it: "the musical Oliver" and "his
    book, Brown says" leave the Olivers and Browns of other stories alone."""
    works = {key for e in extractions for key in e.works}
    if not works:
        return extractions

    def may_be_a_work(m: Mention) -> bool:
        words = m.text.split()
        return (
            m.key in works
            and not m.key.startswith("country:")
            and not knowledge.is_known_place(m.text)
            and not any(w in knowledge.given_names or w.lower() in knowledge.surnames for w in words)
        )

    return [
        _without_mentions(e, {m for m in e.mentions if m.key not in e.works and may_be_a_work(m)}) for e in extractions
    ]


def _is_generic(mention: Mention, knowledge: Knowledge) -> bool:
    return mention.cls in {"Institution", "Party"} and key_for(mention.text, mention.cls, knowledge)[1]


def resolve_entities(extractions: list[Extraction], knowledge: Knowledge) -> tuple[list[Entity], list[ResolvedFact]]:
    """Merge mentions into entities and re-point every fact at entity node ids."""
    model = load_typing_model()
    settings = model.settings if model is not None else {}
    extractions = [
        _people_by_initials(
            _people_by_name(
                _without_common_first_words(
                    _without_run_together_names(
                        _without_headline_tails(_without_demonyms(_without_epithets(e), knowledge)),
                        knowledge,
                    ),
                    knowledge,
                )
            )
        )
        for e in extractions
    ]
    extractions = _without_works_named_elsewhere(extractions, knowledge)
    extractions = _qualified_places(_names_cut_short(extractions), knowledge)
    extractions = _retyped_across_archive(extractions, knowledge, float(settings.get("archive_retype_margin", 1.01)))
    extractions = _companies_named_as_people(extractions, knowledge)
    people = resolve_people([(e.document.doc_id, e.mentions, e.facts) for e in extractions], knowledge)
    extractions, evidence = _refocused(extractions, people, knowledge)
    extractions = _country_prefixed(extractions, knowledge)
    bodies = _body_keys(extractions, knowledge, evidence)

    person_names = _person_names_by_document(extractions)

    def final_key(mention: Mention) -> str:
        if mention.cls != "Person" and mention.key in person_names.get(mention.doc_id, {}):
            # "Fox attacks Blair" in a headline, Dr Fox in the text: one person, whatever NER said
            return "person:" + person_names[mention.doc_id][mention.key]
        if mention.cls == "Person":
            return "person:" + people.keys.get(mention_id(mention), mention.key)
        return "name:" + bodies.get((mention.doc_id, mention.key), mention.key)

    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    classes: dict[str, Counter[EntityClass]] = defaultdict(Counter)
    documents: dict[str, set[str]] = defaultdict(set)
    by_first_name: Counter[str] = Counter()  # "Tony": a mention of the person, but no name to keep
    typings: dict[str, list[tuple[float, ...]]] = defaultdict(list)
    state_bodies: set[str] = set()
    for extraction in extractions:
        for mention in extraction.mentions:
            key = final_key(mention)
            if mention.typing:
                typings[key].append(mention.typing)
            if mention.country or "@" in mention.key:
                state_bodies.add(key)  # the rules' call, as in entity_typing.type_mentions
            if mention_id(mention) in people.by_first_name:
                by_first_name[key] += 1
            else:
                surfaces[key][mention.text] += 1
            classes[key]["Person" if key.startswith("person:") else mention.cls] += 1
            documents[key].add(mention.doc_id)
    # A fact's ends are part of its document even when implied, not named ("British" -> United
    # Kingdom, the document's country): they still need a node, linked to that document.
    for extraction in extractions:
        for fact in extraction.facts:
            for end in (fact.subject, fact.object):
                key = final_key(end)
                if key not in surfaces:
                    surfaces[key][end.text] += 0
                    classes[key][end.cls] += 0
                documents[key].add(extraction.document.doc_id)

    # an entity whose mentions the typing model takes, on the whole, for no entity is junk
    drop_at = float(settings.get("entity_drop_threshold", 1.01))
    junk = {
        key
        for key, vectors in typings.items()
        if not key.startswith("name:country:")
        and key not in state_bodies
        and _mean_typing(vectors)[LABELS.index(NONE)] >= drop_at
    }
    # a lone name a fact uses, or the text calls a person by a role ("Pop queen Madonna"), is someone
    told = {final_key(end) for e in extractions for f in e.facts for end in (f.subject, f.object)}
    told |= {final_key(m) for e in extractions for m in e.mentions if m.cls == "Person" and m.class_stated}
    junk |= _lone_first_names(surfaces, told, knowledge)
    for key in junk:
        del surfaces[key]
    for key, forms in surfaces.items():
        if not key.startswith("person:") and any(f.split()[-1] == "Party" for f in forms if " " in f):
            classes[key]["Party"] += sum(classes[key].values())  # "Veritas Party": a name that says what it is
    labels = {key: _label(key, surfaces[key], knowledge, _class_of(classes[key]) == "Person") for key in surfaces}
    node_ids = _node_ids(labels, classes)
    entities = [
        Entity(
            node_id=node_ids[key],
            cls=_class_of(classes[key]),
            label=labels[key],
            aliases=_aliases(surfaces[key], labels[key]),
            n_mentions=max(sum(surfaces[key].values()) + by_first_name[key], len(documents[key])),  # implied: once
            documents=tuple(sorted(documents[key])),
        )
        for key in sorted(surfaces)
    ]
    resolved = {
        _resolve_fact(f, node_ids[final_key(f.subject)], node_ids[final_key(f.object)])
        for e in extractions
        for f in e.facts
        if final_key(f.subject) not in junk and final_key(f.object) not in junk
    }
    resolved |= _titles_given_states(extractions, resolved, final_key, node_ids, knowledge)
    resolved |= _described_titles_given_holders(extractions, resolved, final_key, node_ids, knowledge)
    facts = sorted(
        resolved,
        key=lambda f: (f.subject, f.predicate, f.object, f.role or "", f.status or "", f.verb or "", f.evidence),
    )
    return sorted(entities, key=lambda e: e.node_id), [f for f in facts if f.subject != f.object]


def _names_state(form: str, code: str, knowledge: Knowledge) -> bool:
    first = form.split()[0] if form.split() else ""
    return len(form.split()) > 1 and code in {knowledge.country_code(first), knowledge.demonym_country(first)}


def _lone_first_names(surfaces: dict[str, Counter[str]], told: set[str], knowledge: Knowledge) -> set[str]:
    """ "Tony", "Ken": a first name alone, with no honorific, that joined no one of its article is
    nobody an analyst can tell; unless someone of the archive bears it as a surname, or a fact or
    a role says who they are ("Michael Howard's wife, Sandra", "Pop queen Madonna")."""
    surnames = {key.split()[-1] for key in surfaces if key.startswith("person:") and " " in key}
    honorifics = knowledge.lexicon["honorifics"]
    lone = set()
    for key, forms in surfaces.items():
        name = key.removeprefix("person:")
        if not key.startswith("person:") or " " in name or name in surnames or key in told:
            continue
        if name.capitalize() in knowledge.given_names and not any(f.split()[0] in honorifics for f in forms):
            lone.add(key)
    return lone


def _named_in(extraction: Extraction, node_ids: dict[str, str], final_key: Callable[[Mention], str]) -> set[str]:
    """The nodes an article names, by any of its mentions."""
    return {node_ids[k] for m in extraction.mentions if (k := final_key(m)) in node_ids}


_ARTICLES_FOR_AN_UNNAMED_STATE = 2


def _titles_given_states(
    extractions: list[Extraction],
    facts: set[ResolvedFact],
    final_key: Callable[[Mention], str],
    node_ids: dict[str, str],
    knowledge: Knowledge,
) -> set[ResolvedFact]:
    """ "President Bush said", in an article that names the US: the office is the one the archive's
    own text gives that person for that title ("US President George W Bush" elsewhere), when
    there is exactly one such state and this article names it; when the archive gives none, the
    country the article is about, if it is about one; when the archive gives another, none.
    "Shadow chancellor Oliver Letwin said" holds no office of a state: the post is the one party
    the archive's text gives that person a shadow post in ("Tory shadow chancellor Oliver Letwin"
    elsewhere), when this article names it."""
    countries = {node for key, node in node_ids.items() if key.startswith("name:country:")}
    parties = {node for node in node_ids.values() if node.startswith("party/")}
    offices: dict[tuple[str, str], set[str]] = defaultdict(set)
    # the articles that give each person's office its state, by (person, title head)
    sources: dict[tuple[str, str], set[str]] = defaultdict(set)
    shadow_parties: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        if fact.predicate in {"holdsPosition", "leaderOf"} and fact.object in countries and fact.role:
            head = title_head(fact.role.lower().split(), knowledge)
            if head is not None:
                offices[(fact.subject, head)].add(fact.object)
                sources[(fact.subject, head)].add(fact.evidence.doc_id)
        if fact.object in parties and fact.role and "shadow" in fact.role.lower().split():
            shadow_parties[fact.subject].add(fact.object)
    added: set[ResolvedFact] = set()
    for extraction in extractions:
        named = _named_in(extraction, node_ids, final_key)
        for title, sentence in extraction.open_titles:
            key = final_key(title.person)
            if key not in node_ids:
                continue
            person = node_ids[key]
            if "shadow" in title.role.lower().split():
                found = shadow_parties.get(person, set())
                if len(found) == 1 and found <= named:
                    rule, party = "shadow-title-party", next(iter(found))
                    confidence = knowledge.confidence(rule, "holdsPosition", 0.7)
                    evidence = Evidence(extraction.document.doc_id, sentence, confidence, rule)
                    status = title.status or "current"
                    added.add(ResolvedFact(person, "holdsPosition", party, title.role, status, None, evidence))
                continue  # an opposition party's post is no office of the state, implied or not
            states = offices.get((person, title.head), set())
            rule = "title-archive-state"
            if not states and title.implied is not None and (implied := final_key(title.implied)) in node_ids:
                states, rule = {node_ids[implied]}, "title-implied"
            elif len(states) != 1:
                continue
            elif not states <= named:
                # "Foreign Secretary Jack Straw, touring South East Asian countries": an article that
                # names no state of his still means the one two other articles give that title of his
                if len(sources[(person, title.head)] - {extraction.document.doc_id}) < _ARTICLES_FOR_AN_UNNAMED_STATE:
                    continue
                rule = "title-archive-state-unnamed"
            predicate = _office_predicate(title.head, title.role, knowledge)
            confidence = knowledge.confidence(rule, predicate, 0.7)
            evidence = Evidence(extraction.document.doc_id, sentence, confidence, rule)
            status = title.status or "current"
            added.add(ResolvedFact(person, predicate, next(iter(states)), title.role, status, None, evidence))
    return added


def _office_predicate(head: str, role: str, knowledge: Knowledge) -> str:
    subordinate = any(w in knowledge.words("subordinate_words") for w in role.lower().split())
    is_leader = head in knowledge.words("leader_titles") and not subordinate  # not "Deputy Mayor"
    return "leaderOf" if is_leader else "holdsPosition"


def _office_words(role: str, knowledge: Knowledge) -> tuple[str, ...]:
    """A role's words that name the office itself: "former US President" -> president, "Tory
    leader" -> leader; "shadow chancellor" and "lord chancellor" stay other offices than "chancellor"."""
    statuses, nicknames = knowledge.words("status_words"), knowledge.words("party_nicknames")
    words = role.lower().replace("-", " ").split()
    return tuple(
        w
        for w in words
        if w not in statuses
        and w not in nicknames
        and not knowledge.demonym_country(w)
        and not knowledge.country_code(w)
    )


def _described_titles_given_holders(
    extractions: list[Extraction],
    facts: set[ResolvedFact],
    final_key: Callable[[Mention], str],
    node_ids: dict[str, str],
    knowledge: Knowledge,
) -> set[ResolvedFact]:
    """ "The chancellor said", in an article that names Gordon Brown: the office is his when the
    archive's text gives that office (the same words: "the chancellor" is no "shadow chancellor")
    to one person the article names, or to one of them more than twice as often as to any other,
    in the state or body its facts give most often, which the article names too; a former holder
    for "the former chancellor", a current one else. Otherwise ("the prime minister" beside Blair
    and Berlusconi, each named so in many articles) nothing is said."""
    # (office words, former) -> person -> the office's objects, by the number of facts that give them
    holders: dict[tuple[tuple[str, ...], bool], dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for fact in facts:
        if fact.predicate in {"holdsPosition", "leaderOf"} and fact.role:
            office = _office_words(fact.role, knowledge)
            if office:
                holders[(office, fact.status == "former")][fact.subject][fact.object] += 1

    def office_of(objects: Counter[str], body: str | None) -> str | None:
        """The object most facts give the office (the one the description names, if it names one);
        none where another is as often given: a wrong "Bush leaderOf Iraq" read once does not
        outweigh the US read many times."""
        if body is not None:
            return body if body in objects else None
        ranked = objects.most_common(2)
        return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None

    added: set[ResolvedFact] = set()
    for extraction in extractions:
        named = _named_in(extraction, node_ids, final_key)
        for title, sentence in extraction.described_titles:
            body = node_ids.get(final_key(title.body)) if title.body is not None else None
            if title.body is not None and body is None:
                continue
            people = holders.get((_office_words(title.role, knowledge), title.status == "former"), {})
            offices = sorted(
                (sum(objects.values()), person, obj)
                for person, objects in people.items()
                if person in named
                for obj in [office_of(objects, body)]
                if obj is not None and obj in named
            )
            if not offices or (len(offices) > 1 and offices[-1][0] <= 2 * offices[-2][0]):
                continue
            _, person, obj = offices[-1]
            predicate = _office_predicate(title.head, title.role, knowledge)
            confidence = knowledge.confidence("title-description", predicate, 0.6)
            evidence = Evidence(extraction.document.doc_id, sentence, confidence, "title-description")
            added.add(ResolvedFact(person, predicate, obj, title.role, title.status or "current", None, evidence))
    return added


def _resolve_fact(fact: Fact, subject: str, obj: str) -> ResolvedFact:
    # one direction for a symmetric edge, unless its role says which end it describes: "Otis Ferry
    # relativeOf Bryan Ferry", role "son", read the other way would make the father the son
    if fact.predicate in SYMMETRIC_PREDICATES and obj < subject and not fact.role:
        subject, obj = obj, subject
    evidence = Evidence(fact.subject.doc_id, fact.sentence, fact.confidence, fact.rule, fact.time)
    return ResolvedFact(subject, fact.predicate, obj, fact.role, fact.status, fact.verb, evidence)


def _aliases(surfaces: Counter[str], label: str) -> tuple[str, ...]:
    """Every other surface form, one per spelling that differs in more than letter case."""
    seen = {label.casefold()}
    aliases: list[str] = []
    for surface in sorted(surfaces, key=lambda s: (-surfaces[s], s)):
        if surface.casefold() not in seen:
            seen.add(surface.casefold())
            aliases.append(surface)
    return tuple(sorted(aliases))


def _class_of(counts: Counter[EntityClass]) -> EntityClass:
    return max(ENTITY_CLASSES, key=lambda c: (counts.get(c, -1), -_CLASS_PRIORITY[c]))


def _label(key: str, surfaces: Counter[str], knowledge: Knowledge, is_person: bool) -> str:
    """The fullest form seen: a country's common name, else the longest surface, a person's
    honorifics off (not a body's: "Justice Department" is no judge's)."""
    name = key.split(":", 1)[1]
    if name.startswith("country:"):
        return knowledge.countries[name.split(":", 1)[1]].name
    honorifics = set(knowledge.lexicon["honorifics"]) if is_person else set()
    nicknames = knowledge.lexicon["party_nicknames"]

    def bare(text: str) -> str:
        words = text.split()
        while len(words) > 1 and words[0] in honorifics:
            words = words[1:]
        return " ".join(words)

    def clean(text: str) -> str:
        """ "House of Lords,", "BBC Radio 4's", "' Budget": no stray punctuation or possessive in a
        label (a full stop stays: "Tenn.", "Jr.")."""
        text = text.strip(" \"'“”‘’,;:()[]")
        return re.sub(r"(’s|'s)$", "", text).strip() or text

    surfaces = Counter({clean(s): n for s, n in surfaces.items()})

    # "Ill." keyed as Illinois: a region's abbreviation labels it by the name it stands for
    # ("MA", or "Vt" with its full stop taken by the sentence's end, only where a legislator's
    # "(D-MA)", "I-Vt." keyed it so)
    def spelling(surface: str) -> str:
        written = knowledge.region_name(surface)
        if written.lower() == name:
            return written
        return knowledge.postal_codes.get(surface) or knowledge.region_abbreviations.get(f"{surface}.", written)

    spellings = {s: spelling(s) for s in surfaces}
    spelled = Counter({spellings[s]: n for s, n in surfaces.items() if spellings[s].lower() == name})
    if spelled and not any(s.lower() == name for s in surfaces):
        surfaces = spelled
    city, _, region = name.rpartition(", ")
    if city and (region_name := knowledge.subdivision_name(region)) is not None:
        best = max(sorted(surfaces), key=lambda s: surfaces[s])  # "Portland, Maine": a city keyed with its region
        return f"{_city_name(best)}, {region_name}"
    # "BBC Radio", "BBC television" joined "BBC" by their descriptor: the name alone labels the body
    descriptors = knowledge.words("descriptor_nouns")
    described = {
        s
        for s in surfaces
        if any(s.lower().endswith(" " + d) and s[: -len(d) - 1].strip() in surfaces for d in descriptors)
    }
    # "Google.com" joined Google: the company's name labels it, not its website's
    lowered = {t.lower() for t in surfaces}
    described |= {s for s in surfaces if (site := _WEBSITE.match(s.lower())) and site.group(1) in lowered}
    # "Houses of Parliament" beside "Parliament": the body labels itself, not its chambers
    bare_bodies = knowledge.words("bare_institutions")  # not "House of Lords" beside "Lords"
    described |= {
        s for s in surfaces if (chamber := _CHAMBER_OF.match(s.lower())) and chamber.group(1) in lowered & bare_bodies
    }
    # "10 Downing Street" beside "Downing Street": the street labels it, not one house number of it
    described |= {s for s in surfaces if s[:1].isdigit() and " " in s and s.split(" ", 1)[1] in surfaces}
    surfaces = Counter({s: n for s, n in surfaces.items() if s not in described}) or surfaces
    # a form written without an honorific first: "Sandra" names her better than "Mrs Howard"
    unadorned = {s for s in surfaces if bare(s) == s}
    uses: Counter[str] = Counter()
    for s, n in surfaces.items():
        uses[bare(s)] += n
    forms = set(uses)
    written = {s.casefold() for s in forms if not s.isupper()}  # "Colorado" labels better than "COLORADO"
    # of two forms alike, not one written half as often as the other: "Jason Gillespie" (twice),
    # not the one "Jason Gillepsie"
    rare = {
        s
        for s in forms
        if any(
            len(t) == len(s)
            and len(t.split()) == len(s.split())
            and t.casefold() != s.casefold()
            and uses[t] >= 2 * uses[s]
            for t in forms
        )
    }
    candidates = sorted(
        forms,
        key=lambda s: (
            -len(s.split()),
            s not in unadorned,
            s.isupper() and s.casefold() in written,
            -len(s),
            s in rare,
            s,
        ),
    )
    best = candidates[0]
    if key.startswith("person:") and " " not in best and knowledge.is_known_place(best):
        # "Lord Liverpool", "Baroness Scotland": a peer named after a place keeps the title that names him
        titled = sorted(s for s in surfaces if s != bare(s) and bare(s) == best)
        best = titled[0] if titled else best
    if "@" in name:  # a body keyed by its state: a form that names the state is its label ("Russian embassy")
        code = name.rsplit("@", 1)[1]
        stated = [f for f in candidates if _names_state(f, code, knowledge)]
        if stated:
            return stated[0]
    canonical_party = next((nicknames[s] for s in surfaces if s in nicknames), None)
    if canonical_party is not None and len(canonical_party) >= len(best):
        best = canonical_party
    if "@" in name:  # a body named by a common noun: say whose it is
        code = name.rsplit("@", 1)[1]
        country = knowledge.countries.get(code)
        if country is not None:
            best = f"{best} ({country.name})"
    return best


def _node_ids(labels: dict[str, str], classes: dict[str, Counter[EntityClass]]) -> dict[str, str]:
    """Stable, unique node ids `<class>/<slug>`: kg/identifiers.py says how."""
    return entity_ids({key: (_class_of(classes[key]), label) for key, label in labels.items()})


def iter_aliases(entities: Iterable[Entity]) -> Iterable[tuple[str, str]]:
    """(node id, name) for every name of every entity: label first."""
    for entity in entities:
        yield entity.node_id, entity.label
        for alias in entity.aliases:
            yield entity.node_id, alias
