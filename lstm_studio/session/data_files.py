"""Data files a user opens (File ▸ Open Data…, or dropped on the window), read without Qt.

* A **text** file (UTF-8, with or without a byte-order mark; any script, emoji too) becomes the
  text of the next-character task: :func:`read_text_file`. Line breaks are normalised to ``\\n``.
* A **CSV** table of numbers (a header row is optional) becomes a regression sequence, one step per
  row: :func:`read_csv_file` reads it into a :class:`CsvTable`, :func:`csv_document` turns the
  columns chosen as inputs and targets into the session.

:func:`read_data_file` chooses by the file's extension, and for other names by the contents.

Whatever is refused raises a :class:`~lstm_studio.engine.refusal.Refusal` whose message says why
(the limit, the byte offset, the row and column) and is translated by the app. Nothing refers to
the file afterwards: the text or the numbers go into the session document, so a saved session
opens anywhere.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lstm_studio.engine.refusal import QT_TRANSLATE_NOOP, Phrase, Refusal
from lstm_studio.engine.tasks import NextCharacter
from lstm_studio.session.column_names import with_column_names
from lstm_studio.session.document import LIMITS, VALUE_LIMIT, SessionDocument, opening_view, reconfigured
from lstm_studio.session.experiments import default_settings

__all__ = ["CSV_SUFFIXES", "MAX_CSV_BYTES", "MAX_TEXT_BYTES", "TEXT_SUFFIXES", "CsvTable", "csv_document",
           "decode_text", "default_columns", "is_csv", "is_data_file", "is_series", "min_text_characters",
           "parse_csv",
           "read_csv_file", "read_data_file", "read_text_file", "task_text"]

MAX_TEXT_BYTES = 2_000_000
"""Largest text file Open Data reads (2 MB: Tiny Shakespeare's 1.1 MB fits; a Korean text of about
660,000 syllables). The next-character task itself takes up to ``MAX_TEXT_CHARS`` characters."""
MAX_CSV_BYTES = 10_000_000
"""Largest CSV file Open Data reads (10 MB: 2,000 rows of a few hundred numbers)."""
TEXT_SUFFIXES = (".txt", ".text", ".md")
"""Files dropped on the window that open as text (any other name can be opened as text with
File ▸ Open Data…)."""
CSV_SUFFIXES = (".csv", ".tsv")
"""Files that open as a table of numbers."""

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_NOT_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)


class Verbatim:
    """A value of a refusal shown as it is, never looked up in the translations (a cell's text,
    a column's name, an operating-system message)."""

    def __init__(self, text: str):
        self.text = str(text)

    def __str__(self) -> str:
        return self.text

    def __format__(self, spec: str) -> str:
        return format(self.text, spec)

    def __repr__(self) -> str:
        return f"Verbatim({self.text!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Verbatim) and other.text == self.text

    __hash__ = None


def is_csv(path) -> bool:
    """Whether Open Data reads ``path`` as a CSV table (by its extension); else as text."""
    return Path(path).suffix.lower() in CSV_SUFFIXES


def is_data_file(path) -> bool:
    """Whether a file dropped on the window opens as data (a text or CSV extension)."""
    return Path(path).suffix.lower() in TEXT_SUFFIXES + CSV_SUFFIXES


# -- bytes to text ----------------------------------------------------------------------------
def _read_bytes(path, limit: int) -> bytes:
    """The bytes of ``path``; refused when it cannot be read or is larger than ``limit``."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            data = fh.read(limit + 1)
    except OSError as exc:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The file cannot be read: {reason}."),
                      reason=Verbatim(exc.strerror or str(exc))) from None
    _check_size(size, len(data), limit)
    return data


def _check_size(size: int, read: int, limit: int) -> None:
    if read > limit:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The file has {size} bytes; a data file of this kind may have at most {limit} bytes ({megabytes} MB)."),  # noqa: E501 - one literal for lupdate
                      size=f"{max(size, read):,}", limit=f"{limit:,}", megabytes=f"{limit / 1e6:g}")


def decode_text(data: bytes) -> str:
    """``data`` as text: UTF-8 with or without a byte-order mark, line breaks as ``\\n``. Refused:
    nothing or only whitespace, UTF-16, a NUL byte (a binary file), bytes that are no UTF-8 (the
    byte offset said, counted from the file's start)."""
    if not data:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The file is empty."))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The file is UTF-16 text; save it as UTF-8 and open it again."))
    nul = data.find(b"\x00")
    if nul >= 0:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The file looks binary, not like text: it holds a NUL byte at byte offset {offset}."),  # noqa: E501 - one literal for lupdate
                      offset=f"{nul:,}")
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The file is not UTF-8 text: the bytes at byte offset {offset} ({bytes}) are not a UTF-8 character. Save it as UTF-8 and open it again."),  # noqa: E501 - one literal for lupdate
                      offset=f"{offset:,}", bytes=Verbatim(data[offset:skip + exc.end].hex(" ").upper())) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The file holds only whitespace (spaces and line breaks)."))
    return text


