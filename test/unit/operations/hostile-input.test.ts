// Hostile names and values in every lifecycle command (issue 8, "Reliability and security"). One
// table of inputs goes through every validator and argument builder the commands use: create,
// upgrade, scale, configure, license swap and restore, install/uninstall of the suite, core dump
// directory, instances, volumes, delete by typed name. Each input must be either rejected with a
// printable reason (no raw control, format or separator characters, bounded length), or passed on
// safely: Helm gets an argv array whose --set values parse back to exactly the input, and API
// bodies carry the input as JSON that parses back to the same string.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { english as t } from '../../../src/core/i18n/translate';
import { KubeHttp, type RequestOptions } from '../../../src/core/k8s/http';
import type { KubeObject } from '../../../src/core/k8s/resources';
import { fail, ok, type Result } from '../../../src/core/result';
import type { DolphinDBSpec } from '../../../src/core/dolphindb/types';
import type { Role } from '../../../src/core/dolphindb/names';
import type { ClusterObject } from '../../../src/core/operations/cluster';
import { applyCluster } from '../../../src/core/operations/create';
import { checkConfigure, configure } from '../../../src/core/operations/configure';
import { planSetCoreDumpDir } from '../../../src/core/operations/coredump';
import { deleteCluster, planDeleteCluster } from '../../../src/core/operations/delete';
import {
  buildInstallArgs,
  buildReuseValuesArgs,
  buildUninstallArgs,
  checkChart,
  checkNamespace,
  checkSuiteValues,
  escapeSetValue,
  type SuiteValues,
} from '../../../src/core/operations/helmArgs';
import {
  checkAbsolutePath,
  checkLabel,
  checkNodeIPv4,
  checkSubdomain,
  checkText,
  clip,
} from '../../../src/core/operations/input';
import { checkInstanceAction, pauseInstance } from '../../../src/core/operations/instances';
import { planLicenseSwap, planRestoreLicense } from '../../../src/core/operations/license';
import { readLicenseFile } from '../../../src/core/operations/licenseFile';
import type { Outcome } from '../../../src/core/operations/outcome';
import { checkScale, scale } from '../../../src/core/operations/scale';
import { installSuite, planInstallSuite, uninstallSuite } from '../../../src/core/operations/suite';
import { checkTargetVersion, upgrade } from '../../../src/core/operations/upgrade';
import { checkAddVolume } from '../../../src/core/operations/volumes';
import { FALLBACK_VERSIONS_V1_1_7 } from '../../../src/core/dolphindb/versions';
import { testContext } from './ctx';
import { clusterCr, licensePath } from './fixtures';

/** [label, value]: shell syntax, flag look-alikes, control and invisible characters, paths, size. */
const HOSTILE: readonly (readonly [string, string])[] = [
  ['shell ;', '; rm -rf /'],
  ['shell $()', '$(id)'],
  ['backticks', '`id`'],
  ['pipe', 'a|cat /etc/passwd'],
  ['&&', 'a && reboot'],
  ['||', 'a || true'],
  ['redirect', 'a>/tmp/x'],
  ['double quotes', '"x" --set a=b'],
  ['single quotes', "x'; id; '"],
  ['newline', 'v2.00.16\nmaxMemSize=999'],
  ['CR LF', 'a\r\nb'],
  ['lone CR', 'a\rb'],
  ['NUL', 'a\u0000b'],
  ['ESC sequence', '\u001b[31mred'],
  ['DEL', 'a\u007f'],
  ['C1 NEL', 'a\u0085b'],
  ['very long', 'a'.repeat(100_000)],
  ['long name', 'a'.repeat(64)],
  ['Cyrillic look-alike', 'd\u043emo'],
  ['fullwidth', '\uff44\uff44\uff42'],
  ['Unicode hyphen', 'ddb\u2010test'],
  ['zero-width space', 'ddb\u200btest'],
  ['bidi override', 'ddb\u202etxt.exe'],
  ['line separator', 'a\u2028b'],
  ['lone surrogate', 'a\ud800b'],
  ['BOM', '\ufeffddb'],
  ['long helm flag', '--kubeconfig=/x'],
  ['short helm flag', '-n'],
  ['flag with value', '--post-renderer=/tmp/evil'],
  ['--set injection', 'a,global.x=y'],
  ['--set list', '{a,b}'],
  ['backslash', 'a\\,b\\'],
  ['relative ../', '../../etc/passwd'],
  ['absolute with ..', '/data/../etc'],
  ['empty', ''],
  ['blank', '   '],
  ['glob', '*'],
  ['tilde', '~/x'],
  ['YAML', 'a: b\nc: d'],
  ['JSON', '{"a":1}'],
  ['uppercase', 'DDB'],
  ['namespace/name', 'other/ddb'],
  ['percent escape', 'a%2Fb'],
];

