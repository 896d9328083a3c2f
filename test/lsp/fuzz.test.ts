// Bounded-time fuzzing of dist/server.js over stdio (issue 8, "Reliability and security"): hostile
// documents (random YAML, mutated reference CRs, alias bombs, 10k-level nesting, multi-MB scalars,
// lone surrogates, NUL bytes, raw invalid UTF-8 frames, thousands of documents, CR/LF mixes, range
// edits outside the text) interleaved with completion, hover, codeAction and documentSymbol at
// random positions. The server must never exit, log an internal error or answer a request with an
// error; every request must answer within REQUEST_BOUND_MS; RSS must stay under RSS_BOUND_MB; and
// afterwards a normal document must still get the expected diagnostic.
//
//   DDB_FUZZ_SECONDS  how long to fuzz (default 20)
//   DDB_FUZZ_SEED     replay a run: every generated input depends only on the seed
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  LogMessageNotification,
  MessageType,
  type Diagnostic,
  type Position,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { examplesDir } from '../unit/validation/helpers';
import { ensureServerBuilt, LspTestClient, withTimeout } from './lspClient';

const SECONDS = Number(process.env.DDB_FUZZ_SECONDS ?? 20);
const SEED =
  process.env.DDB_FUZZ_SEED !== undefined ? Number(process.env.DDB_FUZZ_SEED) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
/** An editor shows a spinner after about a second; 5 s means something is badly wrong. */
const REQUEST_BOUND_MS = 5_000;
/**
 * Node's baseline is ~50 MB and the largest input here is ~7 MB of text (held as the document, the
 * JSON-RPC buffer and the parse). A few hundred MB would mean an alias bomb or nesting got
 * expanded. Peaks measured across CI runs were 152–364 MB (RSS includes garbage V8 has not
 * collected yet), so the bound is 600 MB: room for that spread, still far below an expansion,
 * which reaches gigabytes.
 */
