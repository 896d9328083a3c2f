// The cluster-aware half: facts are asked from the client (`dolphindb/clusterFacts`), and the
// client says when they changed (`dolphindb/clusterFactsChanged`), which empties the cache and
// revalidates every open document.
import type { Connection } from 'vscode-languageserver/node';
import { ClusterFactsChangedNotification, ClusterFactsRequest } from '../../protocol/messages';
import type { FactsCache, FactsFetcher } from '../service/factsCache';

/** Asks the client; a client without the handler answers MethodNotFound, which reads as offline. */
export function clusterFactsFetcher(connection: Connection): FactsFetcher {
  return async (namespace) => {
    try {
      return await connection.sendRequest(ClusterFactsRequest, namespace !== undefined ? { namespace } : {});
    } catch {
      return null;
    }
  };
}

export function registerClusterFactsChanged(connection: Connection, facts: FactsCache, revalidateAll: () => void): void {
  connection.onNotification(ClusterFactsChangedNotification, () => {
    facts.clear();
    revalidateAll();
  });
}
