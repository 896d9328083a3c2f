// On start, copies settings a user set under the old `dolphindb.*` keys to `dolphindbK8s.*`, once
// per user and once per workspace, and says so in the log. The old keys are left in place: they may
// be read by an older version of this extension, and DolphinDB's own extension ignores them.
import * as vscode from 'vscode';
import { t } from '../localize';
import type { Logger } from '../log';
import { planMigration, type ScopedValues, type SettingScope } from './plan';

export const OLD_SECTION = 'dolphindb';
export const NEW_SECTION = 'dolphindbK8s';
const DONE_KEY = 'dolphindbK8s.settingsMigratedFromDolphindb';

const TARGET: Record<SettingScope, vscode.ConfigurationTarget> = {
  global: vscode.ConfigurationTarget.Global,
  workspace: vscode.ConfigurationTarget.Workspace,
  workspaceFolder: vscode.ConfigurationTarget.WorkspaceFolder,
};

function scoped(section: string, key: string): ScopedValues {
  const i = vscode.workspace.getConfiguration(section).inspect(key);
  return { global: i?.globalValue, workspace: i?.workspaceValue, workspaceFolder: i?.workspaceFolderValue };
}

/** Our setting keys (without the section) and the restricted ones, from our own manifest. */
function declaredKeys(ext: vscode.Extension<unknown>): { keys: string[]; restricted: string[] } {
  const pkg = ext.packageJSON as {
    contributes?: { configuration?: { properties?: Record<string, unknown> } | Array<{ properties?: Record<string, unknown> }> };
    capabilities?: { untrustedWorkspaces?: { restrictedConfigurations?: string[] } };
  };
  const configs = pkg.contributes?.configuration;
  const props = (Array.isArray(configs) ? configs : configs ? [configs] : []).flatMap((c) => Object.keys(c.properties ?? {}));
  const strip = (k: string) => k.slice(NEW_SECTION.length + 1);
  return {
    keys: props.filter((k) => k.startsWith(`${NEW_SECTION}.`)).map(strip),
    restricted: (pkg.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [])
      .filter((k) => k.startsWith(`${NEW_SECTION}.`))
      .map(strip),
  };
}

export async function migrateSettings(context: vscode.ExtensionContext, log: Logger): Promise<number> {
  const done = new Set<SettingScope>();
  if (context.globalState.get<boolean>(DONE_KEY)) done.add('global');
  if (context.workspaceState.get<boolean>(DONE_KEY)) {
    done.add('workspace');
    done.add('workspaceFolder');
  }
  if (done.size === 3) return 0;
  const { keys, restricted } = declaredKeys(context.extension);
  const steps = planMigration({
    keys,
    restricted,
    old: (k) => scoped(OLD_SECTION, k),
    current: (k) => scoped(NEW_SECTION, k),
    workspaceTrusted: vscode.workspace.isTrusted,
    done,
  });
  let moved = 0;
  for (const s of steps) {
    try {
      await vscode.workspace.getConfiguration(NEW_SECTION).update(s.key, s.value, TARGET[s.scope]);
      log.info(
        t(
          'Settings: copied {0} ({1}) to {2}; the old key is no longer read.',
          `${OLD_SECTION}.${s.key}`,
          s.scope,
          `${NEW_SECTION}.${s.key}`,
        ),
      );
      moved++;
    } catch (e) {
      // A folder-level value without a folder open, or a read-only settings file: say so, go on.
      log.warn(
        t(
          'Settings: could not copy {0} ({1}): {2}',
          `${OLD_SECTION}.${s.key}`,
          s.scope,
          e instanceof Error ? e.message : String(e),
        ),
      );
    }
  }
  await context.globalState.update(DONE_KEY, true);
  // An untrusted workspace is migrated again once trusted (its restricted keys were held back);
  // copying is idempotent, since a value already under the new key is never overwritten.
  if (vscode.workspace.workspaceFolders?.length && vscode.workspace.isTrusted)
    await context.workspaceState.update(DONE_KEY, true);
  if (moved > 0)
    log.info(
      t(
        "Settings: {0} value(s) moved from {1}.* to {2}.* (once; DolphinDB's own extension uses {1}.*).",
        moved,
        OLD_SECTION,
        NEW_SECTION,
      ),
    );
  return moved;
}
