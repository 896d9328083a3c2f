// The "real control plane on loopback" test ground: etcd, kube-apiserver, kube-controller-manager,
// kube-scheduler, KWOK (fake nodes whose pods go Running/Ready, with logs/exec/port-forward
// served by KWOK's kubelet API) and metrics-server (the metrics.k8s.io API, from KWOK's simulated
// usage; see metrics.ts), all detached processes owned by a state dir.
// Programs come from build-binaries.sh (cache outside the repo). Nothing is written to the repo.
import { execFile, execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify as toYaml } from 'yaml';
import { crdFile } from '../fixtures/paths';
import { probe, waitFor, type TlsClient } from './http';
import {
  METRICS_APISERVICE,
  METRICS_SERVER_DNS,
  METRICS_SERVER_USER,
  RESOURCE_METRICS_PATH_ANNOTATION,
  aggregationFlags,
  kwokMetricsRules,
  metricsApiObjects,
  metricsRbacObjects,
  metricsServerArgs,
  resourceMetricsPath,
  usageAnnotation,
} from './metrics';
import { ensureCa, ensureCert, ensureSaKey } from './pki';
import { freePorts, isAlive, killGroup, spawnDetached } from './proc';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const COMPONENTS = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kwok',
  'metrics-server',
] as const;
export type ComponentName = (typeof COMPONENTS)[number];
export const CONTEXT = 'ddb-ground';
export const SERVICE_CIDR = '10.96.0.0/16';
/** kwok kinds served from CRDs (so tests can change them at run time) → their plural */
const KWOK_CRDS: Record<string, string> = {
  ClusterLogs: 'clusterlogs',
  Logs: 'logs',
  ClusterExec: 'clusterexecs',
  Exec: 'execs',
  ClusterPortForward: 'clusterportforwards',
  PortForward: 'portforwards',
  ClusterAttach: 'clusterattaches',
  Attach: 'attaches',
  // simulated resource usage, read by metrics-server through KWOK's /metrics/resource
  Metric: 'metrics',
  ClusterResourceUsage: 'clusterresourceusages',
  ResourceUsage: 'resourceusages',
};

export interface ComponentState {
  argv: string[];
  env: Record<string, string>;
  log: string;
  pid?: number;
  /** URL polled for readiness (200 = ready) */
  health: string;
}

export interface GroundUser {
  token: string;
  groups: string[];
  description: string;
}

export interface GroundState {
  version: 1;
  dir: string;
  binDir: string;
  server: string;
  /** admin kubeconfig (client cert, O=system:masters), context `ddb-ground` */
  kubeconfig: string;
  kubectl: string;
  helm: string;
  ports: {
    etcdClient: number;
    etcdPeer: number;
    apiserver: number;
    controllerManager: number;
    scheduler: number;
    kwok: number;
    metricsServer: number;
  };
  components: Record<ComponentName, ComponentState>;
  users: Record<string, GroundUser>;
  nodes: string[];
  /** files kwok uses: default pod log (CRI format) and exec working dir */
  podLogFile: string;
  execDir: string;
  setupDone: boolean;
  createdAt: string;
}

export interface GroundOptions {
  /** state dir; default $DDB_GROUND_DIR, else a fresh temp dir */
  dir?: string;
  /** number of fake nodes (default 2) */
  nodes?: number;
  /** bin dir with all programs; default $DDB_GROUND_BIN, else from build-binaries.sh */
  binDir?: string;
  /** extra timeout budget for readiness (ms, default 90 s) */
  timeoutMs?: number;
  log?: (msg: string) => void;
}

/** The namespace ns-user may use (and the one the suite lives in). */
export const NS_USER_NAMESPACE = 'dolphindb';

// ---------------------------------------------------------------- paths and state

const p = (dir: string, ...rest: string[]) => path.join(dir, ...rest);

export function readState(dir: string): GroundState {
  return JSON.parse(fs.readFileSync(p(dir, 'state.json'), 'utf8')) as GroundState;
}

