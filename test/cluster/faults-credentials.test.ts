// Credential faults against the real API server: a revoked service-account token, an expired
// client certificate, a wrong certificate authority, and an exec-credential plugin (working and
// failing). Each test asserts what the explorer reports to the user, and that it answers within
// a bounded time without blocking the event loop. The kubeconfig files are never written by the
// code under test; the exec test checks that byte for byte.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { Explorer, type ContextState } from '../../src/core/explorer/explorer';
import { KubeHttp } from '../../src/core/k8s/http';
import { KINDS } from '../../src/core/k8s/resources';
import { readState } from '../ground/ground';
import { adminHttp, apply, ensureNamespace, fixture, remove, waitFor } from './lib';

const NS = 'faults-cred';
const groundDir = process.env.DDB_GROUND_DIR as string;
const http = adminHttp();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'faults-cred-'));
const made: Explorer[] = [];

interface User {
  token?: string;
  'client-certificate-data'?: string;
  'client-key-data'?: string;
  exec?: Record<string, unknown>;
}

/** A kubeconfig for the ground's server with the given user and CA (PEM text). */
function writeKubeconfig(name: string, user: User, caPem?: string): string {
  const st = readState(groundDir);
  const ca = caPem ?? fs.readFileSync(path.join(groundDir, 'pki', 'ca.crt'), 'utf8');
  const file = path.join(tmp, `${name}.yaml`);
  fs.writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'ground', cluster: { server: st.server, 'certificate-authority-data': Buffer.from(ca).toString('base64') } },
      ],
      users: [{ name, user }],
      contexts: [{ name, context: { cluster: 'ground', user: name, namespace: NS } }],
      'current-context': name,
    }),
    { mode: 0o600 },
  );
  return file;
}

function explorerFor(file: string, requestTimeoutMs = 5000): Explorer {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  const ex = new Explorer(kc, { requestTimeoutMs, debounceMs: 10, fallbackNamespaces: [NS] });
  made.push(ex);
  return ex;
}

/**
 * Connects and measures how long it took and how long the event loop was held. Wall-clock
 * stalls on a loaded 2-core machine include time the OS gave to other processes, so the bound
 * that matters is the CPU this process spent between two timer ticks (our own blocking, e.g. a
 * synchronous plugin run); the wall-clock stall only guards against a hang.
 */
async function timedConnect(
  ex: Explorer,
): Promise<{ st: ContextState; ms: number; maxStallMs: number; maxCpuStretchMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  let last = process.cpuUsage();
  let maxCpuStretchMs = 0;
  const tick = setInterval(() => {
    const c = process.cpuUsage();
    maxCpuStretchMs = Math.max(maxCpuStretchMs, (c.user - last.user + c.system - last.system) / 1000);
    last = c;
  }, 2);
  const t0 = Date.now();
  const st = await ex.connect(ex.currentContext);
  const ms = Date.now() - t0;
  clearInterval(tick);
  h.disable();
  return { st, ms, maxStallMs: h.max / 1e6, maxCpuStretchMs };
}

/**
 * Never blocked: no long stretch of our own CPU and no wall-clock stall near a hang. A first
 * connect does a dozen TLS handshakes and a process spawn; on the loaded CI machine that measured
 * up to 114 ms of CPU between two ticks (other threads included), so the bound is 250 ms. The
 * synchronous-plugin bug this file found stalled the loop for over 1 s. The streaming figure
 * against the 100 ms target is measured by bench/logs.ts.
 */
function assertNotBlocked(r: { maxStallMs: number; maxCpuStretchMs: number }): void {
  assert.ok(r.maxCpuStretchMs < 250, `the event loop was held for ${r.maxCpuStretchMs.toFixed(1)} ms of CPU`);
  assert.ok(r.maxStallMs < 500, `the event loop stalled ${r.maxStallMs.toFixed(1)} ms`);
}

function openssl(args: string[], cwd = tmp): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

