"""Pronouns and descriptions -> the entity they stand for, within one document. Pure.

News states many facts about "he", "she", "the president", "the ministry", "the party" or "the
company" rather than about a name. Each such word is linked to an entity named before it, so the
facts stated about it count:

- "he", "him", "his" (and "she", "her") stand for the last person named before them, in this
  sentence or the two before, whose sex does not clash (from an honorific, else the first name);
  never inside quoted speech, where "he" is as likely the speaker's subject as the writer's;
- "the president", "the minister", "the chairman" stand for the last person named with that title
  ("President X", "X, the chairman");
- "the party", "the ministry", "the company", "the commission", "the court" ... stand for the last
  body named before them whose name ends in that word (or, for "party" and "company"-like words,
  the last party or institution);
- "the country" stands for the country the article is about.

The result is a map from token index to mention, paragraph by paragraph, that the relation
candidates read beside the mentions themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.knowledge import Knowledge
from kg.model import Mention
from kg.people import honorific_sex

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
_WINDOW = 3  # sentences back that a pronoun looks for its person
# "the company": any institution; "the party": any party
_ANY_BODY = {
    "party": "Party",
    "company": "Institution",
    "firm": "Institution",
    "group": "Institution",
    "corporation": "Institution",
    "organisation": "Institution",
    "organization": "Institution",
    "charity": "Institution",
    "newspaper": "Institution",
    "paper": "Institution",
    "broadcaster": "Institution",
}
_QUOTES = frozenset({'"', "“", "”", "``", "''"})


@dataclass(frozen=True)
class Coreferent:
    """A word that stands for an entity: its tokens and the mention it stands for."""

    span: Span
    mention: Mention
    kind: str  # "pronoun" | "description"


@dataclass
class _Seen:
    mention: Mention
    sentence: int  # index of the sentence in the document
    sex: str | None
    titles: frozenset[str]


# kin and rank nouns that say a person's sex where the name does not ("Barghouti's wife, Fadwa")
_FEMALE_NOUNS = frozenset(
    {"wife", "mother", "daughter", "sister", "widow", "queen", "princess", "grandmother", "niece", "aunt"}
)
_MALE_NOUNS = frozenset(
    {"husband", "father", "son", "brother", "widower", "king", "prince", "grandfather", "nephew", "uncle"}
)


def _sex(mention: Mention, knowledge: Knowledge, titles: frozenset[str] = frozenset()) -> str | None:
    sex = honorific_sex(mention.text)
    if sex is not None:
        return sex
    if titles & _FEMALE_NOUNS:
        return "f"
    if titles & _MALE_NOUNS:
        return "m"
    first = mention.text.split()[0] if mention.text.split() else ""
    given = knowledge.given_names.get(first)
    return given if given in {"m", "f"} else None


def _titles_before(span: Span, knowledge: Knowledge) -> frozenset[str]:
    """The title words compounded onto a name ("Interior Minister X" -> interior, minister), and
    the appositive's head ("X, the chairman")."""
    words: set[str] = set()
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].dep_ in {"compound", "amod"} and doc[i].head.i in range(span.start, span.end):
        words.add(doc[i].lower_)
        i -= 1
    for child in span.root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            words.add(child.lemma_.lower())
    if span.root.dep_ == "appos" and span.root.head.pos_ == "NOUN":
        words.add(span.root.head.lemma_.lower())  # "Barghouti's wife, Fadwa"
    return frozenset(words)


def person_sexes(spans: Sequence[Sequence[tuple[Span, Mention]]], knowledge: Knowledge) -> dict[str, str]:
    """Each person's sex where the document says it (an honorific, a first name, "his wife, X"), by key."""
    found: dict[str, str] = {}
    for mentions in spans:
        for span, mention in mentions:
            if mention.cls == "Person" and mention.key not in found:
                sex = _sex(mention, knowledge, _titles_before(span, knowledge))
                if sex is not None:
                    found[mention.key] = sex
    return found


def _in_quotation(token: Token) -> bool:
    sentence = token.sent
    return sum(t.text in _QUOTES for t in sentence if t.i < token.i) % 2 == 1


