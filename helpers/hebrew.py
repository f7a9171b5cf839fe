"""Hebrew in text and HTML: what counts as a Hebrew run, whether a text is mostly Hebrew, and
every run of a page marked for right-to-left reading and a Hebrew voice.

One definition for every place that marks Hebrew: the site's extension (tools/site/_ext/azil_site.py), the tables the notebooks show,
the slides and the handouts.

>>> [m[0] for m in RUN.finditer('the word "שלום, עולם" (p. 62)')]
['שלום, עולם']
>>> mostly_hebrew("ישראל–אזרבייג'ן"), mostly_hebrew("Israel (ישראל)")
(True, False)
"""

from __future__ import annotations

import re

HEBREW = "\u0590-\u05ff\ufb1d-\ufb4f"
# A run of Hebrew: starts and ends with a Hebrew letter; inside it spaces, digits and the
# punctuation of Hebrew text (geresh, gershayim, maqaf, dashes, quotes, commas, ...).
RUN = re.compile(rf"[{HEBREW}](?:[{HEBREW}0-9\s'\"‘’׳״\-–—,.:;!?()]*[{HEBREW}])?")
HEBREW_LETTER = re.compile(rf"[{HEBREW}]")
OTHER_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")


def mostly_hebrew(text: str) -> bool:
    """At least as many Hebrew letters as Latin (Greek, Cyrillic) ones, and some Hebrew."""
    hebrew = len(HEBREW_LETTER.findall(text))
    return hebrew > 0 and hebrew >= len(OTHER_LETTER.findall(text))


# --- Hebrew in HTML -------------------------------------------------------------------------

TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
NO_MARKUP = {"script", "style", "title", "textarea", "option"}  # text that cannot hold a <span>


def mark_html(page: str) -> str:
    """Every run of Hebrew in a page under ``lang="he" dir="rtl"``, so a screen reader reads
    it with a Hebrew voice and a browser lays it out right to left: the extension's
    ``<span class="he">`` runs and its ``rtl`` blocks get the attributes, and a run in HTML
    that Sphinx did not parse (a table or text in a cell's output, code) is wrapped in a
    ``<span lang="he" dir="rtl">`` of its own."""
    page = page.replace('<span class="he">', '<span class="he" lang="he" dir="rtl">')
    out, stack = [], []  # stack: (tag, under Hebrew, cannot hold markup)
    for piece in TOKEN.split(page):
        if not piece:
            continue
        if piece.startswith("<!--") or piece.startswith("<!") or piece.startswith("<?"):
            out.append(piece)
            continue
        if piece.startswith("</"):
            name = piece[2:-1].strip().lower()
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
            out.append(piece)
            continue
        if piece.startswith("<"):
            m = re.match(r"<([a-zA-Z][\w-]*)", piece)
            name = m[1].lower() if m else ""
            if name and re.search(r'\bclass="[^"]*\brtl\b', piece) and " dir=" not in piece:
                piece = re.sub(r"^<([a-zA-Z][\w-]*)", r'<\1 dir="rtl"', piece)
            if name and name not in VOID and not piece.endswith("/>"):
                parent_he = bool(stack) and stack[-1][1]
                parent_raw = bool(stack) and stack[-1][2]
                stack.append((name, parent_he or 'lang="he"' in piece,
                              parent_raw or name in NO_MARKUP))
            out.append(piece)
            continue
        under_he = bool(stack) and stack[-1][1]
        raw = bool(stack) and stack[-1][2]
        if under_he or raw or not RUN.search(piece):
            out.append(piece)
        else:
            out.append(RUN.sub(lambda m: f'<span lang="he" dir="rtl">{m[0]}</span>', piece))
    return "".join(out)
