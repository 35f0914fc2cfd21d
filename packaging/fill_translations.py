"""Fill unfinished messages of a .ts file from a JSON list of {"context", "source", "translation"}:
``python packaging/fill_translations.py TRANSLATIONS.json [lstm_studio_ko.ts]``.

Edits the file as text (the rest stays byte for byte as lupdate wrote it); prints what it filled
and which unfinished messages it found no translation for.
"""

from __future__ import annotations

import html
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TS = ROOT / "resources" / "translations" / "lstm_studio_ko.ts"
CONTEXT = re.compile(r"<context>.*?</context>", re.S)
MESSAGE = re.compile(r"<message[^>]*>.*?</message>", re.S)
UNFINISHED = re.compile(r'<translation type="unfinished">(.*?)</translation>', re.S)


def fill(ts_text: str, translations: dict[tuple[str, str], str]) -> tuple[str, int, list]:
    filled, missing = 0, []

    def one_context(match):
        nonlocal filled
        block = match.group(0)
        name = ET.fromstring(re.search(r"<name>.*?</name>", block, re.S).group(0)).text

        def one_message(message):
            nonlocal filled
            text = message.group(0)
            if 'type="unfinished"' not in text or "<numerusform" in text:
                return text
            source = ET.fromstring(re.search(r"<source>.*?</source>", text, re.S).group(0)).text
            translation = translations.get((name, source))
            if translation is None:
                missing.append((name, source))
                return text
            filled += 1
            return UNFINISHED.sub(lambda _: f"<translation>{html.escape(translation, quote=False)}</translation>", text)

        return MESSAGE.sub(one_message, block)

    return CONTEXT.sub(one_context, ts_text), filled, missing


def main(argv) -> int:
    entries = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    path = Path(argv[2]) if len(argv) > 2 else DEFAULT_TS
    translations = {(e["context"], e["source"]): e["translation"] for e in entries}
    text, filled, missing = fill(path.read_text(encoding="utf-8"), translations)
    path.write_text(text, encoding="utf-8")
    print(f"filled {filled}; still unfinished: {len(missing)}")
    for context, source in missing:
        print(f"  [{context}] {source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
