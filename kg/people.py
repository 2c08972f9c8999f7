"""People's names across an archive: which mentions name one person. Pure.

A person is named in full ("George W. Bush"), by surname ("Mr Bush"), now and then by first name
alone ("Tony"). The rules, in the order they apply:

1. Full names are one person when they differ only in middle initials ("George W Bush",
   "George Bush"), in hyphens ("Kilroy-Silk", "Kilroy Silk"), or in the form of the first name
   (nicknames' variants: "Nick" and "Nicholas" Brown) where the first names' sexes agree; a full
   name that is the end of one longer one ("Lula da Silva", "Luiz Inacio Lula da Silva") joins it,
   in its document first, else in the archive when only one fits; so does a first name and
   surname with the archive's one middle name between them ("Ole Mjoes", "Ole Danbolt Mjoes").
   A first name spelt with one other letter is the same when three names or more follow
   ("Luis" and "Luiz Inacio Lula da Silva"), and a surname of six letters or more with two
   neighbouring letters swapped is a typing slip ("Jason Gillepsie", "Jason Gillespie"), as is
   one of five letters or more without its last letter in one article, named beside the same
   people ("Michael Clark" in a team list).
2. A surname alone joins the person of that surname named before it in its document (the
   nearest), else the only one in the document, else the only one in the archive, or the one the
   archive names in full in five times as many articles as any other who fits (Tony, not Sir Ian,
   Blair); it stays apart when two fit alike (Gordon and Nick Brown). "Mrs Howard" never joins a
   man addressed as Mr, nor "Mr X" a woman: a person's sex comes from the honorifics they are
   addressed with across the archive, else from their first name (census lists).
3. A first name alone joins the one person of its document who bears it, never a person of
   another document; it is not kept as a name of that person (it would pull in every other
   Tony), only counted as a mention.
4. The two ends of one fact are two people ("his brother Asylbek Jeenbekov").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kg.knowledge import Knowledge
from kg.model import Fact, Mention

MentionId = tuple[str, int, int, str]  # doc, paragraph, start, key: identifies a mention

FIRST_NAME_HONORIFICS = frozenset({"Sir", "Dame"})
# Honorifics that say a person's sex; a married-name one ("Mrs Howard") names a wife or widow.
FEMALE_HONORIFICS = frozenset(
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
MALE_HONORIFICS = frozenset({"Mr", "Mr.", "Sir", "Lord", "Baron", "Herr", "Senor", "Señor", "Signor", "Monsieur", "M."})
MARRIED_HONORIFICS = frozenset({"Mrs", "Mrs.", "Lady", "Mme", "Frau", "Señora", "Senora", "Madame"})


def _sexes_clash(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b


_SPLIT = re.compile(r"[\s\-‐–]+")


def mention_id(mention: Mention) -> MentionId:
    return (mention.doc_id, mention.paragraph, mention.start, mention.key)


def honorific_sex(text: str) -> str | None:
    """ "Mrs Howard" -> "f", "Mr Howard" -> "m"; None without a gendered honorific."""
    first = text.split()[0] if text.split() else ""
    if first in FEMALE_HONORIFICS:
        return "f"
    if first in MALE_HONORIFICS:
        return "m"
    return None


def name_tokens(key: str) -> tuple[str, ...]:
    """ "george w. bush" -> ("george", "w", "bush"); "kilroy-silk" -> ("kilroy", "silk")."""
    return tuple(t for t in (w.strip(".") for w in _SPLIT.split(key)) if t)


def canonical_form(key: str) -> str:
    """The full name without middle initials: "george w. bush" and "george bush" are one form."""
    tokens = name_tokens(key)
    if len(tokens) > 2:
        tokens = (tokens[0], *(t for t in tokens[1:-1] if len(t) > 1), tokens[-1])
    return " ".join(tokens)


@dataclass
class PeopleResolution:
    keys: dict[MentionId, str] = field(default_factory=dict)  # person mention -> the person's key
    by_first_name: set[MentionId] = field(default_factory=set)  # joined by a first name alone


@dataclass(frozen=True)
class _Document:
    doc_id: str
    people: tuple[Mention, ...]  # in text order
    facts: tuple[Fact, ...]


class _Union:
    """Union-find over name forms, the more frequent form the representative."""

    def __init__(self, counts: Counter[str]) -> None:
        self.parent = {form: form for form in counts}
        self.counts = counts

    def find(self, form: str) -> str:
        while self.parent[form] != form:
            self.parent[form] = self.parent[self.parent[form]]
            form = self.parent[form]
        return form

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        keep, drop = sorted((ra, rb), key=lambda f: (-self.counts[f], -len(f), f))
        self.parent[drop] = keep


def _given_sex(form: str, knowledge: Knowledge) -> str | None:
    sex = knowledge.given_names.get(form.split()[0].capitalize())
    return sex if sex in {"m", "f"} else None


def _variants(given: str, knowledge: Knowledge) -> frozenset[str]:
    name = given.capitalize()
    return frozenset({name, *knowledge.name_variants.get(name, ())})


_VOWELS = frozenset("aeiouy")


def _are_spellings(a: str, b: str) -> bool:
    """ "Damian" and "Damien", "Jason" and "Jasen": a first name of five letters or more spelt with
    one other vowel."""
    if len(a) != len(b) or len(a) < 5:
        return False
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(differ) == 1 and differ[0][0] in _VOWELS and differ[0][1] in _VOWELS


def _are_variants(a: str, b: str, knowledge: Knowledge) -> bool:
    """ "Nick" and "Nicholas": one first name in two forms (nicknames' table), or two spellings."""
    if a == b or _are_spellings(a, b):
        return True
    va, vb = _variants(a, knowledge), _variants(b, knowledge)
    return b.capitalize() in va or a.capitalize() in vb or bool(va & vb - {a.capitalize(), b.capitalize()})


def _full_forms(documents: Sequence[_Document], knowledge: Knowledge) -> tuple[dict[str, str], Counter[str]]:
    """Every full-name form -> its person (the representative form), by rule 1 (archive-wide part)."""
    counts: Counter[str] = Counter(
        canonical_form(m.key) for d in documents for m in d.people if len(name_tokens(m.key)) > 1
    )
    union = _Union(counts)
    by_surname: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for form in sorted(counts):
        tokens = form.split()
        by_surname[tuple(tokens[1:])].append(form)
    initials = _initials_forms(documents)
    for forms in by_surname.values():
        for form in forms:
            if form in initials:
                # "DS Lehmann" on a scorecard is the one Lehmann of the archive whose first name starts with D
                fits = [f for f in forms if f not in initials and f[:1] == form[:1]]
                if len(fits) == 1:
                    union.union(fits[0], form)
        for i, a in enumerate(forms):
            for b in forms[i + 1 :]:
                sa, sb = _given_sex(a, knowledge), _given_sex(b, knowledge)
                if _are_variants(a.split()[0], b.split()[0], knowledge) and not _sexes_clash(sa, sb):
                    union.union(a, b)
                elif len(a.split()) >= 4 and _one_letter_apart(a.split()[0], b.split()[0]):
                    union.union(a, b)  # "Luis" and "Luiz Inacio Lula da Silva": three names more agree
    # "Jason Gillepsie" is the archive's "Jason Gillespie": two letters of a long surname swapped;
    # "Michael Clark" in one article is its "Michael Clarke", the last letter left out, when the
    # two are named together or beside the same other person (a team list)
    named_with: dict[str, set[str]] = defaultdict(set)
    articles: Counter[str] = Counter()
    for d in documents:
        here = {canonical_form(m.key) for m in d.people if len(name_tokens(m.key)) > 1}
        for form in here:
            named_with[form] |= here
            articles[form] += 1

    def together(a: str, b: str) -> bool:
        return b in named_with[a] or bool((named_with[a] - {a}) & (named_with[b] - {b}))

    by_given: dict[str, list[str]] = defaultdict(list)
    for form in sorted(counts):
        tokens = form.split()
        if len(tokens) == 2 and len(tokens[1]) >= 5:
            by_given[tokens[0]].append(form)
    for forms in by_given.values():
        for i, a in enumerate(forms):
            for b in forms[i + 1 :]:
                x, y = a.split()[1], b.split()[1]
                if (len(x) >= 6 and _letters_swapped(x, y)) or (
                    _letter_left_out(x, y) and min(articles[a], articles[b]) == 1 and together(a, b)
                ):
                    union.union(a, b)
    # "Ole Mjoes" is the archive's one "Ole Danbolt Mjoes": a middle name left out
    with_middle: dict[tuple[str, str], list[str]] = defaultdict(list)
    for form in counts:
        tokens = form.split()
        if len(tokens) >= 3:
            with_middle[(tokens[0], tokens[-1])].append(form)
    for form in counts:
        tokens = form.split()
        if len(tokens) == 2 and len(longer := with_middle.get((tokens[0], tokens[1]), [])) == 1:
            union.union(longer[0], form)
    return {form: union.find(form) for form in counts}, counts


def _letters_swapped(a: str, b: str) -> bool:
    """ "gillepsie" / "gillespie": one pair of neighbouring letters swapped, a typing slip."""
    if len(a) != len(b) or a == b:
        return False
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and a[differ[0]] == b[differ[1]]
        and a[differ[1]] == b[differ[0]]
    )


