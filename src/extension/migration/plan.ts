// Which settings to copy from the old `dolphindb.*` keys (shared with DolphinDB's own VS Code
// extension, whose keys collided with ours) to `dolphindbK8s.*`. Pure: no vscode import, so the
// rules are unit-tested in plain Node.

export type SettingScope = 'global' | 'workspace' | 'workspaceFolder';

/** What `WorkspaceConfiguration.inspect()` says of one key, reduced to the scopes we migrate. */
export interface ScopedValues {
  readonly global?: unknown;
  readonly workspace?: unknown;
  readonly workspaceFolder?: unknown;
}

export interface MigrationStep {
  readonly key: string;
  readonly scope: SettingScope;
  readonly value: unknown;
}

export interface MigrationInput {
  /** Keys (without prefix) this extension declares, e.g. `kubeconfigPaths`, `logs.maxLines`. */
  readonly keys: readonly string[];
  readonly old: (key: string) => ScopedValues;
  readonly current: (key: string) => ScopedValues;
  /** Keys an untrusted workspace may not set (restrictedConfigurations, without prefix). */
  readonly restricted: readonly string[];
  readonly workspaceTrusted: boolean;
  /** Scopes already migrated (remembered per user and per workspace). */
  readonly done: ReadonlySet<SettingScope>;
}

const SCOPES: readonly SettingScope[] = ['global', 'workspace', 'workspaceFolder'];

/**
 * One step per (key, scope) where the user set the old key and has not set the new one there.
 * A value already under the new key always wins. Workspace values of restricted keys (program
 * paths, kubeconfig files) are not copied while the workspace is untrusted: copying would launder
 * a repository's settings into ones we act on.
 */
export function planMigration(input: MigrationInput): MigrationStep[] {
  const steps: MigrationStep[] = [];
  for (const key of input.keys) {
    const was = input.old(key);
    const now = input.current(key);
    for (const scope of SCOPES) {
      if (input.done.has(scope)) continue;
      const v = was[scope];
      if (v === undefined || now[scope] !== undefined) continue;
      if (scope !== 'global' && !input.workspaceTrusted && input.restricted.includes(key)) continue;
      steps.push({ key, scope, value: v });
    }
  }
  return steps;
}
