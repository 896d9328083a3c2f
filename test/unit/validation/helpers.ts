// Shared test helpers: the fixture CRs (test/fixtures/paths.ts names them), and small builders for CR text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import type { Problem } from '../../../src/core/validation';
import { examplesDir } from '../../fixtures/paths';

export const repoRoot = path.resolve(__dirname, '../../..');

export { examplesDir } from '../../fixtures/paths';

export const readExample = (rel: string): string => fs.readFileSync(path.join(examplesDir, rel), 'utf8');
export const readExampleBytes = (rel: string): Buffer => fs.readFileSync(path.join(examplesDir, rel));

export const codes = (ps: readonly Problem[]): string[] => ps.map((p) => p.code);
export const notInfo = (ps: readonly Problem[]): Problem[] => ps.filter((p) => p.severity !== 'info');
export const withCode = (ps: readonly Problem[], code: string): Problem[] => ps.filter((p) => p.code === code);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Obj = { [k: string]: Json };

/** A valid 3-controller / 3-datanode cluster (like valid/03) as a plain object. */
export function haCluster(): Obj {
  const role = (replicas: number, port: number, dataSize: string): Obj => ({
    replicas,
    port,
    dataSize,
    logSize: '1Gi',
    resources: { limits: { cpu: '1', memory: '2Gi' }, requests: { cpu: '1', memory: '2Gi' } },
  });
  return {
    apiVersion: 'dolphindb.dolphindb.io/v1',
    kind: 'DolphinDB',
    metadata: { name: 'ha', namespace: 'dolphindb' },
    spec: {
      mode: 'cluster',
      clusterType: 'multicontroller',
      version: 'v2.00.16',
      storageClassName: 'local-path',
      logMode: 0,
      controller: role(3, 31210, '1Gi'),
      datanode: role(3, 32210, '5Gi'),
    },
  };
}

/** A valid standalone CR (like valid/01). */
export function standalone(): Obj {
  const cr = haCluster();
  const spec = cr.spec as Obj;
  delete spec.clusterType;
  delete spec.controller;
  spec.mode = 'standalone';
  (spec.datanode as Obj).replicas = 1;
  (cr.metadata as Obj).name = 'solo';
  return cr;
}

/** Deep copy, then let `edit` change it. */
export function variant(base: Obj, edit: (cr: Obj & { spec: Obj }) => void): Obj {
  const copy = JSON.parse(JSON.stringify(base)) as Obj & { spec: Obj };
  edit(copy);
  return copy;
}

export const toYaml = (cr: Obj): string => stringify(cr);

/** Object at a dotted path inside a CR, for edits: `at(cr, 'spec.controller')`. */
export function at(cr: Obj, dotted: string): Obj {
  let cur: Json = cr;
  for (const k of dotted.split('.')) cur = (cur as Obj)[k];
  return cur as Obj;
}

/** Reads one file out of a .tgz (ustar) without a tar dependency. */
export function readFromTgz(tgz: string, suffix: string): string | undefined {
  const buf = gunzipSync(fs.readFileSync(tgz));
  for (let off = 0; off + 512 <= buf.length;) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const full = prefix ? `${prefix}/${name}` : name;
    const start = off + 512;
    if (full.endsWith(suffix)) return buf.subarray(start, start + size).toString('utf8');
    off = start + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

/** The env-config YAML of a chart's envconfig.yaml template, with Helm expressions neutralised. */
export function envConfigFromTemplate(template: string): string {
  const body = template.split('env-config: |-\n')[1] ?? '';
  return body
    .split('\n')
    .map((l) => l.replace(/^ {4}/, ''))
    .filter((l) => !/^\s*\{\{-?[^}]*\}\}\s*$/.test(l))
    .map((l) => l.replace(/\{\{[^}]*\}\}/g, 'placeholder'))
    .join('\n');
}
