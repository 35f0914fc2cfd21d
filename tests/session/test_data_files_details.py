"""Open Data's readers (``session/data_files.py``) in detail: how much of a file is read, each
bound taken at its edge, blank lines and the separator, cells quoted in a refusal, and the
document made of a table. Found by mutation testing (see tests/MUTATION.md)."""

import numpy as np
import pytest

from lstm_studio.engine.refusal import Refusal
from lstm_studio.session import data_files
from lstm_studio.session.data_files import MAX_TEXT_BYTES, CsvTable, Verbatim, csv_document, parse_csv
from lstm_studio.session.document import LIMITS, NetworkConfig, new_document


def refused(call, *args) -> str:
    with pytest.raises(Refusal) as info:
        call(*args)
    return str(info.value)


# -- reading the bytes ---------------------------------------------------------------------------
class RecordedFile:
    """A real file whose reads are recorded."""

    def __init__(self, path, reads):
        self._file, self._reads = open(path, "rb"), reads

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._file.close()

    def fileno(self):
        return self._file.fileno()

    def read(self, size=-1):
        self._reads.append(size)
        return self._file.read(size)


def test_a_file_is_read_no_further_than_one_byte_past_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"ab\n" * (MAX_TEXT_BYTES // 2))  # 3 MB
    reads = []
    monkeypatch.setattr(data_files, "open", lambda name, mode: RecordedFile(name, reads), raising=False)
    assert refused(data_files.read_text_file, path) == (
        "The file has 3,000,000 bytes; a data file of this kind may have at most 2,000,000 bytes (2 MB).")
    assert reads == [MAX_TEXT_BYTES + 1]


def test_a_read_error_without_a_system_message_is_shown_as_it_is(tmp_path, monkeypatch):
    def failing(name, mode):
        raise OSError("the disk went away")

    monkeypatch.setattr(data_files, "open", failing, raising=False)
    assert refused(data_files.read_text_file, tmp_path / "t.txt") == "The file cannot be read: the disk went away."


def test_verbatim_values_equal_only_verbatim_values_of_the_same_text():
    assert Verbatim("a") == Verbatim("a")
    assert Verbatim("a") != Verbatim("b")
    assert Verbatim("a") != "a"
    assert f"[{Verbatim('ab'):>4}]" == "[  ab]"


# -- text ------------------------------------------------------------------------------------------
def test_a_text_of_two_different_characters_is_enough():
    assert data_files.task_text("ab" * 13) == "ab" * 13


def test_a_text_of_one_character_only_once_is_refused_quoting_it(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"x")
    assert refused(data_files.read_text_file, path) == (
        "The text uses only one character ('x'); next-character prediction needs at least two different "
        "characters.")


def test_a_text_of_as_many_different_characters_as_the_network_takes_is_accepted():
    limit = min(LIMITS["input_size"], LIMITS["output_size"])
    text = "".join(chr(0xAC00 + k) for k in range(limit))
    assert data_files.task_text(text) == text


# -- CSV -------------------------------------------------------------------------------------------
def test_blank_lines_anywhere_are_skipped_and_the_rows_after_them_kept():
    table = parse_csv("\n \nx,y\n\n1,2\n   \n3,4\n\t\n\n5,6\n")
    assert table.names == ["x", "y"]
    np.testing.assert_array_equal(table.values, [[1, 2], [3, 4], [5, 6]])
    np.testing.assert_array_equal(parse_csv("7\n\n8\n  \n9\n").values, [[7], [8], [9]])


def test_a_row_of_empty_cells_is_no_blank_line():
    assert refused(parse_csv, "1,2\n,\n") == "Row 2, column 1 is empty; every cell needs a number."
    assert refused(parse_csv, "1,2,3\n , ,\n") == "Row 2, column 1 is empty; every cell needs a number."


def test_the_separator_is_taken_from_the_first_line_only():
    # a tab-separated table with a decimal comma: the comma is part of the cell, not a separator
    assert refused(parse_csv, "x\ty\n1\t2,5\n") == 'Row 2, column 2 (y) holds "2,5", which is not a number.'
    # a comma-separated table with a semicolon in a column's name
    table = parse_csv("time,speed;avg\n0,1\n")
    assert table.names == ["time", "speed;avg"]
    np.testing.assert_array_equal(table.values, [[0, 1]])
    assert parse_csv("\n\na;b\n1;2\n").names == ["a", "b"]  # the first line that is not blank


def test_a_line_csv_cannot_read_is_refused_with_the_row_and_the_reason():
    text = "x,y\n1,2\n3," + "4" * 200_000 + "\n"
    assert refused(parse_csv, text) == "Row 3 cannot be read as CSV: field larger than field limit (131072)."


@pytest.mark.parametrize("cell, shown", [
    ("x" * 24, '"' + "x" * 24 + '"'),
    ("abcdefghijklmnopqrstuvwxy", '"abcdefghijklmnopqrstuvw…"'),  # 25 characters: 23 and an ellipsis
])
def test_a_long_cell_is_quoted_whole_up_to_24_characters_else_cut(cell, shown):
    assert refused(parse_csv, f"1,2\n3,{cell}\n") == f"Row 2, column 2 holds {shown}, which is not a number."


def test_numbers_up_to_the_documents_limit_are_accepted_and_overflowing_ones_refused():
    np.testing.assert_array_equal(parse_csv("1000000,-1e6\n").values, [[1e6, -1e6]])
    assert refused(parse_csv, "1,2\n3,1e400\n") == (
        'Row 2, column 2 holds "1e400", beyond the largest number a session takes (±1,000,000).')


def test_a_column_beyond_the_names_of_the_header_is_named_by_its_number():
    table = CsvTable(np.zeros((2, 3)), ["a", "b"])
    assert table.column_name(1) == "column 2 (b)"
    assert table.column_name(2) == "column 3"


# -- the document ----------------------------------------------------------------------------------
def test_a_column_the_table_does_not_have_is_an_error_of_the_caller():
    base = new_document(NetworkConfig(input_size=2, hidden_size=3, seq_len=4))
    table = CsvTable(np.ones((4, 2)))
    with pytest.raises(ValueError, match="^column 2 is not one of the table's 2$"):
        csv_document(base, table, [0], [2])
    with pytest.raises(ValueError, match="^column -1 is not one of the table's 2$"):
        csv_document(base, table, [-1], [1])


def test_the_loss_mask_of_a_table_is_true_at_every_step():
    base = new_document(NetworkConfig(input_size=2, hidden_size=3, seq_len=4))
    document = csv_document(base, parse_csv("1,2\n3,4\n5,6\n"), [0], [1])
    assert document.loss_mask.dtype == bool and document.loss_mask.tolist() == [True, True, True]
