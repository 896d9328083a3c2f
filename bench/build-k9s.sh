#!/usr/bin/env bash
# Builds k9s (the peer the explorer benchmark races) from the Go module proxy into a cache outside the
# repo, keyed by version, like test/ground/build-binaries.sh. The module's own go.mod is used (it has
# replace lines that a wrapper module would ignore), so the source is copied out of the module cache
# and built in place. Prints the binary's path on its last line. Idempotent; a lock serialises builders.
set -euo pipefail

K9S_VERSION=${K9S_VERSION:-v0.50.16}
CACHE=${DDB_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ddb-vscode-bench}
BIN="$CACHE/k9s-$K9S_VERSION"
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOTOOLCHAIN=${GOTOOLCHAIN:-local}

if [ -x "$BIN/k9s" ]; then echo "$BIN/k9s"; exit 0; fi
mkdir -p "$CACHE"
exec 9>"$CACHE/.build.lock"
flock 9
if [ -x "$BIN/k9s" ]; then echo "$BIN/k9s"; exit 0; fi

echo "[bench-build] building k9s $K9S_VERSION (several minutes on 2 cores)" >&2
work="$CACHE/src/k9s-$K9S_VERSION"
if [ ! -f "$work/go.mod" ]; then
  tmp=$(mktemp -d)
  dir=$(cd "$tmp" && go mod download -json "github.com/derailed/k9s@$K9S_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  rm -rf "$tmp" "$work" && mkdir -p "$(dirname "$work")"
  cp -r "$dir" "$work" && chmod -R u+w "$work"
fi
mkdir -p "$BIN"
(cd "$work" && go build -mod=mod -trimpath -ldflags "-s -w -X github.com/derailed/k9s/cmd.version=$K9S_VERSION" -o "$BIN/k9s.tmp" .)
mv "$BIN/k9s.tmp" "$BIN/k9s"
echo "$BIN/k9s"
