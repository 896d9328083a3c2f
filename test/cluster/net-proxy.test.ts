// The kubeconfig's proxy-url carries every request of the list/watch client: lists, watches and
// requests made with an exec-credential plugin. The server's host name is one only the proxy can
// resolve, so a request that bypassed the proxy could not reach the API server at all.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KubeHttp } from '../../src/core/k8s/http';
import { ListWatch } from '../../src/core/k8s/listWatch';
import { KINDS, collectionPath, type KubeList, type KubeObject } from '../../src/core/k8s/resources';
import { readState } from '../ground/ground';
import { adminHttp, apply, ensureNamespace, remove, waitFor } from './lib';
import { configFor, groundDir, groundServer } from './net/configs';
import { startConnectProxy, type ConnectProxy } from './net/connectProxy';

const NS = 'net-proxy';
const HIDDEN = 'kube-api.proxy-only.invalid';
const admin = adminHttp();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'net-proxy-'));
let proxy: ConnectProxy;
const clients: KubeHttp[] = [];

/** A client for the ground's API server under a name only the proxy resolves. */
function hiddenServerClient(viaProxy: boolean, user?: Parameters<typeof configFor>[1]): KubeHttp {
  const server = `https://${HIDDEN}:${groundServer().port}`;
  // The serving certificate names localhost, not the hidden name.
  const kc = configFor({ server, tlsServerName: 'localhost', proxyUrl: viaProxy ? proxy.url : undefined }, user);
  const h = new KubeHttp(kc, 8000);
  clients.push(h);
  return h;
}

describe('proxy-url', () => {
  before(async () => {
    await ensureNamespace(admin, NS);
    proxy = await startConnectProxy({ [HIDDEN]: groundServer().hostname });
  });
  after(async () => {
    for (const c of clients) c.dispose();
    await proxy.close();
    await remove(admin, KINDS.namespace, NS);
    admin.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('cannot reach the server without the proxy (the name resolves only through it)', async () => {
    const r = await hiddenServerClient(false).request(collectionPath(KINDS.configmap, NS), { timeoutMs: 8000 });
    assert.equal(r.ok, false, 'a direct request must fail');
    assert.equal(proxy.targets.length, 0);
  });

  it('sends lists, requests and watches through the proxy', async () => {
    const h = hiddenServerClient(true);
    const r = await h.request<KubeList<KubeObject>>(collectionPath(KINDS.configmap, NS));
    assert.ok(r.ok, r.ok ? '' : r.error.reason);
    const lw = new ListWatch(h, KINDS.configmap, { namespace: NS, requestTimeoutMs: 8000 });
    lw.start();
    try {
      await lw.waitForSync();
      await apply(admin, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'through-proxy', namespace: NS },
        data: { a: '1' },
      });
      await waitFor('the watch through the proxy to deliver the new ConfigMap', () => lw.get('through-proxy', NS), 20000);
    } finally {
      lw.stop();
    }
    // One tunnel for the request pool, one for the watch pool at least.
    assert.ok(proxy.targets.length >= 2, `tunnels: ${proxy.targets.join(', ')}`);
    for (const t of proxy.targets) assert.equal(t, `${HIDDEN}:${groundServer().port}`);
  });

  it('sends requests of an exec-credential user through the proxy', async () => {
    const token = readState(groundDir()).users['readonly-user']?.token;
    assert.ok(token, 'the ground has a readonly user');
    const plugin = path.join(tmp, 'credential-plugin.js');
    fs.writeFileSync(path.join(tmp, 'plugin-token'), token, { mode: 0o600 });
    fs.writeFileSync(
      plugin,
      [
        "const fs = require('fs'); const path = require('path');",
        'const token = fs.readFileSync(path.join(__dirname, "plugin-token"), "utf8").trim();',
        "process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token } }));",
      ].join('\n'),
    );
    const exec = {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: process.execPath,
      args: [plugin],
      env: [],
      interactiveMode: 'Never',
    };
    const before = proxy.targets.length;
    const h = hiddenServerClient(true, { name: 'exec-user', exec });
    const r = await h.request<{ status?: { userInfo?: { username?: string } } }>(
      '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      {
        method: 'POST',
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      },
    );
    assert.ok(r.ok, r.ok ? '' : r.error.reason);
    assert.equal(r.value.status?.userInfo?.username, 'readonly-user', 'the plugin’s token was used');
    const w = new ListWatch(h, KINDS.configmap, { namespace: NS, requestTimeoutMs: 8000 });
    w.start();
    try {
      await w.waitForSync();
      assert.ok(w.get('through-proxy', NS), 'the exec user lists through the proxy');
    } finally {
      w.stop();
    }
    assert.ok(proxy.targets.length > before, 'new tunnels were opened for the exec user');
  });
});
