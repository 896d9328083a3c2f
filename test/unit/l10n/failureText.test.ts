// Failures made by code without a translator (the Kubernetes client, kubeconfig loading, license
// inspection) keep their English `reason` / `operation` and are shown in Chinese through the real
// zh-cn bundle. The translator here is the bundle lookup vscode.l10n.t does, over the shipped file.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { inspectLicense } from '../../../src/core/dolphindb/license';
import { because, doing, operationOf, reasonOf } from '../../../src/core/i18n/text';
import { english, msg, type Translate } from '../../../src/core/i18n/translate';
import { failureFromError, failureFromStatus } from '../../../src/core/k8s/errors';
import { loadKubeconfig } from '../../../src/core/k8s/kubeconfig';
import type { Failure } from '../../../src/core/result';

const root = path.resolve(__dirname, '../../..');
const zhBundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const missing: string[] = [];
const zh: Translate = (message, ...args) => {
  const hit = zhBundle[message];
  if (hit === undefined) missing.push(message);
  return english((hit ?? message) as typeof message, ...args);
};
const han = /[\u4e00-\u9fff]/;

function assertChinese(f: Failure, englishReason: RegExp): void {
  assert.match(f.reason, englishReason, 'the English reason stays for logs and tests');
  const shown = reasonOf(f, zh);
  assert.deepEqual(missing.splice(0), [], 'messages missing from the zh-cn bundle');
  assert.ok(han.test(shown), `not translated: ${shown}`);
}

describe('failure text translated at the edge', () => {
  it('network and TLS errors of the Kubernetes client', () => {
    assertChinese(
      failureFromError('list pods', Object.assign(new Error('x'), { code: 'ECONNREFUSED' })),
      /^nothing is listening/,
    );
    assertChinese(
      failureFromError('list pods', Object.assign(new Error('x'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' })),
      /^TLS error \(ERR_SSL_WRONG_VERSION_NUMBER\)$/,
    );
    assertChinese(failureFromStatus('list pods', 401, ''), /^the credentials were rejected/);
    const forbidden = failureFromStatus(
      'list pods',
      403,
      JSON.stringify({ kind: 'Status', message: 'User "u" cannot list resource "pods" in API group "" in the namespace "x"' }),
    );
    assertChinese(forbidden, /^forbidden: list pods$/);
    assert.match(reasonOf(forbidden, zh), /list pods/, 'the arguments survive translation');
  });

  it('license file defects, whose reasons are a table of msg() constants', () => {
    const r = inspectLicense(new Uint8Array(0));
    assert.ok(!r.ok);
    if (!r.ok) {
      assertChinese(r.error, /^The license file is empty\.$/);
      assert.ok(han.test(operationOf(r.error, zh)));
    }
  });

  it('kubeconfig problems, with the file names as arguments', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-l10n-'));
    try {
      const file = path.join(dir, 'empty.yaml');
      fs.writeFileSync(file, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
      const r = loadKubeconfig({ env: { KUBECONFIG: file } });
      assert.ok(!r.ok);
      if (!r.ok) {
        assertChinese(r.error, /defines no context$/);
        assert.ok(reasonOf(r.error, zh).includes(file));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a copy that replaced the English field shows that field, not the stale text', () => {
    const f: Failure = { kind: 'invalid', ...doing(msg('read kubeconfig')), ...because(msg('the connection was reset')) };
    const copy: Failure = { ...f, operation: 'something else', reason: 'a newer reason' };
    assert.equal(reasonOf(copy, zh), 'a newer reason');
    assert.equal(operationOf(copy, zh), 'something else');
    const shown = [reasonOf(f, zh), operationOf(f, zh)];
    assert.deepEqual(missing.splice(0), []);
    assert.ok(
      shown.every((s) => han.test(s)),
      shown.join(' / '),
    );
  });
});
