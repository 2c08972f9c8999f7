"""Writing the output folder: every file staged first, then renamed into place."""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import OutputError


def check_output_dir(out: Path) -> None:
    """Fail before any work if --out cannot become a writable folder; nothing is created yet."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out} is a file, not a folder: give a folder path")
    if out.is_dir():
        if not os.access(out, os.W_OK | os.X_OK):
            raise OutputError(f"output folder {out} is not writable: choose another --out")
        return
    existing = out.parent
    while not existing.exists() and existing != existing.parent:  # the folder `out` will be made in
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"cannot create output folder {out}: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"cannot create output folder {out}: {existing} is not writable: choose another --out")


def write_files(out: Path, files: dict[str, str]) -> None:
    """Write all files to temporary names in `out`, then rename each over the old one.

    A failure while writing (full disk, Ctrl-C) leaves every previous file as it was:
    nothing is renamed until every file is written and flushed, and Ctrl-C cannot stop the
    renames half-way.
    """
    staged: list[tuple[Path, Path]] = []
    umask = os.umask(0)
    os.umask(umask)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in sorted(files.items()):
            handle, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
            staged.append((Path(temp_name), out / name))
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp_name, 0o666 & ~umask)  # mkstemp makes files private; outputs are for sharing
        with _interrupts_held():
            for staged_path, final in staged:
                os.replace(staged_path, final)
    except OSError as err:
        raise OutputError(f"cannot write to {out}: {err.strerror or err}") from err
    finally:
        for staged_path, _ in staged:
            staged_path.unlink(missing_ok=True)


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Ctrl-C during the block is ignored: it lasts microseconds, and after it the run is done."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach the main thread only
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
