"""The README's table of the course's claims, generated from the lesson registry.

``python packaging/update_readme.py`` writes it between the README's ``<!-- lessons -->`` markers;
a test checks that the README holds exactly what the registry says.
"""

from __future__ import annotations

from lstm_studio.lessons import CHAPTER_TITLES, LESSONS
from lstm_studio.session.document import evaluate_document

START, END = "<!-- lessons:start -->", "<!-- lessons:end -->"
PANEL_NAMES = {"gates": "Gates over time", "states": "States h and c", "gradient": "Gradient flow (BPTT)",
               "cell_diagram": "Cell diagram", "output": "Output and loss"}


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def measured(lesson, seed: int = 0) -> str:
    """What the first page measures for ``seed`` (its verdict's reason), built by training if the
    page trains."""
    document = lesson.build(seed)
    return str(lesson.measures(evaluate_document(document), document).reason)


def markdown_table(measure=measured) -> str:
    """One row per lesson in teaching order: claim, where it is, what to look at, what seed 0
    measures (``measure(lesson)``; None leaves the column out)."""
    header = "| Claim | Lessons ▸ | Look at | Seed 0 measures |" if measure else "| Claim | Lessons ▸ | Look at |"
    rows = [header, "|---|---|---|---|" if measure else "|---|---|---|"]
    for lesson in LESSONS:
        panels = " → ".join(dict.fromkeys(PANEL_NAMES[page.panel] for page in lesson.pages))
        where = f"{CHAPTER_TITLES[lesson.chapter]} ▸ {lesson.title}" + (
            f" ({len(lesson.pages)} steps)" if len(lesson.pages) > 1 else "")
        cells = [lesson.claim, where, panels] + ([measure(lesson)] if measure else [])
        rows.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(rows)


def with_table(readme: str, table: str) -> str:
    """``readme`` with the text between the markers replaced by ``table``."""
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    if not rest or END not in rest:
        raise ValueError(f"the README has no {START} … {END} markers")
    return f"{head}{START}\n{table}\n{END}{tail}"


def table_in(readme: str) -> str:
    """The text between the markers."""
    return readme.partition(START)[2].partition(END)[0].strip("\n")
