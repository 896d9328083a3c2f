// The ground's metrics.k8s.io API: a real metrics-server behind the API server's aggregation
// layer, scraping KWOK's simulated kubelet. A pod's usage is set with annotations (setPodUsage);
// these tests read it back the way `kubectl top` does, through the API server.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { parseQuantity, quantityToNumber } from '../../src/core/dolphindb/quantity';
import { KINDS, objectPath, type KubeObject } from '../../src/core/k8s/resources';
import { METRICS_RESOLUTION_S, usageAnnotation } from '../ground/metrics';
import { readState, setPodUsage } from '../ground/ground';
import {
  adminGet,
  adminHttp,
  apply,
  ensureNamespace,
  groundDir,
  remove,
  waitFor,
  waitMetricsApi,
  withoutMetricsApi,
} from './lib';

const NS = 'metrics-server-test';
const http = adminHttp();
const resolutionMs = METRICS_RESOLUTION_S * 1000;

interface Usage {
  cpu: string;
  memory: string;
}
interface PodMetrics {
  metadata: { name: string; namespace: string };
  timestamp: string;
  window: string;
  containers: { name: string; usage: Usage }[];
}
interface NodeMetrics {
  metadata: { name: string };
  usage: Usage;
}

const num = (q: string): number => {
  const v = parseQuantity(q);
  assert.ok(v, `not a quantity: ${q}`);
  return quantityToNumber(v);
};

async function podMetrics(pod: string): Promise<{ status: number; metrics?: PodMetrics; body: string }> {
  const r = await adminGet(`/apis/metrics.k8s.io/v1beta1/namespaces/${NS}/pods/${pod}`);
  return { status: r.status, body: r.body, metrics: r.status === 200 ? (JSON.parse(r.body) as PodMetrics) : undefined };
}

/**
 * CPU is a rate over the last two scrapes: KWOK integrates the usage in force with its own clock
 * when it answers, metrics-server divides by the times it sent the requests, so the two differ by
 * the request latency (a few ms in 10 s; 5% leaves room for a loaded machine and still tells 250m
 * from 200m). Memory is a gauge and matches exactly.
 */
function matches(got: Usage | undefined, want: Usage): boolean {
  if (!got) return false;
  const cpu = num(got.cpu);
  return Math.abs(cpu - num(want.cpu)) <= num(want.cpu) * 0.05 && num(got.memory) === num(want.memory);
}

function usageOf(m: PodMetrics | undefined, container: string): Usage | undefined {
  return m?.containers.find((c) => c.name === container)?.usage;
}

/** Waits until the pod's metrics show these usages; returns how long that took. */
async function waitUsage(pod: string, want: Record<string, Usage>, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  let last = '';
  await waitFor(
    `metrics of ${pod} = ${JSON.stringify(want)}`,
    async () => {
      const r = await podMetrics(pod);
      last = r.body.slice(0, 400);
      return Object.entries(want).every(([c, u]) => matches(usageOf(r.metrics, c), u));
    },
    timeoutMs,
    500,
  ).catch((e: unknown) => {
    throw new Error(`${String(e)}; last answer: ${last}`);
  });
  return Date.now() - t0;
}

function pod(name: string, annotations: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS, annotations },
    spec: {
      containers: [
        {
          name: 'dolphindb',
          image: 'dolphindb/dolphindb:v2.00.16',
          resources: { requests: { cpu: '400m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
        },
        { name: 'exporter', image: 'dolphindb/dolphindb-exporter:v1.1.7' },
      ],
    },
  } as KubeObject;
}

