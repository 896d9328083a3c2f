// The Create Cluster questions as one guided flow (common/flow.ts): the steps of createSteps.ts
// with their prompts and the choices read from the cluster (namespaces, suite versions,
// StorageClasses). A script's answers skip their steps; a script that gives everything sees none.
import { sortVersionsDescending } from '../../../core/dolphindb/versions';
import { readSupportedVersions } from '../../../core/operations';
import { collectionPath, KINDS, type KubeList, type KubeObject } from '../../../core/k8s/resources';
import type { KubeHttp } from '../../../core/k8s/http';
import { t } from '../../localize';
import type { Answers } from '../common/answers';
import type { CommandDeps } from '../common/deps';
import { failedResult, refusedResult } from '../common/failures';
import { runFlow, type FlowStep, type FlowValues, type InputStep, type PickList, type PickStep } from '../common/flow';
import { quietContext } from '../common/runOperation';
import { lifecycleSettings } from '../common/settings';
import { proceed, stop, type Step } from '../common/step';
import { storageClassChoices } from './clusterChoices';
import { checkSubdomain } from '../../../core/operations/input';
import { settleStorageClass } from './localPath';
import type { NewCluster } from './clusterYaml';
import {
  CREATE_DEFAULTS,
  CREATE_STEP_IDS,
  createChecks,
  createStepApplies,
  DEFAULT_TOPOLOGY,
  givenAnswers,
  NEW_NAMESPACE,
  toNewCluster,
  type CreateStepId,
} from './createSteps';

const namespaceOf = (v: FlowValues): string | undefined => (v.namespace === NEW_NAMESPACE ? v.newNamespace : v.namespace);

async function namespaceChoices(http: KubeHttp): Promise<Step<PickList>> {
  const suite = lifecycleSettings().suiteNamespace;
  const fresh = { label: t('$(add) New namespace…'), value: NEW_NAMESPACE, detail: t('Type the name of a namespace to create.') };
  const r = await http.request<KubeList<KubeObject>>(collectionPath(KINDS.namespace), {
    operation: t('list {0}', 'namespaces'),
  });
  // Without the right to list namespaces the user can still type one.
  if (!r.ok)
    return proceed({
      items: [fresh],
      notice: { label: t('The namespaces cannot be listed; type one with "New namespace…".'), detail: r.error.reason },
    });
  const names = r.value.items.map((o) => o.metadata.name).sort((a, b) => a.localeCompare(b));
  return proceed({
    items: [...names.map((n) => ({ label: n, ...(n === suite ? { description: t('suite namespace (setting)') } : {}) })), fresh],
    active: names.includes(suite) ? suite : names[0],
  });
}

function topologyChoices(): Promise<Step<PickList>> {
  // Short enough for the default quick-input width: the detail line is cut, not wrapped.
  const cluster = t('mode: cluster');
  const items = [
    {
      label: 'singlecontroller',
      description: cluster,
      detail: t('1 controller, data nodes, optional compute nodes; no standby controller.'),
    },
    {
      label: 'multicontroller',
      description: cluster,
      detail: t('3 or more controllers elect a leader (Raft): survives losing one.'),
    },
    {
      label: 'standalone',
      description: t('mode: standalone'),
      detail: t('One data node, no controller: for development and tests.'),
    },
  ];
  return Promise.resolve(proceed({ items, active: DEFAULT_TOPOLOGY }));
}

async function versionChoices(deps: CommandDeps, http: KubeHttp, v: FlowValues): Promise<Step<PickList>> {
  const ns = namespaceOf(v) ?? lifecycleSettings().suiteNamespace;
  const list = await readSupportedVersions(quietContext(deps), http, ns);
  if (!list.ok) return stop(failedResult(deps, list.error));
  const items = sortVersionsDescending(list.value.versions).map((x) => ({ label: x.version }));
  if (items.length === 0)
    return proceed({ items, notice: { label: t('The suite lists no DolphinDB version.'), detail: list.value.note } });
  // The bundled list stands in for the suite's: say so, and why (e.g. env-config not found).
  return proceed(
    list.value.source === 'fallback'
      ? {
          items,
          notice: {
            label: t('{0} not found: versions of chart v1.1.7', 'dolphindb-env-config'),
            detail: list.value.note,
          },
        }
      : { items },
  );
}

