// SIMULATED DolphinDB operator (test/demo stand-in for the closed-source dolphindb-operator).
// Shared constants. Never imported by src/.

export const GROUP = 'dolphindb.dolphindb.io';
export const VERSION = 'v1';
export const PLURAL = 'dolphindbs';
export const KIND = 'DolphinDB';
export const API_VERSION = `${GROUP}/${VERSION}`;
export const CRD_NAME = `${PLURAL}.${GROUP}`;

/** Field manager for every write; shows up in managedFields so nobody mistakes it for the real operator. */
export const FIELD_MANAGER = 'ddb-sim-operator';
export const LOG_PREFIX = '[sim-operator]';

/** Default namespace of the suite (operator, `dolphindb-license`, `dolphindb-env-config`). */
export const DEFAULT_SUITE_NAMESPACE = 'dolphindb';
/** Tag used for helper images (config-loader, exporter, cleaner, service manager): the newest chart. */
export const DEFAULT_SUITE_VERSION = 'v1.1.7';

export const LABEL_NAME = 'dolphindb.io/dolphindb.name';
export const LABEL_CRD = 'dolphindb.io/dolphindb.crd';
export const LABEL_MODE = 'dolphindb.io/dolphindb.mode';
export const LABEL_CLUSTER_TYPE = 'dolphindb.io/dolphindb.cluster.type';
export const LABEL_VERSION = 'dolphindb.io/dolphindb.version';
export const LABEL_COMPONENT = 'dolphindb.io/component.type';
export const LABEL_INSTANCE = 'dolphindb.io/instance';
/** Label the StatefulSet controller puts on every pod it creates. */
export const LABEL_POD_NAME = 'statefulset.kubernetes.io/pod-name';
/** Selector shared by every object this operator owns. */
export const OWNED_SELECTOR = `${LABEL_CRD}=dolphindb`;

export const ANNOTATION_CONFIG_HASH = 'dolphindb.io/config-hash';
/** Hash of the desired object as last applied; lets reconcile skip no-op applies. */
export const ANNOTATION_APPLIED_HASH = 'dolphindb.io/sim-applied-hash';

/**
 * Test-harness knob, not a DolphinDB one: a DolphinDB object with this annotation set to "true" is
 * left alone (no children, no status). UI tests use it for clusters whose pods they write by hand,
 * which the simulated operator would otherwise shadow with its own StatefulSet pods.
 */
export const ANNOTATION_UNMANAGED = 'sim.dolphindb.test/unmanaged';

export const SUITE_LICENSE_CONFIGMAP = 'dolphindb-license';
export const SUITE_LICENSE_KEY = 'dolphindb.lic';
export const CLUSTER_LICENSE_KEY = 'license.lic';
export const PROMTAIL_CONFIGMAP = 'dolphindb-promtail-config';

export const SUBSCRIPTION_PORT = 8000;
export const EXPORTER_PORT = 8080;
