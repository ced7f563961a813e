import { describe, expect, it } from 'vitest';
import {
  emptyHadolintOptions,
  hadolintConfigCandidates,
  hadolintEnvironment,
  mergeHadolintOptions,
  toLintSettings,
  type HadolintOptions,
} from '../../src/config/hadolint-config.js';
import { loadHadolintConfig } from '../../src/config/hadolint-file.js';
import { defaultSettings } from '../../src/rules/settings.js';

function load(text: string) {
  return loadHadolintConfig(text, '.hadolint.yaml');
}

function errorOf(text: string): string {
  const result = load(text);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('loadHadolintConfig: the keys hadolint reads', () => {
  it('reads every key of the README example', () => {
    const result = load(`
ignored:
  - DL3000
  - SC1010
override:
  error: [DL3001, DL3002]
  warning:
    - DL3042
    - DL3033
  info: [DL3032]
  style: [DL3015]
trustedRegistries:
  - docker.io
  - my-company.com:5000
  - "*.gcr.io"
label-schema:
  author: text
  contact: email
  created: rfc3339
  version: semver
  documentation: url
  git-revision: hash
  license: spdx
  other: ""
strict-labels: true
disable-ignore-pragma: false
failure-threshold: warning
no-fail: false
no-color: true
format: json
verbose: true
`);
    expect(result).toEqual({
      ok: true,
      warnings: [],
      settings: {
        ignored: ['DL3000', 'SC1010'],
        levels: { DL3015: 'style', DL3032: 'info', DL3042: 'warning', DL3033: 'warning', DL3001: 'error', DL3002: 'error' },
        trustedRegistries: ['docker.io', 'my-company.com:5000', '*.gcr.io'],
        labelSchema: {
          author: 'text', contact: 'email', created: 'rfc3339', version: 'semver', documentation: 'url',
          'git-revision': 'hash', license: 'spdx', other: 'text',
        },
        strictLabels: true,
        disableIgnorePragma: false,
        failureThreshold: 'warning',
      },
      options: expect.objectContaining({ noFail: false, noColor: true, format: 'json' }),
    });
  });

  it('gives a code in several override lists the most severe level (error > warning > info > style)', () => {
    const result = load('override:\n  style: [DL3008]\n  error: [DL3008]\n  info: [DL3009, DL3008]\n  warning: [DL3009]\n');
    expect(result.ok && result.settings.levels).toEqual({ DL3008: 'error', DL3009: 'warning' });
  });

  it.each([
    ['none', 'none'],
    ['ignore', 'none'],
    ['style', 'style'],
    ['error', 'error'],
  ])('failure-threshold %s -> %s', (value, expected) => {
    const result = load(`failure-threshold: ${value}\n`);
    expect(result.ok && result.settings.failureThreshold).toBe(expected);
  });

  it('accepts the older spelling trusted-registries', () => {
    const result = load('trusted-registries: [ghcr.io]\n');
    expect(result.ok && result.settings.trustedRegistries).toEqual(['ghcr.io']);
  });

  it('treats a key with no value as absent', () => {
    const result = load('ignored:\noverride:\n  error:\nfailure-threshold: info\n');
    expect(result.ok && result.settings).toEqual({ failureThreshold: 'info' });
  });

  it('merges `formats` into `format`, keeping the first (Plimsoll prints one format)', () => {
    const result = load('formats: [codeclimate, sarif, json]\n');
    expect(result.ok && result.options.format).toBe('codeclimate');
    expect(result.ok && result.warnings).toEqual([]);
  });

  it.each(['tty', 'json', 'checkstyle', 'codeclimate', 'gitlab_codeclimate', 'gnu', 'codacy', 'sonarqube', 'sarif', 'junit'])(
    'accepts hadolint\'s format name %s',
    (name) => {
      const result = load(`format: ${name}\n`);
      expect(result.ok && result.options.format).toBe(name);
    },
  );
});

describe('loadHadolintConfig: PL rules belong to the policy', () => {
  it('drops PL codes from ignored and override, with a warning naming the line', () => {
    const result = load('ignored: [DL3008, PL1001]\noverride:\n  info: [PL2001, DL3009]\n');
    expect(result.ok && result.settings).toEqual({ ignored: ['DL3008'], levels: { DL3009: 'info' } });
    expect(result.ok && result.warnings).toEqual([
      '.hadolint.yaml:1:10: PL1001 in "ignored" ignored: PL rules are set by the ops policy, not by a hadolint config',
      '.hadolint.yaml:3:9: PL2001 in "override.info" ignored: PL rules are set by the ops policy, not by a hadolint config',
    ]);
  });
});

describe('loadHadolintConfig: bad files get one clear error with file, line and column', () => {
  it.each([
    ['ignored: [DL3000\n', /^\.hadolint\.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]$/],
    ['ignored:\n  - DL3000\n bad: indent\n', /^\.hadolint\.yaml:\d+:\d+: invalid YAML: /],
    ['ignored: DL3000\n', /^\.hadolint\.yaml:1:10: "ignored" must be a list of strings$/],
    ['ignored:\n  - 3000\n', /^\.hadolint\.yaml:2:5: "ignored" must be a list of strings$/],
    ['trustedRegistries: docker.io\n', /^\.hadolint\.yaml:1:20: "trustedRegistries" must be a list of strings$/],
    ['override: [DL3000]\n', /^\.hadolint\.yaml:1:11: "override" must map error, warning, info or style to lists of rule codes$/],
    ['override:\n  error: DL3000\n', /^\.hadolint\.yaml:2:10: "override.error" must be a list of strings$/],
    ['strict-labels: yes\n', /^\.hadolint\.yaml:1:16: "strict-labels" must be true or false$/],
    ['disable-ignore-pragma: 1\n', /^\.hadolint\.yaml:1:24: "disable-ignore-pragma" must be true or false$/],
    ['failure-threshold: fatal\n', /^\.hadolint\.yaml:1:20: "failure-threshold" must be one of error, warning, info, style, ignore, none$/],
    ['failure-threshold: Warning\n', /"failure-threshold" must be one of/],
    ['label-schema:\n  author: person\n', /^\.hadolint\.yaml:2:11: label "author" has an invalid type \(use one of text, url, semver, hash, rfc3339, spdx, email\)$/],
    ['label-schema: [author]\n', /^\.hadolint\.yaml:1:15: "label-schema" must map label names to types$/],
    ['format: xml\n', /^\.hadolint\.yaml:1:9: unknown format "xml" \(plimsoll supports tty, json, sarif, checkstyle, gnu, github, codeclimate, gitlab_codeclimate, codacy, sonarqube, junit\)$/],
    ['- DL3000\n', /^\.hadolint\.yaml:1:1: the config must be a mapping of keys/],
    ['ignored: [a]\nignored: [b]\n', /^\.hadolint\.yaml:2:1: invalid YAML: the key "ignored" is written twice in one mapping$/],
    ['a: 1\n---\nb: 2\n', /^\.hadolint\.yaml:2:1: invalid YAML: the file holds more than one YAML document$/],
  ])('%j', (text, expected) => {
    expect(errorOf(text)).toMatch(expected);
  });

  it.each(['', '\n\n', '# only a comment\n', '~\n'])('an empty config %j is an error, as in hadolint', (text) => {
    expect(errorOf(text)).toBe('.hadolint.yaml: the config file is empty (write at least one key, e.g. "ignored: []")');
  });

  it('ignores unknown keys, with a warning to catch typos', () => {
    const result = load('ignore: [DL3008]\noverride:\n  fatal: [DL3000]\n');
    expect(result.ok && result.settings).toEqual({});
    expect(result.ok && result.warnings).toEqual([
      '.hadolint.yaml:1:1: unknown key "ignore" ignored',
      '.hadolint.yaml:3:3: unknown override level "fatal" ignored (use error, warning, info or style)',
    ]);
  });

  it('does not run YAML tags as code', () => {
    expect(errorOf('ignored: !<tag:yaml.org,2002:js/function> "function(){ return 1 }"\n')).toBe(
      '.hadolint.yaml:1:43: "ignored" must be a list of strings',
    );
  });

  it('reads an unknown tag as plain text, with a warning naming the place', () => {
    expect(load('failure-threshold: !custom warning\n')).toMatchObject({
      ok: true,
      settings: { failureThreshold: 'warning' },
      warnings: ['.hadolint.yaml:1:20: Unresolved tag: !custom'],
    });
  });
});

