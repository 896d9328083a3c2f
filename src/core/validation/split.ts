// Splits a YAML stream into document chunks before parsing, so that each document's size is
// known up front: a huge document can be skipped without parsing it, unrelated documents are not
// parsed at all, and the work stays linear in the text length. A line starting with `---`
// (followed by whitespace or the end of the line) always starts a new document in YAML, even
// inside block scalars, so splitting there never cuts a document in two.

export interface Chunk {
  /** Offset of the chunk's first character in the full text (always at a line start). */
  readonly start: number;
  readonly end: number;
  /** 0-based line number of `start`. */
  readonly line: number;
}

const MARKER_RE = /^---(?:[ \t\r]|$)/;
const DIRECTIVE_OR_BLANK_RE = /^(?:%.*|#.*|[ \t\r]*)$/;

export function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let chunkStart = 0;
  let chunkLine = 0;
  // True while the current chunk holds only directives, comments and blank lines: such a
  // prefix belongs to the document that the next `---` starts.
  let onlyPrelude = true;
  let line = 0;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const lineText = text.slice(pos, Math.min(lineEnd, pos + 8));
    if (pos > chunkStart && MARKER_RE.test(lineText) && !onlyPrelude) {
      chunks.push({ start: chunkStart, end: pos, line: chunkLine });
      chunkStart = pos;
      chunkLine = line;
      onlyPrelude = true;
    }
    if (
      onlyPrelude &&
      !(MARKER_RE.test(lineText) && pos === chunkStart) &&
      !DIRECTIVE_OR_BLANK_RE.test(text.slice(pos, lineEnd))
    ) {
      onlyPrelude = false;
    }
    if (nl === -1) break;
    pos = nl + 1;
    line++;
  }
  if (chunkStart < text.length || chunks.length === 0) chunks.push({ start: chunkStart, end: text.length, line: chunkLine });
  return chunks;
}
