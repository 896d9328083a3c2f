// Helm's release Secrets decoded the way Helm writes them: JSON, gzipped, base64, then base64
// again as Secret data; the newest revision of the dolphindb-mgr release is the suite's.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { decodeRelease, releaseLook, suiteRelease } from '../../../src/core/explorer/helmRelease';
import type { KubeObject } from '../../../src/core/k8s/resources';

function releaseSecret(
  name: string,
  revision: number,
  status: string,
  chart = 'dolphindb-mgr',
  description = 'Install complete',
): KubeObject {
  const json = JSON.stringify({
    name,
    version: revision,
    namespace: 'dolphindb',
    info: { status, description },
    chart: { metadata: { name: chart, version: 'v1.1.7', appVersion: 'v1.1.7' } },
  });
  const helmEncoded = gzipSync(Buffer.from(json)).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `sh.helm.release.v1.${name}.v${revision}`,
      namespace: 'dolphindb',
      labels: { owner: 'helm', name, status, version: String(revision) },
    },
    type: 'helm.sh/release.v1',
    data: { release: Buffer.from(helmEncoded).toString('base64') },
  } as KubeObject;
}

describe('Helm release Secrets', () => {
  it('decodes status, revision, chart and description', () => {
    assert.deepEqual(
      decodeRelease(
        releaseSecret('dolphindb-mgr', 3, 'failed', 'dolphindb-mgr', 'Upgrade "dolphindb-mgr" failed: context deadline exceeded'),
      ),
      {
        name: 'dolphindb-mgr',
        revision: 3,
        status: 'failed',
        chart: 'dolphindb-mgr',
        chartVersion: 'v1.1.7',
        appVersion: 'v1.1.7',
        description: 'Upgrade "dolphindb-mgr" failed: context deadline exceeded',
      },
    );
  });
  it('takes status and revision from the labels when the payload is unreadable', () => {
    const s = releaseSecret('x', 2, 'deployed');
    (s as { data: Record<string, string> }).data.release = 'not base64 gzip json';
    assert.deepEqual(decodeRelease(s), { name: 'x', revision: 2, status: 'deployed' });
    assert.equal(decodeRelease({ ...s, metadata: { ...s.metadata, labels: { name: 'x' } } }), undefined, 'not owned by helm');
  });
  it('picks the newest revision of the dolphindb-mgr chart, whatever the release is called', () => {
    const secrets = [
      releaseSecret('suite', 1, 'superseded'),
      releaseSecret('suite', 2, 'pending-upgrade'),
      releaseSecret('other', 5, 'deployed', 'nginx'),
    ];
    const r = suiteRelease(secrets);
    assert.equal(r?.name, 'suite');
    assert.equal(r?.revision, 2);
    assert.equal(r?.status, 'pending-upgrade');
    assert.equal(suiteRelease([releaseSecret('other', 5, 'deployed', 'nginx')]), undefined);
    assert.equal(suiteRelease([]), undefined);
  });
  it('classifies statuses', () => {
    assert.deepEqual(
      ['deployed', 'failed', 'pending-install', 'pending-upgrade', 'uninstalling', 'superseded'].map(releaseLook),
      ['ok', 'failed', 'pending', 'pending', 'pending', 'other'],
    );
  });
});
