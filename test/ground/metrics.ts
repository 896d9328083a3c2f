// The metrics API on the ground: a real metrics-server (sigs.k8s.io/metrics-server, built by
// build-metrics-server.sh) behind the API server's aggregation layer, scraping KWOK's simulated
// kubelet /metrics/resource. This file only builds argv and manifests; ground.ts runs them.
//
// Routing: there is no kube-proxy on the ground, so the APIService points at a Service of type
// ExternalName (127.0.0.1). The aggregator (with --enable-aggregator-routing off) dials
// <externalName>:<APIService port> directly, i.e. the metrics-server process on loopback.
// Usage: KWOK evaluates the ClusterResourceUsage below per container, from pod annotations.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const METRICS_APISERVICE = 'v1beta1.metrics.k8s.io';
/** metrics-server refuses a resolution under 10 s; CPU needs two scrapes, so 10 s is the fastest. */
export const METRICS_RESOLUTION_S = 10;
/** every container of the pod (kwok's own convention, see kwok's kustomize/metrics/usage) */
export const USAGE_CPU_ANNOTATION = 'kwok.x-k8s.io/usage-cpu';
export const USAGE_MEMORY_ANNOTATION = 'kwok.x-k8s.io/usage-memory';
/** one container; wins over the pod-wide annotation. Key: `kwok.x-k8s.io/usage-cpu.<container>` */
export const usageAnnotation = (resource: 'cpu' | 'memory', container?: string): string =>
  `kwok.x-k8s.io/usage-${resource}${container ? `.${container}` : ''}`;

const SERVICE = { name: 'metrics-server', namespace: 'kube-system' };
/** the user in metrics-server's client certificate */
export const METRICS_SERVER_USER = 'system:metrics-server';

export interface MetricsServerPaths {
  binDir: string;
  dir: string;
  port: number;
}

export function metricsServerArgs({ dir, port }: MetricsServerPaths): string[] {
  const pki = (f: string) => path.join(dir, 'pki', f);
  const kubeconfig = path.join(dir, 'kubeconfig-metrics-server');
  return [
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
    `--tls-cert-file=${pki('metrics-server.crt')}`,
    `--tls-private-key-file=${pki('metrics-server.key')}`,
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    // KWOK's kubelet: 127.0.0.1 and the port in node status; its serving cert is the ground CA's,
    // but metrics-server dials an IP the way a kubelet is dialled, as kwokctl does
    '--kubelet-preferred-address-types=InternalIP',
    '--kubelet-use-node-status-port',
    '--kubelet-insecure-tls',
    `--metric-resolution=${METRICS_RESOLUTION_S}s`,
    // it insists the kubelet timeout stays under 90% of the resolution (its default is 10 s)
    '--kubelet-request-timeout=5s',
    '--v=1',
  ];
}

/** API server flags for the aggregation layer (front-proxy CA and the aggregator's client cert). */
export function aggregationFlags(dir: string): string[] {
  const pki = (f: string) => path.join(dir, 'pki', f);
  return [
    `--requestheader-client-ca-file=${pki('front-proxy-ca.crt')}`,
    '--requestheader-allowed-names=front-proxy-client',
    '--requestheader-username-headers=X-Remote-User',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    `--proxy-client-cert-file=${pki('front-proxy-client.crt')}`,
    `--proxy-client-key-file=${pki('front-proxy-client.key')}`,
  ];
}

/** The RBAC of upstream's components.yaml, bound to the certificate user instead of a service account. */
export function metricsRbacObjects(): object[] {
  const user = [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: METRICS_SERVER_USER }];
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'system:metrics-server' },
      rules: [
        { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
        { apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {
        name: 'system:aggregated-metrics-reader',
        labels: {
          'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
          'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
          'rbac.authorization.k8s.io/aggregate-to-view': 'true',
        },
      },
      rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'system:metrics-server' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:metrics-server' },
      subjects: user,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'metrics-server:system:auth-delegator' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' },
      subjects: user,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'metrics-server-auth-reader', namespace: 'kube-system' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'extension-apiserver-authentication-reader' },
      subjects: user,
    },
  ];
}

/** Service + APIService; the port changes with every fresh `up`, so ground.ts re-applies these. */
export function metricsApiObjects(dir: string, port: number): object[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: SERVICE,
      spec: { type: 'ExternalName', externalName: '127.0.0.1' },
    },
    {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: METRICS_APISERVICE },
      spec: {
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        groupPriorityMinimum: 100,
        versionPriority: 100,
        service: { ...SERVICE, port },
        // metrics-server's serving cert names <service>.<namespace>.svc, signed by the ground CA
        caBundle: fs.readFileSync(path.join(dir, 'pki', 'ca.crt')).toString('base64'),
      },
    },
  ];
}