describe('hadolintEnvironment', () => {
  it('reads every HADOLINT_* variable', () => {
    const { options, warnings } = hadolintEnvironment({
      HADOLINT_NOFAIL: 'Yes',
      HADOLINT_STRICT_LABELS: 'on',
      HADOLINT_DISABLE_IGNORE_PRAGMA: '0',
      HADOLINT_FORMAT: 'codeclimate,gnu,json',
      HADOLINT_FAILURE_THRESHOLD: 'style',
      HADOLINT_OVERRIDE_ERROR: 'DL3010,DL3020',
      HADOLINT_OVERRIDE_STYLE: 'DL3015',
      HADOLINT_IGNORE: 'DL3008, SC2086',
      HADOLINT_TRUSTED_REGISTRIES: 'docker.io,x.com',
      HADOLINT_REQUIRE_LABELS: 'maintainer:text,version:semver,bad:thing',
      NO_COLOR: '1',
    });
    expect(options).toEqual({
      ignored: ['DL3008', 'SC2086'],
      override: { error: ['DL3010', 'DL3020'], warning: [], info: [], style: ['DL3015'] },
      trustedRegistries: ['docker.io', 'x.com'],
      labelSchema: { maintainer: 'text', version: 'semver' },
      noFail: true,
      strictLabels: true,
      disableIgnorePragma: false,
      noColor: true,
      failureThreshold: 'style',
      format: 'codeclimate',
    });
    expect(warnings).toEqual([
      'HADOLINT_REQUIRE_LABELS: "bad:thing" ignored (use NAME:TYPE with TYPE one of text, url, semver, hash, rfc3339, spdx, email)',
    ]);
  });

  it('leaves unset variables unset, and skips bad values and PL codes with a warning', () => {
    const { options, warnings } = hadolintEnvironment({ HADOLINT_FAILURE_THRESHOLD: 'fatal', HADOLINT_IGNORE: 'PL2001,DL3000', NO_COLOR: '' });
    expect(options).toEqual({ ...emptyHadolintOptions(), ignored: ['DL3000'], noFail: undefined, strictLabels: undefined, disableIgnorePragma: undefined, format: undefined });
    expect(warnings).toEqual([
      'HADOLINT_IGNORE: PL2001 ignored: PL rules are set by the ops policy, not by hadolint settings',
      'HADOLINT_FAILURE_THRESHOLD: "fatal" ignored (use one of error, warning, info, style, ignore, none)',
    ]);
  });
});