function writeState(st: GroundState): void {
  const tmp = p(st.dir, `state.json.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(st, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, p(st.dir, 'state.json'));
}

function resolveBinDir(opts: GroundOptions): string {
  const dir = opts.binDir ?? process.env.DDB_GROUND_BIN;
  if (dir) return dir;
  const out = execFileSync('bash', [p(HERE, 'build-binaries.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const last = out.trim().split('\n').pop();
  if (!last || !fs.existsSync(p(last, 'kube-apiserver'))) throw new Error(`build-binaries.sh printed no bin dir: ${out}`);
  return last;
}

function adminTls(st: GroundState): TlsClient {
  return { ca: p(st.dir, 'pki', 'ca.crt'), cert: p(st.dir, 'pki', 'admin.crt'), key: p(st.dir, 'pki', 'admin.key') };
}

function tlsFor(st: GroundState, name: ComponentName): TlsClient {
  // the apiserver is checked as admin with CA verification; the others only answer /healthz
  return name === 'kube-apiserver' ? adminTls(st) : {};
}

// ---------------------------------------------------------------- kubeconfigs

interface KubeconfigUser {
  token?: string;
  clientCert?: string;
  clientKey?: string;
}

function kubeconfigText(
  st: Pick<GroundState, 'dir' | 'server'>,
  user: string,
  cred: KubeconfigUser,
  namespace?: string,
  embed = true,
): string {
  const ca = p(st.dir, 'pki', 'ca.crt');
  const b64 = (f: string) => fs.readFileSync(f).toString('base64');
  const u: Record<string, string> = {};
  if (cred.token) u.token = cred.token;
  if (cred.clientCert && cred.clientKey) {
    if (embed) {
      u['client-certificate-data'] = b64(cred.clientCert);
      u['client-key-data'] = b64(cred.clientKey);
    } else {
      u['client-certificate'] = cred.clientCert;
      u['client-key'] = cred.clientKey;
    }
  }
  const ctxName = user === 'admin' ? CONTEXT : `${CONTEXT}-${user}`;
  return toYaml({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: CONTEXT, cluster: { server: st.server, 'certificate-authority-data': b64(ca) } }],
    users: [{ name: ctxName, user: u }],
    contexts: [{ name: ctxName, context: { cluster: CONTEXT, user: ctxName, ...(namespace ? { namespace } : {}) } }],
    'current-context': ctxName,
  });
}

/** Writes <dir>/kubeconfig-<user> (token auth, context `ddb-ground-<user>`) and returns its path. */
export function writeUserKubeconfig(dir: string, user: string, namespace?: string): string {
  return userKubeconfig(readState(dir), user, namespace);
}

function userKubeconfig(st: GroundState, user: string, namespace?: string): string {
  const u = st.users[user];
  if (!u) throw new Error(`unknown ground user ${user}; known: ${Object.keys(st.users).join(', ')}`);
  const file = p(st.dir, `kubeconfig-${user}`);
  fs.writeFileSync(
    file,
    kubeconfigText(st, user, { token: u.token }, namespace ?? (user === 'ns-user' ? NS_USER_NAMESPACE : undefined)),
    { mode: 0o600 },
  );
  return file;
}

// ---------------------------------------------------------------- first-time material

function makeUsers(): Record<string, GroundUser> {
  const tok = () => crypto.randomBytes(24).toString('hex');
  return {
    'readonly-user': {
      token: tok(),
      groups: ['ddb-ground:readonly'],
      description: 'get/list/watch on every resource, cluster-wide; no writes, no exec/port-forward',
    },
    'ns-user': {
      token: tok(),
      groups: ['ddb-ground:ns-users'],
      description: `full access inside namespace ${NS_USER_NAMESPACE} only; nothing cluster-scoped`,
    },
    'nobody-user': { token: tok(), groups: [], description: 'authenticated, no RBAC bindings (forbidden everywhere)' },
  };
}

async function writePki(dir: string): Promise<void> {
  const pki = p(dir, 'pki');
  await ensureCa(pki);
  const client = (name: string, cn: string, org?: string) => ensureCert(pki, { name, cn, org, usage: 'client' });
  await Promise.all([
    ensureSaKey(pki),
    ensureCert(pki, {
      name: 'apiserver',
      cn: 'kube-apiserver',
      usage: 'server',
      ips: ['127.0.0.1', '10.96.0.1'],
      dns: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'],
    }),
    ensureCert(pki, { name: 'kwok-serving', cn: 'kwok-kubelet', usage: 'server', ips: ['127.0.0.1'], dns: ['localhost'] }),
    client('apiserver-kubelet-client', 'kube-apiserver-kubelet-client', 'system:masters'),
    client('admin', 'ddb-ground-admin', 'system:masters'),
    client('controller-manager', 'system:kube-controller-manager'),
    client('scheduler', 'system:kube-scheduler'),
    client('kwok', 'kwok-controller', 'system:masters'),
    // aggregation layer: the API server proxies to metrics-server with this cert, which
    // metrics-server checks against the front-proxy CA (published in extension-apiserver-authentication)
    ensureCa(pki, 'front-proxy-ca', 'ddb-ground-front-proxy-ca').then(() =>
      ensureCert(pki, { name: 'front-proxy-client', cn: 'front-proxy-client', usage: 'client', ca: 'front-proxy-ca' }),
    ),
    client('metrics-server-client', METRICS_SERVER_USER),
    ensureCert(pki, {
      name: 'metrics-server',
      cn: 'metrics-server',
      usage: 'server',
      ips: ['127.0.0.1'],
      dns: METRICS_SERVER_DNS,
    }),
  ]);
}

function writeTokens(dir: string, users: Record<string, GroundUser>): void {
  const lines = Object.entries(users).map(([name, u]) => `${u.token},${name},${name},"${u.groups.join(',')}"`);
  fs.writeFileSync(p(dir, 'tokens.csv'), lines.join('\n') + '\n', { mode: 0o600 });
}

function componentSpecs(st: GroundState): Record<ComponentName, ComponentState> {
  const { dir, binDir, ports } = st;
  const pki = (f: string) => p(dir, 'pki', f);
  const env: Record<string, string> = { PATH: `${binDir}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: os.homedir() };
  const c = (bin: string, args: string[], health: string): ComponentState => ({
    argv: [p(binDir, bin), ...args],
    env,
    log: p(dir, 'logs', `${bin}.log`),
    health,
  });
  const etcdPeer = `http://127.0.0.1:${ports.etcdPeer}`;
  const etcdClient = `http://127.0.0.1:${ports.etcdClient}`;
  return {
    etcd: c(
      'etcd',
      [
        '--name=ground',
        `--data-dir=${p(dir, 'etcd-data')}`,
        `--listen-client-urls=${etcdClient}`,
        `--advertise-client-urls=${etcdClient}`,
        `--listen-peer-urls=${etcdPeer}`,
        `--initial-advertise-peer-urls=${etcdPeer}`,
        `--initial-cluster=ground=${etcdPeer}`,
        '--initial-cluster-state=new',
        '--unsafe-no-fsync=true',
        '--log-level=warn',
        '--quota-backend-bytes=2147483648',
      ],
      `${etcdClient}/health`,
    ),
    'kube-apiserver': c(
      'kube-apiserver',
      [
        `--etcd-servers=${etcdClient}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${ports.apiserver}`,
        '--endpoint-reconciler-type=none',
        `--tls-cert-file=${pki('apiserver.crt')}`,
        `--tls-private-key-file=${pki('apiserver.key')}`,
        `--client-ca-file=${pki('ca.crt')}`,
        `--token-auth-file=${p(dir, 'tokens.csv')}`,
        '--authorization-mode=Node,RBAC',
        '--anonymous-auth=false',
        '--allow-privileged=true',
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${pki('sa.pub')}`,
        `--service-account-signing-key-file=${pki('sa.key')}`,
        `--kubelet-client-certificate=${pki('apiserver-kubelet-client.crt')}`,
        `--kubelet-client-key=${pki('apiserver-kubelet-client.key')}`,
        `--kubelet-certificate-authority=${pki('ca.crt')}`,
        '--kubelet-preferred-address-types=InternalIP',
        '--enable-admission-plugins=NamespaceLifecycle,ServiceAccount,DefaultStorageClass,StorageObjectInUseProtection',
        '--enable-priority-and-fairness=false',
        '--profiling=false',
        '--v=1',
        ...aggregationFlags(dir),
      ],
      `https://127.0.0.1:${ports.apiserver}/readyz`,
    ),
    'kube-controller-manager': c(
      'kube-controller-manager',
      [
        `--kubeconfig=${p(dir, 'kubeconfig-controller-manager')}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${ports.controllerManager}`,
        '--leader-elect=false',
        '--controllers=*',
        '--use-service-account-credentials=true',
        `--service-account-private-key-file=${pki('sa.key')}`,
        `--root-ca-file=${pki('ca.crt')}`,
        `--cluster-signing-cert-file=${pki('ca.crt')}`,
        `--cluster-signing-key-file=${pki('ca.key')}`,
        '--cluster-name=ddb-ground',
        // The default 20 requests/s per controller client queues the StatefulSet controller behind
        // itself when a test tier creates and deletes dozens of clusters in a row; a recreated pod
        // then took over a minute under load. A real control plane's clients are tuned likewise.
        '--kube-api-qps=100',
        '--kube-api-burst=200',
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        '--profiling=false',
        '--v=1',
      ],
      `https://127.0.0.1:${ports.controllerManager}/healthz`,
    ),
    'kube-scheduler': c(
      'kube-scheduler',
      [
        `--kubeconfig=${p(dir, 'kubeconfig-scheduler')}`,
        '--bind-address=127.0.0.1',
        `--secure-port=${ports.scheduler}`,
        '--leader-elect=false',
        '--profiling=false',
        '--v=1',
        // KWOK binds PVCs in several writes (PV, PVC spec, PVC status, PV status); a pod tried between
        // them is parked as unschedulable and, when no later event requeues it, waited the default
        // 5 minutes (CI lost lifecycle-ops' add-volume test this way: 84 tries in one second, then
        // silence for 100 s). Retrying parked pods after 10 s keeps that race from stalling a test.
        '--pod-max-in-unschedulable-pods-duration=10s',
      ],
      `https://127.0.0.1:${ports.scheduler}/healthz`,
    ),
    kwok: c(
      'kwok',
      [
        `--kubeconfig=${p(dir, 'kubeconfig-kwok')}`,
        `--config=${p(dir, 'kwok.yaml')}`,
        '--manage-all-nodes=true',
        '--node-ip=127.0.0.1',
        `--node-port=${ports.kwok}`,
        `--server-address=127.0.0.1:${ports.kwok}`,
        '--cidr=10.244.0.1/16',
        `--tls-cert-file=${pki('kwok-serving.crt')}`,
        `--tls-private-key-file=${pki('kwok-serving.key')}`,
        '--node-lease-duration-seconds=40',
        `--enable-crds=${Object.keys(KWOK_CRDS).join(',')}`,
      ],
      `https://127.0.0.1:${ports.kwok}/healthz`,
    ),
    // /livez, not /readyz: ready means "has scraped", which takes a resolution (10 s) and would
    // hold up `up`; tests that read metrics wait for them (see test/cluster/metrics-server.test.ts)
    'metrics-server': c(
      'metrics-server',
      metricsServerArgs({ binDir, dir, port: ports.metricsServer }),
      `https://127.0.0.1:${ports.metricsServer}/livez`,
    ),
  };
}

/** (Re)writes everything derived from ports: component argv, kubeconfigs, env.sh. */
async function assignPorts(st: GroundState): Promise<void> {
  const [etcdClient, etcdPeer, apiserver, controllerManager, scheduler, kwok, metricsServer] = await freePorts(7);
  st.ports = {
    etcdClient: etcdClient!,
    etcdPeer: etcdPeer!,
    apiserver: apiserver!,
    controllerManager: controllerManager!,
    scheduler: scheduler!,
    kwok: kwok!,
    metricsServer: metricsServer!,
  };
  st.server = `https://127.0.0.1:${st.ports.apiserver}`;
  st.components = componentSpecs(st);
  const pki = (f: string) => p(st.dir, 'pki', f);
  fs.writeFileSync(st.kubeconfig, kubeconfigText(st, 'admin', { clientCert: pki('admin.crt'), clientKey: pki('admin.key') }), {
    mode: 0o600,
  });
  for (const [who, cert] of [
    ['controller-manager', 'controller-manager'],
    ['scheduler', 'scheduler'],
    ['kwok', 'kwok'],
    ['metrics-server', 'metrics-server-client'],
  ]) {
    fs.writeFileSync(
      p(st.dir, `kubeconfig-${who}`),
      kubeconfigText(st, 'admin', { clientCert: pki(`${cert}.crt`), clientKey: pki(`${cert}.key`) }, undefined, false),
      { mode: 0o600 },
    );
  }
  fs.writeFileSync(
    p(st.dir, 'env.sh'),
    `export KUBECONFIG='${st.kubeconfig}'\nexport PATH='${st.binDir}':"$PATH"\nexport DDB_GROUND_DIR='${st.dir}'\n`,
  );
  for (const u of Object.keys(st.users)) userKubeconfig(st, u);
}

// ---------------------------------------------------------------- kubectl

export async function kubectl(dir: string, args: string[], input?: string): Promise<string> {
  const st = readState(dir);
  return kubectlSt(st, args, input);
}

function kubectlSt(st: Pick<GroundState, 'kubectl' | 'kubeconfig'>, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      st.kubectl,
      [`--kubeconfig=${st.kubeconfig}`, ...args],
      { maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`kubectl ${args.join(' ')}: ${stderr || err.message}`));
        else resolve(stdout);
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** kubectl apply -f - of a list of objects (server-side, ground field manager). */
export async function applyObjects(dir: string, objs: object[]): Promise<void> {
  await kubectlSt(
    readState(dir),
    ['apply', '--server-side', '--force-conflicts', '--field-manager=ddb-ground', '-f', '-'],
    objs.map((o) => toYaml(o)).join('---\n'),
  );
}

// ---------------------------------------------------------------- cluster setup

function setupObjects(st: GroundState): object[] {
  const objs: object[] = [];
  const sc = (name: string, isDefault: boolean) => ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, annotations: { 'storageclass.kubernetes.io/is-default-class': String(isDefault) } },
    provisioner: 'ddb-ground/no-op',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: true,
  });
  objs.push(sc('standard', true), sc('local-path', false));
  objs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS_USER_NAMESPACE } });
  objs.push(
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'ddb-ground:readonly' },
      rules: [
        { apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] },
        { nonResourceURLs: ['*'], verbs: ['get'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'ddb-ground:readonly' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'ddb-ground:readonly' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'ddb-ground:readonly' }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'ddb-ground:ns-user', namespace: NS_USER_NAMESPACE },
      rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'ddb-ground:ns-user', namespace: NS_USER_NAMESPACE },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'ddb-ground:ns-user' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'ddb-ground:ns-users' }],
    },
    ...metricsRbacObjects(),
  );
  for (const name of st.nodes) {
    objs.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        annotations: {
          'kwok.x-k8s.io/node': 'fake',
          'node.alpha.kubernetes.io/ttl': '0',
          // KWOK serves every node's kubelet metrics on one port, each under its own path
          [RESOURCE_METRICS_PATH_ANNOTATION]: resourceMetricsPath(name),
        },
        labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok' },
      },
      status: {
        allocatable: { cpu: '128', memory: '512Gi', pods: '1000', 'ephemeral-storage': '500Gi' },
        capacity: { cpu: '128', memory: '512Gi', pods: '1000', 'ephemeral-storage': '500Gi' },
      },
    });
  }
  return objs;
}