# -- text for the next-character task ---------------------------------------------------------
def min_text_characters() -> int:
    """Fewest characters of a text the next-character task takes: an example window of its
    preset's length and the character after it."""
    return NextCharacter().preset["seq_len"] + 1


def read_text_file(path) -> str:
    """The text of ``path`` for the next-character task (see :func:`decode_text`); also refused:
    more than :data:`MAX_TEXT_BYTES`, fewer than two different characters, more different
    characters than the network takes inputs, too short for one example window."""
    return task_text(decode_text(_read_bytes(path, MAX_TEXT_BYTES)))


def read_data_file(path) -> str | CsvTable:
    """What Open Data reads from ``path``: a :class:`CsvTable` for a CSV name (:func:`is_csv`),
    the text for a text name (:data:`TEXT_SUFFIXES`); for any other name, a table when the contents
    are one (a header and columns of numbers), else the text."""
    suffix = Path(path).suffix.lower()
    if suffix in CSV_SUFFIXES:
        return read_csv_file(path)
    if suffix in TEXT_SUFFIXES:
        return read_text_file(path)
    data = _read_bytes(path, MAX_CSV_BYTES)
    text = decode_text(data)
    try:
        return parse_csv(text)
    except Refusal:
        pass  # not a table: a text
    _check_size(len(data), len(data), MAX_TEXT_BYTES)
    return task_text(text)


def task_text(text: str) -> str:
    """``text`` (decoded) when the next-character task can learn it; else refused: fewer than two
    different characters, more different characters than the network takes inputs, too short for
    one example window."""
    characters = set(text)
    if len(characters) < 2:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The text uses only one character ({character}); next-character prediction needs at least two different characters."),  # noqa: E501 - one literal for lupdate
                      character=Verbatim(repr(text[0])))
    limit = min(LIMITS["input_size"], LIMITS["output_size"])
    if len(characters) > limit:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The text uses {count} different characters; the next-character task takes at most {limit} (one input and one output per character). Use a shorter text or one with fewer different characters."),  # noqa: E501 - one literal for lupdate
                      count=f"{len(characters):,}", limit=f"{limit:,}")
    minimum = min_text_characters()
    if len(text) < minimum:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The text has {characters} characters; the next-character task needs at least {minimum} (an example window of {steps} steps and the character after it)."),  # noqa: E501 - one literal for lupdate
                      characters=len(text), minimum=minimum, steps=minimum - 1)
    return text


# -- CSV tables ---------------------------------------------------------------------------------
@dataclass
class CsvTable:
    """The numbers of a CSV file: ``values`` (rows, columns) float64, and the column names of its
    header row (``None`` when it has none)."""

    values: np.ndarray
    names: list[str] | None = None

    @property
    def columns(self) -> int:
        return self.values.shape[1]

    def column_name(self, column: int) -> str:
        """The header's name of ``column`` (0-based), else "column N" (1-based), in English."""
        return str(column_label(self.names, column))


def column_label(names: list[str] | None, column: int) -> Phrase:
    """How a refusal names ``column`` (0-based): its number from 1 and its header name, if any."""
    name = names[column].strip() if names and column < len(names) else ""
    if name:
        return Phrase(QT_TRANSLATE_NOOP("Refusal", "column {number} ({name})"), number=column + 1, name=Verbatim(name))
    return Phrase(QT_TRANSLATE_NOOP("Refusal", "column {number}"), number=column + 1)


