"""Help in the app: the Help menu and its windows, View ▸ Theme and View ▸ Language (see :mod:`.feature`)."""

from lstm_studio.app.help.feature import HelpFeature, install

__all__ = ["HelpFeature", "install"]
