"""Stopping a run: Ctrl-C, SIGTERM and SIGHUP end it with the output folder as it was.

`stopping_signals` turns each signal into an exception in the main thread and also records
it. The record matters because a library can swallow the exception: Cython's module set-up
clears errors raised while it registers classes with `collections.abc`, so a Ctrl-C that
lands while spaCy is imported would otherwise be lost and the run would go on to replace the
output. `raise_if_stopped` raises a recorded signal again at the points that must not be
passed after a stop: between documents and before the output files are renamed into place.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from kg.errors import Stopped

_STOPPING_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_received: list[int] = []  # the signals that arrived under `stopping_signals`, first first


def _stop(signum: int) -> None:
    raise KeyboardInterrupt if signum == signal.SIGINT else Stopped(signum)


def _record_and_stop(signum: int, frame: FrameType | None) -> None:
    _received.append(signum)
    _stop(signum)


def _can_handle_signals() -> bool:
    return sys.platform != "win32" and threading.current_thread() is threading.main_thread()


@contextmanager
def stopping_signals() -> Iterator[None]:
    """Under the block, Ctrl-C raises KeyboardInterrupt and SIGTERM or SIGHUP raise `Stopped`."""
    if not _can_handle_signals():
        yield
        return
    _received.clear()
    previous = {signum: signal.signal(signum, _record_and_stop) for signum in _STOPPING_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        _received.clear()


def raise_if_stopped() -> None:
    """Raise again a stopping signal that arrived earlier, even if its exception was swallowed."""
    if _received:
        _stop(_received[0])


@contextmanager
def stopping_signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP during the block are ignored: it lasts microseconds, and
    after it the run is done. A signal that came before it stops the run here instead."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach the main thread only
        return
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in _STOPPING_SIGNALS}
    try:
        raise_if_stopped()
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
