// The questions of Create Cluster apart from any UI: which apply to which topology, how each
// answer is checked, a script's answers as flow answers, and the final answers as a NewCluster.
// Pure (translator injected), so the rules are unit tested; createFlow.ts shows them.
import { isQuantity } from '../../../core/dolphindb/quantity';
import type { Translate } from '../../../core/i18n/translate';
import { checkLabel } from '../../../core/operations/input';
import { extraNumber, extraString, type Answers } from '../common/answers';
import type { FlowValues, PlannedStep } from '../common/flowPlan';
import type { NewCluster } from './clusterYaml';
import { asksTypedStorageClass, storageClassAnswer } from './storageChoice';

export type Topology = 'standalone' | 'singlecontroller' | 'multicontroller';
export const TOPOLOGIES: readonly Topology[] = ['singlecontroller', 'multicontroller', 'standalone'];
/** What the topology step highlights, and what the step count assumes before it is answered. */
export const DEFAULT_TOPOLOGY: Topology = 'singlecontroller';

/** The namespace answer that asks for a new name next (not a valid name itself, so never a clash). */
export const NEW_NAMESPACE = '<new>';

export const CREATE_STEP_IDS = [
  'name',
  'namespace',
  'newNamespace',
  'topology',
  'version',
  'controllers',
  'datanodes',
  'computenodes',
  'cpu',
  'memory',
  'storageClass',
  'storageClassName',
  'dataSize',
  'logSize',
] as const;
export type CreateStepId = (typeof CREATE_STEP_IDS)[number];

/** Defaults of the typed answers; with `confirm: true` a script takes them without being asked. */
export const CREATE_DEFAULTS = {
  datanodes: '2',
  computenodes: '0',
  cpu: '1',
  memory: '2Gi',
  dataSize: '10Gi',
  logSize: '1Gi',
} as const;

const isTopology = (v: string | undefined): v is Topology => TOPOLOGIES.some((x) => x === v);

export function topologyOf(values: FlowValues): Topology {
  return isTopology(values.topology) ? values.topology : DEFAULT_TOPOLOGY;
}

/** Whether a step is asked: controllers only for multicontroller, node counts only for clusters. */
export function createStepApplies(id: CreateStepId, values: FlowValues): boolean {
  switch (id) {
    case 'newNamespace':
      return values.namespace === NEW_NAMESPACE;
    case 'controllers':
      return topologyOf(values) === 'multicontroller';
    case 'datanodes':
    case 'computenodes':
      return topologyOf(values) !== 'standalone';
    case 'storageClassName':
      return asksTypedStorageClass(values, 'storageClass');
    default:
      return true;
  }
}

export const CREATE_PLAN: readonly PlannedStep[] = CREATE_STEP_IDS.map((id) => ({
  id,
  applies: (v: FlowValues) => createStepApplies(id, v),
}));

export interface CreateChecks {
  readonly name: (v: string) => string | undefined;
  readonly namespace: (v: string) => string | undefined;
  /** multicontroller needs 3 or more (DDB-E006). */
  readonly controllers: (v: string) => string | undefined;
  readonly datanodes: (v: string) => string | undefined;
  readonly computenodes: (v: string) => string | undefined;
  readonly quantity: (v: string) => string | undefined;
}

export function createChecks(t: Translate): CreateChecks {
  const count =
    (min: number) =>
    (v: string): string | undefined =>
      /^\d+$/.test(v) && Number(v) >= min && Number(v) <= 256 ? undefined : t('Enter a whole number from {0} to 256.', min);
  return {
    name: (v) => checkLabel(t, t('Name'), v),
    namespace: (v) => checkLabel(t, t('Namespace'), v),
    controllers: count(3),
    datanodes: count(1),
    computenodes: count(0),
    quantity: (v) =>
      isQuantity(v) && v !== '0' ? undefined : t('"{0}" is not a Kubernetes quantity such as 2, 500m or 4Gi.', v),
  };
}

