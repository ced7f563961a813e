import { describe, expect, it } from 'vitest';
import { CONTAINER_DEFINITION_GLOBS } from '../../src/files/globs.js';
import { parseRepoConfig } from '../../src/review/repo-config.js';

describe('parseRepoConfig', () => {
  it('no file: defaults', () => {
    expect(parseRepoConfig(null)).toStrictEqual({ config: { globs: CONTAINER_DEFINITION_GLOBS, ignore: [], levels: {} }, problems: [] });
  });

  it('reads globs, ignores and DL levels; refuses PL levels and exceptions', () => {
    const text = 'globs: ["**/*.df"]\nignore: ["vendor/**"]\nrules:\n  DL3008: warning\n  PL1001: off\nexceptions: []\n';
    expect(parseRepoConfig(text)).toStrictEqual({
      config: { globs: ['**/*.df'], ignore: ['vendor/**'], levels: { DL3008: 'warning' } },
      problems: [
        '.github/plimsoll.yml: rules.PL1001 ignored: PL rules are set by the ops policy only',
        '.github/plimsoll.yml: exceptions ignored: they belong to the ops policy',
      ],
    });
  });

  it('a hostile or broken file falls back to defaults with a message', () => {
    expect(parseRepoConfig('rules: !<tag:yaml.org,2002:js/function> "function(){}"\n').config.levels).toStrictEqual({});
    expect(parseRepoConfig('globs: [\n').problems[0]).toMatch(/^\.github\/plimsoll\.yml: not valid YAML/);
  });
});
