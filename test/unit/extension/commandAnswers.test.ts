// The one place that turns a command's argument into answers (src/extension/commands/common):
// the palette (nothing), a message node (a context name), a tree node and a script's object all
// become Answers; observe commands also read the object and container a node stands for.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ExplorerNode, NodeKey, ObjectRef } from '../../../src/core/explorer/nodes';
import { extraNumber, extraRecord, extraString, toAnswers } from '../../../src/extension/commands/common/answers';
import { observeAnswers } from '../../../src/extension/commands/common/observeAnswers';

function node(kind: ExplorerNode['kind'], key: NodeKey, label: string, ref?: ObjectRef): ExplorerNode {
  return { id: `test:${label}`, kind, label, collapsible: 'none', caps: [], key, ...(ref ? { ref } : {}) };
}

describe('command answers', () => {
  it('the palette gives no answers, a message node its context name', () => {
    assert.deepEqual(toAnswers(undefined), { extra: {} });
    assert.deepEqual(toAnswers(42), { extra: {} });
    assert.deepEqual(toAnswers('kind-dev'), { context: 'kind-dev', extra: {} });
  });

  it("a script's object keeps only well-typed answers; confirm is only ever true and wait only false", () => {
    const arg = {
      context: 'c',
      namespace: 'ns',
      name: 'ha',
      role: 'datanode',
      index: 1,
      replicas: '3',
      version: 7,
      confirm: 'yes',
      wait: true,
      mode: 'cluster',
      cpu: 2,
      changes: { a: 1 },
    };
    const a = toAnswers(arg);
    assert.equal(a.context, 'c');
    assert.equal(a.namespace, 'ns');
    assert.equal(a.name, 'ha');
    assert.equal(a.role, 'datanode');
    assert.equal(a.index, 1);
    assert.equal(a.replicas, undefined, 'a string is not a replica count');
    assert.equal(a.version, undefined, 'a number is not a version');
    assert.equal(a.confirm, undefined, 'only confirm: true skips the dialog');
    assert.equal(a.wait, undefined, 'only wait: false skips the rollout watch');
    assert.equal(toAnswers({ confirm: true, wait: false }).confirm, true);
    assert.equal(toAnswers({ confirm: true, wait: false }).wait, false);
    assert.equal(toAnswers({ index: Number.NaN }).index, undefined);
    // Command-specific answers stay reachable, typed on the way out.
    assert.equal(extraString(a, 'mode'), 'cluster');
    assert.equal(extraString(a, 'cpu'), undefined);
    assert.equal(extraNumber(a, 'cpu'), 2);
    assert.deepEqual(extraRecord(a, 'changes'), { a: 1 });
    assert.equal(extraRecord(a, 'mode'), undefined);
  });

  it('a tree node answers its context, namespace, cluster, role and instance', () => {
    assert.deepEqual(toAnswers(node('context', { t: 'context', context: 'c' }, 'c')), { context: 'c', extra: {} });
    assert.deepEqual(toAnswers(node('namespace', { t: 'namespace', context: 'c', namespace: 'ns' }, 'ns')), {
      context: 'c',
      namespace: 'ns',
      extra: {},
    });
    assert.deepEqual(toAnswers(node('cluster', { t: 'cluster', context: 'c', namespace: 'ns', name: 'ha' }, 'ha')), {
      context: 'c',
      namespace: 'ns',
      name: 'ha',
      extra: {},
    });
    assert.deepEqual(toAnswers(node('role', { t: 'role', context: 'c', namespace: 'ns', name: 'ha', role: 'dn' }, 'dn')), {
      context: 'c',
      namespace: 'ns',
      name: 'ha',
      role: 'dn',
      extra: {},
    });
    const inst = toAnswers(
      node('instance', { t: 'instance', context: 'c', namespace: 'ns', name: 'ha', instance: 'ddb-ha-dn-1' }, 'dn-1'),
    );
    assert.deepEqual(inst, { context: 'c', namespace: 'ns', name: 'ha', role: 'dn', index: 1, extra: {} });
    // An instance name that is not this cluster's gives no role rather than a wrong one.
    const foreign = toAnswers(
      node('instance', { t: 'instance', context: 'c', namespace: 'ns', name: 'ha', instance: 'ddb-other-dn-1' }, 'x'),
    );
    assert.equal(foreign.role, undefined);
    assert.equal(foreign.index, undefined);
    // Other nodes answer through the object they stand for.
    const pod = toAnswers(
      node('pod', { t: 'pod', context: 'c', namespace: 'ns', pod: 'p' }, 'p', {
        context: 'c',
        kind: 'pod',
        name: 'p',
        namespace: 'ns',
      }),
    );
    assert.deepEqual(pod, { context: 'c', namespace: 'ns', extra: {} });
  });

  it('observe answers: the pod of an instance node, the pod and container of a container node, and whether a script asked', () => {
    const inst = observeAnswers(
      node('instance', { t: 'instance', context: 'c', namespace: 'ns', name: 'ha', instance: 'ddb-ha-dn-0' }, 'dn-0', {
        context: 'c',
        kind: 'statefulset',
        name: 'ddb-ha-dn-0',
        namespace: 'ns',
      }),
    );
    assert.equal(inst.objectKind, 'pod');
    assert.equal(inst.objectName, 'ddb-ha-dn-0-0');
    assert.equal(inst.scripted, false);
    const ctr = observeAnswers(
      node('container', { t: 'leaf' }, 'dolphindb', { context: 'c', kind: 'pod', name: 'ddb-ha-dn-0-0', namespace: 'ns' }),
    );
    assert.deepEqual(
      [ctr.context, ctr.namespace, ctr.objectKind, ctr.objectName, ctr.container],
      ['c', 'ns', 'pod', 'ddb-ha-dn-0-0', 'dolphindb'],
    );
    const scripted = observeAnswers({ context: 'c', namespace: 'ns', pod: 'p', container: 'x', kind: 'pod' });
    assert.deepEqual([scripted.objectKind, scripted.objectName, scripted.container, scripted.scripted], ['pod', 'p', 'x', true]);
    assert.equal(observeAnswers({ object: 'svc' }).objectName, 'svc');
    assert.equal(observeAnswers(undefined).scripted, false);
    assert.equal(observeAnswers('c').scripted, false);
  });
});