def coreferents(
    parsed: Sequence[Doc],
    spans: Sequence[Sequence[tuple[Span, Mention]]],
    focus: Mention | None,
    knowledge: Knowledge,
) -> list[list[Coreferent]]:
    """For each paragraph, the pronouns and descriptions in it and what they stand for."""
    title_words = knowledge.words("head_of_state_titles") | knowledge.words("leading_roles")
    title_heads = {t.split()[-1] for t in title_words}
    body_heads = knowledge.body_heads()
    seen: list[_Seen] = []
    result: list[list[Coreferent]] = []
    n_sentence = 0
    for doc, mentions in zip(parsed, spans, strict=True):
        at = {t: (span, m) for span, m in mentions for t in range(span.start, span.end)}
        found: list[Coreferent] = []
        for sentence in doc.sents:
            for token in sentence:
                if token.i in at:
                    span, mention = at[token.i]
                    if token.i == span.start:
                        titles = _titles_before(span, knowledge) if mention.cls == "Person" else frozenset()
                        sex = _sex(mention, knowledge, titles) if mention.cls == "Person" else None
                        seen.append(_Seen(mention, n_sentence, sex, titles))
                    continue
                link = _link(token, seen, n_sentence, focus, title_heads, body_heads)
                if link is not None:
                    found.append(link)
            n_sentence += 1
        result.append(found)
    return result


def _phrase_start(noun: Token) -> int:
    """The first word of a noun's phrase after its article: "party" of "the party leader"."""
    lefts = [c for c in noun.lefts if c.dep_ != "det"]
    return lefts[0].i if lefts else noun.i


def _link(
    token: Token,
    seen: list[_Seen],
    n_sentence: int,
    focus: Mention | None,
    title_heads: set[str],
    body_heads: frozenset[str],
) -> Coreferent | None:
    lower = token.lower_
    if lower in MALE_PRONOUNS or lower in FEMALE_PRONOUNS:
        if _in_quotation(token):
            return None
        clash = "f" if lower in MALE_PRONOUNS else "m"
        for entry in reversed(seen):
            if n_sentence - entry.sentence > _WINDOW:
                break
            if entry.mention.cls == "Person" and entry.sex != clash:
                return Coreferent(token.doc[token.i : token.i + 1], entry.mention, "pronoun")
        return None
    if token.pos_ != "NOUN" and not (token.pos_ == "PROPN" and token.is_sent_start):
        return None  # ("Party leader X said": the tagger takes a capital at a sentence's start for a name)
    # "the party", and the party in a title: "the party leader, X", "Party chairman X"
    # (not in quoted speech: the speaker's party need not be the one named last)
    in_title = (
        token.dep_ == "compound"
        and token.head.pos_ == "NOUN"
        and token.i == _phrase_start(token.head)
        and not _in_quotation(token)
    )
    if not in_title and not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    if any(c.dep_ in {"compound", "amod", "poss"} for c in token.children):
        return None  # "the interior ministry", "the Labour party": a name of its own, not a reference back
    lemma = token.lemma_.lower()
    span = token.doc[token.i - 1 : token.i + 1] if token.i > 0 and token.doc[token.i - 1].lower_ == "the" else None
    span = span or token.doc[token.i : token.i + 1]
    if lemma == "country" and focus is not None:
        return Coreferent(span, focus, "description")
    if lemma in title_heads:
        for entry in reversed(seen):
            if entry.mention.cls == "Person" and lemma in entry.titles:
                return Coreferent(span, entry.mention, "description")
        return None
    if lemma in body_heads or lemma in _ANY_BODY:
        wanted = _ANY_BODY.get(lemma)
        for entry in reversed(seen):
            mention = entry.mention
            if mention.cls not in {"Institution", "Party"}:
                continue
            # the name's head noun: its last word, or the last before "of" ("the Council of Economic Advisers")
            name = mention.key.split("@")[0]
            heads = {*name.split()[-1:], *name.split(" of ")[0].split()[-1:]}
            if lemma in heads or (wanted is not None and mention.cls == wanted):
                return Coreferent(span, mention, "description")
    return None
