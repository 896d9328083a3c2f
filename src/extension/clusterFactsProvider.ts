// Answers the language server's `dolphindb/clusterFacts` from the view's current context. The
// server asks only for DolphinDB documents, so the question connects (engages) the context; null
// while it cannot connect, so the server skips the cluster-aware checks.
import { FactsGatherer } from '../core/facts/clusterFacts';
import type { ClusterFacts, ClusterFactsProvider } from '../protocol/messages';
import type { ExplorerHost } from './explorerHost';

export function clusterFactsProvider(kube: ExplorerHost): ClusterFactsProvider {
  let cached: { contextName: string; gatherer: FactsGatherer } | undefined;
  return async (namespace?: string): Promise<ClusterFacts | null> => {
    const session = await kube.sessionFor();
    const reg = kube.registry;
    if (!reg || !session || reg.stateOf(reg.currentContext).s !== 'ready') return null;
    if (cached?.contextName !== reg.currentContext)
      cached = { contextName: reg.currentContext, gatherer: new FactsGatherer(session.http) };
    return cached.gatherer.gather(namespace);
  };
}
