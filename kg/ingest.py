"""Files -> Documents: decoding, boilerplate stripping, title, date and dateline.

Everything here but `read_documents` and `find_input_files` is pure.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.dates import find_publication_date, read_metadata_date
from kg.errors import InputError
from kg.identifiers import document_id
from kg.knowledge import load_knowledge
from kg.model import Document

# `date 2020-10-06`; a month or a year alone only as the whole line (`date 2004-11`), not a headline's start.
_METADATA = re.compile(
    r"^\s*(?:date|published)\s*:?\s*(\d{4}-\d{2}-\d{2}\b|\d{4}(?:-\d{2})?(?=[ \t\r]*(?:\n|$)))[ \t]*", re.IGNORECASE
)
# "BISHKEK (REUTERS) -", "LONDON, Jan 5 (AP) —": an upper-case place, an agency in brackets, a dash.
_DATELINE = re.compile(r"^([A-Z][A-Z .'-]{1,40}?)\s*(?:,\s*([^()\n]{0,30}?))?\s*\(([A-Za-z .&-]{2,30})\)\s*[-–—]+\s*")
# "WASHINGTON - ", "MUMBAI: ", "BEAVERTON, Ore. -": a dateline with no agency, taken only when the
# capitals name a place of the gazetteer ("UPDATE: ", "BREAKING NEWS - " are no datelines)
_BARE_DATELINE = re.compile(
    r"^([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?:,\s*([A-Z][A-Za-z.]+(?: [A-Z][a-z.]+)?))?(?::| [-–—]+) +(?=\S)"
)
# the same within a line's first characters, after other words: capitals, a colon, a capitalised word
_INNER_DATELINE = re.compile(r"(?<=\s)([A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+){0,4}): +(?=[A-Z][a-z])")
_INNER_DATELINE_REACH = 200
# an agency's dateline within such a line: the agency in brackets and the dash mark it well enough
_INNER_AGENCY_DATELINE = re.compile(
    r"(?<=\s)([A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+){0,2})"  # the place, in capitals
    r"(?:,\s*([A-Z][^()\n]{0,30}?))?"  # its region or country
    r"\s*\(([A-Z][A-Za-z .&-]{1,29})\)\s*[-–—]+\s*"  # the agency, then a dash
)
_DATELINE_END = re.compile(r"\s*(?::|[-–—]+)\s*$")  # the dash or colon after a dateline
_INNER_DATELINE_LINES = 3  # only in the page's first lines, where a headline or byline runs on into it
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")
# Unicode's noncharacters (U+FDD0..U+FDEF, the last two code points of every plane) are never
# text; strict RDF parsers (raptor) reject U+FFFE and U+FFFF even where the grammar allows them.
_NONCHARACTERS = re.compile(
    "[\ufdd0-\ufdef"
    + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
    + "]"
)
_TITLE_MAX_WORDS = 20
# A headline may end in a quotation ("Blair backs 'pre-election budget'") or ask a question
# ("Could rivalry overshadow election?"); a line ending in a full stop is a sentence.
_CLOSING_QUOTES = "\"”’'»"
_SENTENCE_END = (".", ":", ";", ",")
# Files a dataset keeps beside its articles: its notes, not news ("README.TXT", "LICENSE.txt",
# "CC-SA-3.0-LICENSE.txt"). Found in a folder, they are set aside, and the summary says so;
# named on the command line, they are read like any file.
_NOTES_FILE = re.compile(
    # the whole name, so an article on the licence fee ("licence-fee.txt") stays an article
    r"^(?:read[ _-]?me(?:[-_. ].*)?|licen[cs]e|copying|authors|contributors|changelog|citation)$"
    r"|[-_.]licen[cs]e$",  # "CC-SA-3.0-LICENSE", "qsample-LICENSE"
    re.IGNORECASE,
)
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


@dataclass(frozen=True)
class InputFile:
    """A file to read, and the identifier a fact cites it by: its path relative to the folder
    given (`politics/001.txt`), or its name when it was given itself."""

    path: Path
    identifier: str


@dataclass
class Inputs:
    """What the input paths hold: the files to read, those not read and why, and the dataset
    notes (README, LICENSE) set aside."""

    files: list[InputFile] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)


def find_input_files(paths: Sequence[Path]) -> Inputs:
    """The .txt files under `paths`, in order: folders are read with their subfolders, sorted.

    Each file is read once, however often it is named (the same path twice, or a folder and a
    file in it). Hidden files and folders (".x.txt", ".git/") are not read, with a warning when
    they hold .txt files; a dataset's README or LICENSE is set aside. A bad path is an error.
    """
    found = Inputs()
    seen: set[tuple[int, int] | str] = set()
    for path in paths:
        try:
            if path.is_dir():
                n_articles, n_hidden, notes = _walk(path, found, seen)
                if n_articles == n_hidden == 0:
                    if notes:
                        raise InputError(
                            f"no articles in folder {path}, only a dataset's notes ({', '.join(notes)}): "
                            "name such a file to read it as an article"
                        )
                    raise InputError(f"no .txt files in folder {path}: give a folder of .txt articles or a .txt file")
            elif path.exists() or path.is_symlink():
                # if it cannot be read, read_documents skips it with a warning
                _add(found, seen, path, file_identifier(path))
            else:
                raise InputError(f"input path does not exist: {path}")
        except OSError as err:  # the folder, or one on the way to it, is not readable
            raise InputError(f"cannot read input path {path}: {err.strerror}") from err
    return _distinct_identifiers(found)


def _walk(top: Path, found: Inputs, seen: set[tuple[int, int] | str]) -> tuple[int, int, list[str]]:
    """Add the articles under `top` to `found`; count the articles (read before or not) and the
    hidden ones, and name the notes set aside."""
    visited: set[tuple[int, int]] = set()
    n_articles = n_hidden = 0
    notes: list[str] = []

    def refuse(err: OSError) -> None:
        if Path(err.filename or "") == top:
            raise err
        found.skipped.append(Skipped(str(err.filename), f"cannot read folder: {err.strerror}"))

    for folder, subfolders, names in os.walk(top, onerror=refuse, followlinks=True):
        here = Path(folder)
        stat = here.stat()
        if (stat.st_dev, stat.st_ino) in visited:  # a symbolic link back up the tree
            subfolders.clear()
            continue
        visited.add((stat.st_dev, stat.st_ino))
        for name in sorted(subfolders):
            if name.startswith(".") and _holds_text(here / name):
                found.skipped.append(Skipped(str(here / name), "hidden folder, not read"))
                n_hidden += 1
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(names):
            path = here / name
            if not name.lower().endswith(".txt"):
                continue
            if name.startswith("."):
                found.skipped.append(Skipped(str(path), "hidden file, not read: name it to read it"))
                n_hidden += 1
            elif _NOTES_FILE.search(name[: -len(".txt")]):
                found.set_aside.append(str(path))
                notes.append(name)
            else:
                _add(found, seen, path, _as_identifier(path.relative_to(top)))
                n_articles += 1
    return n_articles, n_hidden, notes


def _holds_text(folder: Path) -> bool:
    try:
        return any(path.suffix.lower() == ".txt" for path in folder.rglob("*"))
    except OSError:
        return False


def _add(found: Inputs, seen: set[tuple[int, int] | str], path: Path, identifier: str) -> None:
    try:
        stat = path.stat()
        key: tuple[int, int] | str = (stat.st_dev, stat.st_ino)
    except OSError:  # a broken link or an unreadable entry: read_documents says what is wrong
        key = os.path.abspath(path)
    if key not in seen:
        seen.add(key)
        found.files.append(InputFile(path, identifier))


def _distinct_identifiers(found: Inputs) -> Inputs:
    """Files from different folders named alike (`a/001.txt`, `b/001.txt` given as `a b`) are
    cited by their paths as given, so every fact still leads to its one file."""
    counts: dict[str, int] = {}
    for item in found.files:
        counts[item.identifier] = counts.get(item.identifier, 0) + 1
    found.files = [InputFile(f.path, _as_identifier(f.path)) if counts[f.identifier] > 1 else f for f in found.files]
    return found


def _as_identifier(path: Path) -> str:
    """A path as the text a document is cited by: U+FFFD for bytes that are not UTF-8 and for
    noncharacters (neither can be written in RDF), '/' between folders."""
    return _NONCHARACTERS.sub("\ufffd", os.fsencode(path).decode("utf-8", errors="replace").replace(os.sep, "/"))


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
    if b"\x00" in raw:  # anywhere in the file: text never holds NUL, and one rule for every offset
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


def read_documents(files: Iterable[InputFile | Path]) -> tuple[list[Document], list[Skipped], list[str]]:
    """Read each file; a bad file is skipped or read with a fallback, never fatal."""
    documents: list[Document] = []
    skipped: list[Skipped] = []
    warnings: list[str] = []
    for item in files:
        path, identifier = (
            (item.path, item.identifier) if isinstance(item, InputFile) else (item, file_identifier(item))
        )
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
        if file_identifier(path) != path.name:
            warnings.append(f"{path}: file name is not valid UTF-8 text; cited as {identifier!r}")
        date_problem = _metadata(text)[2]
        if date_problem:
            warnings.append(f"{path}: {date_problem}")
        document = to_document(identifier, text)
        if document is None:
            skipped.append(Skipped(str(path), "empty: no text"))
            continue
        documents.append(document)
    return documents, skipped, warnings


def file_identifier(path: Path) -> str:
    """The file name as text: bytes that are not UTF-8 (which Python keeps as lone surrogates,
    unwritable in RDF or UTF-8) and noncharacters become U+FFFD."""
    return _as_identifier(Path(path.name))


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


def to_document(identifier: str, text: str) -> Document | None:
    """Clean one article's text into a Document; None when nothing is left."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    doc_id = document_id(identifier, text)
    text = _NONCHARACTERS.sub("", _CONTROL.sub("", text)).replace("\u2028", "\n").replace("\u2029", "\n")
    date, text, _ = _metadata(text)
    lines = [line.strip() for line in text.split("\n")]
    date = date or find_publication_date(lines)
    title = _headline(lines)
    dateline_place = dateline_region = dateline_text = None
    paragraphs: dict[str, None] = {}  # ordered and deduplicated: captions are often repeated word for word
    for n, line in enumerate(line for line in lines if line):
        line = without_option_lists(strip_credits(line))
        dateline = _DATELINE.match(line)
        if dateline:
            dateline_place, dateline_region, dateline_text = _agency_dateline_parts(dateline)
            line = line[dateline.end() :]
        elif dateline_place is None and n < _INNER_DATELINE_LINES and (inner := _inner_agency_dateline(line)):
            # "... By RAVI NESSMAN Associated Press Writer RAMALLAH, West Bank (AP) - Marwan ...": a scraped
            # page's byline run into the line; the line is kept whole, the dateline read where it stands
            dateline_place, dateline_region, dateline_text = _agency_dateline_parts(inner)
        elif dateline_place is None:
            # the line is kept whole: "COLUMBUS, Georgia - " names the state the story may need
            dateline_place, dateline_region, dateline_text = _bare_dateline(line, within=n < _INNER_DATELINE_LINES)
        paragraphs.update(dict.fromkeys(split_paragraph(line)))
    if not paragraphs:
        return None
    return Document(doc_id, identifier, tuple(paragraphs), title, date, dateline_place, dateline_region, dateline_text)