/** Default kwok rules: every container logs the default CRI log file, exec runs on the host. */
function kwokDefaultRules(st: GroundState): object[] {
  const k = (kind: string, spec: object) => ({
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind,
    metadata: { name: 'ground-default' },
    spec,
  });
  return [
    k('ClusterLogs', { logs: [{ logsFile: st.podLogFile, follow: true }] }),
    k('ClusterExec', { execs: [{ local: { workDir: st.execDir } }] }),
    ...kwokMetricsRules(),
  ];
}

/** The DolphinDB CRD (test/fixtures), copied next to the other manifests: zz-crd-missing re-applies it from there. */
function copyDdbCrd(dir: string): string {
  const out = p(dir, 'manifests', 'ddb_crd.yaml');
  if (!fs.existsSync(out)) fs.copyFileSync(crdFile, out);
  return out;
}

/** kwok's CRD manifests: build-binaries.sh copies them to <bin>/kwok-crds from kwok's Go module. */
function kwokCrdFiles(binDir: string): string[] {
  const base = p(binDir, 'kwok-crds');
  if (!fs.existsSync(base)) throw new Error(`${base} missing: rerun test/ground/build-binaries.sh`);
  return Object.values(KWOK_CRDS).map((plural) => p(base, `kwok.x-k8s.io_${plural}.yaml`));
}

