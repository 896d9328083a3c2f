// selectorQuery: a workload's label selector as the API's labelSelector string; anything it cannot
// express selects nothing (never every pod of the namespace).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isWorkloadKind, selectorQuery } from '../../../src/core/k8s/workloadPods';

describe('selectorQuery', () => {
  it('joins matchLabels', () => {
    assert.equal(
      selectorQuery({ matchLabels: { app: 'dolphindb-webserver', release: 'dolphindb-mgr' } }),
      'app=dolphindb-webserver,release=dolphindb-mgr',
    );
  });
  it('writes every matchExpressions operator', () => {
    assert.equal(
      selectorQuery({
        matchLabels: { app: 'loki' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'zone', operator: 'NotIn', values: ['x'] },
          { key: 'managed', operator: 'Exists' },
          { key: 'canary', operator: 'DoesNotExist' },
        ],
      }),
      'app=loki,tier in (a,b),zone notin (x),managed,!canary',
    );
  });
  it('selects nothing for missing, empty or unknown selectors', () => {
    for (const bad of [
      undefined,
      null,
      'app=x',
      {},
      { matchLabels: {} },
      { matchLabels: { a: 1 } },
      { matchExpressions: [{ key: 'k', operator: 'Gt', values: ['1'] }] },
      { matchExpressions: [{ operator: 'Exists' }] },
    ]) {
      assert.equal(selectorQuery(bad), undefined, JSON.stringify(bad));
    }
  });
  it('knows the workload kinds', () => {
    assert.ok(isWorkloadKind('deployment') && isWorkloadKind('statefulset') && isWorkloadKind('daemonset'));
    assert.ok(!isWorkloadKind('pod') && !isWorkloadKind(undefined));
  });
});