/** Characters a reason must never carry: controls, format (bidi), surrogates, line/paragraph separators. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
const counts = { rejected: 0, passedSafely: 0 };

function assertPrintable(reason: string | undefined, what: string): void {
  assert.ok(reason && reason.length > 0, `${what}: a reason`);
  assert.ok(!UNPRINTABLE.test(reason), `${what}: unprintable character in ${JSON.stringify(reason.slice(0, 200))}`);
  assert.ok(reason.length < 2_000, `${what}: reason of ${reason.length} characters`);
}

function rejected(reason: string | undefined, what: string): void {
  assertPrintable(reason, what);
  counts.rejected++;
}

/**
 * Helm's --set parser (strvals) for one argument, reduced to what matters here: `\` escapes the
 * next character, an unescaped `,` starts the next key, a value starting with an unescaped `{`
 * is a list. Returns every key=value it would set.
 */
function helmSetPairs(arg: string): { key: string; value: string; list: boolean }[] {
  const out: { key: string; value: string; list: boolean }[] = [];
  let i = 0;
  while (i <= arg.length) {
    let key = '';
    while (i < arg.length && arg[i] !== '=' && arg[i] !== ',') key += arg[i++];
    if (arg[i] !== '=') {
      out.push({ key, value: '', list: false });
      i++;
      continue;
    }
    i++;
    const list = arg[i] === '{';
    let value = '';
    while (i < arg.length && arg[i] !== ',') {
      if (arg[i] === '\\' && i + 1 < arg.length) i++;
      value += arg[i++];
    }
    out.push({ key, value, list });
    i++;
    if (i > arg.length) break;
  }
  return out;
}

function assertSetsExactly(args: readonly string[], flag: string, key: string, value: string): void {
  const i = args.findIndex((a, k) => args[k - 1] === flag && a.startsWith(`${key}=`));
  assert.ok(i > 0, `${flag} ${key}=… in ${JSON.stringify(args).slice(0, 300)}`);
  assert.deepEqual(helmSetPairs(args[i]), [{ key, value, list: false }], `${key} parses back to exactly the input`);
  counts.passedSafely++;
}

/** A KubeHttp that never opens a socket: answers from `handler` and records every request. */
class FakeHttp extends KubeHttp {
  readonly calls: { method: string; path: string; body: unknown }[] = [];
  constructor(private readonly handler: (method: string, path: string) => unknown) {
    super(new KubeConfig());
  }
  override request<T = unknown>(p: string, opts: RequestOptions = {}): Promise<Result<T>> {
    const method = opts.method ?? 'GET';
    // What goes on the wire is JSON.stringify(body): record that, parsed back.
    this.calls.push({
      method,
      path: p,
      body:
        opts.body === undefined
          ? undefined
          : (JSON.parse(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body)) as unknown),
    });
    const answer = this.handler(method, p);
    if (answer === undefined) {
      const name = decodeURIComponent(p.split('/').pop() ?? '');
      return Promise.resolve(fail({ kind: 'notFound', operation: `${method} ${p}`, reason: `"${name}" not found` }));
    }
    return Promise.resolve(ok(JSON.parse(JSON.stringify(answer)) as T));
  }
  writes(): { method: string; path: string; body: unknown }[] {
    return this.calls.filter((c) => c.method !== 'GET');
  }
}

const REF = { namespace: 'dolphindb', name: 'ha' };