def _metadata(text: str) -> tuple[str | None, str, str | None]:
    """A leading `date YYYY-MM-DD`: (the date if it is a real one, the text after it, the problem if not)."""
    metadata = _METADATA.match(text.lstrip("\ufeff"))
    if not metadata:
        return None, text, None
    date, problem = read_metadata_date(metadata.group(1))
    return date, text.lstrip("\ufeff")[metadata.end() :], problem


# A credit ends its line when what follows it is this short; in a longer line (a scraped page that
# printed the whole story as one line) only the credit itself goes, not the story after it.
_CREDIT_TAIL_WORDS = 12
_PHOTO_ID = re.compile(r"\s*[A-Z]{2,}\d+\b")  # "AP Photo LON104"
_COPYRIGHT = re.compile(r"[Cc]opyright\s+(©|\(c\)|\d{4})")


def _agency_dateline_parts(match: re.Match[str]) -> tuple[str, str | None, str]:
    """An agency dateline's place, its region or country if written, and the dateline without its dash."""
    region = (match.group(2) or "").strip() or None
    return match.group(1).strip().title(), region, _as_written(match)


def _as_written(dateline: re.Match[str]) -> str:
    """The dateline as written, without the dash or colon that ends it."""
    return _DATELINE_END.sub("", dateline.group(0))


