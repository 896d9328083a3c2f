// CLI for the test ground.  Run: node --import tsx test/ground/cli.ts <command> [options]
//   up [--dir D] [--nodes N]        start (idempotent); prints `export ...` lines for eval
//   down [--dir D] [--purge]        kill every component (and remove the dir with --purge)
//   status [--dir D] [--json]       component pids and health; exit 1 unless all ready
//   restart <component> [--hard] [--down-ms N] [--dir D]
//                                   etcd | kube-apiserver | kube-controller-manager | kube-scheduler | kwok | metrics-server
//                                   (--hard: SIGKILL at once; --down-ms: stay down N ms first)
//   stop <component> [--hard] [--dir D]   stop one component (`up` or `restart` revives it)
//   kubeconfig <user> [--namespace NS] [--dir D]   write a token kubeconfig for a ground user
// The dir defaults to --dir, then $DDB_GROUND_DIR, then (except for `up`) the last dir `up` used.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  COMPONENTS,
  groundDown,
  groundStatus,
  groundUp,
  readState,
  restartComponent,
  stopComponent,
  writeUserKubeconfig,
  type ComponentName,
} from './ground';

const cacheDir = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'ddb-vscode-ground');
const lastDirFile = path.join(cacheDir, 'last-dir');

function parse(argv: string[]): { pos: string[]; flags: Map<string, string | true> } {
  const pos: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      pos.push(a);
      continue;
    }
    const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (v !== undefined) flags.set(k, v);
    else if (['dir', 'nodes', 'namespace', 'down-ms'].includes(k) && i + 1 < argv.length) flags.set(k, argv[++i]!);
    else flags.set(k, true);
  }
  return { pos, flags };
}

function existingDir(flag: string | true | undefined): string {
  const dir =
    typeof flag === 'string'
      ? flag
      : (process.env.DDB_GROUND_DIR ?? (fs.existsSync(lastDirFile) ? fs.readFileSync(lastDirFile, 'utf8').trim() : ''));
  if (!dir || !fs.existsSync(path.join(dir, 'state.json')))
    throw new Error(`no ground state found (dir: ${dir || 'unset'}); pass --dir or set DDB_GROUND_DIR`);
  return dir;
}

async function main(): Promise<number> {
  const { pos, flags } = parse(process.argv.slice(2));
  const cmd = pos[0];
  const err = (m: string) => process.stderr.write(`[ground] ${m}\n`);
  switch (cmd) {
    case 'up': {
      const dirFlag = flags.get('dir');
      const st = await groundUp({
        dir: typeof dirFlag === 'string' ? dirFlag : undefined,
        nodes: typeof flags.get('nodes') === 'string' ? Number(flags.get('nodes')) : undefined,
        log: err,
      });
      fs.mkdirSync(cacheDir, { recursive: true });
      fs.writeFileSync(lastDirFile, st.dir + '\n');
      process.stdout.write(
        `export DDB_GROUND_DIR='${st.dir}'\nexport KUBECONFIG='${st.kubeconfig}'\nexport PATH='${st.binDir}':"$PATH"\n`,
      );
      return 0;
    }
    case 'down': {
      const dir = existingDir(flags.get('dir'));
      await groundDown(dir, { purge: flags.has('purge') });
      err(`ground in ${dir} is down${flags.has('purge') ? ' and removed' : ''}`);
      return 0;
    }
    case 'status': {
      const dir = existingDir(flags.get('dir'));
      const rows = await groundStatus(dir);
      if (flags.has('json')) {
        process.stdout.write(JSON.stringify({ dir, server: readState(dir).server, components: rows }, null, 2) + '\n');
      } else {
        process.stdout.write(`dir ${dir}  server ${readState(dir).server}\n`);
        for (const r of rows)
          process.stdout.write(
            `${r.name.padEnd(24)} ${String(r.pid ?? '-').padEnd(8)} ${r.ready ? 'ready' : r.alive ? 'NOT READY' : 'DOWN'}  ${r.ready ? '' : r.detail}\n`,
          );
      }
      return rows.every((r) => r.ready) ? 0 : 1;
    }
    case 'restart': {
      const name = pos[1] as ComponentName | undefined;
      if (!name || !COMPONENTS.includes(name)) throw new Error(`restart <component>: one of ${COMPONENTS.join(', ')}`);
      const dir = existingDir(flags.get('dir'));
      const t0 = Date.now();
      const downMs = flags.get('down-ms');
      await restartComponent(dir, name, {
        hard: flags.has('hard'),
        downMs: typeof downMs === 'string' ? Number(downMs) : undefined,
      });
      err(`${name} restarted and ready in ${Date.now() - t0} ms (pid ${readState(dir).components[name].pid})`);
      return 0;
    }
    case 'stop': {
      const name = pos[1] as ComponentName | undefined;
      if (!name || !COMPONENTS.includes(name)) throw new Error(`stop <component>: one of ${COMPONENTS.join(', ')}`);
      await stopComponent(existingDir(flags.get('dir')), name, { hard: flags.has('hard') });
      err(`${name} stopped`);
      return 0;
    }
    case 'kubeconfig': {
      const user = pos[1];
      if (!user) throw new Error('kubeconfig <user>');
      const ns = flags.get('namespace');
      process.stdout.write(
        writeUserKubeconfig(existingDir(flags.get('dir')), user, typeof ns === 'string' ? ns : undefined) + '\n',
      );
      return 0;
    }
    default:
      process.stderr.write(
        fs
          .readFileSync(new URL(import.meta.url), 'utf8')
          .split('\n')
          .filter((l) => l.startsWith('//'))
          .slice(1, 12)
          .map((l) => l.slice(3))
          .join('\n') + '\n',
      );
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`[ground] error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
