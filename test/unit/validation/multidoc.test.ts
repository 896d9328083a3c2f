// Files with several documents: only DolphinDB documents are checked, positions are absolute.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { validateText } from '../../../src/core/validation';
import { haCluster, readExample, toYaml, variant } from './helpers';

const configMap =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dolphindb-env-config\ndata:\n  env-config: |-\n    dolphindb:\n      versions: []\n';
const brokenService = 'apiVersion: v1\nkind: Service\nmetadata: {name: ddb-x-dn\nspec: : :\n';
const badDdb = toYaml(
  variant(haCluster(), (cr) => {
    (cr.spec.controller as { replicas: number }).replicas = 2;
  }),
);

describe('multi-document files', () => {
  it('checks only the DolphinDB documents and reports absolute lines', () => {
    const text = [configMap, brokenService, badDdb, toYaml(haCluster())].join('---\n');
    const ps = validateText(text);
    assert.deepEqual(
      ps.map((p) => p.code),
      ['DDB-E006'],
    );
    const lines = text.split('\n');
    assert.match(lines[ps[0].range.start.line], /^ {4}replicas: 2$/);
  });
  it('leaves syntax errors of other documents alone but reports those of DolphinDB documents', () => {
    const broken = toYaml(haCluster()).replace('  mode: cluster\n', '  mode: cluster\n   bad: [\n');
    const ps = validateText([brokenService, broken].join('---\n'));
    assert.ok(ps.length > 0);
    assert.ok(
      ps.every((p) => p.code === 'yaml-syntax'),
      JSON.stringify(ps.map((p) => p.code)),
    );
    assert.ok(ps.every((p) => p.range.start.line >= 5));
  });
  it('handles a leading ---, a %YAML directive, comments and ... end markers', () => {
    const text = `%YAML 1.1\n---\n# comment\n${badDdb}...\n---\n${toYaml(haCluster())}`;
    const ps = validateText(text);
    assert.deepEqual(
      ps.map((p) => p.code),
      ['DDB-E006'],
    );
    assert.match(text.split('\n')[ps[0].range.start.line], /replicas: 2/);
  });
  it('finds two bad documents among valid ones', () => {
    const text = [badDdb, configMap, toYaml(haCluster()), badDdb].join('---\n');
    const ps = validateText(text);
    assert.deepEqual(
      ps.map((p) => p.code),
      ['DDB-E006', 'DDB-E006'],
    );
    assert.ok(ps[1].range.start.line > ps[0].range.start.line + 20);
  });
  it('does not split inside a block scalar that contains --- indented', () => {
    const text = `${toYaml(
      variant(haCluster(), (cr) => {
        (cr.metadata as Record<string, unknown>).annotations = { note: 'a\n---\nb' };
      }),
    )}`;
    assert.match(text, /\|-?\n\s+a\n\s+---/);
    assert.deepEqual(validateText(text), []);
  });
  it('takes a document with kind DolphinDB but a wrong apiVersion as DolphinDB (E001)', () => {
    const ps = validateText(`${configMap}---\n${toYaml(haCluster()).replace('dolphindb.dolphindb.io/v1', 'apps/v1')}`);
    assert.deepEqual(
      ps.map((p) => p.code),
      ['DDB-E001'],
    );
  });
  it('validates all fixture files concatenated, finding exactly the invalid ones', () => {
    const files = [
      'valid/01-standalone.yaml',
      'invalid/i01-multicontroller-two-controllers.yaml',
      'support/extra-pvcs.yaml',
      'valid/05-all-options.yaml',
      'invalid/i06-volumemount-without-volume.yaml',
    ];
    const ps = validateText(files.map(readExample).join('\n---\n'));
    assert.deepEqual(
      ps.map((p) => p.code),
      ['DDB-E006', 'DDB-E016'],
    );
  });
  it('an empty or comment-only file has no problems', () => {
    assert.deepEqual(validateText(''), []);
    assert.deepEqual(validateText('# dolphindb\n'), []);
    assert.deepEqual(validateText('---\n---\n'), []);
  });
});
