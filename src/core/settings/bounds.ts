import type { ChoiceSetting, SettingChoice, SettingRange } from './types';

/** Whether `n` lies in the range (NaN never does). */
export function inRange(range: SettingRange, n: number): boolean {
  if (!Number.isFinite(n) || (range.integer && !Number.isInteger(n))) return false;
  const aboveMin = range.minOpen ? n > range.min : n >= range.min;
  const belowMax = range.maxOpen ? n < range.max : n <= range.max;
  return aboveMin && belowMax;
}

/**
 * The range in words, completing "… is not ___" and "… must be ___":
 * "an integer from 1 to 4096", "from 0 to below 1", "above 0 and at most 10".
 */
export function rangeText(range: SettingRange): string {
  if (range.max === Infinity)
    return `${range.integer ? 'an integer ' : ''}${range.minOpen ? 'above' : 'at least'} ${range.min}`;
  const lower = range.minOpen ? `above ${range.min}` : `from ${range.min}`;
  const joiner = range.minOpen ? ' and ' : ' to ';
  const upper = range.maxOpen
    ? `below ${range.max}`
    : range.minOpen
      ? `at most ${range.max}`
      : `${range.max}`;
  const words = `${lower}${joiner}${upper}`;
  return range.integer ? `an integer ${words}` : words;
}

/** "a, b or c": the way every "choose …" message lists values. */
export function choiceList(values: readonly (string | number)[]): string {
  if (values.length < 2) return values.map(String).join('');
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/** The choices the page offers (CLI-only ones left out). */
export function labChoices<V extends string | number>(
  setting: ChoiceSetting<V>,
): SettingChoice<V>[] {
  return setting.choices.filter((c) => !c.cliOnly);
}

/** The value among the setting's choices (page's or all), or undefined. */
export function matchChoice<V extends string | number>(
  setting: ChoiceSetting<V>,
  raw: string | null,
  opts: { lab: boolean },
): V | undefined {
  const choices = opts.lab ? labChoices(setting) : setting.choices;
  return choices.find((c) => String(c.value) === raw)?.value;
}