/** The serving cert's names: the aggregator checks `<service>.<namespace>.svc`. */
export const METRICS_SERVER_DNS = [
  `${SERVICE.name}.${SERVICE.namespace}.svc`,
  `${SERVICE.name}.${SERVICE.namespace}.svc.cluster.local`,
  'localhost',
];

/**
 * Usage of a container, per resource: `<key>.<container>` annotation, else the pod-wide `<key>`
 * annotation, else half the container's request, else kwok's own default (1m CPU, 1Mi memory).
 */
function usageExpression(resource: 'cpu' | 'memory', fallback: string): string {
  const pod = usageAnnotation(resource);
  const one = `"${pod}." + container.name`;
  return [
    `${one} in pod.metadata.annotations ? Quantity(pod.metadata.annotations[${one}])`,
    `: "${pod}" in pod.metadata.annotations ? Quantity(pod.metadata.annotations["${pod}"])`,
    `: "${resource}" in container.resources.requests ? container.resources.requests["${resource}"] * 0.5`,
    `: Quantity("${fallback}")`,
  ].join('\n');
}

/** a fake node's own usage on top of its pods' (cores, bytes) */
export const NODE_BASE_CPU = 0.05;
export const NODE_BASE_MEMORY_BYTES = 256 * 1024 * 1024;

/**
 * The kubelet's /metrics/resource as KWOK serves it: the series metrics-server reads, as in kwok's
 * kustomize/metrics/resource (Metric `metrics-resource`). CPU is a counter KWOK integrates from
 * the usage rule at each scrape, so the rate metrics-server computes equals the usage in force.
 */
function metricsResource(): object {
  const who = [
    { name: 'namespace', value: 'pod.metadata.namespace' },
    { name: 'pod', value: 'pod.metadata.name' },
  ];
  const m = (name: string, dimension: string, kind: string, value: string, labels: object[] = []) => ({
    name,
    dimension,
    kind,
    help: name,
    ...(labels.length ? { labels } : {}),
    value,
  });
  const c = [{ name: 'container', value: 'container.name' }, ...who];
  return {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Metric',
    metadata: { name: 'metrics-resource' },
    spec: {
      path: '/metrics/nodes/{nodeName}/metrics/resource',
      metrics: [
        m('scrape_error', 'node', 'gauge', '0'),
        m('container_start_time_seconds', 'container', 'gauge', 'pod.SinceSecond()', c),
        m('container_cpu_usage_seconds_total', 'container', 'counter', 'pod.CumulativeUsage("cpu", container.name)', c),
        m('container_memory_working_set_bytes', 'container', 'gauge', 'pod.Usage("memory", container.name)', c),
        m('pod_cpu_usage_seconds_total', 'pod', 'counter', 'pod.CumulativeUsage("cpu")', who),
        m('pod_memory_working_set_bytes', 'pod', 'gauge', 'pod.Usage("memory")', who),
        // plus the system's own share (50m CPU, 256Mi): metrics-server drops a node whose CPU or
        // memory reads 0, which an empty fake node otherwise would
        m(
          'node_cpu_usage_seconds_total',
          'node',
          'counter',
          `node.CumulativeUsage("cpu") + node.SinceSecond() * ${NODE_BASE_CPU}`,
        ),
        m('node_memory_working_set_bytes', 'node', 'gauge', `node.Usage("memory") + ${NODE_BASE_MEMORY_BYTES}.0`),
      ],
    },
  };
}

/** KWOK rules: the kubelet /metrics/resource endpoint and the usage rule. */
export function kwokMetricsRules(): object[] {
  return [
    metricsResource(),
    {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'ClusterResourceUsage',
      metadata: { name: 'ground-default' },
      spec: {
        usages: [
          {
            usage: {
              cpu: { expression: usageExpression('cpu', '1m') },
              memory: { expression: usageExpression('memory', '1Mi') },
            },
          },
        ],
      },
    },
  ];
}

/** Where metrics-server reads a fake node's metrics: KWOK serves each node under its own path. */
export const RESOURCE_METRICS_PATH_ANNOTATION = 'metrics.k8s.io/resource-metrics-path';
export const resourceMetricsPath = (node: string): string => `/metrics/nodes/${node}/metrics/resource`;