/** A cluster `ha` in `dolphindb`; pods and other lists are empty; writes echo a resourceVersion. */
function clusterHttp(cr: KubeObject = clusterCr('ha', 'dolphindb', { clusterType: 'singlecontroller', datanodes: 2 })): FakeHttp {
  const stored = { ...cr, metadata: { ...cr.metadata, resourceVersion: '7', uid: 'u-1' } };
  return new FakeHttp((method, p) => {
    if (method !== 'GET') return { ...stored, metadata: { ...stored.metadata, resourceVersion: '8' } };
    if (p.endsWith('/dolphindbs/ha')) return stored;
    if (p.endsWith('/pods') || p.endsWith('/persistentvolumeclaims')) return { items: [] };
    return undefined;
  });
}

function refusedInvalid<T, P>(o: Outcome<T, P>, what: string): void {
  assert.equal(o.ok, false, `${what}: refused`);
  if (o.ok) return;
  assert.equal(o.error.kind, 'invalid', `${what}: ${o.error.kind} ${o.error.reason.slice(0, 200)}`);
  assert.equal(o.error.changed, false, what);
  rejected(o.error.reason, what);
}

const ctx = testContext();

describe('hostile input: names (cluster, namespace, volume, suite namespace, StorageClass, PVC)', () => {
  it('every hostile name is rejected with a printable reason', () => {
    for (const [label, v] of HOSTILE) {
      rejected(checkLabel(t, 'Cluster name', v), `label ${label}`);
      rejected(checkNamespace(t, v), `namespace ${label}`);
      // A dotted DNS name may be 253 long: "aaa…" (64) is a valid, harmless StorageClass name.
      const sc = checkSubdomain(t, 'StorageClass', v);
      if (sc !== undefined || !/^[a-z0-9.-]{1,253}$/.test(v)) rejected(sc, `subdomain ${label}`);
    }
    // Not strings at all, as a script could pass them.
    for (const v of [undefined, null, 42, {}, ['ddb']]) rejected(checkLabel(t, 'Cluster name', v), `label ${JSON.stringify(v)}`);
  });

  it('operations with a hostile cluster or namespace name refuse before any API request', async () => {
    for (const [label, v] of HOSTILE) {
      for (const ref of [
        { namespace: v, name: 'ha' },
        { namespace: 'dolphindb', name: v },
      ]) {
        const http = clusterHttp();
        refusedInvalid(await upgrade(ctx, http, ref, 'v2.00.16'), `upgrade ${label}`);
        refusedInvalid(await scale(ctx, http, ref, 'datanode', 3), `scale ${label}`);
        refusedInvalid(await configure(ctx, http, ref, { logMode: 1 }), `configure ${label}`);
        refusedInvalid(await planDeleteCluster(ctx, http, ref), `plan delete ${label}`);
        refusedInvalid(await deleteCluster(ctx, http, ref, ref.name), `delete ${label}`);
        refusedInvalid(await planLicenseSwap(ctx, http, ref, licensePath('fake-valid-2042.lic')), `license swap ${label}`);
        refusedInvalid(await planRestoreLicense(ctx, http, ref, { restartPods: [] }), `license restore ${label}`);
        refusedInvalid(await pauseInstance(ctx, http, ref, { role: 'datanode', index: 0 }), `pause ${label}`);
        assert.deepEqual(http.calls, [], `${label}: no request with a hostile name`);
      }
      const http = clusterHttp();
      refusedInvalid(
        await planLicenseSwap(ctx, http, REF, licensePath('fake-valid-2042.lic'), { suiteNamespace: v }),
        `suite namespace ${label}`,
      );
      assert.deepEqual(http.calls, []);
    }
  });

  it('create: a hostile metadata.name or namespace is refused before any API request', async () => {
    for (const [label, v] of HOSTILE) {
      for (const meta of [
        { name: v, namespace: 'dolphindb' },
        { name: 'ha', namespace: v },
      ]) {
        const cr = clusterCr('ha', 'dolphindb');
        const http = clusterHttp();
        refusedInvalid(await applyCluster(ctx, http, { ...cr, metadata: meta }), `create ${label}`);
        assert.deepEqual(http.calls, []);
      }
    }
  });
});

