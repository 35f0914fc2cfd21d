"""Editing the document: the input, target, weight and initial-state editors, their undo
commands and the Edit menu."""
