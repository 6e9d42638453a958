"""Short soak: gunicorn, 2 workers, concurrent mixed traffic; no 5xx, no drops, no leak.

The long form is ``bench/soak.py`` (same code, parameters on the command line).
"""

import importlib.util
import sys

import pytest

from conftest import ROOT, require_or_skip

pytestmark = pytest.mark.integration


def test_short_soak_has_no_5xx_no_drops_and_flat_memory():
    require_or_skip(importlib.util.find_spec("gunicorn") is not None, "gunicorn is not installed")
    require_or_skip(sys.platform.startswith("linux"), "worker RSS is read from /proc")
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import soak
    finally:
        sys.path.remove(str(ROOT / "bench"))

    report = soak.soak(requests=1600, clients=6, workers=2, seconds=120, warmup=2000)  # caches filled first

    assert report["sent"] == 1600, "the time bound cut the run short"
    assert report["server_errors"] == 0, report["statuses"]
    assert report["drops"] == []
    assert not report["unexpected"], report["unexpected"].most_common(5)
    assert not report["workers_restarted"]
    assert report["tracebacks"] == 0, report["log_tail"]
    assert {200, 304, 400, 405} <= set(report["statuses"])
    for pid, growth in report["growth"].items():
        assert growth <= 0.10, f"worker {pid} grew {growth:.1%}: {report['rss_first_kib']} -> {report['rss_second_kib']}"
