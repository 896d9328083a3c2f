// Unit tests of the SIMULATED DolphinDB operator: status computation and license check.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ANNOTATION_CONFIG_HASH } from './constants.js';
import { desiredState } from './desired.js';
import { dialectFor } from './dialect.js';
import type { SimSpec } from './spec.js';
import { checkLicense, computeStatus, describeNotReady, formatContainerState, type LicenseCheck } from './status.js';
import { EXAMPLES, cr, loadExample, podFor, specOf } from './testutil.js';

const OK: LicenseCheck = { valid: true };

function cluster(name: string, spec: SimSpec) {
  const d = desiredState({
    name,
    namespace: 'dolphindb',
    uid: 'u',
    spec,
    license: 'L',
    leaderIndex: 0,
    suiteVersion: 'v1.1.7',
    serviceType: 'NodePort',
  });
  return { d, pods: d.statefulSets.filter((s) => s.spec?.replicas === 1).map((s) => podFor(s)) };
}

describe('formatContainerState', () => {
  it('prints the observed Go text for a waiting container', () => {
    assert.equal(
      formatContainerState({ waiting: { reason: 'PodInitializing', message: '' } }),
      '&ContainerState{Waiting:&ContainerStateWaiting{Reason:PodInitializing,Message:,},Running:nil,Terminated:nil,}',
    );
  });
  it('prints running and terminated states', () => {
    assert.equal(
      formatContainerState({ running: { startedAt: new Date('2025-03-04T08:15:22Z') } }),
      '&ContainerState{Waiting:nil,Running:&ContainerStateRunning{StartedAt:2025-03-04 08:15:22 +0000 UTC,},Terminated:nil,}',
    );
    assert.match(
      formatContainerState({ terminated: { exitCode: 137, reason: 'OOMKilled' } }),
      /^&ContainerState\{Waiting:nil,Running:nil,Terminated:&ContainerStateTerminated\{ExitCode:137,Signal:0,Reason:OOMKilled,Message:,/,
    );
  });
  it('describes missing and unschedulable pods', () => {
    assert.match(
      describeNotReady(undefined, 'ddb-x-dn-0-0'),
      /Reason:ContainerCreating,Message:pod ddb-x-dn-0-0 does not exist yet,/,
    );
    assert.match(
      describeNotReady(
        {
          metadata: { name: 'p' },
          status: {
            phase: 'Pending',
            conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available' }],
          },
        },
        'p',
      ),
      /Reason:Unschedulable,Message:0\/1 nodes are available,/,
    );
  });
});

describe('computeStatus', () => {
  it('all pods Ready with the current hash: Available, same shape as the observed sample', () => {
    const spec = specOf(loadExample('valid/03-multicontroller-ha-3ctr-3dn.yaml'));
    const { d, pods } = cluster('ha', spec);
    const { status, leaderIndex } = computeStatus({ name: 'ha', spec, pods, configHash: d.configHash, license: OK });
    const sample = loadExample('status/status-available-multicontroller.yaml') as { status: Record<string, unknown> };
    assert.deepEqual(status, {
      ...sample.status,
      controllerStatus: { ...(sample.status.controllerStatus as object), masterInstance: 'ddb-ha-ctr-0-0' },
    });
    assert.equal(leaderIndex, 0);
  });

  it('standalone matches the observed sample', () => {
    const spec = specOf(loadExample('valid/01-standalone.yaml'));
    const { d, pods } = cluster('solo', spec);
    const { status } = computeStatus({ name: 'solo', spec, pods, configHash: d.configHash, license: OK });
    assert.deepEqual(status, (loadExample('status/status-available-standalone.yaml') as { status: unknown }).status);
  });

  it('during an upgrade: old-hash and initialising pods make roles Progressing, as in the sample', () => {
    const spec = specOf(loadExample('valid/02-singlecontroller.yaml'));
    const { d, pods } = cluster('sc1', spec);
    const byName = new Map(d.statefulSets.map((s) => [s.metadata?.name, s]));
    const mixed = [
      pods[0], // ctr-0 ready
      pods[1], // dn-0 ready
      podFor(byName.get('ddb-sc1-dn-1')!, false),
      podFor(byName.get('ddb-sc1-cn-0')!, false),
    ];
    const { status } = computeStatus({ name: 'sc1', spec, pods: mixed, configHash: d.configHash, license: OK });
    const sample = (loadExample('status/status-progressing-upgrade.yaml') as { status: Record<string, unknown> }).status;
    assert.deepEqual(status, {
      ...sample,
      controllerStatus: { ...(sample.controllerStatus as object), masterInstance: 'ddb-sc1-ctr-0-0' },
    });

    const stale = pods.map((p, i) =>
      i === 1 ? { ...p, metadata: { ...p.metadata, annotations: { [ANNOTATION_CONFIG_HASH]: 'old' } } } : p,
    );
    const r2 = computeStatus({ name: 'sc1', spec, pods: stale, configHash: d.configHash, license: OK }).status;
    assert.equal(r2.phase, 'Progressing');
    assert.equal(r2.datanodeStatus?.readyReplicas, 1);
    assert.equal(r2.datanodeStatus?.currentReplicas, 2);
    assert.match(r2.datanodeStatus?.instanceStatus['ddb-sc1-dn-0'].message ?? '', /Running:&ContainerStateRunning/);
  });

  it('missing pods lower currentReplicas; master is the lowest-index Ready controller', () => {
    const spec = specOf(loadExample('valid/03-multicontroller-ha-3ctr-3dn.yaml'));
    const { d, pods } = cluster('ha', spec);
    const without = pods.filter((p) => p.metadata?.name !== 'ddb-ha-ctr-0-0');
    const { status, leaderIndex } = computeStatus({ name: 'ha', spec, pods: without, configHash: d.configHash, license: OK });
    assert.equal(leaderIndex, 1);
    assert.equal(status.controllerStatus?.masterInstance, 'ddb-ha-ctr-1-0');
    assert.equal(status.controllerStatus?.currentReplicas, 2);
    assert.equal(status.controllerStatus?.phase, 'Progressing');
    assert.equal(status.phase, 'Progressing');
    const none = computeStatus({ name: 'ha', spec, pods: [], configHash: d.configHash, license: OK });
    assert.equal(none.leaderIndex, undefined);
    assert.equal(none.status.controllerStatus?.masterInstance, undefined);
    const terminating = pods.map((p) => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: new Date() } }));
    assert.equal(
      computeStatus({ name: 'ha', spec, pods: terminating, configHash: d.configHash, license: OK }).status.datanodeStatus
        ?.currentReplicas,
      0,
    );
  });

  it('a paused instance is reported as Paused and does not block Available', () => {
    const spec = specOf(loadExample('valid/04-instance-services-and-volumes.yaml'));
    const { d, pods } = cluster('lake', spec);
    const { status } = computeStatus({ name: 'lake', spec, pods, configHash: d.configHash, license: OK });
    assert.equal(status.phase, 'Available');
    assert.deepEqual(status.computenodeStatus, {
      phase: 'Ready',
      replicas: 2,
      currentReplicas: 1,
      readyReplicas: 1,
      instanceStatus: {
        'ddb-lake-cn-0': { phase: 'Ready' },
        'ddb-lake-cn-1': { phase: 'Paused', message: 'instance is paused' },
      },
    });
  });

  it('strict dialect: no invented Paused phase, no masterInstance with one controller', () => {
    const strict = dialectFor('strict');
    const lake = specOf(loadExample('valid/04-instance-services-and-volumes.yaml'));
    const l = desiredState({
      name: 'lake',
      namespace: 'dolphindb',
      uid: 'u',
      spec: lake,
      license: 'L',
      leaderIndex: 0,
      suiteVersion: 'v1.1.7',
      serviceType: 'NodePort',
      dialect: strict,
    });
    const lakePods = l.statefulSets.filter((s) => s.spec?.replicas === 1).map((s) => podFor(s));
    const st = computeStatus({
      name: 'lake',
      spec: lake,
      pods: lakePods,
      configHash: l.configHash,
      license: OK,
      dialect: strict,
    }).status;
    assert.equal(st.phase, 'Available');
    assert.deepEqual(st.computenodeStatus?.instanceStatus, { 'ddb-lake-cn-0': { phase: 'Ready' } });
    const sc = specOf(
      cr('sc1', {
        mode: 'cluster',
        clusterType: 'singlecontroller',
        version: 'v2.00.16',
        controller: { replicas: 1 },
        datanode: { replicas: 1 },
      }),
    );
    const s = desiredState({
      name: 'sc1',
      namespace: 'dolphindb',
      uid: 'u',
      spec: sc,
      license: 'L',
      leaderIndex: 0,
      suiteVersion: 'v1.1.7',
      serviceType: 'NodePort',
      dialect: strict,
    });
    const r = computeStatus({
      name: 'sc1',
      spec: sc,
      pods: s.statefulSets.map((x) => podFor(x)),
      configHash: s.configHash,
      license: OK,
      dialect: strict,
    });
    assert.equal(r.status.phase, 'Available');
    assert.equal(r.status.controllerStatus?.masterInstance, undefined);
    assert.equal(r.leaderIndex, 0);
  });

  it('an invalid license keeps everything Progressing with the documented symptom text', () => {
    const spec = specOf(
      cr('t3', {
        mode: 'cluster',
        clusterType: 'singlecontroller',
        version: 'v2.00.16',
        controller: { replicas: 1 },
        datanode: { replicas: 1 },
      }),
    );
    const { d, pods } = cluster('t3', spec);
    const { status } = computeStatus({
      name: 't3',
      spec,
      pods,
      configHash: d.configHash,
      license: { valid: false, reason: 'malformed' },
    });
    assert.equal(status.phase, 'Progressing');
    assert.equal(status.controllerStatus?.phase, 'Progressing');
    assert.equal(status.controllerStatus?.message, 'persistentvolumeclaim "log-ddb-t3-ctr-0-0" not found');
    assert.equal(status.datanodeStatus?.message, 'persistentvolumeclaim "log-ddb-t3-dn-0-0" not found');
  });
});

describe('checkLicense', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('classifies the synthetic fixtures', () => {
    const lic = (f: string) => readFileSync(join(EXAMPLES, 'licenses', f), 'utf8');
    assert.deepEqual(checkLicense(lic('fake-valid-2042.lic'), now), { valid: true });
    assert.deepEqual(checkLicense(lic('fake-expired-2021.lic'), now), { valid: false, reason: 'expired' });
    assert.deepEqual(checkLicense(lic('fake-malformed-header.lic'), now), { valid: false, reason: 'malformed' });
    assert.deepEqual(checkLicense(lic('fake-empty.lic'), now), { valid: false, reason: 'empty' });
    assert.equal(checkLicense(lic('fake-binary.lic'), now).valid, false);
  });
  it('handles absent, blank and header-less text', () => {
    assert.equal(checkLicense(undefined, now).valid, false);
    assert.equal(checkLicense('  \n', now).valid, false);
    assert.equal(checkLicense('abc\ndef', now).valid, false);
    assert.equal(checkLicense('2042.01.01,8,2,3,x\r\nAAAA', now).valid, true);
    assert.equal(checkLicense('someheader,without,date\nAAAA', now).valid, true);
  });
});