def _inner_agency_dateline(line: str) -> re.Match[str] | None:
    """An agency's dateline within a line, when its capitals name a place of the gazetteer."""
    match = _INNER_AGENCY_DATELINE.search(line)
    return match if match is not None and load_knowledge().is_known_place(match.group(1).title()) else None


def _bare_dateline(line: str, within: bool = False) -> tuple[str | None, str | None, str | None]:
    """The place of a dateline without an agency, its region or country if written ("CANBERRA,
    AUSTRALIA —"), and the dateline as written: at the line's start, or, `within` one of the first
    lines, after a scraped page's headline or byline run into the same line ("Markets react as
    Budget keeps out tax cuts MUMBAI: Equities closed ..."): its last capitalised words before the colon."""
    match = _BARE_DATELINE.match(line)
    if match is not None and len(match.group(1)) >= 3:
        place = match.group(1).strip().title()
        if not load_knowledge().is_known_place(place):
            return None, None, None
        region = match.group(2)
        written = _as_written(match) if region else None
        return place, region, written
    inner = _INNER_DATELINE.search(line[:_INNER_DATELINE_REACH]) if within else None
    if inner is None:
        return None, None, None
    words = inner.group(1).split()
    for start in range(len(words)):
        place = " ".join(words[start:]).title()
        if len(place) >= 3 and load_knowledge().is_known_place(place):
            return place, None, None
    return None, None, None


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


