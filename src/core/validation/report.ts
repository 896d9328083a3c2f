// Collects problems for one file: turns node offsets (relative to a document chunk) into
// 0-based line/character ranges, formats the English message, and caps the total so a hostile
// file cannot produce an unbounded list.
import { isScalar, type LineCounter, type Node } from 'yaml';
import { formatMessage, severityOfCode, type MessageKey } from './messages';
import { formatPath, kindOf, type Located } from './tree';
import type { MessageArgs, Problem, ProblemData, Range, Severity } from './types';

export const MAX_PROBLEMS = 1000;

/** Shared by all documents of one validateText call. */
export class ProblemSink {
  readonly problems: Problem[] = [];
  full = false;

  push(p: Problem): void {
    if (this.full) return;
    if (this.problems.length >= MAX_PROBLEMS) {
      this.full = true;
      this.problems.push({
        code: 'DDB-I002',
        messageKey: 'doc.tooManyProblems',
        args: { count: MAX_PROBLEMS },
        message: formatMessage('doc.tooManyProblems', { count: MAX_PROBLEMS }),
        severity: 'info',
        range: p.range,
        path: '',
      });
      return;
    }
    this.problems.push(p);
  }
}

/** What to highlight for a located value: its key, its value, or whichever fits (`auto`). */
export type Target = 'key' | 'value' | 'auto';

export interface ReportInput {
  readonly code: string;
  readonly messageKey: MessageKey;
  readonly args?: MessageArgs;
  readonly range: Range;
  readonly path: string;
  readonly data?: ProblemData;
  readonly severity?: Severity;
}

/** Reporter for one document chunk. */
export class Reporter {
  constructor(
    readonly sink: ProblemSink,
    private readonly lines: LineCounter,
    private readonly lineOffset: number,
  ) {}

  /** Range of chunk-relative offsets [start, end). */
  range(start: number, end: number): Range {
    const s = this.lines.linePos(Math.max(0, start));
    const e = this.lines.linePos(Math.max(start, end));
    return {
      start: { line: this.lineOffset + s.line - 1, character: s.col - 1 },
      end: { line: this.lineOffset + e.line - 1, character: e.col - 1 },
    };
  }

  nodeRange(node: Node): Range {
    const r = node.range;
    if (!r) return this.range(0, 0);
    return this.range(r[0], r[1]);
  }

  /**
   * `auto` highlights a scalar value (or the alias standing for one), else the key (a whole map
   * would underline many lines), else the value's first character.
   */
  locRange(loc: Located, target: Target = 'auto'): Range {
    if (target === 'key' && loc.key) return this.nodeRange(loc.key);
    const at = loc.at;
    const scalar = !!loc.node && isScalar(loc.node) && kindOf(loc.node) !== 'null';
    if (at?.range && (target === 'value' || scalar)) return this.nodeRange(at);
    if (loc.key) return this.nodeRange(loc.key);
    if (at?.range) return this.range(at.range[0], Math.min(at.range[1], at.range[0] + 1));
    return this.range(0, 0);
  }

  add(p: ReportInput): void {
    const args = p.args ?? {};
    this.sink.push({
      code: p.code,
      messageKey: p.messageKey,
      args,
      message: formatMessage(p.messageKey, args),
      severity: p.severity ?? severityOfCode(p.code),
      range: p.range,
      path: p.path,
      ...(p.data ? { data: p.data } : {}),
    });
  }

  /** Shorthand: problem about a located value; path defaults to the value's path. */
  at(
    loc: Located,
    code: string,
    messageKey: MessageKey,
    args: MessageArgs = {},
    opts: { target?: Target; path?: string; data?: ProblemData } = {},
  ): void {
    this.add({
      code,
      messageKey,
      args,
      range: this.locRange(loc, opts.target),
      path: opts.path ?? formatPath(loc.path),
      ...(opts.data ? { data: opts.data } : {}),
    });
  }
}
