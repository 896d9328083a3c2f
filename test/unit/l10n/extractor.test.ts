// The extractor (scripts/l10n.mjs) must see every way English reaches a user, and the `Msg` type
// must refuse text the extractor cannot read. Each case feeds a small source that does it wrong
// and expects the complaint, so neither check can pass by finding nothing.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const root = path.resolve(__dirname, '../../..');
type Scan = (file: string, text: string) => { messages: string[]; problems: string[] };
const load = async (): Promise<Scan> =>
  ((await import(path.join(root, 'scripts', 'l10n.mjs'))) as { scanSource: Scan }).scanSource;

describe('l10n extractor', () => {
  it('collects literals given to t, this.t, ctx.t, vscode.l10n.t and msg, both arms of ?: included', async () => {
    const scan = await load();
    const r = scan(
      'src/core/x.ts',
      "t('A {0}', 1); this.t('B'); ctx.t(ok ? 'C' : 'D'); vscode.l10n.t('E'); const m = msg('F'); t(m);",
    );
    assert.deepEqual(r.messages.sort(), ['A {0}', 'B', 'C', 'D', 'E', 'F']);
    assert.deepEqual(r.problems, []);
  });

  it('reports text it cannot read: templates, concatenation, a variable in msg or vscode.l10n.t', async () => {
    const scan = await load();
    const cases = ['t(`read ${name}`);', "ctx.t('a ' + b);", 'msg(text);', 'vscode.l10n.t(text);', 'const c = msg(`x ${y}`);'];
    for (const c of cases) assert.equal(scan('src/core/x.ts', c).problems.length, 1, c);
  });

  it('reports bare English in user-facing fields and messages, and casts to Msg', async () => {
    const scan = await load();
    const cases = [
      "fail({ kind: 'invalid', operation: 'read kubeconfig', reason: r });",
      'fail({ kind: "timeout", operation, reason: `no answer within ${s} s` });',
      "items.push({ label: 'Open the log', id });",
      "const f = { tooltip: cond ? t('Ready') : 'not ready yet' };",
      "void vscode.window.showWarningMessage('Something went wrong');",
      'ctx.progress.report(`Waiting for ${n} pods`);',
      "ctx.log('Deleted the cluster');",
      't(reason as Msg);',
      'const op = `locate helm in ${dir}`;',
    ];
    for (const c of cases) assert.equal(scan('src/core/x.ts', c).problems.length, 1, c);
  });

  it('lets names, codes, commands marked verbatim, and translated text pass', async () => {
    const scan = await load();
    const r = scan(
      'src/core/x.ts',
      "x({ label: 'Grafana', reason: 'dismissed', operation: verbatim('helm list'), title: t('Open the log'), detail: `${a}/${b}`, description: msg('Cloud portal') });",
    );
    assert.deepEqual(r.problems, []);
  });
});

describe('Msg type', () => {
  // One small program over src/core/i18n: a translator call with a plain string must not compile.
  const diagnostics = (body: string): string[] => {
    const file = path.join(root, 'src', 'core', 'i18n', '__probe__.ts');
    const source = `import { english as t, msg, type Msg } from './translate';\ndeclare const plain: string;\ndeclare const name: string;\nexport const out = [${body}];\nexport type Unused = Msg;\n`;
    const host = ts.createCompilerHost({
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      skipLibCheck: true,
      types: [],
    });
    const read = host.readFile.bind(host);
    host.readFile = (f) => (path.resolve(f) === file ? source : read(f));
    const exists = host.fileExists.bind(host);
    host.fileExists = (f) => path.resolve(f) === file || exists(f);
    const program = ts.createProgram(
      [file],
      {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        skipLibCheck: true,
        types: [],
      },
      host,
    );
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  };

  it('accepts literals, unions of literals and msg constants', () => {
    assert.deepEqual(diagnostics("t('a {0}', 1), t(Math.random() > 0.5 ? 'b' : 'c'), t(msg('d'))"), []);
  });

  it('refuses a plain string, a template with a substitution, and msg of a non-literal', () => {
    for (const bad of ['t(plain)', 't(`read ${name}`)', 'msg(plain)']) assert.ok(diagnostics(bad).length > 0, `${bad} compiled`);
  });
});
