"""Compile a Qt Linguist ``.ts`` file into the binary ``.qm`` that QTranslator loads, in pure
Python: the wheel's build step (``setup.py``) uses it, so building needs neither PySide6 nor a
subprocess. The output is byte for byte what Qt's ``lrelease`` writes in its default mode
(``tests/test_packaging.py`` compares the two on the app's catalogues and on a file of edge
cases).

Usage: ``python packaging/ts_to_qm.py IN.ts OUT.qm``.

Format (Qt's ``qm.cpp``): a 16-byte magic, then sections ``tag (1 byte), length (4 bytes,
big-endian), data``: the language code, a table of (hash, offset) pairs sorted by hash, the
messages, and the plural rules. Each message is its translations (UTF-16BE strings) followed by
its comment, source text and context (UTF-8), each behind a one-byte tag.

Only the Python standard library is used (the file is loaded by path from ``setup.py``).
"""

from __future__ import annotations

import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

MAGIC = bytes([0x3C, 0xB8, 0x64, 0x18, 0xCA, 0xEF, 0x9C, 0x95,
               0xCD, 0x21, 0x1C, 0xBF, 0x60, 0xA1, 0xBD, 0xDD])

# section tags
HASHES, MESSAGES, NUMERUS_RULES, LANGUAGE = 0x42, 0x69, 0x88, 0xA7
# message tags
TAG_END, TAG_TRANSLATION, TAG_SOURCE_TEXT, TAG_CONTEXT, TAG_COMMENT = 1, 3, 6, 7, 8

PLURALS = {
    "en": (bytes([0x01, 0x01]), 2),  # Q_EQ 1: one form for n == 1, the other for the rest
    "ko": (b"", 1),                  # one form for every n: no rules, no section
}
"""Language -> (Qt's plural rules from ``numerus.cpp``, number of plural forms) for the languages
the app ships; a new language needs its entry here (compile a ``.ts`` with ``lrelease`` and copy
the bytes after the 0x88 section tag)."""

BINARY_VARIANT_SEPARATOR = "\u009c"
"""Qt joins ``<lengthvariant>`` texts with this character."""


class TsError(ValueError):
    """A ``.ts`` file this compiler cannot read."""


def elf_hash(data: bytes) -> int:
    """Qt's hash of a message key (source text + comment, UTF-8); never 0."""
    h = 0
    for byte in data:
        if byte == 0:  # a C string ends at the first NUL
            break
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def _text(element: ET.Element | None) -> str:
    """The text of ``element`` with Qt's ``<byte value="x1b"/>`` escapes resolved."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "byte":
            value = child.get("value", "")
            code = int(value[1:], 16) if value[:1] in ("x", "X") else int(value)
            parts.append(chr(code))
        else:
            raise TsError(f"unsupported element <{child.tag}> inside <{element.tag}>")
        parts.append(child.tail or "")
    return "".join(parts)


def _translations(message: ET.Element) -> tuple[str, list[str | None]]:
    """``(type, texts)`` of a message's ``<translation>``: one text, or one per plural form."""
    translation = message.find("translation")
    if translation is None:  # lrelease takes it as finished, with a null translation
        return "", [None]
    kind = translation.get("type", "")
    if message.get("numerus") == "yes":
        forms = translation.findall("numerusform")
        texts = []
        for form in forms:
            if form.get("variants") == "yes" or form.find("lengthvariant") is not None:
                texts.append(BINARY_VARIANT_SEPARATOR.join(_text(v) for v in form.findall("lengthvariant")))
            else:
                texts.append(_text(form) or None)
        return kind, texts or [None]
    if translation.get("variants") == "yes" or translation.find("lengthvariant") is not None:
        return kind, [BINARY_VARIANT_SEPARATOR.join(_text(v) for v in translation.findall("lengthvariant"))]
    return kind, [_text(translation) or None]  # an empty text is read as a null string