type Body = Omit<InputStep, 'id' | 'applies'> | Omit<PickStep, 'id' | 'applies'>;

/** One prompt per step id of createSteps.ts (the record makes a missing one a type error), in its order. */
function steps(deps: CommandDeps, http: KubeHttp): FlowStep[] {
  const c = createChecks(t);
  const typed = (prompt: string, initial: string, validate: (x: string) => string | undefined): Body => ({
    kind: 'input',
    prompt,
    initial: () => initial,
    validate,
  });
  const body: Record<CreateStepId, Body> = {
    name: typed(t('Name of the new DolphinDB cluster'), '', c.name),
    namespace: { kind: 'pick', placeholder: t('Namespace of the new cluster'), choices: () => namespaceChoices(http) },
    newNamespace: typed(t('Name of the new namespace'), '', c.namespace),
    topology: { kind: 'pick', placeholder: t('Topology'), choices: topologyChoices },
    version: {
      kind: 'pick',
      placeholder: t('DolphinDB version (supported by the installed suite)'),
      choices: (v) => versionChoices(deps, http, v),
    },
    controllers: typed(t('Controllers (3 or more; an odd number tolerates the most failures)'), '3', c.controllers),
    datanodes: typed(t('Data nodes'), CREATE_DEFAULTS.datanodes, c.datanodes),
    computenodes: typed(t('Compute nodes (0 for none)'), CREATE_DEFAULTS.computenodes, c.computenodes),
    cpu: typed(t('CPU limit per instance'), CREATE_DEFAULTS.cpu, c.quantity),
    memory: typed(t('Memory limit per instance'), CREATE_DEFAULTS.memory, c.quantity),
    storageClass: { kind: 'pick', placeholder: t('StorageClass for the volumes'), choices: () => storageClassChoices(http) },
    storageClassName: typed(t('Name of the StorageClass'), '', (x) => checkSubdomain(t, t('StorageClass'), x.trim())),
    dataSize: typed(t('Data volume size per data node'), CREATE_DEFAULTS.dataSize, c.quantity),
    logSize: typed(t('Log volume size per instance'), CREATE_DEFAULTS.logSize, c.quantity),
  };
  return CREATE_STEP_IDS.map((id): FlowStep => {
    const applies = (v: FlowValues): boolean => createStepApplies(id, v);
    const b = body[id];
    return b.kind === 'input' ? { ...b, id, applies } : { ...b, id, applies };
  });
}

/** The title: the command, the cluster once named (with its namespace once known), the kube context. */
function title(context: string, v: FlowValues): string {
  if (!v.name) return t('Create DolphinDB cluster in {0}', context);
  const ns = namespaceOf(v);
  return t('Create DolphinDB cluster {0} in {1}', ns ? `${ns}/${v.name}` : v.name, context);
}

/** Asks what the answers lack, in one flow; the NewCluster, or the result the command returns. */
export async function askNewCluster(
  deps: CommandDeps,
  a: Answers,
  target: { context: string; http: KubeHttp },
  op: string,
): Promise<Step<NewCluster>> {
  const given = givenAnswers(a, t);
  if (!given.ok) return stop(refusedResult(deps, 'invalid', op, given.reason));
  const flow = await runFlow({
    command: t('Create DolphinDB cluster'),
    title: (v) => title(target.context, v),
    steps: steps(deps, target.http),
    given: given.values,
  });
  if (!flow.ok) return flow;
  const form = toNewCluster(flow.value);
  if (!form) return stop(refusedResult(deps, 'invalid', op, t('An answer is missing.')));
  // "Install the local-path provisioner…" as the StorageClass: installed now (its own confirmation).
  const storage = await settleStorageClass(deps, a, target.http, form.storageClass);
  return storage.ok ? proceed({ ...form, storageClass: storage.value }) : storage;
}
