// Helm location, version, the process runner and install failures, with a fake `helm` script
// (no cluster): proves argument arrays, line streaming, license scrubbing, process-group kill.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { helmVersion, locateHelm, parseHelmVersion } from '../../../src/core/operations/helm';
import { installSuite, planInstallSuite, type InstallSuiteOptions } from '../../../src/core/operations/suite';
import { runProcess } from '../../../src/core/operations/process';
import { testContext } from './ctx';
import { licensePath } from './fixtures';

const posix = process.platform !== 'win32';
const validLicense = licensePath('fake-valid-2042.lic');

let dir = '';
let fakeHelm = '';
let chart = '';

const SCRIPT = `#!/bin/sh
# fake helm for tests; FAKE_HELM_MODE selects the behaviour
if [ "$1" = "version" ]; then echo "\${FAKE_HELM_VERSION:-v3.15.2+gabc1234}"; exit 0; fi
echo "args: $*"
case "$FAKE_HELM_MODE" in
  ok) echo 'Release "dolphindb-mgr" has been upgraded. Happy Helming!'; echo "STATUS: deployed"; exit 0;;
  norepo) echo 'Error: INSTALLATION FAILED: repo dolphindb not found' >&2; exit 1;;
  leak) for a in "$@"; do case "$a" in license.content=*) cat "\${a#license.content=}" >&2;; esac; done; echo 'Error: boom' >&2; exit 1;;
  hang) sleep 60 & echo $! > "$FAKE_HELM_PIDFILE"; echo "waiting"; wait;;
esac
exit 3
`;

