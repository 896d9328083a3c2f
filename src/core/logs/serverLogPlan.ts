// Where a DolphinDB server's log can be read (docs/domain.md §2.3 logMode, §4.3 paths, §9.3 Loki,
// §9.6 strategy). logMode 1/2 write to the console, so the container log has it; logMode 0
// writes only files under the log directory, which are read through exec (or Loki).
import { english, type Translate } from '../i18n/translate';
import { arr, field, str } from '../explorer/objects';
import { defaultContainer } from './containers';

export const CLUSTER_LOG_DIR = '/data/ddb/server/clusterDemo/log';
export const STANDALONE_LOG_DIR = '/data/ddb/server/log';

export interface SuiteLogServices {
  /** Namespace of the suite. */
  readonly namespace: string;
  readonly loki: boolean;
  readonly grafana: boolean;
}

export type ServerLogPlan =
  | { readonly kind: 'stdout'; readonly container: string; readonly explanation: string }
  | {
      readonly kind: 'file';
      readonly container: string;
      readonly logDir: string;
      /** Also on the console (logMode 2 is handled as stdout; this is for an unset logMode). */
      readonly consoleToo: boolean;
      readonly explanation: string;
      /** LogQL selector for Loki when the suite has it. */
      readonly lokiQuery?: string;
    };

/** The log directory: where the pod mounts its `log` volume, else the documented default. */
export function serverLogDir(ddb: unknown, pod: unknown, container: string): string {
  const c = arr(pod, 'spec', 'containers').find((x) => str(x, 'name') === container);
  const mount = arr(c, 'volumeMounts').find((m) => str(m, 'name') === 'log');
  const path = str(mount, 'mountPath');
  if (path) return path.replace(/\/+$/, '');
  return str(ddb, 'spec', 'mode') === 'standalone' ? STANDALONE_LOG_DIR : CLUSTER_LOG_DIR;
}

export function serverLogPlan(
  ddb: unknown,
  pod: unknown,
  suite?: SuiteLogServices,
  t: Translate = english,
): ServerLogPlan | undefined {
  const container = defaultContainer(pod);
  if (!container) return undefined;
  const raw = field(ddb, 'spec', 'logMode');
  const logMode = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d$/.test(raw) ? Number(raw) : undefined;
  if (logMode === 1 || logMode === 2) {
    return {
      kind: 'stdout',
      container,
      explanation: t('logMode is {0}: DolphinDB writes its log to the console, so the container log has it.', logMode),
    };
  }
  const logDir = serverLogDir(ddb, pod, container);
  const podName = str(pod, 'metadata', 'name') ?? '';
  const ns = str(pod, 'metadata', 'namespace') ?? '';
  const lines = [
    logMode === 0
      ? t(
          'logMode is 0: DolphinDB writes its log only to files under {0} in container {1}, so the container log (kubectl logs) shows almost nothing.',
          logDir,
          container,
        )
      : t(
          'logMode is not set and the operator default is not documented; DolphinDB may write its log only to files under {0} in container {1}.',
          logDir,
          container,
        ),
    t('The extension lists that directory and follows the newest server log file through exec (tail -F).'),
  ];
  let lokiQuery: string | undefined;
  const promtail = field(ddb, 'spec', 'disablePromtail') !== true;
  if (suite?.loki && promtail) {
    lokiQuery = `{pod_namespace="${ns}", pod_name="${podName}"}`;
    lines.push(
      suite.grafana
        ? t('Loki collects these files: in Grafana (Explore, data source Loki) query {0}.', lokiQuery)
        : t('Loki collects these files: query {0} on the Loki service in namespace {1}.', lokiQuery, suite.namespace),
    );
  } else if (suite?.loki && !promtail) {
    lines.push(t('Loki is installed but this cluster has disablePromtail: true, so its files are not collected.'));
  }
  return { kind: 'file', container, logDir, consoleToo: logMode === undefined, explanation: lines.join(' '), lokiQuery };
}

const JOB_OR_QUERY = /_(job|query)\.log/;

/**
 * The file to follow among a log directory's entries (newest first, as `ls -1t` prints them):
 * the role's server log by the promtail patterns (§9.3), else any `.log` that is not a job or
 * query log, else a `.out` file.
 */
export function chooseServerLogFile(
  entries: readonly string[],
  role: 'ctr' | 'dn' | 'cn' | undefined,
  standalone: boolean,
): string | undefined {
  const files = entries.map((e) => e.trim()).filter((e) => e.length > 0 && !e.endsWith('/') && !e.startsWith('.'));
  const logs = files.filter((f) => /\.log(\.\d+)?$/.test(f) && !JOB_OR_QUERY.test(f));
  const current = logs.filter((f) => f.endsWith('.log'));
  const pick = (re: RegExp): string | undefined => current.find((f) => re.test(f)) ?? logs.find((f) => re.test(f));
  const byRole = standalone
    ? (pick(/standalone.*\.log/) ?? pick(/node\d*\.log/))
    : role === 'ctr'
      ? pick(/^controller.*\.log/)
      : role
        ? pick(/node\d*\.log/)
        : undefined;
  return byRole ?? current[0] ?? logs[0] ?? files.find((f) => /\.out(\.\d+)?$/.test(f));
}
