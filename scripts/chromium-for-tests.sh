#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the page tests (tests/Recs.Tests/Browser), which drive it headless
# through playwright-core. Playwright's own browser downloads are never used. Idempotent.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null 2>&1; then
  echo "chromium-for-tests: installing Chromium from Debian's packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
