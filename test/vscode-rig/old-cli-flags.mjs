// Preloaded (node --import) into code-server releases that have no --vscode-option (4.90.x among
// them). Their CLI parser rejects any flag it does not model, yet hands every parsed flag on to
// the VS Code server, which does know these two: the smoke-test driver (the test payload and the
// codeAutomation* hooks) and force-disable-user-env (no login-shell environment in the extension
// host). Declaring them as booleans in code-server's option table is all it takes: entry.js later
// loads the same (cached) CommonJS module. code-server forks itself with the same execArgv, so the
// child process gets this preload too; so do the VS Code server's own children (extension host,
// pty host), which this leaves alone.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const entry = process.argv[1];
if (entry && /^entry(\.js)?$/.test(path.basename(entry)) && fs.existsSync(path.join(path.dirname(entry), 'cli.js'))) {
  const load = createRequire(entry);
  const cli = load(path.join(path.dirname(entry), 'cli.js'));
  for (const flag of ['enable-smoke-test-driver', 'force-disable-user-env']) {
    if (cli.options && !cli.options[flag]) cli.options[flag] = { type: 'boolean' };
  }
}
