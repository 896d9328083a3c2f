// Disposable ownership: whoever creates a listener or resource registers it with a store that
// the composition root disposes on deactivate.
import * as vscode from 'vscode';

export class DisposableStore implements vscode.Disposable {
  private items: { dispose(): unknown }[] = [];
  private disposed = false;

  add<T extends { dispose(): unknown }>(d: T): T {
    if (this.disposed) d.dispose();
    else this.items.push(d);
    return d;
  }

  dispose(): void {
    this.disposed = true;
    const items = this.items.reverse();
    this.items = [];
    for (const d of items) {
      try {
        d.dispose();
      } catch {
        /* keep disposing the rest */
      }
    }
  }
}
