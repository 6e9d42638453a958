"""Headless Chromium on a 2x screen and as a 360x740 phone at device pixel ratio 2, looking at page.py.

On a 2x screen the browser must pick every chart's ``srcset`` 2x candidate
(``currentSrc`` is the ``scale=2`` URL, and that image has twice the pixels
while ``naturalWidth``, which is density-corrected, equals the 1x width). On
the phone the page must never scroll sideways.
"""


import pytest

from .conftest import ARTIFACTS
from .test_browser import _images_loaded, _severe, chromium

pytestmark = pytest.mark.integration

CHARTS = """
return Promise.all(Array.from(document.images).filter(img => img.srcset).map(img => {
    const raw = new Image();  // the chosen file's own pixels, without the density correction
    const done = new Promise(resolve => { raw.onload = raw.onerror = () => resolve(); });
    raw.src = img.currentSrc;
    return done.then(() => ({src: img.getAttribute('src'), currentSrc: img.currentSrc,
        naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
        width: Number(img.getAttribute('width')), height: Number(img.getAttribute('height')),
        fileWidth: raw.naturalWidth, fileHeight: raw.naturalHeight,
        shownWidth: img.getBoundingClientRect().width}));
}));
"""
PHONE = {"deviceMetrics": {"width": 360, "height": 740, "pixelRatio": 2.0, "mobile": True, "touch": True}}


@pytest.fixture(scope="module")
def retina():
    with chromium("--force-device-scale-factor=2") as browser:
        yield browser


@pytest.fixture(scope="module")
def phone():
    with chromium(mobile=PHONE) as browser:
        yield browser


def _charts(driver):
    _images_loaded(driver)
    return driver.execute_script(CHARTS)


def _assert_2x_loaded(charts):
    assert charts, "no <img srcset> on the page"
    for chart in charts:
        assert "&scale=2" in chart["currentSrc"] and "&scale=2" not in chart["src"], chart["currentSrc"][-80:]
        assert (chart["fileWidth"], chart["fileHeight"]) == (2 * chart["width"], 2 * chart["height"])
        assert (chart["naturalWidth"], chart["naturalHeight"]) == (chart["width"], chart["height"])


def test_a_2x_screen_loads_every_2x_candidate(retina, devserver):
    retina.get(devserver.page_url + "?type=bar&data=3,1,4|2,7,1&title=Built&width=360&height=200")
    assert retina.execute_script("return window.devicePixelRatio") == 2
    charts = _charts(retina)
    assert len(charts) >= 10  # the gallery and the built chart
    _assert_2x_loaded(charts)
    assert _severe(retina) == []


def test_a_phone_never_scrolls_sideways_and_loads_2x(phone, devserver):
    phone.get(devserver.page_url + "?type=line&data=3,1,4,1,5,9,2,6&title=Built&width=480&height=240")
    assert phone.execute_script("return [screen.width, window.devicePixelRatio]") == [360, 2]
    charts = _charts(phone)
    _assert_2x_loaded(charts)
    widths = phone.execute_script(
        "const d = document.documentElement; return [d.scrollWidth, d.clientWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px screen"
    assert all(chart["shownWidth"] <= 360 for chart in charts)
    ARTIFACTS.mkdir(exist_ok=True)
    phone.save_screenshot(str(ARTIFACTS / "browser-phone.png"))
    assert _severe(phone) == []


HIT = """
return Array.from(document.querySelectorAll('area')).map(area => {
    const img = document.querySelector('img[usemap="#' + area.parentElement.name + '"]');
    const box = img.getBoundingClientRect();
    const c = area.coords.split(',').map(Number);
    const [x, y] = area.shape === 'rect' ? [(c[0] + c[2]) / 2, (c[1] + c[3]) / 2] : [c[0], c[1]];
    const hit = document.elementFromPoint(box.left + x, box.top + y);
    return {title: area.title, hit: hit === area, loaded: img.complete && img.naturalWidth > 0};
});
"""


def test_an_image_map_is_what_the_browser_hits(retina, devserver, tmp_path):
    """Each <area> of img_tag(map=True) is the element under its own centre, over the loaded chart."""
    from dyngraph import chart, img_tag

    bars = img_tag(chart(type="bar", data=[[5, 3, 8]], labels=["a", "b", "c"]), devserver.graph_url, map=True,
                   map_href=lambda series, index: f"#bar-{index}")
    pie = img_tag(chart(type="pie", data=[[3, 1]], labels=["Big", "Small"]), devserver.graph_url, map=True)
    page = tmp_path / "map.html"
    page.write_text(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>maps</title></head>'
                    f'<body style="margin:0"><p>{bars}</p><p>{pie}</p></body></html>', encoding="utf-8")
    retina.get(page.as_uri())
    _images_loaded(retina)
    areas = retina.execute_script(HIT)
    assert [a["title"] for a in areas] == ["a: 5", "b: 3", "c: 8", "Big: 3 (75%)", "Small: 1 (25%)"]
    assert all(a["hit"] and a["loaded"] for a in areas), areas
    first = retina.find_element("css selector", "area")
    first.click()
    assert retina.current_url.endswith("#bar-0")
