// validateText: YAML text in, problems out. Only documents that are DolphinDB objects (or try to
// be: E001) are checked; other documents in the same file are not even parsed unless they mention
// DolphinDB. The work is bounded everywhere: per-document size, alias resolutions, node visits,
// nesting depth, problem count and a time budget; nothing here throws.
import { isMap, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { duplicateKeyRanges } from './duplicates';
import { formatMessage } from './messages';
import { SchemaWalk } from './schemaWalk';
import { crSchema } from './schema';
import { ProblemSink, Reporter } from './report';
import { DOCUMENT_RULES, identityOf, isDolphinDBDocument, SPEC_RULES, type RuleContext } from './rules';
import { splitDocuments, type Chunk } from './split';
import { kindOf, Tree } from './tree';
import type { Problem, ValidationContext } from './types';

/** A DolphinDB CR is a few KiB; anything far bigger is not hand-edited and is skipped. */
export const MAX_DOCUMENT_CHARS = 256 * 1024;
export const DEFAULT_TIME_BUDGET_MS = 10_000;

const MENTIONS_DDB_RE = /dolphindb/i;
/** Recognises a DolphinDB document by text when parsing failed too badly to read its kind. */
const LOOKS_DDB_RE = /^\s*(kind:\s*["']?DolphinDB\b|apiVersion:\s*["']?dolphindb\.dolphindb\.io\/)/im;

export function validateText(text: string, known: ValidationContext = {}): Problem[] {
  const sink = new ProblemSink();
  if (typeof text !== 'string' || text.length === 0) return [];
  try {
    const deadline = Date.now() + (known.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
    for (const chunk of splitDocuments(text)) {
      if (sink.full) break;
      const chunkText = text.slice(chunk.start, chunk.end);
      if (!MENTIONS_DDB_RE.test(chunkText)) continue;
      if (Date.now() > deadline) {
        budgetStop(sink, chunk, known.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
        break;
      }
      validateChunk(chunkText, chunk, known, sink);
    }
  } catch {
    // Defensive only: every known failure is handled closer to its source.
    sink.push(internalError({ line: 0, character: 0 }));
  }
  return sortProblems(sink.problems);
}

function validateChunk(chunkText: string, chunk: Chunk, known: ValidationContext, sink: ProblemSink): void {
  const lines = new LineCounter();
  const reporter = new Reporter(sink, lines, chunk.line);
  if (chunkText.length > MAX_DOCUMENT_CHARS) {
    if (LOOKS_DDB_RE.test(chunkText)) {
      // Not parsed, so no line table: the problem sits on the document's first line.
      const firstLineEnd = chunkText.indexOf('\n');
      const end = Math.min(firstLineEnd === -1 ? chunkText.length : firstLineEnd, 200);
      reporter.add({
        code: 'DDB-I001',
        messageKey: 'doc.tooLarge',
        args: { sizeKiB: Math.round(chunkText.length / 1024), limitKiB: MAX_DOCUMENT_CHARS / 1024 },
        range: { start: { line: chunk.line, character: 0 }, end: { line: chunk.line, character: end } },
        path: '',
      });
    }
    return;
  }
  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(chunkText, {
      lineCounter: lines,
      // kubectl reads manifests as YAML 1.1 (sigs.k8s.io/yaml), where `yes`/`on` are booleans.
      version: '1.1',
      prettyErrors: false,
      // Checked by duplicateKeyRanges instead: yaml's check is quadratic in the map size.
      uniqueKeys: false,
    });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch {
    sink.push(internalError(reporter.range(0, 0).start));
    return;
  }
  for (const doc of docs) {
    try {
      validateDocument(doc, chunkText, reporter, known);
    } catch {
      sink.push(internalError(reporter.range(doc.range[0], doc.range[0]).start));
    }
  }
}

function validateDocument(doc: Document.Parsed, chunkText: string, reporter: Reporter, known: ValidationContext): void {
  const tree = new Tree(doc);
  const root = tree.root();
  const isDdb = isDolphinDBDocument(identityOf(tree, root));
  const duplicates = doc.errors.length === 0 ? duplicateKeyRanges(doc) : [];
  const hasErrors = doc.errors.length > 0 || duplicates.length > 0;
  if (!isDdb && !(hasErrors && LOOKS_DDB_RE.test(chunkText.slice(doc.range[0], doc.range[2])))) return;

  for (const e of doc.errors) {
    reporter.add({
      code: 'yaml-syntax',
      messageKey: 'yaml.syntax',
      args: { detail: yamlDetail(e.message) },
      range: reporter.range(e.pos[0], e.pos[1]),
      path: '',
    });
  }
  for (const [start, end] of duplicates) {
    reporter.add({
      code: 'yaml-syntax',
      messageKey: 'yaml.duplicateKey',
      args: { key: chunkText.slice(start, Math.min(end, start + 60)) },
      range: reporter.range(start, end),
      path: '',
    });
  }
  for (const w of doc.warnings) {
    reporter.add({
      code: 'yaml-syntax',
      severity: 'warning',
      messageKey: 'yaml.warning',
      args: { detail: yamlDetail(w.message) },
      range: reporter.range(w.pos[0], w.pos[1]),
      path: '',
    });
  }
  // A broken document parses into a guess; rules on a guess produce noise, so stop here.
  if (hasErrors || !isDdb) return;

  new SchemaWalk(tree, reporter).run(root, crSchema());
  const spec = tree.get(root, 'spec');
  const specIsMap = !!spec?.node && isMap(spec.node);
  const rc: RuleContext = { tree, report: reporter, root, spec: specIsMap ? spec : undefined, known };
  for (const rule of DOCUMENT_RULES) rule(rc);
  // `spec: 5` is already a type error; rules about its contents would only add noise.
  if (specIsMap || !spec?.node || kindOf(spec.node) === 'null') for (const rule of SPEC_RULES) rule(rc);
  if (tree.aliasLimitHit) {
    reporter.add({
      code: 'DDB-I002',
      messageKey: 'doc.aliasLimit',
      args: { count: 100 },
      range: reporter.range(doc.range[0], doc.range[0]),
      path: '',
    });
  }
}

/** yaml's messages end with " at line L, column C" plus a source excerpt; the range says that. */
function yamlDetail(message: string): string {
  return message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .slice(0, 200);
}

function budgetStop(sink: ProblemSink, chunk: Chunk, ms: number): void {
  const pos = { line: chunk.line, character: 0 };
  sink.push({
    code: 'DDB-I002',
    messageKey: 'doc.timeBudget',
    args: { ms },
    message: formatMessage('doc.timeBudget', { ms }),
    severity: 'info',
    range: { start: pos, end: pos },
    path: '',
  });
}

function internalError(pos: { line: number; character: number }): Problem {
  return {
    code: 'DDB-I002',
    messageKey: 'doc.internalError',
    args: {},
    message: formatMessage('doc.internalError', {}),
    severity: 'info',
    range: { start: pos, end: pos },
    path: '',
  };
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) => a.p.range.start.line - b.p.range.start.line || a.p.range.start.character - b.p.range.start.character || a.i - b.i,
    )
    .map(({ p }) => p);
}
