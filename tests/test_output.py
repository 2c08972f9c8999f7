"""The output folder is always one set: one build at a time, no leftovers, stopped runs change nothing."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import OUTPUT_FILES, SEED, run_kg, snapshot

from kg.export.registry import EXPORTERS
from kg.output import OutputFolder, write_files

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg"]


def test_a_second_build_into_a_folder_in_use_stops_at_once(
    previous_output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(previous_output)
    with OutputFolder(previous_output, EXPORTERS):  # the first build, still running
        code, out, err = run_kg(["build", str(SEED), "--out", str(previous_output)], capsys)
    assert (code, out) == (1, "")
    assert err == (
        f"kg: error: output folder {previous_output} is in use by another kg build: "
        "wait for it to finish, or choose another --out\n"
    )
    assert snapshot(previous_output) == before
    assert run_kg(["build", str(SEED), "--out", str(previous_output), "-q"], capsys)[0] == 0, "free again after"


def test_two_builds_at_once_in_real_processes_give_one_set(previous_output: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        shutil.copyfile(SEED, folder / f"article-{i:02d}.txt")
    command = [*KG, "build", str(folder), "--out", str(previous_output), "--processes", "1", "-q"]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        while not _has_lock(first.pid, previous_output) and first.poll() is None:
            time.sleep(0.02)
        second = subprocess.run(command, capture_output=True, text=True, check=False)
        _, first_err = first.communicate(timeout=300)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert (first.returncode, first_err) == (0, "")
    assert second.returncode == 1
    assert second.stderr.endswith("is in use by another kg build: wait for it to finish, or choose another --out\n")
    assert sorted(p.name for p in previous_output.iterdir()) == OUTPUT_FILES
    one = subprocess.run([*KG, "build", str(folder), "--out", str(tmp_path / "alone"), "-q"], check=True)
    assert one.returncode == 0
    for name in OUTPUT_FILES:
        assert (previous_output / name).read_bytes() == (tmp_path / "alone" / name).read_bytes(), name


def _has_lock(pid: int, folder: Path) -> bool:
    """Whether process `pid` holds an open descriptor on `folder` (it takes the lock right after)."""
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(fd) == str(folder):
                return True
        except OSError:
            continue
    return False


def test_temporary_files_a_killed_build_left_are_removed_and_others_kept(
    previous_output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in (".graph.ttl.k3j4h5.tmp", ".graph.html.zz9x.tmp", ".ontology.ttl.q1.tmp"):
        (previous_output / name).write_text("half-written", encoding="utf-8")
    (previous_output / ".notes.tmp").write_text("mine", encoding="utf-8")
    (previous_output / "notes.md").write_text("mine too", encoding="utf-8")
    assert run_kg(["build", str(SEED), "--out", str(previous_output), "-q"], capsys)[0] == 0
    assert sorted(p.name for p in previous_output.iterdir()) == sorted([*OUTPUT_FILES, ".notes.tmp", "notes.md"])


def _enospc_on_third_file(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_full_disk_with_a_new_out_leaves_no_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "new" / "deeper" / "output"
    _enospc_on_third_file(monkeypatch)
    code, _, err = run_kg(["build", str(SEED), "--out", str(out)], capsys)
    assert (code, err) == (1, f"kg: error: cannot write to {out}: No space left on device\n")
    assert list(tmp_path.iterdir()) == [], "not the folder, nor the folders above it that the run made"


def test_a_broken_out_symlink_is_refused_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "output"
    out.symlink_to(tmp_path / "elsewhere")
    # a missing input would fail too, but only once the work starts: the output check comes first
    code, _, err = run_kg(["build", str(tmp_path / "missing"), "--out", str(out)], capsys)
    assert (code, err) == (
        1,
        f"kg: error: --out {out} is a broken symbolic link to {tmp_path}/elsewhere: "
        "create that folder or choose another --out\n",
    )
    assert out.is_symlink() and not (tmp_path / "elsewhere").exists()


def test_sigterm_during_the_renames_cannot_leave_old_and_new_files_mixed(
    previous_output: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace

    def replace_then_terminate(source: Any, target: Any) -> None:
        real_replace(source, target)
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(os, "replace", replace_then_terminate)
    previous = signal.signal(signal.SIGTERM, lambda *_: pytest.fail("SIGTERM reached the process mid-renames"))
    try:
        write_files(previous_output, {name: f"new {name}\n" for name in OUTPUT_FILES})
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert {p.name: p.read_text(encoding="utf-8") for p in previous_output.iterdir()} == {
        name: f"new {name}\n" for name in OUTPUT_FILES
    }


def _children(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux /proc to see how far the run is")
@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_to_the_main_process_stops_the_run_like_ctrl_c(
    signum: int, status: int, previous_output: Path, tmp_path: Path
) -> None:
    before = snapshot(previous_output)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        shutil.copyfile(SEED, folder / f"article-{i:02d}.txt")
    process = subprocess.Popen(
        [*KG, "build", str(folder), "--out", str(previous_output), "--processes", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        while len(_children(process.pid)) < 2 and process.poll() is None:
            time.sleep(0.02)
        assert process.poll() is None, "the run ended before it could be stopped"
        workers = _children(process.pid)
        os.kill(process.pid, signum)  # to the main process only, as a service manager or `kill` sends it
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    name = signal.Signals(signum).name
    assert (process.returncode, stdout, stderr) == (
        status,
        "",
        f"kg: stopped by {name}; output folder left as it was\n",
    )
    assert snapshot(previous_output) == before
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists() and _is_alive(pid)], "workers stopped too"


def _is_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
