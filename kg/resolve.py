"""Mentions of all documents -> entities: aliases merged within and across documents.

People: a surname alone ("Mr Jeenbekov") joins the nearest full name with that surname in
its document, else the only one in the corpus; two full names with different first names
never merge. Other classes merge by normalised key (country aliases, party nicknames and
ministry phrasings are folded into the key upstream); an acronym joins the body whose
initials it spells in the same document.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from itertools import islice

from kg.extract.document import Extraction
from kg.extract.mentions import is_demonym_form
from kg.ingest import slugify
from kg.knowledge import Knowledge
from kg.model import ENTITY_CLASSES, SYMMETRIC_PREDICATES, Entity, EntityClass, Evidence, Fact, Mention, ResolvedFact

# When one name is typed differently across mentions, the more specific class wins ties.
_CLASS_PRIORITY: dict[EntityClass, int] = {"Person": 0, "Party": 1, "Place": 2, "Institution": 3}
_MentionId = tuple[str, int, int, str]  # doc, paragraph, start, key: identifies a mention
_FIRST_NAME_HONORIFICS = frozenset({"Sir", "Dame"})
# Honorifics that say a person's gender; a married-name one ("Mrs Howard") names a wife or widow.
_FEMALE_HONORIFICS = frozenset(
    {
        "Mrs",
        "Mrs.",
        "Ms",
        "Ms.",
        "Miss",
        "Lady",
        "Dame",
        "Baroness",
        "Mme",
        "Mlle",
        "Frau",
        "Señora",
        "Senora",
        "Madame",
    }
)
_MALE_HONORIFICS = frozenset(
    {"Mr", "Mr.", "Sir", "Lord", "Baron", "Herr", "Senor", "Señor", "Signor", "Monsieur", "M."}
)
_MARRIED_HONORIFICS = frozenset({"Mrs", "Mrs.", "Lady", "Mme", "Frau", "Señora", "Senora", "Madame"})
_OTHER_GENDER = {"f": "m", "m": "f"}


def _mention_id(mention: Mention) -> _MentionId:
    return (mention.doc_id, mention.paragraph, mention.start, mention.key)


def _person_key_map(extractions: list[Extraction]) -> dict[_MentionId, str]:
    """Person mention -> the full-name key it refers to."""
    full_names: dict[str, set[str]] = defaultdict(set)  # surname -> full-name keys, corpus-wide
    for extraction in extractions:
        for mention in extraction.mentions:
            if mention.cls == "Person" and " " in mention.key:
                full_names[mention.key.split()[-1]].add(mention.key)
    addressed = _addressed_as(extractions, full_names)

    def addressed_as(doc_id: str, key: str) -> str:
        return addressed.get((doc_id, key)) or addressed.get(("", key), "")

    mapping: dict[_MentionId, str] = {}
    for extraction in extractions:
        people = [m for m in extraction.mentions if m.cls == "Person"]
        anchors = [m for m in people if " " in m.key]
        # "his brother Asylbek Jeenbekov": two ends of one fact are two people, whatever their names
        apart = {(_mention_id(f.subject), f.object.key) for f in extraction.facts}
        apart |= {(_mention_id(f.object), f.subject.key) for f in extraction.facts}
        for mention in people:
            if " " in mention.key:
                mapping[_mention_id(mention)] = mention.key
                continue
            gender = _gender(mention.text)
            # "Mrs Howard" is not Mr Howard: a person addressed with one gender's honorific
            # never takes a surname-only mention with the other's
            fits = [
                a
                for a in anchors
                if (_mention_id(mention), a.key) not in apart
                and _OTHER_GENDER.get(gender or "") != addressed_as(mention.doc_id, a.key)
            ]
            same = [a for a in fits if a.key.split()[-1] == mention.key]
            if not same and mention.text.split()[0] in _FIRST_NAME_HONORIFICS:
                # "Sir Digby", "Dame Judi": British usage addresses knights by their first name
                same = [a for a in fits if a.key.split()[0] == mention.key]
            if not same and gender is None and not any(a.key.split()[-1] == mention.key for a in anchors):
                # "Tony", "Jim": a first name alone is the one person of the document who bears it
                by_first = {a.key for a in fits if a.key.split()[0] == mention.key}
                if len(by_first) == 1 and _is_first_name_only(mention):
                    same = [a for a in fits if a.key in by_first]
            spouse = _spouse(mention, extraction) if gender == "f" else None
            if spouse is not None:
                same = [m for m in people if m.key == spouse]
            before = [a for a in same if (a.paragraph, a.start) < (mention.paragraph, mention.start)]
            # only "exactly one" matters, so stop at the second fit: common surnames stay cheap
            corpus = set(
                islice(
                    (
                        k
                        for k in sorted(full_names.get(mention.key, ()))
                        if _OTHER_GENDER.get(gender or "") != addressed_as(mention.doc_id, k)
                    ),
                    2,
                )
            )
            if before:
                mapping[_mention_id(mention)] = before[-1].key
            elif same:
                mapping[_mention_id(mention)] = same[0].key
            elif any(a.key.split()[-1] == mention.key and a not in fits for a in anchors) and gender is not None:
                # the document names someone else of this surname: "Mrs Howard" beside Mr Howard
                mapping[_mention_id(mention)] = f"{mention.key} ({gender})"
            elif len(corpus) == 1 and (_mention_id(mention), next(iter(corpus))) not in apart:
                mapping[_mention_id(mention)] = next(iter(corpus))
            else:
                mapping[_mention_id(mention)] = mention.key
    return mapping


def _gender(text: str) -> str | None:
    """ "Mrs Howard" -> "f", "Mr Howard" -> "m"; None without a gendered honorific."""
    first = text.split()[0] if text.split() else ""
    if first in _FEMALE_HONORIFICS:
        return "f"
    if first in _MALE_HONORIFICS:
        return "m"
    return None


def _is_first_name_only(mention: Mention) -> bool:
    """A bare capitalised word, no honorific or title in front: "Michael", not "Mr Michael"."""
    return len(mention.text.split()) == 1 and mention.text[:1].isupper()


def _addressed_as(extractions: list[Extraction], full_names: dict[str, set[str]]) -> dict[tuple[str, str], str]:
    """(doc id or "", full-name key) -> the gender of the honorifics it is addressed with ("Mr Howard"
    -> "m"): "Mr Michael Howard" itself, or a surname-only mention in a document that names only
    one person of that surname. Per document, and corpus-wide ("") by one vote per document, where
    a tie says nothing."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    addressed: dict[tuple[str, str], str] = {}
    for extraction in extractions:
        people = [m for m in extraction.mentions if m.cls == "Person"]
        by_surname: dict[str, set[str]] = defaultdict(set)
        genders: dict[str, set[str | None]] = defaultdict(set)
        for mention in people:
            genders[mention.key].add(_gender(mention.text))
            if " " in mention.key:
                by_surname[mention.key.split()[-1]].add(mention.key)
        in_document: set[tuple[str, str]] = set()
        for mention in people:
            gender = _gender(mention.text)
            if gender is None or (gender == "f" and " " not in mention.key and "m" in genders[mention.key]):
                # "Mr Howard" and "Mrs Howard" in one text, one full name: it is taken to be Mr Howard's,
                # so that at least a woman is never merged into a man addressed as Mr
                continue
            if " " in mention.key:
                in_document.add((mention.key, gender))
            elif len(by_surname.get(mention.key, ())) == 1:
                in_document.add((next(iter(by_surname[mention.key])), gender))
            elif not by_surname.get(mention.key) and len(full_names.get(mention.key, ())) == 1:
                in_document.add((next(iter(full_names[mention.key])), gender))
        for key, gender in sorted(in_document):
            votes[key][gender] += 1
            both = addressed.get((extraction.document.doc_id, key), gender) != gender
            addressed[(extraction.document.doc_id, key)] = "" if both else gender
    for key, counts in votes.items():
        ranked = counts.most_common()
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            addressed[("", key)] = ranked[0][0]
    return {pair: gender for pair, gender in addressed.items() if gender}


