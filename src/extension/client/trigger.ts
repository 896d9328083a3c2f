// Decides when the language server is worth starting: only once a YAML document that mentions
// the DolphinDB API group or says `kind: DolphinDB` is open, or becomes so through an edit. Most YAML files a user opens are
// not DolphinDB objects, and a Node process per window for them would be waste.
import * as vscode from 'vscode';
import { DOLPHINDB_MARKER_LINE_RE } from '../../protocol/messages';

/** The scheme of live objects opened for editing (editing/liveObjectFs.ts); kept here so the client need not import the editor. */
export const LIVE_SCHEME = 'dolphindb-live';
const SCHEMES = new Set(['file', 'untitled', LIVE_SCHEME]);

export const isCandidate = (doc: vscode.TextDocument): boolean => doc.languageId === 'yaml' && SCHEMES.has(doc.uri.scheme);

export function mentionsDolphinDB(doc: vscode.TextDocument): boolean {
  return isCandidate(doc) && DOLPHINDB_MARKER_LINE_RE.test(doc.getText());
}

/**
 * Calls `onFound` once, as soon as a DolphinDB YAML document is open (already, or later).
 * The returned disposable stops watching; it is disposed automatically after the first hit.
 */
export function whenDolphinDBDocumentOpen(onFound: () => void): vscode.Disposable {
  const subscriptions: vscode.Disposable[] = [];
  let done = false;
  const stop = (): void => {
    for (const s of subscriptions.splice(0)) s.dispose();
  };
  const found = (): void => {
    if (done) return;
    done = true;
    stop();
    onFound();
  };
  subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (mentionsDolphinDB(doc)) found();
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      // Only the edited lines can have gained the marker (it never spans lines), so typing in a
      // large unrelated file does not rescan the whole text on each keystroke.
      if (!isCandidate(e.document)) return;
      for (const c of e.contentChanges) {
        const first = c.range.start.line;
        const last = Math.min(e.document.lineCount - 1, first + (c.text.match(/\n/g)?.length ?? 0));
        for (let l = first; l <= last; l++) {
          if (DOLPHINDB_MARKER_LINE_RE.test(e.document.lineAt(l).text)) return found();
        }
      }
    }),
  );
  if (vscode.workspace.textDocuments.some(mentionsDolphinDB)) found();
  return {
    dispose: () => {
      done = true;
      stop();
    },
  };
}