async function apiGet(st: GroundState, urlPath: string): Promise<{ status: number; body: string }> {
  return probe(`${st.server}${urlPath}`, adminTls(st), 3000);
}

// ---------------------------------------------------------------- lifecycle

async function startComponent(st: GroundState, name: ComponentName, timeoutMs: number): Promise<void> {
  const c = st.components[name];
  c.pid = spawnDetached({ argv: c.argv, env: c.env, log: c.log, cwd: st.dir });
  writeState(st);
  await waitReady(st, name, timeoutMs);
}

async function waitReady(st: GroundState, name: ComponentName, timeoutMs: number): Promise<void> {
  const c = st.components[name];
  await waitFor(
    `${name} ready (${c.health}; log ${c.log})`,
    async () => {
      if (!isAlive(c.pid, c.argv[0]!)) throw new Error(`${name} exited; tail of ${c.log}:\n${tail(c.log)}`);
      const r = await probe(c.health, tlsFor(st, name));
      return r.status === 200 ? true : `${r.status} ${r.body}`;
    },
    timeoutMs,
    100,
  );
}

function tail(file: string, n = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

async function runSetup(st: GroundState, timeoutMs: number): Promise<void> {
  const manifests = p(st.dir, 'manifests');
  fs.mkdirSync(manifests, { recursive: true });
  fs.writeFileSync(
    p(manifests, 'setup.yaml'),
    setupObjects(st)
      .map((o) => toYaml(o))
      .join('---\n'),
  );
  const files = [...kwokCrdFiles(st.binDir), copyDdbCrd(st.dir), p(manifests, 'setup.yaml')];
  await kubectlSt(st, [
    'apply',
    '--server-side',
    '--force-conflicts',
    '--field-manager=ddb-ground',
    ...files.flatMap((f) => ['-f', f]),
  ]);
  const crds = ['dolphindbs.dolphindb.dolphindb.io', ...Object.values(KWOK_CRDS).map((plural) => `${plural}.kwok.x-k8s.io`)];
  await kubectlSt(st, [
    'wait',
    '--for=condition=Established',
    `--timeout=${Math.ceil(timeoutMs / 1000)}s`,
    ...crds.map((c) => `crd/${c}`),
  ]);
  fs.writeFileSync(
    p(manifests, 'kwok-rules.yaml'),
    kwokDefaultRules(st)
      .map((o) => toYaml(o))
      .join('---\n'),
  );
  await kubectlSt(st, [
    'apply',
    '--server-side',
    '--force-conflicts',
    '--field-manager=ddb-ground',
    '-f',
    p(manifests, 'kwok-rules.yaml'),
  ]);
}

async function waitCluster(st: GroundState, timeoutMs: number): Promise<void> {
  await waitFor(
    'default service account',
    async () => {
      const r = await apiGet(st, '/api/v1/namespaces/default/serviceaccounts/default');
      return r.status === 200 ? true : `${r.status}`;
    },
    timeoutMs,
  );
  await waitFor(
    'nodes Ready',
    async () => {
      const r = await apiGet(st, '/api/v1/nodes');
      if (r.status !== 200) return `${r.status}`;
      const items = (
        JSON.parse(r.body) as {
          items: { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } }[];
        }
      ).items;
      const ready = items
        .filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
        .map((n) => n.metadata.name);
      return st.nodes.every((n) => ready.includes(n)) ? true : `ready: ${ready.join(',')}`;
    },
    timeoutMs,
  );
}

