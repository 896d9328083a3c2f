// The order of a guided flow (src/extension/commands/common/flowPlan.ts): which steps apply,
// "n of m" as answers change, Next and Back over skipped steps, and which answers count.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  applicable,
  collect,
  nextStep,
  previousStep,
  progress,
  type FlowValues,
  type PlannedStep,
} from '../../../src/extension/commands/common/flowPlan';

// a → b (only when a is "more") → c
const STEPS: PlannedStep[] = [{ id: 'a' }, { id: 'b', applies: (v: FlowValues) => v.a === 'more' }, { id: 'c' }];
const ids = (s: readonly PlannedStep[]): string[] => s.map((x) => x.id);

describe('flow plan', () => {
  it('asks only the steps that apply, and the total follows the answers', () => {
    assert.deepEqual(ids(applicable(STEPS, {})), ['a', 'c']);
    assert.deepEqual(ids(applicable(STEPS, { a: 'more' })), ['a', 'b', 'c']);
    assert.deepEqual(progress(STEPS, {}, 'c'), { step: 2, total: 2 });
    assert.deepEqual(progress(STEPS, { a: 'more' }, 'c'), { step: 3, total: 3 });
    assert.deepEqual(progress(STEPS, { a: 'more' }, 'b'), { step: 2, total: 3 });
    assert.deepEqual(progress(STEPS, {}, 'b'), { step: 0, total: 0 }, 'a step that does not apply has no number');
  });

  it('Next skips what does not apply and ends after the last step', () => {
    assert.equal(nextStep(STEPS, {})?.id, 'a');
    assert.equal(nextStep(STEPS, { a: 'less' }, 'a')?.id, 'c');
    assert.equal(nextStep(STEPS, { a: 'more' }, 'a')?.id, 'b');
    assert.equal(nextStep(STEPS, { a: 'more' }, 'c'), undefined);
  });

  it('Back leads to the latest shown step that still applies', () => {
    assert.equal(previousStep(STEPS, { a: 'more', b: 'x' }, ['a', 'b', 'c']), 'b');
    // b was shown, but the answer of a changed meanwhile: Back from c skips it.
    assert.equal(previousStep(STEPS, { a: 'less', b: 'x' }, ['a', 'b', 'c']), 'a');
    assert.equal(previousStep(STEPS, {}, ['a']), undefined, 'no Back from the first step');
  });

  it('an answer to a step that no longer applies does not count; given answers always do', () => {
    assert.deepEqual(collect(STEPS, { a: 'less', b: 'stale', c: 'z' }), { a: 'less', c: 'z' });
    assert.deepEqual(collect(STEPS, { a: 'more', b: 'kept', c: 'z' }), { a: 'more', b: 'kept', c: 'z' });
    assert.deepEqual(collect([{ id: 'c' }], { c: 'z', x: 'given' }, { x: 'given' }), { x: 'given', c: 'z' });
  });
});
