// SIMULATED DolphinDB operator: fake container logs for KWOK.
//
// KWOK runs no containers, so there is nothing for `kubectl logs` to show. With `--log-dir` the
// simulation writes a few DolphinDB-like lines per container to
//   <log-dir>/<namespace>/<pod>/<container>.log
// in the CRI log format KWOK's log reader expects (`<RFC3339Nano> stdout F <line>`); the line
// itself is DolphinDB-shaped (`YYYY-MM-DD HH:MM:SS.ffffff <INFO> :content`) for the dolphindb
// and config-loader containers. The operator then points a KWOK `Logs` object at these files.
// Files are rewritten when a new pod (new UID) appears under the same name (a `.uid` marker lets
// a restarted simulation resume instead), capped at `maxBytes`, and removed with the pod.
// With logMode 0 or 2 a DolphinDB server also writes its log to files (docs/domain.md §2.3, §9.3):
// the same server lines, DolphinDB-shaped without the CRI prefix, go to
//   <log-dir>/<namespace>/<pod>/server-log/<file>
// named like the promtail patterns (`controller<i>.log`, `datanode<i>.log` with a
// `datanode<i>_job.log` beside it, `standalone.log`; the real aliases are not documented). KWOK
// runs exec on the host, so that directory stands in for the container's log directory. A
// deviation kept for the tests: the console log of a logMode 0 server is still written.

import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { V1Pod } from '@kubernetes/client-node';
import { dialectFor, type Dialect } from './dialect.js';
import { ROLES } from './spec.js';

export interface LogWriterOptions {
  /** Heartbeat interval; 0 disables heartbeats. */
  intervalMs?: number;
  /** Per-file cap; when exceeded the older half is dropped. */
  maxBytes?: number;
  now?: () => Date;
  /** Label keys and container names (default: the inferred dialect). */
  dialect?: Dialect;
}

type ContainerKind = 'server' | 'init' | 'exporter' | 'cleaner' | 'promtail' | 'other';

function kindOf(container: string, d: Dialect): ContainerKind {
  if (ROLES.some((r) => d.containers.server(r) === container)) return 'server';
  const c = d.containers;
  return container === c.init
    ? 'init'
    : container === c.exporter
      ? 'exporter'
      : container === c.cleaner
        ? 'cleaner'
        : container === c.promtail
          ? 'promtail'
          : 'other';
}

