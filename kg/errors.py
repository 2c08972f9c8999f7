"""The few errors kg raises; cli.py turns each into one line on stderr."""


class KgError(Exception):
    """Base class: the message names the bad value and how to fix it."""


class InputError(KgError):
    """A path to read is missing, empty or unusable."""


class OutputError(KgError):
    """The output folder cannot be written."""


class ModelError(KgError):
    """The spaCy pipeline cannot be loaded."""


class StoreError(KgError):
    """A triple store refused a request or could not be reached."""


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP: the run stops as it does on Ctrl-C, leaving the output as it was."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
