"""One house style for every figure: readable in class, safe for colour-blind readers and in
greyscale print, and always with a source caption.

Colours come from the Okabe–Ito palette; every series also differs by marker or hatch, so a
greyscale copy still separates them.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> add_source(fig, "Source: Lindenstrauss 2015, p. 62.")   # doctest: +ELLIPSIS
    Text(...)
"""

from __future__ import annotations

import math
import re
import textwrap
import warnings
from collections.abc import Iterable
from typing import NamedTuple

import matplotlib as mpl
import matplotlib.patches as mpatches
import matplotlib.patheffects as pe
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from shapely.geometry import LineString

from .data import load, referenced_rows
from .dates import article_period, midpoint

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common form of
# colour blindness. Ordered so that neighbours also differ in lightness (greyscale).
OKABE_ITO = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
    "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000",
}
CYCLE = ["#0072B2", "#E69F00", "#000000", "#009E73", "#D55E00", "#56B4E9", "#CC79A7"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X"]
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo"]
GREY = "#8C8C8C"

# --- text size: readable in the notebook, on the site's column and on a projector -----------
#
# A figure is drawn inline at INLINE_DPI, so a figure W inches wide is W * INLINE_DPI pixels
# wide; the site's content column is COLUMN_PX wide and shrinks a wider figure to fit, by
# column_scale(fig) = min(1, COLUMN_PX / (INLINE_DPI * W)). The rule for every text a figure
# draws (titles, tick and axis labels, annotations, legends, the caption):
#
#     size (pt) >= MIN_TEXT_PT                       at the size the figure is drawn, and
#     size (pt) * column_scale(fig) >= MIN_COLUMN_PT   as the column shows it.
#
# With MIN_TEXT_PT = 10 and MIN_COLUMN_PT = 8.5 a figure up to 8 inches wide needs 10 pt;
# a wider one needs its text to grow in proportion (text_size(fig)), so figures are drawn
# 6.8-8 inches wide. tests/test_figure_text.py holds every figure of every notebook to it.
INLINE_DPI = 100
COLUMN_PX = 680
MIN_TEXT_PT = 10.0
MIN_COLUMN_PT = 8.5
WIDTH = 8.0  # inches: the widest a figure is drawn with MIN_TEXT_PT text
CAPTION_SIZE = 10
SMALL = 10  # labels, annotations, legends
CHAR_WIDTH = 0.56  # mean width of a character of the caption, in ems (DejaVu Sans italic)

STYLE = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 11,
    "legend.fontsize": SMALL,
    "legend.title_fontsize": SMALL,
    "xtick.labelsize": SMALL,
    "ytick.labelsize": SMALL,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "axes.prop_cycle": mpl.cycler(color=CYCLE),
    "legend.frameon": False,
    "font.family": "DejaVu Sans",  # ships with matplotlib and has Hebrew glyphs
    "svg.hashsalt": "azil",
}


def column_scale(fig, *, as_shown: bool = False) -> float:
    """The share of its size at which the site's column shows ``fig``; ``as_shown``: of the
    width of the image the notebook stores (the figure's tight box, which grows with a
    legend or a label outside the figure, and the padding around it; the figure is drawn to
    measure it).

    >>> column_scale(plt.figure(figsize=(6.8, 4))), round(float(column_scale(plt.figure(figsize=(10, 4)))), 2)
    (1.0, 0.68)
    """
    width = fig.get_figwidth()
    if as_shown:
        if not hasattr(fig.canvas, "get_renderer"):
            FigureCanvasAgg(fig)
        # the notebook stores it cut to its tight box and padded (savefig.pad_inches)
        width = (fig.get_tightbbox(fig.canvas.get_renderer()).width
                 + 2 * mpl.rcParams["savefig.pad_inches"])
    return min(1.0, COLUMN_PX / (INLINE_DPI * float(width)))


def text_size(fig, size: float = SMALL) -> float:
    """The smallest text size that keeps to the rule in ``fig`` (at least ``size``).

    >>> text_size(plt.figure(figsize=(8, 4))), text_size(plt.figure(figsize=(10, 4)))
    (10, 12.5)
    """
    need = float(max(MIN_TEXT_PT, MIN_COLUMN_PT / column_scale(fig)))
    return size if size >= need - 1e-9 else round(need, 1)


