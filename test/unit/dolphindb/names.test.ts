import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  DDB_API_VERSION,
  DDB_CRD_NAME,
  LABELS,
  clusterLabelSelector,
  clusterPodRegExp,
  clusterPvcRegExp,
  configMapName,
  clusterNamePrefix,
  clusterOfName,
  configRefresherPodRegExp,
  controllerInnerServiceName,
  isClusterObjectName,
  licenseBackupConfigMapName,
  parseRole,
  escapeRegExp,
  instanceServiceName,
  parseInstanceName,
  parsePodName,
  podName,
  pvcName,
  pvcNames,
  roleAbbrev,
  roleFromAbbrev,
  roleServiceName,
  roleStatusKey,
  serviceManagerName,
  serviceManagerPodRegExp,
  statefulSetName,
} from '../../../src/core/dolphindb/names';

describe('child resource names (docs/domain.md §4.1)', () => {
  it('names StatefulSets, pods and per-instance Services', () => {
    assert.equal(statefulSetName('test', 'datanode', 1), 'ddb-test-dn-1');
    assert.equal(podName('test', 'controller', 2), 'ddb-test-ctr-2-0');
    assert.equal(podName('test', 'computenode', 0), 'ddb-test-cn-0-0');
    assert.equal(instanceServiceName('test', 'datanode', 0), 'ddb-test-dn-0');
  });
  it('names role Services, the ConfigMap, svc-mgr', () => {
    assert.equal(roleServiceName('test', 'controller'), 'ddb-test-ctr');
    assert.equal(roleServiceName('test', 'datanode'), 'ddb-test-dn');
    assert.equal(roleServiceName('test', 'computenode'), 'ddb-test-cn');
    assert.equal(controllerInnerServiceName('test'), 'ddb-test-ctr-inner');
    assert.equal(configMapName('test1'), 'ddb-test1');
    assert.equal(serviceManagerName('test'), 'ddb-test-svc-mgr');
  });
  it('names PVCs', () => {
    assert.equal(pvcName('data', 'ddb-xzq-dn-0-0'), 'data-ddb-xzq-dn-0-0');
    assert.deepEqual(pvcNames('ddb-t-ctr-0-0'), ['data-ddb-t-ctr-0-0', 'log-ddb-t-ctr-0-0', 'core-ddb-t-ctr-0-0']);
    assert.deepEqual(pvcNames('ddb-t-ctr-0-0', false), ['data-ddb-t-ctr-0-0', 'log-ddb-t-ctr-0-0']);
  });
  it('maps roles and abbreviations both ways', () => {
    assert.equal(roleAbbrev('controller'), 'ctr');
    assert.equal(roleAbbrev('datanode'), 'dn');
    assert.equal(roleAbbrev('computenode'), 'cn');
    assert.equal(roleFromAbbrev('cn'), 'computenode');
    assert.equal(roleFromAbbrev('crt'), undefined);
    assert.equal(roleFromAbbrev('toString'), undefined);
    assert.equal(roleStatusKey('datanode'), 'datanodeStatus');
  });
});