# a web form's drop-down list of countries, scraped as text: this many names, nothing between them
_OPTION_RUN = 4
_OPTION_GAP = 10  # words between two runs of one list
_LONGEST_COUNTRY_NAME = 7  # words: "South Georgia and the South Sandwich Islands"
_WORD = re.compile(r"\S+")


def without_option_lists(line: str) -> str:
    """A line without the country lists of a scraped web form ("* Country: --- Select One ---
    United States Afghanistan Aland Islands Albania ..."): four country names or more one after
    another, with no comma, "and" or other word between them, are options no article names.
    Prose separates the places it lists."""
    names = load_knowledge().country_by_name
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(line)]
    cuts: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    i = 0
    while i <= len(words):
        size = _country_name_at(words, i, names)
        if size:
            run.append((words[i][0], words[i + size - 1][1]))
            i += size
            continue
        if len(run) >= _OPTION_RUN:
            gap = len(_WORD.findall(line, cuts[-1][1], run[0][0])) if cuts else _OPTION_GAP + 1
            # the options between two runs that no country table spells ("Cote D'Ivoire") go too
            cuts[-1:] = [(cuts[-1][0], run[-1][1])] if gap <= _OPTION_GAP else [*cuts[-1:], (run[0][0], run[-1][1])]
        run = []
        i += 1
    for start, end in reversed(cuts):
        line = f"{line[:start].rstrip()} {line[end:].lstrip()}".strip()
    return line


def _country_name_at(words: list[tuple[int, int, str]], i: int, names: dict[str, str]) -> int:
    """How many words from the i-th spell a country's name with a capital ("Bosnia and
    Herzegovina": 3), the longest first; 0 if none do."""
    if i >= len(words) or not words[i][2][:1].isupper():
        return 0
    for size in range(min(_LONGEST_COUNTRY_NAME, len(words) - i), 0, -1):
        if " ".join(w for _, _, w in words[i : i + size]).lower() in names:
            return size
    return 0


def _headline(lines: list[str]) -> str | None:
    """A short first line that does not end a sentence (a full stop, inside quotes or not),
    followed by more text, is the headline."""
    non_empty = [line for line in lines if line]
    if len(non_empty) < 2:
        return None
    first = strip_credits(non_empty[0])
    if first and not first.rstrip(_CLOSING_QUOTES).endswith(_SENTENCE_END) and len(first.split()) <= _TITLE_MAX_WORDS:
        return first
    return None