const RSS_BOUND_MB = 600;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rand {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const HEADER = 'apiVersion: dolphindb.dolphindb.io/v1\nkind: DolphinDB\n';
const KEYS = [
  'apiVersion',
  'kind',
  'metadata',
  'name',
  'namespace',
  'spec',
  'mode',
  'clusterType',
  'version',
  'storageClassName',
  'logMode',
  'controller',
  'datanode',
  'computenode',
  'replicas',
  'port',
  'dataSize',
  'logSize',
  'resources',
  'limits',
  'requests',
  'cpu',
  'memory',
  'config',
  'clusterConfig',
  'controllerConfig',
  'instances',
  'volumes',
  'volumeMounts',
  'customMeta',
  'labels',
  'annotations',
  'licenseServerAddress',
  'hostPath',
  'path',
  'persistentVolumeClaim',
  'claimName',
  'mountPath',
  '0',
  '1',
  'clustertype',
  'dataSzie',
  '<<',
  '? complex',
  '"quoted key"',
  "'single'",
  'ключ',
  '键',
  '🙂',
  '',
];
const SCALARS = [
  'cluster',
  'standalone',
  'multicontroller',
  'singlecontroller',
  'v2.00.16',
  'v2.00.5',
  '3',
  '-1',
  '0x1F',
  '1e309',
  '.nan',
  '-.inf',
  '~',
  'null',
  'true',
  'yes',
  'no',
  '1Gi',
  '500m',
  '-5Gi',
  '1.5Ti',
  '"8"',
  "'it''s'",
  '"\\u0000\\x7f\\uD800"',
  '!!binary aGVsbG8=',
  '!!str 5',
  '!custom x',
  '!!int notanint',
  '!!map {}',
  '!!seq []',
  '*undefined',
  '&a',
  '*a',
  '[]',
  '{}',
  '[a, {b: c}]',
  '|',
  '>-',
  '"unterminated',
  "'unterminated",
  '#comment',
  '@reserved',
  '`backtick`',
  '%',
  '---',
  '...',
  '?',
  '-',
  ':',
  ',',
  '\t',
  ' ',
];
const GARBAGE = [
  '\u0000',
  '\u0001',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '\ud800',
  '\udfff',
  '\udbff\udfff',
  '\r',
  '\r\n',
  '\n\r',
  '\t',
  '\v',
  '\f',
  '🙂',
  '𝔘',
  'é',
  'e\u0301',
  '：',
  '－',
];

function randomScalar(r: Rand): string {
  if (r.chance(0.1)) return Array.from({ length: r.range(1, 6) }, () => r.pick(GARBAGE)).join('');
  if (r.chance(0.1)) return String(r.range(-1e6, 1e6));
  if (r.chance(0.05)) return 'x'.repeat(r.range(100, 20_000));
  return r.pick(SCALARS);
}

/** Mostly-plausible YAML with a random shape; depth-bounded so it stays small. */
function randomYaml(r: Rand): string {
  const lines: string[] = [];
  const block = (indent: number, depth: number): void => {
    const n = r.range(1, 6);
    const seq = r.chance(0.3);
    for (let i = 0; i < n; i++) {
      const pad = ' '.repeat(Math.max(0, indent + (r.chance(0.05) ? r.range(-2, 3) : 0)));
      const head = seq ? `${pad}- ` : `${pad}${r.pick(KEYS)}:`;
      const anchor = r.chance(0.08) ? ` &${r.pick(['a', 'b', 'x1'])}` : '';
      if (depth < 6 && r.chance(0.4)) {
        lines.push(`${head}${anchor}`);
        block(indent + 2, depth + 1);
      } else if (r.chance(0.15)) {
        const flow = r.chance(0.5)
          ? `[${Array.from({ length: r.range(0, 4) }, () => randomScalar(r)).join(', ')}]`
          : `{${Array.from({ length: r.range(0, 3) }, () => `${r.pick(KEYS)}: ${randomScalar(r)}`).join(', ')}}`;
        lines.push(`${head}${anchor} ${flow}`);
      } else if (r.chance(0.08)) {
        lines.push(`${head}${anchor} ${r.pick(['|', '|-', '>', '>+', '|2'])}`);
        for (let k = r.range(0, 3); k > 0; k--) lines.push(`${' '.repeat(indent + 2)}${randomScalar(r)}`);
      } else {
        lines.push(`${head}${anchor} ${randomScalar(r)}${r.chance(0.1) ? ' # note' : ''}`);
      }
    }
  };
  if (r.chance(0.1))
    lines.push(r.pick(['%YAML 1.2', '%YAML 1.1', '%TAG ! tag:example.com,2000:', '%FOO bar', '%YAML 9.9']), '---');
  if (r.chance(0.85)) lines.push(...HEADER.trimEnd().split('\n'));
  block(0, 0);
  if (r.chance(0.2))
    lines.push(r.pick(['---', '...', '--- |', '--- !!map']), ...(r.chance(0.5) ? HEADER.trimEnd().split('\n') : []));
  if (r.chance(0.2)) block(0, 3);
  return lines.join('\n') + (r.chance(0.8) ? '\n' : '');
}

const TOKENS = [
  ':',
  ': ',
  '- ',
  '&a ',
  '*a',
  '*b',
  '<<: *a',
  '!!binary',
  '!x',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '|',
  '>',
  '#',
  '%',
  '@',
  '`',
  '?',
  ',',
  '---\n',
  '...\n',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '  ',
  '\u0000',
  '\ud800',
  '\ufeff',
  'dolphindb.dolphindb.io/v1',
  'kind: DolphinDB',
  'replicas: 999999999999999999999',
  'memory: -1Gi',
];

/** One of a few edits of a real CR: delete, insert, duplicate, swap, re-indent, replace a value. */
function mutate(r: Rand, text: string): string {
  let t = text;
  for (let k = r.range(1, 8); k > 0; k--) {
    const at = r.int(t.length + 1);
    const lines = t.split('\n');
    switch (r.int(7)) {
      case 0:
        t = t.slice(0, at) + t.slice(at + r.range(1, 40));
        break;
      case 1:
        t = t.slice(0, at) + r.pick(TOKENS) + t.slice(at);
        break;
      case 2: {
        const i = r.int(lines.length);
        lines.splice(i, 0, ...lines.slice(i, i + r.range(1, 10)));
        t = lines.join('\n');
        break;
      }
      case 3: {
        const i = r.int(lines.length);
        const j = r.int(lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        t = lines.join('\n');
        break;
      }
      case 4: {
        const i = r.int(lines.length);
        lines[i] = r.chance(0.5) ? `${' '.repeat(r.range(1, 9))}${lines[i]}` : lines[i].trimStart();
        t = lines.join('\n');
        break;
      }
      case 5: {
        const i = r.int(lines.length);
        const colon = lines[i].indexOf(': ');
        if (colon >= 0) lines[i] = `${lines[i].slice(0, colon + 2)}${randomScalar(r)}`;
        t = lines.join('\n');
        break;
      }
      default:
        t = t.slice(0, at) + r.pick(GARBAGE) + t.slice(at);
    }
  }
  return t;
}

function aliasBomb(r: Rand): string {
  const depth = r.range(10, 30);
  const width = r.range(2, 10);
  const defs = [`a0: &a0 [${Array(width).fill('lol').join(', ')}]`];
  for (let i = 1; i <= depth; i++)
    defs.push(
      `a${i}: &a${i} ${
        r.chance(0.5)
          ? `[${Array(width)
              .fill(`*a${i - 1}`)
              .join(', ')}]`
          : `{${Array.from({ length: width }, (_, k) => `k${k}: *a${i - 1}`).join(', ')}}`
      }`,
    );
  const use = `*a${depth}`;
  const where = r.pick([
    `spec:\n  customMeta:\n    labels: ${use}\n`,
    `spec:\n  datanode:\n    config: ${use}\n`,
    `spec:\n  <<: ${use}\n`,
    `metadata: ${use}\n`,
    `spec: ${use}\n`,
    `spec:\n  controller:\n    replicas: ${use}\n    volumes: ${use}\n`,
  ]);
  return `${HEADER}${defs.join('\n')}\n${where}`;
}

function deep(r: Rand): string {
  const n = r.range(8_000, 10_000);
  switch (r.int(5)) {
    case 0:
      return `${HEADER}spec: ${'['.repeat(n)}${r.chance(0.5) ? ']'.repeat(n) : ''}\n`;
    case 1:
      return `${HEADER}spec: ${'{a: '.repeat(n)}1${'}'.repeat(r.chance(0.5) ? n : 0)}\n`;
    case 2:
      return `${HEADER}spec:\n  volumes:\n  ${'- '.repeat(n)}x\n`;
    case 3:
      // Block mappings: each level is a longer line, so 1,000 levels are already ~1 MB.
      return `${HEADER}spec:\n${Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(2 * (i + 1))}k${i}:`).join('\n')} 1\n`;
    default:
      return `${HEADER}spec:\n  ${'- ['.repeat(n / 2)}x\n`;
  }
}

function hugeScalar(r: Rand): string {
  const mb = r.range(2, 7); // the server stops looking into files above 5 MiB: both sides of that line
  const body = r.chance(0.5) ? 'x'.repeat(mb * 1024 * 1024) : 'ab\u00e9\u4e2d'.repeat((mb * 1024 * 1024) / 4);
  switch (r.int(4)) {
    case 0:
      return `${HEADER}metadata:\n  name: huge\n  annotations:\n    a: "${body}"\n`;
    case 1:
      return `${HEADER}spec:\n  version: ${body}\n`;
    case 2:
      return `${HEADER}spec:\n  datanode:\n    config:\n      k: |\n        ${body}\n`;
    default:
      return `${HEADER}${body}: 1\n`;
  }
}

function badEncoding(r: Rand, base: string): string {
  // Over JSON-RPC a JS string travels as JSON: lone surrogates become \ud800 escapes, so the
  // server really receives them; NUL and C0/C1 controls likewise.
  let t = base;
  for (let k = r.range(5, 50); k > 0; k--) {
    const at = r.int(t.length + 1);
    t =
      t.slice(0, at) +
      r.pick([
        '\u0000',
        '\ud800',
        '\udc00',
        '\udbff',
        '\ufffe',
        '\uffff',
        '\u0085',
        '\u2028',
        '\u001b',
        '\u0000\u0000\u0000',
        '\ud83d',
      ]) +
      t.slice(at);
  }
  return t;
}

function manyDocuments(r: Rand, examples: readonly string[]): string {
  // Parsing costs ~1.5 ms per KiB with the yaml library and the outline has no time budget (the
  // validator has 2 s): 4,000 documents (1.3 MB) took one documentSymbol 3.7 s and 2,000 took 5 s
  // while the machine ran other tests; 1,000 still took 3.6 s under load. Up to 600 keeps
  // REQUEST_BOUND_MS meaningful on a shared 2-core machine.
  const n = r.range(100, 600);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = r.int(4);
    parts.push(
      k === 0
        ? r.pick(examples)
        : k === 1
          ? `${HEADER}metadata:\n  name: d${i}\nspec:\n  mode: ${r.pick(['cluster', 'standalone', 'bogus'])}\n`
          : k === 2
            ? ''
            : `kind: ConfigMap\ndata: {i: "${i}"}\n`,
    );
  }
  return parts.join(r.chance(0.5) ? '---\n' : '\n---\n');
}

function crlfMix(r: Rand, base: string): string {
  return base.replace(/\n/g, () => r.pick(['\n', '\r\n', '\r', '\n\r', '\r\r\n']));
}

/** Raw invalid UTF-8 inside a JSON-RPC frame: only possible below the JSON layer. */
function invalidUtf8Frame(r: Rand, uri: string, version: number, base: string): Buffer {
  const bad = [
    Buffer.from([0xff]),
    Buffer.from([0xc3]),
    Buffer.from([0xed, 0xa0, 0x80]),
    Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
    Buffer.from([0xc0, 0xaf]),
    Buffer.from([0xe2, 0x82]),
  ];
  const json = JSON.stringify({
    jsonrpc: '2.0',
    method: DidChangeTextDocumentNotification.method,
    params: { textDocument: { uri, version }, contentChanges: [{ text: `${base}MARK` }] },
  });
  const [head, tail] = json.split('MARK');
  const pieces: Buffer[] = [Buffer.from(head, 'utf8')];
  for (let k = r.range(1, 20); k > 0; k--) pieces.push(r.pick(bad), Buffer.from(r.pick(['a', ': ', '\\n', ' ']), 'utf8'));
  pieces.push(Buffer.from(tail, 'utf8'));
  const body = Buffer.concat(pieces);
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

function randomPosition(r: Rand, text: string): Position {
  if (r.chance(0.05)) return { line: r.pick([0, 1_000_000, 2 ** 31 - 1]), character: r.pick([0, 1_000_000, 2 ** 31 - 1]) };
  // Picking a random offset keeps the cost independent of the text size (no split of 7 MB).
  const offset = r.int(text.length + 1);
  let line = 0;
  let lineStart = 0;
  if (text.length < 200_000) {
    for (let i = 0; i < offset; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line: line + (r.chance(0.05) ? 1 : 0), character: offset - lineStart + (r.chance(0.05) ? r.range(1, 50) : 0) };
  }
  return { line: r.int(40), character: r.int(200) };
}

const FIX_CODES = [
  'DDB-E001',
  'DDB-E002',
  'DDB-E004',
  'DDB-E006',
  'DDB-E010',
  'DDB-E015',
  'DDB-W100',
  'DDB-E100',
  'DDB-I002',
  'DDB-X999',
];
const FIX_KEYS = [
  'clusterType.missing',
  'identity.apiVersionMissing',
  'identity.kindMissing',
  'resources.limitBelowRequest',
  'schema.unknownKeySuggest',
  'standalone.extra',
  'nope',
];

/** A diagnostic as a client could send it back: our source, but any range, code and data. */
function fabricatedDiagnostic(r: Rand, text: string): Diagnostic {
  const start = randomPosition(r, text);
  const end = r.chance(0.2) ? randomPosition(r, text) : { line: start.line, character: start.character + r.int(20) };
  const junk = (): string | number => (r.chance(0.5) ? randomScalar(r) : r.range(-5, 1e9));
  return {
    range: { start, end },
    message: 'fuzz',
    source: 'dolphindb',
    code: r.pick(FIX_CODES),
    data: {
      messageKey: r.pick(FIX_KEYS),
      path: r.pick([
        'spec',
        'spec.datanode.replicas',
        'spec.controller.resources.limits.memory',
        'metadata.name',
        '',
        'spec.x.y.z.0',
        '..',
        'spec.__proto__',
      ]),
      args: {
        role: r.pick(['datanode', 'controller', '__proto__', '']),
        resource: r.pick(['cpu', 'memory', 'x']),
        request: junk(),
        limit: junk(),
        expected: junk(),
      },
      fix: {
        suggestion: String(junk()),
        allowed: [junk(), junk()],
        remove: [String(junk()), 'controller', 'spec'],
        value: junk(),
      },
    },
  };
}

type Category =
  | 'random-yaml'
  | 'mutated-example'
  | 'alias-bomb'
  | 'deep-nesting'
  | 'huge-scalar'
  | 'bad-encoding'
  | 'invalid-utf8-frame'
  | 'many-documents'
  | 'crlf-mix'
  | 'range-edits'
  | 'close-reopen';
const CATEGORIES: readonly [Category, number][] = [
  ['random-yaml', 20],
  ['mutated-example', 25],
  ['alias-bomb', 6],
  ['deep-nesting', 5],
  ['huge-scalar', 3],
  ['bad-encoding', 8],
  ['invalid-utf8-frame', 4],
  ['many-documents', 3],
  ['crlf-mix', 8],
  ['range-edits', 12],
  ['close-reopen', 3],
];

function pickCategory(r: Rand): Category {
  const total = CATEGORIES.reduce((a, [, w]) => a + w, 0);
  let x = r.int(total);
  for (const [c, w] of CATEGORIES) {
    if (x < w) return c;
    x -= w;
  }
  return 'random-yaml';
}

function loadExamples(): string[] {
  const out: string[] = [];
  for (const dir of ['valid', 'invalid', 'status', 'support']) {
    const d = path.join(examplesDir, dir);
    for (const f of fs
      .readdirSync(d)
      .filter((x) => x.endsWith('.yaml'))
      .sort())
      out.push(fs.readFileSync(path.join(d, f), 'utf8'));
  }
  return out;
}

describe('language server under fuzzing', { timeout: (SECONDS + 180) * 1000 }, () => {
  let client: LspTestClient;
  const internalErrors: string[] = [];

  before(async () => {
    ensureServerBuilt();
    ({ client } = await LspTestClient.start({
      locale: 'en',
      facts: () => ({
        storageClasses: ['local-path'],
        supportedVersions: [{ version: 'v2.00.16', isSupportLicenseServer: true }],
        pvcNames: ['shared'],
        namespaces: ['dolphindb'],
      }),
    }));
    // main.ts logs what it catches as "dolphindb: …" errors: each one is a crash it survived.
    client.conn.onNotification(LogMessageNotification.type, (p) => {
      if (p.type === MessageType.Error) internalErrors.push(p.message.slice(0, 2_000));
    });
  });
  after(() => client?.kill());

  it(`survives ${SECONDS} s of hostile documents and requests (seed ${SEED})`, async (t) => {
    const note = (m: string): void => {
      t.diagnostic(m);
      console.log(`[fuzz] ${m}`);
    };
    note(`seed ${SEED}, ${SECONDS} s; replay with DDB_FUZZ_SEED=${SEED} DDB_FUZZ_SECONDS=${SECONDS}`);
    const r = new Rand(prng(SEED));
    const examples = loadExamples();
    assert.ok(examples.length >= 10, `reference examples under ${examplesDir}`);
    const pid = client.proc.pid ?? 0;
    let exited: string | undefined;
    client.proc.once('exit', (code, signal) => (exited = `exit code ${String(code)}, signal ${String(signal)}`));

    const uris = ['file:///fuzz/a.yaml', 'file:///fuzz/b.yaml', 'file:///fuzz/c.yml', 'untitled:Untitled-9'];
    const docs = new Map<string, { version: number; text: string }>();
    const perCategory = new Map<Category, number>();
    const requests = { completion: 0, hover: 0, codeAction: 0, documentSymbol: 0 };
    const latency = { max: 0, maxWhat: '', total: 0 };
    const failures: string[] = [];
    let peakRss = rssMb(pid);
    let iterations = 0;
    let lastText = '';
    let lastCategory: Category = 'random-yaml';
    /** What each open document last received, for the failure message. */
    const openCategory = new Map<string, Category>();
    const deadline = Date.now() + SECONDS * 1000;

    // The server's view of each document, rebuilt with the same TextDocument code it uses, so a
    // failure can be replayed from the file written below even after range edits.
    const mirror = new Map<string, TextDocument>();
    let failedTarget: string | undefined;
    const timed = async <T>(what: keyof typeof requests, p: Promise<T>, target: string, at: string): Promise<void> => {
      const started = Date.now();
      requests[what]++;
      try {
        await withTimeout(p, REQUEST_BOUND_MS, what);
      } catch (e) {
        failedTarget ??= target;
        failures.push(
          `${what} ${target} ${at} after ${lastCategory}: ${(e as Error).message}; open documents: ${[...openCategory.entries()].map(([u, c]) => `${u} (${c})`).join(', ')}`,
        );
      }
      const ms = Date.now() - started;
      latency.total += ms;
      if (ms > latency.max) {
        latency.max = ms;
        latency.maxWhat = `${what} after ${lastCategory}`;
      }
    };

    while (Date.now() < deadline && failures.length === 0 && !exited) {
      iterations++;
      const category = pickCategory(r);
      lastCategory = category;
      perCategory.set(category, (perCategory.get(category) ?? 0) + 1);
      const uri = r.pick(uris);
      const current = docs.get(uri);
      const base = r.pick(examples);
      let text: string;
      let rangeChanges: TextDocumentContentChangeEvent[] | undefined;
      switch (category) {
        case 'random-yaml':
          text = randomYaml(r);
          break;
        case 'mutated-example':
          text = mutate(r, base);
          break;
        case 'alias-bomb':
          text = aliasBomb(r);
          break;
        case 'deep-nesting':
          text = deep(r);
          break;
        case 'huge-scalar':
          text = hugeScalar(r);
          break;
        case 'bad-encoding':
        case 'invalid-utf8-frame':
          text = badEncoding(r, base);
          break;
        case 'many-documents':
          text = manyDocuments(r, examples);
          break;
        case 'crlf-mix':
          text = crlfMix(r, mutate(r, base));
          break;
        case 'range-edits': {
          // Incremental edits, some with ranges past the end or reversed, as a buggy client might send.
          text = current?.text ?? base;
          rangeChanges = [];
          for (let k = r.range(1, 6); k > 0; k--) {
            const a = randomPosition(r, text);
            const b = r.chance(0.15) ? randomPosition(r, text) : { line: a.line, character: a.character + r.int(10) };
            rangeChanges.push({ range: { start: a, end: b }, text: r.chance(0.7) ? r.pick(TOKENS) : randomScalar(r) });
          }
          break;
        }
        default:
          text = r.chance(0.5) ? base : randomYaml(r);
      }
      lastText = rangeChanges ? JSON.stringify(rangeChanges) : text;
      openCategory.set(uri, category);

      if (category === 'close-reopen' || !current) {
        if (current) await client.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
        docs.set(uri, { version: 1, text });
        mirror.set(uri, TextDocument.create(uri, 'yaml', 1, text));
        await client.conn.sendNotification(DidOpenTextDocumentNotification.type, {
          textDocument: { uri, languageId: 'yaml', version: 1, text },
        });
      } else if (category === 'invalid-utf8-frame') {
        // Every earlier message was awaited, so this frame cannot split another one.
        current.version++;
        const frame = invalidUtf8Frame(r, uri, current.version, text);
        const decoded = JSON.parse(frame.subarray(frame.indexOf('\r\n\r\n') + 4).toString('utf8')) as {
          params: { contentChanges: { text: string }[] };
        };
        const m = mirror.get(uri);
        if (m) mirror.set(uri, TextDocument.update(m, decoded.params.contentChanges, current.version));
        await new Promise<void>((resolve, reject) => client.proc.stdin?.write(frame, (e) => (e ? reject(e) : resolve())));
        current.text = '';
      } else {
        current.version++;
        if (!rangeChanges) current.text = text;
        else current.text = ''; // unknown after out-of-range edits: the server's copy is the truth
        const m = mirror.get(uri);
        if (m) mirror.set(uri, TextDocument.update(m, rangeChanges ?? [{ text }], current.version));
        await client.conn.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version: current.version },
          contentChanges: rangeChanges ?? [{ text }],
        });
      }

      const pending: Promise<void>[] = [];
      for (let k = r.range(1, 5); k > 0; k--) {
        const target = r.chance(0.85) ? uri : r.pick([...uris, 'file:///fuzz/never-opened.yaml']);
        const position = randomPosition(r, text);
        switch (r.int(4)) {
          case 0:
            pending.push(
              timed(
                'completion',
                client.conn.sendRequest(CompletionRequest.type, { textDocument: { uri: target }, position }),
                target,
                JSON.stringify(position),
              ),
            );
            break;
          case 1:
            pending.push(
              timed(
                'hover',
                client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: target }, position }),
                target,
                JSON.stringify(position),
              ),
            );
            break;
          case 2: {
            const published = client.published.get(target)?.at(-1)?.diagnostics ?? [];
            const fabricated = Array.from({ length: r.range(0, 4) }, () => fabricatedDiagnostic(r, text));
            const diagnostics = [...published.slice(0, 50), ...fabricated];
            const range = diagnostics[0]?.range ?? { start: position, end: position };
            pending.push(
              timed(
                'codeAction',
                client.conn.sendRequest(CodeActionRequest.type, {
                  textDocument: { uri: target },
                  range,
                  context: { diagnostics },
                }),
                target,
                JSON.stringify(range),
              ),
            );
            break;
          }
          default:
            pending.push(
              timed(
                'documentSymbol',
                client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: target } }),
                target,
                '',
              ),
            );
        }
      }
      await Promise.all(pending);
      if (iterations % 3 === 0 || category === 'huge-scalar' || category === 'alias-bomb' || category === 'many-documents')
        peakRss = Math.max(peakRss, rssMb(pid));
      if (internalErrors.length > 0) failures.push(`internal error after ${category}: ${internalErrors[0]}`);
    }
    // Validation runs after a debounce: give the last edits time to be checked, then sample again.
    await new Promise((res) => setTimeout(res, 1_000));
    if (!exited) peakRss = Math.max(peakRss, rssMb(pid));

    const total = Object.values(requests).reduce((a, b) => a + b, 0);
    note(
      `${iterations} iterations: ${[...perCategory.entries()]
        .sort()
        .map(([c, n]) => `${c} ${n}`)
        .join(', ')}`,
    );
    note(
      `${total} requests (completion ${requests.completion}, hover ${requests.hover}, codeAction ${requests.codeAction}, documentSymbol ${requests.documentSymbol}); max latency ${latency.max} ms (${latency.maxWhat}), mean ${total ? Math.round(latency.total / total) : 0} ms`,
    );
    note(`peak RSS ${peakRss.toFixed(0)} MB (bound ${RSS_BOUND_MB} MB); internal errors logged: ${internalErrors.length}`);

    if (failures.length > 0 || exited || internalErrors.length > 0) {
      const file = path.join(os.tmpdir(), `ddb-fuzz-${SEED}-${iterations}.txt`);
      const failedText = failedTarget !== undefined ? mirror.get(failedTarget)?.getText() : undefined;
      fs.writeFileSync(file, failedText ?? lastText);
      note(`${failedText !== undefined ? `text of ${String(failedTarget)}` : `last input (${lastCategory})`} written to ${file}`);
    }
    assert.equal(exited, undefined, `the server exited (${String(exited)}); seed ${SEED}, iteration ${iterations}`);
    assert.deepEqual(failures, [], `seed ${SEED}, iteration ${iterations}`);
    assert.deepEqual(internalErrors, [], `seed ${SEED}`);
    assert.ok(peakRss > 0 && peakRss < RSS_BOUND_MB, `peak RSS ${peakRss.toFixed(0)} MB (seed ${SEED})`);
    assert.ok(iterations >= 5, `only ${iterations} iterations in ${SECONDS} s`);

    // Alive and still correct: a known-bad CR gets its diagnostic, and the server exits cleanly.
    const uri = 'file:///fuzz/after.yaml';
    const next = client.nextDiagnostics(uri, () => true, 20_000);
    await client.open(
      uri,
      fs.readFileSync(path.join(examplesDir, 'invalid', 'i01-multicontroller-two-controllers.yaml'), 'utf8'),
    );
    const { diagnostics } = await next;
    assert.ok(
      diagnostics.some((d) => d.code === 'DDB-E006'),
      `expected DDB-E006, got ${diagnostics.map((d) => String(d.code)).join(', ')}`,
    );
    assert.equal(await client.stop(), 0);
  });
});