def drawn_texts(fig) -> list[tuple[Text, Bbox]]:
    """Every text ``fig`` draws (visible, not empty, not clipped away), with its box in
    display pixels, in drawing order: titles, tick and axis labels, annotations, legend
    texts, the caption. Draws the figure to find them (on an Agg canvas if ``fig`` has
    been closed)."""
    if not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    found: list[tuple[Text, Bbox]] = []
    real = Text.draw

    def draw(self, renderer):
        real(self, renderer)
        if self.get_visible() and self.get_text().strip():
            box = Text.get_window_extent(self, renderer)
            if box.width > 0 and box.height > 0:
                found.append((self, box))

    Text.draw = draw
    try:
        fig.canvas.draw()
    finally:
        Text.draw = real
    return found


def luminance(colour) -> float:
    """The relative luminance of a colour (WCAG 2.1), 0 for black to 1 for white."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in mpl.colors.to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    """The WCAG 2.1 contrast ratio of two colours, 1 to 21; text needs 4.5 (``MIN_CONTRAST``).

    >>> round(contrast("black", "white"), 1), round(contrast("#E69F00", "white"), 2)
    (21.0, 2.25)
    """
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


MIN_CONTRAST = 4.5


def ink_on(fill) -> str:
    """Black or white, whichever reads better on ``fill``.

    >>> ink_on("#E69F00"), ink_on("#0072B2")
    ('black', 'white')
    """
    return "black" if contrast("black", fill) >= contrast("white", fill) else "white"


def apply_style() -> None:
    """Set the house style for matplotlib (called by :func:`helpers.setup`)."""
    mpl.rcParams.update(STYLE)


def add_source(fig, text: str, *, y: float = -0.02):
    """Write a source caption under the figure, left-aligned, and return the Text: at ``y``
    (a share of the figure's height) or, where the figure draws below that (an axis label,
    a legend under the Axes), just under what it draws, so that the caption hides nothing.

    Use :func:`helpers.sources.caption` to make ``text``. Most figures call
    :func:`finish` instead, which also sets the title.
    """
    if not text.startswith("Source"):
        raise ValueError("a caption starts with 'Source:' or 'Sources:'")
    # Broken into lines here, to the figure's width, rather than by matplotlib's wrap=True,
    # which measures the text again word by word at every draw (a third of a figure's time).
    size = text_size(fig, CAPTION_SIZE)
    if not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    lowest = fig.get_tightbbox(fig.canvas.get_renderer()).y0  # inches from the bottom
    y = min(y, (lowest - 0.08) / fig.get_figheight())
    per_line = max(40, int((fig.get_figwidth() - 0.4) * 72 / (size * CHAR_WIDTH)))
    return fig.text(0.15 / fig.get_figwidth(), y, textwrap.fill(text, per_line, break_on_hyphens=False),
                    ha="left", va="top", fontsize=size, style="italic", color="#333333")


def fit(fig, pad: float = 0.15) -> None:
    """Fit the Axes, their labels, titles and legends inside the figure's width and height,
    ``pad`` inches from its edges, so the figure is as wide as it is drawn: matplotlib's
    tight layout where it applies, then the subplot margins moved by what still sticks out.
    Call it once the ticks and legends are set and before labels are placed in pixels
    (:class:`LabelPlacer`), since it moves the Axes."""
    if not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            fig.tight_layout(pad=1.2)
        except UserWarning:  # Axes it cannot lay out: the margins below do it
            pass
    w, h = fig.get_size_inches()
    sup = fig._suptitle
    for _ in range(3):
        renderer = fig.canvas.get_renderer()
        ceiling = h
        if sup is not None and sup.get_text():  # the Axes stay under the figure's title
            sup.set_in_layout(False)
            ceiling = min(h, sup.get_window_extent(renderer).y0 / fig.dpi - pad)
        box = fig.get_tightbbox(renderer)
        if sup is not None:
            sup.set_in_layout(True)
        p = fig.subplotpars
        left, right = p.left + (pad - box.x0) / w, p.right - (box.x1 - w + pad) / w
        bottom, top = p.bottom + (pad - box.y0) / h, p.top - (box.y1 - ceiling + pad) / h
        if max(abs(left - p.left), abs(right - p.right), abs(bottom - p.bottom),
               abs(top - p.top)) < 0.002 or not (left < right and bottom < top):
            break
        fig.subplots_adjust(left=left, right=right, bottom=bottom, top=top)


TITLE_SIZE = 13
TITLE_CHAR_WIDTH = 0.66  # mean width of a character of a bold title, in ems (DejaVu Sans)


def wrap_title(fig, title: str, size: float = TITLE_SIZE) -> str:
    """A title broken into lines at spaces to fit the figure's width less 0.3 in each side
    (matplotlib's own ``wrap=True`` wraps only as it draws, so a tight box misses the lines
    it adds). Joining the lines with a space gives the title back.

    >>> wrap_title(plt.figure(figsize=(4, 3)), "The article's assessments against later evidence")
    "The article's assessments\\nagainst later evidence"
    """
    per_line = max(20, int((fig.get_figwidth() - 0.6) * 72 / (size * TITLE_CHAR_WIDTH)))
    return textwrap.fill(title, per_line, break_long_words=False, break_on_hyphens=False)


def _title(ax, title: str, suptitle: bool):
    """Set the title (on the Axes or over the figure), broken to the figure's width."""
    text = wrap_title(ax.figure, title)
    if suptitle:
        return ax.figure.suptitle(text, fontweight="bold", fontsize=TITLE_SIZE)
    return ax.set_title(text, fontsize=TITLE_SIZE, fontweight="bold")


