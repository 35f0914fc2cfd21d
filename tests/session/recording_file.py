"""A stand-in for an open file that records the sizes asked of ``read``: tests that a reader stops
just past its size cap instead of reading a huge file whole."""


class RecordingFile:
    def __init__(self, file, asked: list):
        self.file, self.asked = file, asked

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.file.close()

    def read(self, size=-1):
        self.asked.append(size)
        return self.file.read(size)