/** Brings the ground up (idempotent: respawns only what is dead) and returns its state. */
export async function groundUp(opts: GroundOptions = {}): Promise<GroundState> {
  const log = opts.log ?? (() => undefined);
  const timeoutMs = opts.timeoutMs ?? 90_000;
  const dir = path.resolve(opts.dir ?? process.env.DDB_GROUND_DIR ?? fs.mkdtempSync(p(os.tmpdir(), 'ddb-ground-')));
  fs.mkdirSync(p(dir, 'logs'), { recursive: true });
  const t0 = Date.now();

  let st: GroundState;
  const fresh = !fs.existsSync(p(dir, 'state.json'));
  if (fresh) {
    const binDir = resolveBinDir(opts);
    const users = makeUsers();
    st = {
      version: 1,
      dir,
      binDir,
      server: '',
      kubeconfig: p(dir, 'kubeconfig'),
      kubectl: p(binDir, 'kubectl'),
      helm: p(binDir, 'helm'),
      ports: { etcdClient: 0, etcdPeer: 0, apiserver: 0, controllerManager: 0, scheduler: 0, kwok: 0, metricsServer: 0 },
      components: {} as Record<ComponentName, ComponentState>,
      users,
      nodes: Array.from({ length: opts.nodes ?? 2 }, (_, i) => `ground-node-${i}`),
      podLogFile: p(dir, 'pod-logs', 'default.log'),
      execDir: p(dir, 'exec'),
      setupDone: false,
      createdAt: new Date().toISOString(),
    };
    await writePki(dir);
    writeTokens(dir, users);
    fs.mkdirSync(st.execDir, { recursive: true });
    fs.mkdirSync(path.dirname(st.podLogFile), { recursive: true });
    writeCriLog(st.podLogFile, ['ddb-ground: fake container started', 'ddb-ground: this is the default KWOK pod log']);
    fs.copyFileSync(p(HERE, 'kwok-stages.yaml'), p(dir, 'kwok.yaml'));
    await assignPorts(st);
    writeState(st);
    log(`state dir ${dir} prepared (${Date.now() - t0} ms)`);
  } else {
    st = readState(dir);
    const alive = (n: ComponentName) => !!st.components[n] && isAlive(st.components[n].pid, st.components[n].argv[0]!);
    if (!st.components['metrics-server']) {
      // a state dir from before metrics-server: it needs new certs, flags and setup objects
      // (the API server's flags change too, so a running one is stopped; etcd's data stays)
      if (COMPONENTS.some(alive)) {
        log(`the ground in ${dir} predates metrics-server: restarting it to add it`);
        await groundDown(dir);
        st = readState(dir);
      }
      await writePki(dir);
      if (!fs.existsSync(p(st.binDir, 'metrics-server'))) st.binDir = resolveBinDir(opts);
      st.setupDone = false;
    }
    // after `down` nothing runs: pick fresh ports (the old ones may be taken by now)
    if (!COMPONENTS.some(alive)) {
      await assignPorts(st);
      writeState(st);
    }
  }

  try {
    const started = await bringUp(st, timeoutMs, log, t0, fresh);
    log(`ground ${started ? 'up' : 'already up'} in ${Date.now() - t0} ms: export KUBECONFIG=${st.kubeconfig}`);
    return st;
  } catch (e) {
    // leave nothing running after a failed first start (logs stay in the dir)
    if (fresh) await groundDown(dir);
    throw e;
  }
}

