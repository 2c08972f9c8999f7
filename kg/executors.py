"""Where the per-document work runs: in forked local processes, or on a Dask cluster.

An executor maps one picklable function over a list of work items and yields the results
in the items' order, so a build gives the same bytes wherever its documents were parsed.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Any, Protocol, TypeVar

from kg.errors import KgError

T = TypeVar("T")
R = TypeVar("R")

# Tasks queued per Dask worker: enough to keep it busy, few enough that the client holds
# only a handful of results that wait for an earlier, slower one.
_TASKS_PER_WORKER = 4
# How long to wait for a scheduler named with --scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = "20s"
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


class Executor(Protocol):
    n_workers: int

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        """function(item) for every item, run where the executor runs things, in order."""
        ...

    def close(self) -> None: ...


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops them: one message, no worker tracebacks.

    SIGTERM, which the parent's pool sends to stop them, ends them at once and silently (the
    parent's handler, inherited at fork, would raise in them); and a worker whose parent was
    killed outright (kill -9) is sent SIGTERM too, rather than writing to a closed pipe.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    _die_with_parent()


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # no prctl here: a worker then ends at its next broken pipe
        pass


class LocalExecutor:
    """Forked processes that inherit what the parent loaded (the spaCy pipeline); inline for one."""

    def __init__(self, processes: int) -> None:
        self.n_workers = processes if "fork" in multiprocessing.get_all_start_methods() else 1
        self._pool: Any = None

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        n_processes = min(self.n_workers, len(items))
        if n_processes <= 1:
            return map(function, items)
        # the pool is made now, before the caller starts a progress bar's thread: fork then
        # copies a single-threaded process
        pool = self._pool = multiprocessing.get_context("fork").Pool(n_processes, initializer=_ignore_interrupts)
        return _draining(pool, pool.imap(function, items))

    def close(self) -> None:
        """Stop the workers, whether or not their results were read: a Ctrl-C can come before the
        first result is asked for, when the draining generator has not started and cannot clean up."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def _draining(pool: Any, results: Iterator[R]) -> Iterator[R]:
    try:
        yield from results
    finally:
        pool.terminate()  # all results are in, or the run is being abandoned
        pool.join()


class DaskExecutor:
    """Tasks on a Dask cluster: the one at `scheduler`, or a local one of `n_workers` processes.

    Each worker process loads the spaCy pipeline once, at its first task, and keeps it.
    """

    def __init__(self, scheduler: str | None, n_workers: int) -> None:
        try:
            import distributed
        except ImportError as err:
            raise KgError("--executor dask needs Dask: pip install 'kg[dask]' (dask[distributed])") from err
        self._cluster: Any = None
        if scheduler:
            try:
                self._client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as err:
                raise KgError(
                    f"cannot reach the Dask scheduler at {scheduler}: {err}; start one with `dask scheduler` "
                    "(and workers with `dask worker ADDRESS --nthreads 1`), or leave out --scheduler "
                    "for a cluster on this machine"
                ) from err
        else:
            # its status pages on a free port: a second cluster on this machine must not clash
            self._cluster = distributed.LocalCluster(
                n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=":0"
            )
            self._client = distributed.Client(self._cluster)
        self._killed_worker: type[Exception] = distributed.KilledWorker
        self.n_workers = max(1, sum(self._client.nthreads().values()))

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        # a bounded window of tasks: the client never ships the whole corpus at once
        waiting = iter(items)
        first = [next(waiting) for _ in range(min(self.window, len(items)))]
        window = deque(self._client.submit(function, item, pure=False) for item in first)
        return self._gather(function, waiting, window)

    @property
    def window(self) -> int:
        return _TASKS_PER_WORKER * self.n_workers

    def _gather(self, function: Callable[[T], R], waiting: Iterator[T], window: deque[Any]) -> Iterator[R]:
        try:
            while window:
                future = window.popleft()
                try:
                    result = future.result()
                except self._killed_worker as err:
                    raise KgError(f"a Dask worker died while parsing ({err}): give workers more memory") from err
                future.release()
                for following in islice(waiting, 1):
                    window.append(self._client.submit(function, following, pure=False))
                yield result
        finally:
            for future in window:
                future.cancel()

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
