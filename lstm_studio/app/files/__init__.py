"""Files: open, save, recent files, drag & drop, autosave and crash recovery, import/export of
weights and the export of images and traces."""
