// What the user is typing at a position, read from the lines around it rather than from the
// parse tree: while a key is half-typed the tree is wrong or empty, but the indentation of the
// lines above still says exactly which map the new key belongs to. Inside flow collections
// (`resources: {limits: {cpu: "1", |}}`) flowContext.ts reads the brackets from the block line
// the collection starts on, and this file resolves that block line.
import { flowCursor, type FlowCursor } from './flowContext';
import type { LineIndex } from './text';
import type { Position } from './types';
import type { Segment } from './yamlPath';

export interface KeyContext {
  readonly kind: 'key';
  /** Path of the map the key goes into ([] = document root). */
  readonly parent: readonly Segment[];
  /** Partial key already typed, and where it sits on the line (replaced by the completion). */
  readonly word: string;
  readonly start: number;
  readonly end: number;
  /** The word is already followed by `:` (completing an existing key: insert only the name). */
  readonly hasColon: boolean;
  /** Keys already in the same map, except the one being typed. */
  readonly siblings: ReadonlySet<string>;
  /** The key is the first of a new sequence item (`- ` before it). */
  readonly newItem: boolean;
  /** Inside a flow mapping: an inserted key's value must be written flow style too. */
  readonly flow?: boolean;
}

export interface ValueContext {
  readonly kind: 'value';
  /** Path of the key whose value is being typed. */
  readonly path: readonly Segment[];
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

export type CompletionContext = KeyContext | ValueContext;

const KEY_LINE_RE = /^( *)((?:- +)*)([A-Za-z0-9_./-]*)$/;
const VALUE_LINE_RE = /^( *)((?:- +)*)("[^"]*"|'[^']*'|[^\s#"'{[][^#:]*?) *: +(.*)$/;
const PARSE_KEY_RE = /^((?:- +)*)("[^"]*"|'[^']*'|[^\s#"'{[\]][^#:]*?) *:(?: |$)/;
const WORD_RE = /[A-Za-z0-9_./-]*/y;

interface LineInfo {
  readonly indent: number;
  /** Width of the leading `- ` markers after the indent. */
  readonly dash: number;
  /** The key the line starts (after any dashes), if it is a `key:` line. */
  readonly key?: string;
  readonly hasInlineValue: boolean;
}

const unquote = (k: string): string => (/^(["']).*\1$/.test(k) ? k.slice(1, -1) : k);

function lineInfo(text: string): LineInfo | 'skip' | 'end' {
  const trimmed = text.trimStart();
  if (trimmed === '' || trimmed.startsWith('#')) return 'skip';
  if (/^(---|\.\.\.)(\s|$)/.test(text)) return 'end';
  const indent = text.length - trimmed.length;
  // Tabs cannot indent YAML; a line starting with one is junk to this scanner.
  if (text[indent - 1] === '\t') return 'skip';
  const m = PARSE_KEY_RE.exec(trimmed);
  const dash = /^(?:- +)*/.exec(trimmed)?.[0].length ?? 0;
  if (!m) return { indent, dash, hasInlineValue: false };
  const rest = trimmed.slice(m[0].length).trim();
  return { indent, dash, key: unquote(m[2].trim()), hasInlineValue: rest !== '' && !rest.startsWith('#') };
}

/** The completion context at `pos`, or undefined where nothing can be offered (comments, flow). */
export function completionContext(lines: LineIndex, firstLine: number, pos: Position): CompletionContext | undefined {
  // Past the last line there is nothing to complete. Without this guard a position such as line
  // 2^31-1 (LSP allows it; found by test/lsp/fuzz.test.ts) made scanParents walk every line number
  // down to the document start, each read clamped to the last line: ~40 s of blocked server.
  if (pos.line < 0 || pos.line >= lines.lineCount) return undefined;
  const lineText = lines.lineText(pos.line);
  const prefix = lineText.slice(0, pos.character);
  if (/^\s*#/.test(prefix) || /\s#/.test(prefix)) return undefined;

  const flow = flowCursor(lines, firstLine, pos);
  if (flow) return fromFlow(lines, firstLine, pos, flow);

  const keyMatch = KEY_LINE_RE.exec(prefix);
  if (keyMatch) {
    const [, indent, dashes, word] = keyMatch;
    const start = indent.length + dashes.length;
    WORD_RE.lastIndex = pos.character;
    const end = pos.character + (WORD_RE.exec(lineText)?.[0].length ?? 0);
    const hasColon = /^ *:/.test(lineText.slice(end));
    const scan = scanParents(
      lines,
      firstLine,
      pos.line,
      start,
      dashes.length > 0 ? indent.length + lastDashOffset(dashes) : undefined,
    );
    return { kind: 'key', parent: scan.path, word, start, end, hasColon, siblings: scan.siblings, newItem: dashes.length > 0 };
  }

  const valueMatch = VALUE_LINE_RE.exec(prefix);
  if (valueMatch) {
    const [, indent, dashes, rawKey, typed] = valueMatch;
    if (/^[|>&*!{[]/.test(typed)) return undefined;
    const keyCol = indent.length + dashes.length;
    const start = pos.character - typed.length;
    const rest = lineText.slice(pos.character);
    const comment = rest.search(/\s#/);
    const end = pos.character + (comment === -1 ? rest.trimEnd().length : rest.slice(0, comment).trimEnd().length);
    const scan = scanParents(
      lines,
      firstLine,
      pos.line,
      keyCol,
      dashes.length > 0 ? indent.length + lastDashOffset(dashes) : undefined,
    );
    return { kind: 'value', path: [...scan.path, unquote(rawKey.trim())], word: typed, start, end };
  }
  return undefined;
}

const FLOW_VALUE_END_RE = /[,}\]]| #/;

/** The flow position as a key or value context: the block line's path, then the path inside the brackets. */
function fromFlow(lines: LineIndex, firstLine: number, pos: Position, flow: FlowCursor): CompletionContext | undefined {
  const { line, indent, dashes, key } = flow.start;
  const dashCol = dashes.length > 0 ? indent + lastDashOffset(dashes) : undefined;
  let base: Segment[];
  if (key !== undefined) base = [...scanParents(lines, firstLine, line, indent + dashes.length, dashCol).path, key];
  else if (dashCol !== undefined) base = scanParents(lines, firstLine, line, indent + dashes.length, dashCol).path;
  else if (indent === 0) base = [];
  else return undefined;
  const path = [...base, ...flow.path];
  const lineText = lines.lineText(pos.line);
  const prefix = lineText.slice(0, pos.character);

  if (flow.at === 'key') {
    const word = /[A-Za-z0-9_./-]*$/.exec(prefix)?.[0] ?? '';
    WORD_RE.lastIndex = pos.character;
    const end = pos.character + (WORD_RE.exec(lineText)?.[0].length ?? 0);
    const hasColon = /^ *:/.test(lineText.slice(end));
    return {
      kind: 'key',
      parent: path,
      word,
      start: pos.character - word.length,
      end,
      hasColon,
      siblings: flow.siblings,
      newItem: false,
      flow: true,
    };
  }
  if (flow.at === 'value' && (flow.key === undefined || flow.key === '')) return undefined;
  const lead = /^ */.exec(prefix.slice(flow.valueStart))?.[0].length ?? 0;
  const start = Math.min(pos.character, flow.valueStart + lead);
  const rest = lineText.slice(pos.character);
  const stop = rest.search(FLOW_VALUE_END_RE);
  const end = pos.character + (stop === -1 ? rest : rest.slice(0, stop)).trimEnd().length;
  const valuePath = flow.at === 'value' ? [...path, flow.key as string] : [...path, flow.index];
  return { kind: 'value', path: valuePath, word: prefix.slice(start), start, end };
}

/** Column of the last `-` within a run of `- - ` markers. */
const lastDashOffset = (dashes: string): number => dashes.trimEnd().lastIndexOf('-');

interface Scan {
  readonly path: Segment[];
  readonly siblings: Set<string>;
}

/**
 * Walks up from `line` to the document start, collecting the keys (and sequence indices) of the
 * blocks that enclose column `col`. `dashCol` is set when the line itself starts a sequence item.
 */
function scanParents(lines: LineIndex, firstLine: number, line: number, col: number, dashCol: number | undefined): Scan {
  const reversed: Segment[] = [];
  const siblings = new Set<string>();
  let cur = col;
  // While set, we are inside the item of a sequence whose `-` sits at this column and look for
  // the key that owns the sequence; `index` counts the earlier items.
  let seq: { col: number; index: number } | undefined = dashCol !== undefined ? { col: dashCol, index: 0 } : undefined;
  let collecting = true;

  for (let l = line - 1; l >= firstLine; l--) {
    const info = lineInfo(lines.lineText(l));
    if (info === 'skip') continue;
    if (info === 'end') break;
    const content = info.indent + info.dash;
    if (seq) {
      if (info.indent > seq.col) continue;
      if (info.dash > 0 && info.indent === seq.col) {
        seq.index++;
        collecting = false;
        continue;
      }
      reversed.push(seq.index);
      seq = undefined;
      collecting = false;
      if (info.key === undefined) break;
      reversed.push(info.key);
      cur = info.indent;
      if (info.dash > 0) seq = { col: info.indent + lastDashCol(lines.lineText(l), info.indent), index: 0 };
    } else if (info.dash > 0 && info.indent < cur) {
      // A `- ` line: either the first line of our own item, or an item whose key encloses us.
      if (content >= cur) {
        if (collecting && info.key !== undefined && content === cur) siblings.add(info.key);
        collecting = false;
        seq = { col: info.indent + lastDashCol(lines.lineText(l), info.indent), index: 0 };
      } else {
        if (info.key === undefined) break;
        reversed.push(info.key);
        collecting = false;
        cur = content;
        seq = { col: info.indent + lastDashCol(lines.lineText(l), info.indent), index: 0 };
      }
    } else if (info.indent < cur) {
      if (info.key === undefined) break;
      reversed.push(info.key);
      collecting = false;
      cur = info.indent;
    } else if (collecting && info.indent === cur && info.dash === 0 && info.key !== undefined) {
      siblings.add(info.key);
    }
    // At the root only siblings remain to collect, and only while still in our own block.
    if (cur === 0 && !seq && reversed.length > 0) break;
  }
  if (seq) reversed.push(seq.index);

  // Siblings below the line: same column until the block ends.
  for (let l = line + 1; l < lines.lineCount; l++) {
    const info = lineInfo(lines.lineText(l));
    if (info === 'skip') continue;
    if (info === 'end' || info.indent < col) break;
    if (info.indent === col && info.dash === 0 && info.key !== undefined) siblings.add(info.key);
    if (info.indent === col && info.dash > 0) break;
  }
  return { path: reversed.reverse(), siblings };
}

/** Offset of the last `-` of the dash run that starts at `indent`. */
function lastDashCol(text: string, indent: number): number {
  const run = /^(?:- +)*/.exec(text.slice(indent))?.[0] ?? '';
  return lastDashOffset(run);
}