def ready(ax, title: str, *, suptitle: bool = False):
    """Before labels are placed in pixels: the title set (as :func:`finish` sets it), the
    layout fitted (:func:`fit`) and the figure drawn, so the Axes keep their final place.
    Set the limits, ticks and axis labels first. Returns a renderer."""
    _title(ax, title, suptitle)
    fit(ax.figure)
    ax.figure.canvas.draw()
    return ax.figure.canvas.get_renderer()


def finish(ax, *, title: str, source: str, suptitle: bool = False, source_y: float = -0.02,
           fit_layout: bool = False):
    """The end of every figure function: the title (on the Axes, or over the whole figure
    with ``suptitle``; wrapped to the figure's width) and the source caption, under
    whatever the figure draws. With ``fit_layout``, :func:`fit` first. Returns ``ax``.

    >>> fig, ax = plt.subplots()
    >>> finish(ax, title="T", source="Source: x.").get_title()
    'T'
    >>> finish(ax, title="T", source="")
    Traceback (most recent call last):
    ...
    ValueError: a caption starts with 'Source:' or 'Sources:'
    """
    fig = ax.figure
    if not source.startswith("Source"):
        raise ValueError("a caption starts with 'Source:' or 'Sources:'")
    _title(ax, title, suptitle)
    if fit_layout:
        fit(fig)
    add_source(fig, source, y=source_y)
    return ax


def wrap(text: str, width: int) -> str:
    """A label broken into lines of at most ``width`` characters (labels in ``data/`` carry
    no line breaks; each figure wraps them to the room it has).

    A page or note reference stays on one line.

    >>> wrap("Israel's embassy in Baku", 16)
    "Israel's embassy\\nin Baku"
    >>> wrap("crisis (p. 65)", 10).splitlines()
    ['crisis', '(p.\xa065)']
    """
    text = re.sub(r"\b(pp?|n)\. (?=\d)", "\\1.\u00a0", str(text))
    return textwrap.fill(text, width=width, break_long_words=False, break_on_hyphens=False)


# --- the registry: one name, colour and hatch per actor; one style per series -----------------


class Style(NamedTuple):
    """How an actor or a series looks in every figure."""

    name: str  # display name
    short: str  # short name (or the legend label of a series)
    colour: str
    hatch: str
    marker: str
    linestyle: str


