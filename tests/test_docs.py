"""The admin's documents name exactly the settings the code reads."""

import re

from conftest import ROOT
from dyngraph.limits import Limits
from dyngraph.record import fields
from dyngraph.settings import PREFIX, Settings

ADMIN_DOCS = ("README.md", "docs/deploy.md", "docs/security.md", "docs/transport.md", "docs/google.md",
              "apache.conf.example", "cgi-bin/.htaccess.example")
APACHE_DEFINES = {"DYNGRAPH_HOME", "DYNGRAPH_URL", "DYNGRAPH_PATH"}  # apache.conf.example's Define names


def _read_by_code():
    names = {PREFIX + name.upper() for name in fields(Limits)}
    names |= {PREFIX + name.upper() for name in fields(Settings) if name not in ("limits", "secrets")}
    return names | {PREFIX + "SECRET"}


def _documented(paths):
    text = "\n".join((ROOT / path).read_text(encoding="utf-8") for path in paths)
    return set(re.findall(r"DYNGRAPH_[A-Z_]*[A-Z]", text)) - APACHE_DEFINES - {"DYNGRAPH_MAX", "DYNGRAPH_GOOGLE_MAX"}


def test_every_documented_variable_is_read_by_the_code():
    assert _documented(ADMIN_DOCS) - _read_by_code() == set()


def test_every_setting_is_documented_for_the_admin():
    # Limits are documented by their field name in security.md's table (DYNGRAPH_ + the name in capitals).
    security = (ROOT / "docs/security.md").read_text(encoding="utf-8")
    by_field = {PREFIX + name.upper() for name in fields(Limits) if f"`{name}`" in security}
    assert _read_by_code() - _documented(ADMIN_DOCS) - by_field == set()
