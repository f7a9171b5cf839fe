"""Each notebook's figures, one module per notebook (``nb01`` ... ``nb06``), mirroring
``helpers.checks``: the figure a cell of notebook NN draws is a ``draw_...`` function of
``helpers.figures.nbNN``.

Every figure function has one shape::

    draw_x(data..., *, title, source, ax=None) -> Axes

It takes the tables it draws (so a copy of the data with an edited row draws that row), a
title and a source caption (required: every figure says where its numbers come from), and
an optional Axes; it returns the Axes (the first one, for a figure of several panels).
Colours, names and labels come from ``data/model/`` through :mod:`helpers.plots`.
"""
