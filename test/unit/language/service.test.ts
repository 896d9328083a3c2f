import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ClusterFacts } from '../../../src/protocol/messages';
import { FactsCache } from '../../../src/server/service/factsCache';
import { DolphinDBLanguageService, resolveLocale, type FactsSource } from '../../../src/server/service/languageService';
import { Scheduler } from '../../../src/server/service/scheduler';
import { cursor, DDB_HEAD, VALID_CR } from './helpers';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A facts source that records the namespaces asked for. */
function factsSource(facts: ClusterFacts | null, delayMs = 0): FactsSource & { asked: (string | undefined)[] } {
  const asked: (string | undefined)[] = [];
  return {
    asked,
    get: async (ns) => {
      asked.push(ns);
      if (delayMs > 0) await sleep(delayMs);
      return facts;
    },
  };
}

const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  clustertype: x\n  replicas: 2\n';
const BAD_CR = `${DDB_HEAD}metadata:\n  name: bad\n  namespace: prod\nspec:\n  mode: cluster\n  clusterType: multicontroller\n  version: v2.00.5\n  storageClassName: fast\n  controller:\n    replicas: 2\n  datanode:\n    replicas: 1\n`;

describe('language service: validation', () => {
  it('checks DolphinDB documents only, in a multi-document file', async () => {
    const text = `${CONFIGMAP}---\n${BAD_CR}---\n${CONFIGMAP}`;
    const problems = (await new DolphinDBLanguageService().validate(text)) ?? [];
    assert.deepEqual(
      problems.map((p) => p.code),
      ['DDB-E006'],
    );
    // ConfigMap (7 lines) + `---`, then `replicas: 2` is line 11 of the CR.
    assert.deepEqual(problems[0].range, { start: { line: 19, character: 14 }, end: { line: 19, character: 15 } });
  });
  it('detects by apiVersion and kind, never by file content elsewhere', async () => {
    const svc = new DolphinDBLanguageService();
    assert.deepEqual(
      await svc.validate('# dolphindb.dolphindb.io/v1 mentioned in a comment\nkind: Deployment\napiVersion: apps/v1\n'),
      [],
    );
    assert.deepEqual(await svc.validate(VALID_CR), []);
  });
  it('renders messages in the locale and switches at runtime', async () => {
    const svc = new DolphinDBLanguageService({ locale: 'en' });
    const [en] = (await svc.validate(BAD_CR)) ?? [];
    assert.match(en.message, /^multicontroller requires at least 3 controllers/);
    svc.setLocale('zh-CN');
    const [zh] = (await svc.validate(BAD_CR)) ?? [];
    assert.match(zh.message, /multicontroller 要求至少 3 个控制节点/);
    assert.equal(zh.code, en.code);
  });
  it('maps display languages to message languages', () => {
    assert.equal(resolveLocale('zh-cn'), 'zh-cn');
    assert.equal(resolveLocale('zh-tw'), 'zh-cn');
    assert.equal(resolveLocale('zh'), 'zh-cn');
    assert.equal(resolveLocale('en-us'), 'en');
    assert.equal(resolveLocale('de'), 'en');
    assert.equal(resolveLocale(undefined), 'en');
  });
  it('runs the cluster-aware checks with facts for the CR namespace', async () => {
    const facts = factsSource({ storageClasses: ['local-path'], supportedVersions: [{ version: 'v2.00.16' }] });
    const problems = (await new DolphinDBLanguageService({ facts }).validate(BAD_CR)) ?? [];
    assert.deepEqual(problems.map((p) => p.code).sort(), ['DDB-E006', 'DDB-W009', 'DDB-W023']);
    assert.deepEqual(facts.asked, ['prod']);
  });
  it('skips the cluster-aware checks quietly when offline', async () => {
    const problems = (await new DolphinDBLanguageService({ facts: factsSource(null) }).validate(BAD_CR)) ?? [];
    assert.deepEqual(
      problems.map((p) => p.code),
      ['DDB-E006'],
    );
  });
  it('asks for the default namespace when the CRs are in several', async () => {
    const facts = factsSource({});
    await new DolphinDBLanguageService({ facts }).validate(`${BAD_CR}---\n${VALID_CR}`);
    assert.deepEqual(facts.asked, [undefined]);
  });
  it('does not wait long for slow facts, and reports when they arrive', async () => {
    const facts = factsSource({ storageClasses: ['local-path'] }, 1_500);
    const svc = new DolphinDBLanguageService({ facts, validationPatienceMs: 20 });
    let late = 0;
    svc.onLateFacts(() => late++);
    const started = Date.now();
    const problems = (await svc.validate(BAD_CR)) ?? [];
    assert.ok(Date.now() - started < 1_000, 'validated without waiting for the facts');
    assert.deepEqual(
      problems.map((p) => p.code),
      ['DDB-E006'],
    );
    assert.equal(late, 0);
    await sleep(1_700);
    assert.equal(late, 1);
  });
  it('returns undefined when cancelled while waiting for facts', async () => {
    const svc = new DolphinDBLanguageService({ facts: factsSource({}, 30) });
    const token = { isCancellationRequested: false };
    const pending = svc.validate(BAD_CR, token);
    token.isCancellationRequested = true;
    assert.equal(await pending, undefined);
  });
  it('skips a huge file with one info diagnostic, and says nothing about an unrelated one', async () => {
    const svc = new DolphinDBLanguageService({ maxFileChars: 10_000 });
    const big = `${BAD_CR}---\n${'# padding\n'.repeat(2_000)}`;
    const problems = (await svc.validate(big)) ?? [];
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'DDB-I001');
    assert.equal(problems[0].severity, 'info');
    assert.match(problems[0].message, /^File not checked for DolphinDB objects: it is 0.0 MiB/);
    assert.deepEqual(await svc.validate(`a: b\n${'# padding\n'.repeat(2_000)}`), []);
    assert.deepEqual(await svc.complete(big, { line: 0, character: 0 }), []);
    assert.deepEqual(svc.symbols(big), []);
  });
  it('survives junk: binary, an alias bomb, deep nesting', async () => {
    const svc = new DolphinDBLanguageService();
    const binary = `${DDB_HEAD}${String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256))}`;
    const bomb = `${DDB_HEAD}metadata:\n  name: b\nx0: &a0 [dolphindb, dolphindb]\n${Array.from({ length: 30 }, (_, i) => `x${i + 1}: &a${i + 1} [*a${i}, *a${i}]`).join('\n')}\nspec:\n  customMeta:\n    labels: *a30\n`;
    const deep = `${DDB_HEAD}spec:\n${Array.from({ length: 500 }, (_, i) => `${' '.repeat(2 * (i + 1))}k${i}:`).join('\n')} 1\n`;
    for (const text of [binary, bomb, deep]) {
      const started = Date.now();
      assert.ok(Array.isArray(await svc.validate(text)));
      const { pos } = cursor(`${text.slice(0, 60)}|`);
      assert.ok(Array.isArray(await svc.complete(text, pos)));
      svc.hover(text, pos);
      svc.symbols(text);
      assert.ok(Date.now() - started < 5_000);
    }
  });
});