def actor(code: str) -> Style:
    """The display name, short name, colour and hatch of an actor, from
    ``data/model/actor_styles.csv``.

    >>> actor("AZ").name, actor("AZ").colour
    ('Azerbaijan', '#E69F00')
    >>> actor("XX")
    Traceback (most recent call last):
    ...
    KeyError: "no actor 'XX' in data/model/actor_styles.csv"
    """
    table = load("actor_styles").set_index("code")
    if code not in table.index:
        raise KeyError(f"no actor {code!r} in data/model/actor_styles.csv")
    r = table.loc[code]
    return Style(r["display_en"], r["short_en"], r["colour"],
                 "" if pd.isna(r["hatch"]) else r["hatch"], "o", "-")


def series(name: str) -> Style:
    """The colour, marker, line style and legend label of a recurring series, from
    ``data/model/series_styles.csv`` ('article', 'outside', 'bp_oil', 'our_model').

    >>> series("bp_oil").colour
    '#000000'
    """
    table = load("series_styles").set_index("id")
    if name not in table.index:
        raise KeyError(f"no series {name!r} in data/model/series_styles.csv")
    r = table.loc[name]
    return Style(r["label_en"], r["label_en"], r["colour"], "", r["marker"], r["linestyle"])


def short_labels(table: str) -> dict[str, str]:
    """The short labels (``data/model/short_labels.csv``) of the rows of one table.

    >>> short_labels("karabakh_timeline")["ceasefire_1994"]
    'Ceasefire'
    """
    labels = referenced_rows("short_labels")
    rows = labels[labels["table"] == table]
    return dict(zip(rows["id"], rows["label_en"]))


# --- label placement: no label hides another -------------------------------------------------

# Candidate positions around a point: (dx, dy) in points and alignment; the first free wins.
AROUND = [(6, 0, "left", "center"), (-6, 0, "right", "center"), (5, 6, "left", "bottom"),
          (5, -6, "left", "top"), (-5, 6, "right", "bottom"), (-5, -6, "right", "top"),
          (0, 8, "center", "bottom"), (0, -8, "center", "top")]
FAR = [(3 * dx, 3 * dy + (dx == 0) * 4 * dy, ha, va) for dx, dy, ha, va in AROUND]
# Above and below a marker on a timeline lane, nearest first.
STACK = [(0, dy, "center", "bottom" if dy > 0 else "top") for dy in (10, -10, 34, -34, 54, -54)]
# STACK, then aside and above or below (with a leader), for crowded timelines.
STACK_WIDE = STACK[:4] + [(dx, dy, "left" if dx > 0 else "right", "bottom" if dy > 0 else "top")
                          for dy in (22, -22, 44, -44) for dx in (14, -14, 40, -40)] + STACK[4:] + [
    (dx, dy, "left" if dx > 0 else "right", "bottom" if dy > 0 else "top")
    for dy in (22, -22, 44, -44, 66, -66) for dx in (70, -70, 100, -100)]
HALO = [pe.withStroke(linewidth=2.5, foreground="white")]
LEADER = dict(arrowstyle="-", color="#222222", lw=0.9, shrinkA=1, shrinkB=4)
_ALIGN = {"left": 0, "bottom": 0, "center": 0.5, "right": 1, "top": 1}  # share of the box


