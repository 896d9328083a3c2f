// SIMULATED DolphinDB operator: helpers for the unit tests (fixtures, fake pods).

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { parseDolphinDB, type SimSpec } from './spec.js';
import { examplesDir } from '../fixtures/paths';

/** The fixture CRs and licenses (test/fixtures/paths.ts). */
export const EXAMPLES = examplesDir;
export const haveExamples = existsSync(EXAMPLES);

export function loadExample(rel: string): unknown {
  return parse(readFileSync(join(EXAMPLES, rel), 'utf8'));
}

export function exampleFiles(dir: string): string[] {
  return readdirSync(join(EXAMPLES, dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

export function specOf(obj: unknown): SimSpec {
  const r = parseDolphinDB(obj);
  if (!r.ok) throw new Error(`fixture does not parse: ${r.errors.join('; ')}`);
  return r.spec;
}

/** A CR object built inline. */
export function cr(name: string, spec: Record<string, unknown>): unknown {
  return {
    apiVersion: 'dolphindb.dolphindb.io/v1',
    kind: 'DolphinDB',
    metadata: { name, namespace: 'dolphindb', uid: `uid-${name}` },
    spec,
  };
}

/** The pod a StatefulSet would create, Running and Ready unless told otherwise (KWOK-like). */
export function podFor(sts: V1StatefulSet, ready = true, annotations: Record<string, string> = {}): V1Pod {
  const tpl = sts.spec?.template;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${sts.metadata?.name}-0`,
      namespace: sts.metadata?.namespace,
      uid: `pod-${sts.metadata?.name}`,
      labels: { ...tpl?.metadata?.labels },
      annotations: { ...tpl?.metadata?.annotations, ...annotations },
    },
    spec: tpl?.spec ?? { containers: [] },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Ready', status: ready ? 'True' : 'False' },
      ],
      containerStatuses: (tpl?.spec?.containers ?? []).map((c) => ({
        name: c.name,
        image: c.image ?? '',
        imageID: '',
        ready,
        restartCount: 0,
        state: ready
          ? { running: { startedAt: new Date('2025-03-04T08:15:22Z') } }
          : { waiting: { reason: 'PodInitializing', message: '' } },
      })),
    },
  };
}