describe('hostile input: delete confirmation by typed name', () => {
  it('anything but the exact name is refused before any API request, and the reason does not echo it', async () => {
    const lookalikes = [
      ...HOSTILE.map(([, v]) => v),
      'HA',
      'ha ',
      ' ha',
      'ha\n',
      'h\u0430',
      '\uff48\uff41',
      'ha\u200b',
      'h a',
      'ha\u0000',
    ];
    for (const typed of lookalikes) {
      const http = clusterHttp();
      const o = await deleteCluster(ctx, http, REF, typed);
      refusedInvalid(o, `typed ${JSON.stringify(typed.slice(0, 20))}`);
      if (!o.ok && typed.length > 3) assert.ok(!o.error.reason.includes(typed), 'the typed text is not echoed');
      assert.deepEqual(http.calls, []);
    }
  });
});

describe('hostile input: upgrade version', () => {
  it('every hostile version is rejected by the rules and by the operation, which writes nothing', async () => {
    for (const [label, v] of [
      ...HOSTILE,
      ['version + newline', 'v2.00.16\n'],
      ['version + flag', 'v2.00.16 --force'],
      ['version path', 'v2.00.16/../x'],
    ] as const) {
      const check = checkTargetVersion(t, 'v2.00.14', v, FALLBACK_VERSIONS_V1_1_7);
      assert.ok(check.errors.length > 0, `version ${label}`);
      rejected(check.errors.join(' '), `version ${label}`);
      const http = clusterHttp();
      refusedInvalid(await upgrade(ctx, http, REF, v), `upgrade to ${label}`);
      assert.deepEqual(http.writes(), []);
    }
  });
});

describe('hostile input: scale replicas and roles', () => {
  const spec = clusterCr('ha', 'dolphindb').spec as DolphinDBSpec;
  it('non-integers, huge, negative and string replica counts are rejected', async () => {
    const bad: unknown[] = [
      ...HOSTILE.map(([, v]) => v),
      '3',
      '3; rm -rf /',
      NaN,
      Infinity,
      -Infinity,
      -1,
      1.5,
      1e21,
      2 ** 53,
      257,
      null,
      undefined,
      {},
      [3],
      true,
    ];
    for (const v of bad) {
      const check = checkScale(t, spec, 'datanode', v);
      assert.ok(check.errors.length > 0, `replicas ${String(v).slice(0, 20)}`);
      rejected(check.errors.join(' '), `replicas ${String(v).slice(0, 20)}`);
      const http = clusterHttp();
      refusedInvalid(await scale(ctx, http, REF, 'datanode', v as number), `scale to ${String(v).slice(0, 20)}`);
      assert.deepEqual(http.writes(), []);
    }
  });
  it('hostile role names are rejected with a printable reason', () => {
    for (const [label, v] of HOSTILE) {
      rejected(checkScale(t, spec, v as Role, 3).errors.join(' '), `role ${label}`);
      const cluster: ClusterObject = { ref: REF, resourceVersion: '1', uid: 'u', spec, status: {}, deleting: false };
      rejected(checkInstanceAction(t, cluster, { role: v as Role, index: 0 }, 'pause').error, `instance role ${label}`);
    }
  });
});

