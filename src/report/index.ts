// Every output format behind one call, so the CLI (and tests) choose a format by name.
import type { AnyRule } from '../core/rule.js';
import type { ScanResult } from '../scan/pipeline.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export const FORMATS = ['text', 'json', 'html', 'sarif', 'junit', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour (text only; the caller decides whether the output is a colour terminal). */
  color: boolean;
  /** The rules that ran: machine formats describe each (SARIF `tool.driver.rules`). */
  rules: readonly AnyRule[];
}

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

export function render(format: Format, result: ScanResult, options: RenderOptions): string {
  switch (format) {
    case 'text':
      return renderText(result, { color: options.color });
    case 'json':
      return renderJson(result);
    case 'html':
      return renderHtml(result, options);
    case 'sarif':
      return renderSarif(result, options);
    case 'junit':
      return renderJunit(result, options);
    case 'markdown':
      return renderMarkdown(result);
  }
}
