"""The corpora's generators, signals, documents and unit search in detail (mutation testing,
issue 17): what ``test_corpora.py`` states broadly, at its edges."""