/** A killed process whose new parent (PID 1 in a container) does not reap it stays a zombie. */
function deadOrZombie(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /^\d+ \([^)]*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

function options(extra: Partial<InstallSuiteOptions> = {}): InstallSuiteOptions {
  return {
    namespace: 'ddb-unit',
    chart: { kind: 'file', path: chart },
    licenseFile: validLicense,
    helmPath: fakeHelm,
    values: { serviceType: 'NodePort', nodePortIP: '10.1.2.3', storageClass: 'standard' },
    ...extra,
  };
}

describe('helm (fake binary)', { skip: !posix && 'needs a POSIX shell' }, () => {
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-helm-unit-'));
    fakeHelm = path.join(dir, 'helm');
    fs.writeFileSync(fakeHelm, SCRIPT, { mode: 0o755 });
    chart = path.join(dir, 'dolphindb-mgr-v1.1.7.tgz');
    fs.writeFileSync(chart, 'not really a chart');
  });
  after(() => {
    delete process.env.FAKE_HELM_MODE;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('parses versions', () => {
    assert.equal(parseHelmVersion('v3.19.0+g3d8990f'), 'v3.19.0');
    assert.equal(parseHelmVersion('Client: &version.Version{SemVer:"v2.17.0"}'), 'v2.17.0');
    assert.equal(parseHelmVersion('nope'), undefined);
  });

  it('an explicit path that does not exist is helmMissing, never a fallback to PATH', async () => {
    const r = await locateHelm(testContext(), path.join(dir, 'missing', 'helm'));
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.kind, 'helmMissing');
    assert.match(!r.ok ? r.error.reason : '', /dolphindbK8s\.helmPath/);
  });

  it('finds helm on PATH and reads its version', async () => {
    const saved = process.env.PATH;
    process.env.PATH = `${dir}${path.delimiter}/nonexistent`;
    try {
      const r = await helmVersion(testContext());
      assert.ok(r.ok, JSON.stringify(r));
      assert.equal(r.value.path, fakeHelm);
      assert.equal(r.value.version, 'v3.15.2');
      process.env.PATH = '/nonexistent';
      const missing = await helmVersion(testContext());
      assert.equal(!missing.ok && missing.error.kind, 'helmMissing');
    } finally {
      process.env.PATH = saved;
    }
  });

  it('refuses Helm 2', async () => {
    process.env.FAKE_HELM_VERSION = 'Client: v2.17.0+ga690bad';
    try {
      const r = await helmVersion(testContext(), fakeHelm);
      assert.equal(!r.ok && r.error.kind, 'helmMissing');
      assert.match(!r.ok ? r.error.reason : '', /Helm 3/);
    } finally {
      delete process.env.FAKE_HELM_VERSION;
    }
  });

  it('plans the install: command with the license path, never its content', async () => {
    const p = await planInstallSuite(testContext(), options());
    assert.ok(p.ok, JSON.stringify(p));
    assert.match(p.value.command, /upgrade --install dolphindb-mgr .*--set-file license.content=\S+fake-valid-2042.lic/);
    assert.ok(!p.value.command.includes('UvImZaYMEtKJGF2VDuiBNgkWb2sRPReNbA'));
    assert.ok(p.value.changes.some((c) => c.includes('2042-01-01')));
  });

  it('streams helm output line by line and succeeds', async () => {
    process.env.FAKE_HELM_MODE = 'ok';
    const ctx = testContext();
    const r = await installSuite(ctx, options());
    assert.ok(r.ok, JSON.stringify(r));
    assert.ok(ctx.lines.includes('helm: STATUS: deployed'));
    assert.ok(ctx.lines.some((l) => l.startsWith('helm: args: upgrade --install dolphindb-mgr')));
  });

  it('chart not found (missing file) changes nothing', async () => {
    const r = await installSuite(testContext(), options({ chart: { kind: 'file', path: path.join(dir, 'nope.tgz') } }));
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.kind, 'notFound');
    assert.equal(!r.ok && r.error.changed, false);
    assert.match(!r.ok ? r.error.reason : '', /Chart not found/);
  });

  it("chart not found (repository) is reported from helm's stderr", async () => {
    process.env.FAKE_HELM_MODE = 'norepo';
    const r = await installSuite(
      testContext(),
      options({ chart: { kind: 'repo', ref: 'dolphindb/dolphindb-mgr' }, version: 'v1.1.7' }),
    );
    assert.equal(!r.ok && r.error.kind, 'notFound');
    assert.equal(!r.ok && r.error.changed, false);
    assert.match(!r.ok ? r.error.reason : '', /chart not found: .*repo dolphindb not found/);
  });

  it('helmFailed carries the last stderr lines, with license content scrubbed everywhere', async () => {
    process.env.FAKE_HELM_MODE = 'leak';
    const ctx = testContext();
    const r = await installSuite(ctx, options());
    assert.equal(!r.ok && r.error.kind, 'helmFailed');
    assert.equal(!r.ok && r.error.changed, true);
    assert.ok(!r.ok && r.error.leftState?.includes('helm status dolphindb-mgr -n ddb-unit'));
    const license = fs
      .readFileSync(validLicense, 'utf8')
      .split('\n')
      .filter((l) => l.length >= 16);
    const everything = [...ctx.lines, !r.ok ? r.error.reason : ''].join('\n');
    for (const l of license) assert.ok(!everything.includes(l), 'license line leaked');
    assert.ok(ctx.lines.includes('helm: [license content redacted]'));
    assert.match(!r.ok ? r.error.reason : '', /Error: boom/);
  });

  it('invalid input is refused before helm runs', async () => {
    process.env.FAKE_HELM_MODE = 'ok';
    const ctx = testContext();
    const r = await installSuite(ctx, options({ namespace: 'Bad;ns' }));
    assert.equal(!r.ok && r.error.kind, 'invalid');
    assert.equal(ctx.lines.length, 0);
    for (const lic of ['fake-empty.lic', 'fake-binary.lic', 'fake-malformed-header.lic', 'fake-expired-2021.lic']) {
      const x = await installSuite(testContext(), options({ licenseFile: licensePath(lic) }));
      assert.equal(!x.ok && x.error.kind, 'invalid', lic);
    }
  });

  it('cancellation kills the whole process group', async () => {
    process.env.FAKE_HELM_MODE = 'hang';
    const pidFile = path.join(dir, 'child.pid');
    process.env.FAKE_HELM_PIDFILE = pidFile;
    const ctx = testContext();
    const started = Date.now();
    const running = installSuite(ctx, options());
    while (!fs.existsSync(pidFile) || fs.readFileSync(pidFile, 'utf8').trim() === '') await new Promise((r) => setTimeout(r, 50));
    const child = Number(fs.readFileSync(pidFile, 'utf8'));
    ctx.abort.abort();
    const r = await running;
    assert.equal(!r.ok && r.error.kind, 'cancelled');
    assert.equal(!r.ok && r.error.changed, true, 'helm may have started changing things');
    assert.ok(Date.now() - started < 10_000);
    await new Promise((res) => setTimeout(res, 200));
    assert.ok(deadOrZombie(child), 'the grandchild must be gone too');
  });

  it('bounded time: a process that runs too long is stopped', async () => {
    const ctx = testContext();
    const r = await runProcess(ctx, {
      command: process.execPath,
      args: ['-e', 'console.log("start"); setTimeout(() => {}, 60000)'],
      timeoutMs: 500,
      label: 'node',
      operation: 'test',
    });
    assert.equal(!r.ok && r.error.kind, 'timeout');
    assert.ok(ctx.lines.includes('node: start'));
  });

  it('arguments are never interpreted by a shell', async () => {
    const marker = path.join(dir, 'pwned');
    const r = await runProcess(testContext(), {
      command: process.execPath,
      args: ['-e', 'console.log(process.argv[1])', `$(touch ${marker}); touch ${marker}`],
      timeoutMs: 5000,
      label: 'node',
      operation: 'test',
    });
    assert.ok(r.ok);
    assert.equal(r.value.stdoutTail[0], `$(touch ${marker}); touch ${marker}`);
    assert.ok(!fs.existsSync(marker));
  });
});
