// Modal questions that a save or another non-command path asks. Commands take scripted answers
// as arguments; a save has no arguments, so tests queue the answers here instead (the dialog's
// text is recorded, so a test can check what the user would have read).
import * as vscode from 'vscode';

export interface ShownModal {
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly string[];
}

export class ModalPrompts {
  private readonly queued: (string | undefined)[] = [];
  /** Every modal asked, newest last (kept short). */
  readonly shown: ShownModal[] = [];

  /** For tests: the next modals are answered with these button labels (undefined = Cancel). */
  script(...answers: (string | undefined)[]): void {
    this.queued.push(...answers);
  }

  /** For tests: scripted answers not used yet. */
  get unanswered(): number {
    return this.queued.length;
  }

  async warn(message: string, detail: string, ...buttons: string[]): Promise<string | undefined> {
    this.shown.push({ message, detail, buttons });
    if (this.shown.length > 20) this.shown.shift();
    if (this.queued.length > 0) return this.queued.shift();
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
  }
}
