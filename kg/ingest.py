"""Files -> Documents: decoding, boilerplate stripping, title, date and dateline.

Everything here but `read_documents` and `find_input_files` is pure.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.knowledge import load_knowledge
from kg.model import Document

_METADATA = re.compile(r"^\s*(?:date|published)\s*:?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
# "BISHKEK (REUTERS) -", "LONDON, Jan 5 (AP) —": an upper-case place, an agency in brackets, a dash.
_DATELINE = re.compile(r"^([A-Z][A-Z .'-]{1,40}?)\s*(?:,[^()\n]{0,30})?\(([A-Za-z .&-]{2,30})\)\s*[-–—]+\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")
# Unicode's noncharacters (U+FDD0..U+FDEF, the last two code points of every plane) are never
# text; strict RDF parsers (raptor) reject U+FFFE and U+FFFF even where the grammar allows them.
_NONCHARACTERS = re.compile(
    "[\ufdd0-\ufdef"
    + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
    + "]"
)
_TITLE_MAX_WORDS = 20
_SENTENCE_END = tuple(".!?\"”’'")
# spaCy refuses a text past nlp.max_length (1,000,000 characters, its error E088), and its parser
# needs working memory in proportion to the text, batch by batch. No paragraph reaches it longer
# than this: news paragraphs are shorter (the longest in the BBC set is about 2,000 characters),
# a longer one is a file without line breaks and is parsed in pieces cut at sentence ends.
MAX_PARAGRAPH_CHARS = 3_000
# A bigger file is no single article (a long one is under 100 kB); its parse is held whole for the
# document-wide rules, and a 1 MB one peaks near 800 MB. It is skipped with a warning, unread.
MAX_FILE_BYTES = 1_000_000
_PIECE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
# Text has few control characters; more than this share of the first 4 kB means a binary file.
_MAX_CONTROL_SHARE = 0.05


@dataclass(frozen=True)
class Skipped:
    """A file that gave no document, and why."""

    identifier: str
    reason: str


def find_input_files(paths: list[Path]) -> list[Path]:
    """Expand folders to their .txt files, sorted; fail clearly on a bad path."""
    files: list[Path] = []
    for path in paths:
        try:
            if path.is_dir():
                found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and not p.name.startswith("."))
                if not found:
                    raise InputError(f"no .txt files in folder {path}: give a folder of .txt articles or a .txt file")
                files.extend(found)
            elif path.exists() or path.is_symlink():
                files.append(path)  # if it cannot be read, read_documents skips it with a warning
            else:
                raise InputError(f"input path does not exist: {path}")
        except OSError as err:  # the folder, or one on the way to it, is not readable
            raise InputError(f"cannot read input path {path}: {err.strerror}") from err
    return files


def decode_text(raw: bytes) -> tuple[str, str | None]:
    """Bytes -> text and a note on any fallback used; ValueError when it is not text.

    UTF-8, with or without a byte order mark, needs no note; UTF-16/32 with a byte order mark and
    Windows-1252 (a superset of Latin-1's printable characters) are fallbacks, noted.
    """
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return raw.decode(codec), f"decoded as {codec.upper()} (byte order mark)"
            except UnicodeDecodeError as err:
                raise ValueError(
                    f"not valid {codec.upper()} despite its byte order mark ({err.reason} at byte {err.start})"
                ) from err
    head = raw[:4096]
    if b"\x00" in head:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        text, note = raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        text, note = raw.decode("cp1252", errors="replace"), "not UTF-8; decoded as Windows-1252"
    sample = text[:4096]
    n_control = sum(1 for char in sample if (char < " " and char not in "\t\n\r\f") or char == "\ufffd")
    if n_control > _MAX_CONTROL_SHARE * len(sample):
        raise ValueError("binary file (control bytes), not text")
    return text, note


def read_documents(files: list[Path]) -> tuple[list[Document], list[Skipped], list[str]]:
    """Read each file; a bad file is skipped or read with a fallback, never fatal."""
    documents: list[Document] = []
    skipped: list[Skipped] = []
    warnings: list[str] = []
    used_ids: set[str] = set()
    for path in files:
        try:
            text, note = decode_text(_read_bytes(path))
        except OSError as err:
            skipped.append(Skipped(str(path), f"cannot read: {err.strerror or err}"))
            continue
        except ValueError as err:
            skipped.append(Skipped(str(path), str(err)))
            continue
        if note:
            warnings.append(f"{path}: {note}")
        identifier = file_identifier(path)
        if identifier != path.name:
            warnings.append(f"{path}: file name is not valid UTF-8 text; cited as {identifier!r}")
        document = to_document(identifier, text, used_ids)
        if document is None:
            skipped.append(Skipped(str(path), "empty: no text"))
            continue
        used_ids.add(document.doc_id)
        documents.append(document)
    return documents, skipped, warnings


def file_identifier(path: Path) -> str:
    """The file name as text: bytes that are not UTF-8 (which Python keeps as lone surrogates,
    unwritable in RDF or UTF-8) and noncharacters become U+FFFD."""
    return _NONCHARACTERS.sub("\ufffd", os.fsencode(path.name).decode("utf-8", errors="replace"))


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; ValueError for what is not a readable regular file of article size."""
    if path.is_symlink() and not path.exists():
        raise ValueError(f"broken symbolic link to {path.readlink()}")
    if not path.is_file():  # a folder or a FIFO named .txt: reading would fail or block
        raise ValueError("not a regular file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(
            f"too large ({size / 1e6:.1f} MB; kg reads articles up to {MAX_FILE_BYTES / 1e6:g} MB): "
            "split it into one article per file"
        )
    return path.read_bytes()


def split_paragraph(paragraph: str, limit: int = MAX_PARAGRAPH_CHARS) -> list[str]:
    """A paragraph as pieces of at most `limit` characters, cut at sentence ends, else spaces."""
    pieces: list[str] = []
    rest = paragraph
    while len(rest) > limit:
        window = rest[: limit + 1]  # a cut just after the limit still leaves a piece <= limit once stripped
        ends = [match.end() for match in _PIECE_END.finditer(window, limit // 2)]
        cut = ends[-1] if ends else window.rfind(" ", limit // 2) + 1 or limit
        pieces.append(rest[:cut].strip())
        rest = rest[cut:].lstrip()
    pieces.append(rest.strip())
    return [piece for piece in pieces if piece]


def slugify(text: str) -> str:
    slug = re.sub(r"[^0-9a-z]+", "-", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())
    return slug.strip("-") or "x"


def to_document(identifier: str, text: str, used_ids: set[str] | frozenset[str] = frozenset()) -> Document | None:
    """Clean one article's text into a Document; None when nothing is left."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _NONCHARACTERS.sub("", _CONTROL.sub("", text)).replace("\u2028", "\n").replace("\u2029", "\n")
    date = None
    metadata = _METADATA.match(text)
    if metadata:
        date, text = metadata.group(1), text[metadata.end() :]
    lines = [line.strip() for line in text.split("\n")]
    title = _headline(lines)
    dateline_place = None
    paragraphs: dict[str, None] = {}  # ordered and deduplicated: captions are often repeated word for word
    for line in lines:
        line = strip_credits(line)
        dateline = _DATELINE.match(line)
        if dateline:
            dateline_place = dateline.group(1).strip().title()
            line = line[dateline.end() :]
        paragraphs.update(dict.fromkeys(split_paragraph(line)))
    if not paragraphs:
        return None
    doc_id = base_id = slugify(Path(identifier).stem)
    n = 2
    while doc_id in used_ids:
        doc_id, n = f"{base_id}-{n}", n + 1
    return Document(doc_id, identifier, tuple(paragraphs), title, date, dateline_place)


# A credit ends its line when what follows it is this short; in a longer line (a scraped page that
# printed the whole story as one line) only the credit itself goes, not the story after it.
_CREDIT_TAIL_WORDS = 12
_PHOTO_ID = re.compile(r"\s*[A-Z]{2,}\d+\b")  # "AP Photo LON104"
_COPYRIGHT = re.compile(r"[Cc]opyright\s+(©|\(c\)|\d{4})")


def strip_credits(line: str) -> str:
    """Cut a photo credit or copyright notice from a line: with the rest of the line when that is
    short (the credit's own names), else the marker alone ("copyright" only before ©, (c) or a year)."""
    markers = [m for m in load_knowledge().lexicon["credit_markers"] if m.lower() != "copyright"]
    found = [(i, m) for m in markers if (i := line.find(m)) >= 0]
    if (copyright := _COPYRIGHT.search(line)) is not None:
        found.append((copyright.start(), copyright.group()))
    if not found:
        return line.strip()
    cut, marker = min(found)
    rest = line[cut + len(marker) :]
    if len(rest.split()) <= _CREDIT_TAIL_WORDS:
        return line[:cut].rstrip(" \t-–—|").strip()
    if (photo_id := _PHOTO_ID.match(rest)) is not None:
        rest = rest[photo_id.end() :]
    return strip_credits(f"{line[:cut].rstrip()} {rest.lstrip()}")


def _headline(lines: list[str]) -> str | None:
    """A short first line without closing punctuation, followed by more text, is the headline."""
    non_empty = [line for line in lines if line]
    if len(non_empty) < 2:
        return None
    first = strip_credits(non_empty[0])
    if first and not first.endswith(_SENTENCE_END) and len(first.split()) <= _TITLE_MAX_WORDS:
        return first
    return None
