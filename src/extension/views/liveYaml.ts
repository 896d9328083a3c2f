// Read-only documents showing live objects: dolphindb-k8s:/<context>/<kind>/<ns>/<name>.yaml
import * as vscode from 'vscode';
import type { ObjectRef } from '../../core/explorer/nodes';
import { KINDS, objectPath, type KindKey, type KubeObject } from '../../core/k8s/resources';
import { stripForDisplay, toYaml } from '../../core/k8s/yamlView';
import type { Logger } from '../log';
import type { ExplorerHost } from '../explorerHost';
import { formatFailure } from '../ui/errors';
import { t } from '../localize';

export class LiveYamlProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = 'dolphindb-k8s';
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly kube: ExplorerHost,
    private readonly log: Logger,
  ) {}

  static uriFor(ref: ObjectRef): vscode.Uri {
    const q = new URLSearchParams({ context: ref.context, kind: ref.kind, ns: ref.namespace ?? '', name: ref.name });
    // A discovered API version (Backups, Restores) travels with the URI.
    if (ref.version) q.set('v', ref.version);
    return vscode.Uri.from({
      scheme: LiveYamlProvider.scheme,
      path: `/${ref.namespace ?? '_'}/${ref.name}.${ref.kind}.yaml`,
      query: q.toString(),
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const q = new URLSearchParams(uri.query);
    const kindKey = q.get('kind') as KindKey | null;
    const version = q.get('v');
    const known = kindKey ? KINDS[kindKey] : undefined;
    const kind = known && version ? { ...known, version } : known;
    const context = q.get('context') ?? '';
    const session = await this.kube.sessionFor(context);
    if (!kind || !session) return '# not connected\n';
    const r = await session.http.request<KubeObject>(objectPath(kind, q.get('name') ?? '', q.get('ns') || undefined), {
      operation: t('read {0}', `${kind.plural}/${q.get('name')}`),
    });
    if (!r.ok) {
      this.log.error(`${r.error.operation}: ${r.error.reason}`);
      return `# ${formatFailure(r.error)}\n`;
    }
    return toYaml(stripForDisplay(r.value));
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
