// One guided flow for the commands that ask several questions: a title that names the command and
// its target, "n/m" (VS Code's step counter; the total follows the answers, see flowPlan.ts), a
// Back button that keeps the answers, validation while typing, and Escape that cancels at any
// step with one line saying nothing changed. The steps share one quick-input widget at a time, so
// moving on never flashes an empty editor. Only the interactive path uses it: answers a script
// gives are passed as `given`, and those steps are not asked.
import * as vscode from 'vscode';
import { t } from '../../localize';
import { dismissed } from './deps';
import { collect, nextStep, previousStep, progress, type FlowValues, type PlannedStep } from './flowPlan';
import { proceed, stop, type Step } from './step';

export type { FlowValues } from './flowPlan';

export interface InputStep extends PlannedStep {
  readonly kind: 'input';
  readonly prompt: string;
  /** The proposed text when the step has no answer yet. */
  readonly initial: (values: FlowValues) => string;
  /** An error message, or undefined when the text is acceptable; shown while typing. */
  readonly validate?: (text: string, values: FlowValues) => string | undefined;
}

export interface PickChoice {
  readonly label: string;
  /** The answer the item stands for; its label when absent. */
  readonly value?: string;
  readonly description?: string;
  readonly detail?: string;
  /** A heading the item is listed under: a separator line starts each new group. */
  readonly group?: string;
}

export interface PickList {
  readonly items: readonly PickChoice[];
  /** Value of the item to highlight when the step has no answer yet. */
  readonly active?: string;
  /** A line above the items that cannot be chosen: why the list is short, empty or a stand-in. */
  readonly notice?: { readonly label: string; readonly detail?: string };
}

export interface PickStep extends PlannedStep {
  readonly kind: 'pick';
  readonly placeholder: string;
  /** Read when the step is shown (answers may have changed); a stopped Step ends the flow with it. */
  readonly choices: (values: FlowValues) => Promise<Step<PickList>>;
}

export interface FileStep extends PlannedStep {
  readonly kind: 'file';
  readonly dialogTitle: string;
  readonly filters: Record<string, string[]>;
  /** Checked right after the pick: a reason opens the dialog again, with the reason in its title. */
  readonly validate: (path: string) => Promise<string | undefined>;
}

export type FlowStep = InputStep | PickStep | FileStep;

export interface FlowSpec {
  /** The command, e.g. "Create DolphinDB cluster": named in the cancellation line. */
  readonly command: string;
  /** The widget's title for the answers so far: the command and its target. */
  readonly title: (values: FlowValues) => string;
  readonly steps: readonly FlowStep[];
  /** Answers that are not asked (a script's, a tree node's). */
  readonly given?: FlowValues;
}

type Move =
  | { readonly kind: 'answer'; readonly value: string }
  | { readonly kind: 'back'; readonly draft?: string }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'stop'; readonly step: Step<never> };

interface Frame {
  readonly title: string;
  readonly step: number;
  readonly total: number;
  readonly canGoBack: boolean;
  /** The earlier answer of this step (or the text typed before Back left it), when Back led here. */
  readonly answer: string | undefined;
}

/** An item no one can choose: the notice line. */
const INERT = '\u0000';

interface Item extends vscode.QuickPickItem {
  readonly value: string;
}

/** The one visible widget; a new step replaces it, the end of the flow disposes it. */
class Widgets {
  private current: vscode.QuickInput | undefined;

  show(next: vscode.QuickInput): void {
    next.show();
    this.current?.dispose();
    this.current = next;
  }

  /**
   * While the next step reads its choices, the old widget stays, busy and disabled. Escape then
   * still ends the flow: the returned function says whether the widget was closed meanwhile.
   */
  wait(): () => boolean {
    const w = this.current;
    if (!w) return () => false;
    w.busy = true;
    w.enabled = false;
    let hidden = false;
    const sub = w.onDidHide(() => (hidden = true));
    return () => {
      sub.dispose();
      return hidden;
    };
  }

  dispose(): void {
    this.current?.dispose();
    this.current = undefined;
  }
}

type Widget = vscode.QuickPick<Item> | vscode.InputBox;

function dress(w: Widget, f: Frame): void {
  w.title = f.title;
  w.step = f.step;
  w.totalSteps = f.total;
  w.ignoreFocusOut = true; // a click elsewhere must not throw away ten answers
  w.buttons = f.canGoBack ? [vscode.QuickInputButtons.Back] : [];
}

/** Resolves once with the first move; later events of the same widget are ignored. */
function settle(
  widgets: Widgets,
  w: Widget,
  wire: (done: (m: Move) => void) => vscode.Disposable[],
  typed?: () => string,
): Promise<Move> {
  // Text typed into an input box and not yet accepted is not an answer, but Back must not lose it.
  const draft = (): { draft?: string } => (typed ? { draft: typed() } : {});
  return new Promise<Move>((resolve) => {
    let settled = false;
    const subs: vscode.Disposable[] = [];
    const done = (m: Move): void => {
      if (settled) return;
      settled = true;
      subs.forEach((s) => s.dispose());
      resolve(m);
    };
    subs.push(
      ...wire(done),
      w.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) done({ kind: 'back', ...draft() });
      }),
      w.onDidHide(() => done({ kind: 'cancel' })),
    );
    widgets.show(w);
  });
}