describe('metrics.k8s.io on the ground (metrics-server + KWOK usage)', () => {
  before(async () => {
    await ensureNamespace(http, NS);
    await waitMetricsApi();
    await apply(
      http,
      pod('annotated', {
        [usageAnnotation('cpu', 'dolphindb')]: '250m',
        [usageAnnotation('memory', 'dolphindb')]: '512Mi',
        [usageAnnotation('cpu')]: '20m',
        [usageAnnotation('memory')]: '64Mi',
      }),
    );
    await apply(http, pod('plain', {}));
    for (const name of ['annotated', 'plain'])
      await waitFor(
        `pod ${name} running`,
        async () => {
          const r = await http.request<KubeObject>(objectPath(KINDS.pod, name, NS));
          return r.ok && (r.value.status as { phase?: string } | undefined)?.phase === 'Running';
        },
        30_000,
      );
  });
  after(async () => {
    await remove(http, KINDS.namespace, NS);
    http.dispose();
  });

  it('reports per-container CPU and memory from the annotations, and half the request without them', async () => {
    // the first CPU rate needs two scrapes after the pod started
    await waitUsage(
      'annotated',
      { dolphindb: { cpu: '250m', memory: '512Mi' }, exporter: { cpu: '20m', memory: '64Mi' } },
      4 * resolutionMs + 10_000,
    );
    // no annotation: half of the request; no request either: KWOK's own 1m / 1Mi
    await waitUsage(
      'plain',
      { dolphindb: { cpu: '200m', memory: '512Mi' }, exporter: { cpu: '1m', memory: '1Mi' } },
      4 * resolutionMs + 10_000,
    );
    const m = (await podMetrics('annotated')).metrics;
    assert.ok(m);
    assert.deepEqual(m.containers.map((c) => c.name).sort(), ['dolphindb', 'exporter']);
    assert.equal(m.metadata.namespace, NS);
    // the window is a Go duration: the time between the two scrapes behind the CPU rate
    const window = /^(\d+(?:\.\d+)?)s$/.exec(m.window);
    assert.ok(window && Number(window[1]) > 0 && Number(window[1]) <= 2 * METRICS_RESOLUTION_S, `window ${m.window}`);
  });

  it('follows a changed annotation within two resolutions', async () => {
    await waitUsage('annotated', { dolphindb: { cpu: '250m', memory: '512Mi' } }, 4 * resolutionMs + 10_000);
    await setPodUsage(groundDir(), NS, 'annotated', { cpu: '1500m', memory: '3Gi' }, 'dolphindb');
    const took = await waitUsage(
      'annotated',
      { dolphindb: { cpu: '1500m', memory: '3Gi' }, exporter: { cpu: '20m', memory: '64Mi' } },
      2 * resolutionMs + 5_000,
    );
    assert.ok(took <= 2 * resolutionMs + 5_000, `took ${took} ms`);
  });

  it('lists the pods of a namespace and serves NodeMetrics for every fake node', async () => {
    const r = await adminGet(`/apis/metrics.k8s.io/v1beta1/namespaces/${NS}/pods`);
    assert.equal(r.status, 200, r.body);
    const names = (JSON.parse(r.body) as { items: PodMetrics[] }).items.map((i) => i.metadata.name).sort();
    assert.deepEqual(names, ['annotated', 'plain']);

    const nodes = readState(groundDir()).nodes;
    const got = await waitFor(
      'NodeMetrics of every node',
      async () => {
        const n = await adminGet('/apis/metrics.k8s.io/v1beta1/nodes');
        if (n.status !== 200) return false;
        const items = (JSON.parse(n.body) as { items: NodeMetrics[] }).items;
        return nodes.every((name) => items.some((i) => i.metadata.name === name)) && items;
      },
      4 * resolutionMs + 10_000,
      500,
    );
    // a node's usage is the sum of its pods': at least what the annotated pod alone uses
    const podNode = await http.request<KubeObject>(objectPath(KINDS.pod, 'annotated', NS));
    assert.ok(podNode.ok);
    const nodeName = (podNode.value.spec as { nodeName?: string }).nodeName;
    const node = got.find((i) => i.metadata.name === nodeName);
    assert.ok(node, `no NodeMetrics for ${nodeName}`);
    assert.ok(num(node.usage.memory) >= num('3Gi') + num('64Mi'), `node memory ${node.usage.memory}`);
    assert.ok(num(node.usage.cpu) > 0, `node cpu ${node.usage.cpu}`);
  });

  it('withoutMetricsApi(): the API answers 404 inside and is back after', async () => {
    const inside = await withoutMetricsApi(async () => {
      const pods = await adminGet(`/apis/metrics.k8s.io/v1beta1/namespaces/${NS}/pods/annotated`);
      const group = await adminGet('/apis/metrics.k8s.io');
      return { pods: pods.status, group: group.status };
    });
    assert.deepEqual(inside, { pods: 404, group: 404 });
    const back = await podMetrics('annotated');
    assert.equal(back.status, 200, back.body);
    assert.ok(usageOf(back.metrics, 'dolphindb'));
  });
});
