import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadKubeconfig, withContext } from '../../../src/core/k8s/kubeconfig';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-unit-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

const good = (contextName: string, server: string, current = contextName) => `apiVersion: v1
kind: Config
current-context: ${current}
clusters:
- name: c-${contextName}
  cluster: {server: ${server}}
users:
- name: u-${contextName}
  user: {token: abc}
contexts:
- name: ${contextName}
  context: {cluster: c-${contextName}, user: u-${contextName}, namespace: ns-${contextName}}
`;

describe('loadKubeconfig', () => {
  it('reports a missing kubeconfig instead of falling back to localhost:8080', () => {
    const r = loadKubeconfig({ env: {}, homeDir: path.join(dir, 'nohome') });
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.kind, 'noKubeconfig');
  });
  it('merges a KUBECONFIG list with the first file winning, like kubectl', () => {
    const a = write('a.yaml', good('alpha', 'https://127.0.0.1:1'));
    const b = write('b.yaml', good('beta', 'https://127.0.0.1:2'));
    const r = loadKubeconfig({ env: { KUBECONFIG: [a, b].join(path.delimiter) } });
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.deepEqual(
      r.value.config.getContexts().map((c) => c.name),
      ['alpha', 'beta'],
    );
    assert.equal(r.value.config.currentContext, 'alpha');
    assert.deepEqual(r.value.files, [a, b]);
  });
  it('skips list entries that do not exist', () => {
    const a = write('a2.yaml', good('alpha', 'https://127.0.0.1:1'));
    const r = loadKubeconfig({ env: { KUBECONFIG: [path.join(dir, 'missing'), a].join(path.delimiter) } });
    assert.ok(r.ok);
  });
  it('names the file and field when a context names a missing user', () => {
    const p = write('bad-user.yaml', good('x', 'https://127.0.0.1:1').replace('user: u-x, namespace', 'user: ghost, namespace'));
    const r = loadKubeconfig({ env: { KUBECONFIG: p } });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.kind, 'kubeconfigInvalid');
      assert.match(r.error.reason, /bad-user\.yaml/);
      assert.match(r.error.reason, /user "ghost"/);
    }
  });
  it('names the missing certificate file', () => {
    const p = write(
      'bad-cert.yaml',
      good('y', 'https://127.0.0.1:1').replace(
        '{token: abc}',
        `{client-certificate: ${path.join(dir, 'nope.crt')}, client-key: ${path.join(dir, 'nope.key')}}`,
      ),
    );
    const r = loadKubeconfig({ env: { KUBECONFIG: p } });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.error.reason, /client-certificate: file .*nope\.crt does not exist/);
  });
  it('reports malformed YAML with the file name', () => {
    const p = write('garbage.yaml', 'clusters: [\n  - {{{');
    const r = loadKubeconfig({ env: { KUBECONFIG: p } });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.kind, 'kubeconfigInvalid');
      assert.match(r.error.operation, /garbage\.yaml/);
    }
  });
  it('switches context on a copy without touching the file', () => {
    const a = write('c.yaml', good('alpha', 'https://127.0.0.1:1'));
    const before = fs.readFileSync(a, 'utf8');
    const r = loadKubeconfig({ env: { KUBECONFIG: a } });
    assert.ok(r.ok);
    if (!r.ok) return;
    const copy = withContext(r.value.config, 'alpha');
    assert.equal(copy.currentContext, 'alpha');
    assert.equal(fs.readFileSync(a, 'utf8'), before);
  });
});
