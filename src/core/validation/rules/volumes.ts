// DDB-E016: every volumeMount must name a volume the pod will have. Role-level mounts go into
// every pod of the role, so they may only use role-level volumes; an instance's mounts may also
// use that instance's volumes. DDB-W022: PVCs referenced by volumes must exist (only when the
// caller lists the namespace's PVCs).
import { nearest } from '../suggest';
import { formatPath, stringValue, type Located } from '../tree';
import { roleBlocks, type RuleContext } from './context';

function volumeNames(rc: RuleContext, owner: Located | undefined): string[] {
  return rc.tree
    .items(rc.tree.get(owner, 'volumes'))
    .map((v) => stringValue(rc.tree.get(v, 'name')))
    .filter((n): n is string => n !== undefined);
}

function checkMounts(rc: RuleContext, owner: Located, available: readonly string[], scope: string, instanceScope?: string): void {
  for (const mount of rc.tree.items(rc.tree.get(owner, 'volumeMounts'))) {
    const nameLoc = rc.tree.get(mount, 'name');
    const name = stringValue(nameLoc);
    if (!nameLoc || name === undefined || available.includes(name)) continue;
    const suggestion = nearest(name, available);
    const path = formatPath(nameLoc.path);
    const data = suggestion ? { data: { suggestion } } : {};
    if (instanceScope === undefined) rc.report.at(nameLoc, 'DDB-E016', 'volumeMount.noVolume', { path, name, scope }, data);
    else rc.report.at(nameLoc, 'DDB-E016', 'volumeMount.noVolumeEither', { path, name, scope, instanceScope }, data);
  }
}

function checkClaims(rc: RuleContext, owner: Located | undefined, pvcNames: readonly string[]): void {
  for (const volume of rc.tree.items(rc.tree.get(owner, 'volumes'))) {
    const claimLoc = rc.tree.getIn(volume, ['persistentVolumeClaim', 'claimName']);
    const claim = stringValue(claimLoc);
    if (claimLoc && claim !== undefined && !pvcNames.includes(claim)) {
      const suggestion = nearest(claim, pvcNames);
      rc.report.at(claimLoc, 'DDB-W022', 'pvc.missing', { claim }, suggestion ? { data: { suggestion } } : {});
    }
  }
}

export function checkVolumes(rc: RuleContext): void {
  const pvcNames = rc.known.pvcNames;
  for (const { block } of roleBlocks(rc)) {
    const rolePath = formatPath(block.path);
    const roleVolumes = volumeNames(rc, block);
    checkMounts(rc, block, roleVolumes, `${rolePath}.volumes`);
    if (pvcNames) checkClaims(rc, block, pvcNames);
    for (const instance of rc.tree.entries(rc.tree.get(block, 'instances'))) {
      const instanceVolumes = [...roleVolumes, ...volumeNames(rc, instance)];
      checkMounts(rc, instance, instanceVolumes, `${rolePath}.volumes`, `${formatPath(instance.path)}.volumes`);
      if (pvcNames) checkClaims(rc, instance, pvcNames);
    }
  }
}
