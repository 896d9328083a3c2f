// Answers "may the user do X here?" synchronously for rendering, from SelfSubjectAccessReviews
// cached per context + namespace. An unknown answer counts as "no" and schedules the question;
// when the answers arrive, `onChange` fires so the tree renders again.
import { AccessReviewer } from './access';
import type { KubeHttp } from './http';
import type { KindKey } from './resources';
import { questionsFor, type Permission } from './accessVerbs';

export class PermissionCache {
  private readonly reviewers = new Map<string, AccessReviewer>();
  private readonly answers = new Map<string, boolean>();
  private readonly asking = new Set<string>();
  private readonly inflight = new Set<Promise<void>>();
  private generation = 0;

  /**
   * @param httpOf the API client of a connected context (undefined: not connected, ask later)
   * @param onChange called when an answer differs from what was rendered
   */
  constructor(
    private readonly httpOf: (context: string) => KubeHttp | undefined,
    private readonly onChange: () => void,
  ) {}

  /** True only when known to be allowed. */
  allowed(context: string, namespace: string | undefined, permission: Permission, kind?: KindKey): boolean {
    const key = [context, namespace ?? '', permission, kind ?? ''].join('|');
    const known = this.answers.get(key);
    if (known !== undefined) return known;
    if (!this.asking.has(key)) {
      const p = this.ask(key, context, namespace, permission, kind);
      this.inflight.add(p);
      void p.finally(() => this.inflight.delete(p));
    }
    return false;
  }

  /** Resolves once every question asked so far has its answer (tests wait on this). */
  async settled(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }

  private async ask(
    key: string,
    context: string,
    namespace: string | undefined,
    permission: Permission,
    kind?: KindKey,
  ): Promise<void> {
    const http = this.httpOf(context);
    if (!http) return;
    let reviewer = this.reviewers.get(context);
    if (!reviewer) {
      reviewer = new AccessReviewer(http);
      this.reviewers.set(context, reviewer);
    }
    const generation = this.generation;
    this.asking.add(key);
    try {
      const answers = await Promise.all(questionsFor(permission, namespace, kind).map((question) => reviewer.can(question)));
      if (generation !== this.generation) return;
      const allowed = answers.every((a) => a);
      if (this.answers.get(key) !== allowed) {
        this.answers.set(key, allowed);
        this.onChange();
      }
    } catch {
      /* unknown stays "no"; asked again on the next render */
    } finally {
      this.asking.delete(key);
    }
  }

  /** Forget everything (kubeconfig reloaded, context switched). */
  clear(): void {
    this.generation++;
    this.reviewers.clear();
    this.answers.clear();
    this.asking.clear();
  }
}
