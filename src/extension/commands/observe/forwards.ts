// The port-forwards of this window across kube contexts: one PortForwardManager per context and
// API client (each talks to its own API server), one change event for the view, all stopped on
// dispose. A kubeconfig reload makes a new client; forwards of the old one keep working until
// stopped, so managers are never replaced, only added.
import * as vscode from 'vscode';
import type { InformerHub } from '../../../core/k8s/hub';
import type { KubeHttp } from '../../../core/k8s/http';
import { PortForwardManager } from '../../../core/portforward/manager';
import type { ForwardEvent, ForwardInfo } from '../../../core/portforward/types';
import { t } from '../../localize';
import type { Logger } from '../../log';

export interface ContextForward extends ForwardInfo {
  readonly context: string;
  /** Unique across managers (manager ids repeat): `<manager>/<forward id>`. */
  readonly key: string;
}

interface Entry {
  readonly seq: number;
  readonly context: string;
  readonly http: KubeHttp;
  readonly manager: PortForwardManager;
  readonly sub: { dispose(): void };
}

const PORTS_KEY = 'dolphindbK8s.forwardLocalPorts';

export class Forwards implements vscode.Disposable {
  private entries: Entry[] = [];
  private seq = 0;
  /** The remembered ports when no Memento is given (tests, scripts). */
  private memory: Record<string, number> = {};
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  /** `ports` keeps the local port each target had last, per workspace, so a forward keeps its port across reloads. */
  constructor(
    private readonly log: Logger,
    private readonly ports?: vscode.Memento,
  ) {}

  /** The local port `target` (a suggestion id) of `context` had last here. */
  lastPort(context: string, target: string): number | undefined {
    const all = this.ports?.get<Record<string, number>>(PORTS_KEY) ?? this.memory;
    return all[`${context} ${target}`];
  }

  rememberPort(context: string, target: string, port: number): void {
    const all = { ...(this.ports?.get<Record<string, number>>(PORTS_KEY) ?? this.memory), [`${context} ${target}`]: port };
    this.memory = all;
    void this.ports?.update(PORTS_KEY, all);
  }

  manager(context: string, http: KubeHttp, hub?: InformerHub): { manager: PortForwardManager; keyOf: (id: string) => string } {
    let e = this.entries.find((x) => x.context === context && x.http === http);
    if (!e) {
      const manager = new PortForwardManager(http, { t, hub });
      const seq = ++this.seq;
      e = { seq, context, http, manager, sub: manager.onEvent((ev) => this.onEvent(context, ev)) };
      this.entries.push(e);
    }
    const seq = e.seq;
    return { manager: e.manager, keyOf: (id) => `${seq}/${id}` };
  }

  list(): ContextForward[] {
    return this.entries.flatMap((e) => e.manager.list().map((f) => ({ ...f, context: e.context, key: `${e.seq}/${f.id}` })));
  }

  get(key: string): ContextForward | undefined {
    return this.list().find((f) => f.key === key);
  }

  stop(key: string): boolean {
    const [seq, id] = key.split('/', 2);
    const e = this.entries.find((x) => String(x.seq) === seq);
    return e !== undefined && id !== undefined && e.manager.stop(id);
  }

  private onEvent(context: string, e: ForwardEvent): void {
    const where = `${context} ${e.info.label} → ${e.info.url}`;
    if (e.type === 'waiting') this.log.warn(t('Port-forward {0}: waiting for a pod ({1})', where, e.message));
    else if (e.type === 'reestablished') this.log.info(t('Port-forward {0}: {1}', where, e.message));
    else if (e.type === 'error') this.log.warn(t('Port-forward {0}: {1}', where, e.message));
    else if (e.type === 'started') this.log.info(t('Port-forward {0} started.', where));
    else this.log.info(t('Port-forward {0} stopped.', where));
    this.changed.fire();
  }

  dispose(): void {
    for (const e of this.entries) {
      e.manager.dispose();
      e.sub.dispose();
    }
    this.entries = [];
    this.changed.dispose();
  }
}
