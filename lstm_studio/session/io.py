"""Placeholder: the .lstms session file format (filled in by the sessions issue)."""


class SessionFileError(Exception):
    """A session file cannot be opened or saved; the message says why, for the user."""


def load_session(path):
    """Read a .lstms file into a SessionDocument, or raise SessionFileError."""
    raise SessionFileError("Opening session files is not available yet.")


def save_session(document, path):
    """Write a SessionDocument to a .lstms file atomically, or raise SessionFileError."""
    raise SessionFileError("Saving session files is not available yet.")
