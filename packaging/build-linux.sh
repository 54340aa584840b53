#!/usr/bin/env bash
# Build the one-folder bundle on Linux and run its self-test offscreen (the CI check for missing resources).
# Needs: the project installed in the active Python (pip install -e ".[test]"), binutils (objdump).
set -euo pipefail
cd "$(dirname "$0")/.."
python -m PyInstaller --noconfirm --clean --distpath build/dist --workpath build/work packaging/emulation_desk.spec
QT_QPA_PLATFORM=offscreen build/dist/emulation_desk/emulation-desk-cli --self-test