def _delimiter(text: str) -> str:
    """The separator of the table: a comma, else a tab, else a semicolon (from the first line
    that is not blank); a comma for a table of one column."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    for candidate in (",", "\t", ";"):
        if candidate in first:
            return candidate
    return ","


def _is_number(cell: str) -> bool:
    return bool(_NUMBER.fullmatch(cell.strip()))


def parse_csv(text: str) -> CsvTable:
    """The table in ``text`` (see :func:`read_csv_file`)."""
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text), skipinitialspace=True)
    names, rows, width, width_row = None, [], None, 0
    try:
        for cells in reader:
            if not cells or all(not cell.strip() for cell in cells) and len(cells) == 1:
                continue  # a blank line
            row = reader.line_num
            if width is None:
                width, width_row = len(cells), row
                if not any(_is_number(cell) for cell in cells):
                    names = [cell.strip() for cell in cells]
                    continue
            if len(cells) != width:
                raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The number of cells changes at row {row}: {cells} there, {columns} in row {first}. Every row needs the same number of columns."),  # noqa: E501 - one literal for lupdate
                              row=row, cells=len(cells), first=width_row, columns=width)
            rows.append([_cell_value(cell, row, column, names) for column, cell in enumerate(cells)])
    except csv.Error as exc:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "Row {row} cannot be read as CSV: {reason}."),
                      row=reader.line_num, reason=Verbatim(str(exc))) from None
    if not rows:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The table holds no rows of numbers."))
    if len(rows) > LIMITS["seq_len"]:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The table has {rows} rows of numbers; a sequence has at most {limit} steps (one per row)."),  # noqa: E501 - one literal for lupdate
                      rows=f"{len(rows):,}", limit=f"{LIMITS['seq_len']:,}")
    return CsvTable(np.array(rows, dtype=np.float64), names)


def _cell_value(cell: str, row: int, column: int, names) -> float:
    text = cell.strip()
    where = dict(row=row, column=column_label(names, column))
    shown = Verbatim('"' + (text if len(text) <= 24 else text[:23] + "…") + '"')
    if not text:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "Row {row}, {column} is empty; every cell needs a number."), **where)
    if _NOT_FINITE.fullmatch(text):
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "Row {row}, {column} holds {value}: NaN and infinite values cannot be learned from."),  # noqa: E501 - one literal for lupdate
                      value=shown, **where)
    if not _NUMBER.fullmatch(text):
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "Row {row}, {column} holds {value}, which is not a number."),
                      value=shown, **where)
    value = float(text)
    if not math.isfinite(value) or abs(value) > VALUE_LIMIT:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "Row {row}, {column} holds {value}, beyond the largest number a session takes (±{limit})."),  # noqa: E501 - one literal for lupdate
                      value=shown, limit=f"{VALUE_LIMIT:,.0f}", **where)
    return value


def read_csv_file(path) -> CsvTable:
    """The table of numbers in the CSV file ``path``: UTF-8 (see :func:`decode_text`), cells
    separated by commas (or tabs, or semicolons), a first row without any number taken as the
    header. Refused, with the row (the file's line) and the column: rows of different lengths,
    empty cells, text, NaN or infinite values, numbers beyond the document's limit; also a table
    without rows or with more rows than a sequence has steps. A table of one column is a series
    (see :func:`default_columns`)."""
    return parse_csv(decode_text(_read_bytes(path, MAX_CSV_BYTES)))


def default_columns(table: CsvTable) -> tuple[list[int], list[int]]:
    """The columns proposed as inputs and targets: every column but the last, and the last; for a
    table of one column, that column as both (a series: each value predicts the next)."""
    if table.columns == 1:
        return [0], [0]
    return list(range(table.columns - 1)), [table.columns - 1]


def is_series(inputs, targets) -> bool:
    """Whether a choice of columns predicts the next row: a target column that is also an input
    (its value at step t+1 is the target at step t)."""
    return bool(set(inputs) & set(targets))


def csv_document(document: SessionDocument, table: CsvTable, inputs, targets) -> SessionDocument:
    """``document`` learning the table: the ``inputs`` columns (0-based) are the input sequence,
    the ``targets`` columns its targets, one step per row (squared-error loss at every step, no
    task: the dock trains on this sequence). When a target column is also an input
    (:func:`is_series`) the targets are the next row's values: row t is read at step t and row
    t+1 is its target, so a table of R rows is R-1 steps. The header's names of the columns are
    kept as the channels' names (:mod:`lstm_studio.session.column_names`). The network keeps its
    kind and hidden size, its input and output sizes follow the columns (weights that still fit
    are kept). Refused: no input or no target column, a series of a single row, or more columns
    than the network takes."""
    inputs, targets = [int(c) for c in inputs], [int(c) for c in targets]
    if not inputs:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "Choose at least one input column."))
    if not targets:
        raise Refusal(QT_TRANSLATE_NOOP("Refusal", "Choose at least one target column."))
    for column in inputs + targets:
        if not 0 <= column < table.columns:
            raise ValueError(f"column {column} is not one of the table's {table.columns}")
    rows = table.values
    read, wanted = rows, rows
    if is_series(inputs, targets):
        if len(rows) < 2:
            raise Refusal(QT_TRANSLATE_NOOP("Refusal", "The table has one row; predicting the next value needs at least two."))  # noqa: E501 - one literal for lupdate
        read, wanted = rows[:-1], rows[1:]
    steps = read.shape[0]
    result = reconfigured(document, input_size=len(inputs), output_size=len(targets), seq_len=steps)
    result.inputs = read[:, inputs].copy()
    result.targets = wanted[:, targets].copy()
    result.loss = "mse"
    result.loss_mask = np.ones(steps, dtype=bool)
    result.task, result.history = None, {}
    names = table.names
    result.training = with_column_names(default_settings(None), names and [names[c] for c in inputs],
                                        names and [names[c] for c in targets])
    return opening_view(result)
