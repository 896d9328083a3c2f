// The one contract between the extension (language client) and the language server: the custom
// requests and notifications both sides speak, and the initialization options. Both bundles import
// this file, so a change of shape is a compile error on both sides rather than a silent mismatch.
// Wire types are plain JSON (no classes, no functions) because they cross a process boundary.
import { NotificationType, NotificationType0, RequestType } from 'vscode-languageserver-protocol';
import type { ClusterFacts } from '../core/facts/clusterFacts';

/** `initializationOptions` the client sends with `initialize`. */
export interface DolphinDBInitializationOptions {
  /** VS Code display language (`vscode.env.language`), e.g. `en`, `zh-cn`. Wins over LSP `locale`. */
  readonly locale?: string;
  /**
   * Whether to report YAML syntax problems (code `yaml-syntax`). False while another extension
   * (Red Hat YAML) reports them already, so each problem shows once. Default true.
   */
  readonly syntaxProblems?: boolean;
}

export interface ClusterFactsParams {
  /**
   * Namespace of the CR being checked (`metadata.namespace`). Absent when the document does not
   * name one; the provider then answers for its default namespace.
   */
  readonly namespace?: string;
}

/** What the live cluster knows that a text-only check cannot (defined next to its gatherer in the core). */
export type { ClusterFacts } from '../core/facts/clusterFacts';

/**
 * Server → client: facts for one namespace. The client answers `null` when it is offline, has no
 * kubeconfig or the lookup failed; the server then skips the cluster-aware checks quietly.
 */
export const ClusterFactsRequest = new RequestType<ClusterFactsParams, ClusterFacts | null, void>('dolphindb/clusterFacts');

/**
 * Client → server: the facts may have changed (context switch, new StorageClass, suite upgrade).
 * The server drops its cache and revalidates the open documents.
 */
export const ClusterFactsChangedNotification = new NotificationType0('dolphindb/clusterFactsChanged');

export interface SyntaxProblemsParams {
  /** Report YAML syntax problems again (true) or leave them to another extension (false). */
  readonly report: boolean;
}

/** Client → server: whether YAML syntax problems are ours to report changed (see initializationOptions). */
export const SyntaxProblemsNotification = new NotificationType<SyntaxProblemsParams>('dolphindb/syntaxProblems');

/** How the extension answers `dolphindb/clusterFacts`; injected into the client by the composition root. */
export type ClusterFactsProvider = (namespace?: string) => Promise<ClusterFacts | null>;

/** Diagnostic `source` of everything this server publishes. */
export const DIAGNOSTIC_SOURCE = 'dolphindb';

/**
 * A line that makes a YAML document worth starting the server for: the API group, or a
 * `kind: DolphinDB` line (in any case, as the validator reads it), since the guide's snippets print
 * `apiVersion: v1` and that document should get DDB-E001 and its quick fix. `m`: also usable on a
 * whole text, where `^`/`$` are line bounds.
 */
export const DOLPHINDB_MARKER_LINE_RE =
  /dolphindb\.dolphindb\.io\/|^[ \t]*(?:- +)?kind:[ \t]*["']?DolphinDB["']?[ \t]*(?:#.*)?$/im;
