// Which namespaces the user chose to see, per kube context. Kept in globalState: it is a view
// preference of this machine, not a setting to sync or share, and never written to a kubeconfig.
import type * as vscode from 'vscode';

const KEY = 'dolphindbK8s.namespaceFilters';

type Stored = Record<string, readonly string[]>;

export class NamespaceFilters {
  constructor(private readonly state: vscode.Memento) {}

  /** The chosen namespaces of a context; undefined means all. */
  get(context: string): readonly string[] | undefined {
    const list = this.read()[context];
    return list && list.length > 0 ? list : undefined;
  }

  /** Remembers a choice; undefined or an empty list goes back to all namespaces. */
  async set(context: string, namespaces: readonly string[] | undefined): Promise<void> {
    const next: Stored = { ...this.read() };
    if (namespaces && namespaces.length > 0) next[context] = [...new Set(namespaces)].sort();
    else delete next[context];
    await this.state.update(KEY, next);
  }

  private read(): Stored {
    const v: unknown = this.state.get(KEY);
    if (typeof v !== 'object' || v === null) return {};
    const out: Record<string, readonly string[]> = {};
    for (const [k, list] of Object.entries(v as Record<string, unknown>)) {
      if (Array.isArray(list)) out[k] = list.filter((x): x is string => typeof x === 'string');
    }
    return out;
  }
}
