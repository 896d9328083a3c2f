// After `helm install`: wait until the DolphinDB CRD is Established (the v1.0.x charts ship it,
// v1.1.1+ operators register it themselves, §2.1) and every suite component that exists is
// ready (§6.4), reporting each as it gets there. Waiting changes nothing, so a timeout or a
// cancel leaves the suite as Helm made it.
import { reasonOf } from '../i18n/text';
import type { OperationContext } from '../operation';
import type { KubeHttp } from '../k8s/http';
import { collectionPath, KINDS, objectPath, type KubeObject } from '../k8s/resources';
import { ok, type Result } from '../result';
import { DDB_CRD_NAME } from '../dolphindb/names';
import { arr, str } from '../explorer/objects';
import { componentHealth, SUITE_COMPONENTS, type ComponentHealth } from '../explorer/suite';
import { checkNamespace } from './helmArgs';
import { done, refusedOutcome, unchanged, type Outcome } from './outcome';
import { seconds, waitUntil } from './wait';

export interface WaitSuiteOptions {
  readonly namespace: string;
  readonly timeoutMs?: number;
  readonly pollMs?: number;
  /** Component ids (operator, webserver, portal, …) that must exist; others count only if present. */
  readonly expect?: readonly string[];
}

export interface SuiteReadiness {
  readonly durationMs: number;
  readonly crdEstablishedAfterMs: number;
  readonly components: readonly {
    readonly id: string;
    readonly ready: number;
    readonly desired: number;
    readonly readyAfterMs: number;
  }[];
}

async function crdEstablished(ctx: OperationContext, http: KubeHttp): Promise<Result<boolean>> {
  const r = await http.request<KubeObject>(objectPath(KINDS.crd, DDB_CRD_NAME), {
    signal: ctx.signal,
    operation: ctx.t('read {0}', `crd/${DDB_CRD_NAME}`),
  });
  if (!r.ok) return r.error.kind === 'notFound' ? ok(false) : r;
  return ok(arr(r.value, 'status', 'conditions').some((c) => str(c, 'type') === 'Established' && str(c, 'status') === 'True'));
}

export async function waitForSuite(
  ctx: OperationContext,
  http: KubeHttp,
  opts: WaitSuiteOptions,
): Promise<Outcome<SuiteReadiness>> {
  const op = ctx.t('wait for the suite in {0}', String(opts.namespace));
  const bad = checkNamespace(ctx.t, opts.namespace);
  if (bad) return refusedOutcome('invalid', op, bad);
  const started = Date.now();
  const deadline = started + (opts.timeoutMs ?? 10 * 60_000);
  const left = (): number => Math.max(1, deadline - Date.now());

  ctx.progress.report(ctx.t('Waiting for the DolphinDB CRD'));
  const crd = await waitUntil<true>(
    ctx,
    { timeoutMs: left(), intervalMs: opts.pollMs, what: ctx.t('CRD {0} Established', DDB_CRD_NAME) },
    async () => {
      const r = await crdEstablished(ctx, http);
      return r.ok ? ok(r.value ? true : undefined) : r;
    },
  );
  if (!crd.ok) return unchanged(crd.error);
  const crdAfter = Date.now() - started;
  ctx.log(ctx.t('CRD {0} is Established ({1} s).', DDB_CRD_NAME, seconds(crdAfter)));

  const expected = new Set(['operator', ...(opts.expect ?? [])]);
  const readyAt = new Map<string, number>();
  const last = new Map<string, string>();
  let latest: ComponentHealth[] = [];
  const comps = await waitUntil<true>(
    ctx,
    { timeoutMs: left(), intervalMs: opts.pollMs, what: ctx.t('suite components in {0} ready', opts.namespace) },
    async () => {
      const health: ComponentHealth[] = [];
      for (const spec of SUITE_COMPONENTS) {
        const r = await http.request<KubeObject>(`${collectionPath(KINDS[spec.workload], opts.namespace)}/${spec.name}`, {
          signal: ctx.signal,
          operation: ctx.t('read {0}', `${spec.workload}/${spec.name}`),
        });
        if (!r.ok && r.error.kind !== 'notFound') return r;
        const h = componentHealth(spec, r.ok ? r.value : undefined);
        // What Helm created is what must become ready; it creates every object before it returns.
        if (h.present) expected.add(spec.id);
        if (!expected.has(spec.id)) continue;
        health.push(h);
        const text = h.present ? `${h.ready}/${h.desired}` : ctx.t('missing');
        if (last.get(spec.id) !== text) {
          last.set(spec.id, text);
          ctx.log(ctx.t('{0}: {1} ready', ctx.t(spec.title), text));
        }
        if (h.health === 'ok' && !readyAt.has(spec.id)) {
          readyAt.set(spec.id, Date.now() - started);
          ctx.log(ctx.t('{0} is ready ({1} s).', ctx.t(spec.title), seconds(readyAt.get(spec.id) ?? 0)));
        }
      }
      latest = health;
      const okCount = health.filter((h) => h.health === 'ok').length;
      ctx.progress.report(
        ctx.t('{0} of {1} suite components ready', okCount, health.length),
        health.length ? okCount / health.length : undefined,
      );
      return ok(health.length > 0 && okCount === health.length ? true : undefined);
    },
  );
  if (!comps.ok) {
    const waiting = latest
      .filter((h) => h.health !== 'ok')
      .map((h) => `${ctx.t(h.spec.title)} ${h.present ? `${h.ready}/${h.desired}` : ctx.t('missing')}`);
    return unchanged({
      ...comps.error,
      reason: `${reasonOf(comps.error, ctx.t)}${waiting.length ? ` — ${ctx.t('not ready: {0}', waiting.join(', '))}` : ''}`,
    });
  }
  return done({
    durationMs: Date.now() - started,
    crdEstablishedAfterMs: crdAfter,
    components: latest.map((h) => ({
      id: h.spec.id,
      ready: h.ready,
      desired: h.desired,
      readyAfterMs: readyAt.get(h.spec.id) ?? 0,
    })),
  });
}
