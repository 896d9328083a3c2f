import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { modeText, phaseLook, roleStatuses } from '../../../src/core/explorer/status';

describe('phaseLook', () => {
  it('gives Available the ok tone', () => {
    assert.deepEqual(phaseLook('Available'), { text: 'Available', tone: 'ok', missing: false });
  });
  it('reads Progressing as progressing', () => {
    assert.equal(phaseLook('Progressing').tone, 'progressing');
  });
  it('shows an unknown phase verbatim, tone unknown, not missing', () => {
    assert.deepEqual(phaseLook('Hibernating'), { text: 'Hibernating', tone: 'unknown', missing: false });
  });
  it('treats a missing phase as Unknown and says it is missing', () => {
    assert.deepEqual(phaseLook(undefined), { text: 'Unknown', tone: 'unknown', missing: true });
    assert.equal(phaseLook('').missing, true);
  });
  it('marks failure phases failed', () => {
    assert.equal(phaseLook('Failed').tone, 'failed');
  });
  it('judges Kubernetes words (pods, PVCs) too', () => {
    assert.equal(phaseLook('Bound').tone, 'ok');
    assert.equal(phaseLook('CrashLoopBackOff').tone, 'failed');
    assert.equal(phaseLook('ContainerCreating').tone, 'progressing');
  });
});

describe('roleStatuses', () => {
  it('reads ready/desired and the leader', () => {
    const ddb = {
      spec: { mode: 'cluster', clusterType: 'multicontroller', controller: { replicas: 3 }, datanode: { replicas: 2 } },
      status: {
        controllerStatus: { phase: 'Ready', replicas: 3, readyReplicas: 3, masterInstance: 'ddb-x-ctr-1-0' },
        datanodeStatus: {
          phase: 'Progressing',
          replicas: 2,
          readyReplicas: 1,
          instanceStatus: { 'ddb-x-dn-1': { phase: 'Progressing', message: 'waiting' } },
        },
      },
    };
    const r = roleStatuses(ddb);
    assert.deepEqual(
      r.map((x) => [x.role, x.ready, x.desired, x.phase]),
      [
        ['ctr', 3, 3, 'Ready'],
        ['dn', 1, 2, 'Progressing'],
      ],
    );
    assert.equal(r[0].master, 'ddb-x-ctr-1-0');
    assert.equal(r[1].instances['ddb-x-dn-1'].message, 'waiting');
    assert.equal(modeText(ddb), 'cluster/multicontroller');
  });
  it('never throws on strange shapes', () => {
    for (const bad of [
      null,
      42,
      'x',
      { spec: 'x' },
      { status: { datanodeStatus: 'nope' } },
      { spec: { datanode: { replicas: 'three' } } },
    ]) {
      assert.doesNotThrow(() => roleStatuses(bad));
    }
    assert.deepEqual(
      roleStatuses({ spec: { datanode: { replicas: 'three' } } }).map((x) => x.desired),
      [0],
    );
  });
  it('standalone has one datanode by default', () => {
    const r = roleStatuses({ spec: { mode: 'standalone', datanode: {} } });
    assert.deepEqual(
      r.map((x) => [x.role, x.desired]),
      [['dn', 1]],
    );
    assert.equal(modeText({ spec: { mode: 'standalone' } }), 'standalone');
  });
});
