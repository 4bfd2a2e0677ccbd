#!/usr/bin/env bash
# One-time set-up on a fresh Debian/Ubuntu machine (run as root, or with sudo available): system packages, npm
# dependencies, the libtorch addon. Idempotent: re-running skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

need_apt=()
# libtorch (the CNN engine) unless another libtorch distribution is given through LIBTORCH.
if [ -z "${LIBTORCH:-}" ] && [ ! -e /usr/include/torch/csrc/api/include/torch/torch.h ]; then need_apt+=(libtorch-dev); fi
# C++ toolchain for node-gyp.
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
command -v make >/dev/null 2>&1 || need_apt+=(make)
# Debian Chromium for the browser tests of the web page (never a browser downloaded by a test tool).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
# Debian's NumPy and pandas: the tests that read our dataset exports back the way a Python user would.
if [ -x /usr/bin/python3 ]; then
  /usr/bin/python3 -c 'import numpy' 2>/dev/null || need_apt+=(python3-numpy)
  /usr/bin/python3 -c 'import pandas' 2>/dev/null || need_apt+=(python3-pandas)
else
  need_apt+=(python3-numpy python3-pandas)
fi
if [ "${#need_apt[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${need_apt[*]} with apt-get" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install ${need_apt[*]} (libtorch C++ headers and libraries) with your package manager" >&2
  fi
fi

# npm dependencies as locked (also runs the package's own install hook, which builds the addon). `npm install`, not
# `npm ci`: the lock cannot list @duckdb's binding packages for other platforms (this registry does not serve them),
# and `npm ci` refuses a lock with missing optional entries; `npm install` installs the locked versions all the same.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi
# The libtorch N-API addon (node-gyp against the system libtorch); skipped when already built.
if [ ! -e native/build/Release/ckin_torch.node ]; then npm run -s build:native; fi
# The compiled library, bin and workers (tsc into dist/; plain node runs them): rebuilt when a source is newer.
node scripts/build-dist.mjs --if-stale
# The web page (Vite build into web/dist, served by `ckin serve`).
if [ ! -e web/dist/index.html ] || [ -n "$(find web -newer web/dist/index.html -not -path 'web/dist/*' -type f 2>/dev/null | head -1)" ]; then
  npm run -s build:web
fi
echo "setup: done" >&2
