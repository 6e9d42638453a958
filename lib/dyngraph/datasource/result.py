"""What every source reader returns: a window of rows as plain lists."""


class Data:
    """``times`` (Unix seconds, ascending), one list of values per name in ``names``, rows ``skipped``."""

    def __init__(self, times, names, series, skipped=0):
        self.times, self.names, self.series, self.skipped = times, names, series, skipped

    def by_column(self):
        """{column: values}, in order."""
        return dict(zip(self.names, self.series))
