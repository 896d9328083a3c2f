import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { complete, YamlFile, type CompletionEntry, type EditorFacts } from '../../../src/core/language';
import { cursor, DDB_HEAD } from './helpers';

function completeAt(
  src: string,
  opts: { facts?: EditorFacts; locale?: 'en' | 'zh-cn'; marker?: string } = {},
): CompletionEntry[] {
  const { text, pos } = cursor(src, opts.marker);
  return complete(new YamlFile(text), pos, { locale: opts.locale ?? 'en', facts: opts.facts ?? null });
}
const labels = (items: CompletionEntry[]): string[] => items.map((i) => i.label);

describe('completion: document root', () => {
  it('offers apiVersion, kind and skeletons in an empty document', () => {
    const items = completeAt('|');
    assert.deepEqual(
      items.slice(0, 2).map((i) => i.insertText),
      ['apiVersion: dolphindb.dolphindb.io/v1', 'kind: DolphinDB'],
    );
    const skeletons = items.filter((i) => i.kind === 'snippet');
    assert.equal(skeletons.length, 2);
    assert.match(skeletons[0].insertText, /clusterType: multicontroller/);
  });
  it('offers apiVersion and kind in an empty document after other documents', () => {
    const items = completeAt('apiVersion: v1\nkind: ConfigMap\n---\n# new\n|');
    assert.ok(labels(items).includes('apiVersion: dolphindb.dolphindb.io/v1'));
  });
  it('offers the missing root keys of a DolphinDB document, never status', () => {
    assert.deepEqual(labels(completeAt(`${DDB_HEAD}metadata:\n  name: a\n|`)), ['spec']);
  });
  it('offers kind when only apiVersion is there', () => {
    assert.deepEqual(
      completeAt('apiVersion: dolphindb.dolphindb.io/v1\n|').map((i) => i.insertText),
      ['kind: DolphinDB', 'metadata:\n  $0', 'spec:\n  $0'],
    );
  });
  it('leaves other Kubernetes documents alone', () => {
    assert.deepEqual(completeAt('apiVersion: v1\nkind: ConfigMap\n|'), []);
    assert.deepEqual(completeAt('apiVersion: v1\nkind: ConfigMap\ndata:\n  |'), []);
  });
});

describe('completion: keys at depth', () => {
  it('offers spec fields minus the ones present, with snippet shapes', () => {
    const items = completeAt(`${DDB_HEAD}spec:\n  mode: cluster\n  |`);
    const l = labels(items);
    assert.ok(!l.includes('mode'));
    for (const k of ['clusterType', 'version', 'storageClassName', 'controller', 'datanode', 'computenode', 'logMode'])
      assert.ok(l.includes(k), k);
    const byLabel = new Map(items.map((i) => [i.label, i]));
    assert.equal(byLabel.get('controller')?.insertText, 'controller:\n  $0');
    assert.equal(byLabel.get('version')?.insertText, 'version: $0');
    assert.equal(byLabel.get('version')?.retrigger, true);
    assert.equal(byLabel.get('controller')?.detail, 'object');
  });
  it('offers role fields, controller-only ones under controller, and not config there', () => {
    const l = labels(completeAt(`${DDB_HEAD}spec:\n  controller:\n    replicas: 3\n    |`));
    assert.ok(l.includes('clusterConfig') && l.includes('controllerConfig') && l.includes('port'));
    assert.ok(!l.includes('config') && !l.includes('replicas'));
  });
  it('offers config (not clusterConfig) under datanode', () => {
    const l = labels(completeAt(`${DDB_HEAD}spec:\n  datanode:\n    |`));
    assert.ok(l.includes('config') && !l.includes('clusterConfig'));
  });
  it('offers cpu and memory under resources.limits', () => {
    assert.deepEqual(
      labels(completeAt(`${DDB_HEAD}spec:\n  datanode:\n    resources:\n      limits:\n        cpu: "1"\n        |`)),
      ['memory'],
    );
  });
  it('offers list shapes for volumes and fields inside a volume item', () => {
    const items = completeAt(`${DDB_HEAD}spec:\n  datanode:\n    |`);
    assert.equal(items.find((i) => i.label === 'volumes')?.insertText, 'volumes:\n  - $0');
    const inItem = labels(completeAt(`${DDB_HEAD}spec:\n  datanode:\n    volumes:\n    - name: data\n      |`));
    assert.ok(inItem.includes('hostPath') && inItem.includes('persistentVolumeClaim') && !inItem.includes('name'));
  });
  it('offers instance fields under an instance index', () => {
    const l = labels(completeAt(`${DDB_HEAD}spec:\n  datanode:\n    instances:\n      0:\n        |`));
    assert.deepEqual(l.sort(), ['paused', 'service', 'volumeMounts', 'volumes']);
  });
  it('offers metadata fields', () => {
    const l = labels(completeAt(`${DDB_HEAD}metadata:\n  |`));
    assert.ok(l.includes('name') && l.includes('namespace'));
  });
  it('inserts only the name when the key already has a colon', () => {
    const items = completeAt(`${DDB_HEAD}spec:\n  clu|: x`);
    assert.equal(items.find((i) => i.label === 'clusterType')?.insertText, 'clusterType');
  });
  it('replaces the whole word being typed', () => {
    const item = completeAt(`${DDB_HEAD}spec:\n  ver|`).find((i) => i.label === 'version');
    assert.deepEqual(item?.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 5 } });
  });
  it('works in the second document of a multi-document file only', () => {
    const src = `apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n---\n${DDB_HEAD}spec:\n  |\n---\napiVersion: v1\nkind: Secret\n`;
    assert.ok(labels(completeAt(src)).includes('mode'));
  });
});

