import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { quickFixes, YamlFile, type QuickFix } from '../../../src/core/language';
import { validateText, type Problem } from '../../../src/core/validation';
import { applyEdits, DDB_HEAD } from './helpers';

/** Validates, asks for the fixes of the problems with `code`, and returns them with the problems. */
function fixesFor(text: string, code: string, locale: 'en' | 'zh-cn' = 'en'): { fixes: QuickFix[]; problems: Problem[] } {
  const problems = validateText(text).filter((p) => p.code === code);
  assert.ok(problems.length > 0, `expected a ${code} problem`);
  return { fixes: quickFixes(new YamlFile(text), problems, locale), problems };
}

const codes = (text: string): string[] => validateText(text).map((p) => p.code);

const CLUSTER = (spec: string): string => `${DDB_HEAD}metadata:\n  name: t\nspec:\n  mode: cluster\n${spec}`;
const ROLES = `  controller:\n    replicas: 3\n  datanode:\n    replicas: 1\n`;

describe('quick fixes', () => {
  it('renames a misspelled key to the suggestion', () => {
    const text = CLUSTER(`  clustertype: multicontroller\n  version: v2.00.5\n${ROLES}`);
    const { fixes } = fixesFor(text, 'DDB-W100');
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0].title, 'Rename to clusterType');
    const fixed = applyEdits(text, fixes[0].edits);
    assert.match(fixed, /\n {2}clusterType: multicontroller\n/);
    assert.deepEqual(codes(fixed), []);
  });

  it('inserts clusterType below mode, preferring multicontroller for 3 controllers', () => {
    const text = CLUSTER(`  version: v2.00.5\n${ROLES}`);
    const { fixes } = fixesFor(text, 'DDB-E004');
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Add clusterType: singlecontroller', 'Add clusterType: multicontroller'],
    );
    assert.deepEqual(
      fixes.map((f) => !!f.preferred),
      [false, true],
    );
    const fixed = applyEdits(text, fixes[1].edits);
    assert.match(fixed, /\n {2}mode: cluster\n {2}clusterType: multicontroller\n {2}version/);
    assert.deepEqual(codes(fixed), []);
  });

  it('prefers singlecontroller for one controller, and keeps a deeper indentation', () => {
    const text = `${DDB_HEAD}metadata:\n  name: t\nspec:\n    mode: cluster\n    version: v2.00.5\n    controller:\n      replicas: 1\n    datanode:\n      replicas: 1\n`;
    const { fixes } = fixesFor(text, 'DDB-E004');
    const preferred = fixes.find((f) => f.preferred);
    assert.equal(preferred?.title, 'Add clusterType: singlecontroller');
    assert.deepEqual(codes(applyEdits(text, preferred?.edits ?? [])), []);
  });

  it('raises multicontroller controller replicas to 3', () => {
    const text = CLUSTER(
      `  clusterType: multicontroller\n  version: v2.00.5\n  controller:\n    replicas: 2\n  datanode:\n    replicas: 1\n`,
    );
    const { fixes } = fixesFor(text, 'DDB-E006');
    assert.equal(fixes[0].title, 'Change to 3');
    const fixed = applyEdits(text, fixes[0].edits);
    assert.match(fixed, /controller:\n {4}replicas: 3\n/);
    assert.deepEqual(codes(fixed), []);
  });

  it('quotes an unquoted config value (DDB-E015), keeping what was written', () => {
    const text = CLUSTER(
      `  clusterType: singlecontroller\n  version: v2.00.5\n  controller:\n    replicas: 1\n    clusterConfig:\n      maxMemSize: 8\n      enableChunkGranularityConfig: true\n  datanode:\n    replicas: 1\n`,
    );
    const { fixes } = fixesFor(text, 'DDB-E015');
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Quote the value: "8"', 'Quote the value: "true"'],
    );
    const fixed = applyEdits(
      text,
      fixes.flatMap((f) => f.edits),
    );
    assert.match(fixed, /maxMemSize: "8"\n {6}enableChunkGranularityConfig: "true"\n/);
    assert.deepEqual(codes(fixed), []);
  });

  it('raises limits to the requests (DDB-E010), copying the request as written', () => {
    const text = CLUSTER(
      `  clusterType: singlecontroller\n  version: v2.00.5\n  controller:\n    replicas: 1\n  datanode:\n    replicas: 1\n    resources:\n      limits:\n        cpu: "1"\n        memory: 2Gi\n      requests:\n        cpu: "2"\n        memory: 4Gi\n`,
    );
    const { fixes } = fixesFor(text, 'DDB-E010');
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Raise limits.cpu to the request ("2")', 'Raise limits.memory to the request (4Gi)'],
    );
    const fixed = applyEdits(
      text,
      fixes.flatMap((f) => f.edits),
    );
    assert.match(fixed, /limits:\n {8}cpu: "2"\n {8}memory: 4Gi\n/);
    assert.deepEqual(codes(fixed), []);
  });

  it('fixes the case of an enum value', () => {
    const text = `${DDB_HEAD}metadata:\n  name: t\nspec:\n  mode: Standalone\n  version: v2.00.5\n  datanode:\n    replicas: 1\n`;
    const { fixes } = fixesFor(text, 'DDB-E003');
    assert.equal(fixes[0].title, 'Change to standalone');
    assert.deepEqual(codes(applyEdits(text, fixes[0].edits)), []);
  });

  it('removes what standalone mode does not allow', () => {
    const text = `${DDB_HEAD}metadata:\n  name: t\nspec:\n  mode: standalone\n  clusterType: singlecontroller\n  version: v2.00.5\n  controller:\n    replicas: 1\n    port: 31210\n  datanode:\n    replicas: 1\n`;
    const { fixes } = fixesFor(text, 'DDB-E007');
    assert.equal(fixes.length, 1);
    const fixed = applyEdits(text, fixes[0].edits);
    assert.doesNotMatch(fixed, /controller|clusterType/);
    assert.deepEqual(codes(fixed), []);
  });

  it('titles fixes in Chinese for zh-cn', () => {
    const text = CLUSTER(`  clustertype: multicontroller\n  version: v2.00.5\n${ROLES}`);
    assert.equal(fixesFor(text, 'DDB-W100', 'zh-cn').fixes[0].title, '改为 clusterType');
  });

  it('offers nothing when the text changed under the problem', () => {
    const text = CLUSTER(
      `  clusterType: multicontroller\n  version: v2.00.5\n  controller:\n    replicas: 2\n  datanode:\n    replicas: 1\n`,
    );
    const problems = validateText(text).filter((p) => p.code === 'DDB-E006');
    const edited = text.replace('replicas: 2', 'replicas:  2');
    assert.deepEqual(quickFixes(new YamlFile(edited), problems, 'en'), []);
  });

  it('fixes the right document of a multi-document file', () => {
    const second = CLUSTER(
      `  clusterType: multicontroller\n  version: v2.00.5\n  controller:\n    replicas: 2\n  datanode:\n    replicas: 1\n`,
    );
    const text = `apiVersion: v1\nkind: ConfigMap\ndata:\n  replicas: "2"\n---\n${second}`;
    const { fixes } = fixesFor(text, 'DDB-E006');
    const fixed = applyEdits(text, fixes[0].edits);
    assert.match(fixed, /data:\n {2}replicas: "2"\n/);
    assert.deepEqual(codes(fixed), []);
  });
});
