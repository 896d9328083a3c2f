import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  QUANTITY_PATTERN,
  compareQuantities,
  compareQuantityValues,
  isQuantity,
  parseQuantity,
  quantityToNumber,
} from '../../../src/core/dolphindb/quantity';

const VALID = [
  '1Gi',
  '200m',
  '0',
  '1.5',
  '1e3',
  '1E3',
  '1E',
  '+1',
  '-1',
  '.5',
  '5.',
  '100Ki',
  '2Mi',
  '3Ti',
  '4Pi',
  '5Ei',
  '1n',
  '1u',
  '1k',
  '1M',
  '1G',
  '1T',
  '1P',
  '12e-3',
  '0.000001',
  '1e+2',
];
const INVALID = [
  '10GB',
  '1gi',
  '1 Gi',
  ' 1',
  '1Gi ',
  '',
  '.',
  'Gi',
  '1.2.3',
  '1K',
  '1Kib',
  '1ki',
  'e3',
  '1e',
  '1e3.5',
  '--1',
  '1,5',
  'one',
  '1Gi1',
  '1e1001',
  '1'.repeat(201),
];

describe('parseQuantity', () => {
  for (const v of VALID) it(`accepts ${v}`, () => assert.ok(isQuantity(v)));
  for (const v of INVALID)
    it(`rejects ${JSON.stringify(v.length > 20 ? `${v.slice(0, 10)}…` : v)}`, () => assert.equal(parseQuantity(v), undefined));
  it('accepts finite numbers and rejects NaN, Infinity and non-scalars', () => {
    assert.ok(isQuantity(2));
    assert.ok(isQuantity(0.5));
    assert.equal(parseQuantity(NaN), undefined);
    assert.equal(parseQuantity(Infinity), undefined);
    assert.equal(parseQuantity(null), undefined);
    assert.equal(parseQuantity({}), undefined);
  });
  it('agrees with QUANTITY_PATTERN (used by the schema) on every case', () => {
    const re = new RegExp(QUANTITY_PATTERN, 'u');
    for (const v of [...VALID, ...INVALID.filter((v) => v !== '1e1001' && v.length < 200)])
      assert.equal(re.test(v), isQuantity(v), v);
  });
  it('keeps exact values', () => {
    const q = parseQuantity('1Gi');
    assert.equal(q?.numerator, 1073741824n);
    assert.equal(q?.denominator, 1n);
    const m = parseQuantity('200m');
    assert.equal(m && quantityToNumber(m), 0.2);
  });
});

describe('compareQuantities', () => {
  const cmp = (a: string | number, b: string | number) => compareQuantityValues(a, b);
  it('equal values in different notations', () => {
    assert.equal(cmp('1Gi', '1024Mi'), 0);
    assert.equal(cmp('1', '1000m'), 0);
    assert.equal(cmp('0.5', '500m'), 0);
    assert.equal(cmp('1e3', '1k'), 0);
    assert.equal(cmp('1.5Gi', '1536Mi'), 0);
    assert.equal(cmp(2, '2'), 0);
    assert.equal(cmp('0', '0Gi'), 0);
    assert.equal(cmp('1u', '1000n'), 0);
  });
  it('orders decimal and binary suffixes correctly', () => {
    assert.equal(cmp('1G', '1Gi'), -1);
    assert.equal(cmp('2', '1999m'), 1);
    assert.equal(cmp('12Gi', '8Gi'), 1);
    assert.equal(cmp('-1', '0'), -1);
    assert.equal(cmp('0.1', '100000001n'), -1);
  });
  it('is exact where floats are not', () => {
    const a = parseQuantity('0.30000000000000001');
    const b = parseQuantity('0.3');
    assert.ok(a && b);
    assert.equal(compareQuantities(a, b), 1);
  });
  it('returns undefined when either side is not a quantity', () => assert.equal(cmp('10GB', '1Gi'), undefined));
});