interface Tracked {
  uid: string;
  namespace: string;
  name: string;
  dir: string;
  containers: string[];
  component: string;
  ticks: number;
  /** The server log file (logMode 0 or 2), else undefined. */
  serverFile?: string;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

let micro = 0;
/** `YYYY-MM-DD HH:MM:SS.ffffff` (UTC), the DolphinDB log timestamp shape. */
export function ddbTimestamp(d: Date): string {
  micro = (micro + 1) % 1000;
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${pad(micro, 3)}`
  );
}

export function ddbLine(d: Date, level: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR', content: string): string {
  return `${ddbTimestamp(d)} <${level}> :${content}`;
}

function startupLines(pod: V1Pod, container: string, now: Date, d: Dialect): string[] {
  const labels = pod.metadata?.labels ?? {};
  const version = (labels[d.labels.version] ?? 'v0.00.0').replace(/^v/, '');
  const comp = labels[d.labels.component] ?? 'Datanode';
  const mode = labels[d.labels.mode] ?? 'standalone';
  const cluster = labels[d.labels.name] ?? '';
  const pod0 = pod.metadata?.name ?? '';
  const port = pod.spec?.containers?.find((c) => kindOf(c.name, d) === 'server')?.ports?.[0]?.containerPort ?? 0;
  const ts = now.toISOString();
  switch (kindOf(container, d)) {
    case 'server':
      return [
        ddbLine(now, 'INFO', `DolphinDB version: ${version}  (simulated by ddb-sim-operator; no real DolphinDB runs here)`),
        ddbLine(now, 'INFO', `Mode: ${mode}, role: ${comp}, cluster: ${cluster}, node alias: ${pod0}`),
        ddbLine(now, 'INFO', 'Initializing storage engines: OLAP, TSDB.'),
        ddbLine(now, 'INFO', `Listening on port ${port}`),
        ddbLine(
          now,
          'INFO',
          comp === 'Controller' ? 'Controller is ready. Raft group initialised.' : 'Node is ready to serve requests.',
        ),
      ];
    case 'init':
      return [ddbLine(now, 'INFO', `config-loader: wrote configuration for ${pod0} (simulated)`)];
    case 'exporter':
      return [`time="${ts}" level=info msg="dolphindb-exporter listening on :8080, scraping localhost:${port} (simulated)"`];
    case 'cleaner':
      return [`${ts} INFO cleaner started; log usage 1% below limit (simulated)`];
    case 'promtail':
      return [`level=info ts=${ts} caller=main.go:119 msg="Starting Promtail" version="(version=2.4.1) (simulated)"`];
    default:
      return [`${ts} ${container} started (simulated)`];
  }
}

/** The server log file's name for a pod, from its server container's env; undefined for logMode 1. */
export function serverLogFileName(pod: V1Pod, d: Dialect): string | undefined {
  const server = pod.spec?.containers?.find((c) => kindOf(c.name, d) === 'server');
  const env = new Map((server?.env ?? []).map((e) => [e.name, e.value ?? '']));
  const logMode = env.get('DDB_LOG_MODE');
  if (!server || (logMode !== '0' && logMode !== '2')) return undefined;
  if (env.get('DDB_MODE') === 'standalone') return 'standalone.log';
  return `${env.get('DDB_ROLE') ?? 'datanode'}${env.get('DDB_INSTANCE') ?? '0'}.log`;
}

/** One CRI log line (what kubelet/KWOK store and `kubectl logs` strips). */
export function criLine(d: Date, line: string): string {
  return `${d.toISOString().replace('Z', '000000Z')} stdout F ${line}`;
}

/** Files of one started pod, by container name. */
export type PodLogFiles = Record<string, string>;

export class PodLogWriter {
  private readonly byName = new Map<string, Tracked>();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly maxBytes: number;
  private readonly now: () => Date;
  private readonly dialect: Dialect;

  constructor(
    private readonly root: string,
    opts: LogWriterOptions = {},
    private readonly log: (line: string) => void = () => {},
    /** Called once per pod UID after its files were written. */
    private readonly onStarted: (pod: V1Pod, files: PodLogFiles) => void = () => {},
  ) {
    this.maxBytes = opts.maxBytes ?? 64 * 1024;
    this.now = opts.now ?? (() => new Date());
    this.dialect = opts.dialect ?? dialectFor('inferred');
    const interval = opts.intervalMs ?? 15000;
    if (interval > 0) {
      this.timer = setInterval(() => this.tick(), interval);
      this.timer.unref();
    }
  }

  /** Called for every added/updated pod. Starts its logs once it is Running. */
  onPod(pod: V1Pod): void {
    const ns = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    const uid = pod.metadata?.uid ?? '';
    if (!ns || !name || !uid || pod.metadata?.deletionTimestamp) return;
    if (pod.status?.phase !== 'Running') return;
    const key = `${ns}/${name}`;
    if (this.byName.get(key)?.uid === uid) return;
    const dir = join(this.root, ns, name);
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
    const t: Tracked = {
      uid,
      namespace: ns,
      name,
      dir,
      containers,
      component: pod.metadata?.labels?.[this.dialect.labels.component] ?? '',
      ticks: 0,
    };
    try {
      mkdirSync(dir, { recursive: true });
      const now = this.now();
      const files: PodLogFiles = {};
      const marker = join(dir, '.uid');
      // same pod seen by an earlier run of the simulation: keep its logs, resume heartbeats
      const resume = existsSync(marker) && readFileSync(marker, 'utf8') === uid;
      for (const c of containers) {
        files[c] = join(dir, `${c}.log`);
        if (!resume || !existsSync(files[c]))
          writeFileSync(
            files[c],
            startupLines(pod, c, now, this.dialect)
              .map((l) => criLine(now, l) + '\n')
              .join(''),
          );
      }
      const fileName = serverLogFileName(pod, this.dialect);
      const server = containers.find((c) => kindOf(c, this.dialect) === 'server');
      if (fileName && server) {
        const logDir = join(dir, 'server-log');
        mkdirSync(logDir, { recursive: true });
        t.serverFile = join(logDir, fileName);
        if (!resume || !existsSync(t.serverFile))
          writeFileSync(t.serverFile, startupLines(pod, server, now, this.dialect).join('\n') + '\n');
        // Job logs sit beside a data or compute node's log; the extension must not pick them.
        const job = fileName.replace(/\.log$/, '_job.log');
        if (!fileName.startsWith('controller') && !existsSync(join(logDir, job)))
          writeFileSync(join(logDir, job), ddbLine(now, 'INFO', 'job log (simulated)') + '\n');
      }
      writeFileSync(marker, uid);
      this.byName.set(key, t);
      this.onStarted(pod, files);
    } catch (e) {
      this.log(`log writer: cannot write ${dir}: ${(e as Error).message}`);
    }
  }

  onPodDeleted(pod: V1Pod): void {
    const key = `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
    const t = this.byName.get(key);
    if (!t || t.uid !== pod.metadata?.uid) return;
    this.byName.delete(key);
    rmSync(t.dir, { recursive: true, force: true });
  }

