// Which problems are ours to publish. YAML syntax problems (code `yaml-syntax`) are left out
// while the client says another extension (Red Hat YAML) reports them, so each shows once; the
// DolphinDB rules are always reported.
import type { Connection } from 'vscode-languageserver/node';
import { SyntaxProblemsNotification } from '../../protocol/messages';

export const SYNTAX_CODE = 'yaml-syntax';

export class SyntaxFilter {
  private reportSyntax = true;

  get reportsSyntax(): boolean {
    return this.reportSyntax;
  }

  /** Returns whether the setting changed. */
  set(report: boolean): boolean {
    const changed = report !== this.reportSyntax;
    this.reportSyntax = report;
    return changed;
  }

  apply<P extends { readonly code: string }>(problems: readonly P[]): P[] {
    return this.reportSyntax ? [...problems] : problems.filter((p) => p.code !== SYNTAX_CODE);
  }
}

/** The client's notification switches the filter; open documents are checked again then. */
export function registerSyntaxProblems(connection: Connection, filter: SyntaxFilter, revalidateAll: () => void): void {
  connection.onNotification(SyntaxProblemsNotification, (params) => {
    if (filter.set(params.report !== false)) revalidateAll();
  });
}
