// The layer rule is enforced by lint: this proves the rule fires, not just that today's code is clean.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';

const root = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function problems(file: string, text: string): Promise<string[]> {
  const [r] = await eslint.lintText(text, { filePath: path.join(root, file) });
  return r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint', () => {
  it('fails when src/core imports vscode', async () => {
    const p = await problems('src/core/lint-probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n");
    assert.equal(p.length, 1);
    assert.match(p[0], /src\/core must not depend on VS Code/);
  });
  it('fails when src/core imports an LSP package', async () => {
    const p = await problems(
      'src/core/lint-probe.ts',
      "import { createConnection } from 'vscode-languageserver/node';\nexport const x = createConnection;\n",
    );
    assert.equal(p.length, 1);
  });
  it('fails when src/core imports the extension layer', async () => {
    const p = await problems(
      'src/core/k8s/lint-probe.ts',
      "import { activate } from '../../extension/main';\nexport const x = activate;\n",
    );
    assert.equal(p.length, 1);
  });
  it('fails when the server imports vscode', async () => {
    const p = await problems('src/server/lint-probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n");
    assert.equal(p.length, 1);
  });
  it('the whole project lints clean', { timeout: 120_000 }, async () => {
    const results = await eslint.lintFiles(['src', 'test', 'bench']);
    const errors = results.flatMap((r) =>
      r.messages
        .filter((m) => m.severity === 2)
        .map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`),
    );
    assert.deepEqual(errors, []);
  });

  it('allows the extension to import vscode and core', async () => {
    const p = await problems(
      'src/extension/lint-probe.ts',
      "import * as vscode from 'vscode';\nimport { ok } from '../core/result';\nexport const x = [vscode, ok];\n",
    );
    assert.deepEqual(p, []);
  });
});

describe('formatting (prettier, as `npm run lint` checks it)', () => {
  const sourceDirs = ['src', 'test', 'bench', 'scripts'];
  const sources = (): string[] => {
    const out: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'node_modules') walk(full);
        } else if (/\.(ts|mjs|js)$/.test(e.name)) out.push(full);
      }
    };
    for (const d of sourceDirs) walk(path.join(root, d));
    for (const f of fs.readdirSync(root)) if (f.endsWith('.mjs')) out.push(path.join(root, f));
    return out;
  };

  it('flags a badly formatted file (the check can fail)', async () => {
    const options = (await prettier.resolveConfig(path.join(root, 'src/core/probe.ts'))) ?? {};
    assert.equal(
      await prettier.check('const  a = {b:1}\n', { ...options, filepath: path.join(root, 'src/core/probe.ts') }),
      false,
    );
    assert.equal(
      await prettier.check('const a = { b: 1 };\n', { ...options, filepath: path.join(root, 'src/core/probe.ts') }),
      true,
    );
  });

  it('every TypeScript and JavaScript source is formatted', { timeout: 120_000 }, async () => {
    const files = sources();
    assert.ok(files.length > 300, `found ${files.length} source files`);
    const unformatted: string[] = [];
    for (const f of files) {
      const options = (await prettier.resolveConfig(f)) ?? {};
      if (!(await prettier.check(fs.readFileSync(f, 'utf8'), { ...options, filepath: f })))
        unformatted.push(path.relative(root, f));
    }
    assert.deepEqual(unformatted, [], 'run `npm run format`');
  });
});
