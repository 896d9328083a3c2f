// The peers the explorer's first load is raced against, each run as its own process:
//   kubectl  `kubectl get dolphindbs,pods,svc,sts,pvc -A -o json` (the ground's kubectl), until it exits
//   k9s      k9s in a detached tmux session on the bench's own tmux socket, from launch until its pod
//            view's title shows the full pod count, read from the screen every 25 ms
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The tmux server every k9s run uses; run.mjs kills exactly this server when interrupted. */
export const TMUX_SOCKET = 'ddb-bench-k9s';

export interface KubectlRun {
  ms: number;
  counts: Record<string, number>;
}

// kubectl -o json indents by four spaces, so a listed object's own `kind` is the one line at exactly
// twelve: nested kinds (owner references, involved objects) sit deeper. Counting those lines as the
// bytes arrive keeps no copy of an answer that passes 512 MB (a JS string's limit) at 3,000 clusters.
const ITEM_KIND = Buffer.from('\n            "kind": "');
const LIST_KIND = Buffer.from('\n    "kind": "List"');

class KindCounter {
  readonly counts: Record<string, number> = {};
  sawList = false;
  private tail = Buffer.alloc(0);

  push(chunk: Buffer): void {
    // keep the unfinished last line, so a match split across two chunks is still seen once
    const buf = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    const lastNl = buf.lastIndexOf(10);
    if (lastNl < 0) {
      this.tail = Buffer.from(buf);
      return;
    }
    this.scan(buf.subarray(0, lastNl));
    this.tail = Buffer.from(buf.subarray(lastNl));
  }

  end(): void {
    this.scan(Buffer.concat([this.tail, Buffer.from('\n')]));
    this.tail = Buffer.alloc(0);
  }

  private scan(buf: Buffer): void {
    if (!this.sawList && buf.includes(LIST_KIND)) this.sawList = true;
    for (let i = buf.indexOf(ITEM_KIND); i >= 0; i = buf.indexOf(ITEM_KIND, i + ITEM_KIND.length)) {
      const from = i + ITEM_KIND.length;
      const to = buf.indexOf(34, from); // the closing quote
      if (to < 0) break;
      const kind = buf.toString('utf8', from, to);
      this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    }
  }
}

export function kubectlGet(kubeconfig: string): Promise<KubectlRun> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const p = spawn('kubectl', ['--kubeconfig', kubeconfig, 'get', 'dolphindbs,pods,svc,sts,pvc', '-A', '-o', 'json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const counter = new KindCounter();
    let err = '';
    p.stdout.on('data', (c: Buffer) => counter.push(c));
    p.stderr.on('data', (c: Buffer) => (err += c));
    p.on('error', reject);
    p.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) return reject(new Error(`kubectl exited ${code}: ${err.slice(0, 500)}`));
      counter.end();
      if (!counter.sawList) return reject(new Error('kubectl did not print a List'));
      resolve({ ms, counts: counter.counts });
    });
  });
}

function readLog(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').slice(-1500) : '(no log)';
}

function tmux(args: string[]): string {
  const r = spawnSync('tmux', ['-L', TMUX_SOCKET, ...args], { encoding: 'utf8' });
  return r.stdout ?? '';
}

/** Time from launching k9s (pods view, all namespaces) until its title shows `expectedPods`. */
export async function k9sTime(bin: string, kubeconfig: string, expectedPods: number, timeoutMs = 300000): Promise<number> {
  // a fresh config/state dir per run: no cached screen or benchmark state carries over
  const home = mkdtempSync(path.join(os.tmpdir(), 'ddb-bench-k9s-'));
  const env = [
    `K9S_CONFIG_DIR=${home}/config`,
    `XDG_CONFIG_HOME=${home}/config`,
    `XDG_STATE_HOME=${home}/state`,
    `XDG_DATA_HOME=${home}/data`,
    `XDG_CACHE_HOME=${home}/cache`,
    'TERM=xterm-256color',
  ];
  const cmd = `env ${env.join(' ')} ${bin} --kubeconfig ${kubeconfig} --all-namespaces --command pods --readonly --logoless --logFile ${home}/k9s.log`;
  tmux(['kill-session', '-t', 'k9s']);
  const t0 = process.hrtime.bigint();
  spawnSync('tmux', ['-L', TMUX_SOCKET, 'new-session', '-d', '-s', 'k9s', '-x', '220', '-y', '60', cmd]);
  const re = /pods\(all\)\[(\d[\d,]*)\]/i;
  let last = '';
  try {
    for (;;) {
      if (spawnSync('tmux', ['-L', TMUX_SOCKET, 'has-session', '-t', 'k9s']).status !== 0) {
        throw new Error(`k9s exited before showing ${expectedPods} pods: ${readLog(`${home}/k9s.log`)}`);
      }
      const screen = tmux(['capture-pane', '-p', '-t', 'k9s']);
      const m = re.exec(screen);
      if (m) {
        last = m[1];
        if (Number(m[1].replace(/,/g, '')) >= expectedPods) return Number(process.hrtime.bigint() - t0) / 1e6;
      }
      if (Number(process.hrtime.bigint() - t0) / 1e6 > timeoutMs)
        throw new Error(
          `k9s showed ${last || 'no pod count'} of ${expectedPods} pods after ${timeoutMs} ms:\n${screen.slice(0, 2000)}`,
        );
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    tmux(['kill-session', '-t', 'k9s']);
    rmSync(home, { recursive: true, force: true });
  }
}

export function killTmuxServer(): void {
  spawnSync('tmux', ['-L', TMUX_SOCKET, 'kill-server'], { stdio: 'ignore' });
}
