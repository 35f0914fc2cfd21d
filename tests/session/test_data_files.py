"""Open Data's readers without Qt: text for next-character prediction and CSV tables of numbers,
with every refusal's exact message."""

import numpy as np
import pytest

from lstm_studio.engine.refusal import Phrase, Refusal
from lstm_studio.session import data_files
from lstm_studio.session.data_files import (
    MAX_CSV_BYTES,
    MAX_TEXT_BYTES,
    CsvTable,
    Verbatim,
    csv_document,
    decode_text,
    parse_csv,
    read_csv_file,
    read_text_file,
)
from lstm_studio.session import column_names
from lstm_studio.session.document import LIMITS, NetworkConfig, new_document, reconfigured
from lstm_studio.session.experiments import task_document
from lstm_studio.session.io import load_session, save_session

ENGLISH = "the quick brown fox jumps over the lazy dog.\n" * 3
KOREAN = "다람쥐 헌 쳇바퀴에 타고파. 😀🎉 그리고 또 다람쥐가 쳇바퀴를 돕니다.\n"


def write(tmp_path, data, name="t.txt"):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def refused(call, *args) -> str:
    with pytest.raises(Refusal) as info:
        call(*args)
    return str(info.value)


# -- text -----------------------------------------------------------------------------------------
def test_korean_and_emoji_text_is_read_as_it_is(tmp_path):
    text = read_text_file(write(tmp_path, KOREAN))
    assert text == KOREAN
    assert "😀" in text and len("😀") == 1  # an astral character is one character, no surrogates
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


def test_a_byte_order_mark_is_dropped_and_line_breaks_become_newlines(tmp_path):
    data = b"\xef\xbb\xbf" + "first line\r\nsecond line\rthird line\nand a fourth one".encode()
    assert read_text_file(write(tmp_path, data)) == "first line\nsecond line\nthird line\nand a fourth one"


def test_the_text_sets_up_the_task_as_pasting_it_would(tmp_path):
    text = read_text_file(write(tmp_path, KOREAN))
    document = task_document("next_char", text=text)
    assert document.training["task_options"]["text"] == KOREAN
    assert document.config.input_size == len(set(KOREAN))


def test_an_empty_file_is_refused(tmp_path):
    assert refused(read_text_file, write(tmp_path, b"")) == "The file is empty."


def test_a_file_of_whitespace_is_refused(tmp_path):
    assert refused(read_text_file, write(tmp_path, " \t\r\n\n  \u3000")) == \
        "The file holds only whitespace (spaces and line breaks)."


def test_a_binary_file_is_refused_with_the_offset_of_its_nul_byte(tmp_path):
    assert refused(read_text_file, write(tmp_path, b"PK\x03\x04abc\x00\x00")) == \
        "The file looks binary, not like text: it holds a NUL byte at byte offset 7."


def test_utf16_is_refused_with_what_to_do(tmp_path):
    assert refused(read_text_file, write(tmp_path, "hello".encode("utf-16"))) == \
        "The file is UTF-16 text; save it as UTF-8 and open it again."


def test_bytes_that_are_no_utf8_are_refused_with_their_offset(tmp_path):
    data = ("안녕하세요 " * 10).encode("utf-8") + b"caf\xe9 au lait and more text here"
    offset = len(("안녕하세요 " * 10).encode("utf-8")) + 3
    assert refused(read_text_file, write(tmp_path, data)) == (
        f"The file is not UTF-8 text: the bytes at byte offset {offset} (E9) are not a UTF-8 character. "
        "Save it as UTF-8 and open it again.")


def test_the_offset_counts_the_byte_order_mark(tmp_path):
    message = refused(decode_text, b"\xef\xbb\xbfab\xff")
    assert "byte offset 5 (FF)" in message


def test_an_encoded_surrogate_is_refused(tmp_path):
    assert "byte offset 2 (ED)" in refused(decode_text, b"ab\xed\xa0\x80cd")