describe('hostile input: configure', () => {
  const spec = clusterCr('ha', 'dolphindb').spec as DolphinDBSpec;
  it('hostile setting names, roles and resource values are rejected with printable reasons', () => {
    for (const [label, v] of HOSTILE) {
      const keyErrors = checkConfigure(t, spec, { clusterConfig: { [v]: '1' } }).errors;
      // "aaa…" (64) is a well-formed setting name: harmless, it only goes into a JSON patch.
      if (keyErrors.length > 0 || !/^[A-Za-z][A-Za-z0-9_.]{0,127}$/.test(v)) rejected(keyErrors.join(' '), `key ${label}`);
      rejected(checkConfigure(t, spec, { config: { [v]: { a: '1' } } as never }).errors.join(' '), `config role ${label}`);
      rejected(
        checkConfigure(t, spec, { resources: { [v]: { limits: { cpu: '1' } } } as never }).errors.join(' '),
        `resources role ${label}`,
      );
      rejected(checkConfigure(t, spec, { resources: { datanode: { limits: { cpu: v } } } }).errors.join(' '), `cpu ${label}`);
      rejected(
        checkConfigure(t, spec, { resources: { datanode: { [v]: { cpu: '1' } } as never } }).errors.join(' '),
        `resources kind ${label}`,
      );
      rejected(checkConfigure(t, spec, { [v]: 1 } as never).errors.join(' '), `change ${label}`);
    }
  });

  it('config values: line breaks and control characters are rejected, anything else reaches the patch unchanged', async () => {
    for (const [label, v] of HOSTILE) {
      const check = checkConfigure(t, spec, { clusterConfig: { maxMemSize: v } });
      const http = clusterHttp();
      const o = await configure(ctx, http, REF, { clusterConfig: { maxMemSize: v } }, { wait: false });
      if (checkText(t, 'v', v) !== undefined) {
        rejected(check.errors.join(' '), `value ${label}`);
        refusedInvalid(o, `configure value ${label}`);
        assert.deepEqual(http.writes(), []);
        continue;
      }
      assert.deepEqual(check.errors, [], `value ${label}`);
      assert.ok(!/[\r\n\u0000]/.test(v));
      // "1" is already set: no change, no write. Everything else is one merge patch of the cluster.
      if (v === '1') continue;
      assert.ok(o.ok, `configure value ${label}: ${o.ok ? '' : o.error.reason}`);
      const writes = http.writes();
      assert.equal(writes.length, 1, label);
      assert.equal(writes[0].method, 'PATCH');
      assert.equal(writes[0].path, '/apis/dolphindb.dolphindb.io/v1/namespaces/dolphindb/dolphindbs/ha');
      const body = writes[0].body as { spec: { controller: { clusterConfig: Record<string, unknown> } } };
      assert.deepEqual(body.spec.controller.clusterConfig, { maxMemSize: v }, `value ${label} parses back unchanged`);
      counts.passedSafely++;
    }
  });
});

describe('hostile input: create (server-side apply body)', () => {
  it('annotations and config values either are refused or reach the API as the same strings', async () => {
    for (const [label, v] of HOSTILE) {
      const cr = clusterCr('ha', 'dolphindb');
      const spec = cr.spec as { datanode: { config: Record<string, string> } };
      spec.datanode.config = { webWorkerNum: v };
      cr.metadata.annotations = { 'example.com/note': v };
      const http = new FakeHttp((method, p) =>
        method === 'PATCH'
          ? { ...cr, metadata: { ...cr.metadata, resourceVersion: '1' } }
          : p.endsWith('/pods')
            ? { items: [] }
            : undefined,
      );
      const o = await applyCluster(ctx, http, cr);
      if (!o.ok) {
        refusedInvalid(o, `create with ${label}`);
        assert.deepEqual(http.writes(), []);
        continue;
      }
      assert.equal(checkText(t, 'v', v), undefined, `${label} was applied although it has line breaks or control characters`);
      const applied = http.writes().filter((w) => !JSON.stringify(w).includes('"dryRun"'));
      const last = applied[applied.length - 1];
      assert.equal(last.method, 'PATCH');
      const body = last.body as {
        metadata: { annotations: Record<string, string> };
        spec: { datanode: { config: Record<string, string> } };
      };
      assert.equal(body.metadata.annotations['example.com/note'], v, `annotation ${label}`);
      assert.equal(body.spec.datanode.config.webWorkerNum, v, `config ${label}`);
      counts.passedSafely++;
    }
  });
});

describe('hostile input: volumes', () => {
  const cluster: ClusterObject = {
    ref: REF,
    resourceVersion: '1',
    uid: 'u',
    spec: clusterCr('ha', 'dolphindb').spec as DolphinDBSpec,
    status: {},
    deleting: false,
  };
  it('volume name, mount path, host path, PVC name, subPath, size and index: rejected with printable reasons', () => {
    for (const [label, v] of HOSTILE) {
      const base = {
        role: 'datanode' as Role,
        name: 'extra',
        mountPath: '/extra',
        source: { kind: 'hostPath' as const, path: '/srv/x' },
      };
      const cases = [
        { ...base, name: v },
        { ...base, mountPath: v },
        { ...base, source: { kind: 'hostPath' as const, path: v } },
        { ...base, source: { kind: 'pvc' as const, claimName: v } },
        { ...base, source: { kind: 'pvc' as const, claimName: 'data', create: { size: v } } },
        { ...base, subPath: v },
        { ...base, index: v as unknown as number },
      ];
      for (const [k, req] of cases.entries()) {
        const check = checkAddVolume(t, cluster, req, false);
        // A subPath made of plain characters is legitimate ("a|b" is not): only assert the rejects.
        if (k === 5 && check.errors.length === 0) continue;
        assert.ok(check.errors.length > 0, `volume case ${k} ${label}`);
        rejected(check.errors.join(' '), `volume case ${k} ${label}`);
      }
    }
  });
});

