// PortForwardManager against the real control plane: a local HTTP server stands in for the pod's
// process; KWOK's PortForward rule sends the pod port there, so every byte goes local socket →
// WebSocket → API server → KWOK kubelet → target and back, as with `kubectl port-forward`.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import * as net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setPortForward } from '../ground/ground';
import { PortForwardManager } from '../../src/core/portforward/manager';
import type { ForwardEvent } from '../../src/core/portforward/types';
import { KINDS, type KubeObject } from '../../src/core/k8s/resources';
import { adminHttp, apply, ensureNamespace, list, remove, waitFor } from './lib';

const NS = `portforward-${Date.now().toString(36)}`;
const kube = adminHttp();
let target: http.Server;
let targetPort = 0;
let manager: PortForwardManager;
const events: ForwardEvent[] = [];

const groundDir = (): string => {
  const d = process.env.DDB_GROUND_DIR;
  if (!d) throw new Error('DDB_GROUND_DIR must point at the test ground');
  return d;
};

function get(port: number, pathName: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathName, agent: false, timeout: 10000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

async function runningPod(name: string, notUid?: string): Promise<KubeObject> {
  return waitFor(
    `pod ${name} running`,
    async () => {
      const p = (await list(kube, KINDS.pod, NS)).find((x) => x.metadata.name === name);
      return p &&
        p.metadata.uid !== notUid &&
        (p.status as { phase?: string }).phase === 'Running' &&
        !p.metadata.deletionTimestamp
        ? p
        : undefined;
    },
    60000,
    200,
  );
}

describe('PortForwardManager on the real control plane', () => {
  before(async () => {
    target = http.createServer((req, res) => res.end(`hello from the target: ${req.url}`));
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
    targetPort = (target.address() as net.AddressInfo).port;
    await ensureNamespace(kube, NS);
    // A StatefulSet, so a deleted pod comes back under the same name (like a DolphinDB instance).
    await apply(kube, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', namespace: NS },
      spec: {
        replicas: 1,
        serviceName: 'web',
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'example/web:1', ports: [{ name: 'http', containerPort: 8080 }] }] },
        },
      },
    } as KubeObject);
    await apply(kube, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: NS },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    } as KubeObject);
    await setPortForward(groundDir(), NS, 'web-0', { port: targetPort }, [8080]);
    await runningPod('web-0');
    manager = new PortForwardManager(kube);
    manager.onEvent((e) => events.push(e));
  });
  after(async () => {
    manager?.dispose();
    await new Promise<void>((r) => target.close(() => r()));
    await remove(kube, KINDS.namespace, NS);
    kube.dispose();
  });

  it('forwards a free local port to a pod port (real TCP round trip)', async () => {
    const r = await manager.start({ target: { kind: 'pod', namespace: NS, name: 'web-0', port: 8080 }, localPort: 0 });
    assert.ok(r.ok, r.ok ? '' : r.error.reason);
    assert.ok(r.value.localPort > 0);
    assert.equal(r.value.url, `http://127.0.0.1:${r.value.localPort}`);
    const res = await get(r.value.localPort, '/pod');
    assert.deepEqual(res, { status: 200, body: 'hello from the target: /pod' });
    const again = await get(r.value.localPort, '/second');
    assert.equal(again.body, 'hello from the target: /second');
    assert.equal(manager.get(r.value.id)?.totalConnections, 2);
    assert.ok(manager.stop(r.value.id));
    assert.equal(manager.list().length, 0);
    await assert.rejects(get(r.value.localPort, '/closed'), 'the local port is closed after stop');
  });

  it('forwards to a Service: resolves its ready pod and the named target port', async () => {
    const r = await manager.start({ target: { kind: 'service', namespace: NS, name: 'web', port: 80 }, label: 'web' });
    assert.ok(r.ok, r.ok ? '' : r.error.reason);
    assert.equal(r.value.pod, 'web-0');
    assert.equal(r.value.podPort, 8080);
    assert.equal((await get(r.value.localPort, '/svc')).body, 'hello from the target: /svc');
    manager.stop(r.value.id);
  });

  it('refuses a local port that is in use, and a Service port that does not exist', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const busy = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await manager.start({ target: { kind: 'pod', namespace: NS, name: 'web-0', port: 8080 }, localPort: busy });
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.error.kind, 'conflict');
      assert.equal(
        r.error.reason,
        `local port ${busy} on 127.0.0.1 is already in use; choose another port or 0 for any free port`,
      );
    } finally {
      blocker.close();
    }
    const badPort = await manager.start({ target: { kind: 'service', namespace: NS, name: 'web', port: 443 } });
    assert.match(!badPort.ok ? badPort.error.reason : '', /Service web has no port 443; its ports are: http:80/);
    const noPod = await manager.start({ target: { kind: 'pod', namespace: NS, name: 'nope', port: 1 } });
    assert.equal(!noPod.ok && noPod.error.kind, 'notFound');
    assert.equal(manager.list().length, 0, 'failed starts leave nothing behind');
  });

  it('re-establishes to the recreated pod when the target pod is deleted', async () => {
    const svc = await manager.start({ target: { kind: 'service', namespace: NS, name: 'web', port: 'http' } });
    const pod = await manager.start({ target: { kind: 'pod', namespace: NS, name: 'web-0', port: 8080 } });
    assert.ok(svc.ok && pod.ok);
    assert.equal((await get(svc.value.localPort, '/before')).body, 'hello from the target: /before');
    const old = await runningPod('web-0');
    const mark = events.length;
    await remove(kube, KINDS.pod, 'web-0', NS);
    await runningPod('web-0', old.metadata.uid);
    await waitFor(
      'both forwards re-established',
      () => events.slice(mark).filter((e) => e.type === 'reestablished').length >= 2,
      60000,
      100,
    );
    for (const f of [svc.value, pod.value]) {
      const info = manager.get(f.id);
      assert.equal(info?.state, 'ready');
      assert.equal(info?.reestablished, 1);
      assert.equal((await get(f.localPort, '/after')).body, 'hello from the target: /after');
    }
    manager.stopAll();
    assert.equal(manager.list().length, 0);
  });
});