async function bringUp(
  st: GroundState,
  timeoutMs: number,
  log: (m: string) => void,
  t0: number,
  fresh: boolean,
): Promise<boolean> {
  let started = false;
  const start = async (name: ComponentName) => {
    const c = st.components[name];
    if (isAlive(c.pid, c.argv[0]!)) return;
    await startComponent(st, name, timeoutMs);
    started = true;
    log(`${name} ready (pid ${c.pid}, +${Date.now() - t0} ms)`);
  };
  const setup = async () => {
    if (st.setupDone) return;
    await runSetup(st, timeoutMs);
    st.setupDone = true;
    writeState(st);
    log(`setup done (+${Date.now() - t0} ms)`);
  };
  await start('etcd');
  await start('kube-apiserver');
  // A KWOK starting on kept nodes (`up` after `down`) waits out the old process's leases (40 s) before
  // it manages them; meanwhile the nodes name the old kubelet port and no metrics are scraped.
  const kwokWasUp = isAlive(st.components.kwok.pid, st.components.kwok.argv[0]!);
  // kwok needs its CRDs (setup) before it starts
  await Promise.all([
    start('kube-controller-manager'),
    start('kube-scheduler'),
    setup(),
    kwokWasUp ? undefined : releaseNodeLeases(st),
  ]);
  const msWasUp = isAlive(st.components['metrics-server'].pid, st.components['metrics-server'].argv[0]!);
  await Promise.all([
    start('kwok').then(() => (kwokWasUp || fresh ? undefined : nodesToKubeletPort(st))),
    start('metrics-server'),
    // the APIService names metrics-server's port, which a fresh `up` may have changed
    msWasUp ? undefined : applyMetricsApiSt(st),
  ]);
  for (const name of COMPONENTS) await waitReady(st, name, timeoutMs);
  await waitCluster(st, timeoutMs);
  return started;
}

