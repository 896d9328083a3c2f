#!/usr/bin/env bash
# Smoke test of a running ground, with the ground's own kubectl:
#   workloads → Running/Ready pods, PVC bound, logs, exec, port-forward (to a local HTTP server),
#   garbage collection, RBAC users, the metrics API.
# Usage: node --import tsx test/ground/cli.ts up; DDB_GROUND_DIR=<dir> test/ground/smoke.sh
# (DDB_GROUND_DIR defaults to the last dir `cli.ts up` used.)
set -euo pipefail

DIR=${DDB_GROUND_DIR:-$(cat "${XDG_CACHE_HOME:-$HOME/.cache}/ddb-vscode-ground/last-dir")}
jqs() { node -e 'const s=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(eval("s."+process.argv[2]))' "$DIR/state.json" "$1"; }
BIN=$(jqs binDir)
export KUBECONFIG=$DIR/kubeconfig
k() { "$BIN/kubectl" "$@"; }
NS=smoke-$$
WORK=$(mktemp -d)
PIDS=()
fail=0
t0=$(date +%s%N)
ms() { echo $(( ($(date +%s%N) - t0) / 1000000 )); }
ok() { echo "PASS [$(ms) ms] $*"; }
bad() { echo "FAIL [$(ms) ms] $*"; fail=1; }
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  k delete ns "$NS" --wait=false >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

k create ns "$NS" >/dev/null
k -n "$NS" apply -f - >/dev/null <<EOF
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: nginx:fake, ports: [{containerPort: 8080}], resources: {requests: {cpu: 100m, memory: 64Mi}}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 1
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: dolphindb:fake, ports: [{containerPort: 8848}], volumeMounts: [{name: data, mountPath: /data}]}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
EOF

k -n "$NS" wait --for=condition=Ready pod -l app=web --timeout=60s >/dev/null 2>&1 || k -n "$NS" wait --for=condition=Ready pod -l app=web --timeout=30s >/dev/null \
  && ok "deployment pod Ready" || bad "deployment pod not Ready"
k -n "$NS" wait --for=condition=Ready pod/db-0 --timeout=60s >/dev/null 2>&1 || sleep 1; k -n "$NS" wait --for=condition=Ready pod/db-0 --timeout=30s >/dev/null \
  && ok "statefulset pod db-0 Ready" || bad "statefulset pod not Ready"
k -n "$NS" wait --for=jsonpath='{.status.phase}'=Bound pvc/data-db-0 --timeout=30s >/dev/null \
  && ok "PVC data-db-0 Bound ($(k -n "$NS" get pvc data-db-0 -o jsonpath='{.spec.volumeName} {.spec.storageClassName}'))" || bad "PVC not Bound"
[ -n "$(k -n "$NS" get svc web -o jsonpath='{.spec.clusterIP}')" ] && ok "service got clusterIP $(k -n "$NS" get svc web -o jsonpath='{.spec.clusterIP}')" || bad "no clusterIP"
POD=$(k -n "$NS" get pod -l app=web -o jsonpath='{.items[0].metadata.name}')

out=$(k -n "$NS" logs "$POD" 2>&1) && grep -q 'ddb-ground' <<<"$out" && ok "kubectl logs: $(head -1 <<<"$out")" || bad "kubectl logs: $out"

out=$(k -n "$NS" exec "$POD" -- echo hi 2>&1) && [ "$out" = hi ] && ok "kubectl exec -- echo hi: $out" || bad "kubectl exec: $out"