describe('language service: editor features', () => {
  it('completes with the facts of the document namespace', async () => {
    const facts = factsSource({ storageClasses: ['fast', 'slow'] });
    const svc = new DolphinDBLanguageService({ facts });
    const { text, pos } = cursor(`${DDB_HEAD}metadata:\n  namespace: prod\nspec:\n  storageClassName: |\n`);
    const items = (await svc.complete(text, pos)) ?? [];
    assert.deepEqual(
      items.map((i) => i.label),
      ['fast', 'slow'],
    );
    assert.deepEqual(facts.asked, ['prod']);
  });
  it('does not ask for facts outside DolphinDB documents', async () => {
    const facts = factsSource({});
    const { text, pos } = cursor(`${CONFIGMAP}  |`);
    assert.deepEqual(await new DolphinDBLanguageService({ facts }).complete(text, pos), []);
    assert.deepEqual(facts.asked, []);
  });
  it('hovers and lists symbols in the locale', () => {
    const svc = new DolphinDBLanguageService({ locale: 'zh-cn' });
    const { text, pos } = cursor(`${DDB_HEAD}spec:\n  mo|de: cluster\n`);
    assert.match(svc.hover(text, pos)?.contents ?? '', /部署模式/);
    assert.deepEqual(
      svc.symbols(VALID_CR).map((s) => s.name),
      ['ha'],
    );
  });
  it('turns validation problems into quick fixes', async () => {
    const svc = new DolphinDBLanguageService();
    const problems = (await svc.validate(BAD_CR)) ?? [];
    const fixes = svc.codeActions(BAD_CR, problems);
    assert.equal(fixes.length, 1);
    assert.equal(fixes[0].edits[0].newText, '3');
  });
});

