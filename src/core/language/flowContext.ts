// Where the cursor is inside a flow collection (`resources: {limits: {cpu: "1", |}}`), read from
// the text the way context.ts reads block style: the parse tree of a half-typed flow mapping is
// an error, but the brackets, commas and colons typed so far still say which map the next key
// goes into. The collection may span lines; its first line is a block line whose value (or
// sequence item) starts with `{` or `[`, and that block line is what context.ts resolves.
import type { LineIndex } from './text';
import type { Position } from './types';
import type { Segment } from './yamlPath';

/** The block line a flow collection starts on: `key: {`, `- {`, `- key: [` or a root-level `{`. */
const FLOW_START_RE = /^( *)((?:- +)*)(?:("[^"]*"|'[^']*'|[^\s#"'{[\]][^#:]*?) *: +)?([{[])/;
/** How far up a flow collection's first line is looked for (and how far down its end). */
const MAX_FLOW_LINES = 100;

export interface FlowStart {
  readonly line: number;
  readonly indent: number;
  /** The `- ` markers before the key or the bracket. */
  readonly dashes: string;
  /** The block key whose value the collection is, when there is one. */
  readonly key?: string;
}

export interface FlowCursor {
  readonly start: FlowStart;
  /** Keys and indices from the block value down to the collection the cursor is in. */
  readonly path: readonly Segment[];
  /** Typing a key of a map, a value of a map entry, or an item of a sequence. */
  readonly at: 'key' | 'value' | 'item';
  /** The map key whose value is being typed (at = 'value'). */
  readonly key?: string;
  /** Index of the item being typed (at = 'item'). */
  readonly index: number;
  /** Keys of the map the cursor is in, before and after it, except the one being typed. */
  readonly siblings: ReadonlySet<string>;
  /** Column on the cursor line where the value being typed starts (at = 'value' | 'item'). */
  readonly valueStart: number;
}

interface Frame {
  readonly kind: 'map' | 'seq';
  readonly segment: Segment | undefined;
  readonly keys: Set<string>;
  state: 'key' | 'value';
  key: string | undefined;
  /** Plain or quoted text of the key being read. */
  pending: string;
  index: number;
  /** Line and column where the current value or item starts. */
  valueLine: number;
  valueCol: number;
  /** The key the cursor is in: never counted among the siblings. */
  skipCurrent: boolean;
}

const unquote = (k: string): string => (/^(["']).*\1$/.test(k) ? k.slice(1, -1) : k);

/** The flow position of `pos`, or undefined when the cursor is in block context. */
export function flowCursor(lines: LineIndex, firstLine: number, pos: Position): FlowCursor | undefined {
  let found: FlowCursor | undefined;
  // The outermost collection that is still open at the cursor wins: lines inside a flow
  // collection may themselves look like `key: {` block lines.
  for (let l = pos.line; l >= firstLine && l > pos.line - MAX_FLOW_LINES; l--) {
    const text = lines.lineText(l);
    const m = FLOW_START_RE.exec(text);
    if (m) {
      const start: FlowStart = {
        line: l,
        indent: m[1].length,
        dashes: m[2],
        ...(m[3] !== undefined ? { key: unquote(m[3].trim()) } : {}),
      };
      const hit = scan(lines, start, m[0].length - 1, pos);
      if (hit) found = hit;
    }
    // A line at column 0 belongs to the root block: no collection above it can enclose the cursor.
    if (l < pos.line && /^[^\s#]/.test(text)) break;
  }
  return found;
}

interface Snapshot {
  readonly frame: Frame;
  readonly depth: number;
  readonly path: readonly Segment[];
  readonly at: 'key' | 'value' | 'item';
  readonly key: string | undefined;
  readonly index: number;
  readonly valueStart: number;
}

function snapshot(stack: readonly Frame[], pos: Position, quoteCol?: number): Snapshot {
  const frame = stack[stack.length - 1];
  return {
    frame,
    depth: stack.length,
    // The outermost frame is the block value itself; the inner ones each add a key or index.
    path: stack.slice(1).map((f) => f.segment as Segment),
    at: frame.kind === 'seq' ? 'item' : frame.state,
    key: frame.key,
    index: frame.index,
    valueStart: quoteCol ?? (frame.valueLine === pos.line ? frame.valueCol : 0),
  };
}

function result(start: FlowStart, snap: Snapshot): FlowCursor {
  return {
    start,
    path: snap.path,
    at: snap.at,
    ...(snap.key !== undefined ? { key: snap.key } : {}),
    index: snap.index,
    siblings: snap.frame.keys,
    valueStart: snap.valueStart,
  };
}

/** A key read without `:` (`{a, b}`) is still a key of the map. */
function endKey(frame: Frame): void {
  if (frame.kind !== 'map' || frame.state !== 'key') return;
  const key = unquote(frame.pending.trim());
  if (key !== '' && !frame.skipCurrent) frame.keys.add(key);
  frame.skipCurrent = false;
  frame.pending = '';
}

/** Index of the quote closing the scalar opened at `i`, or -1 when the line ends first. */
function closingQuote(text: string, i: number): number {
  const q = text[i];
  for (let j = i + 1; j < text.length; j++) {
    if (q === '"' && text[j] === '\\') {
      j++;
      continue;
    }
    if (text[j] === q) {
      if (q === "'" && text[j + 1] === "'") {
        j++;
        continue;
      }
      return j;
    }
  }
  return -1;
}

/**
 * Reads from the opening bracket at (start.line, col) to the cursor, and on to the end of the
 * cursor's collection (for the keys after the cursor). Undefined when the collection closes
 * before the cursor or the cursor is somewhere nothing can be offered.
 */
function scan(lines: LineIndex, start: FlowStart, col: number, pos: Position): FlowCursor | undefined {
  const stack: Frame[] = [];
  let snap: Snapshot | undefined;
  const lastLine = Math.min(lines.lineCount - 1, pos.line + MAX_FLOW_LINES);
  for (let l = start.line; l <= lastLine; l++) {
    const text = lines.lineText(l);
    let i = l === start.line ? col : 0;
    for (;;) {
      if (!snap && l === pos.line && i >= pos.character) {
        // A token that runs across the cursor (`{a: [1|]}` is fine, `"ab|c"` handled below).
        if (i > pos.character || stack.length === 0) return undefined;
        const top = stack[stack.length - 1];
        // The key being typed is not its own sibling.
        if (top.kind === 'map' && top.state === 'key') top.skipCurrent = true;
        snap = snapshot(stack, pos);
      }
      if (i >= text.length) break;
      const c = text[i];
      const top = stack[stack.length - 1];
      if (c === '"' || c === "'") {
        const close = closingQuote(text, i);
        if (!snap && l === pos.line && (close === -1 || close >= pos.character)) {
          // Inside a quoted scalar only a value (or item) being typed is completed.
          if (!top || (top.kind === 'map' && top.state === 'key')) return undefined;
          return result(start, snapshot(stack, pos, i));
        }
        const end = close === -1 ? text.length : close + 1;
        if (top?.kind === 'map' && top.state === 'key') top.pending += text.slice(i, end);
        i = end;
        continue;
      }
      if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) break;
      if (c === '{' || c === '[') {
        let segment: Segment | undefined;
        if (top?.kind === 'map') {
          // `{ {a: 1}: x }`: a collection as a key; nothing sensible to offer inside it.
          if (top.state === 'key' || top.key === undefined) return undefined;
          segment = top.key;
        } else if (top) {
          segment = top.index;
        }
        stack.push({
          kind: c === '{' ? 'map' : 'seq',
          segment,
          keys: new Set(),
          state: 'key',
          key: undefined,
          pending: '',
          index: 0,
          valueLine: l,
          valueCol: i + 1,
          skipCurrent: false,
        });
        i++;
        continue;
      }
      if (!top) return undefined;
      if (c === '}' || c === ']') {
        endKey(top);
        stack.pop();
        if (snap && stack.length < snap.depth) return result(start, snap);
        // Closed before the cursor: the cursor is after this collection, not in it.
        if (stack.length === 0) return undefined;
        i++;
        continue;
      }
      if (c === ',') {
        if (top.kind === 'map') {
          endKey(top);
          top.state = 'key';
          top.key = undefined;
        } else {
          top.index++;
        }
        top.valueLine = l;
        top.valueCol = i + 1;
        i++;
        continue;
      }
      // `:` ends a key when followed by a space, a flow indicator or the line end (a URL's `:` does not).
      if (c === ':' && top.kind === 'map' && top.state === 'key' && (i + 1 >= text.length || /[\s,{}[\]]/.test(text[i + 1]))) {
        const key = unquote(top.pending.trim());
        if (!top.skipCurrent && key !== '') top.keys.add(key);
        top.skipCurrent = false;
        top.key = key;
        top.pending = '';
        top.state = 'value';
        top.valueLine = l;
        top.valueCol = i + 1;
        i++;
        continue;
      }
      if (top.kind === 'map' && top.state === 'key') top.pending += c;
      i++;
    }
    if (!snap && l === pos.line) return undefined;
    const top = stack[stack.length - 1];
    if (top?.kind === 'map' && top.state === 'key') top.pending += ' ';
  }
  // Unclosed at the end of the look-ahead: still a fine answer while typing.
  return snap ? result(start, snap) : undefined;
}
