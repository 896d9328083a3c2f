// Port-forward target resolution and suggestions (src/core/portforward, the pure parts).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/core/k8s/resources';
import { resolvePod, resolveService } from '../../../src/core/portforward/resolve';
import { dolphindbForwardTargets, suiteForwardTargets } from '../../../src/core/portforward/targets';

const pod = (name: string, labels: Record<string, string>, ready = true, phase = 'Running'): KubeObject =>
  ({
    kind: 'Pod',
    metadata: { name, namespace: 'ns', uid: `uid-${name}`, labels },
    spec: { containers: [{ name: 'dolphindb', ports: [{ name: 'ddb', containerPort: 32210 }] }] },
    status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  }) as unknown as KubeObject;
const svc = (name: string, selector: Record<string, string>, ports: unknown[]): KubeObject =>
  ({ kind: 'Service', metadata: { name, namespace: 'ns' }, spec: { selector, ports } }) as unknown as KubeObject;

describe('resolveService', () => {
  const s = svc('web', { app: 'web' }, [
    { name: 'http', port: 80, targetPort: 'ddb' },
    { name: 'raw', port: 81, targetPort: 9000 },
    { port: 82 },
  ]);
  it('prefers a ready pod and maps a named target port to the container port', () => {
    const r = resolveService(s, [pod('web-1', { app: 'web' }, false), pod('web-0', { app: 'web' }, true)], 80, 'web');
    assert.deepEqual(r, { ok: true, backend: { pod: 'web-0', uid: 'uid-web-0', port: 32210 } });
  });
  it('maps numeric and absent target ports, by port number or name', () => {
    const pods = [pod('web-0', { app: 'web' })];
    const byName = resolveService(s, pods, 'raw', 'web');
    assert.equal(byName.ok && byName.backend.port, 9000);
    const raw = resolveService(s, pods, 81, 'web');
    assert.equal(raw.ok && raw.backend.port, 9000);
    const same = resolveService(s, pods, 82, 'web');
    assert.equal(same.ok && same.backend.port, 82);
  });
  it('explains what is wrong: unknown port, no selector, no running pod', () => {
    const noPort = resolveService(s, [], 443, 'web');
    assert.equal(noPort.ok, false);
    assert.match(!noPort.ok ? noPort.reason : '', /no port 443; its ports are: http:80, raw:81, 82/);
    const noSel = resolveService(svc('x', {}, [{ port: 1 }]), [], 1, 'x');
    assert.match(!noSel.ok ? noSel.reason : '', /no selector/);
    const none = resolveService(s, [pod('web-0', { app: 'web' }, false, 'Pending'), pod('other', { app: 'other' })], 80, 'web');
    assert.match(!none.ok ? none.reason : '', /no running pod matches the selector of Service web \(app=web\)/);
  });
  it('resolves a pod target only while the pod runs', () => {
    assert.equal(resolvePod(pod('p', {}), 8080, 'p').ok, true);
    assert.equal(resolvePod(undefined, 8080, 'p').ok, false);
    assert.equal(resolvePod(pod('p', {}, false, 'Pending'), 8080, 'p').ok, false);
  });
});

describe('forward suggestions', () => {
  it('offers the suite components that exist, with the documented local ports', () => {
    const services = [
      'dolphindb-mgr-grafana',
      'dolphindb-mgr-prometheus-server',
      'dolphindb-mgr-loki',
      'dolphindb-cloud-portal',
      'dolphindb-webserver',
    ].map((n) =>
      svc(n, { a: 'b' }, [{ port: n.includes('grafana') || n.includes('prometheus') ? 80 : n.includes('loki') ? 3100 : 8080 }]),
    );
    const s = suiteForwardTargets('ns', services);
    assert.deepEqual(
      s.map((x) => `${x.id}:${x.localPort}->${x.target.port}`),
      ['grafana:3000->80', 'prometheus:9090->80', 'loki:3100->3100', 'portal:8080->8080', 'webserver:8080->8080'],
    );
    assert.ok(!s.some((x) => x.id === 'alertmanager'));
  });
  it('offers role Services on the role port and each instance pod on any free port', () => {
    const ddb = {
      kind: 'DolphinDB',
      metadata: { name: 'ha', namespace: 'ns' },
      spec: { controller: { port: 31999 }, datanode: {} },
    } as unknown as KubeObject;
    const s = dolphindbForwardTargets(
      ddb,
      [svc('ddb-ha-ctr', {}, []), svc('ddb-ha-dn', {}, []), svc('ddb-ha2-dn', {}, [])],
      [pod('ddb-ha-dn-1-0', {}), pod('ddb-ha-ctr-0-0', {}), pod('ddb-ha2-dn-0-0', {})],
    );
    assert.deepEqual(
      s.map((x) => x.id),
      ['svc:ddb-ha-ctr', 'svc:ddb-ha-dn', 'pod:ddb-ha-ctr-0-0', 'pod:ddb-ha-dn-1-0'],
    );
    assert.equal(s[0]?.target.port, 31999);
    assert.equal(s[1]?.target.port, 32210);
    assert.equal(s[2]?.localPort, 0);
  });
});
