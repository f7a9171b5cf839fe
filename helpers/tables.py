"""Tables shown for reading: one look in JupyterLab, on the site and in the slides.

A notebook shows a table with :func:`table` (``helpers.table``); the DataFrame itself is left
as it is, so exercises and checks go on using its raw columns (``visits["from_code"]``)::

    helpers.table(visits, ["person_en", "from_code", "date", "page"])

What the reader sees:

- headers in English, read from ``data/model/column_titles.csv`` (one title per column name,
  for the data's fields and for the columns the helpers compute); ``titles=`` gives the title
  of a column the notebook computes itself. A snake_case name with no title is refused, so no
  raw name reaches a header;
- no index column unless the rows are labelled: an unnamed integer index (a row number) is
  dropped; a named index (a crosstab's rows, a table ``set_index("id")``) becomes the first
  column, its cells ``<th scope="row">``;
- a missing value as "—", a true or false as "yes" or "no";
- a date at the precision the data give ("1993", "May 2009", "3 May 2009"), read row by row
  from its precision field (:func:`helpers.dates.precision_field`);
- no line break inside a cell, long text wrapping;
- each run of Hebrew under ``<span lang="he" dir="rtl">`` (:func:`helpers.hebrew.mark_html`),
  and a mostly-Hebrew cell set right to left as a whole;
- no maths: the table is marked ``mathjax_ignore``, so a "$" stays a dollar sign in JupyterLab;
- the same HTML on every run (no random ids) and a plain-text table for ``text/plain``.

>>> import pandas as pd
>>> t = table(pd.DataFrame({"page": [62, None], "date": pd.to_datetime(["2009-05-01", "1993-01-01"]),
...                         "date_precision": ["month", "year"]}), ["date", "page"])
>>> print(t)
Date      Page
May 2009    62
1993         —
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .dates import as_written, precision_field
from .errors import DataError
from .hebrew import mark_html, mostly_hebrew

MISSING = "—"
TITLES_FILE = "data/model/column_titles.csv"
SNAKE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+")
BREAK = re.compile(r"\s*(?:\r\n|\r|\n|\\n)\s*")
LONG = 60  # characters: a cell longer than this wraps (and is given room to)


@dataclass(frozen=True)
class Table:
    """A table ready to show: ``html`` for JupyterLab, the site and the slides, ``text`` for
    ``text/plain``, and ``cells``, the strings the reader sees (headers as its columns)."""

    html: str
    text: str
    cells: pd.DataFrame

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


def column_titles(root=None) -> dict[str, str]:
    """The English title of every column name (``data/model/column_titles.csv``)."""
    from .data import load

    t = load("column_titles", root)
    return dict(zip(t["column"].astype(str), t["title_en"].astype(str)))


def _fields(root=None) -> set[str]:
    """Every field name of the data's tables (a header must never show one raw)."""
    from .data import package

    return {f["name"] for r in package(root)["resources"]
            for f in r.get("schema", {}).get("fields", [])}


def _title(name, given: Mapping, known: Mapping, root=None) -> str:
    if name in given:
        return str(given[name])
    if not isinstance(name, str):
        return str(name)  # a year or a number as a header says what it is
    if name in known:
        return known[name]
    if SNAKE.fullmatch(name) or name in _fields(root):
        raise DataError(f"{TITLES_FILE}: no title for the column {name!r}; add a row for it "
                        f"there, or pass titles={{{name!r}: ...}} for a column the notebook "
                        "computes")
    return name


def _number(v: float) -> str:
    """A float written exactly, with the decimals it has and no more (at most 6): 86 stays
    "86" beside a 92.05, rather than gaining a precision the data do not give ("86.00")."""
    return np.format_float_positional(round(float(v), 6), trim="-")


def _plain(text: str) -> str:
    """A cell's text on one line; a list written "a;b;c" in the data gets a space after each
    semicolon, so that it can wrap."""
    return re.sub(r";(?=\S)", "; ", BREAK.sub(" ", text)).strip()


