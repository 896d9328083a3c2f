#!/usr/bin/env node
// The runtime translation pipeline (README, "Translations"). Reads every .ts file under src/ with
// the TypeScript parser and collects the English messages: the string literals given to a
// translator (`t('…')`, `this.t('…')`, `ctx.t('…')`, `vscode.l10n.t('…')`) and to the marker
// `msg('…')` (text defined in one place, translated later at the edge). It writes them to
// l10n/bundle.l10n.json and checks that l10n/bundle.l10n.zh-cn.json translates each.
// It also reports the ways English escapes the bundle (`problems`):
//   - a translator or marker given text the extractor cannot read (a template with ${…}, a `+`);
//   - `msg` or `vscode.l10n.t` given anything but literals (the `Msg` type guards `t` otherwise);
//   - a cast to `Msg` outside src/core/i18n (it would defeat that guard);
//   - a user-facing field (label, reason, tooltip, …), a variable of that name (or `op`) or a
//     `show…Message` call given bare English.
//   node scripts/l10n.mjs          write the English bundle, report missing translations
//   node scripts/l10n.mjs --check  exit 1 when the bundle is stale, a translation is missing or a problem is found
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Properties whose string value a user reads (tree items, quick picks, failures, progress, prompts). */
const USER_FIELDS = new Set([
  'label',
  'description',
  'detail',
  'tooltip',
  'title',
  'placeHolder',
  'placeholder',
  'prompt',
  'reason',
  'operation',
  'message',
  'validationMessage',
]);
/** Calls whose first argument a user reads: notifications, progress, the operation log. */
const USER_CALLS = /^(?:vscode\.)?window\.show(?:Information|Warning|Error)Message$|(?:^|\.)progress\.report$|^ctx\.log$/;
/**
 * Prose: two words, or a word and a placeholder, separated by white space ('read {}', 'no answer').
 * Single words (product names, codes such as 'dismissed', field paths) are not taken for prose.
 */
const PROSE = /(?:[A-Za-z]{2,}|\{\})\s+[A-Za-z]{2,}|[A-Za-z]{2,}\s+\{\}/;
/** The translator adapter itself: it passes each message through to vscode.l10n.t. */
const ADAPTER = 'src/extension/localize.ts';

function walkFiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walkFiles(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const unwrap = (n) =>
  ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression?.(n) ? unwrap(n.expression) : n;

/** The expressions a value can come from: both arms of `?:`, both sides of `??` / `||`. */
function leaves(n) {
  n = unwrap(n);
  if (ts.isConditionalExpression(n)) return [...leaves(n.whenTrue), ...leaves(n.whenFalse)];
  if (
    ts.isBinaryExpression(n) &&
    (n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  )
    return [...leaves(n.left), ...leaves(n.right)];
  return [n];
}

const isLiteral = (n) => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n);
/** Static text of a template (what a user would read around the substitutions). */
const staticText = (n) =>
  ts.isTemplateExpression(n)
    ? n.head.text + n.templateSpans.map((s) => '{}' + s.literal.text).join('')
    : isLiteral(n)
      ? n.text
      : '';

function calleeKind(call, sf) {
  const c = call.expression;
  if (ts.isIdentifier(c) && c.text === 'msg') return 'marker';
  if (ts.isIdentifier(c) && c.text === 't') return 'translator';
  if (ts.isPropertyAccessExpression(c) && c.name.text === 't')
    return /(^|\.)l10n$/.test(c.expression.getText(sf)) ? 'vscode' : 'translator';
  return undefined;
}

/** Messages and problems of one source text (exported for the unit test, which feeds it bad code). */
export function scanSource(fileName, text) {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const messages = [];
  const problems = [];
  const where = (n) => `${fileName}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
  const inI18n = /[\\/]core[\\/]i18n[\\/]/.test(fileName);
  const proseLeaf = (n) => (isLiteral(n) || ts.isTemplateExpression(n)) && PROSE.test(staticText(n));

  const visit = (n) => {
    if (ts.isCallExpression(n) && n.arguments.length > 0) {
      const kind = calleeKind(n, sf);
      if (kind) {
        for (const leaf of leaves(n.arguments[0])) {
          if (isLiteral(leaf)) messages.push(leaf.text);
          else if (
            (kind === 'vscode' && fileName !== ADAPTER) ||
            kind === 'marker' ||
            ts.isTemplateExpression(leaf) ||
            ts.isBinaryExpression(leaf)
          )
            problems.push(
              `${where(leaf)}: ${n.expression.getText(sf)}(…) is given ${leaf.getText(sf).slice(0, 80)}, which the extractor cannot read; pass a literal (or a msg('…') constant)`,
            );
        }
      } else if (USER_CALLS.test(n.expression.getText(sf))) {
        for (const leaf of leaves(n.arguments[0]))
          if (proseLeaf(leaf))
            problems.push(`${where(leaf)}: English shown without translation: ${leaf.getText(sf).slice(0, 80)}`);
      }
    }
    if ((ts.isAsExpression(n) || ts.isTypeAssertionExpression(n)) && /\bMsg\b/.test(n.type.getText(sf)) && !inI18n)
      problems.push(
        `${where(n)}: a cast to Msg hides untranslatable text from the extractor; use msg('…') where the text is written`,
      );
    // `const op = 'read x'` flows into a Failure's operation a few lines down.
    if (
      ts.isVariableDeclaration(n) &&
      ts.isIdentifier(n.name) &&
      n.initializer &&
      (USER_FIELDS.has(n.name.text) || n.name.text === 'op')
    ) {
      for (const leaf of leaves(n.initializer))
        if (proseLeaf(leaf))
          problems.push(`${where(leaf)}: ${n.name.text} is English without translation: ${leaf.getText(sf).slice(0, 80)}`);
    }
    if (ts.isPropertyAssignment(n) && (ts.isIdentifier(n.name) || ts.isStringLiteral(n.name)) && USER_FIELDS.has(n.name.text)) {
      for (const leaf of leaves(n.initializer))
        if (proseLeaf(leaf))
          problems.push(`${where(leaf)}: ${n.name.text} is English without translation: ${leaf.getText(sf).slice(0, 80)}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { messages, problems };
}

export function scan(dir = path.join(root, 'src')) {
  const messages = new Set();
  const problems = [];
  for (const file of walkFiles(dir)) {
    const r = scanSource(path.relative(root, file).split(path.sep).join('/'), fs.readFileSync(file, 'utf8'));
    for (const m of r.messages) messages.add(m);
    problems.push(...r.problems);
  }
  return { messages: [...messages].sort(), problems };
}

export function collectMessages(dir) {
  return scan(dir).messages;
}

export function check() {
  const { messages: msgs, problems } = scan();
  const en = Object.fromEntries(msgs.map((m) => [m, m]));
  const enFile = path.join(root, 'l10n', 'bundle.l10n.json');
  const zhFile = path.join(root, 'l10n', 'bundle.l10n.zh-cn.json');
  const zh = fs.existsSync(zhFile) ? JSON.parse(fs.readFileSync(zhFile, 'utf8')) : {};
  const current = fs.existsSync(enFile) ? JSON.parse(fs.readFileSync(enFile, 'utf8')) : {};
  const missingZh = msgs.filter((m) => typeof zh[m] !== 'string' || zh[m].trim() === '');
  const unusedZh = Object.keys(zh).filter((k) => !(k in en));
  const staleEn = JSON.stringify(current) !== JSON.stringify(en);
  const badPlaceholders = msgs.filter(
    (m) =>
      typeof zh[m] === 'string' && (m.match(/\{\d+\}/g) ?? []).sort().join() !== (zh[m].match(/\{\d+\}/g) ?? []).sort().join(),
  );
  return { msgs, en, enFile, zhFile, zh, missingZh, unusedZh, staleEn, badPlaceholders, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = check();
  for (const p of r.problems) console.error(p);
  if (process.argv.includes('--check')) {
    if (r.staleEn) console.error('l10n/bundle.l10n.json is stale: run node scripts/l10n.mjs');
    for (const m of r.missingZh) console.error(`missing zh-cn: ${JSON.stringify(m)}`);
    for (const m of r.unusedZh) console.error(`zh-cn entry no source uses: ${JSON.stringify(m)}`);
    for (const m of r.badPlaceholders) console.error(`placeholders differ: ${JSON.stringify(m)}`);
    process.exit(r.staleEn || r.missingZh.length || r.unusedZh.length || r.badPlaceholders.length || r.problems.length ? 1 : 0);
  }
  fs.mkdirSync(path.dirname(r.enFile), { recursive: true });
  fs.writeFileSync(r.enFile, JSON.stringify(r.en, null, 2) + '\n');
  // Entries no source uses any more are dropped, so the Chinese bundle never holds dead text.
  if (r.unusedZh.length > 0) {
    const kept = Object.fromEntries(Object.entries(r.zh).filter(([k]) => k in r.en));
    fs.writeFileSync(r.zhFile, JSON.stringify(kept, null, 2) + '\n');
  }
  console.log(
    `${r.msgs.length} messages; ${r.missingZh.length} without a zh-cn translation; ${r.unusedZh.length} unused zh-cn entries dropped; ${r.problems.length} problems`,
  );
  for (const m of r.missingZh) console.log(`  ${JSON.stringify(m)}`);
}
