import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { settingsDoc } from '../src/core/settings/settings-doc';
import { cliSettingDefaults } from './settings-doc-defaults';

/** Rewrites docs/settings.md from the settings schema (settings-doc.test.ts fails when stale). */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(path.join(root, 'docs', 'settings.md'), settingsDoc(cliSettingDefaults()));
