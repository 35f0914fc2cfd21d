"""The main window and what frames the panels: the network toolbar, the transport bar and
playback of the time cursor, and the memory returned after heavy moments."""
