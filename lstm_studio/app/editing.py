"""Placeholder: filled in by its own issue."""


def install(window) -> None:
    """Add this feature's docks, menus and actions to the main window."""
