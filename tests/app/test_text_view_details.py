"""The text view, the search for units by example and the gate saturation plot in detail (issue 17):
what is shown for which unit, the search's span and rows, the window moved, the saturation points."""
