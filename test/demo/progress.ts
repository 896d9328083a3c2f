// Long install steps of `npm run demo` (the Go build of the control plane, the VS Code rig) with
// progress: the full output goes to a log file, and every few seconds one line says what is being
// built and for how long, instead of minutes of silence. On failure it prints the one line that
// matters and the log's path.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

export interface StepOptions {
  readonly cwd: string;
  readonly logFile: string;
  readonly env?: NodeJS.ProcessEnv;
  /** How often to say "still …" (ms). */
  readonly everyMs?: number;
  readonly say: (line: string) => void;
}

export class StepFailed extends Error {
  constructor(
    readonly step: string,
    readonly line: string,
    readonly logFile: string,
  ) {
    super(`${step} failed: ${line}\n  full log: ${logFile}`);
  }
}

const elapsed = (ms: number): string => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
};

/** The latest progress marker the scripts print (`[ground-build] building kube-apiserver v1.34.4`). */
export function currentActivity(text: string): string | undefined {
  const marks = [...text.matchAll(/^\[(?:ground-build|vscode-rig)\] (.+)$/gm)];
  return marks.at(-1)?.[1].replace(/\s*\(several minutes;.*$/, '');
}

/** The line that explains a failure: the last error-looking line, else the last non-empty one. */
export function failureLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const err = [...lines].reverse().find((l) => /\b(error|failed|cannot|denied|not found)\b/i.test(l));
  return (err ?? lines.at(-1) ?? '(no output)').slice(0, 300);
}

/** Runs `cmd args`, output appended to logFile, with a progress line every `everyMs`. Resolves stdout. */
export function runStep(step: string, cmd: string, args: readonly string[], opts: StepOptions): Promise<string> {
  const started = Date.now();
  const fd = fs.openSync(opts.logFile, 'a');
  let out = '';
  let all = '';
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, [...args], { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const take = (isOut: boolean) => (d: Buffer) => {
      fs.writeSync(fd, d);
      all += d.toString();
      if (all.length > 1 << 20) all = all.slice(-(1 << 19));
      if (isOut) out += d.toString();
    };
    p.stdout.on('data', take(true));
    p.stderr.on('data', take(false));
    const timer = setInterval(() => {
      const what = currentActivity(all);
      opts.say(`  … ${step}: ${what ?? 'working'} (${elapsed(Date.now() - started)})`);
    }, opts.everyMs ?? 15_000);
    const done = (code: number | null) => {
      clearInterval(timer);
      fs.closeSync(fd);
      if (code === 0) {
        opts.say(`  ${step}: done in ${elapsed(Date.now() - started)}`);
        resolve(out);
      } else reject(new StepFailed(step, failureLine(all), opts.logFile));
    };
    p.on('exit', done);
    p.on('error', (e) => {
      all += `\n${String(e)}`;
      done(127);
    });
  });
}
