"""Writing the output folder: every file staged first, then renamed into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.errors import OutputError


def check_output_dir(out: Path) -> None:
    """Fail before any work if --out cannot become a writable folder."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out} is a file, not a folder: give a folder path")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"cannot create output folder {out}: {err.strerror}") from err
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"output folder {out} is not writable: choose another --out")


def write_files(out: Path, files: dict[str, str]) -> None:
    """Write all files to temporary names in `out`, then rename each over the old one.

    A failure while writing (full disk, Ctrl-C) leaves every previous file as it was:
    nothing is renamed until every file is written and flushed.
    """
    staged: list[tuple[Path, Path]] = []
    umask = os.umask(0)
    os.umask(umask)
    try:
        for name, text in sorted(files.items()):
            handle, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
            staged.append((Path(temp_name), out / name))
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp_name, 0o666 & ~umask)  # mkstemp makes files private; outputs are for sharing
        for staged_path, final in staged:
            os.replace(staged_path, final)
    except OSError as err:
        raise OutputError(f"cannot write to {out}: {err.strerror or err}") from err
    finally:
        for staged_path, _ in staged:
            staged_path.unlink(missing_ok=True)
