// Helm must talk to the same cluster as the view: the same kubeconfig files and context.
import * as path from 'node:path';
import type { KubeTarget } from '../../../core/operations';
import type { CommandDeps } from '../common/deps';
import { lifecycleSettings } from '../common/settings';

export function helmTarget(deps: CommandDeps, context: string): KubeTarget & { helmPath?: string } {
  const files = deps.kube.kubeconfig?.files ?? [];
  const helmPath = lifecycleSettings().helmPath;
  return {
    kubeconfig: files.length > 0 ? files.join(path.delimiter) : undefined,
    kubeContext: context,
    ...(helmPath ? { helmPath } : {}),
  };
}
