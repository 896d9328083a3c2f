// Where the reference material is (the only module allowed to name it): $DDB_REFERENCE_DIR, else
// ../shared/reference beside the repository. test/reference/run.mjs runs these tests only when it exists.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../fixtures/paths';
import { readFromTgz } from '../unit/validation/helpers';

export const referenceDir = path.resolve(process.env.DDB_REFERENCE_DIR ?? path.join(repoRoot, '..', 'shared', 'reference'));
export const referenceChart = (version: string): string => path.join(referenceDir, 'charts', `dolphindb-mgr-${version}.tgz`);
export const referenceText = (rel: string): string => fs.readFileSync(path.join(referenceDir, rel), 'utf8');

/** One YAML file out of a chart archive, parsed. */
export function yamlInTgz<T>(tgz: string, rel: string): T | undefined {
  const text = readFromTgz(tgz, `dolphindb-mgr/${rel}`);
  return text === undefined ? undefined : (parse(text) as T);
}
