"""Parsed sentences + mentions -> typed facts, by small rules over the dependency parse.

Each rule is a function `(sentence, context) -> Iterator[Candidate]` and says in one comment
why it holds. Precision first: a rule that is unsure of either end emits nothing. Domain and
range checks (`model.PREDICATE_CLASSES`) drop any fact whose ends have the wrong classes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from spacy.tokens import Token

from kg.extract.coref import FEMALE_PRONOUNS, MALE_PRONOUNS
from kg.extract.mentions import (
    LYING_VERBS,
    OWNED_UNIT_NOUNS,
    PLACE_OF_NOUNS,
    is_post_nominal_title,
    key_for,
    names_a_body,
    names_a_party_member,
    normalise,
    party_designation,
    place_key,
    title_words,
)
from kg.knowledge import Knowledge
from kg.model import DEEDS, Mention, Status, fits
from kg.temporal import ends_a_holding, tense_of

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_OBJECT_DEPS = frozenset({"dobj", "pobj", "attr", "oprd"})
_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})

# A sentence's tokens, made once: some twenty rules walk every sentence, and a spaCy Span makes
# each Token object anew on every walk (4.0 million Token objects for 150 BBC articles, 2.3 million
# with the tuple; the time saved is within the machine's noise)
Sentence = Sequence[Token]


@dataclass(frozen=True)
class Candidate:
    """A fact found in one sentence, before it is checked and turned into a model.Fact."""

    subject: Mention
    predicate: str
    object: Mention
    confidence: float
    rule: str
    role: str | None = None
    status: Status | None = None
    verb: str | None = None
    one_of: bool = False  # "a Hamas leader": one of the body's leaders, not its leader


_TOPIC_PREPOSITIONS = frozenset({"toward", "towards", "against", "with", "over", "about", "into", "to", "from"})


@dataclass
class Context:
    """What the rules may look up about the document being read."""

    knowledge: Knowledge
    by_token: dict[int, Mention]  # token index in the paragraph Doc -> mention covering it
    focus: Mention | None  # the country the document is about, when clear
    previous_subject: Mention | None = None  # last person that was a subject, for "he"/"she"
    ministries: dict[str, Mention] = field(default_factory=dict)  # "interior" -> the interior ministry
    named_countries: frozenset[str] = frozenset()  # ISO codes of the countries the document names
    departments: dict[str, Mention] = field(default_factory=dict)  # "home" -> the Home Office
    chambers: dict[str, Mention] = field(default_factory=dict)  # "senate" -> the Senate the document names
    # "the council" -> the Council of Economic Advisers named before it (kg/extract/coref.py): a body
    # a description stands for, read where it owns a title ("the council's chairman, X")
    described_bodies: dict[int, Mention] = field(default_factory=dict)
    # "his" -> the last person named before it whose sex does not clash (kg/extract/coref.py)
    pronouns: dict[int, Mention] = field(default_factory=dict)
    subject_is_recent: bool = False  # previous_subject was the subject of the sentence just before
    sexes: dict[str, str] = field(default_factory=dict)  # person key -> "m" or "f", where the text says

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def resolve(self, token: Token, sentence: Sentence) -> Mention | None:
        """The mention at a token, following a personal pronoun to its person, and a common noun to
        the name in apposition to it ("the 34th President of the United States, Dwight D.
        Eisenhower, was born in Denison")."""
        mention = self.at(token)
        if mention is None and token.pos_ in {"NOUN", "PROPN"}:
            named = [m for c in token.children if c.dep_ == "appos" and (m := self.at(c)) is not None]
            if len(named) == 1:
                return named[0]
        if mention is not None or token.lower_ not in _PRONOUNS:
            return mention
        return _antecedent(token, sentence, self)

    def countries_in(self, sentence: Sentence) -> list[Mention]:
        seen: dict[str, Mention] = {}
        for token in sentence:
            mention = self.at(token)
            if mention is not None and mention.key.startswith("country:"):
                seen.setdefault(mention.key, mention)
        return list(seen.values())

    def country_for(self, sentence: Sentence, holder: Token | None = None) -> tuple[Mention | None, float]:
        """The state a title in this sentence refers to: the one named there, else the document's.

        A country the title holder acts on ("Foreign Secretary X will visit Poland") is not theirs.
        """
        # "the Iraq war", "Iraq intelligence": a country named as a modifier is a topic, no one's state
        topics = {
            m.key for t in sentence if (m := self.at(t)) is not None and qualifies_noun(t) and self.at(t.head) is not m
        }
        if holder is not None and holder.dep_ not in _SUBJECT_DEPS:
            topics |= _event_places(sentence, holder, self)
        named = [m for m in self.countries_in(sentence) if m.key not in topics]
        # "Prime Minister Koizumi's attitude toward China": a country after such a preposition is
        # what someone acts on or speaks of, no one's state; it vetoes, and never leaves another
        # country of the sentence the only one ("flying from the United States ... Britain")
        dealt_with = {
            m.key
            for t in sentence
            if t.dep_ == "pobj" and t.head.lower_ in _TOPIC_PREPOSITIONS and (m := self.at(t)) is not None
        }
        if holder is not None and holder.dep_ in _SUBJECT_DEPS:
            acted_on = {
                m.key
                for child in holder.head.children
                if child.dep_ in {"dobj", "prep", "dative"}
                for t in child.subtree
                if (m := self.at(t)) is not None
            }
            # "X said that, if in government, he would refuse to approve Y as envoy to Australia"
            acted_on |= {
                m.key
                for t in holder.head.subtree
                if (m := self.at(t)) is not None and _verbs_between(t, holder.head) >= 2
            }
            named = [m for m in named if m.key not in acted_on]
        if len(named) == 1:
            return (named[0], 0.0) if named[0].key not in dealt_with else (None, 0.0)
        if not named and self.focus is not None and (holder is None or len(self.countries_in(sentence)) <= 1):
            return self.focus, 0.1  # less sure: the country is implied, not named
        return None, 0.0


def _event_places(sentence: Sentence, holder: Token, context: Context) -> set[str]:
    """ "concern about the war in Iraq and President Bush's re-election", "statements by President
    Bush ... say the wars in Afghanistan and Iraq have": a country after "in" on a common noun that
    is coordinated with the holder's, beside a possessor, or in another clause, places an event, not
    the holder's office. In the holder's own clause it may be theirs ("Protesters in Kyrgyzstan freed
    minister X")."""
    keys: set[str] = set()
    for t in sentence:
        noun = t.head.head
        if t.dep_ != "pobj" or t.head.lower_ != "in" or noun.pos_ != "NOUN" or context.at(noun) is not None:
            continue
        # a possessor names a thing of theirs ("Chirac's policies"), not where they act
        apart = holder.dep_ == "poss" or any(c.i == noun.i for c in holder.head.conjuncts)
        if not apart and _clause_verb(noun).i == _clause_verb(holder).i:
            continue
        keys |= {m.key for c in (t, *t.conjuncts) if (m := context.at(c)) is not None}  # "in Afghanistan and Iraq"
    return keys


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a token is in (the root where there is none)."""
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:  # spaCy makes a new Token each time
        token = token.head
    return token


def _verbs_between(token: Token, top: Token) -> int:
    """How many verbs lie on the path from a token up to `top`, both excluded."""
    n_verbs, head = 0, token.head
    for _ in range(30):
        if head.i == top.i or head.head.i == head.i:
            break
        n_verbs += head.pos_ in {"VERB", "AUX"}
        head = head.head
    return n_verbs


def _in_quotation(token: Token, sentence: Sentence) -> bool:
    """Inside quoted speech: an odd number of quotation marks before the token in its sentence."""
    marks = [t for t in sentence if t.i < token.i and t.text in {'"', "“", "”", "``", "''"}]
    return len(marks) % 2 == 1


def qualifies_noun(token: Token) -> bool:
    """ "Iraq" in "the Iraq war", "Iraq intelligence": a name used to qualify a common noun (the
    caller checks that the noun lies outside the name)."""
    return token.dep_ in {"compound", "amod", "nmod"} and token.head.pos_ == "NOUN"


def conjunct_heads(token: Token, limit: int = 5) -> list[Token]:
    """The token and the heads of its conjunction chain: in "Kyrgyzstan's ministry and committee"
    the committee shares the ministry's owner, which only the first conjunct carries."""
    heads = [token]
    while heads[-1].dep_ == "conj" and len(heads) < limit:
        heads.append(heads[-1].head)
    return heads


def _antecedent(pronoun: Token, sentence: Sentence, context: Context) -> Mention | None:
    """Nearest person before the pronoun in its sentence, else the last subject person."""
    people = [m for t in sentence if t.i < pronoun.i and (m := context.at(t)) is not None and m.cls == "Person"]
    unique = {m.key: m for m in people}
    if pronoun.lower_ == "him":
        # "he succeeded him": him is the person who is not the clause's subject
        subject = next((c for c in pronoun.head.children if c.dep_ in _SUBJECT_DEPS), None)
        subject_mention = context.resolve(subject, sentence) if subject is not None and subject.i != pronoun.i else None
        others = [m for m in unique.values() if subject_mention is None or m.key != subject_mention.key]
        return others[-1] if len(others) == 1 else None
    if pronoun.lower_ == "he" and pronoun.dep_ in _SUBJECT_DEPS:
        subjects = [
            m
            for t in sentence
            if t.i < pronoun.i and t.dep_ in _SUBJECT_DEPS and (m := context.at(t)) and m.cls == "Person"
        ]
        if subjects:
            return subjects[-1]
    if len(unique) == 1:
        return next(iter(unique.values()))
    if not unique and not _in_quotation(pronoun, sentence):
        # in quoted speech "his" is rarely the last subject: that is usually the speaker. Outside it,
        # the subject of the sentence just before; else the last person named whose sex does not clash
        last = context.previous_subject
        clash = "f" if pronoun.lower_ in MALE_PRONOUNS else "m" if pronoun.lower_ in FEMALE_PRONOUNS else None
        if context.subject_is_recent and last is not None and context.sexes.get(last.key) != clash:
            return last
        return context.pronouns.get(pronoun.i) or last
    return None


def _span_text(tokens: list[Token]) -> str:
    # a full stop split off an abbreviation joins it again: "Sens" + "." -> "Sens."; a hyphen the
    # title words were read past is written again: "director-general", not "director general"
    parts: list[str] = []
    for before, token in zip([None, *tokens], tokens, strict=False):
        if before is not None:
            between = token.doc[before.i + 1 : token.i]
            hyphenated = len(between) == 1 and between[0].text == "-" and not before.whitespace_
            parts.append("-" if hyphenated and not between[0].whitespace_ else " ")
        parts.append(token.text)
    return "".join(parts).replace(" .", ".")


def _status(words: list[str], knowledge: Knowledge) -> Status | None:
    statuses: dict[str, Status] = knowledge.lexicon["status_words"]
    for word in words:
        if word in statuses:
            return statuses[word]
    return None


# --- titles: "Interior Minister X", "X, the president", "took over as acting interior minister"


def _title_tokens_before(name: Token, mention: Mention, context: Context) -> list[Token]:
    """Title words left of a name that modify it: "former prime minister Sapar Isakov"."""
    doc = name.doc
    start = (
        min(t.i for t in name.subtree if context.at(t) is mention)
        if any(context.at(t) is mention for t in name.subtree)
        else name.i
    )
    tokens: list[Token] = []
    i = start - 1
    while i >= 0:
        token = doc[i]
        if token.text in context.knowledge.lexicon["honorifics"] and not tokens:
            i -= 1
            continue
        if token.is_punct and token.text in {"-"}:
            i -= 1
            continue
        prep = token.head
        if (
            token.dep_ == "pobj"
            and prep.lower_ in {"of", "for"}
            and prep.head.i < prep.i
            and prep.head.pos_ in {"NOUN", "PROPN"}
            and _head_within(prep.head, name)
        ):
            # "Secretary of State Colin Powell", "Minister for Europe X": the title's of-phrase
            tokens = [doc[j] for j in range(prep.head.i, i + 1)] + tokens
            i = prep.head.i - 1
            continue
        if (
            token.dep_ in {"compound", "amod", "nmod"}
            and token.pos_ in {"NOUN", "PROPN", "ADJ", "VERB"}
            and _head_within(token, name)
        ):
            other = context.at(token)
            if other is not None and other.cls == "Person":
                break
            tokens.insert(0, token)
            i -= 1
            continue
        if (
            token.dep_ == "prep"
            and token.lower_ in {"of", "for"}
            and name.head.i == token.i
            and token.head.i < token.i
            and token.head.pos_ in {"NOUN", "PROPN"}
            and tokens
            and all((m := context.at(t)) is not None and m.cls != "Person" for t in tokens)
        ):
            # "President of Ukraine Viktor Yushchenko": the parser hangs the name on "of"; the title is
            # the words before, when only a place or body stands between "of" and the name
            tokens = [doc[j] for j in range(token.head.i, i + 1)] + tokens
            i = token.head.i - 1
            continue
        break
    return tokens


def _people_named(sentence: Sentence, context: Context) -> Iterator[tuple[Token, Mention]]:
    """Each person of the sentence at the head token of their name (not "John" of "John Kerry")."""
    for token in sentence:
        person = context.at(token)
        if person is not None and person.cls == "Person" and token.dep_ != "compound":
            yield token, person


def _head_within(token: Token, name: Token) -> bool:
    head = token
    for _ in range(6):
        if head.i == name.i:
            return True
        if head.head.i == head.i:
            return False
        head = head.head
    return False


def _two_word_demonym(tokens: Sequence[Token], knowledge: Knowledge) -> str | None:
    """The state of a demonym written in two words among the tokens: "South African", "Sri Lankan"."""
    for first, second in pairwise(tokens):
        if second.i == first.i + 1 and (code := knowledge.demonym_country(f"{first.text} {second.text}")):
            return code
    return None


def _part_demonym_place(tokens: Sequence[Token], context: Context) -> Mention | None:
    """The place a constituent part's demonym among the tokens names: "Welsh" -> Wales, "Northern
    Irish" -> Northern Ireland (the state's demonym would say only the United Kingdom)."""
    places = context.knowledge.lexicon["part_demonym_places"]
    words = [t.lower_ for t in tokens]
    for i, word in enumerate(words):
        name = places.get(" ".join(words[i : i + 2])) or places.get(word)
        if name is not None and tokens[i].text[:1].isupper():
            return Mention("", -1, 0, 0, name, "Place", key_for(name, "Place", context.knowledge)[0])
    return None


def _party_mention(name: str) -> Mention:
    """A party the words name by its canonical name ("Conservative Party"), keyed as its mentions are."""
    return Mention("", -1, 0, 0, name, "Party", name.lower())


def _party_named_in(tokens: list[Token], knowledge: Knowledge) -> str | None:
    """ "Liberal Democrat", "Tory", "Lib Dem" within a title: the party's canonical name, longest match first."""
    nicknames = knowledge.lexicon["party_nicknames"]
    for size in range(len(tokens), 0, -1):
        for start in range(len(tokens) - size + 1):
            name = " ".join(t.text for t in tokens[start : start + size])
            if name in nicknames and not _inside_another_name(tokens, start, knowledge):
                return str(nicknames[name])
    return None


def _inside_another_name(tokens: Sequence[Token], start: int, knowledge: Knowledge) -> bool:
    """ "the Popular Democratic Party candidate", "Christian Democrat leader": the party's name is
    the end of another party's, whose first word starts party names or is a proper noun that names
    no place ("Scottish Labour", "Texas Democrat" are the party itself)."""
    before = tokens[start - 1] if start > 0 else None
    if before is None or not before.text[:1].isupper():
        return False
    if before.lower_ in knowledge.words("party_name_prefixes"):
        return True
    return before.pos_ == "PROPN" and not _names_a_place(before, knowledge)


def _title_party_word(tokens: list[Token], knowledge: Knowledge) -> str | None:
    """ "Democrat X", "Ohio Republican Secretary of State X", "Green MSP X": the party
    a word of a title names, not inside another party's name ("Christian Democratic", "Democratic
    Unionist", "Social Democrat"). The title's office is the state's, not the party's."""
    words = knowledge.lexicon["title_party_words"]
    for i, token in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if token.text not in words:
            continue
        if _inside_another_name(tokens, i, knowledge):
            continue
        # the next word starts the title's office ("Republican Sen.", "Green MSP"), not another
        # party's name ("Democratic Unionist leader") or a job ("Green campaigner")
        rest = title_words_of(tokens[i + 1 :], knowledge)
        head = title_head(rest, knowledge) if rest else None
        if after is not None and (head is None or (after.text[:1].isupper() and rest[0] != head.split()[0])):
            continue
        return str(words[token.text])
    return None


def _names_a_place(token: Token, knowledge: Knowledge) -> bool:
    return knowledge.is_known_place(token.text) or knowledge.demonym_country(token.text) is not None


def title_words_of(tokens: Sequence[Token], knowledge: Knowledge) -> list[str]:
    """A title's words in lower case, abbreviations written out: "Sen." -> "senator", "Sens." (two
    tokens) -> "senator", so an abbreviated title is read as the title itself."""
    abbreviations = knowledge.lexicon["title_abbreviations"]
    words: list[str] = []
    for token in tokens:
        if token.text == "." and words and f"{words[-1]}." in abbreviations:
            words[-1] = abbreviations[f"{words[-1]}."]
            continue
        words.append(abbreviations.get(token.lower_, token.lower_) if token.text[:1].isupper() else token.lower_)
    return words


def title_head(words: list[str], knowledge: Knowledge) -> str | None:
    """The known title at the end of the words, longest first ("prime minister" over "minister");
    a hyphen is no word of it ("director-general" is the director general)."""
    words = [w for w in words if w != "-"]
    titles = (
        knowledge.words("head_of_state_titles")
        | knowledge.words("party_roles")
        | knowledge.words("org_roles")
        | knowledge.words("leading_roles")
    )
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[-n:]) in titles:
            return " ".join(words[-n:])
    # "Mayor of London Ken Livingstone", "Minister for Europe X": the head stands before its of-phrase
    cut = next((i for i, w in enumerate(words) if w in {"of", "for"}), None)
    return title_head(words[:cut], knowledge) if cut else None