/** Kills every component's process group. With purge, removes the state dir too. */
export async function groundDown(dir: string, opts: { purge?: boolean } = {}): Promise<void> {
  if (fs.existsSync(p(dir, 'state.json'))) {
    const st = readState(dir);
    for (const name of [...COMPONENTS].reverse()) {
      const c = st.components[name];
      if (!c) continue; // a state dir from before that component
      await killGroup(c.pid, c.argv[0]!);
      delete c.pid;
    }
    writeState(st);
  }
  if (opts.purge) fs.rmSync(dir, { recursive: true, force: true });
}

export interface RestartOptions {
  timeoutMs?: number;
  /** stay down this long before starting again */
  downMs?: number;
  /** SIGKILL at once (a crash) instead of SIGTERM with a 3 s grace */
  hard?: boolean;
}

/** Kills a component and starts it again with the same argv/env/log; waits until it is ready. */
/**
 * A restarted KWOK is a new lease holder: it waits for the old process's node leases to expire
 * (--node-lease-duration-seconds, 40 s) before it manages the nodes again, and meanwhile no pod
 * becomes Running. A real kubelet restarting keeps its node; release the leases so the new KWOK
 * takes over at once.
 */
async function releaseNodeLeases(st: GroundState): Promise<void> {
  if (st.nodes.length === 0) return;
  await kubectlSt(st, ['-n', 'kube-node-lease', 'delete', 'lease', ...st.nodes, '--ignore-not-found', '--wait=false']).catch(
    () => undefined,
  );
}

/**
 * Kept nodes (`up` after `down`) name the old KWOK's port in status.daemonEndpoints until a stage
 * rewrites it, and that is where the API server (logs, exec) and metrics-server dial the kubelet.
 */
async function nodesToKubeletPort(st: GroundState): Promise<void> {
  const patch = JSON.stringify({ status: { daemonEndpoints: { kubeletEndpoint: { Port: st.ports.kwok } } } });
  await Promise.all(
    st.nodes.map((n) =>
      kubectlSt(st, ['patch', 'node', n, '--subresource=status', '--type=merge', '-p', patch]).catch(() => undefined),
    ),
  );
}

export async function restartComponent(dir: string, name: ComponentName, opts: RestartOptions = {}): Promise<void> {
  if (!COMPONENTS.includes(name)) throw new Error(`unknown component ${name}; one of ${COMPONENTS.join(', ')}`);
  const st = readState(dir);
  const c = st.components[name];
  await killGroup(c.pid, c.argv[0]!, opts.hard ? 0 : undefined);
  delete c.pid;
  writeState(st);
  if (opts.downMs) await new Promise((r) => setTimeout(r, opts.downMs));
  if (name === 'kwok') await releaseNodeLeases(st);
  await startComponent(st, name, opts.timeoutMs ?? 60_000);
  if (name === 'kube-apiserver') {
    // The API server's clients back off after an outage: the controller-manager's informers saw
    // a new StatefulSet only ~75 s later, and KWOK (every kubelet) sometimes never recovered after
    // etcd compaction. Tests that restart the API server test our extension's recovery, not
    // theirs, so the ground restarts its own clients too and the next test starts from a working
    // control plane.
    for (const client of ['kube-controller-manager', 'kube-scheduler', 'kwok', 'metrics-server'] as const) {
      const c2 = readState(dir).components[client];
      if (!c2) continue; // a ground from before metrics-server
      if (c2.pid) await killGroup(c2.pid, c2.argv[0]!);
      const again = readState(dir);
      delete again.components[client].pid;
      writeState(again);
      if (client === 'kwok') await releaseNodeLeases(again);
      await startComponent(again, client, opts.timeoutMs ?? 60_000);
    }
  }
}