def _cells(column: pd.Series, precision: pd.Series | None) -> list[str]:
    """Each value of a column as the reader sees it."""
    if pd.api.types.is_datetime64_any_dtype(column):
        if precision is None:
            raise DataError(f"the dates of {column.name!r} have no precision field; pass "
                            f"dates={{{column.name!r}: 'day'}} (or the name of the field)")
        undated = [i for i, (d, p) in enumerate(zip(column, precision))
                   if not pd.isna(d) and pd.isna(p)]
        if undated:
            raise DataError(f"the date of {column.name!r} in row {undated[0] + 1} has no "
                            "precision: a date is written only at the precision the data give")
        return [MISSING if pd.isna(d) else as_written(d, str(p)) for d, p in zip(column, precision)]
    if pd.api.types.is_float_dtype(column):
        return [MISSING if pd.isna(v) else _number(v) for v in column]
    out = []
    for v in column:
        if isinstance(v, (list, tuple, set)):
            out.append(", ".join(_plain(str(x)) for x in v) or MISSING)
        elif v is None or (not isinstance(v, str) and pd.api.types.is_scalar(v) and pd.isna(v)):
            out.append(MISSING)
        elif isinstance(v, (bool, np.bool_)):
            out.append("yes" if v else "no")
        elif isinstance(v, (float, np.floating)) and float(v).is_integer():
            out.append(str(int(v)))
        else:
            out.append(_plain(str(v)) or MISSING)
    return out


def _precision(frame: pd.DataFrame, name, dates: Mapping) -> pd.Series | None:
    given = dates.get(name)
    if given in ("day", "month", "year"):
        return pd.Series([given] * len(frame), index=frame.index)
    field = given or precision_field(str(name), list(frame.columns))
    if field is None:
        return None
    if field in ("day", "month", "year"):
        return pd.Series([field] * len(frame), index=frame.index)
    return frame[field]


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _text(heads: list[str], columns: list[list[str]], numeric: list[bool]) -> str:
    """A plain-text table: text to the left, numbers to the right, long cells cut short
    (the HTML has them whole)."""
    columns = [[_short(v) for v in c] for c in columns]
    widths = [max([len(h), *map(len, c)]) for h, c in zip(heads, columns)]

    def line(values):
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric)).rstrip()

    return "\n".join([line(heads), *(line(r) for r in zip(*columns))])


def _numeric(column: pd.Series) -> bool:
    return (pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)
            and not pd.api.types.is_datetime64_any_dtype(column))


def _td(text: str, tag: str, numeric: bool, attrs: str = "") -> str:
    # JupyterLab sets every cell to the right and keeps only some styles of an untrusted
    # notebook's output: text-align left or right (not start), white-space and min-width.
    rtl = mostly_hebrew(text)
    style = [] if numeric and not rtl else [f"text-align: {'right' if rtl else 'left'}"]
    long = len(text) > LONG
    if long:  # the class names it for print (tools/handouts/print.css), the style for Lab
        style += ["white-space: normal", "min-width: 18em"]
    extra = (' class="azil-long"' if long else "") + (' dir="rtl"' if rtl else "")
    css = f' style="{"; ".join(style)}"' if style else ""
    return f"<{tag}{attrs}{extra}{css}>{html.escape(text, quote=False)}</{tag}>"


