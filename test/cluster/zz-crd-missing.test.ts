// Runs last in the cluster tier: without the DolphinDB CRD the explorer offers to install the
// suite instead of failing. The CRD is deleted for real and put back from the chart afterwards.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { Explorer } from '../../src/core/explorer/explorer';
import { KINDS, objectPath } from '../../src/core/k8s/resources';
import { kubectl } from '../ground/ground';
import { adminHttp, loadGroundConfig, waitFor } from './lib';

const groundDir = process.env.DDB_GROUND_DIR as string;
const CRD = 'dolphindbs.dolphindb.dolphindb.io';
const http = adminHttp();
let ex: Explorer | undefined;

describe('explorer without the DolphinDB CRD', () => {
  after(async () => {
    ex?.dispose();
    await kubectl(groundDir, ['apply', '-f', path.join(groundDir, 'manifests', 'ddb_crd.yaml')]);
    await waitFor('the CRD to be back', async () => (await http.request(objectPath(KINDS.crd, CRD))).ok, 30000);
    http.dispose();
  });

  it('says DolphinDB is not installed and offers to install the suite', async () => {
    await kubectl(groundDir, ['delete', 'crd', CRD, '--wait=true']);
    await waitFor(
      'the CRD to be gone',
      async () => {
        const r = await http.request(objectPath(KINDS.crd, CRD));
        return !r.ok && r.error.kind === 'notFound';
      },
      30000,
    );
    ex = new Explorer(loadGroundConfig(), { debounceMs: 10 });
    const st = await ex.connect(ex.currentContext);
    assert.equal(st.s, 'ready');
    const kids = ex.children(ex.roots()[0]);
    const msg = kids.find((k) => k.id.endsWith('msg:nocrd'));
    assert.ok(msg, kids.map((k) => k.label).join('\n'));
    assert.equal(msg.action?.name, 'installSuite');
    assert.ok(msg.caps.includes('installSuite'));
    assert.ok(!kids.some((k) => k.kind === 'cluster'));
  });
});
