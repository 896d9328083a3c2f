// What every rule gets: the document, where to report, and the caller's cluster knowledge.
import { isMap } from 'yaml';
import { ROLES, type Role } from '../../dolphindb/names';
import type { Reporter } from '../report';
import type { Located, Tree } from '../tree';
import type { ValidationContext } from '../types';

export interface RuleContext {
  readonly tree: Tree;
  readonly report: Reporter;
  readonly root: Located;
  /** `spec`, when it is a map. */
  readonly spec: Located | undefined;
  /** What the caller knows beyond the text: the live cluster's facts and the time budget. */
  readonly known: ValidationContext;
}

export type Rule = (rc: RuleContext) => void;

export interface RoleBlock {
  readonly role: Role;
  readonly block: Located;
}

/** The role blocks that are maps, in the order controller, datanode, computenode. */
export function roleBlocks(rc: RuleContext): RoleBlock[] {
  const out: RoleBlock[] = [];
  for (const role of ROLES) {
    const block = rc.tree.get(rc.spec, role);
    if (block?.node && isMap(block.node)) out.push({ role, block });
  }
  return out;
}