function askInput(widgets: Widgets, s: InputStep, f: Frame, values: FlowValues): Promise<Move> {
  const box = vscode.window.createInputBox();
  dress(box, f);
  box.prompt = s.prompt;
  box.value = f.answer ?? s.initial(values);
  const check = (text: string): string | undefined => s.validate?.(text, values);
  box.validationMessage = box.value === '' ? undefined : check(box.value);
  return settle(
    widgets,
    box,
    (done) => [
      box.onDidChangeValue((text) => (box.validationMessage = check(text))),
      box.onDidAccept(() => {
        const problem = check(box.value);
        box.validationMessage = problem;
        if (problem === undefined) done({ kind: 'answer', value: box.value });
      }),
    ],
    () => box.value,
  );
}

async function askPick(widgets: Widgets, s: PickStep, f: Frame, values: FlowValues): Promise<Move> {
  const closedMeanwhile = widgets.wait();
  const list = await s.choices(values);
  if (closedMeanwhile()) return { kind: 'cancel' };
  if (!list.ok) return { kind: 'stop', step: list };
  const { items, notice, active } = list.value;
  const pick = vscode.window.createQuickPick<Item>();
  dress(pick, f);
  pick.placeholder = s.placeholder;
  pick.matchOnDescription = true;
  const choices: Item[] = items.map((c) => ({
    label: c.label,
    value: c.value ?? c.label,
    ...(c.description ? { description: c.description } : {}),
    ...(c.detail ? { detail: c.detail } : {}),
  }));
  const grouped: Item[] = [];
  items.forEach((c, i) => {
    if (c.group !== undefined && c.group !== items[i - 1]?.group)
      grouped.push({ label: c.group, value: INERT, kind: vscode.QuickPickItemKind.Separator });
    grouped.push(choices[i]);
  });
  const shown = notice
    ? [{ label: `$(info) ${notice.label}`, value: INERT, alwaysShow: true, ...(notice.detail ? { detail: notice.detail } : {}) }]
    : items.length === 0
      ? [{ label: `$(info) ${t('Nothing to choose from.')}`, value: INERT, alwaysShow: true }]
      : [];
  pick.items = [...shown, ...grouped];
  const want = f.answer ?? active;
  const first = choices.find((c) => c.value === want) ?? choices[0];
  if (first) pick.activeItems = [first];
  return settle(widgets, pick, (done) => [
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      if (chosen && chosen.value !== INERT) done({ kind: 'answer', value: chosen.value });
    }),
  ]);
}

async function askFile(widgets: Widgets, s: FileStep): Promise<Move> {
  widgets.dispose(); // the dialog is not a quick input: nothing of the last step stays behind it
  let title = s.dialogTitle;
  let last: vscode.Uri | undefined;
  for (;;) {
    const uris = await vscode.window.showOpenDialog({
      title,
      canSelectMany: false,
      filters: s.filters,
      ...(last ? { defaultUri: last } : {}),
    });
    const file = uris?.[0]?.fsPath;
    if (!file) return { kind: 'cancel' };
    const problem = await s.validate(file);
    if (problem === undefined) return { kind: 'answer', value: file };
    // Asked again at this step, with the reason, in the same folder; the answers before it stay.
    void vscode.window.showWarningMessage(problem);
    title = t('{0} (the last choice was refused: {1})', s.dialogTitle, problem);
    last = uris?.[0];
  }
}

/**
 * Runs the steps that apply, in order, and returns the answers that count (flowPlan.collect), or
 * the dismissed result after Escape (with one information line), or the result a step stopped with.
 */
export async function runFlow(spec: FlowSpec): Promise<Step<FlowValues>> {
  const given = spec.given ?? {};
  const steps = spec.steps.filter((s) => given[s.id] === undefined);
  let values: FlowValues = { ...given };
  const drafts = new Map<string, string>();
  const visited: string[] = [];
  const widgets = new Widgets();
  try {
    let current = nextStep(steps, values);
    while (current) {
      visited.push(current.id);
      const { step, total } = progress(steps, values, current.id);
      const frame: Frame = {
        title: spec.title(values),
        step,
        total,
        canGoBack: visited.length > 1,
        answer: values[current.id] ?? drafts.get(current.id),
      };
      const move =
        current.kind === 'input'
          ? await askInput(widgets, current, frame, values)
          : current.kind === 'pick'
            ? await askPick(widgets, current, frame, values)
            : await askFile(widgets, current);
      if (move.kind === 'stop') return move.step;
      if (move.kind === 'cancel') {
        widgets.dispose();
        void vscode.window.showInformationMessage(t('{0}: cancelled. Nothing was changed.', spec.command));
        return stop(dismissed());
      }
      if (move.kind === 'back') {
        if (move.draft !== undefined) drafts.set(current.id, move.draft);
        const back = previousStep(steps, values, visited);
        const at = back === undefined ? visited.length - 1 : visited.lastIndexOf(back);
        visited.splice(at);
        current = steps.find((s) => s.id === (back ?? current?.id));
        continue;
      }
      values = { ...values, [current.id]: move.value };
      current = nextStep(steps, values, current.id);
    }
    return proceed(collect(steps, values, given));
  } finally {
    widgets.dispose();
  }
}
