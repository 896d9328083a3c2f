// Which container of a DolphinDB pod runs the server (docs/domain.md §9.6): container names are not
// published, so the image decides: the one whose repository ends in `/dolphindb`, else one named
// after the product or a role, else the first that is neither named nor imaged like a sidecar.
import { english, type Translate } from '../i18n/translate';
import { arr, str } from '../explorer/objects';
import type { Failure } from '../result';

const SIDECARS = ['exporter', 'cleaner', 'promtail'];
const SERVER_NAMES = ['dolphindb', 'controller', 'datanode', 'computenode'];

export interface ContainerInfo {
  readonly name: string;
  readonly image: string;
  readonly init: boolean;
}

export function containersOf(pod: unknown): ContainerInfo[] {
  const mk = (c: unknown, init: boolean): ContainerInfo => ({ name: str(c, 'name') ?? '', image: str(c, 'image') ?? '', init });
  return [
    ...arr(pod, 'spec', 'initContainers').map((c) => mk(c, true)),
    ...arr(pod, 'spec', 'containers').map((c) => mk(c, false)),
  ];
}

/** `registry:5000/dolphindb/dolphindb:v2.00.16@sha256:…` → `registry:5000/dolphindb/dolphindb`. */
export function imageRepository(image: string): string {
  let s = image.split('@')[0] ?? '';
  const lastSlash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  if (colon > lastSlash) s = s.slice(0, colon);
  return s;
}

function isSidecar(c: ContainerInfo): boolean {
  const repo = imageRepository(c.image);
  const base = repo.slice(repo.lastIndexOf('/') + 1);
  return SIDECARS.some((s) => c.name === s || c.name.includes(s) || base.includes(s));
}

/** The DolphinDB server container's name, or undefined if the pod has no plausible one. */
export function pickDolphinDBContainer(pod: unknown): string | undefined {
  const main = containersOf(pod).filter((c) => !c.init);
  const byImage = main.find((c) => imageRepository(c.image).endsWith('/dolphindb') || imageRepository(c.image) === 'dolphindb');
  if (byImage) return byImage.name;
  const byName = main.find((c) => SERVER_NAMES.includes(c.name));
  if (byName) return byName.name;
  const rest = main.filter((c) => !isSidecar(c));
  if (rest.length >= 1) return rest[0]?.name;
  return main.length === 1 ? main[0]?.name : undefined;
}

/** The container to read when the caller named none: the server container, else the only one. */
export function defaultContainer(pod: unknown): string | undefined {
  return pickDolphinDBContainer(pod) ?? containersOf(pod).find((c) => !c.init)?.name;
}

/** A Failure naming the containers the pod does have, for a container name that is not one of them. */
export function unknownContainerFailure(
  namespace: string,
  pod: string,
  container: string,
  podObj: unknown,
  t: Translate = english,
): Failure {
  const cs = containersOf(podObj);
  const main = cs.filter((c) => !c.init).map((c) => c.name);
  const init = cs.filter((c) => c.init).map((c) => c.name);
  const list = init.length > 0 ? t('{0} (init containers: {1})', main.join(', '), init.join(', ')) : main.join(', ');
  return {
    kind: 'invalid',
    operation: t('read logs of {0}/{1}', namespace, pod),
    reason: t('pod {0} has no container named "{1}"; its containers are: {2}', pod, container, list),
  };
}