class LabelPlacer:
    """Greedy label placement for every map and timeline: each label takes the first
    candidate position whose text box overlaps no marker and no label placed before it, and
    lies inside the Axes (boxes in display pixels, padded by ``pad``). Set the Axes' limits
    (and the figure's size) first.

    >>> fig, ax = plt.subplots()
    >>> placer = LabelPlacer(ax)
    >>> placer.block(0.5, 0.5)
    >>> a = placer.place("first", [(0.5, 0.5)], AROUND)
    >>> b = placer.place("second", [(0.5, 0.5)], AROUND)
    >>> bool(a.get_window_extent().overlaps(b.get_window_extent()))
    False
    """

    def __init__(self, ax, pad: float = 2):
        self.ax = ax
        self.pad = pad
        self.renderer = ax.figure.canvas.get_renderer()
        self.frame = ax.get_window_extent(self.renderer)
        self.taken: list[Bbox] = []
        self._extents = np.empty((0, 4))  # self.taken as an array, for _overlap

    def block(self, x: float, y: float, pad: float = 5) -> None:
        """Reserve a small square around a marker at data coordinates (x, y)."""
        px, py = self.ax.transData.transform((x, y))
        self.taken.append(Bbox.from_extents(px - pad, py - pad, px + pad, py + pad))

    def block_artist(self, artist, pad: float = 2) -> None:
        """Reserve the box of an artist already drawn (a bar, a note)."""
        self.taken.append(artist.get_window_extent(self.renderer).padded(pad))

    def place(self, text: str, anchors, offsets, *, force: bool = False,
              leader: dict | None = None, leader_beyond: float = 0, halo: bool = True,
              **style):
        """Annotate ``text`` at the first free (anchor, offset). If none is free: with
        ``force`` at the least crowded one, else not at all (returns None).

        ``leader``: line properties for a leader from the anchor to the label. With
        ``leader_beyond``, offsets within that many points of the anchor are tried first,
        without a leader, and the farther ones after them, with it.
        """
        if leader is not None and leader_beyond > 0:
            near = [o for o in offsets if math.hypot(o[0], o[1]) <= leader_beyond]
            far = [o for o in offsets if math.hypot(o[0], o[1]) > leader_beyond]
            found = self._place(text, anchors, near, force=force and not far, halo=halo,
                                **style) if near else None
            if found is None and far:
                found = self._place(text, anchors, far, force=force, halo=halo,
                                    arrowprops=leader, **style)
            return found
        if leader is not None:
            style["arrowprops"] = leader
        return self._place(text, anchors, offsets, force=force, halo=halo, **style)

    def _place(self, text: str, anchors, offsets, *, force: bool, halo: bool, **style):
        """One pass of :meth:`place` over the candidates.

        The text is laid out once: its box at each candidate is that box moved to the
        candidate's position and alignment. A leader line is laid out only for a candidate
        whose box is free (or, with ``force``, less crowded than the best so far)."""
        dx, dy, ha, va = offsets[0]
        t = self.ax.annotate(text, anchors[0], xytext=(dx, dy), textcoords="offset points",
                             ha=ha, va=va, path_effects=HALO if halo else None, **style)
        t.update_positions(self.renderer)
        box = Text.get_window_extent(t, self.renderer)
        w, h = box.width, box.height
        scale = self.ax.figure.dpi / 72  # offset points to pixels
        px, py = self.ax.transData.transform(anchors[0])
        # lower left corner of the box relative to the text position, for left/bottom
        rx = box.x0 - (px + dx * scale) + _ALIGN[ha] * w
        ry = box.y0 - (py + dy * scale) + _ALIGN[va] * h
        at = (0, 0)  # (anchor, offset) indices the annotation is laid out at
        best = None  # (overlap, anchor index, offset index, box)
        for i, xy in enumerate(anchors):
            px, py = self.ax.transData.transform(xy)
            for j, (dx, dy, ha, va) in enumerate(offsets):
                x0 = px + dx * scale + rx - _ALIGN[ha] * w
                y0 = py + dy * scale + ry - _ALIGN[va] * h
                box = Bbox.from_bounds(x0, y0, w, h).padded(self.pad)
                score = self._overlap(box)
                if not (score == 0 or (force and (best is None or score < best[0]))):
                    continue
                if t.arrow_patch is not None and score < math.inf and self._near_leader(
                        box, self.ax.transData.transform(xy)):
                    # a leader line must not run under a label: lay it out and count
                    at = self._move(t, xy, offsets[j], (i, j), at)
                    score += 100 * self._crossed(t.arrow_patch)
                    if not (score == 0 or (force and (best is None or score < best[0]))):
                        continue
                best = (score, i, j, box)
                if score == 0:
                    break
            if best is not None and best[0] == 0:
                break
        if best is None:
            t.remove()
            return None
        self._move(t, anchors[best[1]], offsets[best[2]], best[1:3], at)
        self.taken.append(best[3])
        if t.arrow_patch is not None:  # later labels keep off the leader line too
            line = self._leader(t.arrow_patch)
            for d in range(0, int(line.length) + 1, 6):
                p = line.interpolate(d)
                self.taken.append(Bbox.from_extents(p.x - 2, p.y - 2, p.x + 2, p.y + 2))
        return t

    def _move(self, t, xy, offset, where, at):
        """Lay the annotation out at another (anchor, offset); returns where it now is."""
        if where != at:
            dx, dy, ha, va = offset
            t.xy, t.xyann = xy, (dx, dy)
            t.set_horizontalalignment(ha)
            t.set_verticalalignment(va)
            t.update_positions(self.renderer)
        return where

    @staticmethod
    def _leader(arrow) -> LineString:
        """The leader line as matplotlib lays it out, in display pixels: a straight line from
        the label to its anchor that leaves the label's box (``patchA``), shortened by
        ``shrinkA`` and ``shrinkB``. Worked out directly; ``FancyArrowPatch.get_path`` finds
        the same points by bisection, testing each against the box, which cost an eighth of
        a notebook's run. A leader of another shape is asked of matplotlib."""
        style, connect = arrow.get_arrowstyle(), arrow.get_connectionstyle()
        if (type(style) is not mpatches.ArrowStyle.Curve or style.arrow != "-"
                or type(connect) is not mpatches.ConnectionStyle.Arc3 or connect.rad
                or arrow.patchB is not None or arrow._posA_posB is None):
            return LineString(arrow.get_path().transformed(arrow.get_transform()).vertices)
        a, b = (np.asarray(p, float) for p in arrow.get_transform().transform(arrow._posA_posB))
        d = b - a
        length = math.hypot(*d)
        box = arrow.patchA
        if box is not None and length:  # leave the box
            e = box.get_window_extent()
            if e.x0 <= a[0] <= e.x1 and e.y0 <= a[1] <= e.y1 and not (
                    e.x0 <= b[0] <= e.x1 and e.y0 <= b[1] <= e.y1):
                s = min(((hi if d[i] > 0 else lo) - a[i]) / d[i]
                        for i, (lo, hi) in enumerate(((e.x0, e.x1), (e.y0, e.y1))) if d[i])
                a = a + s * d
        for end, shrink in ((0, arrow.shrinkA), (1, arrow.shrinkB)):
            shrink *= arrow._dpi_cor
            d = b - a
            length = math.hypot(*d)
            if shrink and length > shrink:  # else matplotlib leaves that end as it is
                if end == 0:
                    a = a + d * (shrink / length)
                else:
                    b = b - d * (shrink / length)
        return LineString([a, b])

    def _near_leader(self, box: Bbox, point) -> bool:
        """Whether anything taken touches the straight line from the edge of the text in
        ``box`` (a padded text box) towards ``point``. The leader line is a part of that
        line (it starts outside the text and stops short of the point), so if nothing does,
        the leader crosses nothing and need not be laid out."""
        cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        px, py = point
        hw, hh = box.width / 2 - self.pad, box.height / 2 - self.pad  # half the text, unpadded
        dx, dy = px - cx, py - cy
        t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
        if t >= 1:  # the point lies under the text: let the exact layout decide
            return True
        line = LineString([(cx + t * dx, cy + t * dy), (px, py)])
        return any(line.intersects(shapely.box(*b.extents)) for b in self.taken)

    def _crossed(self, arrow) -> int:
        """How many labels and markers a leader line runs through."""
        line = self._leader(arrow)
        return sum(line.intersects(shapely.box(*b.extents)) for b in self.taken)

    def _overlap(self, box: Bbox) -> float:
        """Pixels² shared with earlier labels and markers (infinite if outside the frame)."""
        f = self.frame
        x0, y0, x1, y1 = box.extents
        if x0 < f.x0 or x1 > f.x1 or y0 < f.y0 or y1 > f.y1:
            return math.inf
        if len(self._extents) != len(self.taken):  # boxes taken since the last call
            self._extents = np.array([b.extents for b in self.taken]).reshape(-1, 4)
        e = self._extents
        w = np.minimum(e[:, 2], x1) - np.maximum(e[:, 0], x0)
        h = np.minimum(e[:, 3], y1) - np.maximum(e[:, 1], y0)
        shared = (w * h)[(w >= 0) & (h >= 0)]
        return sum(shared.tolist())



