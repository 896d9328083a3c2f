// What can be forwarded and how an active forward looks to the editor.

export type ForwardTarget =
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string; readonly port: number }
  /** `port` is the Service port (number) or its name. */
  | { readonly kind: 'service'; readonly namespace: string; readonly name: string; readonly port: number | string };

export interface ForwardSpec {
  readonly target: ForwardTarget;
  /** Local port; 0 or absent = any free port. */
  readonly localPort?: number;
  /** Local address; only loopback is offered, default 127.0.0.1. */
  readonly address?: string;
  /** Shown in lists, e.g. "Grafana" or "ddb-ha-dn-0". */
  readonly label?: string;
  /** Path appended to the local URL (e.g. `/dolphindb-cloud` for a v1.0.x webserver). */
  readonly urlPath?: string;
}

export type ForwardState =
  /** A backing pod is known; new connections go to it. */
  | 'ready'
  /** No running backing pod right now (restarting); connections are refused until one is back. */
  | 'waiting';

export interface ForwardInfo {
  readonly id: string;
  readonly label: string;
  readonly target: ForwardTarget;
  readonly address: string;
  readonly localPort: number;
  readonly url: string;
  readonly state: ForwardState;
  /** The pod and port connections go to now. */
  readonly pod?: string;
  readonly podPort?: number;
  readonly openConnections: number;
  readonly totalConnections: number;
  /** How often the forward moved to a new pod (restart, recreation). */
  readonly reestablished: number;
  readonly lastError?: string;
  /** The last connection failed to reach the pod (cleared by the next one that does). */
  readonly failing: boolean;
}

export type ForwardEvent =
  | { readonly type: 'started'; readonly info: ForwardInfo }
  | { readonly type: 'waiting'; readonly info: ForwardInfo; readonly message: string }
  | { readonly type: 'reestablished'; readonly info: ForwardInfo; readonly message: string }
  | { readonly type: 'error'; readonly info: ForwardInfo; readonly message: string }
  /** A connection reached the pod again after failures. */
  | { readonly type: 'recovered'; readonly info: ForwardInfo }
  | { readonly type: 'stopped'; readonly info: ForwardInfo };