# port-forward: a local HTTP server is the pod's port 8080
node -e 'const s=require("http").createServer((q,r)=>r.end("pong from ground\n"));s.listen(0,"127.0.0.1",()=>console.log(s.address().port))' >"$WORK/srv" &
PIDS+=($!)
for _ in $(seq 50); do [ -s "$WORK/srv" ] && break; sleep 0.1; done
TARGET=$(cat "$WORK/srv")
k -n "$NS" apply -f - >/dev/null <<EOF
apiVersion: kwok.x-k8s.io/v1alpha1
kind: PortForward
metadata: {name: $POD}
spec: {forwards: [{ports: [8080], target: {address: 127.0.0.1, port: $TARGET}}]}
EOF
sleep 1 # kwok picks the rule up through a watch
pf_curl() { # <resource> <port> <logfile>: port-forward to a random local port, curl through it → $out
  "$BIN/kubectl" -n "$NS" port-forward "$1" ":$2" >"$3" 2>&1 &  # not via k(): $! must be kubectl itself
  PIDS+=($!)
  for _ in $(seq 100); do grep -q 'Forwarding from 127.0.0.1' "$3" && break; sleep 0.1; done
  out=$(curl -s --max-time 5 "http://127.0.0.1:$(sed -n 's/Forwarding from 127.0.0.1:\([0-9]*\).*/\1/p' "$3" | head -1)/" 2>&1 || true)
}
pf_curl "pod/$POD" 8080 "$WORK/pf"
[ "$out" = "pong from ground" ] && ok "kubectl port-forward pod :8080 → local server: $out" || bad "port-forward: '$out' $(cat "$WORK/pf")"
pf_curl svc/web 80 "$WORK/pf2"
[ "$out" = "pong from ground" ] && ok "kubectl port-forward svc/web :80 → local server" || bad "svc port-forward: '$out' $(cat "$WORK/pf2")"

# garbage collection: deleting the Deployment removes its ReplicaSet and Pod
k -n "$NS" delete deploy web --wait=false >/dev/null
for _ in $(seq 150); do
  n=$(k -n "$NS" get rs,pod -l app=web --no-headers 2>/dev/null | wc -l)
  [ "$n" -eq 0 ] && break; sleep 0.2
done
[ "$n" -eq 0 ] && ok "GC removed ReplicaSet and Pod of deleted Deployment" || bad "GC left $n objects"

# deleting a StatefulSet pod: it is recreated and becomes Ready again
uid=$(k -n "$NS" get pod db-0 -o jsonpath='{.metadata.uid}')
k -n "$NS" delete pod db-0 --wait=true --timeout=30s >/dev/null
for _ in $(seq 100); do
  nuid=$(k -n "$NS" get pod db-0 -o jsonpath='{.metadata.uid}' 2>/dev/null || true)
  [ -n "$nuid" ] && [ "$nuid" != "$uid" ] && break; sleep 0.2
done
k -n "$NS" wait --for=condition=Ready pod/db-0 --timeout=30s >/dev/null && ok "deleted pod db-0 recreated and Ready" || bad "db-0 not recreated"

# RBAC users
RO=$(node --import tsx "$(dirname "$0")/cli.ts" kubeconfig readonly-user --dir "$DIR")
NSU=$(node --import tsx "$(dirname "$0")/cli.ts" kubeconfig ns-user --dir "$DIR")
k --kubeconfig "$RO" -n "$NS" get pods >/dev/null && ! k --kubeconfig "$RO" -n "$NS" delete pod db-0 --dry-run=server >/dev/null 2>&1 \
  && ok "readonly-user: can list pods, cannot delete" || bad "readonly-user RBAC"
k --kubeconfig "$NSU" get cm >/dev/null && ! k --kubeconfig "$NSU" get nodes >/dev/null 2>&1 && ! k --kubeconfig "$NSU" -n "$NS" get pods >/dev/null 2>&1 \
  && ok "ns-user: can use namespace dolphindb only" || bad "ns-user RBAC"

# the metrics API: the aggregator reaches metrics-server (numbers take a resolution or two: see README)
for _ in $(seq 50); do
  avail=$(k get apiservice v1beta1.metrics.k8s.io -o jsonpath='{.status.conditions[?(@.type=="Available")].status}' 2>/dev/null || true)
  [ "$avail" = True ] && break; sleep 0.2
done
[ "$avail" = True ] && k get --raw /apis/metrics.k8s.io/v1beta1/namespaces/"$NS"/pods >/dev/null \
  && ok "metrics.k8s.io available (metrics-server)" || bad "metrics.k8s.io not available: $avail"

echo "smoke: $([ $fail = 0 ] && echo PASS || echo FAIL) in $(ms) ms"
exit $fail
