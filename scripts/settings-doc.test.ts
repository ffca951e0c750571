import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMPRESS_METHODS } from '../src/core/pipeline/compress-config';
import { SETTINGS } from '../src/core/settings/schema';
import { SETTINGS_DOC_COMMAND, settingsDoc } from '../src/core/settings/settings-doc';
import { cliSettingDefaults } from './settings-doc-defaults';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SETTINGS_DIR = path.join(ROOT, 'src', 'core', 'settings');

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

describe('src/core/settings', () => {
  it('imports nothing but its own folder and the criteria catalog (so the page may load it without tfjs)', () => {
    const sources = readdirSync(SETTINGS_DIR).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    const imports = sources.flatMap((f) =>
      [...readFileSync(path.join(SETTINGS_DIR, f), 'utf8').matchAll(/from '([^']+)'/g)].map(
        (m) => m[1],
      ),
    );
    expect(imports.length).toBeGreaterThan(3);
    // The criteria catalog is plain data (no tfjs): the importance choices come from it.
    expect(imports.filter((i) => !i.startsWith('./'))).toEqual(['../prune/criteria/catalog']);
    expect(
      readFileSync(path.join(SETTINGS_DIR, '../prune/criteria/catalog.ts'), 'utf8'),
    ).not.toMatch(/from '/);
  });

  it('lists the methods core runs, in its order', () => {
    expect(SETTINGS.method.choices.map((c) => c.value)).toEqual(COMPRESS_METHODS);
  });
});
