// Offers a forwarded DolphinDB port to DolphinDB's own VS Code extension (dolphindb.dolphindb-vscode)
// as an entry of its `dolphindb.connections` setting. That setting belongs to another extension
// and its shape is not ours to assume: entries are kept as they are, ours is only added when the
// value is a list, and no credentials are ever written.
import * as vscode from 'vscode';
import { t } from '../../localize';

export const DOLPHINDB_EXTENSION_ID = 'dolphindb.dolphindb-vscode';

export function dolphindbExtensionInstalled(): boolean {
  return vscode.extensions.getExtension(DOLPHINDB_EXTENSION_ID) !== undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The connection entry for a local port (the DolphinDB extension speaks WebSocket to the server). */
export function connectionEntry(name: string, localPort: number): Record<string, unknown> {
  return { name, url: `ws://127.0.0.1:${localPort}`, autologin: false };
}

export type AddOutcome = 'added' | 'updated' | 'unsupported';

/** Adds or updates (by name) the entry in the user settings. */
export async function addDolphinDBConnection(name: string, localPort: number): Promise<AddOutcome> {
  const config = vscode.workspace.getConfiguration('dolphindb');
  const current = config.get<unknown>('connections');
  if (current !== undefined && !Array.isArray(current)) return 'unsupported';
  const list: unknown[] = Array.isArray(current) ? [...(current as unknown[])] : [];
  const entry = connectionEntry(name, localPort);
  const at = list.findIndex((c) => isRecord(c) && c.name === name);
  // Keep whatever else the user configured on an existing entry (user name, options).
  if (at >= 0) list[at] = { ...(list[at] as Record<string, unknown>), url: entry.url };
  else list.push(entry);
  await config.update('connections', list, vscode.ConfigurationTarget.Global);
  return at >= 0 ? 'updated' : 'added';
}

export async function offerDolphinDBConnection(name: string, localPort: number): Promise<void> {
  if (!dolphindbExtensionInstalled()) return;
  const add = t('Add to DolphinDB connections');
  const pick = await vscode.window.showInformationMessage(
    t('Add 127.0.0.1:{0} as connection "{1}" of the DolphinDB extension?', localPort, name),
    add,
  );
  if (pick !== add) return;
  const r = await addDolphinDBConnection(name, localPort);
  if (r === 'unsupported')
    void vscode.window.showWarningMessage(
      t('The DolphinDB extension setting dolphindb.connections has an unexpected shape; it was left unchanged.'),
    );
  else
    void vscode.window.showInformationMessage(
      r === 'added' ? t('Connection "{0}" added.', name) : t('Connection "{0}" updated.', name),
    );
}
