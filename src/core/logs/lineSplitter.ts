// Turns a byte stream into lines. Chunks split multi-byte characters and lines anywhere, so the
// decoder and a remainder carry over between chunks. A line with no newline for a very long
// time (a binary dump, a runaway progress bar) is cut at `maxLineChars` so the remainder stays
// bounded.
import { StringDecoder } from 'node:string_decoder';

export const DEFAULT_MAX_LINE_CHARS = 64 * 1024;

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';

  constructor(private readonly maxLineChars = DEFAULT_MAX_LINE_CHARS) {}

  /** The complete lines in this chunk (without `\n`, and without a trailing `\r`). */
  push(chunk: Buffer | string): string[] {
    const text = this.rest + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const parts = text.split('\n');
    this.rest = parts.pop() ?? '';
    if (this.rest.length > this.maxLineChars) {
      parts.push(this.rest.slice(0, this.maxLineChars));
      this.rest = this.rest.slice(this.maxLineChars);
    }
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      if (p.length > 0 && p.charCodeAt(p.length - 1) === 13) parts[i] = p.slice(0, -1);
    }
    return parts;
  }

  /** What is left at the end of the stream (a last line without a newline), if anything. */
  end(): string[] {
    const tail = this.rest + this.decoder.end();
    this.rest = '';
    return tail.length > 0 ? [tail] : [];
  }

  reset(): void {
    this.rest = '';
    this.decoder.end();
  }
}
