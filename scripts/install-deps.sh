#!/usr/bin/env bash
# Installs what building and testing Argus needs and is missing on a fresh Debian machine with the
# Swift toolchain:
#   - Debian packages, through apt-get when run as root (otherwise prints the command);
#   - the Python packages the cross-checks and benchmarks use, in a virtualenv at .venv.
# With --demo, only what building and running `argus` needs (the two C libraries it links), so
# a fresh `make demo` installs no browser and no Python tools. With --bench, also what only
# `make bench` needs: wrk (the HTTP load generator) and the reference node's FastAPI and uvicorn
# (the anchor of `argus-bench http`). With --chaos, what only `make chaos` needs: wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-test}

# chromium: the dashboard test renders the page headless.
# strace: the key-file test checks the open(2) flags a key is created with.
packages=(libsqlite3-dev libxxhash-dev)
[[ $mode != --demo ]] && packages+=(curl python3-venv chromium strace)
[[ $mode == --bench ]] && packages+=(wrk)
[[ $mode == --chaos ]] && packages+=(wrk)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# A Python from elsewhere (pyenv) brings its own venv module; python3-venv is then not needed.
if python3 -c "import venv, ensurepip" 2>/dev/null; then
    missing=("${missing[@]/python3-venv}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))

if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]]; then
        echo "installing Debian packages: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "missing Debian packages: ${missing[*]}" >&2
        echo "run: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi

command -v swift >/dev/null || { echo "swift is not on PATH (Swift 6.x is required)" >&2; exit 1; }
[[ $mode == --demo ]] && exit 0

# Python tools, pinned: blspy (the reference's BLS library), py_ecc (an independent BN254 and
# BLS12-381), xxhash < 4 (the version the Zellular SDK works with), pycryptodome (an independent
# keccak-256 for the settlement cross-check), and for the contracts: vyper (the compiler),
# titanoboa (py-evm with the Prague rules, EIP-2537 included) and pytest.
python_packages=(blspy==2.0.3 py_ecc==8.0.0 "xxhash<4" pycryptodome==3.23.0 vyper==0.4.3 titanoboa==0.2.8 pytest==8.3.5)
if [[ ! -x .venv/bin/python ]] || ! .venv/bin/python -c "import blspy, py_ecc, xxhash, Crypto.Hash.keccak, vyper, boa, pytest" 2>/dev/null; then
    echo "installing Python tools into .venv: ${python_packages[*]}"
    python3 -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check "${python_packages[@]}"
fi

if [[ $mode == --bench ]] && ! .venv/bin/python -c "import fastapi, uvicorn" 2>/dev/null; then
    echo "installing the reference node's server into .venv: fastapi, uvicorn"
    .venv/bin/pip install -q --disable-pip-version-check fastapi==0.115.6 uvicorn==0.32.1
fi