def test_a_file_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path):
    line = "abcdefghij" * 9 + "\n" * 10  # 100 bytes
    at_limit = write(tmp_path, line * (MAX_TEXT_BYTES // 100), "big.txt")
    assert len(read_text_file(at_limit)) == MAX_TEXT_BYTES
    above = write(tmp_path, line * (MAX_TEXT_BYTES // 100) + "x", "bigger.txt")
    assert refused(read_text_file, above) == (
        "The file has 2,000,001 bytes; a data file of this kind may have at most 2,000,000 bytes (2 MB).")


def test_a_text_of_one_character_is_refused(tmp_path):
    assert refused(read_text_file, write(tmp_path, "aaaa" * 20)) == (
        "The text uses only one character ('a'); next-character prediction needs at least two different "
        "characters.")


def test_a_text_too_short_for_one_example_is_refused(tmp_path):
    assert data_files.min_text_characters() == 26
    assert refused(read_text_file, write(tmp_path, "hello world")) == (
        "The text has 11 characters; the next-character task needs at least 26 (an example window of 25 "
        "steps and the character after it).")
    assert read_text_file(write(tmp_path, "abcdefghijklmnopqrstuvwxyz")) == "abcdefghijklmnopqrstuvwxyz"


def test_a_text_of_more_characters_than_inputs_is_refused(tmp_path):
    syllables = "".join(chr(0xAC00 + k) for k in range(LIMITS["input_size"] + 1))
    assert refused(read_text_file, write(tmp_path, syllables * 2)) == (
        f"The text uses {LIMITS['input_size'] + 1:,} different characters; the next-character task takes at "
        f"most {LIMITS['input_size']:,} (one input and one output per character). Use a shorter text or one "
        "with fewer different characters.")


def test_a_file_that_cannot_be_read_is_refused(tmp_path):
    assert refused(read_text_file, tmp_path / "missing.txt") == "The file cannot be read: No such file or directory."
    assert refused(read_text_file, tmp_path).startswith("The file cannot be read: ")


def test_refusal_values_that_are_names_or_cells_are_not_translated(tmp_path):
    with pytest.raises(Refusal) as info:
        parse_csv("speed,label\n1,fast\n")
    values = info.value.values
    assert isinstance(values["value"], Verbatim) and isinstance(values["column"], Phrase)
    assert isinstance(values["column"].values["name"], Verbatim)


# -- CSV ------------------------------------------------------------------------------------------
def test_a_table_with_a_header_keeps_the_names(tmp_path):
    table = read_csv_file(write(tmp_path, "\ufefftime,speed,distance\r\n0,1.5,0\r\n1,2,-1e-3\r\n\r\n", "t.csv"))
    assert table.names == ["time", "speed", "distance"]
    np.testing.assert_array_equal(table.values, [[0, 1.5, 0], [1, 2, -0.001]])
    assert table.column_name(1) == "column 2 (speed)"


def test_a_table_without_a_header(tmp_path):
    table = read_csv_file(write(tmp_path, "1,2\n3,4\n5,6\n", "t.csv"))
    assert table.names is None
    np.testing.assert_array_equal(table.values, [[1, 2], [3, 4], [5, 6]])
    assert table.column_name(0) == "column 1"


@pytest.mark.parametrize("text", ["1\t2\n3\t4\n", "1;2\n3;4\n", ' "1" , 2 \n3,4\n'])
def test_tabs_semicolons_quotes_and_spaces(text):
    np.testing.assert_array_equal(parse_csv(text).values, [[1, 2], [3, 4]])


def test_ragged_rows_are_refused_with_the_row():
    assert refused(parse_csv, "a,b,c\n1,2,3\n4,5\n") == (
        "The number of cells changes at row 3: 2 there, 3 in row 1. Every row needs the same number of columns.")
    assert "changes at row 2: 3 there, 2 in row 1" in refused(parse_csv, "1,2\n3,4,5\n")


@pytest.mark.parametrize("cell", ["nan", "NaN", "inf", "-Infinity"])
def test_nan_and_infinite_values_are_refused_with_row_and_column(cell):
    assert refused(parse_csv, f"x,y\n1,2\n3,{cell}\n") == (
        f'Row 3, column 2 (y) holds "{cell}": NaN and infinite values cannot be learned from.')


def test_a_text_cell_is_refused_with_row_and_column():
    assert refused(parse_csv, "1,2,3\n4,five,6\n") == 'Row 2, column 2 holds "five", which is not a number.'
    assert refused(parse_csv, "t,x\n0,1\n1,1,5\n") == (
        "The number of cells changes at row 3: 3 there, 2 in row 1. Every row needs the same number of columns.")
    assert refused(parse_csv, "t,x\n0,1\n1,1.2.3\n") == 'Row 3, column 2 (x) holds "1.2.3", which is not a number.'


def test_an_empty_cell_is_refused():
    assert refused(parse_csv, "1,2\n,4\n") == "Row 2, column 1 is empty; every cell needs a number."


def test_a_number_beyond_the_documents_limit_is_refused():
    assert refused(parse_csv, "1,2\n3,2e6\n") == (
        'Row 2, column 2 holds "2e6", beyond the largest number a session takes (±1,000,000).')


def test_tables_without_numbers_are_refused(tmp_path):
    assert refused(parse_csv, "a,b\n") == "The table holds no rows of numbers."
    assert refused(parse_csv, "level\n") == "The table holds no rows of numbers."
    assert refused(parse_csv, "\n\n") == "The table holds no rows of numbers."
    assert refused(read_csv_file, write(tmp_path, b"", "e.csv")) == "The file is empty."
    assert "NUL byte" in refused(read_csv_file, write(tmp_path, b"1,2\x00", "b.csv"))


def test_more_rows_than_a_sequence_has_steps_are_refused():
    limit = LIMITS["seq_len"]
    assert parse_csv("1,2\n" * limit).values.shape == (limit, 2)
    assert refused(parse_csv, "1,2\n" * (limit + 1)) == (
        f"The table has {limit + 1:,} rows of numbers; a sequence has at most {limit:,} steps (one per row).")


def test_a_csv_file_above_its_limit_is_refused(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"1,2\n" * (MAX_CSV_BYTES // 4) + b"3")
    assert refused(read_csv_file, path) == (
        "The file has 10,000,001 bytes; a data file of this kind may have at most 10,000,000 bytes (10 MB).")


def test_the_default_columns_are_all_but_the_last_as_inputs():
    assert data_files.default_columns(CsvTable(np.zeros((3, 4)))) == ([0, 1, 2], [3])
    assert data_files.default_columns(CsvTable(np.zeros((3, 1)))) == ([0], [0])  # a series


def test_a_single_column_is_a_series_that_predicts_its_next_value(tmp_path):
    table = parse_csv("level\n1\n4\n9\n16\n")
    assert table.values.shape == (4, 1) and table.names == ["level"]
    document = csv_document(task_document("next_char"), table, *data_files.default_columns(table))
    assert document.config.input_size == document.config.output_size == 1
    assert document.config.seq_len == 3  # four rows: three steps, each with the next value as target
    np.testing.assert_array_equal(document.inputs[:, 0], [1, 4, 9])
    np.testing.assert_array_equal(document.targets[:, 0], [4, 9, 16])
    assert column_names.input_names(document) == ["level"] and column_names.target_names(document) == ["level"]
    assert csv_document(task_document("next_char"), parse_csv("1\n2\n"), [0], [0]).config.seq_len == 1
    assert refused(csv_document, task_document("next_char"), parse_csv("7\n"), [0], [0]) == (
        "The table has one row; predicting the next value needs at least two.")


def test_a_target_column_that_is_also_an_input_is_predicted_one_row_ahead():
    table = parse_csv("x,y\n1,10\n2,20\n3,30\n")
    document = csv_document(task_document("next_char"), table, [0, 1], [1])
    np.testing.assert_array_equal(document.inputs, [[1, 10], [2, 20]])
    np.testing.assert_array_equal(document.targets, [[20], [30]])


def test_the_header_names_the_channels_and_survives_a_save(tmp_path):
    table = parse_csv("time,temperature,rain\n" + "".join(f"{t},{t * 2},{t % 2}\n" for t in range(10)))
    document = csv_document(task_document("next_char"), table, [0, 2], [1])
    assert column_names.input_names(document) == ["time", "rain"]
    assert column_names.target_names(document) == ["temperature"]
    path = tmp_path / "named.lstms"
    save_session(document, path)
    loaded = load_session(path)
    assert loaded.equals(document) and column_names.input_names(loaded) == ["time", "rain"]
    assert column_names.target_names(loaded) == ["temperature"]


def test_a_table_without_header_or_a_file_without_names_has_none(tmp_path):
    document = csv_document(task_document("next_char"), parse_csv("1,2\n3,4\n"), [0], [1])
    assert "column_names" not in document.training
    assert column_names.input_names(document) is None and column_names.target_names(document) is None
    old = new_document(NetworkConfig(input_size=2, hidden_size=3, seq_len=4))  # as an older file loads
    path = tmp_path / "old.lstms"
    save_session(old, path)
    assert column_names.input_names(load_session(path)) is None


def test_names_that_no_longer_fit_the_channels_are_not_used():
    table = parse_csv("a,b,c\n1,2,3\n4,5,6\n")
    document = csv_document(task_document("next_char"), table, [0, 1], [2])
    assert column_names.input_names(document) == ["a", "b"]
    document = reconfigured(document, input_size=3)  # a channel added in the editor
    assert column_names.input_names(document) is None and column_names.target_names(document) == ["c"]
    document.training["column_names"] = {"inputs": [1, 2, 3], "targets": "c"}  # edited by hand
    assert column_names.input_names(document) is None and column_names.target_names(document) is None


def test_the_document_learns_the_chosen_columns(tmp_path):
    base = task_document("next_char")
    table = parse_csv("a,b,c,d\n" + "".join(f"{t},{t * 2},{-t},{t % 3}\n" for t in range(30)))
    document = csv_document(base, table, [0, 2], [3, 1])
    assert document.config.input_size == 2 and document.config.output_size == 2
    assert document.config.seq_len == 30
    assert document.config.kind == base.config.kind and document.config.hidden_size == base.config.hidden_size
    np.testing.assert_array_equal(document.inputs, table.values[:, [0, 2]])
    np.testing.assert_array_equal(document.targets, table.values[:, [3, 1]])
    assert document.loss == "mse" and document.task is None and document.loss_mask.all()
    assert document.view.time_step == 29
    path = tmp_path / "s.lstms"
    save_session(document, path)
    assert load_session(path).equals(document)  # the numbers are in the session, not the file


def test_a_document_needs_an_input_and_a_target_column():
    base = new_document(NetworkConfig(input_size=2, hidden_size=3, seq_len=4))
    table = CsvTable(np.ones((4, 2)))
    assert refused(csv_document, base, table, [], [1]) == "Choose at least one input column."
    assert refused(csv_document, base, table, [0], []) == "Choose at least one target column."


def test_the_extension_chooses_the_reader():
    assert data_files.is_csv("a/B.CSV") and data_files.is_csv("x.tsv") and not data_files.is_csv("x.txt")
    assert data_files.is_data_file("notes.txt") and data_files.is_data_file("t.csv")
    assert not data_files.is_data_file("s.lstms") and not data_files.is_data_file("a.png")


def test_other_names_are_read_as_a_table_when_the_contents_are_one(tmp_path):
    table = data_files.read_data_file(write(tmp_path, "x,y\n1,2\n3,4\n", "measurements.dat"))
    assert isinstance(table, CsvTable) and table.names == ["x", "y"]
    assert data_files.read_data_file(write(tmp_path, ENGLISH, "README")) == ENGLISH
    assert data_files.read_data_file(write(tmp_path, "1, 2 and 3, 4 are pairs; " * 3, "pairs.log")) == \
        "1, 2 and 3, 4 are pairs; " * 3
    assert isinstance(data_files.read_data_file(write(tmp_path, "1,2\n", "t.csv")), CsvTable)
    assert data_files.read_data_file(write(tmp_path, "1,2\n3,4\n" * 5, "t.txt")) == "1,2\n3,4\n" * 5
    assert refused(data_files.read_data_file, write(tmp_path, b"\x00", "blob")).startswith("The file looks binary")
    big = write(tmp_path, "ab" * (MAX_TEXT_BYTES // 2) + "c", "big.log")
    assert refused(data_files.read_data_file, big) == (
        "The file has 2,000,001 bytes; a data file of this kind may have at most 2,000,000 bytes (2 MB).")
