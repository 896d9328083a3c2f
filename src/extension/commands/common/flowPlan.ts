// The order of a multi-step flow, apart from any UI: which steps apply to the answers so far, the
// "step n of m" of each, where Next and Back lead, and which answers count at the end. Pure (no
// `vscode`), so the rules are unit tested; flow.ts shows the steps.
//
// A step's `applies` may read only answers of steps before it: then the steps that apply form one
// sequence for a given set of answers, and the total adapts when an answer changes it.

/** Answers by step id, as text: a typed value, or the value of a picked item. */
export type FlowValues = Readonly<Record<string, string | undefined>>;

export interface PlannedStep {
  readonly id: string;
  /** Whether the step is asked, given the answers so far; absent: always. */
  readonly applies?: (values: FlowValues) => boolean;
}

export const appliesTo = (step: PlannedStep, values: FlowValues): boolean => step.applies?.(values) ?? true;

/** The steps asked for these answers, in order. */
export function applicable<S extends PlannedStep>(steps: readonly S[], values: FlowValues): S[] {
  return steps.filter((s) => appliesTo(s, values));
}

/** 1-based position of `id` among the steps that apply, and their number (0/0 when it does not apply). */
export function progress(steps: readonly PlannedStep[], values: FlowValues, id: string): { step: number; total: number } {
  const list = applicable(steps, values);
  const i = list.findIndex((s) => s.id === id);
  return i < 0 ? { step: 0, total: 0 } : { step: i + 1, total: list.length };
}

/** The first step after `afterId` (the first step when undefined) that applies; undefined at the end. */
export function nextStep<S extends PlannedStep>(steps: readonly S[], values: FlowValues, afterId?: string): S | undefined {
  const start = afterId === undefined ? 0 : steps.findIndex((s) => s.id === afterId) + 1;
  return steps.slice(start).find((s) => appliesTo(s, values));
}

/**
 * Where Back leads from the last entry of `visited` (ids in the order they were shown): the
 * latest earlier entry that still applies. Answers are kept, so that step shows its answer again.
 */
export function previousStep(steps: readonly PlannedStep[], values: FlowValues, visited: readonly string[]): string | undefined {
  for (let i = visited.length - 2; i >= 0; i--) {
    const s = steps.find((x) => x.id === visited[i]);
    if (s && appliesTo(s, values)) return s.id;
  }
  return undefined;
}

/**
 * The answers that count: those of the steps that apply to the final answers (an answer given to
 * a step that Back and a changed choice made irrelevant is dropped), plus the `given` ones.
 */
export function collect(steps: readonly PlannedStep[], values: FlowValues, given: FlowValues = {}): FlowValues {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(given)) if (v !== undefined) out[k] = v;
  for (const s of applicable(steps, values)) {
    const v = values[s.id];
    if (v !== undefined) out[s.id] = v;
  }
  return out;
}
