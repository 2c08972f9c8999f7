"""The shared vocabulary of the pipeline: frozen values passed from stage to stage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

EntityClass = Literal["Person", "Party", "Institution", "Place"]
ENTITY_CLASSES: tuple[EntityClass, ...] = ("Person", "Party", "Institution", "Place")

Status = Literal["current", "former", "acting"]

# OUTPUT.md's predicates; the symmetric ones are stored once, subject < object.
PREDICATES: tuple[str, ...] = (
    "holdsPosition",
    "leaderOf",
    "memberOf",
    "employedBy",
    "citizenOf",
    "relativeOf",
    "successorOf",
    "allyOf",
    "opponentOf",
    "locatedIn",
    "capitalOf",
    "basedIn",
    "partOf",
    "borders",
    "livesIn",
    "controls",
    "attacked",
    "arrested",
    "freed",
    "killed",
    "relatedTo",
)
SYMMETRIC_PREDICATES = frozenset({"relativeOf", "allyOf", "opponentOf", "borders"})

_ANY: frozenset[EntityClass] = frozenset({"Person", "Party", "Institution", "Place"})
# a place acts only as a state ("Israel's occupation of the West Bank", "jailed by Israel"): see `fits`
_ACTORS: frozenset[EntityClass] = _ANY
_PLACE: frozenset[EntityClass] = frozenset({"Place"})
_PERSON: frozenset[EntityClass] = frozenset({"Person"})

# OUTPUT.md's domain and range of each predicate: subject classes, object classes. Checked on
# each fact as it is extracted and again on the entities' final classes after resolution.
PREDICATE_CLASSES: dict[str, tuple[frozenset[EntityClass], frozenset[EntityClass]]] = {
    "holdsPosition": (_PERSON, frozenset({"Institution", "Place", "Party"})),
    "leaderOf": (_PERSON, frozenset({"Institution", "Place", "Party"})),
    # a person in a party or body; a state in an international body ("China joined the WTO")
    "memberOf": (_ANY, frozenset({"Party", "Institution"})),
    "employedBy": (_PERSON, frozenset({"Institution"})),
    "citizenOf": (_PERSON, _PLACE),
    "relativeOf": (_PERSON, _PERSON),
    "successorOf": (_PERSON, _PERSON),
    "allyOf": (_ANY, _ANY),
    "opponentOf": (_ANY, _ANY),
    "locatedIn": (_PLACE, _PLACE),
    "capitalOf": (_PLACE, _PLACE),
    "basedIn": (frozenset({"Institution", "Party"}), _PLACE),
    "partOf": (frozenset({"Institution", "Party"}), frozenset({"Institution", "Party"})),
    "borders": (_PLACE, _PLACE),
    "livesIn": (_PERSON, _PLACE),
    "controls": (_ACTORS, frozenset({"Institution", "Place"})),
    "attacked": (_ACTORS, _ANY),
    "arrested": (_ACTORS, _PERSON),
    "freed": (_ACTORS, _PERSON),
    "killed": (_ACTORS, _PERSON),
    "relatedTo": (_ANY, _ANY),
}
# the deeds of an actor, whose subject may be a country but no other place ("Bishkek arrested X")
DEEDS = frozenset({"controls", "attacked", "arrested", "freed", "killed"})


class FactTime(NamedTuple):
    """When a fact holds, as its sentence says: ISO 8601 dates at their precision ("2003",
    "2004-11", "2004-11-15"; see kg/dates.py), "" where the sentence gives none, so that
    evidence stays orderable. Wikidata's qualifiers: point in time (P585), start (P580), end (P582)."""

    point_in_time: str = ""
    start: str = ""
    end: str = ""


NO_TIME = FactTime()


@dataclass(frozen=True)
class Document:
    """One input article after boilerplate is stripped."""

    doc_id: str  # stable slug of the file name
    identifier: str  # the file name, as the user knows it
    paragraphs: tuple[str, ...]
    title: str | None = None
    date: str | None = None  # ISO 8601 at its precision (kg/dates.py), when the text gives one
    dateline_place: str | None = None  # "BISHKEK (REUTERS) -" -> "Bishkek"
    dateline_region: str | None = None  # "RAMALLAH, West Bank (AP) -" -> "West Bank": what the place is in
    dateline: str | None = None  # the dateline as written, without its dash: "RAMALLAH, West Bank (AP)"


@dataclass(frozen=True)
class Mention:
    """One surface form of an entity in one document."""

    doc_id: str
    paragraph: int
    start: int  # character offsets within the paragraph
    end: int
    text: str  # surface form as written, honorific included ("Mr Jeenbekov")
    cls: EntityClass
    key: str  # normalised name used to group mentions ("jeenbekov")
    country: str | None = None  # ISO code of the state a generic institution belongs to
    source: str = ""  # what found it: spaCy's label ("ner-ORG") or the rule ("institution-phrases")
    # P(class) for Person, Party, Institution, Place and "not an entity", from kg/extract/entity_typing.py
    typing: tuple[float, ...] = ()
    # the state of a common-noun body came only from the article's country, not from its own words
    # ("the Cabinet" in a British story, not "Iraq's cabinet"): resolution may weigh it again
    state_from_focus: bool = False
    # the text's own words say the class ("the rebel group LTTE"): no typing model overrides it
    class_stated: bool = False


def fits(predicate: str, subject: Mention, obj: Mention) -> bool:
    """The two mentions' classes are the predicate's domain and range, and a place doing a deed is a country."""
    subjects, objects = PREDICATE_CLASSES[predicate]
    if subject.cls not in subjects or obj.cls not in objects:
        return False
    if predicate == "locatedIn" and subject.key.startswith("country:") and obj.key.startswith("country:"):
        return False  # "Indonesia, Sri Lanka, Maldives", "Sweden is not a state in the US": no state is in another
    return predicate not in DEEDS or subject.cls != "Place" or subject.key.startswith("country:")


@dataclass(frozen=True)
class Fact:
    """A typed relation between two mentions, with the sentence it came from."""

    subject: Mention
    predicate: str
    object: Mention
    sentence: str
    confidence: float
    rule: str  # the extraction rule, for debugging and evaluation
    role: str | None = None
    status: Status | None = None
    verb: str | None = None
    time: FactTime = NO_TIME


class Evidence(NamedTuple):
    """Where a fact was read: one sentence of one document, and when the sentence says it holds."""

    doc_id: str
    sentence: str
    confidence: float
    rule: str
    time: FactTime = NO_TIME


@dataclass(frozen=True)
class Entity:
    """One real-world entity: its mentions merged across documents."""

    node_id: str  # "<class-lower>/<slug>"
    cls: EntityClass
    label: str
    aliases: tuple[str, ...]
    n_mentions: int
    documents: tuple[str, ...]


@dataclass(frozen=True)
class ResolvedFact:
    """A fact whose ends are entities (node ids)."""

    subject: str
    predicate: str
    object: str
    role: str | None
    status: Status | None
    verb: str | None
    evidence: Evidence
