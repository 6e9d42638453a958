"""format=txt (the chart in words) and format=csv (its data): same URL, same signing, limits, ETag and errors."""

import csv
import io

import pytest

from dyngraph.spec import make, to_query
from dyngraph.textformats import csv_text, neutralised
from test_lazy_imports import HEAVY, loaded, serve_fresh

IMG_ACCEPT = {"Accept": "image/avif,image/webp,image/*,*/*;q=0.8"}
PROFIT = "type=bar&data=5,-3,8,12|7,,-4,9&labels=Q1|Q2|Q3|Q4&legend=2025|2026&title=Profit"


def test_txt_is_the_long_description_as_utf8_text(graph):
    response = graph.get("/?" + PROFIT + "&format=txt")
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.body.decode("utf-8") == (
        "Bar chart: Profit.\n"
        "2025: Q1 = 5, Q2 = -3, Q3 = 8, Q4 = 12. Lowest -3 (Q2), highest 12 (Q4).\n"
        "2026: Q1 = 7, Q2 = missing, Q3 = -4, Q4 = 9. Lowest -4 (Q3), highest 9 (Q4).\n"
        "1 missing value.\n")


def test_csv_has_a_header_of_series_names_and_a_row_per_label(graph):
    response = graph.get("/?" + PROFIT + "&format=csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert response.body == b"Label,2025,2026\r\nQ1,5,7\r\nQ2,-3,\r\nQ3,8,-4\r\nQ4,12,9\r\n"


@pytest.mark.parametrize("data", [
    [[0.1, -2.5, None, 1e-05, 123456789.125], [3, 2, 1, 0, -1e12]],
    [[1 / 3, 2 / 3, -0.0]],
])
def test_csv_round_trips_to_the_same_numbers(data):
    spec = make(type="line", data=data, labels=["a", "b", "c", "d", "e"][:len(data[0])])
    rows = list(csv.reader(io.StringIO(csv_text(spec))))
    assert rows[0] == ["Label"] + (["Series 1", "Series 2"] if len(data) == 2 else ["Value"])
    columns = list(zip(*rows[1:]))
    read = [tuple(None if cell == "" else float(cell) for cell in column) for column in columns[1:]]
    assert read == [tuple(s) for s in spec.data]


def test_csv_scatter_and_pie_columns():
    assert csv_text(make(type="scatter", data=[[1, 2, 3, 4]], legend=["A"])) == "Point,A x,A y\r\n1,1,2\r\n2,3,4\r\n"
    assert csv_text(make(type="pie", data=[[3, 1]], labels=["a", "b"])) == "Slice,Value\r\na,3\r\nb,1\r\n"


def test_csv_times_are_exact_iso_8601_in_the_zone():
    spec = make(type="line", data=[[3, 5]], start="2026-03-28", step="1d", tz="Europe/Berlin")
    assert csv_text(spec) == ("Time (Europe/Berlin),Value\r\n2026-03-28T00:00:00+01:00,3\r\n"
                              "2026-03-29T00:00:00+01:00,5\r\n")


def test_csv_neutralises_formulas_and_quotes_separators():
    spec = make(type="bar", data=[[1, -2, 3, 4, 5, 6]], labels=["=SUM(A1:A9)", "+1", "-x", "@cmd", 'a,"b"', "Zürich"],
                legend=["=HYPERLINK(\"http://x\")"])
    rows = list(csv.reader(io.StringIO(csv_text(spec))))
    assert rows[0] == ["Label", "'=HYPERLINK(\"http://x\")"]
    assert [row[0] for row in rows[1:]] == ["'=SUM(A1:A9)", "'+1", "'-x", "'@cmd", 'a,"b"', "Zürich"]
    assert rows[2][1] == "-2"  # a number's sign is not a formula
    assert neutralised("-1e-05") == "-1e-05" and neutralised("-1+2") == "'-1+2" and neutralised("\tx") == "'\tx"


def test_csv_bytes_are_utf8(graph):
    body = graph.get("/?type=bar&data=1,2&labels=Z%C3%BCrich%7C%E6%97%A5%E6%9C%AC&format=csv").body
    assert body.decode("utf-8") == "Label,Value\r\nZürich,1\r\n日本,2\r\n"


def test_text_formats_have_their_own_etag_and_answer_304(graph):
    etags = {fmt: graph.get(f"/?{PROFIT}&format={fmt}").headers["ETag"] for fmt in ("png", "txt", "csv")}
    assert len(set(etags.values())) == 3
    again = graph.get(f"/?{PROFIT}&format=csv", headers={"If-None-Match": etags["csv"]}, status=304)
    assert again.body == b""


@pytest.mark.parametrize("fmt", ["txt", "csv"])
def test_errors_are_text_even_for_an_image_accept(graph, fmt):
    response = graph.get(f"/?data=1,x&format={fmt}", headers=IMG_ACCEPT, status=400)
    assert response.content_type == "text/plain"
    assert response.text.startswith("data: must be a decimal number")


@pytest.mark.parametrize("fmt", ["txt", "csv"])
def test_limits_apply_to_text_formats(graph, fmt):
    response = graph.get(f"/?data=1,2&width=900&height=900&scale=2&format={fmt}", status=400)
    assert response.text.startswith("scale: 900x900 at scale 2")
    assert graph.get(f"/?data=1,2&width=5000&format={fmt}", status=400).text.startswith("width: must be")


def test_signing_covers_text_formats(settings):
    import webtest

    from dyngraph import url
    from dyngraph.graph_app import make_app
    from dyngraph.record import replace

    signed = replace(settings, secrets=("s3cret",))
    app = webtest.TestApp(make_app(signed))
    app.get(f"/?{PROFIT}&format=csv", status=403)
    link = url(make(type="line", data=[[1, 2]], format="csv"), settings=signed)
    assert app.get("/?" + link.split("?", 1)[1]).body == b"Point,Value\r\n1,1\r\n2,2\r\n"
    tampered = link.split("?", 1)[1].replace("format=csv", "format=txt")
    app.get("/?" + tampered, status=403)


def test_qr_has_no_text_format(graph):
    response = graph.get("/?type=qr&qrtext=hi&format=csv", status=400)
    assert response.text.startswith("format: csv gives a chart's layout or data; type=qr is drawn as an image only")


@pytest.mark.parametrize("fmt", ["txt", "csv"])
def test_text_formats_never_import_pillow(fmt):
    answer = serve_fresh(f"{PROFIT}&format={fmt}")
    assert answer["status"] == "200 OK"
    assert answer["body"].startswith("Bar chart: Profit." if fmt == "txt" else "Label,2025,2026\r\n")
    for name in HEAVY:
        assert not loaded(answer["modules"], name), f"{name} imported for format={fmt}"


def test_the_cli_writes_csv_by_extension(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "lib")}
    result = subprocess.run([sys.executable, "-m", "dyngraph", "render", to_query(make(data=[[4, 5]])), "-o",
                             str(tmp_path / "c.csv")], capture_output=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "c.csv").read_bytes() == b"Point,Value\r\n1,4\r\n2,5\r\n"
