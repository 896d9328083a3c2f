// Finding Helm and asking its version. An explicit path (the `dolphindbK8s.helmPath` setting) is
// used as given and never silently replaced by another helm on PATH: if it is wrong, the user
// is told so.
import { verbatim } from '../i18n/translate';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { OperationContext } from '../operation';
import { fail, ok, type Result } from '../result';
import { runProcess } from './process';

export interface HelmInfo {
  readonly path: string;
  /** `v3.19.0` */
  readonly version: string;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) return false;
    if (process.platform !== 'win32') await fs.access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The configured path, else the first `helm` on PATH. Does not run it. */
export async function locateHelm(ctx: OperationContext, explicitPath?: string): Promise<Result<string>> {
  const op = ctx.t('locate helm');
  if (explicitPath !== undefined && explicitPath.trim() !== '') {
    if (/[\x00-\x1f]/.test(explicitPath))
      return fail({ kind: 'helmMissing', operation: op, reason: ctx.t('The configured Helm path contains control characters.') });
    return (await isExecutable(explicitPath))
      ? ok(explicitPath)
      : fail({
          kind: 'helmMissing',
          operation: op,
          reason: ctx.t(
            'The configured Helm path {0} does not exist or is not executable. Fix the dolphindbK8s.helmPath setting or clear it to use helm from PATH.',
            explicitPath,
          ),
        });
  }
  const names = process.platform === 'win32' ? ['helm.exe', 'helm.cmd', 'helm'] : ['helm'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const n of names) {
      const candidate = path.join(dir, n);
      if (await isExecutable(candidate)) return ok(candidate);
    }
  }
  return fail({
    kind: 'helmMissing',
    operation: op,
    reason: ctx.t('Helm 3 was not found on PATH. Install Helm 3 or set dolphindbK8s.helmPath to its location.'),
  });
}

/** `v3.19.0+g3d8990f` → `v3.19.0`. */
export function parseHelmVersion(text: string): string | undefined {
  const m = /\bv(\d+)\.(\d+)\.(\d+)/.exec(text);
  return m ? `v${m[1]}.${m[2]}.${m[3]}` : undefined;
}

/** Locates Helm and runs `helm version --short`; Helm 2 (Tiller) is refused. */
export async function helmVersion(ctx: OperationContext, explicitPath?: string): Promise<Result<HelmInfo>> {
  const found = await locateHelm(ctx, explicitPath);
  if (!found.ok) return found;
  const r = await runProcess(ctx, {
    command: found.value,
    args: ['version', '--short'],
    timeoutMs: 20_000,
    label: 'helm',
    operation: verbatim('helm version'),
  });
  if (!r.ok) return r;
  const version = parseHelmVersion(r.value.stdoutTail.join('\n'));
  if (r.value.code !== 0 || !version)
    return fail({
      kind: 'helmMissing',
      operation: verbatim('helm version'),
      reason: ctx.t('{0} did not report a Helm version; is it really Helm?', found.value),
    });
  if (Number(version.slice(1).split('.')[0]) < 3)
    return fail({
      kind: 'helmMissing',
      operation: verbatim('helm version'),
      reason: ctx.t('Helm {0} is too old; Helm 3 is required.', version),
    });
  return ok({ path: found.value, version });
}
