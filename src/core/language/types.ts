// Plain data the editor-free language helpers return. Positions are LSP-shaped (0-based line,
// UTF-16 character), so the server maps them to LSP types field by field, without arithmetic.
import type { Position, Range } from '../validation/types';

export type { Position, Range };

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export type CompletionKind = 'property' | 'value' | 'enum' | 'snippet';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  /** Text to insert; multi-line text is indented relative to the current line by the editor. */
  readonly insertText: string;
  /** `insertText` uses snippet syntax (`${1:name}`, `$0`). */
  readonly snippet?: boolean;
  /** Range the completion replaces (the word being typed). */
  readonly range: Range;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly sortText?: string;
  /** Text matched against what is typed in `range`, when it differs from the label. */
  readonly filterText?: string;
  readonly preselect?: boolean;
  /** Ask the editor to open completion again after inserting (a key whose values we can list). */
  readonly retrigger?: boolean;
}

export interface HoverInfo {
  /** Markdown. */
  readonly contents: string;
  readonly range: Range;
}

export type SymbolKindName = 'cluster' | 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'alias';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: SymbolKindName;
  /** Whole entry: key and value. */
  readonly range: Range;
  /** The key (or the document start for a cluster). */
  readonly selectionRange: Range;
  readonly children: OutlineSymbol[];
}

/** A diagnostic as the code-action helper needs it (what the server published, round-tripped). */
export interface FixableProblem {
  readonly code: string;
  readonly range: Range;
  readonly messageKey?: string;
  readonly args?: Readonly<Record<string, string | number>>;
  readonly path?: string;
  readonly data?: {
    readonly suggestion?: string;
    readonly allowed?: readonly (string | number)[];
    readonly remove?: readonly string[];
    readonly value?: string | number;
  };
}

export interface QuickFix {
  readonly title: string;
  /** Index of the problem (in the list given) this fix resolves. */
  readonly problem: number;
  readonly edits: readonly TextEdit[];
  readonly preferred?: boolean;
}

/** Cluster knowledge completion can use; every list optional (offline: none). */
export interface EditorFacts {
  readonly supportedVersions?: readonly { readonly version: string; readonly isSupportLicenseServer?: boolean }[];
  readonly storageClasses?: readonly string[];
  readonly pvcNames?: readonly string[];
  readonly namespaces?: readonly string[];
}
