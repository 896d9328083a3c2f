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

export function kubectlGet(kubeconfig: string): Promise<KubectlRun> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const p = spawn('kubectl', ['--kubeconfig', kubeconfig, 'get', 'dolphindbs,pods,svc,sts,pvc', '-A', '-o', 'json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let err = '';
    p.stdout.on('data', (c: Buffer) => chunks.push(c));
    p.stderr.on('data', (c: Buffer) => (err += c));
    p.on('error', reject);
    p.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) return reject(new Error(`kubectl exited ${code}: ${err.slice(0, 500)}`));
      // counted after the clock stopped: what kubectl returned, by kind
      const items = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { items: { kind: string }[] }).items;
      const counts: Record<string, number> = {};
      for (const i of items) counts[i.kind] = (counts[i.kind] ?? 0) + 1;
      resolve({ ms, counts });
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
