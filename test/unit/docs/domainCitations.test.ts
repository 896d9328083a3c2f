// Comments cite the domain notes as `docs/domain.md §x.y`. A user's clone has only this repository,
// so every section a comment points at must exist as a heading there, and the old citations of a
// document outside the repository must not come back.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '../../..');
// Written as an escape so this file's own source holds no section sign to be mistaken for a citation.
const SECTION = '\u00a7';
const SECTION_NUMBER = new RegExp(`${SECTION}(\\d+(?:\\.\\d+)*)`, 'g');
const STALE = new RegExp(`\\b(?:reference(?: doc)?|ref)\\s*(?:(?:\\/\\/|\\*)[ \\t]*)?${SECTION}\\d`, 'gi');
const TEXT_FILE = /\.(?:ts|mts|cts|js|mjs|cjs|md|json|ya?ml)$/;

/** Section numbers of the headings in the Markdown text: `## 2. Title` gives "2", `### 14.6 Title` gives "14.6". */
function headingNumbers(markdown: string): string[] {
  return [...markdown.matchAll(/^#{1,6}[ \t]+(\d+(?:\.\d+)*)\.?[ \t]/gm)].map((m) => m[1]);
}

/** Every section number cited in the text, including the bare ones that continue a list (`§2.3, §6.3`). */
function citedSections(text: string): string[] {
  return [...text.matchAll(SECTION_NUMBER)].map((m) => m[1]);
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : filesUnder(full);
    return e.isFile() && TEXT_FILE.test(e.name) ? [full] : [];
  });
}

interface Citation {
  readonly where: string;
  readonly section: string;
}

function citationsInRepo(): { citations: Citation[]; stale: string[] } {
  const citations: Citation[] = [];
  const stale: string[] = [];
  for (const file of [...filesUnder(path.join(root, 'src')), ...filesUnder(path.join(root, 'test'))]) {
    const rel = path.relative(root, file);
    const text = fs.readFileSync(file, 'utf8');
    const lineOf = (index: number): number => text.slice(0, index).split('\n').length;
    for (const m of text.matchAll(SECTION_NUMBER)) citations.push({ where: `${rel}:${lineOf(m.index)}`, section: m[1] });
    // Also across a comment's line break: "(reference\n// <section sign>2.8)".
    for (const m of text.matchAll(STALE)) stale.push(`${rel}:${lineOf(m.index)}`);
  }
  return { citations, stale };
}

const domain = fs.readFileSync(path.join(root, 'docs', 'domain.md'), 'utf8');

describe('docs/domain.md citations', () => {
  it('reads heading numbers and citations as intended', () => {
    assert.deepEqual(
      headingNumbers('# Title\n## 2. The resource\n### 2.6 Rules\n#### 14.18 Default\ntext 3.1 x\n##3 no space\n'),
      ['2', '2.6', '14.18'],
    );
    assert.deepEqual(
      citedSections(
        `see docs/domain.md ${SECTION}2.3 and ${SECTION}6.3, ${SECTION}2${'\u2013'}${SECTION}6; a bare ${SECTION} marker`,
      ),
      ['2.3', '6.3', '2', '6'],
    );
  });

  it('has each section number once', () => {
    const numbers = headingNumbers(domain);
    const repeated = numbers.filter((n, i) => numbers.indexOf(n) !== i);
    assert.deepEqual(repeated, []);
    // The sections the brief and the code rely on; a truncated or renumbered file fails here.
    for (const n of ['2', '2.1', '2.6', '2.8', '3', '4.1', '4.6', '5.3', '6.5', '7.3', '9.6', '10.2', '11', '14.1', '14.20']) {
      assert.ok(numbers.includes(n), `heading ${n} exists`);
    }
  });

  it('every section cited in src/ and test/ is a heading of docs/domain.md', () => {
    const headings = new Set(headingNumbers(domain));
    const { citations } = citationsInRepo();
    // The code cites the notes about 100 times; far fewer means the scan itself broke.
    assert.ok(citations.length >= 50, `found ${citations.length} citations`);
    const missing = citations.filter((c) => !headings.has(c.section)).map((c) => `${c.where} cites ${SECTION}${c.section}`);
    assert.deepEqual(missing, []);
  });

  it('no comment cites a reference document outside the repository', () => {
    assert.deepEqual(citationsInRepo().stale, []);
  });
});
