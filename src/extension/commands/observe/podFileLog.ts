// The pod Logs action for a logMode 0 server: its log goes only to files in the log directory,
// so the container log is nearly empty. This follows the server log file through exec (as the
// cluster log does, core/logs/execFileTail.ts) and says in the channel which file it is.
// `source: 'console'` in a script's answers reads the container log instead; `logDir` names the
// directory when an image does not use the documented one (the test ground's exec runs on the host).
import type { KubeHttp } from '../../../core/k8s/http';
import type { KubeObject } from '../../../core/k8s/resources';
import { parsePodName } from '../../../core/dolphindb/names';
import { str } from '../../../core/explorer/objects';
import { ExecFileTail } from '../../../core/logs/execFileTail';
import type { ServerLogPlan } from '../../../core/logs/serverLogPlan';
import { t } from '../../localize';
import { extraString } from '../common/answers';
import type { ObserveAnswers } from '../common/observeAnswers';
import type { StreamChoice } from './logQuestions';

export interface PodFileLog {
  readonly stream: ExecFileTail & { readonly containerName: string };
  /** `<dir>/<file>`, known once the stream has started. */
  path(): string;
  /** The channel's first note: which file, in which container, and why. */
  where(): string;
}

export function podFileLog(
  http: KubeHttp,
  target: { namespace: string; pod: string; ddbName: string; ddb: KubeObject; plan: ServerLogPlan & { kind: 'file' } },
  a: ObserveAnswers,
  choice: StreamChoice,
  maxLines: number,
): PodFileLog | undefined {
  const { plan } = target;
  // Only logMode 0 is known to write files only; an unset logMode may still log to the console.
  if (plan.consoleToo || a.extra.source === 'console' || choice.previous) return undefined;
  const logDir = extraString(a, 'logDir') ?? plan.logDir;
  const role = parsePodName(target.ddbName, target.pod)?.abbrev;
  const tail = new ExecFileTail(
    http,
    {
      namespace: target.namespace,
      pod: target.pod,
      container: plan.container,
      logDir,
      ...(role ? { role } : {}),
      standalone: str(target.ddb, 'spec', 'mode') === 'standalone',
    },
    { tailLines: choice.tailLines ?? 100, maxLines, t },
  );
  const stream = Object.assign(tail, { containerName: plan.container });
  const path = (): string => `${logDir}/${tail.file}`;
  return {
    stream,
    path,
    where: () =>
      t(
        'logMode is 0: DolphinDB writes its log to files, not to the console. Following {0} in container {1} through exec (tail -F); it keeps following when the server rotates the file.',
        path(),
        plan.container,
      ) + (choice.follow ? '' : ` ${t('A log file is always followed; stop it with "Stop Log Stream".')}`),
  };
}
