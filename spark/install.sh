#!/usr/bin/env bash
# Installs the pinned Spark side of Chainlens (spark/requirements.txt) into spark/.venv, a
# virtual environment inside the clone, with pip. `chainlens spark` and the Spark test find it
# there. Java 17 or later must be installed (Debian: apt-get install -y openjdk-17-jre-headless).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
if [ ! -x "$here/.venv/bin/python" ]; then
  "$python" -m venv "$here/.venv"
fi
"$here/.venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
"$here/.venv/bin/python" -c 'import pyspark; print("spark/install.sh: pyspark", pyspark.__version__, "in", "'"$here/.venv"'")'
