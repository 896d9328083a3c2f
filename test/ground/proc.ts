// Process helpers for the test ground: detached children in their own process group, liveness
// checks that guard against pid reuse, group kills, and free loopback ports.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

export interface ProcSpec {
  argv: string[];
  env: Record<string, string>;
  log: string;
  cwd: string;
}

/** Starts argv detached (setsid: own session and process group), output appended to log. */
export function spawnDetached(spec: ProcSpec): number {
  const fd = fs.openSync(spec.log, 'a');
  try {
    fs.writeSync(fd, `\n=== ${new Date().toISOString()} start: ${spec.argv.join(' ')}\n`);
    const child = spawn(spec.argv[0]!, spec.argv.slice(1), {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    if (child.pid === undefined) throw new Error(`failed to start ${spec.argv[0]}`);
    child.on('error', () => undefined);
    child.unref();
    return child.pid;
  } finally {
    fs.closeSync(fd);
  }
}

function procStat(pid: number): { state: string; pgid: number } | undefined {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { state: rest[0]!, pgid: Number(rest[2]) };
  } catch {
    return undefined;
  }
}

function exeOf(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
  } catch {
    return undefined;
  }
}

/** True when pid is running (not a zombie) and is still the program we started. */
export function isAlive(pid: number | undefined, exe: string): boolean {
  if (!pid) return false;
  const st = procStat(pid);
  if (!st || st.state === 'Z' || st.state === 'X') return false;
  return exeOf(pid) === exe;
}

/** Pids whose process group is pgid. */
function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    const st = procStat(Number(e));
    if (st && st.pgid === pgid && st.state !== 'Z') out.push(Number(e));
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Ends the process group we started as `exe` with leader `pid`: SIGTERM, then SIGKILL after
 * graceMs (0: SIGKILL at once). The API server can linger well past 20 s on SIGTERM while
 * clients hold watches, hence the short default. If the leader is alive it must still be `exe` (pid reuse guard); if it is gone, any
 * members left in its group are ours (a group id is not reused while the group exists).
 */
export async function killGroup(pid: number | undefined, exe: string, graceMs = 3000): Promise<void> {
  if (!pid) return;
  const leader = procStat(pid);
  if (leader && leader.state !== 'Z' && exeOf(pid) !== exe) return;
  if (groupMembers(pid).length === 0) return;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      /* already gone */
    }
  };
  if (graceMs > 0) signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (groupMembers(pid).length === 0) return;
    await sleep(50);
  }
  signal('SIGKILL');
  while (groupMembers(pid).length > 0 && Date.now() < deadline + 5000) await sleep(50);
}

/** n distinct free TCP ports on 127.0.0.1 (all held open at once, then released). */
export async function freePorts(n: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < n; i++) {
      const srv = net.createServer();
      servers.push(srv);
      await new Promise<void>((res, rej) => {
        srv.once('error', rej);
        srv.listen(0, '127.0.0.1', () => res());
      });
      ports.push((srv.address() as net.AddressInfo).port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(() => r(undefined)))));
  }
}
