import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SETTINGS_DOC_COMMAND, settingsDoc } from '../src/core/settings/settings-doc';
import { cliSettingDefaults } from './settings-doc-defaults';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('docs/settings.md', () => {
  it('is what the settings schema generates', () => {
    const onDisk = readFileSync(path.join(ROOT, 'docs', 'settings.md'), 'utf8');
    const generated = settingsDoc(cliSettingDefaults());
    expect(onDisk === generated, `docs/settings.md is stale: run ${SETTINGS_DOC_COMMAND}`).toBe(
      true,
    );
  });

  it('has one row per setting, with the CLI defaults of compress', () => {
    const rows = settingsDoc(cliSettingDefaults())
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Setting') && !l.startsWith('| ---'));
    expect(rows).toHaveLength(14);
    expect(rows[3]).toBe(
      '| Measure each layer for (I) | `statsSteps` | `--stats-steps` | `10` | `20` | an integer from 1 to 100000 | steps | Statistics window per unit: importance is the cumulative mean over these steps. |',
    );
  });
});
