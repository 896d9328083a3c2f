// The registry and the model without a cluster: which contexts show, in which order, and how an
// unreachable context (a closed loopback port, a real connection refused) moves through its states.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { ConnectionRegistry, type StateChange } from '../../../src/core/explorer/registry';
import { ExplorerModel } from '../../../src/core/explorer/model';
import { parseNodeId } from '../../../src/core/explorer/ids';

function config(current: string): KubeConfig {
  const kc = new KubeConfig();
  // Port 1 on loopback: nothing listens there, so a connect fails at once with ECONNREFUSED.
  kc.loadFromOptions({
    clusters: [{ name: 'nowhere', server: 'https://127.0.0.1:1', skipTLSVerify: true }],
    users: [{ name: 'u', token: 'unused' }],
    contexts: ['a', 'b', 'team/prod'].map((name) => ({ name, cluster: 'nowhere', user: 'u' })),
    currentContext: current,
  });
  return kc;
}

describe('ConnectionRegistry and ExplorerModel without a cluster', () => {
  const disposables: { dispose(): void }[] = [];
  after(() => disposables.forEach((d) => d.dispose()));

  it('lists the current context first, or only the one the view chose', () => {
    assert.deepEqual(new ConnectionRegistry(config('b')).contexts(), ['b', 'a', 'team/prod']);
    assert.deepEqual(new ConnectionRegistry(config('b'), { onlyContext: 'a' }).contexts(), ['a']);
  });

  it('renders idle contexts as roots, the current one expanded, ids that parse back', () => {
    const reg = new ConnectionRegistry(config('team/prod'));
    const model = new ExplorerModel(reg);
    disposables.push(model, reg);
    const roots = model.roots();
    assert.deepEqual(
      roots.map((r) => [r.label, r.icon, r.collapsible]),
      [
        ['team/prod', 'currentContext', 'expanded'],
        ['a', 'context', 'collapsed'],
        ['b', 'context', 'collapsed'],
      ],
    );
    assert.deepEqual(parseNodeId(roots[0].id), { kind: 'context', context: 'team/prod' });
    assert.equal(reg.stateOf('a').s, 'idle');
    assert.equal(reg.session('a'), undefined);
  });

  it('an unreachable context goes connecting → error, and the model reports that context', async () => {
    const reg = new ConnectionRegistry(config('a'), { requestTimeoutMs: 3000 });
    const model = new ExplorerModel(reg, { debounceMs: 5 });
    disposables.push(model, reg);
    const states: StateChange[] = [];
    disposables.push(reg.onDidChangeState((c) => states.push(c)));
    const reported: (readonly string[] | undefined)[] = [];
    disposables.push(model.onDidChange((ids) => reported.push(ids)));
    // Expanding an idle context starts the connection and shows "Connecting…" meanwhile.
    const first = model.children(model.roots()[0]);
    assert.deepEqual(
      first.map((n) => [n.kind, n.icon]),
      [['message', 'loading']],
    );
    const deadline = Date.now() + 10_000;
    while (reg.stateOf('a').s !== 'error' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(reg.stateOf('a').s, 'error');
    assert.deepEqual(
      states.map((c) => [c.context, c.state.s, c.synced]),
      [
        ['a', 'connecting', false],
        ['a', 'error', false],
      ],
    );
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(
      reported.some((ids) => ids?.includes('ctx:a')),
      JSON.stringify(reported),
    );
    const kids = model.children(model.roots()[0]);
    assert.deepEqual(
      kids.map((n) => [n.kind, n.icon, n.action?.name]),
      [['message', 'error', 'retry']],
    );
    assert.deepEqual(
      [model.roots()[0].icon, model.roots()[0].tone, model.roots()[0].description],
      ['disconnected', 'error', 'unreachable'],
    );
  });
});
