"""Shared pieces of the scorers: counts and their ratios, name normalisation, detokenisation. Pure."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_SPACES = re.compile(r"\s+")
# punctuation that a name may carry at its edges without being a different name ("Kosovo." at a sentence end)
_EDGE_PUNCTUATION = " \t.,;:!?'\"`’‘“”"
# "Parliament (Kyrgyzstan)": kg labels a common-noun body with the state it belongs to
_STATE_SUFFIX = re.compile(r"\s*\([^()]+\)$")


@dataclass(frozen=True)
class Score:
    """True positives counted on each side, so several system items may match one gold item.

    `tp_system` of `n_system` predictions are right; `tp_gold` of `n_gold` gold items are found.
    """

    tp_system: int = 0
    n_system: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_system / self.n_system if self.n_system else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.tp_system + other.tp_system,
            self.n_system + other.n_system,
            self.tp_gold + other.tp_gold,
            self.n_gold + other.n_gold,
        )

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp_system": self.tp_system,
            "n_system": self.n_system,
            "tp_gold": self.tp_gold,
            "n_gold": self.n_gold,
        }


def total(scores: Iterable[Score]) -> Score:
    """Micro average: the counts summed."""
    result = Score()
    for score in scores:
        result = result + score
    return result


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def normalize_name(name: str) -> str:
    """Case, spacing, Unicode form and edge punctuation do not make a different name."""
    text = unicodedata.normalize("NFKC", name).replace("’", "'")
    return _SPACES.sub(" ", text).strip(_EDGE_PUNCTUATION).casefold()


def without_state(label: str) -> str:
    """ "Senate (United States)" -> "Senate": a label without the state kg adds to a common-noun body."""
    return _STATE_SUFFIX.sub("", label)


def name_keys(names: Iterable[str]) -> frozenset[str]:
    """The normalised names of one entity; a label "X (State)" also answers to X."""
    keys: set[str] = set()
    for name in names:
        keys.add(normalize_name(name))
        bare = _STATE_SUFFIX.sub("", name)
        if bare != name:
            keys.add(normalize_name(bare))
    keys.discard("")
    return frozenset(keys)


# Penn-Treebank-style tokens that attach to the token before or after them
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "''", "...", "n't", "N'T"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "#"})
_CLITIC = re.compile(r"^'(s|S|d|D|m|M|ll|LL|re|RE|ve|VE|t|T)?$")
_QUOTE_TOKENS = {"``": '"', "''": '"'}


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Tokens -> text with ordinary spacing, and each token's (start, end) character span in it.

    Simple rules: no space before closing punctuation and clitics ("'s", "n't"), none after
    opening brackets and "$", straight double quotes alternate between opening and closing,
    and "O 'Brien" becomes "O'Brien".
    """
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    is_quote_open = False
    glue_next = True  # no space before the first token
    for token in tokens:
        surface = _QUOTE_TOKENS.get(token, token)
        glue = glue_next or token in _NO_SPACE_BEFORE or bool(_CLITIC.match(token))
        glue_next = token in _NO_SPACE_AFTER
        if token == '"':
            glue = glue or is_quote_open  # a closing quote hugs the word before it
            glue_next = not is_quote_open  # an opening quote hugs the word after it
            is_quote_open = not is_quote_open
        elif token == "``":
            is_quote_open, glue_next = True, True
        elif token == "''":
            is_quote_open = False
        if token.startswith("'") and token[1:2].isupper() and parts and parts[-1] in {"O", "D"}:
            glue = True  # O 'Brien, D 'Amato
        if not glue:
            parts.append(" ")
            position += 1
        spans.append((position, position + len(surface)))
        parts.append(surface)
        position += len(surface)
    return "".join(parts), spans
