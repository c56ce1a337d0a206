#!/usr/bin/env bash
# Installs what building and testing Argus needs and is missing on a fresh Debian machine with the
# Swift toolchain: Debian packages through apt-get when run as root (otherwise prints the command).
set -euo pipefail

packages=(libsqlite3-dev curl)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]]; then
        echo "installing: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "missing Debian packages: ${missing[*]}" >&2
        echo "run: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi

command -v swift >/dev/null || { echo "swift is not on PATH (Swift 6.x is required)" >&2; exit 1; }