describe('completion: values', () => {
  it('offers enum values of mode and clusterType', () => {
    assert.deepEqual(labels(completeAt(`${DDB_HEAD}spec:\n  mode: |`)), ['cluster', 'standalone']);
    assert.deepEqual(labels(completeAt(`${DDB_HEAD}spec:\n  clusterType: m|`)), ['singlecontroller', 'multicontroller']);
  });
  it('offers logMode integers and booleans', () => {
    assert.deepEqual(
      completeAt(`${DDB_HEAD}spec:\n  logMode: |`).map((i) => i.insertText),
      ['0', '1', '2'],
    );
    assert.deepEqual(
      completeAt(`${DDB_HEAD}spec:\n  disablePromtail: |`)
        .map((i) => i.insertText)
        .slice(0, 2),
      ['true', 'false'],
    );
  });
  it('quotes string defaults YAML would read as numbers', () => {
    assert.deepEqual(
      completeAt(`${DDB_HEAD}spec:\n  logCleanLimit: |`).map((i) => i.insertText),
      ['"0.9"'],
    );
  });
  it('offers the cluster versions, newest first, when facts are known', () => {
    const facts: EditorFacts = {
      supportedVersions: [{ version: 'v2.00.7' }, { version: 'v2.00.11', isSupportLicenseServer: true }],
    };
    const items = completeAt(`${DDB_HEAD}spec:\n  version: |`, { facts });
    assert.deepEqual(labels(items), ['v2.00.11', 'v2.00.7']);
    assert.match(items[0].detail ?? '', /installed DolphinDB suite.*license server/);
    assert.equal(items[0].preselect, true);
  });
  it('falls back to the bundled version list offline', () => {
    const items = completeAt(`${DDB_HEAD}spec:\n  version: v2|`);
    assert.ok(items.length > 10);
    assert.equal(items[0].label, 'v3.00.3');
    assert.match(items[0].detail ?? '', /Bundled/);
  });
  it('localises value details', () => {
    const items = completeAt(`${DDB_HEAD}spec:\n  version: |`, { locale: 'zh-cn' });
    assert.match(items[0].detail ?? '', /内置版本列表/);
  });
  it('offers StorageClasses, PVC names and namespaces from the cluster', () => {
    const facts: EditorFacts = {
      storageClasses: ['local-path', 'fast'],
      pvcNames: ['shared-data'],
      namespaces: ['dolphindb', 'default'],
    };
    assert.deepEqual(labels(completeAt(`${DDB_HEAD}spec:\n  storageClassName: |`, { facts })), ['local-path', 'fast']);
    assert.deepEqual(labels(completeAt(`${DDB_HEAD}metadata:\n  namespace: |`, { facts })), ['dolphindb', 'default']);
    const pvc = `${DDB_HEAD}spec:\n  datanode:\n    volumes:\n    - name: data\n      persistentVolumeClaim:\n        claimName: |`;
    assert.deepEqual(labels(completeAt(pvc, { facts })), ['shared-data']);
    assert.deepEqual(labels(completeAt(pvc)), []);
  });
  it('offers apiVersion and kind values while a document is being written', () => {
    assert.deepEqual(labels(completeAt('apiVersion: |')), ['dolphindb.dolphindb.io/v1']);
    assert.deepEqual(labels(completeAt('apiVersion: dolphindb.dolphindb.io/v1\nkind: |')), ['DolphinDB']);
    assert.deepEqual(labels(completeAt('kind: Deployment\napiVersion: |')), []);
  });
  it('offers enum values of embedded Kubernetes fields', () => {
    const l = labels(completeAt(`${DDB_HEAD}spec:\n  datanode:\n    instances:\n      0:\n        service:\n          type: |`));
    assert.ok(l.includes('NodePort') && l.includes('ClusterIP'));
  });
});

