// The integrated terminal of a container shell: a Pseudoterminal over the core ShellSession.
// Keys go to the session as typed (Ctrl-C included: the remote TTY turns it into the interrupt),
// the terminal's size drives the session's resize channel, and when the shell ends the exit code
// is written into the terminal, which closes on the next key press, so the last output stays
// readable. The open shells are kept for tests (their transcript and exit; `_shells`).
import * as vscode from 'vscode';
import type { ShellExit, ShellSession } from '../../../core/exec/shellSession';
import { render } from '../../../core/i18n/text';
import { t } from '../../localize';

export function exitText(e: ShellExit): string {
  if (e.code !== undefined) return t('The shell exited with code {0}. Press any key to close the terminal.', e.code);
  return t('The shell session ended ({0}). Press any key to close the terminal.', e.text ? render(e.text, t) : (e.message ?? ''));
}

export class ShellPty implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private opened = false;
  /** Output that came before VS Code opened the terminal. */
  private early: string[] = [];
  private ended = false;
  private readonly subs: { dispose(): void }[] = [];
  /** What the terminal was given to show, newest 16 KiB (for tests: the exit line is ours, not the session's). */
  shown = '';

  constructor(readonly session: ShellSession) {
    this.subs.push(session.onData((d) => this.show(d)));
    this.subs.push(
      session.onExit((e) => {
        this.ended = true;
        this.show(`\r\n\x1b[2m${exitText(e)}\x1b[0m\r\n`);
      }),
    );
  }

  private show(text: string): void {
    this.shown = (this.shown + text).slice(-16 * 1024);
    if (this.opened) this.writeEmitter.fire(text);
    else this.early.push(text);
  }

  open(dimensions: vscode.TerminalDimensions | undefined): void {
    if (dimensions) this.session.resize(dimensions.columns, dimensions.rows);
    this.opened = true;
    for (const x of this.early) this.writeEmitter.fire(x);
    this.early = [];
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.session.resize(dimensions.columns, dimensions.rows);
  }

  handleInput(data: string): void {
    if (this.ended) this.closeEmitter.fire(this.session.exit?.code ?? undefined);
    else this.session.write(data);
  }

  close(): void {
    this.dispose();
  }

  dispose(): void {
    for (const s of this.subs.splice(0)) s.dispose();
    this.session.close();
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
  }
}

/** The shells this window opened; closed with the extension. */
export class Shells implements vscode.Disposable {
  private readonly open = new Map<string, ShellPty>();
  private counter = 0;

  add(pty: ShellPty): string {
    const id = `shell-${++this.counter}`;
    this.open.set(id, pty);
    pty.onDidClose(() => this.open.delete(id));
    return id;
  }

  /** For tests: each open shell's target, transcript and exit. */
  list(): { id: string; pod: string; container: string; transcript: string; shown: string; exit?: ShellExit; size: object }[] {
    return [...this.open].map(([id, p]) => ({
      id,
      pod: p.session.target.pod,
      container: p.session.target.container,
      transcript: p.session.transcript(),
      shown: p.shown,
      ...(p.session.exit ? { exit: p.session.exit } : {}),
      size: p.session.size,
    }));
  }

  dispose(): void {
    for (const p of this.open.values()) p.dispose();
    this.open.clear();
  }
}
