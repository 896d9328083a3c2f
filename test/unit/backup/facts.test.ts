import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { backupStatus, clusterOfBackup } from '../../../src/core/backup/facts';
import { backupTemplate } from '../../../src/core/backup/template';
import { KINDS, type KubeObject } from '../../../src/core/k8s/resources';

const obj = (metadata: Partial<KubeObject['metadata']>, rest: Record<string, unknown> = {}): KubeObject =>
  ({
    apiVersion: 'backup.dolphindb.io/v1',
    kind: 'Backup',
    metadata: { name: 'b', namespace: 'ns', ...metadata },
    ...rest,
  }) as KubeObject;

describe('backup facts (an undocumented schema, read tolerantly)', () => {
  it('the cluster: label, then owner reference, then a spec field naming it', () => {
    assert.equal(
      clusterOfBackup(obj({ labels: { 'dolphindb.io/dolphindb.name': 'ha' } }, { spec: { dolphindbName: 'x' } })),
      'ha',
    );
    assert.equal(
      clusterOfBackup(
        obj({ ownerReferences: [{ apiVersion: 'dolphindb.dolphindb.io/v1', kind: 'DolphinDB', name: 'ha', uid: 'u' }] }),
      ),
      'ha',
    );
    assert.equal(clusterOfBackup(obj({}, { spec: { clusterName: 'ha' } })), 'ha');
    assert.equal(clusterOfBackup(obj({}, { spec: { dolphindb: { name: 'ha' } } })), 'ha');
    assert.equal(clusterOfBackup(obj({}, { spec: { storage: 's3' } })), undefined);
  });

  it('the status: phase, state or status, else the Ready condition', () => {
    assert.equal(backupStatus(obj({}, { status: { phase: 'Complete' } })), 'Complete');
    assert.equal(backupStatus(obj({}, { status: { state: 'Running' } })), 'Running');
    assert.equal(backupStatus(obj({}, { status: { conditions: [{ type: 'Ready', status: 'True' }] } })), 'Ready');
    assert.equal(
      backupStatus(obj({}, { status: { conditions: [{ type: 'Ready', status: 'False', reason: 'NoStorage' }] } })),
      'NoStorage',
    );
    assert.equal(backupStatus(obj({})), undefined);
  });

  it('the template names the cluster the way the tree reads it back, at the served version', () => {
    const kind = { ...KINDS.backup, version: 'v1alpha1' };
    const text = backupTemplate(kind, { namespace: 'prod', name: 'ha' }, new Date('2026-12-06T10:00:00Z'));
    assert.match(text, /^# /);
    const doc = parse(text) as KubeObject;
    assert.equal(doc.apiVersion, 'backup.dolphindb.io/v1alpha1');
    assert.equal(doc.metadata.name, 'ha-backup-20261206100000');
    assert.equal(doc.metadata.namespace, 'prod');
    assert.equal(clusterOfBackup(doc), 'ha');
  });
});
