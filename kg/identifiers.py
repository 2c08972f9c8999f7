"""Local names for entity and document IRIs: readable, stable across builds, unique within one.

An IRI must mean the same thing in every build, because builds of parts of an archive are
merged in a triple store (README, "Past one machine"). So an id is a function of the thing
it names alone, never of the order or company it was built in:

- an entity is `<class>/<slug of its label>`; the slug is an ASCII transliteration
  (anyascii), so "José Martínez" is `jose-martinez` as before and "Владимир Путин" is
  `vladimir-putin-<digest>`. A label in any script but Latin also carries a short digest of
  the exact label: transliteration loses what tells such names apart (王伟 and 王薇 are both
  "WangWei"), and two people must never share an IRI. A label with no letters to
  transliterate is its digest alone.
- two entities of one build whose ids would still coincide ("O'Brien", "O Brien") keep them
  apart by the same digest: the label that sorts first keeps the bare slug.
- a document is `<slug of its identifier>-<digest of identifier and text>`: two files of the
  same name in different folders, or an edited file, never share an IRI, and the same file
  read again always gives the same one.

Pure functions only.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping

from anyascii import anyascii

_NOT_SLUG = re.compile(r"[^0-9a-z]+")
# Hex digits of SHA-256 kept in an id: 2^32 values per slug, and a collision within one
# build is still caught and lengthened (see _unique).
_DIGEST_CHARS = 8
_TEXT_SUFFIX = re.compile(r"\.txt$", re.IGNORECASE)


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by '-': an ASCII transliteration of any script; "" if none."""
    ascii_text = anyascii(unicodedata.normalize("NFC", text))
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")


def digest(*parts: str, n_chars: int = _DIGEST_CHARS) -> str:
    joined = "\x1f".join(unicodedata.normalize("NFC", part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:n_chars]


def is_latin(text: str) -> bool:
    """True when every letter is ASCII or a Latin letter with marks ("é", "ø", "ß")."""
    return all(char.isascii() or not char.isalpha() or unicodedata.name(char, "").startswith("LATIN") for char in text)


def entity_slug(label: str) -> str:
    """The label's part of an entity id: its slug, with a digest where the slug may not be unique."""
    slug = slugify(label)
    if slug and is_latin(label):
        return slug
    return "-".join(part for part in (slug, digest(label)) if part)


def entity_ids(entities: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """Entity key -> id `<class>/<slug>`, for {key: (class, label)}; unique, and each id depends
    only on its own entity unless two entities of the build would share it."""
    by_id: dict[str, list[str]] = defaultdict(list)
    for key, (cls, label) in entities.items():
        by_id[f"{cls.lower()}/{entity_slug(label)}"].append(key)
    ids: dict[str, str] = {}
    for base, keys in by_id.items():
        # the first label keeps the bare id, so an entity alone in one build and with a namesake
        # in another keeps its IRI; the others are told apart by their label (or key, if the same)
        keys.sort(key=lambda k: (entities[k][1], k))
        labels = [entities[k][1] for k in keys]
        ids[keys[0]] = base
        for key in keys[1:]:
            label = entities[key][1]
            parts = (label,) if labels.count(label) == 1 else (label, key)
            ids[key] = f"{base}-{digest(*parts)}"
    return _unique(ids, entities)


def _unique(ids: dict[str, str], entities: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """Where two digests still coincide (one build in billions), lengthen them until they differ."""
    seen: dict[str, list[str]] = defaultdict(list)
    for key, node_id in ids.items():
        seen[node_id].append(key)
    for node_id, keys in seen.items():
        for key in sorted(keys)[1:]:
            n_chars = _DIGEST_CHARS * 2
            candidate = f"{node_id}-{digest(entities[key][1], key, n_chars=n_chars)}"
            while candidate in seen or candidate in ids.values():
                n_chars += _DIGEST_CHARS
                candidate = f"{node_id}-{digest(entities[key][1], key, n_chars=n_chars)}"
            ids[key] = candidate
    return ids


def document_id(identifier: str, text: str) -> str:
    """`<slug of the identifier, .txt off>-<digest of identifier and text>`."""
    slug = slugify(_TEXT_SUFFIX.sub("", identifier))
    return "-".join(part for part in (slug, digest(identifier, text)) if part)
