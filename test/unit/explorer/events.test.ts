import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/core/k8s/resources';
import { judgeEvents, MAX_EVENTS, type EventSubjects } from '../../../src/core/explorer/eventHealth';
import { eventsGroup } from '../../../src/core/explorer/render/cluster';
import { eventNodes } from '../../../src/core/explorer/render/events';
import { english as t } from '../../../src/core/i18n/translate';

const at = { context: 'c', namespace: 'ns', name: 'ha' };
const T0 = Date.parse('2026-01-01T10:00:00Z');
const iso = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

function ev(name: string, kind: string, object: string, type: 'Warning' | 'Normal', minute: number, reason = 'R'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'ns' },
    involvedObject: { kind, name: object },
    type,
    reason,
    message: `${reason} happened`,
    lastTimestamp: iso(minute),
  } as KubeObject;
}

function pod(name: string, readyAt: number | undefined, createdAt = -60): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'ns', creationTimestamp: iso(createdAt) },
    status: {
      conditions: [
        readyAt === undefined
          ? { type: 'Ready', status: 'False', lastTransitionTime: iso(createdAt) }
          : { type: 'Ready', status: 'True', lastTransitionTime: iso(readyAt) },
      ],
    },
  } as KubeObject;
}

function subjects(pods: KubeObject[], pvcs: KubeObject[] = [], clusterHealthy = true): EventSubjects {
  return {
    pod: (n) => pods.find((p) => p.metadata.name === n),
    pvc: (n) => pvcs.find((p) => p.metadata.name === n),
    clusterHealthy,
  };
}

describe('cluster events: what still matters', () => {
  const p0 = pod('ddb-ha-dn-0-0', 10);
  const p1 = pod('ddb-ha-dn-1-0', 12);

  it('a pod warning from before the pod became Ready is resolved; one after it is not', () => {
    const j = judgeEvents(
      [ev('old', 'Pod', 'ddb-ha-dn-0-0', 'Warning', 5), ev('new', 'Pod', 'ddb-ha-dn-0-0', 'Warning', 20)],
      subjects([p0, p1]),
      [p0, p1],
    );
    assert.deepEqual(
      j.map((x) => [x.event.metadata.name, x.resolved]),
      [
        ['new', false],
        ['old', true],
      ],
    );
  });

  it('compares by the second: conditions have whole seconds, events.k8s.io times microseconds', () => {
    const readyAt = T0 + 10 * 60_000;
    const e = ev('same-second', 'Pod', 'ddb-ha-dn-0-0', 'Warning', 0);
    delete (e as unknown as Record<string, unknown>).lastTimestamp;
    (e as unknown as Record<string, unknown>).eventTime = new Date(readyAt + 443).toISOString().replace('Z', '517Z');
    assert.equal(judgeEvents([e], subjects([p0]), [p0])[0].resolved, true);
    (e as unknown as Record<string, unknown>).eventTime = new Date(readyAt + 1000).toISOString();
    assert.equal(judgeEvents([e], subjects([p0]), [p0])[0].resolved, false, 'a second later it still matters');
  });

  it('a warning about a pod that is not Ready stays; one about a pod that is gone is resolved', () => {
    const sick = pod('ddb-ha-dn-0-0', undefined);
    const j = judgeEvents(
      [ev('sick', 'Pod', 'ddb-ha-dn-0-0', 'Warning', 5), ev('gone', 'Pod', 'ddb-ha-dn-9-0', 'Warning', 6)],
      subjects([sick]),
      [sick],
    );
    assert.deepEqual(Object.fromEntries(j.map((x) => [x.event.metadata.name, x.resolved])), { sick: false, gone: true });
  });

  it('a volume warning is resolved once the claim is Bound', () => {
    const bound = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data-x' }, status: { phase: 'Bound' } };
    const pending = { ...bound, metadata: { name: 'data-y' }, status: { phase: 'Pending' } };
    const j = judgeEvents(
      [ev('b', 'PersistentVolumeClaim', 'data-x', 'Warning', 1), ev('p', 'PersistentVolumeClaim', 'data-y', 'Warning', 1)],
      subjects([], [bound as KubeObject, pending as KubeObject]),
      [],
    );
    assert.deepEqual(Object.fromEntries(j.map((x) => [x.event.metadata.name, x.resolved])), { b: true, p: false });
  });

  it('cluster and StatefulSet warnings are resolved only when the cluster is healthy and every pod became Ready after them', () => {
    const events = [ev('early', 'DolphinDB', 'ha', 'Warning', 3), ev('late', 'StatefulSet', 'ddb-ha-dn-0', 'Warning', 11)];
    const healthy = judgeEvents(events, subjects([p0, p1]), [p0, p1]);
    assert.deepEqual(Object.fromEntries(healthy.map((x) => [x.event.metadata.name, x.resolved])), { early: true, late: true });
    const sick = judgeEvents(events, subjects([p0, p1], [], false), [p0, p1]);
    assert.ok(
      sick.every((x) => !x.resolved),
      'an unhealthy cluster keeps its warnings',
    );
    const notAllReady = judgeEvents(events, subjects([p0]), [p0, pod('ddb-ha-dn-1-0', undefined)]);
    assert.ok(
      notAllReady.every((x) => !x.resolved),
      'a pod not Ready keeps them',
    );
    const after = judgeEvents([ev('after', 'DolphinDB', 'ha', 'Warning', 30)], subjects([p0, p1]), [p0, p1]);
    assert.equal(after[0].resolved, false, 'a warning after the last Ready transition still matters');
  });

  it('orders live warnings first, then the rest newest first', () => {
    const j = judgeEvents(
      [
        ev('n1', 'Pod', 'ddb-ha-dn-0-0', 'Normal', 1),
        ev('w-resolved', 'Pod', 'ddb-ha-dn-0-0', 'Warning', 2),
        ev('n2', 'Pod', 'ddb-ha-dn-0-0', 'Normal', 30),
        ev('w-live', 'Pod', 'ddb-ha-dn-0-0', 'Warning', 25),
      ],
      subjects([p0]),
      [p0],
    );
    assert.deepEqual(
      j.map((x) => x.event.metadata.name),
      ['w-live', 'n2', 'w-resolved', 'n1'],
    );
  });
});

