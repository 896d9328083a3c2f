// Per-role sizing: DDB-E010 (limits >= requests), DDB-E011 (no negative quantities; the format
// is the schema's), DDB-W019 (PVC sizes below minPersistentVolumeSize) and DDB-W020 (requests
// that no node can satisfy; only when the caller knows node capacity). All comparisons are exact.
import { compareQuantities, isNegative, parseQuantity, type Quantity } from '../../dolphindb/quantity';
import { formatPath, scalarValue, type Located } from '../tree';
import type { NodeCapacity } from '../types';
import { roleBlocks, type RoleBlock, type RuleContext } from './context';

const quantityAt = (loc: Located | undefined): Quantity | undefined => (loc ? parseQuantity(scalarValue(loc)) : undefined);

export function checkResources(rc: RuleContext): void {
  const minLoc = rc.tree.get(rc.spec, 'minPersistentVolumeSize');
  const min = quantityAt(minLoc);
  if (minLoc && min && isNegative(min))
    rc.report.at(minLoc, 'DDB-E011', 'quantity.negative', { path: formatPath(minLoc.path), value: min.text });

  for (const rb of roleBlocks(rc)) {
    checkSizes(rc, rb, min);
    checkLimits(rc, rb);
    if (rc.known.nodeCapacity && rc.known.nodeCapacity.length > 0) checkCapacity(rc, rb, rc.known.nodeCapacity);
  }
}

function checkSizes(rc: RuleContext, { role, block }: RoleBlock, min: Quantity | undefined): void {
  for (const field of ['dataSize', 'logSize'] as const) {
    const loc = rc.tree.get(block, field);
    const q = quantityAt(loc);
    if (!loc || !q) continue;
    if (isNegative(q)) {
      rc.report.at(loc, 'DDB-E011', 'quantity.negative', { path: formatPath(loc.path), value: q.text });
    } else if (min && compareQuantities(q, min) < 0) {
      rc.report.at(
        loc,
        'DDB-W019',
        'pv.belowMinimum',
        { role, field, value: q.text, min: min.text },
        { data: { suggestion: min.text } },
      );
    }
  }
}

function checkLimits(rc: RuleContext, { role, block }: RoleBlock): void {
  const resources = rc.tree.get(block, 'resources');
  const limits = rc.tree.get(resources, 'limits');
  const requests = rc.tree.get(resources, 'requests');
  for (const list of [limits, requests]) {
    for (const entry of rc.tree.entries(list)) {
      const q = quantityAt(entry);
      if (q && isNegative(q))
        rc.report.at(entry, 'DDB-E011', 'quantity.negative', { path: formatPath(entry.path), value: q.text });
    }
  }
  for (const resource of ['cpu', 'memory'] as const) {
    const limitLoc = rc.tree.get(limits, resource);
    const limit = quantityAt(limitLoc);
    const request = quantityAt(rc.tree.get(requests, resource));
    if (limitLoc && limit && request && compareQuantities(limit, request) < 0) {
      rc.report.at(
        limitLoc,
        'DDB-E010',
        'resources.limitBelowRequest',
        { role, resource, limit: limit.text, request: request.text },
        {
          path: `spec.${role}.resources`,
          data: { suggestion: request.text },
        },
      );
    }
  }
}

/** Capacity values: a quantity string, or a number (cores for cpu, bytes for memory). */
const capacity = (v: string | number): Quantity | undefined => parseQuantity(v);

function checkCapacity(rc: RuleContext, { role, block }: RoleBlock, nodes: readonly NodeCapacity[]): void {
  const resources = rc.tree.get(block, 'resources');
  const requests = rc.tree.get(resources, 'requests');
  const limits = rc.tree.get(resources, 'limits');
  // Kubernetes defaults a missing request to the limit, so the limit is what gets reserved then.
  const cpuLoc = rc.tree.get(requests, 'cpu') ?? rc.tree.get(limits, 'cpu');
  const memLoc = rc.tree.get(requests, 'memory') ?? rc.tree.get(limits, 'memory');
  const cpu = quantityAt(cpuLoc);
  const memory = quantityAt(memLoc);
  if (!cpu && !memory) return;

  const parsed = nodes
    .map((n) => ({ cpu: capacity(n.cpu), memory: capacity(n.memory) }))
    .filter((n): n is { cpu: Quantity; memory: Quantity } => !!n.cpu && !!n.memory);
  if (parsed.length === 0) return;
  const fits = parsed.some(
    (n) => (!cpu || compareQuantities(n.cpu, cpu) >= 0) && (!memory || compareQuantities(n.memory, memory) >= 0),
  );
  if (fits) return;

  const largest = parsed.reduce((a, b) => (compareQuantities(b.memory, a.memory) > 0 ? b : a));
  const anchor = requests ?? limits ?? resources;
  if (!anchor) return;
  rc.report.at(
    anchor,
    'DDB-W020',
    'capacity.exceeded',
    {
      role,
      cpu: cpu?.text ?? '-',
      memory: memory?.text ?? '-',
      nodeCpu: largest.cpu.text,
      nodeMemory: largest.memory.text,
    },
    { target: 'key', path: `spec.${role}.resources.requests` },
  );
}
