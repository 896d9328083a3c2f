// Validate against cluster (server-side dry-run) and Diff with cluster against the real API
// server; Apply is covered by the cluster operation tests (operations-ops).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dolphindbDocuments, dryRunDocuments, liveYamlFor } from '../../src/core/authoring/clusterCheck';
import { KINDS } from '../../src/core/k8s/resources';
import { adminHttp, apply, ensureNamespace, examplesDir, list, remove } from './lib';

const NS = 'authoring';
const http = adminHttp();
const cr = (name: string, replicas: number | string) => `apiVersion: dolphindb.dolphindb.io/v1
kind: DolphinDB
metadata:
  name: ${name}
  namespace: ${NS}
spec:
  mode: cluster
  clusterType: singlecontroller
  version: v2.00.16
  controller: {replicas: 1}
  datanode: {replicas: ${replicas}}
`;

describe('validate and diff against the cluster', () => {
  before(async () => {
    await ensureNamespace(http, NS);
  });
  after(async () => {
    await remove(http, KINDS.namespace, NS);
    http.dispose();
  });

  it('dry-runs every DolphinDB document without storing anything', async () => {
    const text =
      fs
        .readFileSync(path.join(examplesDir, 'valid', '02-singlecontroller.yaml'), 'utf8')
        .replace(/namespace: \S+/, `namespace: ${NS}`) +
      '---\n' +
      cr('dry-two', 2);
    const results = await dryRunDocuments(http, text);
    assert.equal(results.length, 2);
    assert.ok(
      results.every((r) => !r.failure),
      JSON.stringify(results.map((r) => r.failure)),
    );
    assert.deepEqual(await list(http, KINDS.dolphindb, NS), [], 'a dry run stores nothing');
  });

  it("turns the API server's refusal into a failure at the document", async () => {
    const text = '---\n' + cr('Bad_Name', 1);
    const [r] = await dryRunDocuments(http, text);
    assert.ok(r.failure, 'the server rejects an invalid name');
    assert.equal(r.failure.kind, 'invalid');
    assert.match(r.failure.reason, /Bad_Name|lowercase|RFC 1123/i);
    assert.equal(r.doc.line, 1);
  });

  it('diffs a document with its live object (status and server fields stripped)', async () => {
    await apply(http, {
      apiVersion: 'dolphindb.dolphindb.io/v1',
      kind: 'DolphinDB',
      metadata: { name: 'live', namespace: NS },
      spec: {
        mode: 'cluster',
        clusterType: 'singlecontroller',
        version: 'v2.00.16',
        controller: { replicas: 1 },
        datanode: { replicas: 1 },
      },
    } as never);
    const [doc] = dolphindbDocuments(cr('live', 3));
    const live = await liveYamlFor(http, doc);
    assert.ok(live.ok);
    if (!live.ok) return;
    assert.match(live.yaml, /replicas: 1/);
    assert.doesNotMatch(live.yaml, /managedFields|resourceVersion|uid:|status:/);
    const [missing] = dolphindbDocuments(cr('not-there', 1));
    const none = await liveYamlFor(http, missing);
    assert.equal(none.ok, false);
    if (!none.ok) assert.equal(none.failure.kind, 'notFound');
  });
});
