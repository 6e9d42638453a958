"""``format=txt`` and ``format=csv``: the same chart URL answered with words or with its data.

txt is the long description (describe.long); csv is the data table
(datatable.table with exact times), RFC 4180 with CRLF line ends. A text
cell that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) gets a leading apostrophe; numbers
this module wrote stay numbers, their ``-`` is a sign. Standard library
only: these answers never import Pillow.
"""

TEXT_FORMATS = ("txt", "csv")
MIME_TYPES = {"txt": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8; header=present"}


def body(spec):
    """The answer's bytes for ``spec.format`` (txt or csv), UTF-8."""
    if spec.format == "txt":
        from .describe import long

        return long(spec).encode("utf-8")
    if spec.format == "csv":
        return csv_text(spec).encode("utf-8")
    msg = f"not a text format: {spec.format!r}"
    raise ValueError(msg)


def csv_text(spec):
    """The chart's data as CSV: a header of series names, then one row per label, time or point."""
    import csv
    import io

    from .datatable import table

    header, rows = table(spec, exact=True)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralised(cell) for cell in header])
    writer.writerows([neutralised(cell) for cell in row] for row in rows)
    return out.getvalue()


def neutralised(cell):
    """``cell``, with an apostrophe before a text a spreadsheet would take for a formula."""
    from .datatable import FORMULA_STARTS, numeric

    if cell.startswith(FORMULA_STARTS) and not numeric(cell):
        return "'" + cell
    return cell
