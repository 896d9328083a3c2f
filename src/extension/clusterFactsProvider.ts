// Answers the language server's `dolphindb/clusterFacts` from the view's current context; null
// while that context is not connected, so the server skips the cluster-aware checks.
import { FactsGatherer } from '../core/facts/clusterFacts';
import type { ClusterFacts, ClusterFactsProvider } from '../protocol/messages';
import type { KubeService } from './kube';

export function clusterFactsProvider(kube: KubeService): ClusterFactsProvider {
  let cached: { ctx: string; gatherer: FactsGatherer } | undefined;
  return async (namespace?: string): Promise<ClusterFacts | null> => {
    const ex = kube.explorer;
    const session = ex?.session(ex.currentContext);
    if (!ex || !session || ex.stateOf(ex.currentContext).s !== 'ready') return null;
    if (cached?.ctx !== ex.currentContext) cached = { ctx: ex.currentContext, gatherer: new FactsGatherer(session.http) };
    return cached.gatherer.gather(namespace);
  };
}
