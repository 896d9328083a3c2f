// The pure parts of the cluster operations: version, scale, configure, instance and volume
// rules, restart order, and the texts a user sees.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { english as t } from '../../../src/core/i18n/translate';
import { FALLBACK_VERSIONS_V1_1_7 } from '../../../src/core/dolphindb/versions';
import type { DolphinDBSpec } from '../../../src/core/dolphindb/types';
import type { ClusterObject } from '../../../src/core/operations/cluster';
import { expectedInstances } from '../../../src/core/operations/cluster';
import { checkConfigure } from '../../../src/core/operations/configure';
import { corePatternInstructions } from '../../../src/core/operations/coredump';
import { checkInstanceAction } from '../../../src/core/operations/instances';
import { licenseScrubber } from '../../../src/core/operations/licenseFile';
import { summarizePatch } from '../../../src/core/operations/patchCluster';
import { restartOrder } from '../../../src/core/operations/restart';
import { describeRolling } from '../../../src/core/operations/rolling';
import { checkScale } from '../../../src/core/operations/scale';
import { checkTargetVersion, imageTag, imageTagsFor } from '../../../src/core/operations/upgrade';
import { checkAddVolume } from '../../../src/core/operations/volumes';

const V = FALLBACK_VERSIONS_V1_1_7;
const multi = (): DolphinDBSpec => ({
  mode: 'cluster',
  clusterType: 'multicontroller',
  version: 'v2.00.14',
  controller: { replicas: 3, clusterConfig: { maxMemSize: '1' } },
  datanode: {
    replicas: 2,
    config: { subPort: '8000' },
    resources: { limits: { cpu: '2', memory: '4Gi' }, requests: { cpu: '1', memory: '2Gi' } },
  },
  computenode: { replicas: 1 },
});
const single = (): DolphinDBSpec => ({
  mode: 'cluster',
  clusterType: 'singlecontroller',
  version: 'v2.00.14',
  controller: { replicas: 1 },
  datanode: { replicas: 2 },
});
const solo = (): DolphinDBSpec => ({ mode: 'standalone', version: 'v2.00.16', datanode: { replicas: 1 } });
const clusterObj = (spec: DolphinDBSpec, name = 'ha'): ClusterObject => ({
  ref: { namespace: 'ns', name },
  resourceVersion: '1',
  uid: 'u',
  spec,
  status: {},
  deleting: false,
});

describe('upgrade target rules', () => {
  it('accepts a listed version and warns on downgrade', () => {
    assert.deepEqual(checkTargetVersion(t, 'v2.00.14', 'v2.00.16', V).errors, []);
    const down = checkTargetVersion(t, 'v2.00.14', 'v2.00.10', V);
    assert.deepEqual(down.errors, []);
    assert.equal(down.downgrade, true);
    assert.match(down.warnings.join(), /downgrade/);
  });
  it('refuses unknown and malformed versions', () => {
    const u = checkTargetVersion(t, 'v2.00.14', 'v2.00.99', V);
    assert.equal(u.errorKind, 'unsupported');
    assert.match(u.errors.join(), /not supported by the installed suite/);
    assert.equal(checkTargetVersion(t, 'v2.00.14', '2.00.16', V).errorKind, 'invalid');
    assert.equal(checkTargetVersion(t, 'v2.00.14', 'v2.00.16; rm -rf /', V).errorKind, 'invalid');
  });
  it('refuses a version without license-server support when the cluster uses one', () => {
    assert.match(checkTargetVersion(t, 'v2.00.10', 'v2.00.8', V, '10.0.0.1:8900').errors.join(), /license server/);
    assert.deepEqual(checkTargetVersion(t, 'v2.00.10', 'v2.00.8', V, 'None').errors, []);
  });
  it('warns on a major version change', () => {
    assert.match(checkTargetVersion(t, 'v2.00.16', 'v3.00.3', V).warnings.join(), /major version/);
  });
  it('image tags, including the env-config image mapping', () => {
    assert.equal(imageTag('dolphindb/dolphindb:v2.00.16'), 'v2.00.16');
    assert.equal(imageTag('reg:5000/dolphindb/dolphindb:v2.00.4-patch3@sha256:abc'), 'v2.00.4-patch3');
    assert.equal(imageTag('reg:5000/dolphindb/dolphindb'), undefined);
    assert.deepEqual(imageTagsFor('v2.00.4', { version: 'v2.00.4', image: 'v2.00.4-patch3' }), ['v2.00.4', 'v2.00.4-patch3']);
  });
});

