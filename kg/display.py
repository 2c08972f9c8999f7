"""Text for people: messages and paths printable on one line, and text arguments checked.

A file name may hold any byte but "/" and NUL: a newline would split a warning in two, an
escape sequence would recolour the terminal, and bytes that are not UTF-8 (which Python keeps
as lone surrogates) would make a strict stdout raise. Every message kg prints goes through here.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import InputError


def one_line(text: str) -> str:
    """`text` with every control character (newline, ESC, a lone surrogate) as its escape."""
    return "".join(char if char.isprintable() or char == " " else repr(char)[1:-1] for char in text)


def shown_path(path: Path | str) -> str:
    """A path as a person reads it: bytes that are not UTF-8 as U+FFFD, control characters escaped."""
    return one_line(os.fsencode(path).decode("utf-8", errors="replace"))


def text_argument(value: str, what: str) -> str:
    """A command-line argument that must be text (a query, a name, a URL): bytes that are not
    UTF-8 are refused with a clear line, not carried on to fail somewhere deeper."""
    if any("\udc80" <= char <= "\udcff" for char in value):
        shown = os.fsencode(value).decode("utf-8", errors="replace")
        raise InputError(f"{what} {shown!r} is not valid UTF-8 text: give it as UTF-8")
    return value