describe('mergeHadolintOptions and toLintSettings: command line > config file > environment', () => {
  const source = (partial: Partial<HadolintOptions>): HadolintOptions => ({ ...emptyHadolintOptions(), ...partial });

  it('takes the last scalar that is set and unions the lists', () => {
    const environment = source({ failureThreshold: 'info', noFail: true, ignored: ['DL3000'], trustedRegistries: ['docker.io'], strictLabels: true });
    const file = source({ failureThreshold: 'warning', ignored: ['DL3001', 'DL3000'], labelSchema: { a: 'text' }, override: { error: ['DL3008'], warning: [], info: [], style: [] } });
    const commandLine = source({ failureThreshold: 'style', ignored: ['DL3002'], trustedRegistries: ['ghcr.io'], override: { error: [], warning: [], info: [], style: ['DL3008'] } });
    const merged = mergeHadolintOptions(environment, file, commandLine);
    expect(merged).toEqual({
      ignored: ['DL3000', 'DL3001', 'DL3002'],
      override: { error: ['DL3008'], warning: [], info: [], style: ['DL3008'] },
      trustedRegistries: ['docker.io', 'ghcr.io'],
      labelSchema: { a: 'text' },
      strictLabels: true,
      disableIgnorePragma: undefined,
      failureThreshold: 'style',
      noFail: true,
      noColor: undefined,
      format: undefined,
    });
    // The same code in error (file) and style (command line): error wins, as in hadolint.
    expect(toLintSettings(merged)).toEqual({
      ...defaultSettings(),
      ignored: ['DL3000', 'DL3001', 'DL3002'],
      levels: { DL3008: 'error' },
      trustedRegistries: ['docker.io', 'ghcr.io'],
      labelSchema: { a: 'text' },
      strictLabels: true,
      failureThreshold: 'style',
    });
  });

  it("keeps Plimsoll's default threshold (error) when nothing sets one", () => {
    expect(toLintSettings(mergeHadolintOptions(source({}), source({}))).failureThreshold).toBe('error');
  });
});

describe('hadolintConfigCandidates', () => {
  it("lists hadolint's places in hadolint's order", () => {
    expect(hadolintConfigCandidates({ cwd: '/repo', home: '/home/me' })).toEqual([
      '/repo/.hadolint.yaml',
      '/repo/.hadolint.yml',
      '/home/me/.config/hadolint.yaml',
      '/home/me/.config/hadolint.yml',
      '/home/me/.hadolint/hadolint.yaml',
      '/home/me/.hadolint/hadolint.yml',
      '/home/me/.hadolint/config.yaml',
      '/home/me/.hadolint/config.yml',
      '/home/me/.hadolint.yaml',
      '/home/me/.hadolint.yml',
    ]);
    expect(hadolintConfigCandidates({ cwd: '/repo', home: '/home/me', xdgConfigHome: '/xdg' }).slice(2, 4)).toEqual([
      '/xdg/hadolint.yaml',
      '/xdg/hadolint.yml',
    ]);
  });
});