describe('scale rules', () => {
  it('multicontroller: at least 3, even numbers warned', () => {
    assert.match(checkScale(t, multi(), 'controller', 2).errors.join(), /DDB-E006/);
    assert.match(checkScale(t, multi(), 'controller', 4).warnings.join(), /DDB-W006/);
    assert.deepEqual(checkScale(t, multi(), 'controller', 5).errors, []);
  });
  it('singlecontroller: exactly one', () => {
    assert.match(checkScale(t, single(), 'controller', 2).errors.join(), /DDB-E005/);
    assert.deepEqual(checkScale(t, single(), 'controller', 1).errors, []);
  });
  it('standalone: exactly one datanode and nothing else', () => {
    assert.match(checkScale(t, solo(), 'datanode', 2).errors.join(), /exactly one datanode/);
    assert.match(checkScale(t, solo(), 'computenode', 1).errors.join(), /no computenode/);
    assert.deepEqual(checkScale(t, solo(), 'datanode', 1).errors, []);
  });
  it('datanode >= 1, computenode >= 0, whole numbers only', () => {
    assert.match(checkScale(t, multi(), 'datanode', 0).errors.join(), /DDB-E021/);
    assert.deepEqual(checkScale(t, multi(), 'computenode', 0).errors, []);
    assert.ok(checkScale(t, multi(), 'datanode', 1.5).errors.length > 0);
    assert.ok(checkScale(t, multi(), 'datanode', -1).errors.length > 0);
    assert.ok(checkScale(t, multi(), 'datanode', 1000).errors.length > 0);
    assert.ok(checkScale(t, multi(), 'agent' as never, 1).errors.length > 0);
  });
  it('scale-in and a new computenode block come with warnings', () => {
    assert.match(checkScale(t, multi(), 'datanode', 1).warnings.join(), /Datanodes hold data/);
    assert.match(checkScale(t, single(), 'computenode', 2).warnings.join(), /no computenode section/);
  });
});

describe('configure rules', () => {
  it('builds a merge patch of only what changes, null removes', () => {
    const c = checkConfigure(t, multi(), {
      clusterConfig: { maxMemSize: '2', OLAPCacheEngineSize: '1' },
      config: { datanode: { subPort: null } },
    });
    assert.deepEqual(c.errors, []);
    assert.deepEqual(c.patch, {
      controller: { clusterConfig: { maxMemSize: '2', OLAPCacheEngineSize: '1' } },
      datanode: { config: { subPort: null } },
    });
    assert.equal(c.changes.length, 3);
    assert.match(c.warnings.join(), /restarts every instance/);
    assert.deepEqual(c.restarts.sort(), ['computenode', 'controller', 'datanode']);
  });
  it('rejects line breaks, non-strings and bad keys', () => {
    assert.match(checkConfigure(t, multi(), { clusterConfig: { maxMemSize: '1\nlocalSite=evil' } }).errors.join(), /line break/);
    assert.match(
      checkConfigure(t, multi(), { clusterConfig: { maxMemSize: 2 as unknown as string } }).errors.join(),
      /must be a string/,
    );
    assert.ok(checkConfigure(t, multi(), { clusterConfig: { 'bad key=x': '1' } }).errors.length > 0);
    assert.deepEqual(
      checkConfigure(t, multi(), { clusterConfig: { maxMemSize: '1\nx' } }).patch,
      {},
      'no patch when anything is invalid',
    );
  });
  it('controller config only in cluster mode; unknown roles refused', () => {
    assert.ok(checkConfigure(t, solo(), { controllerConfig: { a: '1' } }).errors.length > 0);
    assert.ok(checkConfigure(t, single(), { config: { computenode: { a: '1' } } }).errors.length > 0);
    assert.ok(checkConfigure(t, multi(), { config: { controller: { a: '1' } } as never }).errors.length > 0);
    assert.ok(checkConfigure(t, multi(), { bogus: 1 } as never).errors.length > 0);
  });
  it('resources: valid quantities and limits >= requests after the change', () => {
    const ok = checkConfigure(t, multi(), { resources: { datanode: { limits: { memory: '8Gi' } } } });
    assert.deepEqual(ok.errors, []);
    assert.deepEqual(ok.restarts, ['datanode']);
    assert.match(checkConfigure(t, multi(), { resources: { datanode: { requests: { cpu: '3' } } } }).errors.join(), /DDB-E010/);
    assert.match(
      checkConfigure(t, multi(), { resources: { datanode: { limits: { memory: '10GB' } } } }).errors.join(),
      /DDB-E011/,
    );
  });
  it('logMode and no-op changes', () => {
    assert.ok(checkConfigure(t, multi(), { logMode: 3 as never }).errors.length > 0);
    assert.match(checkConfigure(t, multi(), { logMode: 1 }).warnings.join(), /Loki/);
    assert.deepEqual(checkConfigure(t, multi(), { clusterConfig: { maxMemSize: '1' } }).changes, []);
  });
});

