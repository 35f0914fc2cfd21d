"""Open Data's app side in detail (issue 17): the columns dialog's choices and texts, the action's
refusals and status lines, the recent data files, without the main window where it is not needed."""
