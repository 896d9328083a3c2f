// Command arguments: a command runs from the palette (no argument), from a tree item (an
// ExplorerNode), from a message node (the context name) or from a script/test (an object with
// the answers). All three become one Answers value; a missing answer is prompted for later.
import type { ExplorerNode } from '../../../core/explorer/nodes';
import { parseInstanceName } from '../../../core/dolphindb/names';

export interface Answers {
  readonly context?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly role?: string;
  readonly index?: number;
  readonly version?: string;
  readonly replicas?: number;
  readonly licenseFile?: string;
  readonly chartFile?: string;
  readonly chartVersion?: string;
  readonly typedName?: string;
  /** true: skip the confirmation dialog (scripts and tests). */
  readonly confirm?: boolean;
  /** false: return once the change is stored, without following the rollout. */
  readonly wait?: boolean;
  /** Everything else the object carried, for command-specific answers. */
  readonly extra: Readonly<Record<string, unknown>>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function isNode(v: Record<string, unknown>): v is Record<string, unknown> & ExplorerNode {
  return isRecord(v.key) && typeof v.key.t === 'string' && typeof v.kind === 'string';
}

/** The instance name `ddb-<cluster>-<ctr|dn|cn>-<i>` → role abbreviation and index. */
function parseInstance(cluster: string, instance: string): { role: string; index: number } | undefined {
  const ref = parseInstanceName(cluster, instance);
  return ref ? { role: ref.abbrev, index: ref.index } : undefined;
}

function fromNode(node: ExplorerNode): Answers {
  const k = node.key;
  switch (k.t) {
    case 'context':
      return { context: k.context, extra: {} };
    case 'suite':
    case 'namespace':
      return { context: k.context, namespace: k.namespace, extra: {} };
    case 'cluster':
    case 'services':
    case 'pvcs':
    case 'events':
      return { context: k.context, namespace: k.namespace, name: k.name, extra: {} };
    case 'role':
      return { context: k.context, namespace: k.namespace, name: k.name, role: k.role, extra: {} };
    case 'instance': {
      const inst = parseInstance(k.name, k.instance);
      return { context: k.context, namespace: k.namespace, name: k.name, ...(inst ?? {}), extra: {} };
    }
    default:
      return { context: node.ref?.context, namespace: node.ref?.namespace, extra: {} };
  }
}

export function toAnswers(arg: unknown): Answers {
  if (typeof arg === 'string') return { context: arg, extra: {} };
  if (!isRecord(arg)) return { extra: {} };
  if (isNode(arg)) return fromNode(arg);
  return {
    context: str(arg.context),
    namespace: str(arg.namespace),
    name: str(arg.name),
    role: str(arg.role),
    index: num(arg.index),
    version: str(arg.version),
    replicas: num(arg.replicas),
    licenseFile: str(arg.licenseFile),
    chartFile: str(arg.chartFile),
    chartVersion: str(arg.chartVersion),
    typedName: str(arg.typedName),
    confirm: arg.confirm === true ? true : undefined,
    wait: arg.wait === false ? false : undefined,
    extra: arg,
  };
}

export const extraString = (a: Answers, key: string): string | undefined => str(a.extra[key]);
export const extraNumber = (a: Answers, key: string): number | undefined => num(a.extra[key]);
export const extraRecord = (a: Answers, key: string): Record<string, unknown> | undefined =>
  isRecord(a.extra[key]) ? (a.extra[key] as Record<string, unknown>) : undefined;
export const extraBoolean = (a: Answers, key: string): boolean | undefined =>
  typeof a.extra[key] === 'boolean' ? (a.extra[key] as boolean) : undefined;