def read_ts(ts_file: Path) -> tuple[str, list[tuple[str, str, str, str, list[str | None], bool]]]:
    """``(language, messages)`` of ``ts_file``; each message ``(context, source, comment, type,
    translations, numerus)`` in file order."""
    root = ET.parse(ts_file).getroot()
    if root.tag != "TS":
        raise TsError(f"{ts_file}: not a Qt Linguist file (root <{root.tag}>)")
    if root.find("dependencies") is not None:
        raise TsError(f"{ts_file}: <dependencies> are not supported")
    messages = []
    for context in root.iter("context"):
        name = _text(context.find("name"))
        for message in context.findall("message"):
            if message.get("id"):
                raise TsError(f"{ts_file}: id-based messages are not supported")
            kind, texts = _translations(message)
            messages.append((name, _text(message.find("source")), _text(message.find("comment")), kind, texts,
                             message.get("numerus") == "yes"))
    return root.get("language", ""), messages


def _qstring(text: str | None) -> bytes:
    """``text`` as QDataStream writes a QString: byte length, then UTF-16BE (None: a null
    string, length 0xFFFFFFFF)."""
    if text is None:
        return struct.pack(">I", 0xFFFFFFFF)
    data = text.encode("utf-16-be", "surrogatepass")
    return struct.pack(">I", len(data)) + data


def _qbytearray(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def compile_messages(language: str, messages) -> bytes:
    """The ``.qm`` bytes of ``messages`` (as :func:`read_ts` returns them) in ``language``."""
    code = language.replace("-", "_").split("_")[0].lower()
    if language and code not in PLURALS:
        raise TsError(f"no plural rules for language {language!r}: add them to PLURALS")
    rules, forms = PLURALS.get(code, (b"", 1))
    keys = {(c, s, m) for c, s, m, _, _, _ in messages}
    released: dict[tuple[bytes, bytes, bytes], list[str | None]] = {}
    for context, source, comment, kind, texts, numerus in messages:
        if kind in ("obsolete", "vanished"):
            continue
        # as many texts as the language has plural forms (one without %n); missing ones null
        count = forms if numerus else 1
        texts = (list(texts) + [None] * count)[:count]
        if kind == "unfinished" and not texts[0]:
            continue  # untranslated: the source text shows
        # lrelease drops a disambiguating comment unless the context is empty, the same text
        # exists without comment, or an earlier message already took the comment-less key
        force_comment = not comment or not context or (context, source, "") in keys
        key = (context.encode(), source.encode(), comment.encode())
        if not force_comment:
            bare = (key[0], key[1], b"")
            if bare not in released:
                released[bare] = texts
                continue
        released.setdefault(key, texts)

    def message_hash(key) -> int:
        return elf_hash(key[1] + key[2])

    ordered = sorted(released)
    body = bytearray()
    offsets = []
    for key in ordered:
        offsets.append((message_hash(key), len(body)))
        for text in released[key]:
            body += bytes([TAG_TRANSLATION]) + _qstring(text)
        context, source, comment = key
        body += bytes([TAG_COMMENT]) + _qbytearray(comment)
        body += bytes([TAG_SOURCE_TEXT]) + _qbytearray(source)
        body += bytes([TAG_CONTEXT]) + _qbytearray(context)
        body += bytes([TAG_END])
    table = b"".join(struct.pack(">II", h, o) for h, o in sorted(offsets))

    out = bytearray(MAGIC)

    def section(tag: int, data: bytes) -> None:
        if data:
            out.extend(struct.pack(">BI", tag, len(data)) + data)

    section(LANGUAGE, language.encode())
    section(HASHES, table)
    section(MESSAGES, bytes(body))
    section(NUMERUS_RULES, rules)
    return bytes(out)


def compile_ts(ts_file: Path, qm_file: Path) -> None:
    """Write the compiled ``ts_file`` to ``qm_file`` (through a temporary file)."""
    language, messages = read_ts(Path(ts_file))
    data = compile_messages(language, messages)
    qm_file = Path(qm_file)
    qm_file.parent.mkdir(parents=True, exist_ok=True)
    partial = qm_file.with_name(qm_file.name + ".part")
    partial.write_bytes(data)
    partial.replace(qm_file)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        compile_ts(Path(args[0]), Path(args[1]))
    except (OSError, ET.ParseError, TsError) as error:
        print(f"ts_to_qm: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
