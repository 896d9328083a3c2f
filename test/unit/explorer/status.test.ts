import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { modeText, phaseLook, roleStatuses } from '../../../src/core/explorer/status';

describe('phaseLook', () => {
  it('gives Available a passed icon and colour', () => {
    assert.deepEqual(phaseLook('Available'), { text: 'Available', tone: 'ok', icon: 'pass-filled', color: 'testing.iconPassed' });
  });
  it('spins for Progressing', () => {
    const l = phaseLook('Progressing');
    assert.equal(l.tone, 'progressing');
    assert.equal(l.icon, 'sync~spin');
  });
  it('shows an unknown phase verbatim and grey', () => {
    const l = phaseLook('Hibernating');
    assert.equal(l.text, 'Hibernating');
    assert.equal(l.tone, 'unknown');
    assert.equal(l.color, 'disabledForeground');
  });
  it('treats a missing phase as Unknown', () => {
    assert.equal(phaseLook(undefined).text, 'Unknown');
    assert.equal(phaseLook('').tone, 'unknown');
  });
  it('marks failure phases red', () => {
    assert.equal(phaseLook('Failed').color, 'errorForeground');
  });
});

describe('roleStatuses', () => {
  it('reads ready/desired and the leader', () => {
    const ddb = {
      spec: { mode: 'cluster', clusterType: 'multicontroller', controller: { replicas: 3 }, datanode: { replicas: 2 } },
      status: {
        controllerStatus: { phase: 'Ready', replicas: 3, readyReplicas: 3, masterInstance: 'ddb-x-ctr-1-0' },
        datanodeStatus: { phase: 'Progressing', replicas: 2, readyReplicas: 1, instanceStatus: { 'ddb-x-dn-1': { phase: 'Progressing', message: 'waiting' } } },
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
    for (const bad of [null, 42, 'x', { spec: 'x' }, { status: { datanodeStatus: 'nope' } }, { spec: { datanode: { replicas: 'three' } } }]) {
      assert.doesNotThrow(() => roleStatuses(bad));
    }
    assert.deepEqual(roleStatuses({ spec: { datanode: { replicas: 'three' } } }).map((x) => x.desired), [0]);
  });
  it('standalone has one datanode by default', () => {
    const r = roleStatuses({ spec: { mode: 'standalone', datanode: {} } });
    assert.deepEqual(r.map((x) => [x.role, x.desired]), [['dn', 1]]);
    assert.equal(modeText({ spec: { mode: 'standalone' } }), 'standalone');
  });
});
