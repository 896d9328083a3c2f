// Watches the Helm release Secrets of the suite namespaces of one session, opened on first need.
// Secrets are often not readable: the watch is opened only after the API server said list and
// watch are allowed, since a refused watch would retry forever and mark the whole context stale.
// Without access (or before the answer) there is simply no release to show.
import { AccessReviewer } from '../k8s/access';
import { KINDS } from '../k8s/resources';
import type { ListWatch } from '../k8s/listWatch';
import { DisposableStore } from '../util/disposables';
import { HELM_RELEASE_SELECTOR, suiteRelease, type HelmRelease } from './helmRelease';
import type { ContextSession } from './session';

type Entry = 'checking' | 'refused' | ListWatch;

export class SuiteReleases {
  private readonly entries = new Map<string, Entry>();
  private readonly subs = new DisposableStore();
  private readonly reviewer: AccessReviewer;
  private disposed = false;

  constructor(
    private readonly session: ContextSession,
    /** Called with the namespace whose release may have changed. */
    private readonly onChange: (namespace: string) => void,
  ) {
    this.reviewer = new AccessReviewer(session.http);
  }

  /** The suite's release in `namespace`: undefined while unknown, refused or not installed with Helm. */
  get(namespace: string): HelmRelease | undefined {
    const entry = this.entries.get(namespace);
    if (entry === undefined) {
      this.entries.set(namespace, 'checking');
      void this.open(namespace);
      return undefined;
    }
    return entry === 'checking' || entry === 'refused' ? undefined : suiteRelease(entry.values());
  }

  private async open(namespace: string): Promise<void> {
    const ask = (verb: string): Promise<boolean> =>
      this.reviewer.can({ verb, group: '', resource: 'secrets', namespace }).catch(() => false);
    const allowed = (await Promise.all([ask('list'), ask('watch')])).every(Boolean);
    if (this.disposed) return;
    if (!allowed) {
      this.entries.set(namespace, 'refused');
      return;
    }
    const lw = this.session.lazy(KINDS.secret, namespace, HELM_RELEASE_SELECTOR);
    this.entries.set(namespace, lw);
    this.subs.add(lw.onChange(() => this.onChange(namespace)));
    this.onChange(namespace);
  }

  dispose(): void {
    this.disposed = true;
    this.subs.dispose();
  }
}
