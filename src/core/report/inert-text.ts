/**
 * Text from a model file (its name, layer names) reaches files the user opens elsewhere: a
 * spreadsheet, a Markdown viewer. These helpers make such text inert there — shown, never run.
 */

/** A spreadsheet runs a cell that starts with one of these as a formula (or DDE command). */
const FORMULA_START = /^\s*[=+\-@]|^[\t\r]/;

/**
 * One CSV cell: strings that a spreadsheet would take for a formula get a leading `'` (shown as
 * text); cells with a quote, comma or line break are quoted. Numbers are written as they are.
 */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Text for one line of Markdown (a heading, a table cell, a list item): HTML characters become
 * entities, the characters that make links, emphasis, code or table cells are backslash-escaped,
 * and line breaks become spaces.
 */
export function markdownText(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~!]/g, (c) => `\\${c}`);
}
