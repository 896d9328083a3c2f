// The operator's Backups and Restores of one session, per namespace, opened on first need. The
// backup API is discovered once per session (core/backup/discovery.ts): where it is absent the
// tree shows nothing, with no error. As for the suite's release Secrets (suiteReleases.ts), a
// watch is opened only after the API server said list and watch are allowed: a refused watch
// would retry forever and mark the whole context stale.
import { discoverBackupApi, type BackupApi } from '../backup/discovery';
import { clusterOfBackup } from '../backup/facts';
import { AccessReviewer } from '../k8s/access';
import type { ListWatch } from '../k8s/listWatch';
import type { KubeObject, ResourceKind } from '../k8s/resources';
import { DisposableStore } from '../util/disposables';
import type { ContextSession } from './session';

interface Watches {
  readonly backups?: ListWatch;
  readonly restores?: ListWatch;
}
type Entry = 'checking' | Watches;

export interface ClusterBackupList {
  readonly api: BackupApi;
  readonly backups: readonly KubeObject[];
  readonly restores: readonly KubeObject[];
}

export class SessionBackups {
  /** undefined: not asked yet; null: the API is absent. */
  private api: Promise<BackupApi | null> | undefined;
  private known: BackupApi | null | undefined;
  private readonly entries = new Map<string, Entry>();
  private readonly subs = new DisposableStore();
  private readonly reviewer: AccessReviewer;
  private disposed = false;

  constructor(
    private readonly session: ContextSession,
    /** Called with the namespace whose backups or restores may have changed (undefined: any). */
    private readonly onChange: (namespace: string | undefined) => void,
  ) {
    this.reviewer = new AccessReviewer(session.http);
  }

  /** The backup API, discovered once per session; undefined where it is absent. */
  async discovered(): Promise<BackupApi | undefined> {
    this.discover();
    return (await this.api) ?? undefined;
  }

  /** The backups and restores of a cluster; undefined when there is nothing to show (yet). */
  forCluster(namespace: string, name: string): ClusterBackupList | undefined {
    if (this.known === undefined) {
      this.discover();
      return undefined;
    }
    if (this.known === null) return undefined;
    const entry = this.entries.get(namespace);
    if (entry === undefined) {
      this.entries.set(namespace, 'checking');
      void this.open(this.known, namespace);
      return undefined;
    }
    if (entry === 'checking') return undefined;
    const mine = (lw: ListWatch | undefined): KubeObject[] =>
      lw ? lw.list().filter((o) => (o.metadata.namespace ?? '') === namespace && clusterOfBackup(o) === name) : [];
    return { api: this.known, backups: mine(entry.backups), restores: mine(entry.restores) };
  }

  private discover(): void {
    if (this.api) return;
    this.api = discoverBackupApi(this.session.http).then((a) => a ?? null);
    void this.api.then((a) => {
      if (this.disposed) return;
      this.known = a;
      if (a) this.onChange(undefined);
    });
  }

  private async open(api: BackupApi, namespace: string): Promise<void> {
    const may = async (kind: ResourceKind | undefined): Promise<boolean> => {
      if (!kind) return false;
      const ask = (verb: string): Promise<boolean> =>
        this.reviewer.can({ verb, group: kind.group, resource: kind.plural, namespace }).catch(() => false);
      return (await Promise.all([ask('list'), ask('watch')])).every(Boolean);
    };
    const [b, r] = await Promise.all([may(api.backup), may(api.restore)]);
    if (this.disposed) return;
    const watch = (ok: boolean, kind: ResourceKind | undefined): ListWatch | undefined => {
      if (!ok || !kind) return undefined;
      const lw = this.session.lazy(kind, namespace);
      this.subs.add(lw.onChange(() => this.onChange(namespace)));
      return lw;
    };
    this.entries.set(namespace, { backups: watch(b, api.backup), restores: watch(r, api.restore) });
    this.onChange(namespace);
  }

  dispose(): void {
    this.disposed = true;
    this.subs.dispose();
  }
}
