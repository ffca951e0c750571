import { choiceList, rangeText } from './bounds';
import { SETTING_ROWS, type SettingKey } from './schema';
import type { SettingSpec } from './types';

/**
 * docs/settings.md, generated from the settings schema: one row per setting with its page
 * label, URL parameter, CLI flag, defaults, allowed values, unit and docs text. The CLI's
 * defaults come from core's compress config and are passed in, so this file stays free of it.
 */

export const SETTINGS_DOC_COMMAND = 'npx tsx scripts/write-settings-doc.ts';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function allowed(row: SettingSpec): string {
  if (row.kind === 'number')
    return row.cliRange
      ? `link: ${rangeText(row.range)}; CLI: ${rangeText(row.cliRange)}`
      : rangeText(row.range);
  const values = row.choices.map((c) => (c.cliOnly ? `${c.value} (CLI only)` : String(c.value)));
  return `one of ${choiceList(values)}`;
}

function pageLabel(row: SettingSpec): string {
  const symbol = row.symbol ? ` (${row.symbol})` : '';
  return row.testId ? `${row.label}${symbol}` : `— (CLI only: “${row.label}${symbol}”)`;
}

function defaultText(value: unknown): string {
  return value === undefined ? 'whole split' : `\`${String(value)}\``;
}

/** The whole Markdown file. */
export function settingsDoc(cliDefaults: Partial<Record<SettingKey, unknown>>): string {
  const header = [
    '# Settings',
    '',
    `<!-- Generated from src/core/settings/schema.ts by \`${SETTINGS_DOC_COMMAND}\`; do not edit by hand. -->`,
    '',
    'Every pipeline setting, as the lab page, a link (`#key=value` in the URL hash) and the CLI',
    '(`prune-lab compress --flag value`) name it. A link value outside its range is refused with a',
    'notice and the default is used; the CLI refuses it with an error. The page offers the values',
    'shown; the CLI may also take those marked "CLI only".',
    '',
    '| Setting (page label) | URL | CLI flag | Lab default | CLI default | Allowed | Unit | What it does |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const rows = SETTING_ROWS.map((row) =>
    [
      pageLabel(row),
      row.urlParam ? `\`${row.urlParam}\`` : '—',
      row.cliFlag ? `\`--${row.cliFlag}\`` : '—',
      row.urlParam ? `\`${String(row.default)}\`` : '—',
      row.cliFlag ? defaultText(cliDefaults[row.key]) : '—',
      allowed(row),
      row.unit ?? '',
      row.doc,
    ]
      .map(cell)
      .join(' | '),
  ).map((line) => `| ${line} |`);
  return [...header, ...rows, ''].join('\n');
}