def draw_lanes(events: pd.DataFrame, *, lane: str, label: str, title: str, source: str,
               ax=None, date: str = "date", lanes: Iterable[str] | None = None,
               xlim=None, wrap_at: int = 18, precision_col: str = "date_precision"):
    """Draw events as markers on horizontal lanes, one lane per category, top to bottom in
    the order of ``lanes`` (default: the order in which lanes first appear), each label
    placed where it hides no other. Each lane has its own colour *and* marker. Returns the
    Axes.

    ``events`` needs a datetime column ``date``, a category column ``lane`` and a text
    column ``label``; where it has a column ``date_precision`` (``day``, ``month`` or
    ``year``), a date known only to its year is drawn across that year, never on 1 January.

    >>> ev = pd.DataFrame({"date": pd.to_datetime(["2009-01-01", "2010-06-01"]),
    ...                    "lane": ["A", "B"], "label": ["one", "two"]})
    >>> ax = draw_lanes(ev, lane="lane", label="label", title="t", source="Source: x.")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['B', 'A']
    """
    order = list(lanes) if lanes is not None else list(dict.fromkeys(events[lane].astype(str)))
    if ax is None:
        _, ax = plt.subplots(figsize=(WIDTH, 1.6 + 1.15 * len(order)))
    events = events.copy()
    # a date known only to the year is drawn across its year, its marker in the middle
    precision = (events[precision_col].astype(str) if precision_col in events
                 else pd.Series("day", index=events.index))
    periods = [article_period(d, p if p in ("day", "month", "year") else "day")
               for d, p in zip(events[date], precision)]
    events["_start"], events["_end"] = [p[0] for p in periods], [p[1] for p in periods]
    events["_x"] = [midpoint(a, b) if p == "year" else d
                    for a, b, p, d in zip(events["_start"], events["_end"], precision,
                                          events[date])]
    events["_year"] = precision == "year"
    y = {name: len(order) - 1 - i for i, name in enumerate(order)}
    ax.set_ylim(-0.8, len(order) - 0.2)
    if xlim is not None:
        ax.set_xlim(*(mpl.dates.date2num(pd.Timestamp(x)) for x in xlim))
    else:
        lo, hi = events["_start"].min(), events["_end"].max()
        pad = (hi - lo) * 0.08 + pd.Timedelta(days=60)
        ax.set_xlim(mpl.dates.date2num(lo - pad), mpl.dates.date2num(hi + pad))
    ax.set_yticks(range(len(order)), list(reversed(order)))  # bottom to top
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Year" + (" (a bar spans a date known only to the year)"
                            if events["_year"].any() else ""))
    ready(ax, title)
    placer = LabelPlacer(ax, pad=3)
    for i, name in enumerate(order):
        rows = events[events[lane].astype(str) == name].sort_values("_x")
        colour = CYCLE[i % len(CYCLE)]
        for a, b in zip(rows.loc[rows["_year"], "_start"], rows.loc[rows["_year"], "_end"]):
            x0, x1 = mpl.dates.date2num(a), mpl.dates.date2num(b)
            ax.plot([x0, x1], [y[name]] * 2, color=colour, lw=4, alpha=0.5,
                    solid_capstyle="butt", zorder=2)
        ax.scatter(rows["_x"], [y[name]] * len(rows), s=60, color=colour,
                   marker=MARKERS[i % len(MARKERS)], zorder=3, edgecolor="black",
                   linewidth=0.5)
        for d in rows["_x"]:
            placer.block(mpl.dates.date2num(d), y[name])
    for name in order:
        for _, r in events[events[lane].astype(str) == name].sort_values("_x").iterrows():
            placer.place(wrap(r[label], wrap_at), [(mpl.dates.date2num(r["_x"]), y[name])],
                         STACK_WIDE, force=True, leader=dict(LEADER, color=GREY, lw=0.6),
                         leader_beyond=10, fontsize=SMALL, zorder=4)
    return finish(ax, title=title, source=source)