def _spouse(mention: Mention, extraction: Extraction) -> str | None:
    """ "Michael Howard's wife, Sandra" ... "Mrs Howard": a married name is the wife of the man
    of that surname, when the document names her by her first name."""
    if mention.text.split()[0] not in _MARRIED_HONORIFICS:
        return None
    wives = {
        wife.key
        for fact in extraction.facts
        if fact.predicate == "relativeOf" and (fact.role or "").lower() in {"wife", "widow"}
        for wife, husband in ((fact.subject, fact.object), (fact.object, fact.subject))
        if wife.cls == "Person"
        and husband.cls == "Person"
        and " " not in wife.key
        and husband.key.split()[-1] == mention.key
        and wife.key != mention.key
    }
    return next(iter(wives)) if len(wives) == 1 else None


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

    changed = {m: replace(m, cls="Person") for m in extraction.mentions if is_person(m)}
    if not changed:
        return extraction

    def swap(mention: Mention) -> Mention:
        return changed.get(mention, mention)

    facts = tuple(replace(f, subject=swap(f.subject), object=swap(f.object)) for f in extraction.facts)
    return replace(extraction, mentions=tuple(swap(m) for m in extraction.mentions), facts=facts)


def _without_demonyms(extraction: Extraction, knowledge: Knowledge) -> Extraction:
    """ "Kashmiris", "Kashmiri politicians" in an article about Kashmir: the people of a place the
    document names are not an entity, whatever class NER gave them; their facts go with them."""
    places = frozenset(m.text for m in extraction.mentions if m.cls == "Place")
    dropped = {
        m for m in extraction.mentions if m.cls != "Party" and is_demonym_form(m.text, knowledge, places - {m.text})
    }
    if not dropped:
        return extraction
    return replace(
        extraction,
        mentions=tuple(m for m in extraction.mentions if m not in dropped),
        facts=tuple(f for f in extraction.facts if f.subject not in dropped and f.object not in dropped),
    )


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


