// Registers every lifecycle command (issue 5); main.ts adds the returned disposables to its store.
import type * as vscode from 'vscode';
import { registerClusterChangeCommands } from './clusterChange';
import { registerCreateCommands } from './clusterCreate';
import { registerDeleteCommands } from './delete';
import type { LifecycleDeps } from './deps';
import { registerLicenseCommands } from './license';
import { registerSuiteCommands } from './suite';

export type { LifecycleDeps, CommandResult } from './deps';

export function registerLifecycleCommands(deps: LifecycleDeps): vscode.Disposable[] {
  return [...registerSuiteCommands(deps), ...registerCreateCommands(deps), ...registerClusterChangeCommands(deps), ...registerLicenseCommands(deps), ...registerDeleteCommands(deps)];
}
