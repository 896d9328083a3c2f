// SIMULATED DolphinDB operator: command line.
//
//   node --import tsx test/sim-operator/main.ts --kubeconfig <path>
//        [--namespace ns | --all-namespaces] [--suite-namespace dolphindb] [--log-dir dir]
//        [--suite-version v1.1.7] [--service-type NodePort] [--no-crd] [--log-interval 15] [--no-kwok-logs]
//
// A test/demo stand-in for the closed-source dolphindb-operator. Stops cleanly on SIGTERM/SIGINT.

import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { LOG_PREFIX } from './constants.js';
import { startSimOperator } from './operator.js';

const USAGE = `usage: node --import tsx test/sim-operator/main.ts --kubeconfig <path>
  [--namespace <ns> | --all-namespaces]   default: the suite namespace
  [--suite-namespace <ns>]                where ConfigMap dolphindb-license lives (default dolphindb)
  [--suite-version <tag>]                 helper image tag (default v1.1.7)
  [--service-type NodePort|ClusterIP|LoadBalancer]
  [--log-dir <dir>] [--log-interval <seconds>]  fake container logs (CRI format) + KWOK Logs objects
  [--no-kwok-logs]                        write the files but create no KWOK Logs objects
  [--no-crd]                              do not register the DolphinDB CRD`;

function main(): void {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        kubeconfig: { type: 'string' },
        namespace: { type: 'string', short: 'n' },
        'all-namespaces': { type: 'boolean', short: 'A' },
        'suite-namespace': { type: 'string' },
        'suite-version': { type: 'string' },
        'service-type': { type: 'string' },
        'log-dir': { type: 'string' },
        'log-interval': { type: 'string' },
        'no-crd': { type: 'boolean' },
        'no-kwok-logs': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`${LOG_PREFIX} ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.namespace && values['all-namespaces']) {
    console.error(`${LOG_PREFIX} --namespace and --all-namespaces exclude each other`);
    process.exit(2);
  }
  const kc = new KubeConfig();
  if (values.kubeconfig) kc.loadFromFile(values.kubeconfig);
  else kc.loadFromDefault();
  if (kc.getContexts().length === 0) {
    console.error(`${LOG_PREFIX} no kubeconfig context; pass --kubeconfig\n${USAGE}`);
    process.exit(2);
  }
  const interval = values['log-interval'] !== undefined ? Number(values['log-interval']) : 15;
  const op = startSimOperator(kc, {
    namespace: values.namespace,
    allNamespaces: values['all-namespaces'] ?? false,
    suiteNamespace: values['suite-namespace'],
    suiteVersion: values['suite-version'],
    serviceType: values['service-type'],
    logDir: values['log-dir'],
    logIntervalMs: Number.isFinite(interval) ? interval * 1000 : 15000,
    ensureCrd: !values['no-crd'],
    kwokLogs: !values['no-kwok-logs'],
  });
  console.log(
    `${LOG_PREFIX} SIMULATED DolphinDB operator (not the real dolphindb-operator); server ${kc.getCurrentCluster()?.server ?? '?'}`,
  );

  let stopping = false;
  const shutdown = (sig: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${LOG_PREFIX} ${sig}: stopping`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    op.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main();
