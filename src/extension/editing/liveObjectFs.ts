// Live objects as editable files: dolphindb-live:/<context>/<kind>/<namespace>/<name>.yaml.
// Opening reads the object (status and managed fields stripped); saving goes through the same
// gate as Apply: the DolphinDB validator (errors refuse the save unless the user applies anyway),
// then a modal plan (changed fields, which pods restart) to confirm, then server-side apply under
// the extension's field manager. A conflict with another manager is explained and the user may
// force it; nothing is written without a save and a confirmation.
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { ObjectRef } from '../../core/explorer/nodes';
import { conflictManagers, getObject, serverSideApply } from '../../core/k8s/apply';
import type { KubeHttp } from '../../core/k8s/http';
import { reviewLiveEdit, type LiveEditReview } from '../../core/operations/editPlan';
import { KINDS, type KindKey, type KubeObject } from '../../core/k8s/resources';
import { stripForDisplay, toYaml } from '../../core/k8s/yamlView';
import type { Failure } from '../../core/result';
import type { ExplorerHost } from '../explorerHost';
import { t } from '../localize';
import type { Logger } from '../log';
import { formatFailure, showFailure } from '../ui/errors';
import type { ModalPrompts } from '../ui/modal';
import { LIVE_SCHEME } from '../client/trigger';

interface Parsed {
  readonly context: string;
  readonly kind: KindKey;
  readonly namespace?: string;
  readonly name: string;
}

export class LiveObjectFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  static readonly scheme = LIVE_SCHEME;
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private readonly mtimes = new Map<string, number>();

  constructor(
    private readonly kube: ExplorerHost,
    private readonly log: Logger,
    private readonly prompts: ModalPrompts,
  ) {}

  static uriFor(ref: ObjectRef): vscode.Uri {
    return vscode.Uri.from({
      scheme: LiveObjectFileSystem.scheme,
      path: `/${encodeURIComponent(ref.context)}/${ref.kind}/${ref.namespace ?? '_'}/${ref.name}.yaml`,
    });
  }

  private parseUri(uri: vscode.Uri): Parsed {
    const parts = uri.path.split('/').filter((p) => p);
    if (parts.length !== 4 || !(parts[1] in KINDS)) throw vscode.FileSystemError.FileNotFound(uri);
    return {
      context: decodeURIComponent(parts[0]),
      kind: parts[1] as KindKey,
      namespace: parts[2] === '_' ? undefined : parts[2],
      name: parts[3].replace(/\.yaml$/, ''),
    };
  }

  private async http(context: string): Promise<KubeHttp> {
    const s = await this.kube.sessionFor(context);
    if (!s) throw vscode.FileSystemError.Unavailable(t('Not connected to {0}', context));
    return s.http;
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    return { type: vscode.FileType.File, ctime: 0, mtime: this.mtimes.get(uri.toString()) ?? Date.now(), size: 0 };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const p = this.parseUri(uri);
    const r = await getObject(await this.http(p.context), KINDS[p.kind], p.name, p.namespace);
    if (!r.ok) throw this.fsError(r.error, uri);
    this.mtimes.set(uri.toString(), Date.now());
    return Buffer.from(toYaml(stripForDisplay(r.value, { dropStatus: true })), 'utf8');
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const p = this.parseUri(uri);
    let obj: KubeObject;
    try {
      obj = parse(Buffer.from(content).toString('utf8'), { maxAliasCount: 100 }) as KubeObject;
    } catch (e) {
      throw vscode.FileSystemError.NoPermissions(
        t('The YAML is not valid: {0}', e instanceof Error ? e.message.split('\n')[0] : String(e)),
      );
    }
    if (
      !obj ||
      typeof obj !== 'object' ||
      obj.metadata?.name !== p.name ||
      (obj.metadata.namespace ?? undefined) !== p.namespace
    ) {
      throw vscode.FileSystemError.NoPermissions(t('The name and namespace of a live object cannot be changed here.'));
    }
    const kind = KINDS[p.kind];
    const http = await this.http(p.context);
    const review = await reviewLiveEdit(
      { signal: new AbortController().signal, progress: { report: () => undefined }, log: (l) => this.log.info(l), t },
      http,
      p.kind,
      obj,
    );
    if (!review.ok) {
      void showFailure(review.error, this.log);
      throw vscode.FileSystemError.Unavailable(formatFailure(review.error));
    }
    const target = p.namespace
      ? `${kind.plural}/${p.name} (${p.namespace}, ${p.context})`
      : `${kind.plural}/${p.name} (${p.context})`;
    await this.gate(target, review.value);
    if (review.value.changed.length === 0) {
      this.log.info(t('{0}: nothing to change.', target));
      this.mtimes.set(uri.toString(), Date.now());
      return;
    }
    let r = await serverSideApply(http, kind, obj);
    if (!r.ok && r.error.kind === 'conflict') {
      const managers = conflictManagers(r.error.reason);
      const force = t('Force');
      const choice = await this.prompts.warn(
        t(
          'Other managers own some of these fields ({0}). Forcing takes the fields over; they may change them back.',
          managers.join(', ') || '?',
        ),
        r.error.reason,
        force,
      );
      if (choice !== force) throw vscode.FileSystemError.NoPermissions(t('Not applied: conflict'));
      r = await serverSideApply(http, kind, obj, { force: true });
    }
    if (!r.ok) {
      void showFailure(r.error, this.log);
      throw vscode.FileSystemError.NoPermissions(formatFailure(r.error));
    }
    this.log.info(t('Applied {0}/{1}', kind.plural, p.name));
    this.mtimes.set(uri.toString(), Date.now());
    this.emitter.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  /** The same gate as Apply: validator errors refuse unless overridden; the plan is confirmed. Throws to stop the save. */
  private async gate(target: string, review: LiveEditReview): Promise<void> {
    if (review.errors.length > 0) {
      const anyway = t('Apply anyway');
      const choice = await this.prompts.warn(
        t(
          '{0} has {1} DolphinDB error(s). The cluster does not check them: a mistake is stored as it is.',
          target,
          review.errors.length,
        ),
        review.errors.slice(0, 10).join('\n'),
        anyway,
      );
      if (choice !== anyway)
        throw vscode.FileSystemError.NoPermissions(t('Not applied: {0} DolphinDB error(s).', review.errors.length));
    }
    if (review.changed.length === 0) return;
    const lines = [t('Changed fields:'), ...review.changed.map((c) => `• ${c}`)];
    if (review.restarts.length > 0) lines.push('', t('These pods restart: {0}', review.restarts.join(', ')));
    if (review.warnings.length > 0) lines.push('', ...review.warnings.map((w) => `⚠ ${w}`));
    const apply = t('Apply');
    const choice = await this.prompts.warn(t('Apply your changes to {0}?', target), lines.join('\n'), apply);
    if (choice !== apply) throw vscode.FileSystemError.NoPermissions(t('Not applied: not confirmed.'));
  }

  private fsError(f: Failure, uri: vscode.Uri): vscode.FileSystemError {
    if (f.kind === 'notFound') return vscode.FileSystemError.FileNotFound(uri);
    return vscode.FileSystemError.Unavailable(formatFailure(f));
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
