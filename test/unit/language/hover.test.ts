import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { hover, YamlFile } from '../../../src/core/language';
import { cursor, DDB_HEAD, VALID_CR } from './helpers';

function hoverAt(src: string, locale: 'en' | 'zh-cn' = 'en') {
  const { text, pos } = cursor(src);
  return hover(new YamlFile(text), pos, locale);
}

describe('hover', () => {
  it('describes a key with its path, type and range', () => {
    const h = hoverAt(`${DDB_HEAD}spec:\n  controller:\n    repl|icas: 3\n`);
    assert.ok(h);
    assert.match(h.contents, /^\*\*replicas\*\* `spec\.controller\.replicas`/);
    assert.match(h.contents, /Number of controllers/);
    assert.match(h.contents, /Type: `integer`/);
    assert.deepEqual(h.range, { start: { line: 4, character: 4 }, end: { line: 4, character: 12 } });
  });
  it('describes a value with the allowed values and default', () => {
    const h = hoverAt(`${DDB_HEAD}spec:\n  logMode: |2\n`);
    assert.ok(h);
    assert.match(h.contents, /Allowed values: `0`, `1`, `2`/);
    const d = hoverAt(`${DDB_HEAD}spec:\n  disableExporter: tr|ue\n`);
    assert.match(d?.contents ?? '', /Default: `false`/);
  });
  it('shows only the Chinese description for zh-cn', () => {
    const h = hoverAt(`${DDB_HEAD}spec:\n  mo|de: cluster\n`, 'zh-cn');
    assert.ok(h);
    assert.match(h.contents, /部署模式/);
    assert.doesNotMatch(h.contents, /Deployment mode/);
    assert.match(h.contents, /允许的值/);
  });
  it('falls back to English where the schema has no Chinese (Kubernetes fields)', () => {
    const h = hoverAt(
      `${DDB_HEAD}spec:\n  datanode:\n    volumes:\n    - name: a\n      hostPath:\n        pa|th: /data\n`,
      'zh-cn',
    );
    assert.ok(h);
    assert.match(h.contents, /`spec\.datanode\.volumes\[0\]\.hostPath\.path`/);
    assert.match(h.contents, /[a-z]{4}/);
  });
  it('says nothing about unknown keys, other documents, or comments', () => {
    assert.equal(hoverAt(`${DDB_HEAD}spec:\n  modus|: cluster\n`), undefined);
    assert.equal(hoverAt('apiVersion: v1\nkind: ConfigMap\nda|ta: {}\n'), undefined);
    assert.equal(hoverAt(`${VALID_CR}# a comm|ent\n`), undefined);
  });
  it('works in the second document of a multi-document file', () => {
    const h = hoverAt(`apiVersion: v1\nkind: ConfigMap\n---\n${DDB_HEAD}spec:\n  versi|on: v2.00.5\n`);
    assert.match(h?.contents ?? '', /DolphinDB server version/);
  });
});