describe('completion: flow style', () => {
  it('offers the keys left in a flow mapping, with flow-style snippets', () => {
    assert.deepEqual(
      completeAt(`${DDB_HEAD}spec:\n  datanode:\n    resources: {limits: {cpu: "1", |}}`).map((i) => i.insertText),
      ['memory: $0'],
    );
    const items = completeAt(`${DDB_HEAD}spec: {mode: cluster, datanode: {replicas: 3, |}}`);
    const byLabel = new Map(items.map((i) => [i.label, i]));
    assert.ok(!byLabel.has('replicas'));
    assert.equal(byLabel.get('resources')?.insertText, 'resources: {$0}');
    assert.equal(byLabel.get('volumes')?.insertText, 'volumes: [$0]');
    assert.equal(byLabel.get('port')?.insertText, 'port: $0');
  });
  it('replaces the partial key and counts keys after the cursor as siblings', () => {
    const items = completeAt(`${DDB_HEAD}spec: {mode: cluster, m|, version: v2.00.16}`);
    assert.ok(!labels(items).includes('mode') && !labels(items).includes('version'));
    const item = items.find((i) => i.label === 'clusterType');
    assert.deepEqual(item?.range, { start: { line: 2, character: 22 }, end: { line: 2, character: 23 } });
  });
  it('offers values after a key in a flow mapping', () => {
    assert.deepEqual(labels(completeAt(`${DDB_HEAD}spec: {mode: cluster, clusterType: m|, version: v2.00.16}`)), [
      'singlecontroller',
      'multicontroller',
    ]);
    const item = completeAt(`${DDB_HEAD}spec: {version: "v2|"}`)[0];
    assert.deepEqual(item.range, { start: { line: 2, character: 16 }, end: { line: 2, character: 20 } });
  });
  it('follows a flow collection over several lines and into sequence items', () => {
    assert.ok(labels(completeAt(`${DDB_HEAD}spec: {mode: cluster,\n  datanode: {replicas: 3,\n    |}}`)).includes('dataSize'));
    assert.deepEqual(
      labels(completeAt(`${DDB_HEAD}spec:\n  datanode:\n    volumes: [{name: data, persistentVolumeClaim: {|}}]`)),
      ['claimName', 'readOnly'],
    );
    const item = labels(completeAt(`${DDB_HEAD}spec:\n  datanode:\n    volumes:\n    - {name: data, |}`));
    assert.ok(item.includes('hostPath') && !item.includes('name'));
  });
  it('is back in block context after a closed flow collection', () => {
    const l = labels(completeAt(`${DDB_HEAD}spec:\n  mode: cluster\n  datanode: {replicas: 1}\n  |`));
    assert.ok(l.includes('version') && !l.includes('datanode') && !l.includes('replicas'));
  });
  it('offers nothing inside a quoted key or a comment of a flow mapping', () => {
    assert.deepEqual(completeAt(`${DDB_HEAD}spec: {"mo|": cluster}`), []);
    assert.deepEqual(completeAt(`${DDB_HEAD}spec: {mode: cluster, # c|\n}`), []);
  });
});
