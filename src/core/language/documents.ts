// A YAML file seen as a stream of documents, each parsed only when a feature needs it. The file
// is split on `---` first (the validator's splitter), so a feature at one position parses one
// document, and a 2,000-document file costs one parse per document the user actually touches.
// Parsing never resolves aliases here; walkers read the nodes as written, so alias bombs stay flat.
import { isMap, isPair, isScalar, parseAllDocuments, type Document } from 'yaml';
import { DDB_GROUP } from '../dolphindb/names';
import { isDolphinDBDocument } from '../validation/rules';
import { MAX_DOCUMENT_CHARS } from '../validation';
import { splitDocuments, type Chunk } from '../validation/split';
import { LineIndex } from './text';

export interface ParsedDocument {
  readonly chunk: Chunk;
  readonly doc: Document.Parsed;
  /** Add to a node offset to get the file offset (node ranges are chunk-relative). */
  readonly base: number;
  readonly apiVersion?: string;
  readonly kind?: string;
  /** A DolphinDB object, or one that is trying to be (same test as the validator). */
  readonly isDolphinDB: boolean;
}

/** Documents the validator also looks at mention DolphinDB somewhere; the rest are never parsed. */
const MENTIONS_DDB_RE = /dolphindb/i;

export class YamlFile {
  readonly lines: LineIndex;
  private chunkList: Chunk[] | undefined;
  private readonly parsed = new Map<number, readonly ParsedDocument[]>();

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
  }

  chunks(): readonly Chunk[] {
    this.chunkList ??= splitDocuments(this.text);
    return this.chunkList;
  }

  /** Index of the chunk holding `offset` (the last one for the end of the text). */
  chunkIndexAt(offset: number): number {
    const chunks = this.chunks();
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Parsed documents of one chunk; empty when the chunk is too large to be a hand-edited CR. */
  documentsOf(index: number): readonly ParsedDocument[] {
    const cached = this.parsed.get(index);
    if (cached) return cached;
    const chunk = this.chunks()[index];
    const docs = chunk ? parseChunk(this.text, chunk) : [];
    this.parsed.set(index, docs);
    return docs;
  }

  /** The document whose text holds `offset`. */
  documentAt(offset: number): ParsedDocument | undefined {
    const docs = this.documentsOf(this.chunkIndexAt(offset));
    const rel = (d: ParsedDocument): number => offset - d.base;
    return docs.find((d) => rel(d) >= d.doc.range[0] && rel(d) <= d.doc.range[2]) ?? docs[docs.length - 1];
  }

  /** Every DolphinDB document of the file, in order; those parsed before `deadline` (ms since epoch) when given. */
  dolphinDBDocuments(deadline = Infinity): ParsedDocument[] {
    const out: ParsedDocument[] = [];
    const chunks = this.chunks();
    for (let i = 0; i < chunks.length; i++) {
      if (Date.now() > deadline) break;
      if (!MENTIONS_DDB_RE.test(this.text.slice(chunks[i].start, chunks[i].end))) continue;
      for (const d of this.documentsOf(i)) if (d.isDolphinDB) out.push(d);
    }
    return out;
  }
}

function parseChunk(text: string, chunk: Chunk): ParsedDocument[] {
  if (chunk.end - chunk.start > MAX_DOCUMENT_CHARS) return [];
  try {
    // Same YAML version as the validator (kubectl reads YAML 1.1), so both see the same values.
    const docs = parseAllDocuments(text.slice(chunk.start, chunk.end), {
      version: '1.1',
      prettyErrors: false,
      uniqueKeys: false,
    });
    if (!Array.isArray(docs)) return [];
    return docs.map((doc) => {
      const apiVersion = topLevelString(doc, 'apiVersion');
      const kind = topLevelString(doc, 'kind');
      const identity = { ...(apiVersion !== undefined ? { apiVersion } : {}), ...(kind !== undefined ? { kind } : {}) };
      return { chunk, doc, base: chunk.start, ...identity, isDolphinDB: isDolphinDBDocument(identity) };
    });
  } catch {
    return [];
  }
}

function topLevelString(doc: Document.Parsed, key: string): string | undefined {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  for (const pair of root.items) {
    if (isPair(pair) && isScalar(pair.key) && pair.key.value === key && isScalar(pair.value)) {
      return typeof pair.value.value === 'string' ? pair.value.value : undefined;
    }
  }
  return undefined;
}

/** Whether the apiVersion names the DolphinDB group (any version), for the "is it ours" tests. */
export const isDolphinDBApiVersion = (apiVersion: string | undefined): boolean => apiVersion?.split('/')[0] === DDB_GROUP;

/** `metadata.namespace` of a document when it is a plain string. */
export function namespaceOf(d: ParsedDocument): string | undefined {
  const root = d.doc.contents;
  if (!isMap(root)) return undefined;
  const metadata = root.items.find((p) => isScalar(p.key) && p.key.value === 'metadata')?.value;
  if (!isMap(metadata)) return undefined;
  const ns = metadata.items.find((p) => isScalar(p.key) && p.key.value === 'namespace')?.value;
  return isScalar(ns) && typeof ns.value === 'string' && ns.value !== '' ? ns.value : undefined;
}
