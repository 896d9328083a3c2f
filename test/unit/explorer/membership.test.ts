import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { belongsTo, instanceOf, parsePodName } from '../../../src/core/explorer/membership';

const obj = (name: string, labels?: Record<string, string>) => ({ metadata: { name, labels } });

describe('membership', () => {
  it('parses pod names of exactly this cluster', () => {
    assert.deepEqual(parsePodName('ha', 'ddb-ha-ctr-2-0'), { role: 'ctr', index: 2 });
    assert.equal(parsePodName('ha', 'ddb-ha2-ctr-2-0'), undefined);
    assert.equal(parsePodName('h.a', 'ddb-hxa-dn-0-0'), undefined);
  });
  it('never claims the children of a cluster whose name shares a prefix', () => {
    assert.equal(belongsTo('ha', obj('ddb-ha2-dn-0-0')), false);
    assert.equal(belongsTo('ha', obj('ddb-ha-dn-0-0')), true);
    assert.equal(belongsTo('ha', obj('data-ddb-ha-dn-0-0')), true);
    assert.equal(belongsTo('ha', obj('ddb-ha-ctr-inner')), true);
    assert.equal(belongsTo('ha', obj('ddb-ha')), true);
    assert.equal(belongsTo('ha', obj('ddb-ha-svc-mgr-89666f687-8bk2j')), true);
  });
  it('prefers the cluster label over the name', () => {
    assert.equal(belongsTo('a', obj('ddb-b-dn-0-0', { 'dolphindb.io/dolphindb.name': 'a' })), true);
    assert.equal(belongsTo('b', obj('ddb-b-dn-0-0', { 'dolphindb.io/dolphindb.name': 'a' })), false);
  });
  it('maps PVCs and services to instances', () => {
    assert.deepEqual(instanceOf('t', obj('log-ddb-t-cn-3-0')), { role: 'cn', index: 3 });
    assert.deepEqual(instanceOf('t', obj('ddb-t-dn-1')), { role: 'dn', index: 1 });
    assert.equal(instanceOf('t', obj('ddb-t-dn')), undefined);
  });
});
