// Decides whether write actions are offered: the workspace must be trusted and the API server
// must say (SelfSubjectAccessReview) that the user may patch DolphinDB objects in that namespace.
// Answers arrive asynchronously; until then write actions stay hidden.
import * as vscode from 'vscode';
import { AccessReviewer } from '../core/k8s/access';
import type { KubeService } from './kube';

export class WriteAccess implements vscode.Disposable {
  private readonly reviewers = new Map<string, AccessReviewer>();
  private readonly answers = new Map<string, boolean>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly kube: KubeService) {
    this.subs.push(kube.onDidChangeExplorer(() => this.reset()));
    this.subs.push(vscode.workspace.onDidGrantWorkspaceTrust(() => this.emitter.fire()));
  }

  /** Synchronous answer for rendering; schedules the question when not yet known. */
  canWrite(context: string, namespace?: string): boolean {
    if (!vscode.workspace.isTrusted) return false;
    const key = `${context}|${namespace ?? ''}`;
    const known = this.answers.get(key);
    if (known !== undefined) return known;
    void this.ask(context, namespace, key);
    return false;
  }

  private async ask(context: string, namespace: string | undefined, key: string): Promise<void> {
    const session = this.kube.explorer?.session(context);
    if (!session) return;
    let r = this.reviewers.get(context);
    if (!r) {
      r = new AccessReviewer(session.http);
      this.reviewers.set(context, r);
    }
    try {
      const allowed = await r.can({ verb: 'patch', group: 'dolphindb.dolphindb.io', resource: 'dolphindbs', namespace });
      if (this.answers.get(key) !== allowed) {
        this.answers.set(key, allowed);
        this.emitter.fire();
      }
    } catch {
      /* unknown stays hidden; asked again on the next render */
    }
  }

  private reset(): void {
    this.reviewers.clear();
    this.answers.clear();
    this.emitter.fire();
  }

  dispose(): void {
    this.subs.forEach((s) => s.dispose());
    this.emitter.dispose();
  }
}
