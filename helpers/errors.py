"""The one exception the collection raises for bad data."""


class DataError(ValueError):
    """Bad data. The message names the file, the row and the field, and what was expected.

    >>> raise DataError("data/article/visits.csv, row 3, field 'page': expected 61–69, got 70")
    Traceback (most recent call last):
    ...
    helpers.errors.DataError: data/article/visits.csv, row 3, field 'page': expected 61–69, got 70
    """
