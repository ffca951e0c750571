/**
 * The shape of one row of the settings schema (schema.ts). A row says everything the lab knows
 * about one pipeline setting: its value type, default, bounds, URL parameter, CLI flag, the
 * words the page shows (plain label first, the paper's symbol second), its unit and its docs
 * text. URL state, the settings form, CLI flag parsing and docs/settings.md all read it.
 */

/** Inclusive bounds unless `minOpen` / `maxOpen`; `integer` refuses fractions. */
export interface SettingRange {
  min: number;
  max: number;
  minOpen?: boolean;
  maxOpen?: boolean;
  integer: boolean;
}

export interface SettingChoice<V extends string | number = string | number> {
  value: V;
  label: string;
  /** Offered by the CLI only (the page's list leaves it out). */
  cliOnly?: boolean;
}

interface SettingBase {
  /** URL hash parameter (old links keep working: never rename one); null: not in links. */
  urlParam: string | null;
  /** CLI flag without the dashes; null: the CLI has no flag for it. */
  cliFlag: string | null;
  /** Plain-language form label ("Measure each layer for"). */
  label: string;
  /** One plain sentence under the field. */
  help: string;
  /** The paper's symbol, shown after the label: "(I)". */
  symbol?: string;
  /** Unit of the value ("steps" is read into the label: "… for 10 steps"). */
  unit?: 'steps' | 'images' | 'share of channels' | 'bits';
  /** One or two sentences for docs/settings.md (method and reasons, for readers of the docs). */
  doc: string;
  /** data-testid of the form control; absent: the setting is CLI-only (no form field). */
  testId?: string;
}

export interface NumberSetting extends SettingBase {
  kind: 'number';
  default: number;
  range: SettingRange;
  /**
   * The CLI's range where it is wider than a link's: a user at a terminal may ask for what a
   * shared link may not (the CLI's divergence test trains at learning rate 1e3).
   */
  cliRange?: SettingRange;
  /** Form input step; `slider` draws a range input instead of a number box. */
  step: number;
  slider?: boolean;
  /** How the form shows the value next to the label ("50%"). */
  display?: 'percent';
}

export interface ChoiceSetting<V extends string | number = string | number> extends SettingBase {
  kind: 'choice';
  default: V;
  choices: readonly SettingChoice<V>[];
}

export type SettingSpec = NumberSetting | ChoiceSetting;
