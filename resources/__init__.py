"""Icons, translations, demo sessions and stylesheets (installed as ``lstm_studio.resources``)."""
