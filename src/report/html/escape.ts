// Text into HTML and data into a script element, so nothing a scanned file says can become markup.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON for a `<script type="application/json">` block. The HTML parser ends the element at the first
 * `</script` and changes state at `<!--`, whatever JSON thinks of the string; writing every `<` as `\u003c`
 * rules out both, and JSON.parse reads it back unchanged. U+2028/2029 are valid JSON but were line
 * breaks in JavaScript before ES2019; escaping them keeps the block safe for any reader.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
