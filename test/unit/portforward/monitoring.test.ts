// The suite's monitoring Services found by labels and selectors (not fixed names), the port that
// leads to each product, and Grafana's landing page from the dashboard ConfigMap.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/core/k8s/resources';
import { findMonitoringServices, monitoringPort } from '../../../src/core/portforward/monitoring';
import { grafanaLanding } from '../../../src/core/portforward/grafanaDashboard';

const svc = (
  name: string,
  labels: Record<string, string>,
  ports: { port: number; targetPort?: number; name?: string }[],
  selector: Record<string, string> = labels,
): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'ns', labels }, spec: { selector, ports } });

describe('monitoring Services', () => {
  it('finds upstream-labelled Services of a release not named dolphindb-mgr, on the port that leads to the product', () => {
    const services = [
      svc('mon-grafana', { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/instance': 'mon' }, [
        { name: 'service', port: 80, targetPort: 3000 },
      ]),
      svc('mon-prometheus-pushgateway', { app: 'prometheus', component: 'pushgateway', release: 'mon' }, [{ port: 9091 }]),
      svc('mon-prometheus-server', { app: 'prometheus', component: 'server', release: 'mon' }, [
        { name: 'http', port: 80, targetPort: 9090 },
      ]),
      svc('mon-loki', { app: 'loki', release: 'mon' }, [{ name: 'http-metrics', port: 3100, targetPort: 3100 }]),
      svc('mon-alertmanager', { 'app.kubernetes.io/name': 'alertmanager', 'app.kubernetes.io/instance': 'mon' }, [
        { name: 'web', port: 9093, targetPort: 9093 },
      ]),
      // A DolphinDB cluster's Service in the same namespace is none of them.
      svc('ddb-ha-dn', { 'dolphindb.io/dolphindb.name': 'ha' }, [{ port: 32210 }]),
    ];
    const found = findMonitoringServices(services);
    assert.deepEqual(
      Object.fromEntries(Object.entries(found).map(([k, v]) => [k, `${v.metadata.name}:${monitoringPort(v, k as never)}`])),
      {
        grafana: 'mon-grafana:80',
        prometheus: 'mon-prometheus-server:80',
        loki: 'mon-loki:3100',
        alertmanager: 'mon-alertmanager:9093',
      },
    );
  });

  it("finds this project's fixture chart shape (app.kubernetes.io/name=<release>-<component>, no release label)", () => {
    const services = ['grafana', 'prometheus-server', 'loki', 'alertmanager'].map((c) =>
      svc(`dolphindb-mgr-${c}`, { 'app.kubernetes.io/name': `dolphindb-mgr-${c}` }, [{ name: 'http', port: 1234 }]),
    );
    const found = findMonitoringServices(services);
    assert.deepEqual(
      Object.values(found).map((s) => s.metadata.name),
      services.map((s) => s.metadata.name),
    );
  });

  it('falls back to the documented name only when no label says more, and finds nothing in an empty namespace', () => {
    const bare = svc('dolphindb-mgr-loki', {}, [{ port: 3100 }], {});
    assert.equal(findMonitoringServices([bare]).loki?.metadata.name, 'dolphindb-mgr-loki');
    assert.deepEqual(findMonitoringServices([]), {});
  });
});

describe('Grafana landing page', () => {
  const cm = (name: string, data: Record<string, string>): KubeObject =>
    ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'ns' },
      data,
    }) as KubeObject;
  it('opens the DolphinDB dashboard by its uid from the dashboard ConfigMap', () => {
    const l = grafanaLanding([
      cm('kube-root-ca.crt', { 'ca.crt': 'x' }),
      cm('grafana-dashboards', {
        'node.json': JSON.stringify({ title: 'Nodes', uid: 'nodes' }),
        'dolphindb_dashboard.json': JSON.stringify({ title: 'dolphindb', uid: 'ddb-1' }),
      }),
    ]);
    assert.deepEqual(l, { path: '/d/ddb-1', uid: 'ddb-1', source: 'grafana-dashboards/dolphindb_dashboard.json' });
  });
  it("opens Grafana's home when the dashboard has no uid or there is no ConfigMap", () => {
    assert.deepEqual(grafanaLanding([cm('grafana-dashboards', { 'd.json': JSON.stringify({ title: 'dolphindb' }) })]), {
      path: '/',
    });
    assert.deepEqual(grafanaLanding([]), { path: '/' });
  });
});
