// Offsets to 1-based lines and columns, counting `\r\n`, `\n` and a lone `\r` as line breaks as editors
// (and the YAML loader) do.
import type { SourceLocation } from '../../core/location.js';

export class TextPositions {
  private starts: number[] | undefined;

  constructor(
    private readonly text: string,
    readonly path: string,
  ) {}

  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      const text = this.text;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
      }
      this.starts = starts;
    }
    return this.starts;
  }

  lineColumn(offset: number): { line: number; column: number } {
    const starts = this.lineStarts();
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - starts[lo]! + 1 };
  }

  location(offset: number): SourceLocation {
    return { path: this.path, ...this.lineColumn(offset) };
  }
}
