// `npm run demo`: the local real control plane, the simulated operator, the DolphinDB suite
// (the fixture chart, packed and installed with the real helm binary), three sample clusters and VS Code in
// the browser with the extension installed and KUBECONFIG set. Prints the URL; Ctrl-C stops
// everything it started and removes its temporary files.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeHttp } from '../../src/core/k8s/http';
import { example, licenseFile, suiteChart } from '../fixtures/paths';
import { seedSamples } from '../fixtures/samples';
import { groundDown, groundUp } from '../ground/ground';
import { REPO_ROOT, startCodeServer, type CodeServer } from '../vscode-rig/code-server';
import { installUnpackedExtension } from '../vscode-rig/ui';
import { runStep, StepFailed } from './progress';

const log = (m: string): void => {
  process.stdout.write(`[demo] ${m}\n`);
};

function must(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(cmd, args, { cwd: REPO_ROOT, encoding: 'utf8', env: opts.env ?? process.env, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-demo-'));
  let operator: ChildProcess | undefined;
  let server: CodeServer | undefined;
  let groundDir: string | undefined;
  let stopping = false;
  const stop = async (code: number): Promise<never> => {
    if (stopping) process.exit(code);
    stopping = true;
    log('stopping…');
    await server?.stop().catch(() => undefined);
    operator?.kill('SIGTERM');
    if (groundDir) await groundDown(groundDir, { purge: true }).catch(() => undefined);
    fs.rmSync(work, { recursive: true, force: true });
    log('stopped; nothing left running');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const installLog = path.join(os.tmpdir(), 'ddb-demo-install.log');
    fs.writeFileSync(installLog, '');
    const step = { cwd: REPO_ROOT, logFile: installLog, say: log };
    log('building the extension');
    must(process.execPath, ['esbuild.mjs']);
    log(
      `building the control plane from the Go module proxy (cached after the first time; the first build takes 10-60 min on 2 cores; log: ${installLog})`,
    );
    await runStep('control plane', 'bash', ['test/ground/build-binaries.sh'], step);
    log('installing Chromium, Node 24 and code-server (cached after the first time; about 2 min the first time)');
    await runStep('VS Code', 'bash', ['test/vscode-rig/setup.sh'], step);
    log('starting the control plane');
    const st = await groundUp({ dir: path.join(work, 'ground'), log: (m) => log(m) });
    groundDir = st.dir;
    const env = { ...process.env, KUBECONFIG: st.kubeconfig, PATH: `${st.binDir}${path.delimiter}${process.env.PATH}` };

    log('starting the SIMULATED DolphinDB operator (a stand-in for the closed-source one)');
    const opLog = fs.openSync(path.join(work, 'sim-operator.log'), 'a');
    operator = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/sim-operator/main.ts',
        '--kubeconfig',
        st.kubeconfig,
        '--all-namespaces',
        '--log-dir',
        path.join(work, 'pod-logs'),
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', opLog, opLog] },
    );

    log('installing the DolphinDB suite chart v1.1.7 (the test fixture) with helm');
    const chart = suiteChart('v1.1.7');
    const license = licenseFile('fake-valid-2042.lic');
    must(
      st.helm,
      [
        'upgrade',
        '--install',
        'dolphindb-mgr',
        chart,
        '-n',
        'dolphindb',
        '--create-namespace',
        '--set',
        'global.serviceType=NodePort',
        '--set',
        'global.storageClass=standard',
        '--set',
        'dolphindb-webserver.nodePortIP=127.0.0.1',
        '--set-file',
        `license.content=${license}`,
      ],
      { env },
    );

    log('creating three sample clusters (standalone, single-controller, HA 3×3)');
    const kc = new KubeConfig();
    kc.loadFromFile(st.kubeconfig);
    const http = new KubeHttp(kc);
    await seedSamples(http);
    http.dispose();

    const workspace = path.join(work, 'workspace');
    fs.mkdirSync(workspace, { recursive: true });
    for (const f of ['01-standalone.yaml', '02-singlecontroller.yaml', '03-multicontroller-ha-3ctr-3dn.yaml'])
      fs.copyFileSync(example(`valid/${f}`), path.join(workspace, f));
    fs.copyFileSync(example('invalid/i01-multicontroller-two-controllers.yaml'), path.join(workspace, 'broken-cluster.yaml'));

    const extensionsDir = path.join(work, 'extensions');
    fs.mkdirSync(extensionsDir, { recursive: true });
    installUnpackedExtension(REPO_ROOT, extensionsDir);
    // A VS Code as users have it: toasts and confirmation dialogs shown (no test driver), and
    // workspace trust on (the demo folder asks to be trusted once, as any new folder does).
    server = await startCodeServer({
      env: { KUBECONFIG: st.kubeconfig, PATH: env.PATH },
      extensionsDir,
      port: process.env.DEMO_PORT ? Number(process.env.DEMO_PORT) : undefined,
      testDriver: false,
      workspaceTrust: true,
    });
    const url = server.workbenchUrl(workspace);
    log('ready');
    console.log(
      `\n  VS Code with the DolphinDB extension: ${url}\n  KUBECONFIG=${st.kubeconfig}\n  Press Ctrl-C to stop everything.\n`,
    );
  } catch (e) {
    if (e instanceof StepFailed) log(`${e.step} failed: ${e.line}\n[demo] full log: ${e.logFile}`);
    else console.error(e instanceof Error ? e.message : e);
    await stop(1);
  }
}

void main();