describe('cluster events: the group and its rows', () => {
  const p0 = pod('ddb-ha-dn-0-0', 10);

  it('counts exactly the rows it lists, also beyond the listing limit', () => {
    const many = Array.from({ length: MAX_EVENTS + 30 }, (_, i) => ev(`e${i}`, 'Pod', 'ddb-ha-dn-0-0', 'Normal', i));
    const j = judgeEvents(many, subjects([p0]), [p0]);
    const rows = eventNodes(at, j, t);
    assert.equal(rows.length, MAX_EVENTS);
    assert.equal(eventsGroup(at, j, t).description, String(rows.length));
    const few = judgeEvents(many.slice(0, 11), subjects([p0]), [p0]);
    assert.equal(eventsGroup(at, few, t).description, '11');
    assert.equal(eventNodes(at, few, t).length, 11);
  });

  it('a healthy cluster with only old provisioning warnings shows no warning icon; the rows say resolved', () => {
    const j = judgeEvents(
      [
        ev('fs', 'Pod', 'ddb-ha-dn-0-0', 'Warning', 1, 'FailedScheduling'),
        ev('ok', 'Pod', 'ddb-ha-dn-0-0', 'Normal', 2, 'Started'),
      ],
      subjects([p0]),
      [p0],
    );
    const g = eventsGroup(at, j, t);
    assert.deepEqual([g.icon, g.tone, g.description], ['history', undefined, '2']);
    const rows = eventNodes(at, j, t, T0 + 60 * 60_000);
    const fs = rows.find((r) => /FailedScheduling/.test(r.label));
    assert.ok(fs);
    assert.deepEqual([fs.icon, fs.tone], ['resolved', 'muted']);
    assert.match(fs.description ?? '', /^resolved · 59m · FailedScheduling happened$/);
  });

  it('a live warning makes the group a warning and its row a warning', () => {
    const j = judgeEvents([ev('bo', 'Pod', 'ddb-ha-dn-0-0', 'Warning', 30, 'BackOff')], subjects([p0]), [p0]);
    const g = eventsGroup(at, j, t);
    assert.deepEqual([g.icon, g.tone, g.description], ['warning', 'warning', '1 · 1 warnings']);
    assert.deepEqual([eventNodes(at, j, t)[0].icon, eventNodes(at, j, t)[0].tone], ['warning', 'warning']);
  });

  it('a row leads with the object, then the reason', () => {
    const j = judgeEvents([ev('x', 'StatefulSet', 'ddb-ha-dn-0', 'Normal', 1, 'SuccessfulCreate')], subjects([]), []);
    assert.equal(eventNodes(at, j, t)[0].label, 'statefulset/ddb-ha-dn-0 · SuccessfulCreate');
  });
});
