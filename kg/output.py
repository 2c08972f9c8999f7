"""Writing the output folder: one build at a time, every file staged first, then renamed into place.

`OutputFolder` is held for the whole run. It checks `--out` before any work, creates it if
needed (and removes it again if the run fails), and locks it, so a second build into the same
folder stops at once with a clear line instead of mixing its files with the first's. Under
the lock it removes temporary files a killed build left behind. `write` stages every file
under a temporary name and renames them all over the old ones only when all are written,
with Ctrl-C, SIGTERM and SIGHUP held for the microseconds the renames take: a run that fails
or is stopped leaves the previous set exactly as it was, and one that finishes leaves the
new set whole.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import tempfile
from collections.abc import Collection
from pathlib import Path
from types import TracebackType

from kg.display import shown_path
from kg.errors import OutputError
from kg.signals import stopping_signals_held

# flock's answers where a file system keeps no locks.
_NO_LOCKS = frozenset({errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL})


def check_output_dir(out: Path) -> None:
    """Fail before any work if --out cannot become a writable folder; nothing is created yet."""
    shown = shown_path(out)
    if out.is_symlink() and not out.exists():
        raise OutputError(
            f"--out {shown} is a broken symbolic link to {shown_path(os.readlink(out))}: "
            "create that folder or choose another --out"
        )
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {shown} is a file, not a folder: give a folder path")
    if out.is_dir():
        if not os.access(out, os.W_OK | os.X_OK):
            raise OutputError(f"output folder {shown} is not writable: choose another --out")
        return
    existing = out.parent
    while not existing.exists() and existing != existing.parent:  # the folder `out` will be made in
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"cannot create output folder {shown}: {shown_path(existing)} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(
            f"cannot create output folder {shown}: {shown_path(existing)} is not writable: choose another --out"
        )


class OutputFolder:
    """`with OutputFolder(out, names) as folder: ... folder.write(files)`: see the module's doc.

    `names` are the files a build writes; their temporary files from a killed run are removed.
    """

    def __init__(self, out: Path, names: Collection[str]) -> None:
        self.out = out
        self.names = frozenset(names)
        self._created: list[Path] = []  # folders this run made, deepest last
        self._lock: int | None = None

    def __enter__(self) -> OutputFolder:
        check_output_dir(self.out)
        try:
            self._create()
            self._lock = os.open(self.out, os.O_RDONLY | os.O_DIRECTORY)
            try:
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutputError(
                    f"output folder {shown_path(self.out)} is in use by another kg build: wait for it to finish, "
                    "or choose another --out"
                ) from None
            except OSError as err:
                if err.errno not in _NO_LOCKS:
                    raise
                # a file system without locks (some network mounts): build unlocked rather than not at all
            self._remove_stale_temporaries()
        except OSError as err:
            self._release(failed=True)
            raise OutputError(f"cannot use output folder {shown_path(self.out)}: {err.strerror or err}") from err
        except BaseException:
            self._release(failed=True)
            raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._release(failed=kind is not None)

    def _create(self) -> None:
        missing = []
        folder = self.out
        while not folder.exists() and folder != folder.parent:
            missing.append(folder)
            folder = folder.parent
        for folder in reversed(missing):
            try:
                folder.mkdir()
            except FileExistsError:  # another run made it a moment ago: it is theirs, not ours
                continue
            self._created.append(folder)

    def _remove_stale_temporaries(self) -> None:
        """Staged files of a build that was killed (kill -9, power loss) before it could clean up."""
        stale = re.compile(r"^\.(?:" + "|".join(re.escape(name) for name in sorted(self.names)) + r")\.[^/]+\.tmp$")
        for entry in os.scandir(self.out):
            if stale.match(entry.name) and entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink(missing_ok=True)

    def _release(self, *, failed: bool) -> None:
        if failed:
            for folder in reversed(self._created):  # a failed run creates no output folder
                try:
                    folder.rmdir()
                except OSError:
                    break  # not empty: something else is in it now, and it is not ours to remove
        self._created = []
        if self._lock is not None:
            os.close(self._lock)  # and with it the lock
            self._lock = None

    def write(self, files: dict[str, str]) -> None:
        write_files(self.out, files)


def write_files(out: Path, files: dict[str, str]) -> None:
    """Write all files to temporary names in `out`, then rename each over the old one.

    A failure while writing (full disk, Ctrl-C) leaves every previous file as it was:
    nothing is renamed until every file is written and flushed, and no stopping signal can
    end the renames half-way.
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
        with stopping_signals_held():
            for staged_path, final in staged:
                os.replace(staged_path, final)
            _sync_folder(out)
    except OSError as err:
        raise OutputError(f"cannot write to {shown_path(out)}: {err.strerror or err}") from err
    finally:
        for staged_path, _ in staged:
            staged_path.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """The renames reach the disk together, before the run reports success."""
    try:
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError as err:
        if err.errno not in (errno.EINVAL, errno.EBADF):  # file systems that cannot sync a folder
            raise
    finally:
        os.close(handle)