/** Stops a component without restarting it (fault tests); `groundUp` or `restartComponent` revives it. */
export async function stopComponent(dir: string, name: ComponentName, opts: { hard?: boolean } = {}): Promise<void> {
  const st = readState(dir);
  const c = st.components[name];
  await killGroup(c.pid, c.argv[0]!, opts.hard ? 0 : undefined);
  delete c.pid;
  writeState(st);
}

export interface ComponentStatus {
  name: ComponentName;
  pid?: number;
  alive: boolean;
  ready: boolean;
  detail: string;
}

export async function groundStatus(dir: string): Promise<ComponentStatus[]> {
  const st = readState(dir);
  return Promise.all(
    COMPONENTS.map(async (name) => {
      const c = st.components[name];
      if (!c) return { name, alive: false, ready: false, detail: 'not in this ground yet: run `up` to add it' };
      const alive = isAlive(c.pid, c.argv[0]!);
      const r = alive ? await probe(c.health, tlsFor(st, name)) : { status: 0, body: 'not running' };
      return {
        name,
        pid: c.pid,
        alive,
        ready: r.status === 200,
        detail: r.status === 200 ? 'ok' : `${r.status} ${r.body.slice(0, 120)}`,
      };
    }),
  );
}

// ---------------------------------------------------------------- kwok rules for tests

/** Lines → a CRI-format log file (the format kwok's log reader expects). */
export function writeCriLog(file: string, lines: string[], append = false): void {
  const text = lines.map((l) => `${new Date().toISOString().replace('Z', '000000Z')} stdout F ${l}\n`).join('');
  if (append) fs.appendFileSync(file, text);
  else fs.writeFileSync(file, text);
}

/** Makes `kubectl logs <pod>` in namespace show these lines (a Logs rule for that pod). Returns the log file. */
export async function setPodLogs(dir: string, namespace: string, pod: string, lines: string[]): Promise<string> {
  const file = p(dir, 'pod-logs', `${namespace}_${pod}.log`);
  writeCriLog(file, lines);
  await applyObjects(dir, [
    {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'Logs',
      metadata: { name: pod, namespace },
      spec: { logs: [{ logsFile: file, follow: true }] },
    },
  ]);
  return file;
}

/** Routes `kubectl port-forward` to pod port(s) (all ports when ports is empty) to a local address. */
export async function setPortForward(
  dir: string,
  namespace: string,
  pod: string,
  target: { address?: string; port: number },
  ports: number[] = [],
): Promise<void> {
  await applyObjects(dir, [
    {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'PortForward',
      metadata: { name: pod, namespace },
      spec: {
        forwards: [{ ...(ports.length ? { ports } : {}), target: { address: target.address ?? '127.0.0.1', port: target.port } }],
      },
    },
  ]);
}

// ---------------------------------------------------------------- metrics API for tests

function applyMetricsApiSt(st: GroundState): Promise<string> {
  return kubectlSt(
    st,
    ['apply', '--server-side', '--force-conflicts', '--field-manager=ddb-ground', '-f', '-'],
    metricsApiObjects(st.dir, st.ports.metricsServer)
      .map((o) => toYaml(o))
      .join('---\n'),
  );
}

/** (Re)registers metrics.k8s.io (Service + APIService → the ground's metrics-server). */
export async function applyMetricsApi(dir: string): Promise<void> {
  await applyMetricsApiSt(readState(dir));
}

/**
 * Unregisters metrics.k8s.io: deletes the APIService, so the API answers 404 as on a cluster
 * without metrics-server (stopping metrics-server instead gives 503 and, like a real cluster with a
 * dead aggregated API, stalls namespace deletion). applyMetricsApi(dir) restores it.
 */
export async function removeMetricsApi(dir: string): Promise<void> {
  await kubectlSt(readState(dir), ['delete', 'apiservice', METRICS_APISERVICE, '--ignore-not-found', '--wait=true']);
}

/**
 * Sets a pod's simulated usage (KWOK's ClusterResourceUsage `ground-default` reads these
 * annotations): for one container, or for every container when container is omitted.
 * Quantities as in Kubernetes (`250m`, `1.5`, `512Mi`); undefined leaves that resource alone.
 * metrics-server reports the change after its next scrape or two (10 s resolution).
 */
export async function setPodUsage(
  dir: string,
  namespace: string,
  pod: string,
  usage: { cpu?: string; memory?: string },
  container?: string,
): Promise<void> {
  const pairs = (['cpu', 'memory'] as const).flatMap((r) => (usage[r] ? [`${usageAnnotation(r, container)}=${usage[r]}`] : []));
  if (pairs.length === 0) return;
  await kubectl(dir, ['-n', namespace, 'annotate', 'pod', pod, '--overwrite', ...pairs]);
}
