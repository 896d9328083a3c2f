import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { ROLES, type Role } from '../../../src/core/dolphindb/names';
import { clusterView, masterInstance, modeText, phaseView, roleView } from '../../../src/core/dolphindb/status';
import { readExample } from '../validation/helpers';

interface StatusExpectation {
  file: string;
  clusterPhase: string;
  roles: Partial<Record<Role, { phase: string; ready: number; replicas: number; master?: string }>>;
}
const expectations = (JSON.parse(readExample('expectations.json')) as { status: StatusExpectation[] }).status;

describe('status fixtures (expectations.json)', () => {
  for (const e of expectations) {
    it(`${e.file}: ${e.clusterPhase}`, () => {
      const cr: unknown = parse(readExample(e.file));
      const view = clusterView(cr);
      assert.equal(view.phase.label, e.clusterPhase);
      assert.deepEqual(
        view.roles.map((r) => r.role),
        ROLES.filter((r) => e.roles[r]),
      );
      for (const r of view.roles) {
        const want = e.roles[r.role];
        assert.ok(want);
        assert.equal(r.phase.label, want.phase);
        assert.equal(r.ready, want.ready);
        assert.equal(r.desired, want.replicas);
        assert.equal(r.master, want.master);
      }
    });
  }
  it('summarises the HA cluster', () => {
    const view = clusterView(parse(readExample('status/status-available-multicontroller.yaml')));
    assert.equal(view.summary, 'cluster/multicontroller · v2.00.5 · Available · ctr 3/3 dn 3/3');
    assert.equal(view.master, 'ddb-ha-ctr-1-0');
    assert.equal(view.phase.tone, 'ok');
    assert.deepEqual(
      view.roles[0].instances.map((i) => i.name),
      ['ddb-ha-ctr-0', 'ddb-ha-ctr-1', 'ddb-ha-ctr-2'],
    );
  });
  it('summarises the upgrade in progress, with instance messages', () => {
    const view = clusterView(parse(readExample('status/status-progressing-upgrade.yaml')));
    assert.equal(view.summary, 'cluster/singlecontroller · v2.00.16 · Progressing · ctr 1/1 dn 1/2 cn 0/1');
    assert.equal(view.phase.tone, 'progressing');
    const dn = view.roles.find((r) => r.role === 'datanode');
    assert.match(dn?.instances[1].message ?? '', /PodInitializing/);
    assert.equal(dn?.instances[1].phase.tone, 'progressing');
    assert.equal(dn?.instances[0].message, undefined);
  });
  it('summarises standalone', () => {
    assert.equal(
      clusterView(parse(readExample('status/status-available-standalone.yaml'))).summary,
      'standalone · v2.00.16 · Available · dn 1/1',
    );
  });
});

describe('phaseView', () => {
  it('Available and Ready are ok', () => {
    assert.deepEqual(phaseView('Available'), { label: 'Available', tone: 'ok' });
    assert.equal(phaseView('Ready').tone, 'ok');
  });
  it('Progressing is progressing', () =>
    assert.deepEqual(phaseView('Progressing'), { label: 'Progressing', tone: 'progressing' }));
  it('failure words are failed, label verbatim', () =>
    assert.deepEqual(phaseView('Failed'), { label: 'Failed', tone: 'failed' }));
  it('unknown phases are shown verbatim, tone unknown', () => {
    assert.deepEqual(phaseView('Hibernating'), { label: 'Hibernating', tone: 'unknown' });
  });
  it('missing or odd values never throw', () => {
    for (const v of [undefined, null, '', '   ', {}, [], 42, true, Symbol('x')]) {
      const p = phaseView(v);
      assert.equal(p.tone, 'unknown');
    }
    assert.equal(phaseView(42).label, '42');
    assert.equal(phaseView(undefined).label, 'Unknown');
  });
});

describe('never throws on any status shape', () => {
  const shapes: unknown[] = [
    undefined,
    null,
    0,
    'x',
    [],
    {},
    { status: null },
    { status: 'Available' },
    { status: [] },
    { status: { phase: { nested: 1 } } },
    { status: { controllerStatus: 'x', datanodeStatus: [], computenodeStatus: 5 } },
    { status: { datanodeStatus: { replicas: '3', readyReplicas: -1, currentReplicas: 1.5, instanceStatus: ['a'] } } },
    { status: { datanodeStatus: { instanceStatus: { a: null, b: 'x', c: { phase: 7, message: {} } } } } },
    { spec: { mode: 7, clusterType: [], version: {}, datanode: 'x' } },
    { spec: { datanode: { replicas: 2 } } },
    Object.create(null),
  ];
  for (const [i, s] of shapes.entries()) {
    it(`shape ${i}`, () => {
      const v = clusterView(s);
      assert.equal(typeof v.summary, 'string');
      for (const r of ROLES) roleView(s, r);
      masterInstance(s);
    });
  }
  it('falls back to spec replicas and shows ? for unknown ready counts', () => {
    const v = clusterView({ spec: { mode: 'cluster', datanode: { replicas: 2 } } });
    assert.equal(v.summary, 'cluster · Unknown · dn ?/2');
  });
  it('reads instanceStatus entries with odd values', () => {
    const r = roleView(
      { status: { datanodeStatus: { instanceStatus: { 'ddb-x-dn-10': { phase: 'Ready' }, 'ddb-x-dn-9': null } } } },
      'datanode',
    );
    assert.deepEqual(
      r?.instances.map((i) => [i.name, i.phase.label]),
      [
        ['ddb-x-dn-9', 'Unknown'],
        ['ddb-x-dn-10', 'Ready'],
      ],
    );
  });
  it('modeText', () => {
    assert.equal(modeText('cluster', 'multicontroller'), 'cluster/multicontroller');
    assert.equal(modeText('standalone', undefined), 'standalone');
    assert.equal(modeText(undefined, 'x'), undefined);
  });
});
