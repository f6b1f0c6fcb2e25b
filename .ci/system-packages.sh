#!/usr/bin/env bash
# Installs the Debian packages the tests need, when they are missing: LibreOffice (documents are
# converted to PDF), Chromium (browser tests through Playwright), PostgreSQL (the web app on a
# real server), poppler-utils (pdfinfo, pdftoppm), DejaVu fonts (Turkish characters in charts) and
# nginx (the web form behind a real reverse proxy on loopback).
set -euo pipefail
missing=()
command -v libreoffice >/dev/null || missing+=(libreoffice-writer libreoffice-calc)
command -v chromium >/dev/null || missing+=(chromium)
command -v pdfinfo >/dev/null || missing+=(poppler-utils)
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
  || missing+=(postgresql)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
