#!/usr/bin/env bash
# What the tests and the demo need besides Python: the browser and the office suite
# the digest, the workbook and the report are checked in, poppler to picture a page,
# and Thai fonts for all of them. Installed
# with apt when missing (CI runs as root; elsewhere through sudo); fails loudly.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || dpkg -s libreoffice-calc >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || dpkg -s libreoffice-writer >/dev/null 2>&1 \
  || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
# grep -c reads all of fc-list's output: with -q it would stop early, and pipefail
# would take fc-list's SIGPIPE for "no Thai font".
[ "$(fc-list 2>/dev/null | grep -ciE 'loma|garuda|laksaman')" -gt 0 ] || need+=(fonts-thai-tlwg)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${need[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null
$sudo apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
for tool in chromium soffice pdftoppm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "ERROR: $tool is still missing after apt-get install" >&2; exit 1; }
done
