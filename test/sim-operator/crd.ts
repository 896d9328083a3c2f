// SIMULATED DolphinDB operator: the DolphinDB CRD, identical in content to `crds/ddb_crd.yaml` of
// charts v1.0.0–v1.1.0 (docs/domain.md §2.1). From chart v1.1.1 on the real operator registers the CRD
// itself; the simulation does the same unless told not to. (Typed client model: the
// `x_kubernetes_preserve_unknown_fields` property is sent as `x-kubernetes-preserve-unknown-fields`.)

import type { V1CustomResourceDefinition } from '@kubernetes/client-node';
import { CRD_NAME, GROUP, KIND, PLURAL, VERSION } from './constants.js';

export function dolphindbCrd(): V1CustomResourceDefinition {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: CRD_NAME },
    spec: {
      group: GROUP,
      names: { kind: KIND, listKind: `${KIND}List`, plural: PLURAL, singular: 'dolphindb', shortNames: ['ddb'] },
      scope: 'Namespaced',
      versions: [
        {
          name: VERSION,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', x_kubernetes_preserve_unknown_fields: true } },
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'Mode', type: 'string', jsonPath: '.spec.mode' },
            { name: 'Status', type: 'string', jsonPath: '.status.phase' },
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
        },
      ],
    },
  };
}