describe('instances, restart order, volumes', () => {
  it('pause, resume and per-instance Service patches', () => {
    const c = clusterObj(multi());
    const p = checkInstanceAction(t, c, { role: 'datanode', index: 1 }, 'pause');
    assert.deepEqual(p.patch, { datanode: { instances: { '1': { paused: true } } } });
    assert.equal(checkInstanceAction(t, c, { role: 'datanode', index: 2 }, 'pause').error !== undefined, true);
    assert.deepEqual(
      checkInstanceAction(t, c, { role: 'datanode', index: 0 }, 'resume').changes,
      [],
      'not paused: nothing to do',
    );
    assert.deepEqual(checkInstanceAction(t, c, { role: 'computenode', index: 0 }, 'addService').patch, {
      computenode: { instances: { '0': { service: {} } } },
    });
    assert.doesNotMatch(
      checkInstanceAction(t, c, { role: 'controller', index: 0 }, 'pause').warnings.join(),
      /quorum/,
      '3 controllers tolerate one',
    );
    const onePaused = clusterObj({ ...multi(), controller: { replicas: 3, instances: { '0': { paused: true } } } });
    assert.match(checkInstanceAction(t, onePaused, { role: 'controller', index: 1 }, 'pause').warnings.join(), /quorum/);
    const paused = clusterObj({ ...multi(), datanode: { replicas: 2, instances: { '1': { paused: true, service: {} } } } });
    assert.deepEqual(checkInstanceAction(t, paused, { role: 'datanode', index: 1 }, 'resume').patch, {
      datanode: { instances: { '1': { paused: null } } },
    });
    assert.deepEqual(checkInstanceAction(t, paused, { role: 'datanode', index: 1 }, 'removeService').patch, {
      datanode: { instances: { '1': { service: null } } },
    });
    assert.deepEqual(
      expectedInstances(paused.spec).filter((i) => i.paused),
      [{ role: 'datanode', index: 1, paused: true }],
    );
  });
  it('restarts controllers first with the leader last, then datanodes and computenodes', () => {
    const pods = ['ddb-x-dn-0-0', 'ddb-x-cn-0-0', 'ddb-x-ctr-1-0', 'ddb-x-ctr-0-0', 'ddb-x-ctr-2-0', 'ddb-x-dn-1-0'].map(
      (name) => {
        const m = /-(ctr|dn|cn)-(\d+)-0$/.exec(name) ?? [];
        return {
          name,
          role: ({ ctr: 'controller', dn: 'datanode', cn: 'computenode' } as const)[m[1] as 'ctr'],
          index: Number(m[2]),
        };
      },
    );
    assert.deepEqual(
      restartOrder(pods, 'ddb-x-ctr-0-0').map((p) => p.name),
      ['ddb-x-ctr-1-0', 'ddb-x-ctr-2-0', 'ddb-x-ctr-0-0', 'ddb-x-dn-0-0', 'ddb-x-dn-1-0', 'ddb-x-cn-0-0'],
    );
  });
  it('volumes: the mount comes with its volume, existing lists are kept', () => {
    const spec: DolphinDBSpec = {
      ...multi(),
      datanode: {
        replicas: 2,
        volumes: [{ name: 'old', hostPath: { path: '/old' } }],
        volumeMounts: [{ name: 'old', mountPath: '/old' }],
      },
    };
    const c = checkAddVolume(
      t,
      clusterObj(spec),
      { role: 'datanode', name: 'extra', source: { kind: 'hostPath', path: '/mnt/extra' }, mountPath: '/extra' },
      false,
    );
    assert.deepEqual(c.errors, []);
    assert.deepEqual(c.patch, {
      datanode: {
        volumes: [
          { name: 'old', hostPath: { path: '/old' } },
          { name: 'extra', hostPath: { path: '/mnt/extra' } },
        ],
        volumeMounts: [
          { name: 'old', mountPath: '/old' },
          { name: 'extra', mountPath: '/extra' },
        ],
      },
    });
    assert.equal(c.affected.length, 2);
    const inst = checkAddVolume(
      t,
      clusterObj(spec),
      {
        role: 'datanode',
        index: 1,
        name: 'pv',
        source: { kind: 'pvc', claimName: 'my-pvc', create: { size: '1Gi', storageClassName: 'standard' } },
        mountPath: '/pv',
      },
      false,
    );
    assert.deepEqual(inst.errors, []);
    assert.deepEqual(inst.patch, {
      datanode: {
        instances: {
          '1': {
            volumes: [{ name: 'pv', persistentVolumeClaim: { claimName: 'my-pvc' } }],
            volumeMounts: [{ name: 'pv', mountPath: '/pv' }],
          },
        },
      },
    });
    assert.match(inst.changes[0], /Create PVC my-pvc/);
  });
  it('volumes: reserved names, overlapping mounts, duplicates, missing PVCs', () => {
    const c = clusterObj({
      ...multi(),
      datanode: {
        replicas: 2,
        volumes: [{ name: 'old', hostPath: { path: '/old' } }],
        volumeMounts: [{ name: 'old', mountPath: '/old' }],
      },
    });
    const err = (req: Parameters<typeof checkAddVolume>[2], exists = false): string =>
      checkAddVolume(t, c, req, exists).errors.join(' ');
    assert.match(
      err({ role: 'datanode', name: 'data', source: { kind: 'hostPath', path: '/x' }, mountPath: '/x' }),
      /used by the operator/,
    );
    assert.match(
      err({
        role: 'datanode',
        name: 'v',
        source: { kind: 'hostPath', path: '/x' },
        mountPath: '/data/ddb/server/clusterDemo/data',
      }),
      /overlaps/,
    );
    assert.match(
      err({ role: 'datanode', name: 'old', source: { kind: 'hostPath', path: '/x' }, mountPath: '/y' }),
      /already exists/,
    );
    assert.match(
      err({ role: 'datanode', name: 'v', source: { kind: 'hostPath', path: '/x' }, mountPath: '/old' }),
      /already mounted/,
    );
    assert.match(
      err({ role: 'datanode', name: 'v', source: { kind: 'pvc', claimName: 'nope' }, mountPath: '/y' }),
      /does not exist/,
    );
    assert.equal(err({ role: 'datanode', name: 'v', source: { kind: 'pvc', claimName: 'there' }, mountPath: '/y' }, true), '');
    assert.match(
      err({ role: 'datanode', name: 'V_1', source: { kind: 'hostPath', path: 'rel' }, mountPath: 'rel' }),
      /not a valid Kubernetes name.*absolute path/,
    );
    assert.match(
      checkAddVolume(
        t,
        c,
        { role: 'datanode', name: 'v', source: { kind: 'pvc', claimName: 'p', create: { size: '1Gi' } }, mountPath: '/y' },
        false,
      ).warnings.join(),
      /ReadWriteOnce/,
    );
  });
});

