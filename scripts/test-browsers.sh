#!/usr/bin/env bash
# The browsers `npm test` drives, installed before anything else runs: Chromium for the Playwright
# suite, and Firefox ESR, WebKitGTK's driver and Xvfb for the cross-engine checks of the engines
# in ENGINES (all three by default). As root with apt-get, what is missing comes from Debian's
# packages; otherwise the run stops at once with one sentence saying what to install, and how to
# run a subset instead. A subset is always said, never silent.
set -euo pipefail

all_engines=(chromium firefox webkit)

# ENGINES=chromium,firefox,webkit (the engines project's own variable) picks the cross-engine checks.
engines=()
ENGINES=${ENGINES:-}
if [ -z "${ENGINES// /}" ]; then
  engines=("${all_engines[@]}")
else
  IFS=',' read -r -a named <<<"${ENGINES// /}"
  for name in "${named[@]}"; do
    [ -z "$name" ] && continue
    case "$name" in
      chromium | firefox | webkit) [[ " ${engines[*]} " == *" $name "* ]] || engines+=("$name") ;;
      *)
        echo "ENGINES names ${name}; the engines are ${all_engines[*]}." >&2
        exit 1
        ;;
    esac
  done
fi

wants() {
  local engine
  for engine in "${engines[@]}"; do [ "$engine" = "$1" ] && return 0; done
  return 1
}

# True when the variable names an executable file, or else any of the candidates is one: a path,
# or a command on the PATH. A variable naming anything else is noted in `misnamed`: installing a
# package would not help, since the tests would still take the variable's path.
misnamed=()
found() {
  local variable=$1
  shift
  if [ -n "${!variable:-}" ]; then
    [ -x "${!variable}" ] && return 0
    misnamed+=("${variable} names ${!variable}, which is not an executable file")
    return 1
  fi
  local candidate
  for candidate in "$@"; do
    case "$candidate" in
      /*) [ -x "$candidate" ] && return 0 ;;
      *) command -v "$candidate" >/dev/null 2>&1 && return 0 ;;
    esac
  done
  return 1
}

# The Chromium Playwright manages (`npx playwright install chromium`), which e2e/browser.ts also takes.
managed_chromium() {
  node -e "const { existsSync } = require('node:fs'); let path = ''; try { path = require('@playwright/test').chromium.executablePath(); } catch {} process.exit(path && existsSync(path) ? 0 : 1);" 2>/dev/null
}

# The Chromium the Playwright suite always needs (every engine list includes the chromium project),
# then each named engine's own. Same order as the package list apt-get is given.
missing=()
found CHROMIUM_PATH chromium chromium-browser google-chrome google-chrome-stable \
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome' '/Applications/Chromium.app/Contents/MacOS/Chromium' ||
  { [ -z "${CHROMIUM_PATH:-}" ] && managed_chromium; } || missing+=(chromium)
if wants firefox; then found FIREFOX_PATH firefox-esr firefox || missing+=(firefox-esr); fi
if wants webkit; then
  found WEBKIT_WEBDRIVER_PATH WebKitWebDriver || missing+=(webkit2gtk-driver)
  [ -n "${DISPLAY:-}" ] || found XVFB_PATH Xvfb || missing+=(xvfb)
fi

if [ "${#misnamed[@]}" -gt 0 ]; then
  joined=$(printf '%s; ' "${misnamed[@]}")
  echo "${joined%; }: give the program's path, or unset the variable to use the one installed." >&2
  exit 1
fi

skipped=()
for engine in "${all_engines[@]}"; do wants "$engine" || skipped+=("$engine"); done
if [ "${#skipped[@]}" -gt 0 ]; then
  echo "A subset: ENGINES=${ENGINES} runs the cross-engine checks in ${engines[*]:-no engine} only; ${skipped[*]} are not tested in this run."
fi

if [ "${#missing[@]}" -eq 0 ]; then
  echo "Browsers for the tests: all there (cross-engine checks in ${engines[*]:-no engine})."
  exit 0
fi

install_command="apt-get update && apt-get install -y ${missing[*]}"
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  if [ "${missing[0]}" = chromium ]; then
    alternative="or set CHROMIUM_PATH to a Chromium or Chrome, and ENGINES=chromium npm test runs the Chromium suite alone"
  else
    alternative="or run a subset with ENGINES=chromium npm test (the Chromium suite and its cross-engine checks alone)"
  fi
  echo "The tests need ${missing[*]}: install them (as root on Debian: ${install_command}), ${alternative}." >&2
  exit 1
fi

echo "Installing ${missing[*]} from Debian's packages for the tests: ${install_command}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y "${missing[@]}"