def table(frame: pd.DataFrame | pd.Series, columns: Sequence | None = None, *,
          titles: Mapping | None = None, dates: Mapping | None = None,
          index: str | bool | None = None, root=None) -> Table:
    """``frame`` (or its ``columns``, in that order) shown for reading; see the module's text.

    ``titles`` maps a column the notebook computes to its header; ``dates`` maps a date
    column to its precision (``'year'``, ``'month'``, ``'day'``) or to the field that holds
    it, where :func:`helpers.dates.precision_field` does not find it; ``index`` is the header
    of the index that labels the rows (needed where it has no name), or ``False`` to leave
    the index out. The date precision fields may stay out of ``columns``: they are read
    from ``frame``.
    """
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    if isinstance(frame.columns, pd.MultiIndex):
        raise DataError("a table with more than one row of column labels: flatten them first")
    given, known, dates = dict(titles or {}), column_titles(root), dict(dates or {})
    shown = list(frame.columns if columns is None else columns)
    missing = [c for c in shown if c not in frame.columns]
    if missing:
        raise DataError(f"no column {', '.join(map(repr, missing))} in the table (it has "
                        f"{', '.join(map(str, frame.columns))})")

    idx, axis = frame.index, frame.columns.name
    labelled = index is not False and (
        isinstance(idx, pd.MultiIndex) or any(n is not None for n in idx.names)
        or isinstance(index, str)
        or not (pd.api.types.is_integer_dtype(idx) or isinstance(idx, pd.RangeIndex)))
    row_names: list = []
    if labelled:
        if isinstance(index, str) and idx.nlevels == 1:  # the header of the rows' labels
            given = {"\0index": index, **given}
            idx = idx.rename("\0index")
        elif idx.nlevels == 1 and idx.name is None:
            raise DataError("the rows are labelled by an unnamed index: give its header "
                            "with index='...', or index=False to leave it out")
        row_names = list(idx.names)
        frame = frame.set_axis(idx, axis=0).reset_index()
    else:
        frame = frame.reset_index(drop=True)
    frame.columns = pd.Index(list(frame.columns), dtype=object)
    header_names = row_names + shown

    cells = {}
    for name in header_names:
        column = frame[name]
        if isinstance(column, pd.DataFrame):
            raise DataError(f"two columns are named {name!r}")
        dated = pd.api.types.is_datetime64_any_dtype(column)
        cells[name] = _cells(column, _precision(frame, name, dates) if dated else None)
    heads = [_title(n, given, known, root) for n in header_names]
    if len(set(heads)) < len(heads):
        raise DataError(f"two columns would have the same header: {heads}")
    numeric = {n: _numeric(frame[n]) for n in header_names}

    # mathjax_ignore (tex2jax_ignore for MathJax 2): JupyterLab typesets HTML outputs, and
    # two dollar signs in a table ("US$1.6 bn ... US$4 bn") would otherwise become maths.
    # A table wider than its column scrolls in its own box, which the keyboard can reach.
    out = ['<div class="azil-table mathjax_ignore tex2jax_ignore" style="overflow-x: auto" '
           'tabindex="0">', '<table class="dataframe azil-table">', "<thead>"]
    if axis is not None and shown:  # what the columns are (a crosstab's second variable)
        out.append("<tr>" + "<td></td>" * len(row_names)
                   + f'<th scope="colgroup" colspan="{len(shown)}">'
                   + html.escape(_title(axis, given, known, root), quote=False) + "</th></tr>")
    out.append("<tr>" + "".join(f'<th scope="col">{html.escape(h, quote=False)}</th>'
                                  for h in heads) + "</tr>")
    out += ["</thead>", "<tbody>"]
    for i in range(len(frame)):
        row = [_td(cells[n][i], "th", numeric[n], ' scope="row"') for n in row_names]
        row += [_td(cells[n][i], "td", numeric[n]) for n in shown]
        out.append("<tr>" + "".join(row) + "</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    page = mark_html("\n".join(out))

    strings = pd.DataFrame({h: cells[n] for h, n in zip(heads, header_names)},
                           columns=pd.Index(heads, dtype=object))
    text = _text(heads, [cells[n] for n in header_names], [numeric[n] for n in header_names])
    if axis is not None and shown:
        text = f"{_title(axis, given, known, root)} →\n{text}"
    return Table(page, text, strings)