describe('hostile input: suite chart, version, values and license path (helm argv)', () => {
  const STRING_VALUES: readonly (keyof SuiteValues)[] = [
    'storageClass',
    'nodePortIP',
    'coreDumpDir',
    'registry',
    'repository',
    'localTimeFileHostPath',
    'customDomainSuffix',
    'existingLokiAddress',
    'minPersistentVolumeSize',
    'controllerDataSize',
    'datanodeDataSize',
    'logCleanLimit',
    'licenseServerAddress',
    'serviceType',
    'dolphindbServiceType',
    'grafanaServiceType',
    'prometheusServiceType',
  ];

  const accepted = new Set<string>();
  it('every chart value with a hostile string is rejected, or set as exactly that one key', () => {
    for (const [label, v] of HOSTILE) {
      for (const key of STRING_VALUES) {
        const values = { serviceType: 'ClusterIP', storageClass: 'sc', [key]: v } as SuiteValues;
        const errors = checkSuiteValues(t, values).errors;
        if (errors.length > 0) {
          rejected(errors.join(' '), `${key} = ${label}`);
          continue;
        }
        // Accepted (e.g. a registry "aaa…"): it must then be exactly one key that parses back equal.
        const args = buildInstallArgs({
          namespace: 'dolphindb',
          chart: { kind: 'repo', ref: 'dolphindb/dolphindb-mgr' },
          licenseFile: '/l.lic',
          values,
        });
        if (v === '') {
          // Empty means "chart default" (StorageClass, node IP): at most an empty value, one key per argument.
          for (const a of args.filter((_, i) => args[i - 1]?.startsWith('--set')))
            assert.equal(helmSetPairs(a).length, 1, `${key} = empty: ${a}`);
          continue;
        }
        const setKey = args.find(
          (a, i) =>
            (args[i - 1] === '--set-string' || args[i - 1] === '--set') &&
            a.includes(`=${escapeSetValue(v)}`) &&
            a.endsWith(escapeSetValue(v)),
        );
        assert.ok(
          setKey !== undefined && !UNPRINTABLE.test(v) && !/[\r\n]/.test(v),
          `${key} = ${label} accepted: ${String(setKey).slice(0, 80)}`,
        );
        accepted.add(`${key}=${label}`);
        assertSetsExactly(args, args[args.indexOf(setKey) - 1], setKey.slice(0, setKey.indexOf('=')), v);
      }
      rejected(
        checkSuiteValues(t, { serviceType: 'ClusterIP', licenseLimits: { cpu: v } }).errors.join(' '),
        `limits.cpu ${label}`,
      );
      rejected(
        checkSuiteValues(t, { serviceType: 'ClusterIP', licenseLimits: { memory: v } }).errors.join(' '),
        `limits.memory ${label}`,
      );
      rejected(
        checkSuiteValues(t, { serviceType: 'ClusterIP', components: { [v]: true } as never }).errors.join(' '),
        `component ${label}`,
      );
      rejected(checkNodeIPv4(t, v), `node IP ${label}`);
      rejected(checkAbsolutePath(t, 'dolphindb.coreDumpDir', v), `path ${label}`);
    }
    // Harmless text the chart's own patterns allow (plain letters, an address starting with "-").
    assert.deepEqual([...accepted].sort(), [
      'customDomainSuffix=long name',
      'licenseServerAddress=long name',
      'licenseServerAddress=short helm flag',
      'licenseServerAddress=uppercase',
      'registry=long name',
      'registry=very long',
      'repository=long name',
      'repository=namespace/name',
      'repository=very long',
      'storageClass=long name',
    ]);
  });

  it('chart references and versions with hostile text are rejected', () => {
    for (const [label, v] of HOSTILE) {
      const refErrors = checkChart(t, { kind: 'repo', ref: v });
      // "other/ddb" is a well-formed repo/chart reference: it is one argv element, never a flag.
      if (refErrors.length > 0 || !/^[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/.test(v))
        rejected(refErrors.join(' '), `chart ref ${label}`);
      rejected(checkChart(t, { kind: 'repo', ref: 'dolphindb/dolphindb-mgr' }, v).join(' '), `chart version ${label}`);
    }
  });

  it('a chart file path is rejected, or becomes one positional argument that Helm cannot read as a flag', () => {
    for (const [label, v] of HOSTILE) {
      const errors = checkChart(t, { kind: 'file', path: v });
      if (errors.length > 0) {
        rejected(errors.join(' '), `chart file ${label}`);
        continue;
      }
      const args = buildInstallArgs({
        namespace: 'dolphindb',
        chart: { kind: 'file', path: v },
        licenseFile: '/l.lic',
        values: { serviceType: 'ClusterIP' },
      });
      assert.equal(args[3], v, `chart file ${label} is the 4th argument as given`);
      assert.ok(!v.startsWith('-'), `chart file ${label} could be read as a flag`);
      assert.equal(args.filter((a) => a === v).length, 1);
      counts.passedSafely++;
    }
    // The helm-flag look-alikes in particular.
    for (const v of ['--kubeconfig=/x', '-n', '--post-renderer=/tmp/evil'])
      assert.match(checkChart(t, { kind: 'file', path: v }).join(' '), /must not start with "-"/);
  });

  it('the license path and reused values go in as one --set-file/--set-string pair that parses back to the input', () => {
    for (const [, v] of HOSTILE) {
      if (/[\x00-\x1f]/.test(v)) continue; // refused by prepareInstall: tested below
      assertSetsExactly(
        buildInstallArgs({
          namespace: 'dolphindb',
          chart: { kind: 'repo', ref: 'dolphindb/dolphindb-mgr' },
          licenseFile: v,
          values: { serviceType: 'ClusterIP' },
        }),
        '--set-file',
        'license.content',
        v,
      );
      assertSetsExactly(
        buildReuseValuesArgs('dolphindb', { kind: 'repo', ref: 'dolphindb/dolphindb-mgr' }, 'v1.1.7', {
          'dolphindb.coreDumpDir': v,
        }),
        '--set-string',
        'dolphindb.coreDumpDir',
        v,
      );
    }
    // Every escaped value, whatever it holds, sets exactly one key.
    for (const [, v] of HOSTILE) assert.deepEqual(helmSetPairs(`k=${escapeSetValue(v)}`), [{ key: 'k', value: v, list: false }]);
  });

  it('a kube context name is always the value of --kube-context (the next argv element), never a flag of its own', () => {
    for (const [label, v] of HOSTILE) {
      if (v === '') continue; // no context: no flag
      for (const args of [
        buildInstallArgs({
          namespace: 'n',
          chart: { kind: 'file', path: 'c.tgz' },
          licenseFile: 'l',
          values: {},
          kubeContext: v,
        }),
        buildUninstallArgs('n', { kubeContext: v }),
      ]) {
        const i = args.indexOf('--kube-context');
        assert.ok(i > 0, label);
        assert.equal(args[i + 1], v, `context ${label}`);
      }
      counts.passedSafely++;
    }
  });

  it('install, uninstall and core dump operations refuse hostile namespaces, license paths and directories before running Helm', async () => {
    const missingHelm = path.join(os.tmpdir(), 'ddb-no-such-helm', 'helm');
    for (const [label, v] of HOSTILE) {
      const base = {
        namespace: 'dolphindb',
        chart: { kind: 'repo' as const, ref: 'dolphindb/dolphindb-mgr' },
        licenseFile: licensePath('fake-valid-2042.lic'),
        values: { serviceType: 'ClusterIP' as const, storageClass: 'sc' },
        helmPath: missingHelm,
      };
      refusedInvalid(await planInstallSuite(ctx, { ...base, namespace: v }), `install namespace ${label}`);
      refusedInvalid(await uninstallSuite(ctx, { namespace: v, helmPath: missingHelm }), `uninstall namespace ${label}`);
      refusedInvalid(
        await planSetCoreDumpDir(ctx, { namespace: 'dolphindb', chart: base.chart, dir: v, helmPath: missingHelm }),
        `core dump dir ${label}`,
      );
      refusedInvalid(
        await planSetCoreDumpDir(ctx, { namespace: v, chart: base.chart, dir: '/data/core', helmPath: missingHelm }),
        `core dump namespace ${label}`,
      );
      if (/[\x00-\x1f]/.test(v))
        refusedInvalid(await planInstallSuite(ctx, { ...base, licenseFile: v }), `install license path ${label}`);
    }
  });

  it('license files named with hostile text fail with a fixed reason that does not echo the path', async () => {
    for (const [label, v] of HOSTILE) {
      const r = await readLicenseFile(ctx, path.join(os.tmpdir(), 'ddb-no-such-dir', v));
      assert.equal(r.ok, false, label);
      if (!r.ok) {
        rejected(r.error.reason, `license path ${label}`);
        if (v.length > 3) assert.ok(!r.error.reason.includes(v), `${label} echoed`);
      }
    }
  });
});

describe(
  'hostile input: Helm receives argv, never a shell line',
  { skip: process.platform === 'win32' && 'needs a POSIX shell' },
  () => {
    let dir = '';
    let helm = '';
    const argvFile = (): string => path.join(dir, 'argv.json');
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-hostile-'));
      helm = path.join(dir, 'helm');
      // Records its argv as JSON; "version" answers like Helm 3.
      fs.writeFileSync(
        helm,
        `#!/bin/sh\nif [ "$1" = "version" ]; then echo v3.15.2; exit 0; fi\nexec "${process.execPath}" -e 'require("fs").writeFileSync(process.env.DDB_ARGV_OUT, JSON.stringify(process.argv.slice(1)))' -- "$@"\n`,
        { mode: 0o755 },
      );
    });
    after(() => {
      delete process.env.DDB_ARGV_OUT;
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('chart and license files named with shell syntax arrive verbatim and run nothing', async () => {
      const marker = path.join(dir, 'pwned');
      const names = [
        `$(touch ${marker}).tgz`,
        `; touch ${marker}; .tgz`,
        `\`touch ${marker}\`.tgz`,
        `a b|touch ${marker}&&x'".tgz`,
        'a,b={c}\\.tgz',
      ];
      for (const name of names) {
        const chartFile = path.join(dir, name.replace(/\//g, '_'));
        const licenseFile = path.join(dir, `${name.replace(/\//g, '_')}.lic`);
        fs.writeFileSync(chartFile, 'not a chart');
        fs.copyFileSync(licensePath('fake-valid-2042.lic'), licenseFile);
        process.env.DDB_ARGV_OUT = argvFile();
        fs.rmSync(argvFile(), { force: true });
        const r = await installSuite(ctx, {
          namespace: 'dolphindb',
          chart: { kind: 'file', path: chartFile },
          licenseFile,
          values: { serviceType: 'ClusterIP', storageClass: 'sc' },
          helmPath: helm,
          timeoutMs: 20_000,
        });
        assert.ok(r.ok, `${name}: ${r.ok ? '' : r.error.reason}`);
        const argv = JSON.parse(fs.readFileSync(argvFile(), 'utf8')) as string[];
        assert.equal(argv[3], chartFile, `${name}: chart path verbatim`);
        assertSetsExactly(argv, '--set-file', 'license.content', licenseFile);
        assert.ok(!fs.existsSync(marker), `${name}: a shell ran`);
      }
    });
  },
);

describe('hostile input: clip', () => {
  it('masks every unprintable character and never cuts a surrogate pair in half', () => {
    for (const [label, v] of HOSTILE) assertPrintable(clip(v) || '(empty)', `clip ${label}`);
    assert.equal(clip(`${'a'.repeat(63)}\u{1F642}`), `${'a'.repeat(63)}…`);
    assert.equal(clip('a\u202eb\u2028c\u0085d\ud800'), 'a?b?c?d?');
  });

  it('reports the table size and outcomes', (t2) => {
    const line = `hostile-input table: ${HOSTILE.length} inputs; ${counts.rejected} rejections with a printable reason, ${counts.passedSafely} passed on safely (argv/JSON parsed back equal)`;
    t2.diagnostic(line);
    console.log(`[hostile] ${line}`);
    assert.ok(counts.rejected > 1_000 && counts.passedSafely > 50, line);
  });
});
