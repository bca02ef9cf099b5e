// Offsets of a text turned into 1-based lines and columns, and back. `\r\n`, `\n` and a lone `\r` each end
// a line, as editors and the YAML reader count them.
import type { SourceLocation } from '../../core/location.js';

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(
    text: string,
    private readonly path: string,
  ) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  location(offset: number): SourceLocation {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { path: this.path, line: lo + 1, column: Math.max(offset - starts[lo]!, 0) + 1 };
  }

  offset(line: number, column: number): number {
    const start = this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1]!;
    return start + Math.max(column, 1) - 1;
  }
}