def _letter_left_out(a: str, b: str) -> bool:
    """ "clark" / "clarke", "follet" / "follett": a surname of five letters or more and the same
    with one letter more at its end. Not a letter inside: "Davis" and "Davies", "Sanders" and
    "Saunders" are other families."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 5 and len(long) == len(short) + 1 and long[:-1] == short


def _one_letter_apart(a: str, b: str) -> bool:
    return len(a) == len(b) >= 4 and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _initials_forms(documents: Sequence[_Document]) -> set[str]:
    """Full-name forms whose first name is written as initials ("DS Lehmann", "J.N. Gillespie")."""
    found = set()
    for document in documents:
        for mention in document.people:
            words = [w for w in mention.text.split() if w not in MALE_HONORIFICS | FEMALE_HONORIFICS]
            if len(words) > 1 and len(words[0].replace(".", "")) <= 3 and words[0].replace(".", "").isupper():
                found.add(canonical_form(mention.key))
    return found


def _longer_with_suffix(form: str, forms: Iterable[str]) -> set[str]:
    tokens = form.split()
    return {f for f in forms if len(f.split()) > len(tokens) and f.split()[-len(tokens) :] == tokens}


def _sexes(documents: Sequence[_Document], person_of: dict[str, str], knowledge: Knowledge) -> dict[str, str]:
    """Person -> "m" or "f": by the honorifics they are addressed with ("Mr Michael Howard", or "Mr
    Howard" where the document names one Howard), a vote per document, else by the first name."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for document in documents:
        full = {person_of[canonical_form(m.key)] for m in document.people if len(name_tokens(m.key)) > 1}
        by_surname: dict[str, set[str]] = defaultdict(set)
        for person in full:
            by_surname[person.split()[-1]].add(person)
        seen: set[tuple[str, str]] = set()
        for mention in document.people:
            sex = honorific_sex(mention.text)
            if sex is None:
                continue
            tokens = name_tokens(mention.key)
            if len(tokens) > 1:
                seen.add((person_of[canonical_form(mention.key)], sex))
            elif len(by_surname.get(tokens[0], ())) == 1:
                seen.add((next(iter(by_surname[tokens[0]])), sex))
        for person, sex in seen:
            votes[person][sex] += 1
    sexes: dict[str, str] = {}
    for person in set(person_of.values()):
        ranked = votes[person].most_common()
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            sexes[person] = ranked[0][0]
        elif (given := _given_sex(person, knowledge)) is not None:
            sexes[person] = given
    return sexes


def _spouse(mention: Mention, document: _Document) -> str | None:
    """ "Michael Howard's wife, Sandra" ... "Mrs Howard": a married name is the wife of the man of
    that surname, when the document names her by her first name."""
    if mention.text.split()[0] not in MARRIED_HONORIFICS:
        return None
    wives = {
        wife.key
        for fact in document.facts
        if fact.predicate == "relativeOf" and (fact.role or "").lower() in {"wife", "widow"}
        for wife, husband in ((fact.subject, fact.object), (fact.object, fact.subject))
        if wife.cls == "Person"
        and husband.cls == "Person"
        and " " not in wife.key
        and husband.key.split()[-1] == mention.key
        and wife.key != mention.key
    }
    return next(iter(wives)) if len(wives) == 1 else None


def _kin_surnames(mention: Mention, document: _Document) -> set[str]:
    """The surnames of the people a first name alone is read as kin of ("his son Nick" of Michael
    Howard): a relative named so is of that family, as far as the text says."""
    return {
        other.key.split()[-1]
        for fact in document.facts
        if fact.predicate == "relativeOf"
        for one, other in ((fact.subject, fact.object), (fact.object, fact.subject))
        # a full name, or a surname after an honorific ("Mr Howard's son Nick"); not a first name
        # alone ("daughter Victoria" of "Sir Nicholas" says nothing of her surname)
        if one.key == mention.key and other.cls == "Person" and (" " in other.key or honorific_sex(other.text))
    }


def resolve_people(
    mentions_and_facts: Sequence[tuple[str, Sequence[Mention], Sequence[Fact]]], knowledge: Knowledge
) -> PeopleResolution:
    """(doc id, mentions, facts) of every document -> the person key of each person mention."""
    documents = [
        _Document(doc_id, tuple(m for m in mentions if m.cls == "Person"), tuple(facts))
        for doc_id, mentions, facts in mentions_and_facts
    ]
    person_of, counts = _full_forms(documents, knowledge)
    people = set(person_of.values())
    sexes = _sexes(documents, person_of, knowledge)
    by_surname: dict[str, set[str]] = defaultdict(set)
    for person in people:
        by_surname[person.split()[-1]].add(person)
    # "Mr Hu" for Hu Jintao: a family name written first, where the first word is no given name
    family_first: dict[str, set[str]] = defaultdict(set)
    for person in people:
        words = person.split()
        if len(words) > 1 and words[0].capitalize() not in knowledge.given_names:
            family_first[words[0]].add(person)
    named_in = Counter(
        person
        for d in documents
        for person in {person_of[canonical_form(m.key)] for m in d.people if len(name_tokens(m.key)) > 1}
    )
    resolution = PeopleResolution()
    for document in documents:
        _resolve_document(document, person_of, counts, sexes, by_surname, family_first, named_in, knowledge, resolution)
    return resolution


# "Mr Blair" in an article that names no Blair in full is the archive's Tony Blair, named in full in
# 150 articles, not Sir Ian Blair, named in two: a surname goes to the person of that surname the
# archive names far more often than every other who fits it.
_DOMINANT_ARTICLES, _DOMINANT_RATIO = 5, 5


def _dominant(candidates: Sequence[str], named_in: Counter[str]) -> str | None:
    ranked = sorted(candidates, key=lambda p: (-named_in[p], p))
    top = ranked[0]
    if named_in[top] >= _DOMINANT_ARTICLES and all(named_in[top] >= _DOMINANT_RATIO * named_in[p] for p in ranked[1:]):
        return top
    return None


def _resolve_document(
    document: _Document,
    person_of: dict[str, str],
    counts: Counter[str],
    sexes: dict[str, str],
    by_surname: dict[str, set[str]],
    family_first: dict[str, set[str]],
    named_in: Counter[str],
    knowledge: Knowledge,
    resolution: PeopleResolution,
) -> None:
    # rule 4: "his brother Asylbek Jeenbekov": the ends of one fact are two people
    apart = {(mention_id(f.subject), f.object.key) for f in document.facts}
    apart |= {(mention_id(f.object), f.subject.key) for f in document.facts}
    full = [m for m in document.people if len(name_tokens(m.key)) > 1]
    here = {person_of[canonical_form(m.key)] for m in full}
    for mention in full:
        form = canonical_form(mention.key)
        person = person_of[form]
        longer = _longer_with_suffix(person, here) or _longer_with_suffix(person, by_surname_forms(person, by_surname))
        if len(longer) == 1:
            person = next(iter(longer))  # "Lula da Silva" is "Luiz Inacio Lula da Silva"
        resolution.keys[mention_id(mention)] = person
    anchors = [(m, resolution.keys[mention_id(m)]) for m in full]
    for mention in document.people:
        tokens = name_tokens(mention.key)
        if len(tokens) > 1:
            continue
        resolution.keys[mention_id(mention)] = _single_name(
            mention,
            tokens[0],
            document,
            anchors,
            apart,
            sexes,
            by_surname,
            family_first,
            named_in,
            knowledge,
            resolution,
        )


def by_surname_forms(person: str, by_surname: dict[str, set[str]]) -> set[str]:
    return by_surname.get(person.split()[-1], set())


def _single_name(
    mention: Mention,
    token: str,
    document: _Document,
    anchors: list[tuple[Mention, str]],
    apart: set[tuple[MentionId, str]],
    sexes: dict[str, str],
    by_surname: dict[str, set[str]],
    family_first: dict[str, set[str]],
    named_in: Counter[str],
    knowledge: Knowledge,
    resolution: PeopleResolution,
) -> str:
    """Rules 2 and 3 for one mention of a single name."""
    sex = honorific_sex(mention.text)

    def fits(person: str) -> bool:
        return (mention_id(mention), person) not in apart and not _sexes_clash(sex, sexes.get(person))

    spouse = _spouse(mention, document) if sex == "f" else None
    if spouse is not None:
        return spouse
    same = [(m, p) for m, p in anchors if p.split()[-1] == token and fits(p)]
    if same:
        before = [p for m, p in same if (m.paragraph, m.start) < (mention.paragraph, mention.start)]
        return before[-1] if before else same[0][1]
    inner = {p for _, p in anchors if token in p.split()[1:-1] and fits(p)}
    if len(inner) == 1 and not any(p.split()[0] == token for _, p in anchors):
        return next(iter(inner))  # "Kilroy" after "Robert Kilroy-Silk": the first part of a double surname
    first_name_ok = mention.text.split()[0] in FIRST_NAME_HONORIFICS or (sex is None and mention.text[:1].isupper())
    if first_name_ok and not any(p.split()[-1] == token for _, p in anchors):
        # "Tony", "Sir Digby": a first name alone is the one person of the document who bears it
        by_first = {p for _, p in anchors if p.split()[0] == token and fits(p)}
        families = _kin_surnames(mention, document)
        if families:
            # "his son Nick" beside "Nick Vaughan": a relative of Michael Howard bears his surname, not another's
            by_first = {p for p in by_first if p.split()[-1] in families}
        if len(by_first) == 1:
            resolution.by_first_name.add(mention_id(mention))
            return next(iter(by_first))
    if sex is not None and any(p.split()[-1] == token for _, p in anchors):
        return f"{token} ({sex})"  # the document names someone else of this surname: "Mrs Howard" beside Mr Howard
    archive = sorted(p for p in by_surname.get(token, ()) if fits(p))
    if len(archive) == 1:
        return archive[0]
    family = sorted(p for p in family_first.get(token, ()) if fits(p))
    if not archive and len(family) == 1:
        return family[0]  # "Mr Hu" in an article that never writes "Hu Jintao": the archive's one Hu
    return (_dominant(archive, named_in) if archive else None) or token