describe('exact matching', () => {
  it("matches only the cluster's own pods, not a prefix-sharing cluster", () => {
    const re = clusterPodRegExp('test');
    assert.ok(re.test('ddb-test-dn-0-0'));
    assert.ok(re.test('ddb-test-ctr-12-0'));
    assert.ok(!re.test('ddb-test2-dn-0-0'));
    assert.ok(!re.test('ddb-test-dn-0-1'));
    assert.ok(!re.test('ddb-test-svc-mgr-89666f687-8bk2j'));
    assert.ok(!re.test('xddb-test-dn-0-0'));
    assert.ok(!re.test('ddb-test-crt-0-0'));
  });
  it('does not confuse cluster a with a-dn-0', () => {
    assert.ok(!clusterPodRegExp('a').test('ddb-a-dn-0-dn-1-0'));
    assert.ok(clusterPodRegExp('a-dn-0').test('ddb-a-dn-0-dn-1-0'));
  });
  it('escapes regex characters in names', () => {
    assert.equal(escapeRegExp('a.b*c'), 'a\\.b\\*c');
    assert.ok(!clusterPodRegExp('a.b').test('ddb-aXb-dn-0-0'));
  });
  it('matches svc-mgr, config-refresher pods and PVCs', () => {
    assert.ok(serviceManagerPodRegExp('test').test('ddb-test-svc-mgr-89666f687-8bk2j'));
    assert.ok(!serviceManagerPodRegExp('test').test('ddb-test6-svc-mgr-89666f687-8bk2j'));
    assert.ok(configRefresherPodRegExp('test').test('ddb-test-config-refresher-d4zdz'));
    assert.ok(clusterPvcRegExp('xzq').test('core-ddb-xzq-cn-2-0'));
    assert.ok(!clusterPvcRegExp('xzq').test('core-ddb-xzq2-cn-2-0'));
    assert.ok(!clusterPvcRegExp('xzq').test('extra-data-dn0'));
  });
});

describe('parsing names', () => {
  it('parses pod and instance names of exactly one cluster', () => {
    assert.deepEqual(parsePodName('ha', 'ddb-ha-ctr-1-0'), { role: 'controller', abbrev: 'ctr', index: 1 });
    assert.deepEqual(parsePodName('a-dn-0', 'ddb-a-dn-0-dn-10-0'), { role: 'datanode', abbrev: 'dn', index: 10 });
    assert.equal(parsePodName('a', 'ddb-a-dn-0-dn-10-0'), undefined);
    assert.equal(parsePodName('ha', 'ddb-ha2-cn-3-0'), undefined);
    assert.equal(parsePodName('ha', 'ddb-ha-svc-mgr-abc-12345'), undefined);
    assert.equal(parsePodName('ha', 'nginx-0'), undefined);
  });
  it('parses instanceStatus keys', () => {
    assert.deepEqual(parseInstanceName('sc1', 'ddb-sc1-dn-1'), { role: 'datanode', abbrev: 'dn', index: 1 });
    assert.equal(parseInstanceName('sc1', 'ddb-sc1-dn-1-0'), undefined);
  });
  it('reads roles written either way and builds names from either', () => {
    assert.equal(parseRole('dn'), 'datanode');
    assert.equal(parseRole('computenode'), 'computenode');
    assert.equal(parseRole('toString'), undefined);
    assert.equal(parseRole(undefined), undefined);
    assert.equal(podName('t', 'cn', 2), podName('t', 'computenode', 2));
    assert.equal(roleServiceName('t', 'ctr'), 'ddb-t-ctr');
    assert.equal(clusterNamePrefix('t'), 'ddb-t-');
    assert.equal(licenseBackupConfigMapName('t'), 'ddb-t-license-backup');
  });
  it('tells the cluster a name belongs to', () => {
    assert.ok(isClusterObjectName('ha', 'ddb-ha'));
    assert.ok(isClusterObjectName('ha', 'core-ddb-ha-cn-0-0'));
    assert.ok(isClusterObjectName('ha', 'ddb-ha-ctr-inner'));
    assert.ok(!isClusterObjectName('ha', 'ddb-ha2-dn-0-0'));
    assert.equal(clusterOfName('log-ddb-x-dn-1-0'), 'x');
    assert.equal(clusterOfName('nginx'), undefined);
  });
  it('exposes labels and API identity', () => {
    assert.equal(LABELS.name, 'dolphindb.io/dolphindb.name');
    assert.equal(clusterLabelSelector('ha'), 'dolphindb.io/dolphindb.name=ha');
    assert.equal(DDB_API_VERSION, 'dolphindb.dolphindb.io/v1');
    assert.equal(DDB_CRD_NAME, 'dolphindbs.dolphindb.dolphindb.io');
  });
});