export type Given = { readonly ok: true; readonly values: FlowValues } | { readonly ok: false; readonly reason: string };

/**
 * A script's (or a tree node's) answers as flow answers, checked as the flow checks typed ones.
 * With `confirm: true` the typed answers that have defaults are not asked (as before the flow).
 */
export function givenAnswers(a: Answers, t: Translate): Given {
  const c = createChecks(t);
  const out: Record<string, string> = {};
  const take = (id: CreateStepId, v: string | undefined, check?: (v: string) => string | undefined): string | undefined => {
    if (v === undefined) return undefined;
    out[id] = v;
    return check?.(v);
  };
  const mode = extraString(a, 'mode');
  const clusterType = extraString(a, 'clusterType');
  if (mode !== undefined && mode !== 'cluster' && mode !== 'standalone')
    return { ok: false, reason: t('Mode must be cluster or standalone.') };
  if (mode === 'cluster' && clusterType !== undefined && clusterType !== 'singlecontroller' && clusterType !== 'multicontroller')
    return { ok: false, reason: t('Cluster type must be singlecontroller or multicontroller.') };
  if (mode === 'standalone') out.topology = 'standalone';
  else if (mode === 'cluster' && clusterType !== undefined) out.topology = clusterType;
  const num = (key: string): string | undefined => {
    const n = extraNumber(a, key);
    return n === undefined ? undefined : String(n);
  };
  const problem =
    take('name', a.name, c.name) ??
    take('namespace', a.namespace, c.namespace) ??
    take('version', a.version) ??
    // A script's controller count is kept as given (the document's checks judge it), as before.
    take('controllers', num('controllers'), (v) => c.datanodes(v)) ??
    take('datanodes', num('datanodes'), c.datanodes) ??
    take('computenodes', num('computenodes'), c.computenodes) ??
    take('cpu', extraString(a, 'cpu'), c.quantity) ??
    take('memory', extraString(a, 'memory'), c.quantity) ??
    take('storageClass', extraString(a, 'storageClass')) ??
    take('dataSize', extraString(a, 'dataSize'), c.quantity) ??
    take('logSize', extraString(a, 'logSize'), c.quantity);
  if (problem) return { ok: false, reason: problem };
  if (a.confirm === true) {
    for (const [k, v] of Object.entries(CREATE_DEFAULTS)) out[k] ??= v;
    if (isTopology(out.topology)) out.controllers ??= out.topology === 'multicontroller' ? '3' : '1';
  }
  return { ok: true, values: out };
}

/** The final answers as the cluster to write; undefined while a required answer is missing. */
export function toNewCluster(v: FlowValues): NewCluster | undefined {
  const topology = topologyOf(v);
  const namespace = v.namespace === NEW_NAMESPACE ? v.newNamespace : v.namespace;
  const { name, version, cpu, memory, dataSize, logSize } = v;
  const storageClass = storageClassAnswer(v, 'storageClass', 'storageClassName');
  if (!name || !namespace || !version || !cpu || !memory || !storageClass || !dataSize || !logSize) return undefined;
  const cluster = topology !== 'standalone';
  const n = (x: string | undefined, dflt: number): number => (x === undefined ? dflt : Number(x));
  return {
    name,
    namespace,
    mode: cluster ? 'cluster' : 'standalone',
    clusterType: topology === 'multicontroller' ? 'multicontroller' : 'singlecontroller',
    version,
    controllers: cluster ? n(v.controllers, topology === 'multicontroller' ? 3 : 1) : 0,
    datanodes: cluster ? n(v.datanodes, Number(CREATE_DEFAULTS.datanodes)) : 1,
    computenodes: cluster ? n(v.computenodes, Number(CREATE_DEFAULTS.computenodes)) : 0,
    cpu,
    memory,
    storageClass,
    dataSize,
    logSize,
  };
}
