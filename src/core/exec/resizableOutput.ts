// The terminal's output as client-node's Exec wants it for a TTY: a Writable with `rows` and
// `columns` that emits 'resize'. Exec sees those (isResizable) and sends each size on the resize
// channel, the way it follows process.stdout for kubectl-like tools; the Pseudoterminal's
// setDimensions drives resize() instead of a real tty.
import { Writable } from 'node:stream';

export class ResizableOutput extends Writable {
  rows: number;
  columns: number;

  constructor(onData: (chunk: Buffer) => void, size: { columns: number; rows: number }) {
    super({ write: (c: Buffer, _e, cb) => (onData(c), cb()) });
    this.columns = size.columns;
    this.rows = size.rows;
  }

  resize(columns: number, rows: number): void {
    if (columns === this.columns && rows === this.rows) return;
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}