# How the object of a title was found: named in the title, a demonym ("British"), or implied
# by the document ("Prime Minister X" in an article about one country). Each has its own rule name,
# so each gets its own measured confidence.
Source = str
_NAMED, _DEMONYM, _IMPLIED, _DEPARTMENT = "named", "demonym", "implied", "department"


def _position_object(
    title_tokens: list[Token], sentence: Sentence, context: Context, holder: Token | None = None
) -> tuple[Mention | None, Source]:
    """Where a title holds: its party or country when named in it, the ministry, else the country."""
    knowledge = context.knowledge
    words = title_words_of(title_tokens, knowledge)
    party = _party_named_in(title_tokens, knowledge)
    if party is not None:
        return _party_mention(party), _NAMED
    if "shadow" in words:
        return None, _NAMED  # "Shadow Chancellor X": an opposition party's post, no office of the state
    region: Mention | None = None
    if code := _two_word_demonym(title_tokens, knowledge):
        return _country_mention(code, context), _DEMONYM  # "South African president", "Sri Lankan President"
    if (part := _part_demonym_place(title_tokens, context)) is not None:
        return part, _DEMONYM  # "Welsh Health Minister", "Scottish Secretary": the part's office
    for token in title_tokens:
        # "Party leader X", "Committee chairman X": the body that word stands for (kg/extract/coref.py)
        mention = context.at(token) or context.described_bodies.get(token.i)
        if _is_cut_name(token, title_tokens, context):
            continue  # "Northern Ireland minister": "Ireland" alone is another place
        if mention is not None and (mention.cls in {"Party", "Institution"} or mention.key.startswith("country:")):
            return mention, _NAMED
        if mention is not None and mention.cls == "Place":
            region = region or mention
            continue
        code = knowledge.demonym_country(token.text)
        if code:
            following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            if following is not None and following.ent_type_ == "NORP" and following.text[:1].isupper():
                return None, _NAMED  # "Bosnian Serb leader X": a people's leader, not the state's
            # "British Prime Minister X", "the Nigerian president": the demonym names the state, whether or
            # not the article names it too (tests/gold/GUIDELINES.md 2.5: an implied country)
            return _country_mention(code, context), _DEMONYM
        code = knowledge.country_code(token.text) if token.pos_ == "PROPN" else None
        if code:
            return _country_mention(code, context), _NAMED
    head = title_head(words, knowledge)
    if head is None:
        return None, _NAMED
    if region is not None and head in knowledge.words("head_of_state_titles"):
        return region, _NAMED  # "Northern Ireland minister", "Texas governor", "Arizona senator"
    if head in knowledge.words("local_offices"):
        return None, _NAMED  # "Mayor X", "Gov. X": a city's or a province's office, never the state's
    if head in knowledge.words("party_roles") - knowledge.words("head_of_state_titles"):
        return None, _NAMED  # "leader", "spokesman" of what? Not said.
    if head in knowledge.words("org_roles") - knowledge.words("head_of_state_titles"):
        return None, _NAMED
    domains = knowledge.lexicon["ministry_domains"]
    for word in words:
        if word in domains and domains[word] in context.ministries:
            return context.ministries[domains[word]], _IMPLIED
    if _owned_by_other(title_tokens, context):
        return None, _NAMED  # "its director general", "the organisation's president": not the state's
    country, penalty = context.country_for(sentence, holder)
    named = country is not None and country.key.removeprefix("country:") in context.named_countries
    if not named and "shadow" not in words:  # a shadow minister holds no office in a department
        # "Home Secretary David Blunkett" in a story that names the Home Office but not the state:
        # the office is in that department (tests/gold/GUIDELINES.md, offices and their object)
        for word in words:
            if word in context.departments:
                return context.departments[word], _DEPARTMENT
    return country, _IMPLIED if penalty else _NAMED


_DEPARTMENT_FORMS = (
    re.compile(r"^(?:department|ministry|office) (?:of|for) (?:the )?(.+)$"),  # "Department of Health"
    re.compile(r"^(.+?) (?:office|department|ministry)$"),  # "the Home Office", "the Defense Department"
)


def department_portfolio(mention: Mention, knowledge: Knowledge) -> str | None:
    """The portfolio word a department's own name spells, where the portfolio is one of
    `ministry_domains`: "the Home Office" -> "home", "the Department of Health" -> "health". A
    lower-case "health department" is not enough: its state is a guess (the Scottish Executive's
    in a Holyrood story), and a title is matched to its own word ("Finance Minister" is no
    Treasury's)."""
    if mention.cls != "Institution" or not mention.text[:1].isupper():
        return None
    base = mention.key.split("@")[0]
    for form in _DEPARTMENT_FORMS:
        if (match := form.match(base)) and match.group(1) in knowledge.lexicon["ministry_domains"]:
            return match.group(1)
    return None


_STATE_NOUNS = frozenset({"country", "nation", "state", "government", "republic"})


def _owned_by_other(title_tokens: list[Token], context: Context) -> bool:
    """The title is someone's other than a state's: a possessive ("its", "the charity's") on it that
    is no place and no word for the country ("the country's president" is the state's)."""
    for token in title_tokens:
        for owner in (c for c in token.children if c.dep_ == "poss"):
            mention = context.at(owner)
            if mention is not None and mention.cls == "Place":
                continue
            if owner.lower_ in _STATE_NOUNS or owner.lemma_.lower() in _STATE_NOUNS:
                continue
            return True
    return False


def _is_cut_name(token: Token, title_tokens: list[Token], context: Context) -> bool:
    """The token is the end of a longer capitalised name in the title ("Northern" + "Ireland")."""
    if token.i == 0 or token.pos_ != "PROPN":
        return False
    left = token.doc[token.i - 1]
    mention = context.at(token)
    return (
        (mention is None or mention is not context.at(left))
        and left in title_tokens
        and left.pos_ == "PROPN"
        and left.text[:1].isupper()
        and title_head([left.lower_], context.knowledge) is None
        and left.lower_ not in context.knowledge.words("title_modifiers")
        and context.knowledge.country_code(f"{left.text} {token.text}") is None
        and not context.knowledge.demonym_country(left.text)
    )


_MEMBER_ROLES = frozenset(
    {
        "mp",
        "member",
        "activist",
        "candidate",
        "politician",
        "mep",
        "msp",
        "peer",
        "supporter",
        "lawmaker",
        "representative",
        "congressman",
        "congresswoman",
    }
)


def position_predicate(head: str | None, target: Mention, knowledge: Knowledge, words: Sequence[str] = ()) -> str:
    """An office in a state, or leading a body, is holdsPosition; being one of its people is memberOf.
    A party named before a state's office ("the Conservative former chancellor", "Labour Home
    Secretary X") is the holder's party, not the office's: memberOf (a shadow post is the party's)."""
    if head is None:
        return "memberOf"
    if target.cls == "Party" and head in _MEMBER_ROLES:
        return "memberOf"
    if target.cls == "Party" and words and head in _state_offices(knowledge) and "shadow" not in words:
        return "memberOf"
    if target.cls == "Institution" and head not in knowledge.words("leading_roles") | knowledge.words(
        "head_of_state_titles"
    ):
        return "memberOf"
    return "holdsPosition"


def _state_offices(knowledge: Knowledge) -> frozenset[str]:
    """The titles of a state's offices, not a party's posts ("president", "home secretary")."""
    return knowledge.derived_words(
        "state offices", lambda: knowledge.words("head_of_state_titles") - knowledge.words("party_roles")
    )


def _party_of_office(predicate: str, head: str | None, target: Mention) -> bool:
    """The holder's party named before a state's office: memberOf, whatever became of the office."""
    return predicate == "memberOf" and target.cls == "Party" and head is not None and head not in _MEMBER_ROLES


def _country_mention(code: str, context: Context) -> Mention:
    country = context.knowledge.countries[code]
    return Mention("", -1, 0, 0, country.name, "Place", f"country:{code}")


