"""The session document, its model and (de)serialization."""
