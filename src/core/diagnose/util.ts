// Small readers shared by the diagnose rules.
import { arr, str } from '../explorer/objects';
import type { KubeObject } from '../k8s/resources';

export function ref(o: KubeObject, kind = o.kind ?? '?'): string {
  return `${kind}/${o.metadata.name}`;
}

export function eventMessage(e: unknown): string {
  return (str(e, 'message') ?? str(e, 'note') ?? '').trim();
}

export function involvedName(e: unknown): string {
  return str(e, 'involvedObject', 'name') ?? str(e, 'regarding', 'name') ?? '';
}

export function involvedKind(e: unknown): string {
  return str(e, 'involvedObject', 'kind') ?? str(e, 'regarding', 'kind') ?? '';
}

export function isWarning(e: unknown): boolean {
  return str(e, 'type') === 'Warning';
}

/** Distinct messages, in order, at most `max`. */
export function distinct(messages: Iterable<string>, max = 5): string[] {
  const out: string[] = [];
  for (const m of messages) {
    if (m && !out.includes(m)) out.push(m);
    if (out.length >= max) break;
  }
  return out;
}

export function podCondition(pod: unknown, type: string): { status?: string; reason?: string; message?: string } | undefined {
  const c = arr(pod, 'status', 'conditions').find((x) => str(x, 'type') === type);
  return c ? { status: str(c, 'status'), reason: str(c, 'reason'), message: str(c, 'message') } : undefined;
}

/** Every status message of the DolphinDB object: role and instance messages (§3). */
export function statusMessages(ddb: unknown): string[] {
  const out: string[] = [];
  const st = (ddb as { status?: Record<string, unknown> } | undefined)?.status ?? {};
  for (const [k, role] of Object.entries(st)) {
    if (!k.endsWith('Status') || !role || typeof role !== 'object') continue;
    const m = str(role, 'message');
    if (m) out.push(...m.split('\n'));
    const inst = (role as { instanceStatus?: Record<string, unknown> }).instanceStatus ?? {};
    for (const v of Object.values(inst)) {
      const im = str(v, 'message');
      if (im) out.push(im);
    }
  }
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}
