"""Citations of the article and of outside sources, and the quote-matching rules.

Every figure caption in the collection comes from :func:`caption`, so a reader always sees
where a number comes from::

    >>> caption(cite(63, 9))
    'Source: Lindenstrauss 2015, p. 63, n. 9.'
"""

from __future__ import annotations

import os
import re
from pathlib import Path

AUTHOR_YEAR = "Lindenstrauss 2015"
FIRST_PAGE, LAST_PAGE = 61, 69
LAST_NOTE = 44
ARTICLE_FILE = "lindenstrauss-2015-israel-azerbaijan.he.txt"

# Page map of the extracted text (first line of each printed page), from the reading guide.
PAGE_FIRST_LINE = {61: 1, 62: 51, 63: 117, 64: 202, 65: 269, 66: 346, 67: 412, 68: 477, 69: 558}


def _missing(value) -> bool:
    """True for None, "", NaN, pd.NA and NaT: a row with no footnote."""
    return value is None or str(value) in ("", "nan", "<NA>", "NaT", "None")


def page_ref(page: int, note: int | None = None) -> str:
    """The page (and note) part of a citation, checked against the article's range.

    >>> page_ref(63, 8)
    'p. 63, n. 8'
    >>> page_ref(68, None)
    'p. 68'
    """
    if _missing(page) or float(page) != int(float(page)):
        raise ValueError(f"page {page!r} is not a page number")
    page = int(float(page))
    if not FIRST_PAGE <= page <= LAST_PAGE:
        raise ValueError(f"page {page} is outside the article (pp. {FIRST_PAGE}–{LAST_PAGE})")
    text = f"p. {page}"
    if not _missing(note):
        if float(note) != int(float(note)):
            raise ValueError(f"note {note!r} is not a footnote number")
        note = int(float(note))
        if not 1 <= note <= LAST_NOTE:
            raise ValueError(f"note {note} is outside the article's notes (1–{LAST_NOTE})")
        text += f", n. {note}"
    return text


def cite(page, note: int | None = None) -> str:
    """The short citation of a page (and note) of the article, or of a list of pages
    written out (every page number checked against the article's range).

    >>> cite(62)
    'Lindenstrauss 2015, p. 62'
    >>> cite(67, 40)
    'Lindenstrauss 2015, p. 67, n. 40'
    >>> cite("pp. 62–65")
    'Lindenstrauss 2015, pp. 62–65'
    >>> cite("p. 61, n. 1; pp. 62–65")
    'Lindenstrauss 2015, p. 61, n. 1; pp. 62–65'
    >>> cite("pp. 62–75")
    Traceback (most recent call last):
    ...
    ValueError: page 75 is outside the article (pp. 61–69)
    """
    if isinstance(page, str) and page.startswith(("p. ", "pp. ")):
        if not _missing(note):
            raise ValueError("give the note with a single page: cite(67, 40)")
        numbers = list(re.finditer(r"(n\.\s*)?(\d+)", page))
        if not numbers:
            raise ValueError(f"no page number in {page!r}")
        for m in numbers:
            if m.group(1):
                page_ref(FIRST_PAGE, int(m.group(2)))  # a note: checked against the notes
            else:
                page_ref(int(m.group(2)))
        return f"{AUTHOR_YEAR}, {page}"
    return f"{AUTHOR_YEAR}, {page_ref(page, note)}"


def caption(*sources: str) -> str:
    """The caption every figure carries: its sources, the article's first (made with
    :func:`cite`), then any other.

    >>> caption(cite(63, 9))
    'Source: Lindenstrauss 2015, p. 63, n. 9.'
    >>> caption(cite(67, 40), "BP Statistical Review of World Energy 2021")
    'Source: Lindenstrauss 2015, p. 67, n. 40; BP Statistical Review of World Energy 2021.'
    >>> caption("GeoNames", "Natural Earth")
    'Source: GeoNames; Natural Earth.'
    """
    parts = [s.strip() for s in sources if isinstance(s, str) and s.strip()]
    if len(parts) != len(sources) or not parts:
        raise ValueError("a caption needs at least one source, each a text (use cite(page, note) "
                         "for the article)")
    return "Source: " + "; ".join(parts) + "."


_FOLD = str.maketrans({"־": "-", "׳": "'", "’": "'", "״": '"'})


def fold(text: str) -> str:
    """Fold text for quote matching: one space for any whitespace run; maqaf as hyphen;
    geresh and right quote as apostrophe; gershayim as double quote.

    >>> print(fold("ב־1992\\n\\nמערכת"))
    ב-1992 מערכת
    """
    return re.sub(r"\s+", " ", text.translate(_FOLD)).strip()


def article_path() -> Path | None:
    """Where the article's text is, or None. Looks at $AZIL_ARTICLE, then ../shared/source
    beside the project."""
    env = os.environ.get("AZIL_ARTICLE")
    candidates = [Path(env)] if env else []
    root = Path(__file__).resolve().parent.parent
    candidates.append(root.parent / "shared" / "source" / ARTICLE_FILE)
    for path in candidates:
        if path.is_file():
            return path
    return None


def article_pages(path: Path | None = None) -> dict[int, str]:
    """The article's text split into printed pages, each folded (see :func:`fold`)."""
    path = path or article_path()
    if path is None:
        raise FileNotFoundError("the article's text is not beside the project (../shared/source)")
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    starts = sorted(PAGE_FIRST_LINE.items())
    pages = {}
    for i, (page, first) in enumerate(starts):
        end = starts[i + 1][1] - 1 if i + 1 < len(starts) else len(lines)
        pages[page] = fold("\n".join(lines[first - 1 : end]))
    return pages


def find_quote(quote: str, pages: dict[int, str]) -> list[int]:
    """The pages on which a quote stands after folding. A quote may run across a page break,
    in which case the page it starts on is returned."""
    q = fold(quote)
    found = [p for p, text in pages.items() if q in text]
    if found:
        return found
    for p in sorted(pages):  # across a page break
        if p + 1 in pages:
            joined = pages[p] + " " + pages[p + 1]
            i = joined.find(q)
            if 0 <= i < len(pages[p]):
                return [p]
    return []
