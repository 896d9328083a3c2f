// SIMULATED DolphinDB operator: the two dialects of the simulation.
//
// Where the reference is silent (labels on anything but the ConfigMap, container and port names,
// masterInstance with one controller, the phase of a paused instance) the simulation has to
// guess. `inferred` (the default) guesses what the reference infers; `strict` guesses
// differently on every such point, so tests run against both show that the extension relies only
// on what the reference confirms. Select with DDB_SIM_MODE=strict|inferred or the `mode` option.

import {
  LABEL_CLUSTER_TYPE,
  LABEL_COMPONENT,
  LABEL_CRD,
  LABEL_INSTANCE,
  LABEL_MODE,
  LABEL_NAME,
  LABEL_VERSION,
} from './constants.js';
import type { RoleName } from './spec.js';

export type SimMode = 'inferred' | 'strict';

/** The mode named by DDB_SIM_MODE (default `inferred`); anything else is an error, not a silent default. */
export function simModeFromEnv(env: NodeJS.ProcessEnv = process.env): SimMode {
  const v = env.DDB_SIM_MODE ?? '';
  if (v === '' || v === 'inferred') return 'inferred';
  if (v === 'strict') return 'strict';
  throw new Error(`DDB_SIM_MODE must be "strict" or "inferred", not "${v}"`);
}

export interface Dialect {
  readonly mode: SimMode;
  /** Label keys the simulation puts on its children (the ConfigMap always gets the §4.5 set too). */
  readonly labels: {
    readonly name: string;
    readonly owned: string;
    readonly mode: string;
    readonly version: string;
    readonly clusterType: string;
    readonly component: string;
    readonly instance: string;
  };
  /** `key=value` every child carries: the informers' selector. */
  readonly ownedSelector: string;
  readonly ownedValue: string;
  readonly containers: {
    readonly server: (role: RoleName) => string;
    readonly exporter: string;
    readonly cleaner: string;
    readonly promtail: string;
    readonly init: string;
  };
  readonly ports: { readonly server: string; readonly sub: string; readonly metrics: string; readonly promtail: string };
  /** Service port names. */
  readonly servicePorts: { readonly server: string; readonly sub: string };
  /** Write masterInstance when the cluster has one controller. */
  readonly masterWithOneController: boolean;
  /** Report paused instances with the invented phase `Paused` (strict: leave them out). */
  readonly pausedPhase: boolean;
}

const INFERRED: Dialect = {
  mode: 'inferred',
  labels: {
    name: LABEL_NAME,
    owned: LABEL_CRD,
    mode: LABEL_MODE,
    version: LABEL_VERSION,
    clusterType: LABEL_CLUSTER_TYPE,
    component: LABEL_COMPONENT,
    instance: LABEL_INSTANCE,
  },
  ownedSelector: `${LABEL_CRD}=dolphindb`,
  ownedValue: 'dolphindb',
  containers: {
    server: () => 'dolphindb',
    exporter: 'exporter',
    cleaner: 'cleaner',
    promtail: 'promtail',
    init: 'config-loader',
  },
  ports: { server: 'ddb', sub: 'sub', metrics: 'metrics', promtail: 'http-promtail' },
  servicePorts: { server: 'ddb', sub: 'sub' },
  masterWithOneController: true,
  pausedPhase: true,
};

// Keys under a domain of the simulation's own, so nothing in the extension can know them.
const S = 'sim.ddb-operator.test';
const STRICT: Dialect = {
  mode: 'strict',
  labels: {
    name: `${S}/cluster`,
    owned: `${S}/managed`,
    mode: `${S}/mode`,
    version: `${S}/version`,
    clusterType: `${S}/cluster-type`,
    component: `${S}/component`,
    instance: `${S}/instance`,
  },
  ownedSelector: `${S}/managed=true`,
  ownedValue: 'true',
  containers: {
    server: (role) => role,
    exporter: 'metrics',
    cleaner: 'log-cleaner',
    promtail: 'log-shipper',
    init: 'init-config',
  },
  ports: { server: 'server', sub: 'stream', metrics: 'http-metrics', promtail: 'http-shipper' },
  servicePorts: { server: 'tcp-server', sub: 'tcp-stream' },
  masterWithOneController: false,
  pausedPhase: false,
};

export const dialectFor = (mode: SimMode): Dialect => (mode === 'strict' ? STRICT : INFERRED);
