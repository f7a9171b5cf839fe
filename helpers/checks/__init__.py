"""Exercise checks, one module per notebook (``nb01`` for ``01_background.ipynb``, ...).

Each check computes the expected answer from the data at call time, so an instructor who
edits a data file gets checks that follow the edit.
"""
