#!/usr/bin/env bash
# Makes sure Debian's headless Chromium and its ChromeDriver are installed for the browser tests of the web page
# (server/src/test/.../web). Installs the packages chromium and chromium-driver with apt-get where missing.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "ensure-chromium: $(/usr/bin/chromedriver --version 2>/dev/null | head -1)" >&2
  exit 0
fi
echo "ensure-chromium: Chromium or ChromeDriver not found, installing them from Debian packages" >&2
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || {
  echo "ensure-chromium: installing chromium and chromium-driver did not give /usr/bin/chromium and /usr/bin/chromedriver" >&2
  exit 1
}
echo "ensure-chromium: $(/usr/bin/chromedriver --version 2>/dev/null | head -1)" >&2
