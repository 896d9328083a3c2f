// The rule codes of section 2.6 of the external reference (docs/domain.md §2.6 here): our fixture list (expectations.json "ruleCodes", which the
// default unit tier checks CODE_DOCS against) must be exactly that list, and each code documented.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { CODE_DOCS } from '../../src/core/validation';
import { fixturesDir } from '../fixtures/paths';
import { referenceText } from './reference';

describe('rule codes of the external reference, section 2.6', () => {
  const ref = referenceText('dolphindb-on-kubernetes.md');
  const section = ref.slice(ref.indexOf('### 2.6'), ref.indexOf('### 2.7'));
  const refCodes = [...new Set([...section.matchAll(/DDB-[EW]\d{3}/g)].map((m) => m[0]))].sort();

  it('the fixture list of codes is the reference list', () => {
    assert.ok(refCodes.length >= 25, `codes found in §2.6: ${refCodes.length}`);
    const ours = (JSON.parse(fs.readFileSync(`${fixturesDir}/examples/expectations.json`, 'utf8')) as { ruleCodes: string[] })
      .ruleCodes;
    assert.deepEqual([...ours].sort(), refCodes);
  });

  it('documents every code with the severity its letter gives', () => {
    for (const c of refCodes) {
      assert.ok(CODE_DOCS[c], `${c} documented`);
      assert.equal(CODE_DOCS[c].severity, c.startsWith('DDB-E') ? 'error' : 'warning', c);
    }
  });
});
