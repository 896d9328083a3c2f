// Message catalogue: both languages, same placeholders, every reported code documented.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CODE_DOCS,
  MESSAGES,
  formatMessage,
  pickLocale,
  severityOfCode,
  validateText,
  type MessageKey,
} from '../../../src/core/validation';
import { examplesDir, readExample, repoRoot } from './helpers';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('every key has English and Chinese with the same placeholders', () => {
    for (const [key, t] of Object.entries(MESSAGES)) {
      assert.ok(t.en.length > 0 && t.zh.length > 0, key);
      assert.deepEqual(placeholders(t.zh), placeholders(t.en), key);
      assert.match(t.zh, /[\u4e00-\u9fff]/, `${key} zh has Chinese text`);
    }
  });
  it('formats both locales', () => {
    assert.equal(
      formatMessage('multicontroller.replicas', { replicas: 2 }),
      'multicontroller requires at least 3 controllers (spec.controller.replicas is 2).',
    );
    assert.equal(
      formatMessage('multicontroller.replicas', { replicas: 2 }, 'zh-cn'),
      'multicontroller 要求至少 3 个控制节点（spec.controller.replicas 为 2）。',
    );
    assert.equal(formatMessage('schema.enum', { path: 'x' }), 'x must be one of {allowed} (got {value}).');
  });
  it('maps editor locales', () => {
    assert.equal(pickLocale('zh-cn'), 'zh-cn');
    assert.equal(pickLocale('zh-CN'), 'zh-cn');
    assert.equal(pickLocale('zh-Hans'), 'zh-cn');
    assert.equal(pickLocale('zh-tw'), 'en');
    assert.equal(pickLocale('en-US'), 'en');
    assert.equal(pickLocale(undefined), 'en');
  });
  it('documents every rule code of docs/domain.md §2.6', () => {
    // The fixture list of §2.6 codes; test/reference/ checks that list against the reference itself.
    const refCodes = (JSON.parse(readExample('expectations.json')) as { ruleCodes: string[] }).ruleCodes;
    assert.ok(refCodes.length >= 25);
    for (const c of refCodes) {
      assert.ok(CODE_DOCS[c], `${c} documented`);
      assert.equal(CODE_DOCS[c].severity, c.startsWith('DDB-E') ? 'error' : 'warning', c);
    }
  });
  it('derives severity from the code', () => {
    assert.equal(severityOfCode('DDB-E006'), 'error');
    assert.equal(severityOfCode('DDB-W017'), 'warning');
    assert.equal(severityOfCode('DDB-I001'), 'info');
    assert.equal(severityOfCode('DDB-W999'), 'warning');
  });
  it('every x-ddb-code and message key in the schema exists', () => {
    const text = fs.readFileSync(path.join(repoRoot, 'schemas', 'dolphindb.schema.json'), 'utf8');
    for (const m of text.matchAll(/"x-ddb-code": "([^"]+)"/g)) assert.ok(CODE_DOCS[m[1]], m[1]);
    for (const m of text.matchAll(
      /"(?:x-ddb-misplaced|pattern|type|range|enum|all|x-ddb-message)": "([a-z][A-Za-z0-9]*\.[A-Za-z0-9.]+)"/g,
    )) {
      assert.ok(m[1] in MESSAGES, m[1]);
    }
  });
  it('problems from a spread of inputs carry documented codes and fully formatted messages', () => {
    const inputs = fs.readdirSync(path.join(examplesDir, 'invalid')).map((f) => readExample(`invalid/${f}`));
    inputs.push(
      'apiVersion: v1\nkind: DolphinDB\nmetadata: {name: A_b}\nspec: {mode: Cluster, logMode: 7, port: 1, x: 1, datanode: {replicas: -1, config: {a: 1}}}\n',
    );
    for (const text of inputs) {
      for (const p of validateText(text)) {
        assert.ok(CODE_DOCS[p.code], p.code);
        assert.ok(p.messageKey in MESSAGES);
        assert.doesNotMatch(p.message, /\{\w+\}/, p.message);
        assert.equal(p.message, formatMessage(p.messageKey as MessageKey, p.args));
        assert.doesNotMatch(formatMessage(p.messageKey as MessageKey, p.args, 'zh-cn'), /\{\w+\}/);
      }
    }
  });
  it('words the validator puts into arguments read in Chinese too (document root, "or" between two scopes)', () => {
    const root = validateText(
      'apiVersion: dolphindb.dolphindb.io/v1\nkind: DolphinDB\nmetadata: {name: a}\nspec: {mode: standalone, version: v2.00.16, datanode: {replicas: 1}}\nbogus: 1\n',
    );
    const unknown = root.find((p) => p.args.parent === '(document root)');
    assert.ok(unknown, 'a problem about the top level of the document');
    assert.match(unknown.message, /\(document root\)/);
    const zh = formatMessage(unknown.messageKey as MessageKey, unknown.args, 'zh-cn');
    assert.ok(!zh.includes('document root') && zh.includes('（文档根）'), zh);
    const mount = formatMessage(
      'volumeMount.noVolumeEither',
      { path: 'p', name: 'x', scope: 'spec.datanode.volumes', instanceScope: 'spec.datanode.instances.1.volumes' },
      'zh-cn',
    );
    assert.doesNotMatch(mount, /\bor\b/);
  });
});
