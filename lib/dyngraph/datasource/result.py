"""What every source reader returns: a window of rows as plain lists."""

SAMPLE = 8  # rows read per pixel column when a window holds more rows than a request may read


class Data:
    """``times`` (Unix seconds, ascending), one list of values per name in ``names``, rows ``skipped``;
    ``sampled``: about how many rows the window held when it was too long to read whole (0: read whole)."""

    def __init__(self, times, names, series, skipped=0, sampled=0):
        self.times, self.names, self.series, self.skipped = times, names, series, skipped
        self.sampled = sampled

    def by_column(self):
        """{column: values}, in order."""
        return dict(zip(self.names, self.series))
