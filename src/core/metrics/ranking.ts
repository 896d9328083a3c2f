// The order of the Resource Use view: by memory, the share of the limit first (the container is
// killed at its limit, so 90% of 4Gi matters more than 3Gi with no limit), then bytes used; by
// CPU, cores used. Ties keep tree order (a stable sort).
import { shareOfLimit, type ResourceUse } from './usage';

export type UseSort = 'memory' | 'cpu';

export function rankByUse<T extends { readonly use: ResourceUse }>(rows: readonly T[], by: UseSort): T[] {
  const key = (r: T): [number, number] =>
    by === 'memory' ? [shareOfLimit(r.use.memory) ?? -1, r.use.memory.used] : [r.use.cpu.used, 0];
  return rows
    .map((r, i) => ({ r, i, k: key(r) }))
    .sort((a, b) => b.k[0] - a.k[0] || b.k[1] - a.k[1] || a.i - b.i)
    .map((x) => x.r);
}
