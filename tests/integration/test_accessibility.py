"""page.py accessible and valid: axe-core inside headless Chromium, the builder by keyboard alone, the W3C Nu checker.

axe-core and vnu.jar come from tests/integration/package.json (``make checkers``,
part of ``make test``); vnu.jar runs on the machine's Java (.ci/install-system-deps).
Pages checked: the gallery, a builder result (URL and data: URI), a builder error,
and every HTML file under docs/.
"""

import json
import shutil
import subprocess
import urllib.error
import urllib.request

import pytest

from conftest import ROOT

from .conftest import require_or_skip
from .test_browser import WAIT, _images_loaded, chromium

pytestmark = pytest.mark.integration

NODE_MODULES = ROOT / "tests" / "integration" / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
BUILT = "?type=bar&data=3,1,4|2,7,1&labels=a|b|c&legend=This%20year|Last%20year&title=From%20the%20builder"
PAGES = {"gallery": "", "builder result": BUILT, "builder result as data: URI": BUILT + "&output=data&format=png",
         "builder error": "?data=1,x&title=Oops"}
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
   .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))
   .catch(e => done([{id: 'axe-error', help: String(e)}]));
"""


def _need(path, what):
    require_or_skip(path.exists(), f"{path} not found: run `make checkers` ({what}, from tests/integration/package.json)")


@pytest.fixture(scope="module")
def browser():
    _need(AXE, "axe-core")
    with chromium() as driver:
        driver.set_script_timeout(WAIT)
        yield driver


def _violations(driver):
    driver.execute_script(AXE.read_text(encoding="utf-8"))  # through DevTools: the page's CSP allows no scripts
    return driver.execute_async_script(RUN_AXE)


def test_axe_does_report_a_known_violation(browser, tmp_path):
    """The check below can fail: an <img> without alt and a form field without a label are caught."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
                    '<img src="data:,"><input type="text"></main></body></html>', encoding="utf-8")
    browser.get(page.as_uri())
    found = {v["id"] for v in _violations(browser)}
    assert {"image-alt", "label"} <= found


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violations(browser, devserver, name):
    browser.get(devserver.page_url + PAGES[name])
    _images_loaded(browser)
    assert _violations(browser) == []


def test_the_builder_works_by_keyboard_alone(browser, devserver):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(devserver.page_url)
    controls = [e.get_attribute("id") or e.tag_name
                for e in browser.find_elements(By.CSS_SELECTOR, "form.builder select, form.builder input, "
                                                                "form.builder button")]
    keys = ActionChains(browser)
    order = []
    for _ in range(len(controls) + 5):  # Tab from the top of the page through the form
        keys.send_keys(Keys.TAB).perform()
        active = browser.switch_to.active_element
        order.append(active.get_attribute("id") or active.tag_name)
        if active.tag_name == "button":
            break
    start = order.index(controls[0])
    assert order[start:start + len(controls)] == controls  # every control reachable, in reading order
    # Fill the form with keys only: choose 'bar' by typing, type the data, submit with Enter.
    browser.get(devserver.page_url)
    ActionChains(browser).send_keys(Keys.TAB * (start + 1)).perform()
    assert browser.switch_to.active_element.get_attribute("id") == "f-type"
    ActionChains(browser).send_keys("bar").perform()
    ActionChains(browser).send_keys(Keys.TAB, "3,1,4", Keys.TAB, "x|y|z").perform()
    assert browser.switch_to.active_element.get_attribute("id") == "f-labels"
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#built img"))
    built = browser.find_element(By.CSS_SELECTOR, "#built img")
    assert "type=bar" in built.get_attribute("src") and "data=3,1,4" in built.get_attribute("src")
    assert built.get_attribute("alt").startswith("Bar chart. Largest z at 4, smallest y at 1.")


def _fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=WAIT) as response:
            return response.read()
    except urllib.error.HTTPError as error:  # the builder's error page is a 400 with the whole page
        return error.read()


def _nu_errors(files):
    _need(VNU, "vnu-jar")
    java = shutil.which("java")
    require_or_skip(java is not None, "java not found: install default-jre-headless (.ci/install-system-deps)")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
            if m.get("type") == "error"]


def test_nu_checker_does_report_what_page_py_used_to_have(tmp_path):
    """An empty form action and a raw | in an img src, as page.py had them, are errors."""
    page = tmp_path / "old.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
                    '<form action=""></form><img src="get_graph.py?chl=a|b" alt="x"></body></html>', encoding="utf-8")
    errors = _nu_errors([page])
    assert len(errors) == 2 and "action" in errors[0] and "|" in errors[1]


def test_nu_checker_finds_no_errors(devserver, tmp_path):
    files = []
    for index, query in enumerate(PAGES.values()):
        path = tmp_path / f"page-{index}.html"
        path.write_bytes(_fetch(devserver.page_url + query))
        files.append(path)
    docs = sorted((ROOT / "docs").rglob("*.html"))
    assert _nu_errors(files + docs) == []
    assert len(files) == len(PAGES)
