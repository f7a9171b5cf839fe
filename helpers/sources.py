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
from typing import NamedTuple

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


def cite(page, note: int | None = None, *, notes: bool = True) -> str:
    """The short citation of a page (and note) of the article, of a list of pages written
    out, or of the rows of a table or graph (see :func:`cite_rows`, which ``notes`` is passed
    to); every page and note is checked against the article's range.

    >>> cite(62)
    'Lindenstrauss 2015, p. 62'
    >>> cite(67, 40)
    'Lindenstrauss 2015, p. 67, n. 40'
    >>> cite("pp. 62–65")
    'Lindenstrauss 2015, pp. 62–65'
    >>> cite("p. 61, n. 1; pp. 62–65")
    'Lindenstrauss 2015, p. 61, n. 1; pp. 62–65'
    >>> cite("p. 64, nn. 11–12")
    'Lindenstrauss 2015, p. 64, nn. 11–12'
    >>> cite("pp. 62–75")
    Traceback (most recent call last):
    ...
    ValueError: page 75 is outside the article (pp. 61–69)
    """
    if not isinstance(page, str | int | float) and hasattr(page, "__len__"):
        if not _missing(note):
            raise ValueError("cite(rows) takes the notes from the rows")
        return cite_rows(page, notes=notes)
    if isinstance(page, str) and page.startswith(("p. ", "pp. ")):
        if not _missing(note):
            raise ValueError("give the note with a single page: cite(67, 40)")
        parts = [part.strip() for part in page.split(";")]
        found = [CITATION.fullmatch(part) for part in parts]
        if not any(re.search(r"\d", part) for part in parts):
            raise ValueError(f"no page number in {page!r}")
        for part, m in zip(parts, found):
            if m is None:
                raise ValueError(f"not a citation of pages and notes: {part!r} (write e.g. "
                                 "'pp. 62–63, 66' or 'p. 64, nn. 11–12')")
            for p in re.findall(r"\d+", m["pages"]):  # as written: the ends of a run
                page_ref(int(p))
            for n in re.findall(r"\d+", m["notes"]):
                page_ref(FIRST_PAGE, int(n))  # a note: checked against the notes
        return f"{AUTHOR_YEAR}, {page}"
    return f"{AUTHOR_YEAR}, {page_ref(page, note)}"


def _runs(numbers) -> str:
    """Sorted whole numbers written as runs: ``62–63, 66``.

    >>> _runs([66, 62, 63])
    '62–63, 66'
    """
    numbers = sorted(set(numbers))
    out, start = [], None
    for i, n in enumerate(numbers):
        start = n if start is None else start
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(str(n) if n == start else f"{start}–{n}")
            start = None
    return ", ".join(out)


def pages_of(rows, page: str = "page", note: str = "note") -> dict[int, set[int]]:
    """Each page of the article the rows stand on, with the notes they cite there. ``rows``:
    a table with a page column (and a note column), or a networkx graph whose nodes or edges
    carry them. Rows without a page (outside facts) are left out.

    >>> import pandas as pd
    >>> pages_of(pd.DataFrame({"page": [63, 64, None], "note": [9, None, None]}))
    {63: {9}, 64: set()}
    """
    if hasattr(rows, "nodes") and hasattr(rows, "edges"):  # a graph
        records = [d for _, d in rows.nodes(data=True)] + [d for *_, d in rows.edges(data=True)]
    elif hasattr(rows, "columns"):
        if page not in rows.columns:
            raise ValueError(f"the rows have no {page!r} column to cite")
        records = rows.to_dict("records")
    else:
        raise TypeError(f"cite_rows takes a table or a graph, not {type(rows).__name__}")
    out: dict[int, set[int]] = {}
    for r in records:
        if _missing(r.get(page)):
            continue
        page_ref(r[page], r.get(note))  # checks both against the article
        notes = out.setdefault(int(float(r[page])), set())
        if not _missing(r.get(note)):
            notes.add(int(float(r[note])))
    return out


def cite_rows(rows, *, notes: bool = True, page: str = "page", note: str = "note") -> str:
    """The citation of the article's pages (and notes) that the given rows carry: what a
    figure drawing these rows cites, read from the rows rather than typed by hand. Rows with
    no page (facts from outside the article) are left out; a table with no article row is an
    error. Consecutive pages without notes are joined into one run.

    >>> import pandas as pd
    >>> cite_rows(pd.DataFrame({"page": [63, 63, 63], "note": [9, 9, None]}))
    'Lindenstrauss 2015, p. 63, n. 9'
    >>> cite_rows(pd.DataFrame({"page": [62, 63, 66, 65, 64], "note": [None, None, 26, 17, None]}))
    'Lindenstrauss 2015, pp. 62–64; p. 65, n. 17; p. 66, n. 26'
    >>> cite_rows(pd.DataFrame({"page": [64, 64, 62], "note": [11, 12, None]}))
    'Lindenstrauss 2015, p. 62; p. 64, nn. 11–12'
    >>> cite_rows(pd.DataFrame({"page": [64, 64, 67], "note": [11, 12, None]}), notes=False)
    'Lindenstrauss 2015, pp. 64, 67'
    """
    found = pages_of(rows, page, note)
    if not found:
        raise ValueError("none of the rows carries a page of the article")
    groups: list[str] = []
    plain: list[int] = []  # pages without notes, waiting to be written as one run

    def flush():
        if plain:
            groups.append(("pp. " if len(plain) > 1 else "p. ") + _runs(plain))
            plain.clear()

    for p in sorted(found):
        if notes and found[p]:
            flush()
            ns = sorted(found[p])
            groups.append(f"p. {p}, {'nn.' if len(ns) > 1 else 'n.'} {_runs(ns)}")
        elif plain and not notes:
            plain.append(p)
        elif plain and plain[-1] == p - 1:
            plain.append(p)
        else:
            flush()
            plain.append(p)
    flush()
    return cite("; ".join(groups))


