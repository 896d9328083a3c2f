// Node ids to refresh, collected and reported once per quiet period: a rollout touches dozens of
// pods in a burst, and the tree should redraw each affected node once, not once per watch event.
import { Emitter, type Disposable, type Event } from '../util/disposables';

/** Node ids to refresh; undefined: everything. */
export type ChangedIds = readonly string[] | undefined;

export class ChangeFeed implements Disposable {
  private readonly changed = new Emitter<ChangedIds>();
  readonly onDidChange: Event<ChangedIds> = this.changed.event;
  private pending = new Set<string>();
  private pendingAll = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly debounceMs = 50) {}

  /** Queues ids (undefined: everything); reported together `debounceMs` after the first. */
  fire(ids: ChangedIds): void {
    if (ids === undefined) this.pendingAll = true;
    else ids.forEach((i) => this.pending.add(i));
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const all = this.pendingAll;
      const list = [...this.pending];
      this.pending.clear();
      this.pendingAll = false;
      this.changed.fire(all ? undefined : list);
    }, this.debounceMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.changed.dispose();
  }
}
