// Connection info names which Service port each outside address reaches (issue 17): a NodePort
// number alone does not say whether it is DolphinDB's port or the subscription port.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/core/k8s/resources';
import { clusterEndpoints, endpointsMarkdown, outsidePortText } from '../../../src/core/summary/endpoints';

const node = { metadata: { name: 'n1' }, status: { addresses: [{ type: 'InternalIP', address: '192.168.1.10' }] } };
const svc = (name: string, ports: { name?: string; port: number; nodePort: number }[], extra: object = {}): KubeObject =>
  ({
    kind: 'Service',
    metadata: { name, namespace: 'prod' },
    spec: { type: 'NodePort', clusterIP: '10.96.0.10', ports, ...extra },
  }) as unknown as KubeObject;

describe('outside addresses name their port', () => {
  const eps = clusterEndpoints(
    'ha',
    'prod',
    [
      svc('ddb-ha-dn', [
        { name: 'ddb', port: 32210, nodePort: 30210 },
        { name: 'sub', port: 8000, nodePort: 30800 },
      ]),
      svc('ddb-ha-cn', [{ port: 32210, nodePort: 30310 }], { externalIPs: ['198.51.100.7'] }),
    ],
    [node] as unknown as KubeObject[],
  );
  const dn = eps.find((e) => e.service === 'ddb-ha-dn');
  const cn = eps.find((e) => e.service === 'ddb-ha-cn');

  it('pairs each NodePort address with the Service port and its name', () => {
    assert.deepEqual(dn?.outside, [
      { address: '192.168.1.10:30210', port: 32210, portName: 'ddb' },
      { address: '192.168.1.10:30800', port: 8000, portName: 'sub' },
    ]);
    assert.deepEqual(dn?.external, ['192.168.1.10:30210', '192.168.1.10:30800']);
  });
  it('an unnamed port is named by its number; external IPs count too', () => {
    assert.deepEqual(cn?.outside, [
      { address: '192.168.1.10:30310', port: 32210 },
      { address: '198.51.100.7:32210', port: 32210 },
    ]);
    assert.equal(outsidePortText(cn!.outside[0]!), 'port 32210');
    assert.equal(outsidePortText(dn!.outside[1]!), 'port 8000 (sub)');
  });
  it('the Markdown table says which port each address reaches', () => {
    const md = endpointsMarkdown(eps);
    assert.match(md, /`192\.168\.1\.10:30210` → port 32210 \(ddb\)<br>`192\.168\.1\.10:30800` → port 8000 \(sub\)/);
  });
});