_PAGE = r"\d{2}(?!\d)"
_NOTE = r"\d{1,2}(?!\d)"
_PAGE_RUN = rf"{_PAGE}(?:\s?[–-]\s?{_PAGE})?"
_NOTE_RUN = rf"{_NOTE}(?:\s?[–-]\s?{_NOTE})?"
#: A citation of pages, with the notes cited on them: "p. 63", "pp. 62–63, 66, n. 26",
#: "p. 62, n. 2, n. 6", "p. 64, nn. 11–12". Any whitespace may stand between the parts
#: (a figure label keeps "p.\xa065" together; a wrapped caption breaks lines).
CITATION = re.compile(rf"\bpp?\.\s?(?P<pages>{_PAGE_RUN}(?:,\s?{_PAGE_RUN})*)"
                      rf"(?P<notes>(?:,\s?nn?\.\s?{_NOTE_RUN}(?:,\s?{_NOTE_RUN})*)*)")


class Citation(NamedTuple):
    """One citation found in a text: the pages and notes it names (runs written out), the
    runs of pages as written (first and last page of each), and where it stands."""

    pages: frozenset[int]
    notes: frozenset[int]
    runs: tuple[tuple[int, int], ...]
    start: int
    end: int


def _run_ends(runs: str) -> list[tuple[int, int]]:
    out = []
    for part in re.findall(r"\d+(?:\s?[–-]\s?\d+)?", runs):
        ends = [int(x) for x in re.findall(r"\d+", part)]
        out.append((ends[0], ends[-1]))
    return out


def _expand(runs: str) -> set[int]:
    return {n for lo, hi in _run_ends(runs) for n in range(lo, hi + 1)}


def _citation(m: re.Match) -> Citation:
    return Citation(frozenset(_expand(m["pages"])), frozenset(_expand(m["notes"])),
                    tuple(_run_ends(m["pages"])), m.start(), m.end())


def citations(text: str) -> list[Citation]:
    """Every citation of pages (and notes) in a text, in order: a caption, a legend, prose.

    >>> [(sorted(c.pages), sorted(c.notes)) for c in citations("as (pp. 62–63, n. 7) and p. 66")]
    [([62, 63], [7]), ([66], [])]
    >>> [sorted(c.notes) for c in citations("Lindenstrauss 2015, p. 62, n. 2, n. 6; p. 64, nn. 11–13")]
    [[2, 6], [11, 12, 13]]
    """
    return [_citation(m) for m in CITATION.finditer(text)]


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


def _note_pattern(note: int) -> re.Pattern:
    # Glued to the end of a word or a sentence ("טנקים).7", "האנרגיה,23", "עיתונאים34)"), not
    # a digit of a number ("1.6"); or, as the reading guide says of "בשנת 40.2025", standing
    # before the year it was run together with.
    return re.compile(rf"(?:(?<=[^\d\s][.,;:)])|(?<=[\u05d0-\u05ea])){note}(?!\d)"
                      rf"|(?<=\s){note}\.(?=\d{{4}})")


def note_positions(pages: dict[int, str]) -> dict[int, tuple[int, int]]:
    """Where each footnote number of the article stands: note → (page, offset in that page's
    folded text). Footnote numbers are glued to the end of a sentence or word (reading guide);
    each of notes 1 to :data:`LAST_NOTE` must stand exactly once.

    >>> note_positions({61: "השטח שלהם.1 מעבר", 62: "בשווי 1.6 מיליארד.2"})
    Traceback (most recent call last):
    ...
    ValueError: note 3 stands 0 times in the article's text, not once
    """
    out = {}
    for note in range(1, LAST_NOTE + 1):
        hits = [(p, m.start()) for p, text in sorted(pages.items())
                for m in _note_pattern(note).finditer(text)]
        if len(hits) != 1:
            raise ValueError(f"note {note} stands {len(hits)} times in the article's text, "
                             "not once")
        out[note] = hits[0]
    return out


def note_pages(pages: dict[int, str]) -> dict[int, int]:
    """The page on which each footnote number stands (see :func:`note_positions`)."""
    return {note: page for note, (page, _) in note_positions(pages).items()}
