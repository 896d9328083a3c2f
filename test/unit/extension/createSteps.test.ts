// Create Cluster's questions (src/extension/commands/lifecycle/createSteps.ts): which are asked
// for which topology, how typed answers are checked, a script's answers, and the final cluster.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { english } from '../../../src/core/i18n/translate';
import { toAnswers } from '../../../src/extension/commands/common/answers';
import { applicable, collect, progress } from '../../../src/extension/commands/common/flowPlan';
import {
  CREATE_PLAN,
  createChecks,
  givenAnswers,
  NEW_NAMESPACE,
  toNewCluster,
} from '../../../src/extension/commands/lifecycle/createSteps';

const asked = (v: Record<string, string>): string[] => applicable(CREATE_PLAN, v).map((s) => s.id);
const COMMON = ['name', 'namespace', 'topology', 'version', 'cpu', 'memory', 'storageClass', 'dataSize', 'logSize'];

describe('create cluster steps', () => {
  it('singlecontroller and standalone are not asked for controllers; standalone not for node counts', () => {
    assert.deepEqual(asked({ topology: 'singlecontroller' }).sort(), [...COMMON, 'datanodes', 'computenodes'].sort());
    assert.deepEqual(
      asked({ topology: 'multicontroller' }).sort(),
      [...COMMON, 'controllers', 'datanodes', 'computenodes'].sort(),
    );
    assert.deepEqual(asked({ topology: 'standalone' }).sort(), [...COMMON].sort());
  });

  it('the step count follows the topology and the new-namespace choice', () => {
    assert.deepEqual(progress(CREATE_PLAN, {}, 'name'), { step: 1, total: 11 }, 'before the topology: singlecontroller');
    assert.deepEqual(progress(CREATE_PLAN, { topology: 'standalone' }, 'cpu'), { step: 5, total: 9 });
    assert.deepEqual(progress(CREATE_PLAN, { topology: 'multicontroller' }, 'controllers'), { step: 5, total: 12 });
    assert.deepEqual(progress(CREATE_PLAN, { namespace: NEW_NAMESPACE, topology: 'multicontroller' }, 'logSize'), {
      step: 13,
      total: 13,
    });
  });

  it('checks typed answers: names, multicontroller needs 3 or more, quantities', () => {
    const c = createChecks(english);
    assert.equal(c.name('demo-1'), undefined);
    assert.match(c.name('Bad_Name') ?? '', /not a valid Kubernetes name/);
    assert.match(c.controllers('2') ?? '', /from 3 to 256/);
    assert.equal(c.controllers('3'), undefined);
    assert.equal(c.computenodes('0'), undefined);
    assert.match(c.datanodes('0') ?? '', /from 1 to 256/);
    assert.equal(c.quantity('500m'), undefined);
    assert.match(c.quantity('lots') ?? '', /not a Kubernetes quantity/);
  });

  it("a script's answers skip their steps; invalid ones are refused; confirm takes the defaults", () => {
    const g = givenAnswers(
      toAnswers({ name: 'x', namespace: 'dolphindb', mode: 'cluster', clusterType: 'multicontroller' }),
      english,
    );
    assert.ok(g.ok);
    assert.deepEqual(g.values, { name: 'x', namespace: 'dolphindb', topology: 'multicontroller' });
    const bad = givenAnswers(toAnswers({ name: 'Bad_Name', confirm: true }), english);
    assert.ok(!bad.ok && /Bad_Name/.test(bad.reason));
    const mode = givenAnswers(toAnswers({ mode: 'cluster', clusterType: 'triple' }), english);
    assert.ok(!mode.ok && /Cluster type must be/.test(mode.reason));
    const quick = givenAnswers(toAnswers({ mode: 'standalone', confirm: true }), english);
    assert.ok(quick.ok);
    assert.equal(quick.values.cpu, '1');
    assert.equal(quick.values.dataSize, '10Gi');
  });

  it('final answers become the cluster; a stale controller count after Back is dropped', () => {
    const base = { name: 'n', namespace: NEW_NAMESPACE, newNamespace: 'fresh', version: 'v2.00.14', cpu: '1', memory: '2Gi' };
    const rest = { storageClass: 'standard', dataSize: '1Gi', logSize: '1Gi', datanodes: '2', computenodes: '1' };
    // multicontroller with 5 controllers, then Back and singlecontroller: the 5 must not survive.
    const values = collect(CREATE_PLAN, { ...base, ...rest, topology: 'singlecontroller', controllers: '5' });
    const c = toNewCluster(values);
    assert.ok(c);
    assert.equal(c.namespace, 'fresh');
    assert.equal(c.mode, 'cluster');
    assert.equal(c.clusterType, 'singlecontroller');
    assert.equal(c.controllers, 1);
    assert.equal(c.computenodes, 1);
    const s = toNewCluster(collect(CREATE_PLAN, { ...base, ...rest, topology: 'standalone' }));
    assert.deepEqual([s?.mode, s?.controllers, s?.datanodes, s?.computenodes], ['standalone', 0, 1, 0]);
    assert.equal(toNewCluster({ ...base, topology: 'standalone' }), undefined, 'a missing answer');
  });
});
