import type { LevelSetting } from '../findings.js';

/*
 * Rule families: hadolint's DL rules and BuildKit's checks. A family name given a level in a config
 * (`rules: { buildkit: off }`) sets every rule of the family at once; a rule named on its own wins.
 * Plimsoll's PL rules form no family: a repository cannot switch them off.
 */

export const FAMILIES = ['hadolint', 'buildkit'] as const;
export type Family = (typeof FAMILIES)[number];

const BUILDKIT_NAME = /^[A-Z][A-Za-z]+$/;

/** The family of a rule code: DLxxxx is hadolint's, a BuildKit name (`FromAsCasing`) BuildKit's. */
export function familyOf(code: string): Family | null {
  if (/^DL\d{4}$/.test(code)) return 'hadolint';
  return BUILDKIT_NAME.test(code) ? 'buildkit' : null;
}

/** The level a config sets for a rule: its own entry, else its family's. */
export function configuredLevel(levels: Readonly<Record<string, LevelSetting>>, code: string): LevelSetting | undefined {
  const own = levels[code];
  if (own !== undefined) return own;
  const family = familyOf(code);
  return family === null ? undefined : levels[family];
}
