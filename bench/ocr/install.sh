#!/usr/bin/env bash
# Install the benchmark-only system tools (tesseract + Vietnamese model, fonts covering Vietnamese) and the
# Python packages the OCR benchmark needs. Checks first; installs only what is missing. Needs root for apt.
set -euo pipefail

APT_PACKAGES=(tesseract-ocr tesseract-ocr-vie fonts-dejavu-core fonts-liberation2 fonts-noto-core fonts-freefont-ttf)
# requirement (as in pyproject.toml's [bench] extra) -> module to import
declare -A PY_PACKAGES=(["pillow>=10,<13"]=PIL ["rapidfuzz>=3,<4"]=rapidfuzz)
VENV_PY="${VENV_PY:-$(dirname "$0")/../../.venv/bin/python}"

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
if ((${#missing[@]})); then
    echo "installing with apt: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
    echo "apt packages present: ${APT_PACKAGES[*]}"
fi

py_missing=()
for requirement in "${!PY_PACKAGES[@]}"; do
    "$VENV_PY" -c "import ${PY_PACKAGES[$requirement]}" 2>/dev/null || py_missing+=("$requirement")
done
if ((${#py_missing[@]})); then
    echo "installing with pip: ${py_missing[*]}"
    "$VENV_PY" -m pip install -q "${py_missing[@]}"
else
    echo "python packages present: ${!PY_PACKAGES[*]}"
fi

tesseract --list-langs 2>/dev/null | grep -qx vie || { echo "tesseract has no 'vie' model" >&2; exit 1; }
echo "ok: $(tesseract --version 2>&1 | head -1), vie model present"
