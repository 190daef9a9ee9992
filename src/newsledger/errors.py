"""Every error the library raises on purpose.

Hierarchy::

    NewsLedgerError          base of everything below; ``str()`` is a message a user can act on
    ├── InputError           an input cannot be read or is not an article (names the input)
    │   ├── BinaryInputError     the input looks like binary data, not text
    │   ├── EmptyInputError      the input has no text after cleaning
    │   └── InputTooLargeError   the input is larger than ``max_input_bytes``
    ├── ModelNotFoundError   no usable spaCy pipeline is installed
    ├── SettingsError        a settings file or value is invalid
    ├── FetchError           a URL or feed could not be fetched (timeout, redirects, refused address)
    ├── LedgerError          the database could not be opened or written
    └── ClusterError         a Dask cluster cannot be reached or used as asked
"""

from __future__ import annotations


class NewsLedgerError(Exception):
    """Base class; the message names the input and says what to do."""


class InputError(NewsLedgerError):
    def __init__(self, source: str | None, reason: str) -> None:
        self.source = source or "<input>"
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


class BinaryInputError(InputError):
    pass


class EmptyInputError(InputError):
    pass


class InputTooLargeError(InputError):
    pass


class ModelNotFoundError(NewsLedgerError):
    pass


class SettingsError(NewsLedgerError):
    pass


class FetchError(InputError):
    pass


class LedgerError(NewsLedgerError):
    pass


class ClusterError(NewsLedgerError):
    pass
