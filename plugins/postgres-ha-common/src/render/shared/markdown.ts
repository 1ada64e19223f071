const SPECIAL = /[\\`*_{}[\]()#+\-.!|<>&~"']/g;
const ENTITIES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Makes user text inert inside Markdown: HTML-significant characters become entities,
 * Markdown punctuation is backslash-escaped, and line breaks stay inside one paragraph.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(SPECIAL, c => ENTITIES[c] ?? `\\${c}`)
    .replace(/\r?\n/g, '<br>');
}
