#!/bin/sh
# Install everything the test suite needs, on a fresh Debian/Ubuntu machine:
#  - Debian packages: libical's GObject bindings (gir1.2-ical-3.0) and python3-gi,
#    used by the interop tests under the system python3 (/usr/bin/python3); chromium,
#    which the browser tests drive through Playwright (Playwright's own browser
#    download is never used), and a CJK font so its screenshots show Chinese titles;
#  - the project itself, editable, with its `test` extra (pytest, hypothesis, ruff,
#    mypy, and the independent consumers: ical, vobject, khal, Radicale, Xandikos, caldav).
# Safe to run again: it installs only what is missing.
set -eu
cd "$(dirname "$0")/.."

need=""
/usr/bin/python3 -c 'import gi; gi.require_version("ICalGLib", "3.0"); from gi.repository import ICalGLib' \
    >/dev/null 2>&1 || need="gir1.2-ical-3.0 python3-gi"
[ -x /usr/bin/chromium ] || need="$need chromium"
fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk" || need="$need fonts-wqy-microhei"
if [ -n "$need" ]; then
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    echo "installing Debian packages: $need"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need >/dev/null
fi

python -m pip install -q --disable-pip-version-check -e '.[test]'
