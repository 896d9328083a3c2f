// Registers every lifecycle command (issue 5); main.ts adds the returned disposables to its store.
import type * as vscode from 'vscode';
import { registerClusterChangeCommands } from './clusterChange';
import { registerCreateCommands } from './clusterCreate';
import { registerDeleteCommands } from './delete';
import type { CommandDeps } from '../common/deps';
import { registerLicenseCommands } from './license';
import { registerLocalPathCommands } from './localPath';
import { registerSuiteCommands } from './suite';

export function registerLifecycleCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    ...registerSuiteCommands(deps),
    ...registerLocalPathCommands(deps),
    ...registerCreateCommands(deps),
    ...registerClusterChangeCommands(deps),
    ...registerLicenseCommands(deps),
    ...registerDeleteCommands(deps),
  ];
}