describe('credential faults', () => {
  before(async () => {
    assert.ok(groundDir, 'DDB_GROUND_DIR is set by the ground');
    await ensureNamespace(http, NS);
    const [cr] = fixture('valid/01-standalone.yaml');
    cr.metadata = { name: 'cred-solo', namespace: NS };
    await apply(http, cr);
  });
  after(async () => {
    made.forEach((e) => e.dispose());
    await remove(http, KINDS.dolphindb, 'cred-solo', NS);
    await remove(http, KINDS.rolebinding, 'revoke-me-admin', NS);
    await http.request(`/api/v1/namespaces/${NS}/serviceaccounts/revoke-me`, { method: 'DELETE' });
    http.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reports a revoked service-account token as rejected credentials, not as an empty tree', async () => {
    const sa = `/api/v1/namespaces/${NS}/serviceaccounts`;
    const made = await http.request(sa, {
      method: 'POST',
      body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'revoke-me' } },
    });
    assert.ok(made.ok || made.error.kind === 'conflict', made.ok ? '' : made.error.reason);
    await apply(http, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'revoke-me-admin', namespace: NS },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'ServiceAccount', name: 'revoke-me', namespace: NS }],
    } as never);
    const tr = await http.request<{ status: { token: string } }>(`/api/v1/namespaces/${NS}/serviceaccounts/revoke-me/token`, {
      method: 'POST',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } },
    });
    assert.ok(tr.ok, tr.ok ? '' : tr.error.reason);
    const file = writeKubeconfig('sa-token', { token: tr.value.status.token });

    const before = explorerFor(file);
    assert.equal((await before.connect(before.currentContext)).s, 'ready', 'the token works before it is revoked');
    const seen = before.children(before.roots()[0]).map((n) => n.label);
    assert.ok(seen.includes('cred-solo'), seen.join('\n'));
    before.dispose();

    const gone = await http.request(`${sa}/revoke-me`, { method: 'DELETE' });
    assert.ok(gone.ok, gone.ok ? '' : gone.error.reason);
    // The authenticator caches a token's review for a short while; wait until it sees the deletion.
    const { st, ms, ...blocked } = await waitFor(
      'the revoked token refused',
      async () => {
        const r = await timedConnect(explorerFor(file));
        return r.st.s === 'error' ? r : undefined;
      },
      30_000,
      500,
    );
    assert.ok(st.s === 'error');
    assert.equal(st.failure.kind, 'unauthorized');
    assert.match(st.failure.reason, /credentials were rejected/);
    assert.ok(!st.failure.reason.includes(tr.value.status.token.slice(0, 20)), 'the token is not echoed');
    assert.ok(ms < 5000, `answered in ${ms} ms`);
    assertNotBlocked(blocked);
  });

  it('reports an expired client certificate as rejected credentials', async () => {
    // `openssl ca` is the one OpenSSL 3.0 command that sets an end date in the past.
    fs.copyFileSync(path.join(groundDir, 'pki', 'ca.crt'), path.join(tmp, 'ca.crt'));
    fs.copyFileSync(path.join(groundDir, 'pki', 'ca.key'), path.join(tmp, 'ca.key'));
    fs.writeFileSync(path.join(tmp, 'index.txt'), '');
    fs.writeFileSync(
      path.join(tmp, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = ground',
        '[ground]',
        'dir = .',
        'database = index.txt',
        'new_certs_dir = .',
        'certificate = ca.crt',
        'private_key = ca.key',
        'default_md = sha256',
        'policy = any',
        'unique_subject = no',
        `serial = serial`,
        'x509_extensions = client',
        '[any]',
        'commonName = supplied',
        'organizationName = optional',
        '[client]',
        'basicConstraints = CA:FALSE',
        'keyUsage = critical,digitalSignature',
        'extendedKeyUsage = clientAuth',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(tmp, 'serial'), `${crypto.randomBytes(8).toString('hex')}\n`);
    openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'old.key']);
    openssl(['req', '-new', '-key', 'old.key', '-subj', '/CN=expired-admin/O=system:masters', '-out', 'old.csr']);
    openssl([
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-notext',
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20200201000000Z',
      '-in',
      'old.csr',
      '-out',
      'old.crt',
    ]);
    const file = writeKubeconfig('expired-cert', {
      'client-certificate-data': fs.readFileSync(path.join(tmp, 'old.crt')).toString('base64'),
      'client-key-data': fs.readFileSync(path.join(tmp, 'old.key')).toString('base64'),
    });
    const { st, ms, ...blocked } = await timedConnect(explorerFor(file));
    assert.ok(st.s === 'error', JSON.stringify(st));
    assert.equal(st.failure.kind, 'unauthorized');
    assert.ok(ms < 5000, `answered in ${ms} ms`);
    assertNotBlocked(blocked);
  });

  it('names a wrong certificate authority instead of a bare TLS error', async () => {
    openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'other-ca.key']);
    openssl([
      'req',
      '-x509',
      '-new',
      '-key',
      'other-ca.key',
      '-sha256',
      '-days',
      '30',
      '-subj',
      '/CN=some-other-ca',
      '-out',
      'other-ca.crt',
    ]);
    const admin = readState(groundDir);
    const adminUser = {
      'client-certificate-data': fs.readFileSync(path.join(admin.dir, 'pki', 'admin.crt')).toString('base64'),
      'client-key-data': fs.readFileSync(path.join(admin.dir, 'pki', 'admin.key')).toString('base64'),
    };
    const file = writeKubeconfig('wrong-ca', adminUser, fs.readFileSync(path.join(tmp, 'other-ca.crt'), 'utf8'));
    const ex = explorerFor(file);
    const { st, ms, ...blocked } = await timedConnect(ex);
    assert.ok(st.s === 'error', JSON.stringify(st));
    assert.equal(st.failure.kind, 'unreachable');
    assert.match(st.failure.reason, /certificate-authority/);
    assert.ok(ms < 5000, `answered in ${ms} ms`);
    assertNotBlocked(blocked);
    const kids = ex.children(ex.roots()[0]);
    assert.equal(kids.length, 1, 'one error item, not a half-empty tree');
    assert.ok(kids[0].caps.includes('retry'));
  });

  it('authenticates through an exec-credential plugin and leaves the kubeconfig untouched', async () => {
    const token = readState(groundDir).users['readonly-user']?.token;
    assert.ok(token, 'the ground has a readonly user');
    const plugin = path.join(tmp, 'credential-plugin.js');
    const calls = path.join(tmp, 'plugin-calls');
    // The plugin reads its token from a file next to it so the kubeconfig itself holds no secret.
    fs.writeFileSync(path.join(tmp, 'plugin-token'), token, { mode: 0o600 });
    fs.writeFileSync(
      plugin,
      [
        "const fs = require('fs'); const path = require('path');",
        "fs.appendFileSync(path.join(__dirname, 'plugin-calls'), 'x');",
        "if (process.env.DDB_PLUGIN_FAIL) { process.stderr.write('token service unavailable\\n'); process.exit(3); }",
        'const token = fs.readFileSync(path.join(__dirname, "plugin-token"), "utf8").trim();',
        "process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token } }));",
      ].join('\n'),
    );
    const exec = {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: process.execPath,
      args: [plugin],
      interactiveMode: 'Never',
    };
    const file = writeKubeconfig('exec-plugin', { exec });
    const bytes = fs.readFileSync(file);
    const ex = explorerFor(file);
    const { st, ...blocked } = await timedConnect(ex);
    assert.equal(st.s, 'ready', JSON.stringify(st));
    const labels = ex.children(ex.roots()[0]).map((n) => n.label);
    assert.ok(labels.includes('cred-solo'), labels.join('\n'));
    // Connecting starts a dozen requests at once; they share one plugin run.
    const runs = fs.readFileSync(calls, 'utf8').length;
    assert.ok(runs >= 1 && runs <= 2, `the plugin ran ${runs} times`);
    assertNotBlocked(blocked);
    assert.ok(fs.readFileSync(file).equals(bytes), 'the kubeconfig was not rewritten');

    const failing = writeKubeconfig('exec-plugin-failing', { exec: { ...exec, env: [{ name: 'DDB_PLUGIN_FAIL', value: '1' }] } });
    const r = await timedConnect(explorerFor(failing));
    assert.ok(r.st.s === 'error', JSON.stringify(r.st));
    // One kind, one message: the plugin's failure is an authentication problem, named with the
    // plugin and the first line of its stderr.
    assert.equal(r.st.failure.kind, 'unauthorized', JSON.stringify(r.st.failure));
    assert.match(r.st.failure.reason, /the credential plugin "[^"]+" failed: .*token service unavailable/);
    assert.ok(r.ms < 5000, `answered in ${r.ms} ms`);
  });

  it('drops a plugin answer the API server refused (401) and runs the plugin again at once', async () => {
    const token = readState(groundDir).users['readonly-user']?.token;
    assert.ok(token, 'the ground has a readonly user');
    const dir = fs.mkdtempSync(path.join(tmp, 'rotating-'));
    const plugin = path.join(dir, 'credential-plugin.js');
    const calls = path.join(dir, 'plugin-calls');
    // A token the server does not know: the plugin answers it until the file is rotated.
    fs.writeFileSync(path.join(dir, 'plugin-token'), 'revoked-' + crypto.randomBytes(8).toString('hex'), { mode: 0o600 });
    fs.writeFileSync(
      plugin,
      [
        "const fs = require('fs'); const path = require('path');",
        "fs.appendFileSync(path.join(__dirname, 'plugin-calls'), 'x');",
        'const token = fs.readFileSync(path.join(__dirname, "plugin-token"), "utf8").trim();',
        "process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token } }));",
      ].join('\n'),
    );
    const file = writeKubeconfig('exec-plugin-rotating', {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: process.execPath,
        args: [plugin],
        interactiveMode: 'Never',
      },
    });
    const kc = new KubeConfig();
    kc.loadFromFile(file);
    // The cache would reuse an answer for a minute (the default): only the 401 can end it early.
    const h = new KubeHttp(kc);
    try {
      const refused = await h.request('/api/v1/namespaces');
      assert.equal(!refused.ok && refused.error.kind, 'unauthorized', JSON.stringify(refused));
      const runsAfterRefusal = fs.readFileSync(calls, 'utf8').length;
      fs.writeFileSync(path.join(dir, 'plugin-token'), token, { mode: 0o600 });
      const accepted = await h.request('/api/v1/namespaces');
      assert.ok(accepted.ok, JSON.stringify(accepted));
      assert.equal(fs.readFileSync(calls, 'utf8').length, runsAfterRefusal + 1, 'one new plugin run after the 401');
      // And the new answer is shared again: a second request does not run the plugin.
      assert.ok((await h.request('/api/v1/namespaces')).ok);
      assert.equal(fs.readFileSync(calls, 'utf8').length, runsAfterRefusal + 1);
    } finally {
      h.dispose();
    }
  });
});
