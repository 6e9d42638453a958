"""Headless Chromium (Debian's chromium + chromedriver, via Selenium) looking at page.py.

Served by ``dyngraph serve`` and by Apache: every <img> must be loaded at its
declared size, the builder form must draw a new chart, and the console must
stay free of errors (a CSP violation or a broken image shows up there).
Screenshots go to test-artifacts/; docs/update-screenshot.sh copies the
gallery one to docs/img/.
"""

import contextlib
import os
import shutil
import tempfile

import pytest

from .conftest import ARTIFACTS, apache_site, require_or_skip

pytestmark = pytest.mark.integration

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--disable-quic", "--hide-scrollbars", "--window-size=1100,900")
WAIT = 30

ALL_IMAGES = """
return Array.from(document.images).map(img => ({
    src: img.getAttribute('src'), complete: img.complete,
    naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
    width: Number(img.getAttribute('width')), height: Number(img.getAttribute('height'))}));
"""


@contextlib.contextmanager
def chromium(*flags, mobile=None):
    """A headless Chromium with a fresh profile, nothing downloaded; ``mobile``: Chromium's mobile emulation."""
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        require_or_skip(os.access(path, os.X_OK), f"{path} not found: install {package} (.ci/install-system-deps)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        require_or_skip(False, "selenium is not installed: pip install -e '.[test]'")
    profile = tempfile.mkdtemp(prefix="dyngraph-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, *flags, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    if mobile:
        options.add_experimental_option("mobileEmulation", mobile)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SE_OFFLINE", "true")  # Selenium Manager must never try to download a driver or browser
        browser = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        browser.set_page_load_timeout(WAIT)
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def driver():
    """One headless Chromium for the module."""
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module", params=["dyngraph-serve", "apache"])
def site(request):
    if request.param == "apache":
        return apache_site(request.getfixturevalue("apache"))
    return request.getfixturevalue("devserver")


def _images_loaded(driver):
    """Wait until every image has finished (loaded or failed), then describe them."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, WAIT).until(lambda d: all(i["complete"] for i in d.execute_script(ALL_IMAGES)))
    return driver.execute_script(ALL_IMAGES)


def _assert_shown_at_declared_size(images):
    assert images, "no images on the page"
    for img in images:
        natural = (img["naturalWidth"], img["naturalHeight"])
        assert natural == (img["width"], img["height"]), f"{img['src'][:80]}: shown {natural}"


def _severe(driver):
    """Console errors (the page declares an inline icon, so there is no /favicon.ico probe to excuse)."""
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _screenshot(driver, name):
    """Full-page PNG in test-artifacts/ (window stretched to the page's height)."""
    ARTIFACTS.mkdir(exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1100, height + 140)  # + browser chrome, even when headless
    path = ARTIFACTS / name
    driver.save_screenshot(str(path))
    driver.set_window_size(1100, 900)
    return path


def test_gallery_images_are_all_shown_at_their_size(driver, site):
    driver.get(site.page_url)
    images = _images_loaded(driver)
    assert len(images) >= 9
    _assert_shown_at_declared_size(images)
    assert _severe(driver) == []
    path = _screenshot(driver, f"browser-{site.name}.png")
    if site.name == "apache":
        shutil.copyfile(path, ARTIFACTS / "screenshot-gallery.png")
    assert path.stat().st_size > 10_000


def test_builder_form_draws_the_new_chart(driver, site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select

    driver.get(site.page_url)
    assert driver.find_elements(By.ID, "built") == []
    Select(driver.find_element(By.ID, "f-type")).select_by_visible_text("bar")
    for name, value in (("data", "3,1,4,1,5|2,7,1,8,2"), ("labels", "a|b|c|d|e"), ("title", "From the form"),
                        ("width", "360"), ("height", "200")):
        field = driver.find_element(By.ID, f"f-{name}")
        field.clear()
        field.send_keys(value)
    Select(driver.find_element(By.ID, "f-format")).select_by_visible_text("png")
    driver.find_element(By.CSS_SELECTOR, "form.builder button[type=submit]").click()

    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#built img"))
    assert driver.current_url.startswith(site.page_url + "?")
    images = _images_loaded(driver)
    _assert_shown_at_declared_size(images)
    built = driver.find_element(By.CSS_SELECTOR, "#built img")
    assert (built.get_property("naturalWidth"), built.get_property("naturalHeight")) == (360, 200)
    assert "format=png" in built.get_attribute("src")
    assert _severe(driver) == []
    _screenshot(driver, f"browser-{site.name}-builder.png")


def test_bad_form_input_shows_the_message(driver, site):
    from selenium.webdriver.common.by import By

    driver.get(site.page_url + "?data=1,2&width=huge")
    alert = driver.find_element(By.CSS_SELECTOR, "[role=alert]")
    assert alert.text.startswith("width:")
    _assert_shown_at_declared_size(_images_loaded(driver))
    # The page itself is a 400, which Chromium reports as a console error; nothing else may be.
    assert [e for e in _severe(driver) if "400" not in e["message"]] == []


def test_server_log_is_clean(site):
    assert site.log_problems() == []