def _acronym_map(extraction: Extraction) -> dict[str, str]:
    """ "CEC" -> "central election commission@KG", "NI" -> "northern ireland" when both appear in
    one document."""
    bodies = [m for m in extraction.mentions if m.cls in {"Institution", "Party", "Place"}]
    mapping: dict[str, str] = {}
    for short in bodies:
        if short.text.isupper() and 2 <= len(short.text) <= 8 and short.text.isalpha():
            for long in bodies:
                name = long.text if long.key.startswith("country:") else long.key.split("@")[0]
                words = [w for w in name.lower().split() if w not in {"of", "the", "and", "for"}]
                if len(words) == len(short.text) and "".join(w[0] for w in words).upper() == short.text:
                    mapping[short.key] = long.key
                    break
    return mapping


def resolve_entities(extractions: list[Extraction], knowledge: Knowledge) -> tuple[list[Entity], list[ResolvedFact]]:
    """Merge mentions into entities and re-point every fact at entity node ids."""
    extractions = [_people_by_name(_without_demonyms(e, knowledge)) for e in extractions]
    person_keys = _person_key_map(extractions)
    # an acronym is read as the body it abbreviates in its own document only
    acronyms = {(e.document.doc_id, short): long for e in extractions for short, long in _acronym_map(e).items()}

    person_names = _person_names_by_document(extractions)

    def final_key(mention: Mention) -> str:
        if mention.cls != "Person" and mention.key in person_names.get(mention.doc_id, {}):
            # "Fox attacks Blair" in a headline, Dr Fox in the text: one person, whatever NER said
            return "person:" + person_names[mention.doc_id][mention.key]
        if mention.cls == "Person":
            return "person:" + person_keys.get(_mention_id(mention), mention.key)
        return "name:" + acronyms.get((mention.doc_id, mention.key), mention.key)

    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    classes: dict[str, Counter[EntityClass]] = defaultdict(Counter)
    documents: dict[str, set[str]] = defaultdict(set)
    for extraction in extractions:
        for mention in extraction.mentions:
            key = final_key(mention)
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

    labels = {key: _label(key, surfaces[key], knowledge) for key in surfaces}
    node_ids = _node_ids(labels, classes)
    entities = [
        Entity(
            node_id=node_ids[key],
            cls=_class_of(classes[key]),
            label=labels[key],
            aliases=_aliases(surfaces[key], labels[key]),
            n_mentions=max(sum(surfaces[key].values()), len(documents[key])),  # implied ends count once
            documents=tuple(sorted(documents[key])),
        )
        for key in sorted(surfaces)
    ]
    facts = sorted(
        {
            _resolve_fact(f, node_ids[final_key(f.subject)], node_ids[final_key(f.object)])
            for e in extractions
            for f in e.facts
        },
        key=lambda f: (f.subject, f.predicate, f.object, f.role or "", f.status or "", f.verb or "", f.evidence),
    )
    return sorted(entities, key=lambda e: e.node_id), [f for f in facts if f.subject != f.object]


def _resolve_fact(fact: Fact, subject: str, obj: str) -> ResolvedFact:
    if fact.predicate in SYMMETRIC_PREDICATES and obj < subject:
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


def _label(key: str, surfaces: Counter[str], knowledge: Knowledge) -> str:
    """The fullest form seen: a country's common name, else the longest surface, honorifics off."""
    name = key.split(":", 1)[1]
    if name.startswith("country:"):
        return knowledge.countries[name.split(":", 1)[1]].name
    honorifics = set(knowledge.lexicon["honorifics"])
    nicknames = knowledge.lexicon["party_nicknames"]

    def bare(text: str) -> str:
        words = text.split()
        while len(words) > 1 and words[0] in honorifics:
            words = words[1:]
        return " ".join(words)

    # a form written without an honorific first: "Sandra" names her better than "Mrs Howard"
    unadorned = {s for s in surfaces if bare(s) == s}
    forms = {bare(s) for s in surfaces}
    written = {s.casefold() for s in forms if not s.isupper()}  # "Colorado" labels better than "COLORADO"
    candidates = sorted(
        forms,
        key=lambda s: (-len(s.split()), s not in unadorned, s.isupper() and s.casefold() in written, -len(s), s),
    )
    best = candidates[0]
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
    """Stable, unique node ids: class and slug of the label, numbered on collision."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for key in sorted(labels):
        base = f"{_class_of(classes[key]).lower()}/{slugify(labels[key])}"
        node_id, n = base, 2
        while node_id in used:
            node_id, n = f"{base}-{n}", n + 1
        used.add(node_id)
        ids[key] = node_id
    return ids


def iter_aliases(entities: Iterable[Entity]) -> Iterable[tuple[str, str]]:
    """(node id, name) for every name of every entity: label first."""
    for entity in entities:
        yield entity.node_id, entity.label
        for alias in entity.aliases:
            yield entity.node_id, alias
