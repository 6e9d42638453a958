"""Apache runs the scripts as www-data over a root-owned lib/ with no bytecode: the fallbacks take over.

Without them every request compiled the whole package from source (lib/dyngraph/__pycache__
cannot be written) and no chart was ever kept. With them the first request writes bytecode
and a cache record into the data directory, and the next ones read them back.
"""

import os
import pwd
import sys

import pytest

from conftest import decode

from .conftest import apache_site, start_apache, stop
from .http_checks import fetch

pytestmark = pytest.mark.integration
CHART = "type=line&data=1,5,3|2,4,6&width=300&height=150&format=png"


@pytest.fixture(scope="module")
def data_dir(tree):
    """A data directory the web user owns, as an admin makes one (/var/lib/dyngraph)."""
    path = tree.root / "var-lib-dyngraph"
    path.mkdir()
    if tree.run_user is not None:
        entry = pwd.getpwnam(tree.run_user)
        os.chown(path, entry.pw_uid, entry.pw_gid)
    return path


@pytest.fixture(scope="module")
def site(tree, data_dir):
    server, process = start_apache(tree, extra=lambda run_dir: f"SetEnv DYNGRAPH_DATA_DIR {data_dir}\n")
    try:
        yield apache_site(server)
    finally:
        stop(process)


def _bytecode(data_dir, tree):
    """The .pyc files of the bundle's dyngraph package under the pycache prefix, with their mtimes."""
    mirror = data_dir / "pycache" / str(tree.admin_home / "lib" / "dyngraph").lstrip(os.sep)
    return {p.relative_to(mirror): p.stat().st_mtime_ns for p in mirror.rglob("*.pyc")}


def test_lib_is_read_only_to_the_web_user_and_holds_no_bytecode(tree, site):
    package = tree.admin_home / "lib" / "dyngraph"
    assert package.stat().st_uid == os.geteuid()
    if tree.run_user is not None:
        assert pwd.getpwuid(package.stat().st_uid).pw_name != tree.run_user
        assert package.stat().st_mode & 0o022 == 0
    fetch(site.graph_url + "?" + CHART)
    assert not (package / "__pycache__").exists()


def test_bytecode_goes_to_the_data_dir_and_is_read_back_not_rewritten(tree, site, data_dir):
    first = fetch(site.graph_url + "?" + CHART + "&title=first")
    assert first.status == 200 and decode(first.body).size == (300, 150)
    written = _bytecode(data_dir, tree)
    tag = sys.implementation.cache_tag
    for module in ("graph_app", "spec", "sources", "rendercache", "gateway", "render/canvas", "encode"):
        assert f"{module}.{tag}.pyc" in {str(p) for p in written}, module
    again = fetch(site.graph_url + "?" + CHART + "&title=again")  # another chart: drawn, so every module loads
    assert again.status == 200 and decode(again.body).size == (300, 150)
    assert _bytecode(data_dir, tree) == written  # read back: nothing compiled again
    if tree.run_user is not None:
        owner = pwd.getpwnam(tree.run_user).pw_uid
        assert (data_dir / "pycache").stat().st_uid == owner
    assert site.log_problems() == []


def test_the_render_cache_lives_in_the_data_dir_and_answers_the_second_request(tree, site, data_dir):
    first = fetch(site.graph_url + "?" + CHART)
    second = fetch(site.graph_url + "?" + CHART)
    assert first.status == second.status == 200
    assert second.body == first.body and second.headers["ETag"] == first.headers["ETag"]
    names = [p.name for p in (data_dir / "cache").glob("??/*")]
    assert any(n.startswith("e") for n in names) and any(n.startswith("q") for n in names)
    not_modified = fetch(site.graph_url + "?" + CHART, headers={"If-None-Match": first.headers["ETag"]})
    assert not_modified.status == 304 and not_modified.body == b""
    assert site.log_problems() == []