describe('texts', () => {
  it('core_pattern instructions', () => {
    const lines = corePatternInstructions(t, '/data/ddb/core/');
    assert.ok(lines.includes('echo "/data/ddb/core/core.%p" | sudo tee /proc/sys/kernel/core_pattern'));
    assert.ok(lines.some((l) => l.includes('kernel.core_pattern=/data/ddb/core/core.%p')));
  });
  it('license scrubber removes header and signature lines only', () => {
    const s = licenseScrubber(
      '2042.01.01,8,2,3,Example Trial User,0,-1,,1\nUvImZaYMEtKJGF2VDuiBNgkWb2sRPReNbA/TkB/yOaGglfIPk5VlDPk4C47bIkpr\n',
    );
    assert.equal(s('Error: UvImZaYMEtKJGF2VDuiBNgkWb2sRPReNbA/TkB/yOaGglfIPk5VlDPk4C47bIkpr'), '[license content redacted]');
    assert.equal(s('STATUS: deployed'), 'STATUS: deployed');
  });
  it('rolling report and patch summary', () => {
    assert.equal(
      describeRolling(t, { restarted: ['a'], unfinished: 'b', pending: ['c', 'd'], durationsMs: {} }),
      'Restarted and Ready: a. Restarted but not Ready: b. Not restarted: c, d.',
    );
    assert.equal(
      summarizePatch({ datanode: { replicas: 3 }, version: 'v2.00.16' }),
      'spec.datanode.replicas=3, spec.version="v2.00.16"',
    );
  });
});
