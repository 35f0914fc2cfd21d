"""Lessons in the app: the lesson dock, the Lessons menu and File ▸ Examples (see :mod:`.feature`)."""

from lstm_studio.app.lessons.feature import LessonsFeature, install

__all__ = ["LessonsFeature", "install"]