  private append(t: Tracked, container: string, line: string): void {
    const file = join(t.dir, `${container}.log`);
    try {
      appendFileSync(file, criLine(this.now(), line) + '\n');
      if (statSync(file).size > this.maxBytes) {
        const text = readFileSync(file, 'utf8');
        const tail = text.slice(text.length - Math.floor(this.maxBytes / 2));
        writeFileSync(file, tail.slice(tail.indexOf('\n') + 1));
      }
    } catch {
      // pod dir removed concurrently: ignore
    }
  }

  /** The server log file grows like a real one; the cap keeps a long-running ground small. */
  private appendServerFile(t: Tracked, line: string): void {
    if (!t.serverFile) return;
    try {
      appendFileSync(t.serverFile, line + '\n');
      if (statSync(t.serverFile).size > this.maxBytes) {
        const text = readFileSync(t.serverFile, 'utf8');
        const tail = text.slice(text.length - Math.floor(this.maxBytes / 2));
        writeFileSync(t.serverFile, tail.slice(tail.indexOf('\n') + 1));
      }
    } catch {
      // pod dir removed concurrently: ignore
    }
  }

  /** One heartbeat round (public so tests can drive it without timers). */
  tick(): void {
    const now = this.now();
    for (const t of this.byName.values()) {
      t.ticks++;
      const server = t.containers.find((c) => kindOf(c, this.dialect) === 'server');
      if (server) {
        const jobs = t.ticks % 3;
        const beat = ddbLine(
          now,
          'INFO',
          `${t.component || 'Node'} heartbeat #${t.ticks}: running jobs ${jobs}, memory used ${64 + (t.ticks % 7) * 8} MB`,
        );
        this.append(t, server, beat);
        this.appendServerFile(t, beat);
        if (t.ticks % 10 === 0) {
          const warning = ddbLine(now, 'WARNING', 'Simulated warning: slow disk flush took 1200 ms');
          this.append(t, server, warning);
          this.appendServerFile(t, warning);
        }
      }
      const exporter = this.dialect.containers.exporter;
      if (t.containers.includes(exporter) && t.ticks % 4 === 0) {
        this.append(t, exporter, `time="${now.toISOString()}" level=info msg="scrape ok"`);
      }
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
  }
}
