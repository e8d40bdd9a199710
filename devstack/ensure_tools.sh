#!/usr/bin/env bash
# What the tests and the demo need besides Python: the browser and the office suite
# the digest and the workbook are checked in, and Thai fonts for both. Installed
# with apt when missing (CI runs as root; elsewhere through sudo); fails loudly.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
fc-list 2>/dev/null | grep -qi "loma\|garuda\|laksaman" || need+=(fonts-thai-tlwg)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${need[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null
$sudo apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
for tool in chromium soffice; do
  command -v "$tool" >/dev/null 2>&1 || { echo "ERROR: $tool is still missing after apt-get install" >&2; exit 1; }
done
