#!/usr/bin/env bash
# Refresh docs/img/screenshot-gallery.png, the README's screenshot: run the
# browser test that loads page.py from a real Apache in headless Chromium
# (it saves test-artifacts/screenshot-gallery.png), then copy that file here.
# Needs what the integration tests need: `make test` once, and apache2,
# chromium and chromium-driver (.ci/install-system-deps).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f test-artifacts/screenshot-gallery.png
CI=true .venv/bin/python -m pytest -q -p no:cacheprovider \
  "tests/integration/test_browser.py::test_gallery_images_are_all_shown_at_their_size[apache]"
cp test-artifacts/screenshot-gallery.png docs/img/screenshot-gallery.png
echo "updated docs/img/screenshot-gallery.png"
