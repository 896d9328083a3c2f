#!/usr/bin/env bash
# Builds metrics-server (sigs.k8s.io/metrics-server) from the Go module proxy into its own cache
# folder, $CACHE/bin-metrics-server-<version>/metrics-server, so adding it did not change the name
# (and force a rebuild) of the control plane's bin folder. build-binaries.sh calls this and links
# the binary into its bin folder. Prints the folder on its last line. Idempotent; a lock of its
# own serialises concurrent builders (build-binaries.sh holds the other one while it calls this).
set -euo pipefail

MS_VERSION=${METRICS_SERVER_VERSION:-v0.8.0}
CACHE=${DDB_GROUND_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ddb-vscode-ground}
OUT="$CACHE/bin-metrics-server-$MS_VERSION"
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOTOOLCHAIN=local

if [ -x "$OUT/metrics-server" ]; then echo "$OUT"; exit 0; fi
mkdir -p "$CACHE" "$OUT"
exec 8>"$CACHE/.build-metrics-server.lock"
flock 8
if [ -x "$OUT/metrics-server" ]; then echo "$OUT"; exit 0; fi

# Upstream's own go.mod and go.sum (no replace lines), so the build uses exactly the released
# dependency versions.
dir=$(mkdir -p "$CACHE/src" && cd "$CACHE/src" && go mod download -json "sigs.k8s.io/metrics-server@$MS_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
[ -n "$dir" ] || { echo "[ground-build] could not download sigs.k8s.io/metrics-server@$MS_VERSION" >&2; exit 1; }
echo "[ground-build] building metrics-server $MS_VERSION" >&2
pkg=k8s.io/client-go/pkg # as PKG in upstream Makefile
(cd "$dir" && go build -mod=readonly -trimpath \
  -ldflags "-s -w -X $pkg/version.gitVersion=$MS_VERSION -X $pkg/version.gitCommit=release -X $pkg/version.buildDate=1970-01-01T00:00:00Z" \
  -o "$OUT/metrics-server.tmp" ./cmd/metrics-server)
mv "$OUT/metrics-server.tmp" "$OUT/metrics-server"
echo "$OUT"