describe('scheduler', () => {
  it('debounces bursts per URI and runs only the newest', async () => {
    const runs: string[] = [];
    const s = new Scheduler(async (uri) => {
      runs.push(uri);
    });
    for (let i = 0; i < 5; i++) s.schedule('a', 20);
    s.schedule('b', 20);
    await sleep(60);
    assert.deepEqual(runs.sort(), ['a', 'b']);
    s.dispose();
  });
  it('marks a running validation stale when a newer one is scheduled or the URI cancelled', async () => {
    const seen: boolean[] = [];
    const s = new Scheduler(async (_uri, token) => {
      await sleep(30);
      seen.push(token.current());
    });
    s.schedule('a', 0);
    await sleep(10);
    s.cancel('a');
    await sleep(40);
    assert.deepEqual(seen, [false]);
    s.dispose();
  });
});

describe('facts cache', () => {
  it('shares one request between concurrent callers and keeps the answer', async () => {
    let calls = 0;
    const cache = new FactsCache(async () => {
      calls++;
      return { storageClasses: ['a'] };
    });
    const [a, b] = await Promise.all([cache.get('ns'), cache.get('ns')]);
    assert.deepEqual(a, b);
    await cache.get('ns');
    assert.equal(calls, 1);
    await cache.get('other');
    assert.equal(calls, 2);
  });
  it('expires after the TTL and empties on clear', async () => {
    let now = 0;
    let calls = 0;
    const cache = new FactsCache(async () => ({ pvcNames: [String(++calls)] }), { ttlMs: 100, now: () => now });
    await cache.get(undefined);
    now = 50;
    await cache.get(undefined);
    assert.equal(calls, 1);
    now = 200;
    await cache.get(undefined);
    assert.equal(calls, 2);
    cache.clear();
    assert.deepEqual(await cache.get(undefined), { pvcNames: ['3'] });
  });
  it('treats a failed, slow or malformed answer as offline', async () => {
    assert.equal(await new FactsCache(() => Promise.reject(new Error('no'))).get('x'), null);
    assert.equal(await new FactsCache(() => new Promise(() => undefined), { timeoutMs: 20 }).get('x'), null);
    assert.equal(await new FactsCache(async () => [] as unknown as ClusterFacts).get('x'), null);
  });
});

describe('language service: detection edge cases', () => {
  it('still validates a document whose kind has the wrong case (DDB-E001)', async () => {
    const problems =
      (await new DolphinDBLanguageService({ facts: factsSource({}) }).validate(
        'apiVersion: dolphindb.dolphindb.io/v1\nkind: dolphindb\nmetadata:\n  name: a\n',
      )) ?? [];
    assert.ok(problems.some((p) => p.code === 'DDB-E001'));
  });
});
