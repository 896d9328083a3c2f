// Mode, cluster type and replica counts: DDB-W003, E004 (required), E005, E006, W006, E007,
// E008, W008. Enum and type errors of these fields come from the schema (E003, E004, E021), so
// the rules here act only on values that are already well-formed.
import { integerValue, present, stringValue, type Located } from '../tree';
import type { RuleContext } from './context';

export function checkTopology(rc: RuleContext): void {
  const { tree, report, root, spec } = rc;
  const specKey = tree.get(root, 'spec') ?? root;
  const modeLoc = tree.get(spec, 'mode');
  const mode = stringValue(modeLoc);
  if (!present(modeLoc)) {
    report.at(specKey, 'DDB-W003', 'mode.missing', {}, { target: 'key', path: 'spec.mode' });
    return;
  }
  if (mode === 'cluster') checkCluster(rc, modeLoc);
  if (mode === 'standalone') checkStandalone(rc, modeLoc);
}

function checkCluster(rc: RuleContext, modeLoc: Located): void {
  const { tree, report, spec } = rc;
  const clusterTypeLoc = tree.get(spec, 'clusterType');
  if (!present(clusterTypeLoc)) {
    report.at(modeLoc, 'DDB-E004', 'clusterType.missing', {}, { path: 'spec.clusterType' });
  }
  const controller = tree.get(spec, 'controller');
  const datanode = tree.get(spec, 'datanode');
  for (const [role, loc] of [
    ['controller', controller],
    ['datanode', datanode],
  ] as const) {
    if (!present(loc)) report.at(modeLoc, 'DDB-E008', 'cluster.missingRole', { role }, { path: `spec.${role}` });
  }

  const replicasLoc = tree.get(controller, 'replicas');
  const replicas = integerValue(replicasLoc);
  const clusterType = stringValue(clusterTypeLoc);
  // replicas < 1 is already E021; a second error on the same value would only repeat it.
  if (replicasLoc && replicas !== undefined && replicas >= 1) {
    if (clusterType === 'singlecontroller' && replicas !== 1) {
      report.at(replicasLoc, 'DDB-E005', 'singlecontroller.replicas', { replicas }, { data: { value: 1 } });
    }
    if (clusterType === 'multicontroller' && replicas < 3) {
      report.at(replicasLoc, 'DDB-E006', 'multicontroller.replicas', { replicas }, { data: { value: 3 } });
    }
    if (clusterType === 'multicontroller' && replicas >= 4 && replicas % 2 === 0) {
      report.at(
        replicasLoc,
        'DDB-W006',
        'multicontroller.even',
        { replicas, lower: replicas - 1 },
        { data: { value: replicas + 1 } },
      );
    }
  }

  const dnReplicasLoc = tree.get(datanode, 'replicas');
  if (dnReplicasLoc && integerValue(dnReplicasLoc) === 0) report.at(dnReplicasLoc, 'DDB-W008', 'cluster.noDatanodes');
}

function checkStandalone(rc: RuleContext, modeLoc: Located): void {
  const { tree, report, spec } = rc;
  const extras = ['controller', 'computenode', 'clusterType']
    .map((k) => tree.get(spec, k))
    .filter((l): l is Located => present(l));
  if (extras.length > 0) {
    const remove = extras.map((l) => `spec.${String(l.path[l.path.length - 1])}`);
    report.at(extras[0], 'DDB-E007', 'standalone.extra', { keys: remove.join(', ') }, { target: 'key', data: { remove } });
  }
  const datanode = tree.get(spec, 'datanode');
  if (!present(datanode)) {
    report.at(modeLoc, 'DDB-E007', 'standalone.noDatanode', {}, { path: 'spec.datanode' });
    return;
  }
  const replicasLoc = tree.get(datanode, 'replicas');
  const replicas = integerValue(replicasLoc);
  if (replicasLoc && replicas !== undefined && replicas !== 1) {
    report.at(replicasLoc, 'DDB-E007', 'standalone.replicas', { replicas }, { data: { value: 1 } });
  }
}