def rule_title_before_name(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # a title compounded onto a name is the office that person holds (or held: "former")
    for token, person in _people_named(sentence, context):
        title = _title_tokens_before(token, person, context)
        words = title_words_of(title, context.knowledge)
        head = title_head(words, context.knowledge) if title else None
        home = _home_before_job(title, words, head, context)
        if home is not None and not _is_plural(token):
            yield Candidate(person, "livesIn", home, 0.75, "place-before-job")
        party_word = _title_party_word(title, context.knowledge)
        if party_word is not None and _party_named_in(title, context.knowledge) is None and not _is_plural(token):
            yield Candidate(person, "memberOf", _party_mention(party_word), 0.8, "party-word-in-title")
        if head is None:
            # "Liberal Democrat Sarah Teather", "Tory Michael Howard": a party named before a name is theirs
            party, _ = _position_object(title, sentence, context) if title else (None, _NAMED)
            if party is not None and party.cls == "Party" and not _is_plural(token):
                yield Candidate(person, "memberOf", party, 0.8, "party-before-name")
            elif title and title[-1].lemma_.lower() in _OWNER_NOUNS:
                # "Chelsea owner Roman Abramovich": the body before the word is what the person owns
                body = _modifier_organisation(title[-1], context, title)
                if body is not None and body.cls == "Institution":
                    yield Candidate(person, "controls", body, 0.8, "owner-before-name", verb=title[-1].lemma_.lower())
            elif title and words[-1] in _occupations(context.knowledge):
                # "KAL attorney George Tompkins", "NASA astronaut X": a body named before a job is the employer
                body = _modifier_organisation(title[-1], context, title)
                if body is not None:
                    yield Candidate(person, "memberOf", body, 0.8, "org-before-title", _span_text(title))
                elif (body := _list_body(token, context)) is not None:
                    yield Candidate(person, "memberOf", body, 0.8, "title-in-list", _span_text(title))
            continue
        target, source = _position_object(title, sentence, context, token)
        if target is None and head in context.knowledge.words("org_roles"):
            body = _list_body(token, context)
            if body is not None:
                predicate = position_predicate(head, body, context.knowledge)
                role, status = _role_text(title, context.knowledge), _status(words, context.knowledge)
                yield Candidate(person, predicate, body, 0.8, "title-in-list", role, status)
                continue
        if (
            target is not None
            and target.cls == "Place"
            and head in _occupations(context.knowledge) - _offices(context.knowledge)
        ):
            continue  # "Kenyan activist X": a job is no office of the state (a nationality: rule_nationality)
        if target is not None and source == _IMPLIED:
            continue  # the article's country, not the title's: resolution decides (open_titles)
        if target is not None:
            role = _role_text(title, context.knowledge)
            predicate = position_predicate(head, target, context.knowledge, words)
            status = _status(words, context.knowledge) if not _party_of_office(predicate, head, target) else None
            rule = {
                _NAMED: "title-before-name",
                _DEMONYM: "title-demonym",
                _IMPLIED: "title-implied",
                _DEPARTMENT: "title-department",
            }[source]
            yield Candidate(person, predicate, target, 0.9, rule, role, status)


def _home_before_job(title: list[Token], words: list[str], head: str | None, context: Context) -> Mention | None:
    """ "Atlanta businessman Neil Estes", "a West Palm Beach lawyer": a town or region before a job
    is where the person lives; not before an office ("London mayor X" holds it), nor a country
    ("Kenyan activist X", "Netherlands businessman": a nationality, rule_nationality)."""
    knowledge = context.knowledge
    if not title or words[-1] not in _occupations(knowledge) or head in _offices(knowledge):
        return None
    places = [m for t in title if (m := context.at(t)) is not None and m.cls == "Place"]
    if not places or places[0].key.startswith("country:"):
        return None
    # a town or a state's region, not a part of the world: "Latin America analyst" studies it; the
    # town, not its state, of "a West Palm Beach, Fla., lawyer"
    name = places[0].text
    is_home = name in knowledge.cities or knowledge.region_country(name) is not None
    return places[0] if is_home else None


def _list_body(token: Token, context: Context) -> Mention | None:
    """ "BBC chairman Gavyn Davies, director-general Greg Dyke and reporter Andrew Gilligan": the
    body named before the first title of a list of titled names is every later one's too. Not a
    party: "Labour leader X, deputy leader Y and chancellor Z" lists offices of the state too."""
    first = token
    # the parser links the list's names by "conj", or by "appos" after the first comma
    while first.dep_ in {"conj", "appos"} and first.head.i < first.i and first.head.pos_ == "PROPN":
        first = first.head
    person = context.at(first)
    if first is token or person is None or person.cls != "Person":
        return None
    title = _title_tokens_before(first, person, context)
    body = _modifier_organisation(title[-1], context, title) if title else None
    return body if body is not None and body.cls == "Institution" else None


@dataclass(frozen=True)
class OpenTitle:
    """ "President Bush said": a national office before a name that says no state. Resolution
    gives it the one state the archive's own text gives that person for that office, when the
    document names that state (kg/resolve.py)."""

    person: Mention
    head: str  # the title's head, "president"
    role: str
    status: Status | None
    implied: Mention | None = None  # the article's country, when the article is about one


def open_titles(sentence: Sentence, context: Context) -> Iterator[OpenTitle]:
    knowledge = context.knowledge
    offices = _state_offices(knowledge)
    for token, person in _people_named(sentence, context):
        title = _title_tokens_before(token, person, context)
        words = title_words_of(title, knowledge)
        head = title_head(words, knowledge) if title else None
        if head is None or head not in offices or head in knowledge.words("local_offices"):
            continue  # "First Minister X", "Mayor X": the office of a country's part, never the state's
        owners = [
            m for t in (*title, token) for c in t.children if c.dep_ == "poss" and (m := context.at(c)) is not None
        ]
        if any(m.cls in {"Party", "Institution"} for m in owners):
            continue  # "the Liberal Democrats' President Simon Hughes": the party's post, no state's
        target, source = _position_object(title, sentence, context, token)
        if target is None or source == _IMPLIED:
            implied = target if source == _IMPLIED else None
            yield OpenTitle(person, head, _role_text(title, knowledge), _status(words, knowledge), implied)


@dataclass(frozen=True)
class DescribedTitle:
    """ "The chancellor said", "the Tory leader", "the former health secretary": an office named by
    a definite description with no name beside it. Resolution gives it to the one person of the
    article whom the archive's own text gives that office (kg/resolve.py)."""

    head: str  # the title's head, "chancellor"
    role: str
    status: Status | None
    body: Mention | None  # the party, country or body the description names ("the Tory leader"), if any


def described_titles(sentence: Sentence, context: Context) -> Iterator[DescribedTitle]:
    knowledge = context.knowledge
    offices = _state_offices(knowledge)
    for noun in sentence:
        if noun.pos_ not in {"NOUN", "PROPN"} or context.at(noun) is not None or _is_plural(noun):
            continue
        if noun.dep_ in {"compound", "appos"} or any(c.dep_ == "appos" for c in noun.children):
            continue  # "the prime minister, Tony Blair": the rules read the name beside it
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            continue
        title = [t for t in noun.lefts if t.dep_ in {"amod", "compound", "nmod"}] + [noun]
        words = [t.lower_ for t in title]
        head = title_head(words, knowledge)
        if head is None:
            continue
        party = _party_named_in(title, knowledge)
        named = [m for t in title if (m := context.at(t)) is not None]
        of_body = [m for obj in objects_after(noun, {"of"}) if (m := context.at(obj)) is not None]
        body: Mention | None = None
        if party is not None:
            body = _party_mention(party)
        elif named or of_body:
            body = (named or of_body)[0]
        elif code := next((c for t in title if (c := knowledge.demonym_country(t.text))), None):
            body = _country_mention(code, context)  # "the Israeli prime minister"
        if head in offices or (body is not None and body.cls == "Party" and head in knowledge.words("leading_roles")):
            yield DescribedTitle(head, _role_text(title, knowledge), _status(words, knowledge), body)


def _occupations(knowledge: Knowledge) -> frozenset[str]:
    return knowledge.words("occupations") | knowledge.words("org_roles")


def _is_plural(token: Token) -> bool:
    """ "Labour MPs": a plural noun is a group, not one person."""
    return (token.tag_ in {"NNS", "NNPS"} and token.pos_ == "NOUN") or (
        len(token.text) > 2 and token.text.endswith("s") and token.text[:-1].isupper()
    )


def _role_text(title: list[Token], knowledge: Knowledge) -> str:
    """The role as written, without status words or leading entity names."""
    statuses = knowledge.lexicon["status_words"]
    kept = [t for t in title if t.lower_ not in statuses or t.lower_ == "acting"]
    return _span_text(kept) if kept else _span_text(title)


def _noun_phrase_title(noun: Token, context: Context) -> list[Token]:
    """ "a former president jailed ..." -> former president: the noun and its left modifiers, with
    their own ("the home affairs spokesman": "home" modifies "affairs")."""
    tokens = [
        t
        for left in noun.lefts
        if left.dep_ in {"amod", "compound", "nmod"} and context.at(left) is None
        for t in left.subtree
        if t.i < noun.i and context.at(t) is None and t.dep_ in {"amod", "compound", "nmod", "advmod"}
    ]
    return [*tokens, noun]


def rule_appositive_title(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "X, a former president" / "the president, X": an apposition renames, so the title is X's
    for token in sentence:
        if token.dep_ != "appos":
            continue
        pairs = [(_nearest_conjunct(token.head, token), token), (token, token.head)]
        designation_of = token.head.head if token.head.dep_ == "appos" else None
        if designation_of is not None and party_designation(token.doc, designation_of.i, context.knowledge):
            # "Sen. X, R-Ariz., an Armed Services Committee member": the parser hangs the second
            # apposition on the first, the party's designation, which belongs to the name
            pairs.append((designation_of, token))
        body = token.head
        if body.dep_ == "pobj" and body.head.lower_ == "of" and context.at(body) is not None:
            # "the chairman of Barclays, Matt Barrett, said": the parser hangs the name on the body
            # the title is of; it renames the title
            pairs.append((token, body.head.head))
        for name_token, noun in pairs:
            person = context.at(name_token) or _named_before_post_nominal(name_token, context)
            if person is None or person.cls != "Person" or context.at(noun) is not None:
                continue
            if not _is_title_noun(noun, context):
                continue
            # "X, the New York attorney representing Y", "X, a West Palm Beach, Fla., lawyer"
            # (not "the trio's Ohio attorney, X": someone's attorney there serves them there)
            modifiers = [t for left in noun.lefts if left.dep_ in {"compound", "nmod"} for t in left.subtree]
            title = [*modifiers, noun]
            words = title_words_of(title, context.knowledge)
            home = _home_before_job(title, words, title_head(words, context.knowledge), context)
            if home is not None and home is not person and not any(c.dep_ == "poss" for c in noun.children):
                yield Candidate(person, "livesIn", home, 0.75, "place-before-job")
            yield from _title_facts(person, noun, sentence, context, "appositive-title", 0.85)


def _of_something_else(noun: Token, context: Context) -> bool:
    """A title followed by "of" or "for" and what it is the title of, when that is no place and no
    part of the title ("commander of the US helicopter mission", not "secretary of state", "minister
    for health"): the post is in that, not in the article's state."""
    knowledge = context.knowledge
    own = knowledge.derived_words(
        "title and ministry words", lambda: title_words(knowledge) | frozenset(knowledge.lexicon["ministry_domains"])
    )
    for obj in objects_after(noun, {"of", "for"}):
        mention = context.at(obj)
        if mention is not None and mention.cls == "Place":
            return False
        if obj.lower_ not in own and obj.lemma_.lower() not in own:
            return True
    return False


def _named_before_post_nominal(token: Token, context: Context) -> Mention | None:
    """ "Paul Boateng MP, Labour's Chief Secretary": the person whose name a title in capitals
    follows, where the parser makes the title the head."""
    if not is_post_nominal_title(token, context.knowledge):
        return None
    names = [m for c in token.lefts if c.dep_ == "compound" and (m := context.at(c)) is not None]
    return names[-1] if names and names[-1].cls == "Person" else None


def _nearest_conjunct(head: Token, appos: Token) -> Token:
    """ "the son of Bryan Ferry and Luke Tomlinson, 27, a close friend of ...": the parser hangs a
    singular apposition on the first of names joined by "and"; it renames the one just before it."""
    if appos.tag_ != "NN":
        return head
    between = [c for c in head.children if c.dep_ == "conj" and head.i < c.i < appos.i and c.pos_ == "PROPN"]
    return between[-1] if between else head


def _is_title_noun(noun: Token, context: Context) -> bool:
    """A common noun, or a capitalised one that is a known title ("Chief Minister", "MP")."""
    if noun.pos_ == "NOUN":
        return True
    is_title = title_head([noun.lower_], context.knowledge) is not None
    return noun.pos_ == "PROPN" and context.at(noun) is None and is_title


def _object_controller(verb: Token) -> Token | None:
    """ "Labour chose Tom Watson to replace Nick Brown": the object of the verb an infinitive
    completes is the infinitive's subject (Watson replaces Brown, not Labour)."""
    if (
        verb.dep_ != "xcomp"
        or verb.tag_ != "VB"
        or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj"), None)


def _clause_subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it completes ("X is to step down as ..."), or the
    object that controls it ("chose X to replace Y as the party's whip")."""
    controller = _object_controller(verb)
    if controller is not None:
        return controller
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None or verb.dep_ not in {"xcomp", "conj"}:
            return subject
        verb = verb.head
    return None


def rule_as_title(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "took over as acting interior minister", "was elected as president": the subject now holds it
    for token in sentence:
        if token.lower_ != "as" or token.dep_ != "prep" or token.head.pos_ not in {"VERB", "AUX"}:
            continue
        noun = next((c for c in token.children if c.dep_ == "pobj" and _is_title_noun(c, context)), None)
        subject = _clause_subject(token.head)
        if noun is None or subject is None:
            continue
        person = context.resolve(subject, sentence)
        if person is None or person.cls != "Person":
            continue
        left = ends_a_holding(token.head)
        for fact in _title_facts(person, noun, sentence, context, "as-title", 0.8):
            yield replace(fact, status="former") if left and fact.status in {None, "current"} else fact


def rule_copula_title(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "X is the interior minister", "X became president": the subject holds the attribute's title
    for token in sentence:
        if (
            token.dep_ not in {"attr", "oprd"}
            or not _is_title_noun(token, context)  # "X has been MP for Y": a capitalised title too
            or token.head.lemma_ not in {"be", "become", "elect", "appoint", "name"}
        ):
            continue
        subject = next((c for c in token.head.children if c.dep_ in _SUBJECT_DEPS), None)
        person = context.resolve(subject, sentence) if subject is not None else None
        if person is not None and person.cls == "Person":
            yield from _title_facts(person, token, sentence, context, "copula-title", 0.8)


_OWNER_NOUNS = frozenset({"owner", "co-owner", "proprietor"})


def _title_facts(
    person: Mention, noun: Token, sentence: Sentence, context: Context, rule: str, confidence: float
) -> Iterator[Candidate]:
    """Facts from a title noun that describes a person: holdsPosition, or memberOf with "at/of ORG"."""
    knowledge = context.knowledge
    if _is_hypothetical_title(noun):
        return
    title = _noun_phrase_title(noun, context)
    words = title_words_of(title, knowledge)
    status = _status(words, knowledge)
    role = _role_text(title, knowledge)
    head = title_head(words, knowledge)
    organisation = _of_or_at(noun, context, sentence) or _modifier_organisation(noun, context)
    if noun.lemma_.lower() in _OWNER_NOUNS:
        # "Edward Webber, owner of LokiTorrent", "the club's owner, X": who owns a body controls it
        body = organisation or _possessor(noun, context, sentence)
        if body is not None and body.cls == "Institution":
            yield Candidate(person, "controls", body, confidence, rule + "-owner", verb=noun.lemma_.lower())
        return
    if (
        organisation is not None
        and organisation.cls == "Place"
        and not organisation.key.startswith("country:")
        and head not in knowledge.words("place_offices")
    ):
        organisation = None  # "MP for Mid-Bedfordshire", "mayor of Leeds", not "director general for Europe"
    if organisation is not None and head is not None:
        predicate = (
            "holdsPosition" if organisation.cls == "Place" else position_predicate(head, organisation, knowledge, words)
        )
        # the body's name as written in the title, whole: "the Liberal Democrat home affairs spokesman"
        named = [u for t in noun.lefts if (m := context.at(t)) is not None for u in t.subtree if context.at(u) is m]
        role = _role_text(sorted({*named, *title}, key=lambda t: t.i), knowledge)
        # "Osama Hamdan, a Hamas leader", "a senior Fatah leader": one of a party's or body's leaders
        one_of = noun.lemma_.lower() == "leader" and any(
            c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children
        )
        if _party_of_office(predicate, head, organisation):
            status = None  # "the Conservative former chancellor": the office is former, not the party
        yield Candidate(person, predicate, organisation, confidence, rule, role, status, one_of=one_of)
        return
    if organisation is not None and organisation.cls != "Place" and words[-1] in _occupations(knowledge):
        # "David Pimentel, an ecologist at Cornell University", "attorney for Minpeco": a job at a body
        yield Candidate(person, "memberOf", organisation, confidence, rule + "-employer", role, status)
        return
    owner = _possessor(noun, context, sentence)
    if owner is not None:
        yield from _personal_relation(owner, person, noun, title, sentence, context, rule, confidence)
        return
    if noun.lemma_.lower() in knowledge.words("ally_words") | knowledge.words("opponent_words"):
        # "X, a key Blair ally", "a Kremlin critic": the name before the noun is the other side
        other = _name_before(noun, context, sentence, other_than=person.key)
        if other is not None:
            yield from _personal_relation(other, person, noun, title, sentence, context, rule + "-modifier", confidence)
            return
    other = _of_person(noun, context, sentence)
    if other is not None and other.key != person.key and noun.lemma_.lower() in _personal_nouns(knowledge):
        # "a close friend of Prince William", "the son of rock star Bryan Ferry", "an ally of X"
        yield from _personal_relation(other, person, noun, title, sentence, context, rule + "-of", confidence)
        return
    if head is None:
        return
    # "the US president, George Bush": a country compounded onto the title noun is its state (the
    # title's words leave names out, and the sentence's reading takes a modifier for a topic)
    state = next(
        (
            m
            for c in noun.lefts
            if c.dep_ == "compound" and (m := context.at(c)) is not None and m.key.startswith("country:")
        ),
        None,
    )
    target, source = (state, _NAMED) if state is not None else _position_object(title, sentence, context)
    if source == _IMPLIED and _of_something_else(noun, context):
        return  # "vice president for the non-partisan Taxpayers for Common Sense": that body's post
    if target is not None:
        suffix = "" if source == _NAMED else f"-{source}"
        yield Candidate(person, "holdsPosition", target, confidence, rule + suffix, role, status)


def objects_after(token: Token, prepositions: frozenset[str] | set[str]) -> list[Token]:
    """The objects of the prepositions on a token's right: "Iraq" in "the invasion of Iraq"."""
    return [
        obj
        for prep in token.rights
        if prep.dep_ == "prep" and prep.lower_ in prepositions
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def _of_or_at(noun: Token, context: Context, sentence: Sentence) -> Mention | None:
    for obj in objects_after(noun, {"of", "at", "for", "from", "with", "in"}):
        mention = context.at(obj)
        if mention is not None and mention.cls in {"Institution", "Party", "Place"}:
            if obj.head.lower_ == "in" and mention.cls == "Place":
                continue  # "minister in X" is rarely the office
            return mention
    return None


def _modifier_organisation(noun: Token, context: Context, tokens: list[Token] | None = None) -> Mention | None:
    """ "CBI director general": a body named inside the title phrase."""
    for token in tokens if tokens is not None else noun.subtree:
        if token.i >= noun.i:
            break
        mention = context.at(token)
        if mention is not None and mention.cls in {"Institution", "Party"}:
            return mention
    return None


def _of_person(noun: Token, context: Context, sentence: Sentence) -> Mention | None:
    """The person named after "of": "a friend of X", "the son of rock star Bryan Ferry" (the parser
    makes "star" the object and the name an apposition: the name right after a title noun is it)."""
    for obj in objects_after(noun, {"of"}):
        mention = context.resolve(obj, sentence)
        if mention is None and obj.pos_ == "NOUN" and obj.i + 1 < len(obj.doc):
            mention = context.at(obj.doc[obj.i + 1])
        if mention is not None and mention.cls == "Person":
            return mention
    return None


def _personal_nouns(knowledge: Knowledge) -> frozenset[str]:
    """Nouns that relate one person to another: kin, allies, rivals, successors (built once)."""
    return knowledge.derived_words(
        "personal nouns",
        lambda: (
            knowledge.words("family_words")
            | knowledge.words("ally_words")
            | knowledge.words("opponent_words")
            | knowledge.words("successor_words")
            | {"predecessor"}
        ),
    )


def _name_before(noun: Token, context: Context, sentence: Sentence, other_than: str | None = None) -> Mention | None:
    """The first name compounded onto a noun, other than `other_than`: "Blair" of "a key Blair ally"."""
    return next(
        (
            m
            for c in noun.lefts
            if c.dep_ in {"compound", "nmod"}
            and (m := context.resolve(c, sentence)) is not None
            and m.key != other_than
        ),
        None,
    )


def _possessor(noun: Token, context: Context, sentence: Sentence) -> Mention | None:
    for child in noun.lefts:
        if child.dep_ == "poss":
            return context.resolve(child, sentence) or context.described_bodies.get(child.i)
    return None


def _personal_relation(
    owner: Mention,
    person: Mention,
    noun: Token,
    title: list[Token],
    sentence: Sentence,
    context: Context,
    rule: str,
    confidence: float,
) -> Iterator[Candidate]:
    """ "his brother X", "X's protege", "Kyrgyzstan's president X", "Atambayev's chief of staff"."""
    knowledge = context.knowledge
    lemma = noun.lemma_.lower()
    words = [t.lower_ for t in title]
    if owner.cls == "Person" and lemma in knowledge.words("family_words"):
        yield Candidate(person, "relativeOf", owner, confidence, rule, noun.lower_)
    elif lemma in knowledge.words("ally_words"):
        yield Candidate(person, "allyOf", owner, confidence, rule, noun.lower_)
    elif lemma in {"man", "woman"} and "right-hand" in (said := noun.doc[noun.left_edge.i : noun.i + 1].text):
        yield Candidate(person, "allyOf", owner, confidence, rule, said[said.index("right-hand") :])
    elif lemma in knowledge.words("opponent_words"):
        yield Candidate(person, "opponentOf", owner, confidence, rule, noun.lower_)
    elif owner.cls == "Person" and lemma in knowledge.words("successor_words"):
        yield Candidate(person, "successorOf", owner, confidence, rule, noun.lower_)  # "his replacement X"
    elif owner.cls == "Person" and lemma == "predecessor":
        yield Candidate(owner, "successorOf", person, confidence, rule, noun.lower_)  # "his predecessor X"
    elif lemma in knowledge.words("killer_nouns"):
        return  # "Kennedy's assassin, X": a killing, which rule_killer_noun reads
    elif owner.cls in {"Place", "Institution", "Party"} and title_head(words, knowledge):
        predicate = "holdsPosition" if owner.cls != "Party" or title_head(words, knowledge) != "member" else "memberOf"
        yield Candidate(
            person, predicate, owner, confidence, rule, _role_text(title, knowledge), _status(words, knowledge)
        )
    elif owner.cls == "Person" and owner.key != person.key:
        full = _span_text(
            [*title, *[t for t in noun.rights if t.dep_ == "prep" and t.lower_ == "of" for t in t.subtree]]
        )
        yield Candidate(person, "relatedTo", owner, confidence - 0.15, rule, full, _status(words, knowledge))


def rule_possessive_person(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "his brother Asylbek Jeenbekov": a relation noun compounded onto a name, owned by a person
    for token in sentence:
        person = context.at(token)
        if person is None or person.cls != "Person":
            continue
        for noun in token.lefts:
            if noun.dep_ in {"compound", "nmod"} and noun.pos_ == "NOUN":
                owner = _possessor(noun, context, sentence)
                if owner is not None and owner.key != person.key:
                    yield from _personal_relation(owner, person, noun, [noun], sentence, context, "possessive", 0.85)


def rule_possessive_appositive(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Barghouti's wife, Fadwa", "Mr Blair's ally, Alan Milburn": the name in apposition to a
    # relation noun owned by a person
    for noun in sentence:
        if noun.pos_ != "NOUN":
            continue
        owner = _possessor(noun, context, sentence)
        if owner is None or owner.cls != "Person":
            continue
        named = [context.at(child) for child in noun.rights if child.dep_ == "appos"]
        named.append(_name_run_on(noun, context))
        if noun.lemma_.lower() == "party":
            # "his newly-founded party, the Respect Coalition": the party they belong to
            for party in named:
                if party is not None and party.cls == "Party":
                    yield Candidate(owner, "memberOf", party, 0.8, "possessive-party")
            continue
        for person in named:
            if person is not None and person.cls == "Person" and person.key != owner.key:
                title = [t for t in noun.lefts if t.dep_ in {"amod", "compound"}] + [noun]  # "former chief"
                yield from _personal_relation(
                    owner, person, noun, title, sentence, context, "possessive-appositive", 0.8
                )


def _name_run_on(noun: Token, context: Context) -> Mention | None:
    """ "Mr Blair's close ally Alan Milburn spoke": a name straight after the noun, which the parser
    made the noun's sibling (two subjects of "spoke") rather than its apposition."""
    doc = noun.doc
    if noun.i + 1 >= len(doc) or context.at(noun) is not None:
        return None
    mention = context.at(doc[noun.i + 1])
    if mention is None:
        return None
    last = _last_token(noun.i + 1, mention, context)
    root = doc[last]
    return mention if root.dep_ == noun.dep_ and root.head.i == noun.head.i and root.i != noun.head.i else None


def rule_possessive_party(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Ian Paisley's Democratic Unionists", "Arafat's Fatah movement": a party a person owns is led by them
    for token in sentence:
        party = context.at(token)
        if party is None or party.cls not in {"Party", "Institution"}:
            continue
        # the party itself, or a party noun it names ("Fatah movement"), is what the person owns: not
        # "his Tory opponent", "his fellow UKIP MEPs", "his EU counterparts", "his own Labour government"
        party_heads = context.knowledge.words("party_heads")
        named = token.dep_ in {"compound", "amod"} and token.head.lemma_ in party_heads
        root = token
        while root.head.i != root.i and context.at(root.head) is party:
            root = root.head
        if root.dep_ in {"compound", "nmod"} and root.head.pos_ == "NOUN" and root.head.lemma_ not in party_heads:
            continue  # "his City of London speech": the name qualifies another noun
        heads = [token] + ([token.head] if named else [])
        for head in heads:
            owner = _possessor(head, context, sentence)
            if any(t.lower_ == "own" for t in head.lefts):
                break
            if owner is not None and owner.cls == "Person" and context.at(head) in {party, None}:
                rule = "possessive-party" if party.cls == "Party" else "possessive-body"
                yield Candidate(owner, "leaderOf", party, 0.7 if party.cls == "Party" else 0.6, rule, "leader")
                break


def rule_place_of_place(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "the West Bank city of Ramallah", "the Indian state of Orissa": the named place lies in the other
    for noun in sentence:
        if noun.lemma_.lower() not in PLACE_OF_NOUNS or noun.pos_ != "NOUN":
            continue
        containers = [
            m
            for c in noun.lefts
            if c.dep_ in {"compound", "poss", "amod", "nmod"} and (m := context.at(c)) is not None and m.cls == "Place"
        ]
        if not containers:  # "the Indian state of Orissa": the demonym names the country
            codes = {
                code for c in noun.lefts if c.dep_ == "amod" and (code := context.knowledge.demonym_country(c.text))
            }
            containers = [_country_mention(code, context) for code in sorted(codes)]
        places = [
            m
            for prep in noun.rights
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for o in prep.children
            if o.dep_ == "pobj" and (m := context.at(o)) is not None and m.cls == "Place"
        ]
        if len(containers) == 1 and len(places) == 1 and containers[0].key != places[0].key:
            yield Candidate(places[0], "locatedIn", containers[0], 0.8, "place-of-place")


def rule_possessive_place(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Beijing's Tiananmen Square", "California's Sierra Nevada", "Russia's Chechnya": a place a
    # place owns lies in it (a country lies in no other: "Britain's Iraq policy" is no place)
    for token in sentence:
        place = context.at(token)
        if place is None or place.cls != "Place" or place.key.startswith("country:") or token.dep_ == "poss":
            continue
        if context.at(token.head) is place and token.head.i != token.i:
            continue  # read once, at the name's head
        for child in token.lefts:
            owner = context.at(child) if child.dep_ == "poss" else None
            # a region lies only in its country: "Texas's Houston", not "Houston's Texas"
            if (
                owner is not None
                and owner.cls == "Place"
                and owner.key != place.key
                and (owner.key.startswith("country:") or not _is_region(place, context))
            ):
                yield Candidate(place, "locatedIn", owner, 0.8, "possessive-place")


def rule_copula_relation(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "X was Y's protege", "X is a close ally of Y", "X is Y's brother": the attribute relates them
    knowledge = context.knowledge
    for token in sentence:
        if token.dep_ != "attr" or token.head.lemma_ != "be":
            continue
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        if subject is None and token.head.dep_ == "conj":
            subject = next((c for c in token.head.head.children if c.dep_ == "nsubj"), None)
        first = context.resolve(subject, sentence) if subject is not None else None
        if first is None:
            continue
        other = _possessor(token, context, sentence)
        if other is None:
            for prep in token.rights:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    other = next((context.resolve(o, sentence) for o in prep.children if o.dep_ == "pobj"), None)
        if other is None and token.lemma_.lower() not in knowledge.words("family_words"):
            other = _name_before(token, context, sentence)  # "X is a key Blair ally"
        if other is None or other.key == first.key:
            continue
        lemma = token.lemma_.lower()
        if lemma in knowledge.words("ally_words"):
            yield Candidate(first, "allyOf", other, 0.8, "copula-relation", token.lower_)
        elif lemma in knowledge.words("opponent_words"):
            yield Candidate(first, "opponentOf", other, 0.8, "copula-relation", token.lower_)
        elif lemma in knowledge.words("family_words"):
            yield Candidate(first, "relativeOf", other, 0.8, "copula-relation", token.lower_)


def rule_person_at_organisation(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Kate Mallinson at Prism Political Risk Management": a person placed at a body works there
    for token, person in _people_named(sentence, context):
        for prep in token.rights:
            if prep.dep_ == "prep" and prep.lower_ in {"at", "of", "from"}:
                for obj in prep.children:
                    target = context.at(obj)
                    if obj.dep_ == "pobj" and target is not None and target.cls in {"Institution", "Party"}:
                        yield Candidate(person, "memberOf", target, 0.75, "person-at-organisation")


def rule_capital(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "the capital Bishkek", "Bishkek, the capital": a city named as the capital is the state's capital
    for token in sentence:
        if token.lemma_.lower() != "capital" or token.pos_ != "NOUN":
            continue
        city: Mention | None = None
        if token.dep_ == "appos":
            city = context.at(token.head)
        for child in token.children:
            if child.dep_ in {"appos", "compound"} and city is None:
                city = context.at(child)
        if token.dep_ == "compound":
            city = context.at(token.head)
        if city is None or city.cls != "Place" or city.key.startswith("country:"):
            continue
        country = (
            _possessor(token, context, sentence)
            or _of_or_at(token, context, sentence)
            or _demonym_state(token, context)  # "Nairobi, the Kenyan capital"
        )
        penalty = 0.0
        if country is None:
            country, penalty = context.country_for(sentence)
        if country is None or not country.key.startswith("country:"):
            continue
        known = context.knowledge.countries.get(country.key.split(":", 1)[1])
        if known is not None and known.capital and known.capital.lower() != city.text.lower():
            continue  # the gazetteer disagrees: the sentence means another capital
        yield Candidate(city, "capitalOf", country, 0.9, "capital-implied" if penalty else "capital")


_GOVERNMENT_NOUNS = frozenset({"government", "administration", "regime"})


def rule_leaders_government(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Fidel Castro's government", "the Bush administration", "the Blair government": the person
    # the government is named after leads the state it governs, when the sentence says which
    for noun in sentence:
        if noun.lemma_.lower() not in _GOVERNMENT_NOUNS or noun.pos_ != "NOUN":
            continue
        # by name: "his government" is too often another's than the last person named
        leader = next(
            (m for c in noun.lefts if c.dep_ in {"poss", "compound"} and (m := context.at(c)) is not None), None
        )
        if leader is None or leader.cls != "Person":
            continue
        state = _demonym_state(noun, context)
        if state is None:
            country, penalty = context.country_for(sentence)
            state = country if country is not None and not penalty else None  # named, not implied
        if state is not None and state.key.startswith("country:"):
            status: Status | None = "former" if any(c.lower_ in {"former", "then"} for c in noun.lefts) else None
            yield Candidate(leader, "leaderOf", state, 0.75, "leaders-government", status=status)


def _demonym_state(noun: Token, context: Context) -> Mention | None:
    """The state a demonym before a noun names: "the Iraqi capital"; not a part's ("the Scottish capital")."""
    knowledge = context.knowledge
    for child in noun.lefts:
        code = knowledge.demonym_country(child.text) if child.dep_ == "amod" else None
        if code and child.lower_ not in knowledge.words("part_demonyms"):
            return _country_mention(code, context)
    return None


def rule_located_in(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "the gold deposit in Kyrgyzstan, Jeruy", "Osh, in southern Kyrgyzstan": X in Y
    for token in sentence:
        place = context.at(token)
        if place is None or place.cls != "Place" or place.key.startswith("country:"):
            continue
        anchors = [token]
        if token.dep_ == "appos" or (token.dep_ == "pobj" and token.head.lower_ == "of"):
            anchor = token.head if token.dep_ == "appos" else token.head.head
            if anchor.lemma_.lower() in context.knowledge.words("site_nouns"):
                anchors.append(anchor)
        for child in token.rights:  # "Riga, Latvia", "San Antonio, Texas"
            container = context.at(child)
            if child.dep_ == "appos" and container is not None and _is_container(place, container, context):
                yield Candidate(place, "locatedIn", container, 0.8, "place-comma-place")
                break
        else:
            container = _region_after_comma(token, place, context)
            if container is not None:
                yield Candidate(place, "locatedIn", container, 0.8, "place-comma-region")
        for anchor in anchors:
            for prep in anchor.rights:
                nearer = context.by_token.get(prep.i - 1)
                if nearer is not None and nearer is not place and nearer.cls == "Place":
                    continue  # "Cottenham in Cambridgeshire and Minety in Wiltshire": the second "in" is Minety's
                if prep.dep_ == "prep" and prep.lower_ == "in":
                    for obj in prep.children:
                        container = context.at(obj)
                        if (
                            obj.dep_ == "pobj"
                            and container is not None
                            and container.cls == "Place"
                            and container.key != place.key
                        ):
                            yield Candidate(place, "locatedIn", container, 0.8, "located-in")
        container = _region_in_after(token, place, context)
        if container is not None:
            yield Candidate(place, "locatedIn", container, 0.8, "place-in-region")


def _region_in_after(token: Token, place: Mention, context: Context) -> Mention | None:
    """ "held in Cottenham in Cambridgeshire": the parser hangs the second "in" on the verb; right
    after the place's last word, it still puts the place in a division or country that can hold it."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if (
        following is None
        or following.lower_ != "in"
        or following.head.i == token.i
        or context.at(following) is not None
    ):
        return None
    after = following.i + 1
    if after < len(doc) and doc[after].lower_ == "the":
        after += 1
    container = context.by_token.get(after) if after < len(doc) else None
    if container is None or container.cls != "Place" or container.key == place.key:
        return None
    # any ISO 3166-2 division will do here, counties too: "in" after a place names what holds it
    known = container.text in context.knowledge.subdivisions or _is_container(place, container, context)
    return container if known else None


def rule_locative_verb(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Hol lies in Buskerud county", "Greensfelder Park is located in St. Louis County": a place a verb
    # of lying puts in another; a body "located in" a place is based there
    for verb in sentence:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in LYING_VERBS or any(c.dep_ == "neg" for c in verb.children):
            continue
        subject = next((context.at(c) for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None or subject.cls not in {"Place", "Institution", "Party"}:
            continue
        for obj in objects_after(verb, {"in"}):
            container = context.at(obj)
            if container is None or container.cls != "Place" or container.key == subject.key:
                continue
            if subject.cls == "Place" and not subject.key.startswith("country:"):
                yield Candidate(subject, "locatedIn", container, 0.8, "locative-verb")
            elif subject.cls != "Place":
                yield Candidate(subject, "basedIn", container, 0.8, "locative-verb")


def _region_after_comma(token: Token, place: Mention, context: Context) -> Mention | None:
    """ "from Ledbury, Herefordshire", "comes from Scottsdale, Ariz.", "at Sellafield, in Cumbria": a
    town, a comma (and "in") and a region of the gazetteer (any ISO 3166-2 subdivision, a county too)
    or a country, where the parser made no apposition. Not a list: neither name has another place
    beside it ("Kent, Sussex and Essex")."""
    doc = token.doc
    if token.i > 0 and context.at(doc[token.i - 1]) is place:
        return None  # read once, at the name's first word
    end = _last_token(token.i, place, context)
    if end + 2 >= len(doc) or doc[end + 1].text != ",":
        return None
    start = end + 2
    after_in = doc[start].lower_ == "in" and start + 1 < len(doc)
    if after_in:
        start += 1  # "stored at Sellafield, in Cumbria"
        while start + 1 < len(doc) and doc[start].pos_ == "ADJ" and doc[start].is_lower:
            start += 1  # "Osh, in southern Kyrgyzstan"
    container = context.at(doc[start])
    if container is None or container.cls != "Place" or container.key == place.key:
        return None
    last = _last_token(start, container, context)
    if _place_at(token.i - 2, context) and doc[token.i - 1].text == ",":
        return None  # "Sussex, Kent, Surrey": a list
    # after "in", a place after the town's comma is the town's region, not a list's next name
    if last + 1 < len(doc) and (
        doc[last + 1].lower_ in {"and", "or"}
        or (doc[last + 1].text == "," and not after_in and _place_at(last + 2, context))
    ):
        return None
    if place.key.startswith("country:") or _is_region(place, context):
        return None
    if container.key.startswith("country:"):
        return container if _is_container(place, container, context) else None
    if after_in and not context.knowledge.is_known_place(place.text):
        return container  # "the Savannah River Plant, in Aiken, S.C.": a site in its town
    return container if _is_region(container, context) else None


def _town_before_region(token: Token, place: Mention, context: Context) -> Mention:
    """ "Encino, California-based X": the town before the region is the seat, not the region."""
    first = _first_token(token.i, place, context)
    town = context.by_token.get(first - 2)
    if first < 2 or token.doc[first - 1].text != "," or town is None or town.cls != "Place":
        return place
    start = _first_token(first - 2, town, context)
    return town if _region_after_comma(token.doc[start], town, context) is place else place


def _first_token(i: int, mention: Mention, context: Context) -> int:
    """The index of the mention's first token, from any of its tokens."""
    while context.by_token.get(i - 1) is mention:
        i -= 1
    return i


def _last_token(i: int, mention: Mention, context: Context) -> int:
    """The index of the mention's last token, from any of its tokens."""
    while context.by_token.get(i + 1) is mention:
        i += 1
    return i


def _place_at(i: int, context: Context) -> bool:
    mention = context.by_token.get(i)
    return mention is not None and mention.cls == "Place"


def _is_region(mention: Mention, context: Context) -> bool:
    """A subdivision of any kind the gazetteer knows ("Herefordshire", "Ariz."), or a region."""
    knowledge = context.knowledge
    name = knowledge.region_name(mention.text.strip())
    return name in knowledge.subdivisions or name in knowledge.regions or normalise(name) in knowledge.subdivisions


def _is_container(place: Mention, container: Mention, context: Context) -> bool:
    """A country, or a region the gazetteer knows, that does not contradict the place's known country."""
    knowledge = context.knowledge
    if container.key.startswith("country:"):
        known = knowledge.city_country.get(place.text)
        return known is None or known == container.key.split(":", 1)[1]
    if container.text in knowledge.regions or container.text in knowledge.region_abbreviations:
        return True
    # "Burnley, Lancashire": a known city followed by a place that is no city is its county or region
    return place.text in knowledge.city_country and container.text not in knowledge.city_country


# the copula and "hail" with "from" tell where a person is from ("came from" may be a journey)
_ORIGIN_VERBS = frozenset({"be", "hail"})


def rule_lives_in(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "X was born in Y", "X lives in Y", "X grew up in Y", "X is from Y", "X hails from Y": residence or origin
    verbs = context.knowledge.words("residence_verbs")
    for verb in sentence:
        lemma = verb.lemma_.lower()
        is_origin = lemma in _ORIGIN_VERBS and verb.pos_ in {"VERB", "AUX"}
        if not is_origin and (lemma not in verbs or verb.pos_ != "VERB"):
            continue
        if lemma == "bear" and not any(c.dep_ == "auxpass" for c in verb.children):
            continue
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None and subject.tag_ in {"WP", "WDT"}:
            subject = _relative_antecedent(subject, verb, context)  # "X, who is from Leeds"
        person = context.resolve(subject, sentence) if subject is not None else None
        if person is None or person.cls != "Person":
            continue
        preps = {"from"} if is_origin else {"in", "at"}
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                for obj in prep.children:
                    place = context.at(obj)
                    if obj.dep_ == "pobj" and place is not None and place.cls == "Place":
                        yield Candidate(person, "livesIn", place, 0.8, "lives-in", verb=verb.lemma_.lower())


def rule_based_in(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Kyrgyzstan's central election commission", "the Russian embassy": the state a body belongs to
    seen: set[str] = set()
    for token in sentence:
        body = context.at(token)
        if body is None or body.cls not in {"Institution", "Party"}:
            continue
        if body.country is not None and body.key not in seen:
            seen.add(body.key)
            # a body given the article's state without the sentence saying so ("police", "the House") was
            # right 1 time in 15 on CoNLL04 and the news: only a stated state counts, and only a named one
            if body.country in context.named_countries and _states_country(
                token, body, body.country, sentence, context
            ):
                yield Candidate(body, "basedIn", _country_mention(body.country, context), 0.85, "based-in-country")
            elif body.cls == "Institution" and _spells_country(body, body.country, sentence, context):
                # "the Italian Air Force", "Malaysian police": a state body's demonym is its state, named
                # or not (tests/gold/GUIDELINES.md 2.5, an implied country)
                yield Candidate(body, "basedIn", _country_mention(body.country, context), 0.8, "based-in-demonym")
        elif body.country is None and body.key not in seen and (code := _state_in_name(body, context)) is not None:
            seen.add(body.key)  # "the Government of Italy": a state's common-noun body, the state in its name
            yield Candidate(body, "basedIn", _country_mention(code, context), 0.8, "state-in-name")
        for child in token.lefts:
            if child.dep_ == "poss":
                owner = context.resolve(child, sentence)
                if owner is not None and owner.cls == "Place":
                    yield Candidate(body, "basedIn", owner, 0.85, "possessive-place")
        for prep in token.rights:  # "Brown University in Providence", "police in Nairobi"
            if (
                prep.dep_ == "prep"
                and prep.lower_ in {"in", "of"}
                and (prep.lower_ == "in" or token.ent_type_ == "ORG")
            ):
                for obj in prep.children:
                    place = context.at(obj)
                    if obj.dep_ == "pobj" and place is not None and place.cls == "Place":
                        yield Candidate(body, "basedIn", place, 0.8, "body-in-place")


def _place_starting(body: Mention, context: Context) -> Mention | None:
    """The place a public body's name starts with: "Edinburgh City Council", "Ohio Supreme Court",
    "Franklin County Board of Elections", "the Italian Air Force" (a nation's demonym is its
    country; a part's, as "Scottish", names no state). The rest of the name must end in a public
    body's head: "Chicago Tribune" or "Bristol Group" is no statement of where a firm is."""
    knowledge = context.knowledge
    words = body.text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words or words[-1].lower() not in knowledge.words("public_body_heads"):
        return None
    for size in range(min(3, len(words) - 1), 0, -1):
        prefix = " ".join(words[:size])
        if not prefix[:1].isupper() or prefix.lower() in knowledge.words("part_demonyms"):
            continue
        code = knowledge.country_code(prefix) or knowledge.demonym_country(prefix)
        # a region or a city of the population cut: the gazetteer's small towns ("Bow", "Superior",
        # "Wharton") start too many names that are no place's
        is_place = code is not None or knowledge.region_country(prefix) or prefix in knowledge.city_country
        if not is_place:
            continue
        if any(w.lower() in knowledge.words("generic_place_words") for w in words[:size]):
            return None  # "West Yorkshire police": a compass word is no place of its own
        after = words[size]
        if knowledge.demonym_country(after) or knowledge.country_code(after):
            return None  # "the Greek Cypriot government" is no Greek one
        if code:
            return _country_mention(code, context)
        return Mention("", -1, 0, 0, prefix, "Place", place_key(prefix, knowledge))
    return None


def _institutions_once(sentence: Sentence, context: Context) -> Iterator[Mention]:
    """Each institution the sentence names, once, in text order."""
    seen: set[str] = set()
    for token in sentence:
        body = context.at(token)
        if body is not None and body.cls == "Institution" and body.key not in seen:
            seen.add(body.key)
            yield body


def rule_place_in_name(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Edinburgh City Council", "the Florida Senate", "the Iraqi Highway Patrol": the place a body's name starts with;
    # "the Scottish Parliament", "Welsh Local Government Association": the part its demonym names
    for body in _institutions_once(sentence, context):
        place = _place_starting(body, context)
        if place is None:
            tokens = [t for t in sentence if context.at(t) is body]
            place = _part_demonym_place(tokens[:2], context) if tokens else None
        if place is not None:
            yield Candidate(body, "basedIn", place, 0.8, "place-in-name")


def _state_in_name(body: Mention, context: Context) -> str | None:
    """The country of a state's body that names it: "Government of Italy", "Ministry of Health of
    Kenya", whose name without the state's words is a body every state has. Not a company's
    ("British Nuclear Fuels", "America Online": a state in a firm's name is no statement of where
    it is based). A demonym's body ("the Swiss police") is keyed with its state, and
    `rule_based_in` reads it from there."""
    knowledge = context.knowledge
    words = re.split(r"[\s-]+", body.text)
    found = {code for w in words if w[:1].isupper() and (code := knowledge.country_code(w)) is not None}
    if len(found) != 1:
        return None
    rest = [
        w
        for w in words
        if not (knowledge.country_code(w) or knowledge.demonym_country(w)) and w.lower() not in {"of", "the"}
    ]
    return next(iter(found)) if rest and key_for(" ".join(rest), "Institution", knowledge)[1] else None


def _spells_country(body: Mention, code: str, sentence: Sentence, context: Context) -> bool:
    """The body's own words name its state: "Russian embassy", "U.S. Army". Not a part's demonym
    ("Scottish", whose body is Scotland's), nor a demonym that starts another country's name
    ("Dominican Republic newspaper" is no Dominica's)."""
    knowledge = context.knowledge
    tokens = [t for t in sentence if context.at(t) is body]
    if any(t.lower_ in knowledge.words("part_demonyms") for t in tokens):
        return False
    if len(tokens) > 1 and knowledge.country_code(f"{tokens[0].text} {tokens[1].text}") not in {None, code}:
        return False
    return any(knowledge.demonym_country(t.text) == code or knowledge.country_code(t.text) == code for t in tokens)


def _states_country(token: Token, body: Mention, code: str, sentence: Sentence, context: Context) -> bool:
    """The sentence gives the body's state: in its name ("Russian embassy") or as its owner ("Kyrgyzstan's")."""
    knowledge = context.knowledge
    if _spells_country(body, code, sentence, context):
        return True
    root = token
    while context.at(root.head) is body and root.head.i != root.i:
        root = root.head
    for head in conjunct_heads(root):
        for child in head.children:
            if child.dep_ == "poss":
                owner = context.at(child)
                if child.lemma_.lower() == "country" or (owner is not None and owner.key == f"country:{code}"):
                    return True
            if child.dep_ == "amod" and knowledge.demonym_country(child.text) == code:
                return True
    return False


def rule_houses(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "the White House, which houses ... Parliament": a building that houses a body is its seat
    for token in sentence:
        if token.lemma_ not in {"house", "host"} or token.pos_ != "VERB":
            continue
        building = context.at(token.head) if token.dep_ == "relcl" else None
        if building is None:
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            building = context.at(subject) if subject is not None else None
        if building is None or building.cls != "Place":
            continue
        for obj in token.children:
            if obj.dep_ == "dobj":
                for target_token in [obj, *obj.conjuncts]:
                    body = context.at(target_token)
                    if body is not None and body.cls in {"Institution", "Party"}:
                        yield Candidate(body, "basedIn", building, 0.75, "houses")


def _named_by(noun: Token, context: Context, sentence: Sentence) -> Mention | None:
    """The person a role noun describes: "X, the assassin of Y", "Y's assassin, X", "X is the killer"."""
    if noun.dep_ == "appos":
        return context.resolve(noun.head, sentence)
    for child in noun.children:
        if child.dep_ == "appos" and (mention := context.at(child)) is not None:
            return mention
    if noun.dep_ == "compound" and (mention := context.at(noun.head)) is not None:
        return mention  # "Kennedy assassin Sirhan B. Sirhan"
    if noun.dep_ in {"attr", "oprd"}:
        subject = next((c for c in noun.head.children if c.dep_ in _SUBJECT_DEPS), None)
        return context.resolve(subject, sentence) if subject is not None else None
    # "operated on Kennedy's assassin, Lee Harvey Oswald, who ...": the parser lost the apposition
    doc = noun.doc
    if noun.i + 2 < len(doc) and doc[noun.i + 1].text == "," and (mention := context.at(doc[noun.i + 2])) is not None:
        return mention if mention.cls == "Person" else None
    return None


def rule_killer_noun(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "X, the assassin of Y", "Y's killer, X", "Y assassin X", "the assassination of Y by X": a killing told by a noun
    knowledge = context.knowledge
    killers, killings = knowledge.words("killer_nouns"), knowledge.words("killing_nouns")
    for noun in sentence:
        lemma = noun.lemma_.lower()
        if noun.pos_ not in {"NOUN", "PROPN"} or lemma not in killers | killings:
            continue
        victims = [m for c in noun.children if c.dep_ == "poss" and (m := context.resolve(c, sentence)) is not None]
        victims += [
            m
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            # "the murder of his wife Laci Peterson": the apposition names the victim
            for obj in (pobj, *(c for c in pobj.children if c.dep_ == "appos"))
            if (m := context.at(obj)) is not None
        ]
        victims += [m for c in noun.lefts if c.dep_ == "compound" and (m := context.at(c)) is not None]
        if noun.dep_ == "compound" and not victims:
            # "McKinley's assassin Leon Czolgosz": the victim owns the name the noun is compounded onto
            victims = [
                m for c in noun.head.children if c.dep_ == "poss" and (m := context.resolve(c, sentence)) is not None
            ]
        if lemma in killers:
            killer = _named_by(noun, context, sentence)
        else:
            killer = next(
                (
                    m
                    for prep in noun.children
                    if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ == "by")
                    for obj in prep.children
                    if obj.dep_ == "pobj" and (m := context.at(obj)) is not None
                ),
                None,
            ) or _convicted_of(noun, context, sentence)
        for victim in victims:
            if killer is not None and victim.cls == "Person" and killer.key != victim.key:
                yield Candidate(killer, "killed", victim, 0.8, "killer-noun", verb=lemma)


# verbs that state a court's finding for a deed, not a charge: "convicted of", "jailed for"
_FINDING_VERBS = frozenset({"convict", "jail", "imprison", "sentence"})


def _convicted_of(noun: Token, context: Context, sentence: Sentence) -> Mention | None:
    """ "Sirhan was convicted of Kennedy's killing", "X was found guilty of the murder of Y": the
    person a court found did the deed (a charge or an arrest is no finding)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in {"of", "for"}:
        return None
    found = prep.head
    deps = {"nsubjpass", "dobj"}  # "X was jailed for", "the court jailed X for": never the court
    if found.lower_ == "guilty":  # "was found guilty of", "a jury found X guilty of"
        subject = next((c for c in found.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return context.resolve(subject, sentence)
        found = found.head
        deps = {"nsubj"} if found.lemma_ == "be" else {"nsubjpass", "dobj"}
    elif found.lemma_.lower() not in _FINDING_VERBS:
        return None
    subject = next((c for c in found.children if c.dep_ in deps), None)
    if subject is None:
        return None
    if subject.tag_ == "WP":  # "X, who was convicted of ..."
        subject = _relative_antecedent(subject, found, context)
    return context.resolve(subject, sentence)


def rule_residence(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "X, 24, of Phoenix", "X, from Brighton", "X, a native of Y", "a Y resident": where a person lives or comes from
    knowledge = context.knowledge
    residents = knowledge.words("resident_nouns")
    for token in sentence:
        person = context.at(token)
        if person is not None and person.cls == "Person" and token.dep_ != "compound":
            title = _title_tokens_before(token, person, context)
            words = title_words_of(title, knowledge)
            if title and (head := title_head(words, knowledge)) is not None:
                # "President X of Kyrgyzstan": the office, not a home; "Gov. X of California", "Sen. X
                # of Arizona": an office of a place below the state, which the title rules do not name
                if head in knowledge.words("place_offices"):
                    yield from _office_of_place(token, person, title, words, context)
                elif _position_object(title, sentence, context, token)[0] is None:
                    # "Charity boss Gordon Lishman of Age Concern", "Chairman Alan Greenspan of the Federal
                    # Reserve": a title that names no body, and the body after the name
                    yield from _post_in_body_after(token, person, title, words, head, context)
                continue
            anchors = [token, *(c for c in token.children if c.dep_ in {"appos", "amod"} and c.like_num)]
            # "John Holliday, 37, a huntsman from Ledbury": a job renaming the person, not an office
            # ("the ambassador from France" represents the state, and lives elsewhere)
            # "Derwinski, a Republican from Chicago": a party's member is as much a person as a job is
            anchors += [
                c
                for c in token.children
                if c.dep_ == "appos"
                and c.i > token.i
                and (
                    (c.pos_ == "NOUN" and not _is_office([c], knowledge))
                    or (c.pos_ == "PROPN" and names_a_party_member(c.text, knowledge))
                )
            ]
            for anchor in anchors:
                for prep in anchor.children:
                    if prep.dep_ != "prep" or prep.lower_ not in {"of", "from"} or prep.i < token.i:
                        continue
                    for obj in prep.children:
                        place = context.at(obj)
                        if obj.dep_ == "pobj" and place is not None and place.cls == "Place":
                            yield Candidate(person, "livesIn", place, 0.8, "person-of-place")
        # "native" is tagged an adjective before a name ("Detroit native Steve Ballmer")
        is_before_name = token.dep_ == "compound" and token.pos_ == "ADJ"
        if token.lemma_.lower() in residents and (token.pos_ == "NOUN" or is_before_name):
            who = _named_by(token, context, sentence)
            if who is None or who.cls != "Person":
                continue
            places = [m for c in token.lefts if c.dep_ in {"compound", "poss"} and (m := context.at(c)) is not None]
            if is_before_name and token.i > 0 and (m := context.at(token.doc[token.i - 1])) is not None:
                places.append(m)  # the place is parsed onto the name, beside the word
            places += [m for obj in objects_after(token, {"of", "from"}) if (m := context.at(obj)) is not None]
            for place in places:
                if place.cls == "Place":
                    yield Candidate(who, "livesIn", place, 0.8, "resident-noun", token.lower_)


_HOME_NOUNS = frozenset({"hometown", "birthplace"})
_DWELLING_NOUNS = frozenset({"home", "residence"})
_HOME_COMPOUNDS = frozenset({"town", "state", "city", "country", "village"})  # "home town", "home state"


def rule_home_noun(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "his hometown of Grants", "Beaumont, Texas, Richardson's hometown", "Dallas is Smith's home town",
    # "in his native South Carolina", "his home in Crawford": the place a person is from or lives in,
    # told by a noun of home
    for token in sentence:
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None:
            continue
        is_home = token.lower_ in _HOME_NOUNS or (
            token.lower_ in _HOME_COMPOUNDS and any(c.dep_ == "compound" and c.lower_ == "home" for c in token.children)
        )
        is_native = any(c.dep_ == "amod" and c.lower_ == "native" for c in token.children)
        is_dwelling = token.lemma_.lower() in _DWELLING_NOUNS
        person = context.resolve(owner, sentence)
        if person is None or person.cls != "Person" or not (is_home or is_native or is_dwelling):
            continue
        if is_native:
            places = [context.at(token)]
        elif is_dwelling:
            # "at his home in suburban Larchmont", "Sohn's New Jersey home": where the person lives
            places = [context.at(o) for o in objects_after(token, {"in"})]
            places += [context.at(c) for c in token.children if c.dep_ in {"compound", "nmod"} and c.i < token.i]
        else:
            places = [context.at(o) for o in objects_after(token, {"of"})]
            if token.dep_ == "appos":
                places.append(context.at(token.head))
            if token.dep_ == "attr":
                places += [context.at(c) for c in token.head.children if c.dep_ == "nsubj"]
        for place in places:
            if place is not None and place.cls == "Place":
                yield Candidate(person, "livesIn", place, 0.8, "home-noun")


def _post_in_body_after(
    token: Token, person: Mention, title: list[Token], words: list[str], head: str, context: Context
) -> Iterator[Candidate]:
    for body in _titled_of(token, {"Institution", "Party"}, context):
        role, status = _role_text(title, context.knowledge), _status(words, context.knowledge)
        predicate = position_predicate(head, body, context.knowledge)
        yield Candidate(person, predicate, body, 0.8, "title-name-of-body", role, status)


def _office_of_place(
    token: Token, person: Mention, title: list[Token], words: list[str], context: Context
) -> Iterator[Candidate]:
    for place in _titled_of(token, {"Place"}, context):
        role, status = _role_text(title, context.knowledge), _status(words, context.knowledge)
        yield Candidate(person, "holdsPosition", place, 0.8, "office-of-place", role, status)


def _titled_of(token: Token, classes: set[str], context: Context) -> Iterator[Mention]:
    """The mentions of these classes in the of-phrase after a titled name ("Gov. X of California")."""
    for obj in objects_after(token, {"of"}):
        mention = context.at(obj)
        if mention is not None and mention.cls in classes:
            yield mention


def _participle_body(verb: Token, context: Context) -> Mention | None:
    """The body a participle before it describes ("the London-based group X", "Kremlin-controlled X")."""
    body = context.at(verb.head)
    if body is None and verb.head.dep_ == "appos":
        body = context.at(verb.head.head)
    if body is None and verb.head.pos_ == "NOUN" and verb.head.i + 1 < len(verb.doc):
        body = context.at(verb.doc[verb.head.i + 1])  # "the UK-based charity Oxfam": the kind, then the name
    if body is None and verb.head.pos_ == "NOUN":
        # "a New York-based research company, Acme Inc,": the kind, then the name in apposition
        body = next((m for c in verb.head.rights if c.dep_ == "appos" and (m := context.at(c)) is not None), None)
    return body if body is not None and body.cls in {"Institution", "Party"} else None


_OWNING_PARTICIPLES = frozenset({"own", "control", "run", "operate", "back"})


def rule_owned_participle(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "the Kremlin-controlled Gazprom", "the Hamas-run ministry", "a BBC-owned channel": the name
    # hyphened to the participle owns or runs the body ("the US-backed government": an ally; not
    # "NASA-funded", which is no alliance)
    for verb in sentence:
        if verb.lemma_.lower() not in _OWNING_PARTICIPLES or verb.tag_ != "VBN":
            continue
        hyphened = [c for c in verb.lefts if c.dep_ in {"npadvmod", "compound", "nmod"} and c.i + 2 == verb.i]
        if not hyphened or verb.doc[verb.i - 1].text not in {"-", "–"}:
            continue
        owner = context.at(hyphened[0])
        if owner is None and (code := context.knowledge.demonym_country(hyphened[0].text)):
            owner = _country_mention(code, context)  # "the Iranian-backed militia"
        body = _participle_body(verb, context) if verb.dep_ == "amod" else None
        following = context.at(verb.doc[verb.i + 1]) if verb.i + 1 < len(verb.doc) else None
        if body is None and following is not None and following.cls in {"Institution", "Party"}:
            body = following  # the parser lost the participle ("the Iranian-backed Hezbollah fired")
        if owner is None or body is None or owner.key == body.key:
            continue
        if verb.lemma_.lower() == "back":
            yield Candidate(body, "allyOf", owner, 0.7, "owned-participle", verb=verb.lemma_.lower())
        else:
            yield Candidate(owner, "controls", body, 0.8, "owned-participle", verb=verb.lemma_.lower())


def rule_based_participle(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Pepperell, based in West Point", "New Orleans-based Popeyes", "headquartered in X": the body's seat
    for verb in sentence:
        if verb.lemma_.lower() not in {"base", "headquarter"} or verb.dep_ not in {"acl", "amod", "relcl", "appos"}:
            continue
        body = _participle_body(verb, context)
        if body is None:
            continue
        places = [
            m
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ in {"in", "at"}
            for obj in prep.children
            if obj.dep_ == "pobj" and (m := context.at(obj)) is not None
        ]
        places += [
            _town_before_region(c, m, context)
            for c in verb.lefts
            if c.dep_ in {"npadvmod", "compound", "nmod"} and (m := context.at(c)) is not None
        ]
        for place in places:
            if place.cls == "Place":
                yield Candidate(body, "basedIn", place, 0.8, "based-participle")


_SEAT_NOUNS = frozenset({"headquarters", "hq", "seat"})


def rule_headquarters(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "at NRC headquarters in Rockville, Md.", "Microsoft's headquarters in Redmond", "the headquarters
    # of Acme in Boston": the place of a body's seat
    for noun in sentence:
        if noun.pos_ not in {"NOUN", "PROPN"} or noun.lower_ not in _SEAT_NOUNS or context.at(noun) is not None:
            continue
        owners = [context.at(c) for c in noun.lefts if c.dep_ in {"compound", "poss"}]
        owners += [context.at(o) for o in objects_after(noun, {"of"})]
        body = next((m for m in owners if m is not None and m.cls in {"Institution", "Party"}), None)
        if body is None:
            continue
        # the parser may hang the place's "in" on another noun ("a briefing at NRC headquarters in X")
        following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        preps = {p.i: p for p in (*noun.rights, following) if p is not None and p.dep_ == "prep"}
        for prep in preps.values():
            if prep.lower_ not in {"in", "at"}:
                continue
            for obj in prep.children:
                place = context.at(obj) if obj.dep_ == "pobj" else None
                if place is not None and place.cls == "Place":
                    yield Candidate(body, "basedIn", _town_before_region(obj, place, context), 0.8, "headquarters")


def rule_descriptor_demonym(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Brazilian maker Embraer", "the French bank BNP Paribas": a demonym before the kind of body
    # written before its name is the state it is based in (tests/gold/GUIDELINES.md, the Embraer
    # example), the country implied where the article does not name it
    knowledge = context.knowledge
    kinds = knowledge.words("company_nouns")
    for token in sentence:
        body = context.at(token)
        if body is None or body.cls != "Institution":
            continue
        kind = token.doc[token.i - 1] if token.i > 0 else None  # the word before the name's first word
        if kind is not None and context.at(kind) is not body and kind.pos_ == "NOUN" and kind.lemma_.lower() in kinds:
            yield from _kind_places(body, kind, context, "descriptor-demonym")
        for child in token.rights:  # "WebSideStory Inc., a San Diego Web metrics company"
            if child.dep_ == "appos" and child.pos_ == "NOUN" and child.lemma_.lower() in kinds:
                yield from _kind_places(body, child, context, "appositive-kind-place")


def _kind_places(body: Mention, kind: Token, context: Context, rule: str) -> Iterator[Candidate]:
    """The place a kind of body's modifiers name: "French" or "San Diego" in "a San Diego Web company"."""
    state = _demonym_state(kind, context)
    if state is not None:
        yield Candidate(body, "basedIn", state, 0.8, rule)
    for child in kind.lefts:
        if child.dep_ not in {"compound", "nmod", "npadvmod"}:
            continue
        # the place may modify a modifier: "San Diego" hangs on "metrics" in "San Diego Web metrics company"
        place = next((m for t in child.subtree if (m := context.at(t)) is not None), None)
        if place is not None and place is not body and place.cls == "Place":
            yield Candidate(body, "basedIn", place, 0.8, rule)


def rule_membership_verb(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "X joined Y", "X quit Y", "X served on Y", "X enlisted in Y", "X defected to Y": the person's body or party
    verbs: dict[str, dict[str, str]] = context.knowledge.lexicon["membership_verbs"]
    for verb in sentence:
        entry = verbs.get(verb.lemma_.lower())
        if entry is None or verb.pos_ != "VERB":
            continue
        subject_token = _clause_subject(verb)
        if subject_token is None and verb.dep_ == "relcl":
            subject_token = verb.head
        elif subject_token is not None and subject_token.tag_ in {"WP", "WDT"}:
            subject_token = _relative_antecedent(subject_token, verb, context)  # "Jane Smith, who works for X"
        person = context.resolve(subject_token, sentence) if subject_token is not None else None
        if person is None or person.cls != "Person":
            continue
        preps = set(entry["preps"].split())
        targets = [c for c in verb.children if c.dep_ == "dobj" and "-" in preps]
        targets += [
            obj
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ in preps
            for obj in prep.children
            if obj.dep_ == "pobj"
        ]
        status: Status | None = "former" if entry["status"] == "former" else None
        for target_token in targets:
            for each in (target_token, *target_token.conjuncts):
                body = context.at(each)
                if body is not None and body.cls in {"Party", "Institution"}:
                    # "X works for the BBC": a job at a body (employedBy); at a party, membership
                    predicate = entry.get("body_predicate", "memberOf") if body.cls == "Institution" else "memberOf"
                    yield Candidate(person, predicate, body, 0.8, "membership-verb", status=status, verb=verb.lemma_)


def _verb_predicate(lemma: str, knowledge: Knowledge) -> str | None:
    for predicate, lemmas in knowledge.lexicon["event_verbs"].items():
        if lemma in lemmas:
            return str(predicate)
    return None


def _arguments(verb: Token, sentence: Sentence, context: Context) -> tuple[list[Mention], list[Mention], bool]:
    """Subjects and objects of a verb, passives turned around, conjuncts included."""
    subjects: list[Token] = []
    objects: list[Token] = []
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    for child in verb.children:
        if child.dep_ == "nsubj":
            subjects.append(child)
        elif child.dep_ == "nsubjpass" or child.dep_ == "dobj":
            objects.append(child)
        elif child.dep_ == "agent":
            subjects.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ in {"of", "with"} and verb.lemma_ in {"control", "ally", "fall"}:
            objects.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "dobj" and child.lemma_ == "control":
            pass
    # "took control of X": the object of "control" is the thing controlled
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_ == "control":
            for prep in child.rights:
                if prep.lower_ == "of":
                    objects.extend(c for c in prep.children if c.dep_ == "pobj")
    if not subjects and verb.dep_ == "conj":
        subjects.extend(c for c in verb.head.children if c.dep_ == "nsubj")
    if not subjects and verb.dep_ == "relcl":
        subjects.append(verb.head)
    if not subjects and verb.tag_ in {"VBG", "VBN", "VB"}:
        subjects.extend(_implied_subject(verb, context))
    if not objects and verb.dep_ == "acl" and verb.tag_ == "VBN":
        objects.extend(_participle_patient(verb, context))
    # "an actor who killed X", "a leader who was jailed by X": the relative pronoun stands for the
    # noun the clause describes
    subjects = [_relative_antecedent(t, verb, context) if t.tag_ in {"WP", "WDT"} else t for t in subjects]
    # (only "who" for the object: "the sea ... which is bordered by" hangs on the wrong noun too often)
    objects = [_relative_antecedent(t, verb, context) if t.tag_ == "WP" else t for t in objects]

    def mentions(tokens: list[Token]) -> list[Mention]:
        found: list[Mention] = []
        for token in tokens:
            # "succeed the previous High Commissioner, Ann Grant": the apposition names the title
            named = [token, *(c for c in token.children if c.dep_ == "appos")]
            for each in [t for n in named for t in (n, *n.conjuncts)]:
                mention = context.resolve(each, sentence)
                if mention is not None and mention not in found:
                    found.append(mention)
        return found

    return mentions(subjects), mentions(objects), passive


def _participle_patient(verb: Token, context: Context) -> list[Token]:
    """ "Marwan Barghouti, jailed by Israel", "X, a leader of the uprising jailed by Israel": a past
    participle's noun underwent the deed; through common nouns, the named one they describe."""
    noun = verb.head
    while context.at(noun) is None:
        if noun.dep_ == "appos":
            noun = noun.head
        elif noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head
        else:
            return []
    return [noun]


def _relative_antecedent(pronoun: Token, verb: Token, context: Context) -> Token:
    """ "X wasn't an actor who killed Y", "X, the man who shot Y": the person the relative clause is about;
    also for a verb conjoined in it ("X, who is a major and works at the Pentagon")."""
    if verb.dep_ != "relcl" and pronoun.head.dep_ == "relcl":
        verb = pronoun.head
    if verb.dep_ != "relcl":
        return pronoun
    noun = verb.head
    if context.at(noun) is not None:
        return noun
    if noun.dep_ == "appos" and context.at(noun.head) is not None:
        return noun.head
    if noun.dep_ == "attr":
        subject = next((c for c in noun.head.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None:
            return subject
    return pronoun


# verbs whose object or passive subject is the one who did the deed in a gerund: "convicted of killing X"
_ACCUSING_VERBS = frozenset({"convict", "charge", "accuse", "suspect", "arrest", "sentence", "indict", "try", "acquit"})


def _implied_subject(verb: Token, context: Context) -> list[Token]:
    """ "X, a former president jailed after falling out with Y", "X was convicted of killing Y",
    "X arrived after shooting Y": climb to the person the clause describes or the clause's subject."""
    controller = _object_controller(verb)
    if controller is not None:
        mention = context.at(controller)
        return [controller] if mention is not None and mention.cls == "Person" else []
    token = verb
    for _ in range(6):
        if token.dep_ not in {"pcomp", "advcl", "acl", "prep", "appos", "relcl", "xcomp"} or token.head.i == token.i:
            return []
        below, token = token, token.head
        mention = context.at(token)
        if mention is not None:
            return [token] if mention.cls == "Person" else []
        named = [c for c in token.children if c.dep_ == "appos" and context.at(c) is not None]
        if token.pos_ == "NOUN" and named:  # "convicted sniper X of killing Y"
            return named[:1] if (m := context.at(named[0])) is not None and m.cls == "Person" else []
        if token.pos_ in {"VERB", "AUX"}:
            accusing = token.lemma_.lower() in _ACCUSING_VERBS
            # "X was named publisher, succeeding Y": a passive clause's subject does the participle's
            # deed (not "X was tapped to run Y": an infinitive there is only proposed)
            deps = {"nsubjpass", "dobj"} if accusing else {"nsubj"}
            if below.dep_ == "advcl" and below.tag_ == "VBG":
                deps.add("nsubjpass")
            found = [c for c in token.children if c.dep_ in deps]
            if found:
                person = context.resolve(found[0], tuple(found[0].sent))
                return found[:1] if person is not None and person.cls == "Person" else []
    return []


_MODALS = frozenset({"would", "could", "should", "might", "may", "must", "can"})


def _is_hypothetical_title(noun: Token) -> bool:
    """ "he hoped Mr Brown would be premier", "how good a prime minister Gordon Brown would make":
    a title in a clause told as wished or supposed is no office held."""
    verb = noun.head
    if noun.dep_ not in {"attr", "oprd", "nsubj", "dobj"} and not (noun.dep_ == "appos" and verb.dep_ == "nsubj"):
        return False
    if noun.dep_ == "appos":
        verb = verb.head
    if noun.dep_ not in {"attr", "oprd"} and verb.lemma_ != "make":
        return False  # "The president, X, would veto the bill": the verb is supposed, the office held
    # a future one is not held yet: "how good a prime minister Brown will make"
    told_as = _MODALS | {"will", "'ll"}
    return verb.pos_ in {"VERB", "AUX"} and any(c.dep_ == "aux" and c.lower_ in told_as for c in verb.children)


_CONDITIONS = frozenset({"if", "unless", "whether"})


# verbs whose infinitive is not done: "refused to support X", "failed to beat Y"
_REFUSING_VERBS = frozenset({"refuse", "decline", "fail"})


def _is_unreal(verb: Token) -> bool:
    """The deed is not told as done: denied or hypothetical ("did not free X", "if Israel would
    release X", "could arrest them")."""
    for child in verb.children:
        if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in _MODALS):
            return True
        if child.dep_ == "mark" and child.lower_ in _CONDITIONS:
            return True
    return False


# verbs of heading: a person who heads a party or body leads it (a body that runs another controls it)
_HEADING_VERBS = frozenset({"lead", "head", "chair"})


def rule_event_verb(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "X stormed Y", "Y was arrested by X", "X took control of Y", "X borders Y", "X succeeded him"
    knowledge = context.knowledge
    for verb in sentence:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        lemma = verb.lemma_.lower()
        is_control = any(c.dep_ == "dobj" and c.lemma_ == "control" for c in verb.children)
        is_fall_out = lemma == "fall" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
        if lemma == "border":
            predicate: str | None = "borders"
        elif is_control:
            predicate = "controls"
        elif is_fall_out:
            predicate = "opponentOf"
        else:
            predicate = _verb_predicate(lemma, knowledge)
        subjects, objects, _ = _arguments(verb, sentence, context)
        stated_subject = verb.dep_ == "relcl" or any(c.dep_ in {"nsubj", "agent"} for c in verb.children)
        if predicate in DEEDS and not any(m.cls != "Place" for m in subjects):
            # a deed's doer is no town: "arrested by Gainesville police officers" is the police's
            subjects = _bodies_acting_through_people(verb, context) or subjects
        if is_fall_out and not objects:
            continue
        if (predicate in DEEDS or predicate == "successorOf") and _is_unreal(verb):
            continue
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _REFUSING_VERBS:
            continue  # "he refused to support Harold Wilson": the opposite of what the verb says
        for subject in subjects:
            for obj in objects:
                if subject.key == obj.key:
                    continue
                if predicate is None:
                    continue  # an open "relatedTo" from any verb was never right (0 of 7 on the news)
                chosen = predicate
                if lemma in _HEADING_VERBS and subject.cls == "Person" and obj.cls in {"Party", "Institution"}:
                    if not stated_subject:
                        continue  # "Bush selected Mike Johanns to head the Department": not Bush
                    chosen = "leaderOf"  # "Kofi Annan heads the UN", "X, who leads the party": to head a body
                elif predicate == "attacked" and subject.cls in {"Person", "Party"} and obj.cls in {"Person", "Party"}:
                    chosen = "opponentOf"  # a politician or party "attacks" a rival in words, not arms
                elif (
                    predicate == "opponentOf"
                    and lemma in knowledge.lexicon["event_verbs"]["attacked"]
                    and obj.cls in {"Place", "Institution"}
                ):
                    chosen = "attacked"
                # "Lord Kinnock led Labour between 1983 and 1992": a body headed in the past tense
                status: Status | None = "former" if chosen == "leaderOf" and tense_of(verb) == "past" else None
                yield Candidate(subject, chosen, obj, 0.75, "event-verb", status=status, verb=lemma)
        if predicate in {"opponentOf", "attacked"} and lemma in knowledge.lexicon["event_verbs"]["opponentOf"]:
            for subject, owner in _owners_of_objects(verb, subjects, sentence, context):
                yield Candidate(subject, "opponentOf", owner, 0.6, "event-verb-possessed", verb=lemma)


def _bodies_acting_through_people(verb: Token, context: Context) -> list[Mention]:
    """ "arrested by Gainesville police officers", "Israeli soldiers shot ...": the body whose
    people did the deed (its name compounded onto the plural noun that is the agent or subject)."""
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    doers += [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    found: list[Mention] = []
    for noun in doers:
        if noun.pos_ != "NOUN" or noun.tag_ != "NNS" or context.at(noun) is not None:
            continue
        for child in noun.children:
            body = context.at(child)
            if child.dep_ == "compound" and body is not None and body.cls == "Institution" and body not in found:
                found.append(body)
    return found


def _owners_of_objects(
    verb: Token, subjects: list[Mention], sentence: Sentence, context: Context
) -> Iterator[tuple[Mention, Mention]]:
    """ "criticising Tony Blair's record", "attacked Labour's tax plans": to criticise what a
    person or party owns is to oppose its owner."""
    for noun in verb.children:
        if noun.dep_ != "dobj" or noun.pos_ != "NOUN" or context.resolve(noun, sentence) is not None:
            continue
        for owner_token in (c for c in noun.children if c.dep_ == "poss"):
            owner = context.resolve(owner_token, sentence)
            if owner is None or owner.cls not in {"Person", "Party"}:
                continue
            for subject in subjects:
                if subject.key != owner.key:
                    yield subject, owner


# Nouns of a person's tie to another: a demonym before them names the other side
_RELATIONAL_NOUNS = frozenset({"ally", "rival", "opponent", "enemy", "critic", "friend", "partner", "target", "foe"})


def rule_nationality(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Kenyan activist Wangari Maathai", "X, a Ugandan composer", "British hostage Ken Bigley": a
    # demonym describing a person (not an office of that state, which is holdsPosition) is a nationality
    knowledge = context.knowledge
    for token, person in _people_named(sentence, context):
        described = [_title_tokens_before(token, person, context)]
        described += [_noun_phrase_title(c, context) for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if token.dep_ == "appos" and token.head.pos_ == "NOUN" and context.at(token.head) is None:
            described.append(_noun_phrase_title(token.head, context))  # "the Senegalese singer Youssou N'Dour"
        said: list[list[Token]] = []
        if (
            token.dep_ == "nsubj"
            and token.head.lemma_ == "be"
            and not any(c.dep_ == "neg" for c in token.head.children)
        ):
            # "Wole Soyinka is a Nigerian writer", "X is a retired Austrian ice hockey defenceman": the
            # copula's complement says what the subject is, whatever the noun; "X is Austrian"
            said += [
                _noun_phrase_title(c, context) for c in token.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"
            ]
            said += [
                [c, c]
                for c in token.head.children
                if c.dep_ in {"acomp", "attr"} and c.pos_ in {"ADJ", "PROPN"} and context.at(c) is None
            ]
        for words in [*described, *said]:
            if not words or _is_office(words, knowledge):
                continue
            head = words[-1].lemma_.lower()
            # a title before the name may be any singular common noun ("Kenyan runner X"); elsewhere
            # the noun must be a person's
            before_name = words is described[0] and words[-1].tag_ == "NN" and context.at(words[-1]) is None
            if (
                words not in said
                and not before_name
                and head not in _occupations(knowledge) | knowledge.words("person_nouns")
            ):
                continue
            if head in _RELATIONAL_NOUNS:
                continue  # "X is a British ally": the demonym is whose ally, not the person's state
            code = _two_word_demonym(words[:-1], knowledge) or next(
                (
                    c
                    for word in words[:-1]
                    if (c := knowledge.demonym_country(word.text))
                    # "Chinese restaurant owner X": the demonym must be the person's, not the other noun's
                    and (not before_name or word.head.i in {words[-1].i, token.i})
                ),
                None,
            )
            if code:
                yield Candidate(person, "citizenOf", _country_mention(code, context), 0.75, "demonym-person")


def _offices(knowledge: Knowledge) -> frozenset[str]:
    return knowledge.words("head_of_state_titles") | knowledge.words("leading_roles")


def _is_office(words: list[Token], knowledge: Knowledge) -> bool:
    return title_head(title_words_of(words, knowledge), knowledge) in _offices(knowledge)


def _mentions_of(token: Token, context: Context, sentence: Sentence) -> list[Mention]:
    """The mentions at a noun phrase's head and its conjuncts ("the US, India, Australia and Japan")."""
    found: list[Mention] = []
    for head in (token, *token.conjuncts):
        mention = context.resolve(head, sentence)
        if mention is not None and mention not in found:
            found.append(mention)
    return found


def rule_relation_noun(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Tony Blair's feud with Gordon Brown", "a rift between the two men", "an alliance of the US,
    # India and Japan": a noun of conflict or alliance relates the actors it names
    knowledge = context.knowledge
    for noun in sentence:
        if noun.pos_ != "NOUN":
            continue
        lemma = noun.lemma_.lower()
        if lemma in knowledge.words("conflict_nouns"):
            predicate = "opponentOf"
        elif lemma in knowledge.words("alliance_nouns"):
            predicate = "allyOf"
        else:
            continue
        if any(c.dep_ == "neg" for c in (noun, noun.head) for c in c.children) or any(
            c.lower_ in {"no", "never"} for c in noun.children
        ):
            continue  # "would not form a coalition with the Liberals", "no rift between them"
        owner = _possessor(noun, context, sentence)
        if owner is None and noun.dep_ == "dobj":  # "Blair has had a feud with Brown"
            owner = next((context.resolve(c, sentence) for c in noun.head.children if c.dep_ == "nsubj"), None)
        groups: list[list[Mention]] = []
        for prep in (c for c in noun.rights if c.dep_ == "prep"):
            objects = [o for o in prep.children if o.dep_ == "pobj"]
            if not objects:
                continue
            named = _mentions_of(objects[0], context, sentence)
            if prep.lower_ in {"with", "against", "towards", "toward"} and owner is not None:
                groups += [[owner, other] for other in named]
            elif prep.lower_ == "of" and predicate == "allyOf":
                groups.append(named)  # every member of an alliance is allied with every other
            elif prep.lower_ == "between" and (len(named) == 2 or predicate == "allyOf"):
                groups.append(named)  # "a row between A, B and C" does not say who is against whom
        for group in groups:
            actors = [m for m in group if _is_actor(m)]
            for i, first in enumerate(actors):
                for second in actors[i + 1 :]:
                    if first.key != second.key:
                        yield Candidate(first, predicate, second, 0.75, "relation-noun", None, None, lemma)


def rule_body_rival(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Pepsi, a rival of Coca-Cola", "Microsoft's rival Mozilla", "its open-source rival Mozilla",
    # "Labour's ally, the SDLP", "Gordon Brown's rival Tony Blair": a person, body, party or state
    # named as another's rival or ally
    knowledge = context.knowledge
    allies, rivals = knowledge.words("ally_words"), knowledge.words("opponent_words")
    for noun in sentence:
        lemma = noun.lemma_.lower()
        if lemma not in allies | rivals:
            continue
        if noun.dep_ == "amod" and context.at(noun.head) is not None:
            # "its rival Mozilla", "Gordon Brown's rival Tony Blair" with "rival" tagged an adjective:
            # the owner hangs on it or on the name
            named = [context.at(noun.head)]
            owner = _possessor(noun, context, sentence) or _possessor(noun.head, context, sentence)
            owner = owner or _its_owner(noun.head, context)
        elif noun.pos_ == "NOUN" and noun.tag_ == "NN":
            # people named as rivals or allies in apposition are read with their titles
            # (rule_appositive_title, rule_possessive_appositive)
            named = [m for c in noun.children if c.dep_ == "appos" and (m := context.at(c)) and m.cls != "Person"]
            if noun.dep_ in {"appos", "compound"} and (m := context.at(noun.head)) and m.cls != "Person":
                named.append(m)
            owner = _possessor(noun, context, sentence) or _its_owner(noun, context)
        else:
            continue
        if owner is None:
            owner = next((context.at(o) for o in objects_after(noun, {"of"})), None)
        for one in named:
            if one is None or owner is None or one.key == owner.key:
                continue
            if not all(_is_actor(m) for m in (one, owner)):
                continue
            predicate = "allyOf" if lemma in allies else "opponentOf"
            yield Candidate(one, predicate, owner, 0.75, "body-rival", None, None, noun.lower_)


def _is_actor(mention: Mention) -> bool:
    """A person, a body, a party or a state: who can have rivals and allies (not a town)."""
    return mention.cls in {"Person", "Institution", "Party"} or mention.key.startswith("country:")


def _its_owner(noun: Token, context: Context) -> Mention | None:
    """ "Microsoft ... its rival": the body "its" stands for, its clause's subject."""
    its = next((c for c in noun.lefts if c.dep_ == "poss" and c.lower_ == "its"), None)
    if its is None:
        return None
    verb = noun.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    subject = _clause_subject(verb) if verb.pos_ in {"VERB", "AUX"} else None
    mention = context.at(subject) if subject is not None else None
    return mention if mention is not None and _is_actor(mention) else None


_PAIR_NOUNS = {
    "rival": "opponentOf",
    "enemy": "opponentOf",
    "foe": "opponentOf",
    "adversary": "opponentOf",
    "ally": "allyOf",
}


def rule_pair_noun(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "the old rivals, Fatah and Hamas", "arch-rivals India and Pakistan", "Northern Ireland's most
    # bitter enemies, Sinn Fein and the DUP": a plural noun of rivalry or alliance naming two actors
    # relates them to each other. Not "Blair's rivals, Brown and Prescott": they are his rivals
    for noun in sentence:
        predicate = _PAIR_NOUNS.get(noun.lemma_.lower())
        if predicate is None or noun.tag_ not in {"NNS", "NNPS"}:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None and ((m := context.at(owner)) is None or m.cls != "Place"):
            continue
        firsts = [c for c in noun.children if c.dep_ == "appos"]
        if noun.dep_ == "compound":
            firsts.append(noun.head)
        for first in firsts:
            conjuncts = first.conjuncts
            if len(conjuncts) != 1:
                continue
            one, other = context.at(first), context.at(conjuncts[0])
            if one is not None and other is not None and one.key != other.key:
                yield Candidate(one, predicate, other, 0.75, "pair-noun", None, None, noun.lemma_.lower())


# the prepositions that bring a deed noun's target: "occupation of X", "attack on X", "raid against X"
_DEED_TARGET_PREPOSITIONS = {"controls": {"of"}, "attacked": {"of", "on", "against"}}


def _doer_of(noun: Token, context: Context, sentence: Sentence) -> Mention | None:
    """Who did the deed a noun names: its owner ("Israel's occupation"), the name or the demonym
    before it ("the US invasion", "the Israeli occupation")."""
    owner = _possessor(noun, context, sentence)
    if owner is not None:
        return owner
    for child in noun.lefts:
        if child.dep_ not in {"compound", "amod", "nmod"}:
            continue
        mention = context.at(child)
        if mention is not None:
            return mention
        if code := context.knowledge.demonym_country(child.text):
            return _country_mention(code, context)
    return None


def rule_deed_noun(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Israel's occupation of the West Bank", "the US invasion of Iraq", "Google's takeover of X":
    # a noun of control or attack, its doer before it, its target after it. "The Iraq invasion"
    # names no target after the noun and says nothing: a name before it may be the target.
    knowledge = context.knowledge
    for noun in sentence:
        if noun.pos_ != "NOUN":
            continue
        lemma = noun.lemma_.lower()
        if lemma in knowledge.words("control_nouns"):
            predicate = "controls"
        elif lemma in knowledge.words("attack_nouns"):
            predicate = "attacked"
        else:
            continue
        targets = [
            target
            for obj in objects_after(noun, _DEED_TARGET_PREPOSITIONS[predicate])
            for target in _mentions_of(obj, context, sentence)
        ]
        doer = _doer_of(noun, context, sentence) if targets else None
        if doer is None:
            continue
        for target in targets:
            # "Mr Campbell's attack on Tony Blair": in politics, an attack in words (as with the verb)
            in_words = predicate == "attacked" and {doer.cls, target.cls} <= {"Person", "Party"}
            yield Candidate(doer, "opponentOf" if in_words else predicate, target, 0.7, "deed-noun", verb=lemma)


def rule_part_noun(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "the IRA's political wing, Sinn Fein", "Kmart, a subsidiary of Sears Holdings", "X is an
    # agency of the UN", "UNHCR, the UN refugee agency": a body named as a part of another
    bodies = {"Institution", "Party"}
    for noun in sentence:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in context.knowledge.words("part_nouns"):
            continue
        part = _named_by(noun, context, sentence) or _named_after_comma(noun, context)
        if part is None or part.cls not in bodies:
            continue
        owners = [_possessor(noun, context, sentence)]
        owners += [context.resolve(obj, sentence) for obj in objects_after(noun, {"of"})]
        owners += [context.at(c) for c in noun.lefts if c.dep_ == "compound"]
        owner = next((m for m in owners if m is not None and m.cls in bodies and m.key != part.key), None)
        if owner is not None:
            yield Candidate(part, "partOf", owner, 0.7, "part-noun", noun.lower_)


def _named_after_comma(noun: Token, context: Context) -> Mention | None:
    """ "the president of IRA's political wing, Sinn Fein, said", "Hamas's armed wing, the Qassam
    Brigades": the name right after the noun and its comma, where the parser hangs it on the
    sentence's subject instead."""
    doc = noun.doc
    at = noun.i + 2
    if at < len(doc) and doc[at].dep_ == "det":
        at += 1
    if at >= len(doc) or doc[noun.i + 1].text != ",":
        return None
    name = doc[at]
    return context.at(name) if name.dep_ in {"appos", "compound"} else None


def rule_possessive_unit(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "the Justice Department's Civil Rights Division", "Microsoft's Xbox Division", "the Voting
    # Section in the Civil Rights Division": a body's unit, named with a unit's noun, is part of the
    # body that owns it or that it is in
    bodies = {"Institution", "Party"}
    for token in sentence:
        unit = context.at(token)
        if unit is None or unit.cls not in bodies:
            continue
        owner_only = token.lower_ in OWNED_UNIT_NOUNS  # "the Army's School of the Americas", not "a school in X"
        if token.lower_ not in context.knowledge.words("unit_nouns") and not owner_only:
            continue
        owners = [_possessor(token, context, sentence)]
        if owner_only and not any(c.dep_ == "poss" and names_a_body(c, context.knowledge) for c in token.lefts):
            continue  # "St Egwin's Middle School": a saint's name, no body that owns the school
        if not owner_only:
            owners += [context.at(obj) for obj in objects_after(token, {"in", "within", "of"})]
        owner = next((m for m in owners if m is not None and m.cls in bodies and m.key != unit.key), None)
        if owner is not None:
            yield Candidate(unit, "partOf", owner, 0.75, "possessive-unit", token.lower_)


def _chamber_starting(body: Mention, context: Context) -> Mention | None:
    """The chamber or the UN a committee's name starts with: "the Senate Armed Services Committee",
    "House Judiciary Committee", "the Commons home affairs committee", "United Nations Security
    Council". The document's own chamber where it names one ("the House" is its House of
    Representatives), else the chamber of the document's country; none where that is not clear."""
    knowledge = context.knowledge
    words = body.text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if len(words) < 2 or words[-1].lower() not in knowledge.words("committee_heads"):
        return None
    chamber_names = {c for names in knowledge.lexicon["legislator_chambers"].values() for c in names}
    for size in range(min(3, len(words) - 1), 0, -1):
        prefix = " ".join(words[:size])
        if not prefix[:1].isupper():
            continue
        key, is_generic = key_for(prefix, "Institution", knowledge)
        if key in knowledge.words("committee_owners"):
            return Mention("", -1, 0, 0, prefix, "Institution", key)  # "UN", "Commons": a name of its own
        if key not in chamber_names | {"house"}:
            continue
        named = [
            m for base, m in context.chambers.items() if base == key or (key == "house" and base.startswith("house of"))
        ]
        if len(named) == 1:
            return named[0]
        if is_generic and not named and context.focus is not None and key != "house":
            code = context.focus.key.split(":", 1)[1]
            return Mention("", -1, 0, 0, prefix, "Institution", f"{key}@{code}", code)
        return None
    return None


def rule_chamber_committee(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "the Senate Armed Services Committee", "the UN Security Council": a committee of the chamber
    # (or the UN) its name starts with
    for body in _institutions_once(sentence, context):
        owner = _chamber_starting(body, context)
        if owner is not None and owner.key != body.key:
            yield Candidate(body, "partOf", owner, 0.8, "chamber-committee")


def rule_kin_list(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Mr Smith has two sons, John and Peter", "his daughters Ann and Mary": each name of a plural
    # kinship noun is a relative of its owner, or of the subject that has them
    family = context.knowledge.words("family_words")
    for noun in sentence:
        if noun.tag_ != "NNS" or noun.lemma_.lower() not in family:
            continue
        owner = _possessor(noun, context, sentence)
        if owner is None and noun.dep_ == "dobj" and noun.head.lemma_ == "have":
            subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
            owner = context.resolve(subject, sentence) if subject is not None else None
        if owner is None or owner.cls != "Person":
            continue
        named = [c for c in noun.children if c.dep_ == "appos"]
        named += [c for first in named for c in first.children if c.dep_ == "conj"]
        for token in named:
            relative = context.at(token)
            if relative is not None and relative.cls == "Person" and relative.key != owner.key:
                yield Candidate(relative, "relativeOf", owner, 0.8, "kin-list", noun.lower_)


def _legislator_title(token: Token, person: Mention, context: Context) -> list[Token]:
    """The title before a name, or before the first of names joined by "and" ("Sens. X and Y")."""
    title = _title_tokens_before(token, person, context)
    if not title and token.dep_ == "conj" and (first := context.at(token.head)) is not None:
        title = _title_tokens_before(token.head, first, context)
    return title


def rule_party_designation(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Sen. Norm Coleman, R-Minn.", "Rep. John Conyers (D-MI)": the US press writes a legislator's
    # party and the state they sit for after the name
    knowledge = context.knowledge
    for token, person in _people_named(sentence, context):
        last = max(t.i for t in token.subtree if context.at(t) is person)
        designation = party_designation(token.doc, last, knowledge)
        if designation is None:
            continue
        title = _legislator_title(token, person, context)
        words = title_words_of(title, knowledge)
        is_legislator = title_head(words, knowledge) in knowledge.lexicon["legislator_chambers"]
        # "House Armed Services Chairman X, R-Calif.": he chairs the committee, and sits for California
        role = _role_text(title, knowledge) if title and is_legislator else None
        status = _status(words, knowledge) if role else None  # "Former Rep. X"
        state = context.at(designation.state[0])
        if state is not None and state.cls == "Place":
            yield Candidate(person, "holdsPosition", state, 0.85, "party-designation", role, status)
        name = knowledge.lexicon["party_letters"].get(designation.letter)
        if name is not None:
            yield Candidate(person, "memberOf", _party_mention(name), 0.85, "party-designation")


def rule_legislator_chamber(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Sen. John McCain" in a story that names the Senate: a senator sits in it ("Rep. Wu", the
    # House of Representatives or Congress; "Speaker X" leads the House of Commons); a chamber the
    # story never names is not guessed
    knowledge = context.knowledge
    chambers = knowledge.lexicon["legislator_chambers"]
    for token, person in _people_named(sentence, context):
        title = _legislator_title(token, person, context)
        words = title_words_of(title, knowledge)
        head = title_head(words, knowledge) if title else None
        named = [context.chambers[c] for c in chambers.get(head, ()) if c in context.chambers]
        if named:
            role, status = _role_text(title, knowledge), _status(words, knowledge)
            predicate = "leaderOf" if head in knowledge.lexicon["presiding_titles"] else "memberOf"
            yield Candidate(person, predicate, named[0], 0.8, "legislator-chamber", role, status)


_PARTY_MEMBER_NOUNS = frozenset({"Democrat", "Republican"})


def rule_party_member_noun(sentence: Sentence, context: Context) -> Iterator[Candidate]:
    # "Senator X, a Republican,", "the panel's top Democrat, Rep. X", "X is a Democrat": the member's
    # noun of a party, in apposition to a person or said of one (not "a Liberal Democrat", a name)
    words = context.knowledge.lexicon["title_party_words"]
    for token in sentence:
        if token.text not in _PARTY_MEMBER_NOUNS or context.at(token) is not None:
            continue
        if any(c.dep_ == "compound" and c.text[:1].isupper() for c in token.children):
            continue  # "a Social Democrat"
        # the parser may take "Democrat, Rep. X" for a list: a comma only, no "and", makes it apposition
        is_list = any(c.dep_ == "cc" for c in token.children)
        person = next(
            (
                m
                for c in token.children
                if (c.dep_ == "appos" or (c.dep_ == "conj" and not is_list)) and (m := context.at(c)) is not None
            ),
            None,
        )
        if token.dep_ == "appos":
            person = context.at(token.head)
        elif (
            token.dep_ == "attr" and token.head.lemma_ == "be" and not any(c.dep_ == "neg" for c in token.head.children)
        ):
            person = next((context.resolve(c, sentence) for c in token.head.children if c.dep_ == "nsubj"), None)
        if person is not None and person.cls == "Person":
            yield Candidate(person, "memberOf", _party_mention(str(words[token.text])), 0.8, "party-member-noun")


RULES: tuple[Callable[[Sentence, Context], Iterator[Candidate]], ...] = (
    rule_title_before_name,
    rule_party_member_noun,
    rule_party_designation,
    rule_legislator_chamber,
    rule_appositive_title,
    rule_as_title,
    rule_copula_title,
    rule_possessive_person,
    rule_copula_relation,
    rule_relation_noun,
    rule_pair_noun,
    rule_deed_noun,
    rule_part_noun,
    rule_possessive_unit,
    rule_chamber_committee,
    rule_kin_list,
    rule_possessive_appositive,
    rule_possessive_party,
    rule_place_of_place,
    rule_possessive_place,
    rule_person_at_organisation,
    rule_capital,
    rule_located_in,
    rule_locative_verb,
    rule_based_in,
    rule_place_in_name,
    rule_lives_in,
    rule_houses,
    rule_event_verb,
    rule_killer_noun,
    rule_residence,
    rule_home_noun,
    rule_based_participle,
    rule_owned_participle,
    rule_leaders_government,
    rule_headquarters,
    rule_descriptor_demonym,
    rule_membership_verb,
    rule_body_rival,
    rule_nationality,
)


def specific_predicate(candidate: Candidate, knowledge: Knowledge) -> str:
    """The most specific predicate for an office or a job the rules read: heading a state, party or
    body is leaderOf ("President X", "Labour leader X", "chief executive of Y"), unless the title is a
    deputy's or a shadow's; a job at a company, paper or university is employedBy."""
    role = (candidate.role or "").lower()
    words = role.replace("-", " - ").split()
    if candidate.predicate in {"holdsPosition", "memberOf"} and role:
        titles = knowledge.words("leader_titles")
        plain = role.replace("-", " ").split()
        is_leader = any(" ".join(plain[-n:]) in titles for n in (1, 2, 3) if len(plain) >= n)
        # "vice-president", "ex-chairman": a hyphen makes a lesser or a past title, unless the
        # hyphenated words are the leader's title itself ("Secretary-General", "director-general")
        hyphenated = next((w for w in reversed(role.split()) if "-" in w), None)
        subordinate = any(w in knowledge.words("subordinate_words") for w in plain) or (
            hyphenated is not None and hyphenated.replace("-", " ") not in titles
        )
        if is_leader and not subordinate and "of staff" not in role and not candidate.one_of:
            return "leaderOf"
    is_job = candidate.rule.endswith("-employer") or bool(words and words[-1] in knowledge.words("employee_roles"))
    in_body = candidate.predicate == "memberOf" and candidate.object.cls == "Institution"
    if in_body and is_job:
        return "employedBy"
    if in_body and words and words[-1] in knowledge.words("post_roles"):
        # "Pentagon Acquisition Director X", "ex-Downing Street media chief X", "a former Air Force
        # official": a post in the body, not a seat in it (GUIDELINES.md 3, holdsPosition)
        return "holdsPosition"
    return candidate.predicate


def extract_candidates(sentence: Sentence, context: Context) -> list[Candidate]:
    """Every rule over one sentence; facts with ends of the wrong classes are dropped."""
    found: list[Candidate] = []
    for rule in RULES:
        for candidate in rule(sentence, context):
            if not fits(candidate.predicate, candidate.subject, candidate.object):
                continue
            if candidate.subject.key == candidate.object.key:
                continue
            candidate = replace(candidate, predicate=specific_predicate(candidate, context.knowledge))
            confidence = context.knowledge.confidence(candidate.rule, candidate.predicate, candidate.confidence)
            found.append(replace(candidate, confidence=confidence, status=_office_status(candidate, sentence)))
    return found


def _office_status(candidate: Candidate, sentence: Sentence) -> Status | None:
    """An office named without "former" or "acting" is held now ("President X said"), unless the
    the office is told with a past copula ("X was prime minister"): then the text does not say."""
    if candidate.predicate not in {"holdsPosition", "leaderOf"} or candidate.status is not None:
        return candidate.status
    if candidate.rule.startswith("copula") and any(t.lemma_ == "be" and t.tag_ == "VBD" for t in sentence):
        return None
    return "current"
