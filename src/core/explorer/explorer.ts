// The explorer of one kubeconfig: its connection registry (sessions per context) and the model
// the tree renders, created and disposed together. Commands use `registry`; the tree uses
// `model`. The shortcuts below are the calls the extension host and the tests make most.
import type { KubeConfig } from '@kubernetes/client-node';
import type { Translate } from '../i18n/translate';
import type { Disposable, Event } from '../util/disposables';
import { ExplorerModel, type ChangedIds } from './model';
import type { ExplorerNode } from './nodes';
import { ConnectionRegistry, type ContextState, type RegistryOptions } from './registry';
import type { ContextSession } from './session';

export type { ContextState };

export interface ExplorerOptions extends RegistryOptions {
  readonly debounceMs?: number;
  readonly t?: Translate;
  /** How often resource use is read while visible; 0 never reads it. */
  readonly metricsIntervalMs?: number;
}

export class Explorer implements Disposable {
  readonly registry: ConnectionRegistry;
  readonly model: ExplorerModel;

  constructor(config: KubeConfig, opts: ExplorerOptions = {}) {
    this.registry = new ConnectionRegistry(config, opts);
    this.model = new ExplorerModel(this.registry, {
      debounceMs: opts.debounceMs,
      t: opts.t,
      metricsIntervalMs: opts.metricsIntervalMs,
    });
  }

  get currentContext(): string {
    return this.registry.currentContext;
  }

  get onDidChange(): Event<ChangedIds> {
    return this.model.onDidChange;
  }

  connect(context: string): Promise<ContextState> {
    return this.registry.connect(context);
  }

  reconnect(context: string): Promise<ContextState> {
    return this.registry.reconnect(context);
  }

  session(context: string): ContextSession | undefined {
    return this.registry.session(context);
  }

  stateOf(context: string): ContextState {
    return this.registry.stateOf(context);
  }

  roots(): ExplorerNode[] {
    return this.model.roots();
  }

  children(node: ExplorerNode | undefined): ExplorerNode[] {
    return this.model.children(node);
  }

  current(node: ExplorerNode): ExplorerNode {
    return this.model.current(node);
  }

  dispose(): void {
    this.model.dispose();
    this.registry.dispose();
  }
}
