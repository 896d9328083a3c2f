// "Check Suite Prerequisites" without questions: what can be read from the cluster and this machine
// before anyone picks a license or a chart. Helm present, the API server reachable, the DolphinDB CRD,
// the suite itself (installed? which version? healthy?) and the StorageClasses. Nothing here changes
// anything; the install asks its own questions and runs the full preflight (preflight.ts) itself.
import { reasonOf } from '../i18n/text';
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { collectionPath, KINDS, objectPath, type KubeList, type KubeObject } from '../k8s/resources';
import { ok, type Result } from '../result';
import { DDB_CRD_NAME } from '../dolphindb/names';
import { componentHealth, overallHealth, SUITE_COMPONENTS, suiteVersion, type ComponentHealth } from '../explorer/suite';
import { helmVersion } from './helm';

/** pass: fine; fail: blocks an install; warn: worth a look; info: neither (e.g. "not installed yet"). */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'info';

export interface EnvironmentCheck {
  readonly id: 'cluster' | 'helm' | 'crd' | 'suite' | 'storageClass';
  readonly status: CheckStatus;
  readonly message: string;
}

export interface SuiteState {
  readonly namespace: string;
  readonly installed: boolean;
  readonly version?: string;
  readonly health?: 'ok' | 'degraded' | 'down';
  /** Components that are present but not ready, as `title ready/desired`. */
  readonly notReady: readonly string[];
}

export interface EnvironmentReport {
  readonly checks: readonly EnvironmentCheck[];
  /** Undefined when the suite could not be read (cluster unreachable, no permission). */
  readonly suite?: SuiteState;
  /** No failed check: an install can be attempted. */
  readonly installable: boolean;
}

const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

export async function checkEnvironment(
  ctx: OperationContext,
  http: KubeHttp,
  opts: { readonly namespace: string; readonly helmPath?: string },
): Promise<Result<EnvironmentReport>> {
  const t = ctx.t;
  const checks: EnvironmentCheck[] = [];
  const add = (id: EnvironmentCheck['id'], status: CheckStatus, message: string): void =>
    void checks.push({ id, status, message });

  const helm = await helmVersion(ctx, opts.helmPath);
  if (helm.ok) add('helm', 'pass', t('Helm {0} found at {1}.', helm.value.version, helm.value.path));
  else if (helm.error.kind === 'cancelled') return helm;
  else add('helm', 'fail', reasonOf(helm.error, t));

  const version = await http.request<{ gitVersion?: string }>('/version', {
    signal: ctx.signal,
    operation: t('read server version'),
  });
  if (!version.ok) {
    if (version.error.kind === 'cancelled') return version;
    add('cluster', 'fail', t('The cluster is not reachable: {0}', reasonOf(version.error, t)));
    for (const id of ['crd', 'suite', 'storageClass'] as const) add(id, 'warn', t('Not checked: the cluster is not reachable.'));
    return ok({ checks, installable: false });
  }
  add('cluster', 'pass', t('Kubernetes {0} is reachable at {1}.', version.value?.gitVersion ?? '?', http.server));

  const crd = await http.request<KubeObject>(objectPath(KINDS.crd, DDB_CRD_NAME), {
    signal: ctx.signal,
    operation: t('read {0}', `crd/${DDB_CRD_NAME}`),
  });
  if (crd.ok) add('crd', 'pass', t('The DolphinDB CRD {0} is installed.', DDB_CRD_NAME));
  else if (crd.error.kind === 'notFound')
    add('crd', 'info', t('The DolphinDB CRD {0} is not installed yet; the suite brings it.', DDB_CRD_NAME));
  else add('crd', 'warn', t('The DolphinDB CRD could not be read: {0}', reasonOf(crd.error, t)));

  const suite = await readSuite(ctx, http, opts.namespace);
  if (!suite.ok) add('suite', 'warn', t('The suite in {0} could not be read: {1}', opts.namespace, reasonOf(suite.error, t)));
  else add('suite', suiteStatus(suite.value), suiteMessage(ctx, suite.value));

  await checkStorageClasses(ctx, http, add);
  return ok({
    checks,
    ...(suite.ok ? { suite: suite.value } : {}),
    installable: !checks.some((c) => c.status === 'fail'),
  });
}

async function readSuite(ctx: OperationContext, http: KubeHttp, namespace: string): Promise<Result<SuiteState>> {
  const found: ComponentHealth[] = [];
  for (const spec of SUITE_COMPONENTS) {
    const r = await http.request<KubeObject>(objectPath(KINDS[spec.workload], spec.name, namespace), {
      signal: ctx.signal,
      operation: ctx.t('read {0}', `${spec.workload}/${spec.name}`),
    });
    if (!r.ok && r.error.kind !== 'notFound') return r;
    if (r.ok) found.push(componentHealth(spec, r.value));
  }
  if (found.length === 0) return ok({ namespace, installed: false, notReady: [] });
  const version = suiteVersion(found);
  return ok({
    namespace,
    installed: true,
    ...(version ? { version } : {}),
    health: overallHealth(found),
    notReady: found.filter((c) => c.health !== 'ok').map((c) => `${ctx.t(c.spec.title)} ${c.ready}/${c.desired}`),
  });
}

function suiteStatus(s: SuiteState): CheckStatus {
  if (!s.installed) return 'info';
  return s.health === 'ok' ? 'pass' : s.health === 'degraded' ? 'warn' : 'fail';
}

function suiteMessage(ctx: OperationContext, s: SuiteState): string {
  const t = ctx.t;
  if (!s.installed) return t('The DolphinDB suite is not installed in {0}.', s.namespace);
  const v = s.version ?? t('unknown version');
  if (s.health === 'ok') return t('The DolphinDB suite is installed in {0}: {1}, healthy.', s.namespace, v);
  return t('The DolphinDB suite is installed in {0}: {1}, not healthy (not ready: {2}).', s.namespace, v, s.notReady.join(', '));
}

async function checkStorageClasses(
  ctx: OperationContext,
  http: KubeHttp,
  add: (id: EnvironmentCheck['id'], status: CheckStatus, message: string) => void,
): Promise<void> {
  const t = ctx.t;
  const r = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.storageclass), {
    signal: ctx.signal,
    operation: t('list {0}', 'storageclasses'),
  });
  if (!r.ok) return add('storageClass', 'warn', t('StorageClasses could not be listed: {0}', reasonOf(r.error, t)));
  const names = r.value.items.map((o) => o.metadata.name);
  const def = r.value.items.find((o) => o.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  if (names.length === 0)
    return add(
      'storageClass',
      'fail',
      t(
        'The cluster has no StorageClass. {0}',
        t('Without a storage provisioner, install local-path-provisioner (it creates StorageClass local-path).'),
      ),
    );
  if (def) return add('storageClass', 'pass', t('StorageClasses: {0} (default: {1}).', names.join(', '), def.metadata.name));
  add(
    'storageClass',
    'warn',
    t('StorageClasses: {0}; none is the default, so the install asks which one to use.', names.join(', ')),
  );
}
