#!/usr/bin/env bash
# Builds the real test ground's programs from the Go module proxy into a cache outside the repo,
# keyed by version, so a second run costs nothing:
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl  (k8s.io/kubernetes)
#   etcd                                                              (go.etcd.io/etcd/server/v3)
#   kwok                                                              (sigs.k8s.io/kwok)
#   helm                                                              (helm.sh/helm/v3)
#   metrics-server (sigs.k8s.io/metrics-server): built by build-metrics-server.sh into its own
#   folder (so this folder's name, the key of everything above, stays put) and linked in here
# Prints the bin folder on its last line. Idempotent; safe to run concurrently with itself
# (a lock serialises builders).
set -euo pipefail

KUBE_VERSION=${KUBE_VERSION:-v1.34.4}
ETCD_VERSION=${ETCD_VERSION:-v3.6.5}
KWOK_VERSION=${KWOK_VERSION:-v0.8.0}
HELM_VERSION=${HELM_VERSION:-v3.19.0}
CACHE=${DDB_GROUND_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ddb-vscode-ground}
BIN="$CACHE/bin-k8s-$KUBE_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION-helm-$HELM_VERSION"
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOTOOLCHAIN=local

have_all() {
  for b in kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok helm; do
    [ -x "$BIN/$b" ] || return 1
  done
  [ -d "$BIN/kwok-crds" ] && [ -x "$BIN/metrics-server" ]
}
if have_all; then echo "$BIN"; exit 0; fi

mkdir -p "$CACHE" "$BIN"
exec 9>"$CACHE/.build.lock"
flock 9
if have_all; then echo "$BIN"; exit 0; fi

log() { echo "[ground-build] $*" >&2; }

# A small wrapper module per program: it requires the upstream module and, for Kubernetes, the
# `replace` lines that point each staging module at its published v0.x twin.
build_kube() {
  local dir="$CACHE/src/kube-$KUBE_VERSION"
  [ -x "$BIN/kube-apiserver" ] && [ -x "$BIN/kube-controller-manager" ] && [ -x "$BIN/kube-scheduler" ] && [ -x "$BIN/kubectl" ] && return 0
  mkdir -p "$dir"
  local staging="v0.${KUBE_VERSION#v1.}"
  local modfile
  modfile=$(cd "$dir" && go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  {
    echo "module ddbground/kube"
    echo "go 1.24"
    echo "require k8s.io/kubernetes $KUBE_VERSION"
    # every staging module named in upstream's replace block
    grep -oE '^\s*k8s\.io/[a-z0-9-]+ => \./staging/src/k8s\.io/[a-z0-9-]+' "$modfile" |
      awk -v v="$staging" '{print "replace " $1 " => " $1 " " v}'
  } >"$dir/go.mod"
  cat >"$dir/tools.go" <<'EOF'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
EOF
  (cd "$dir" && go mod tidy -e >/dev/null 2>&1 || true)
  (cd "$dir" && go get "k8s.io/kubernetes@$KUBE_VERSION" >/dev/null 2>&1 || true)
  local ld="-s -w -X k8s.io/component-base/version.gitVersion=$KUBE_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$(echo "$KUBE_VERSION" | cut -d. -f2) -X k8s.io/client-go/pkg/version.gitVersion=$KUBE_VERSION"
  for c in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
    [ -x "$BIN/$c" ] && continue
    log "building $c $KUBE_VERSION"
    (cd "$dir" && go build -mod=mod -ldflags "$ld" -o "$BIN/$c.tmp" "k8s.io/kubernetes/cmd/$c") && mv "$BIN/$c.tmp" "$BIN/$c"
  done
}

build_simple() { # name module version package
  local name=$1 mod=$2 ver=$3 pkg=$4
  [ -x "$BIN/$name" ] && return 0
  local dir="$CACHE/src/$name-$ver"
  mkdir -p "$dir"
  printf 'module ddbground/%s\ngo 1.24\nrequire %s %s\n' "$name" "$mod" "$ver" >"$dir/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$pkg" >"$dir/tools.go"
  (cd "$dir" && go mod tidy -e >/dev/null 2>&1 || true)
  log "building $name $ver"
  (cd "$dir" && go build -mod=mod -ldflags "-s -w ${5:-}" -o "$BIN/$name.tmp" "$pkg") && mv "$BIN/$name.tmp" "$BIN/$name"
}

# kwok's CRD manifests (ClusterLogs, PortForward, ...) ship in its module; keep a copy next to the binary
copy_kwok_crds() {
  [ -d "$BIN/kwok-crds" ] && return 0
  local dir
  dir=$(cd "$CACHE/src/kwok-$KWOK_VERSION" && go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  rm -rf "$BIN/kwok-crds.tmp" && mkdir -p "$BIN/kwok-crds.tmp"
  cp "$dir"/kustomize/crd/bases/*.yaml "$BIN/kwok-crds.tmp/" && chmod 644 "$BIN/kwok-crds.tmp/"*.yaml
  mv "$BIN/kwok-crds.tmp" "$BIN/kwok-crds"
}

build_simple etcd go.etcd.io/etcd/server/v3 "$ETCD_VERSION" go.etcd.io/etcd/server/v3
build_simple kwok sigs.k8s.io/kwok "$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwok
build_simple helm helm.sh/helm/v3 "$HELM_VERSION" helm.sh/helm/v3/cmd/helm "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
build_kube
copy_kwok_crds
# a relative link, so the cache folder can move as a whole
ms_dir=$(bash "$(dirname "${BASH_SOURCE[0]}")/build-metrics-server.sh" | tail -n 1)
ln -sfn "../$(basename "$ms_dir")/metrics-server" "$BIN/metrics-server"

have_all || { log "some programs failed to build"; exit 1; }
echo "$BIN"
