import { describe, expect, it } from 'vitest';
import { formatPolicyError } from '../../src/policy/errors.js';
import { configErrorFindings } from '../../src/policy/config-findings.js';
import { loadRepoConfig, mergeRuleLevels } from '../../src/policy/repo-config.js';

describe('loadRepoConfig', () => {
  it('reads globs, ignored paths and DL levels', () => {
    const result = loadRepoConfig('globs: ["docker/**/Dockerfile", "**/*.containerfile"]\nignore: [vendor/**]\nrules:\n  DL3008: off\n  DL3018: warning\n');
    expect(result).toEqual({
      ok: true,
      config: { globs: ['docker/**/Dockerfile', '**/*.containerfile'], ignore: ['vendor/**'], rules: { DL3008: 'off', DL3018: 'warning' } },
      rejected: [],
    });
  });

  it("reads BuildKit's check names, families and BUILDKIT_DOCKERFILE_CHECK", () => {
    const result = loadRepoConfig('rules:\n  buildkit: off\n  UndefinedVar: warning\n  hadolint: info\nbuild-args:\n  BUILDKIT_DOCKERFILE_CHECK: "skip=JSONArgsRecommended;error=true"\n');
    expect(result).toEqual({
      ok: true,
      config: { globs: null, ignore: [], rules: { buildkit: 'off', UndefinedVar: 'warning', hadolint: 'info' }, buildkitCheck: 'skip=JSONArgsRecommended;error=true' },
      rejected: [],
    });
  });

  it('refuses a family of PL rules, a misspelt check, a check value BuildKit refuses and other build args', () => {
    const result = loadRepoConfig('rules:\n  plimsoll: off\n  fromAsCasing: off\nbuild-args:\n  BUILDKIT_DOCKERFILE_CHECK: "skip=all;error=maybe"\n  VERSION: "1"\n');
    expect(result.ok ? [] : result.errors.map(formatPolicyError)).toEqual([
      '.github/plimsoll.yml:2: rules.plimsoll is not a rule code (such as DL3008, PL1001 or FromAsCasing) nor a family of rules (hadolint, buildkit)',
      '.github/plimsoll.yml:3: rules.fromAsCasing is not a rule code (such as DL3008, PL1001 or FromAsCasing) nor a family of rules (hadolint, buildkit)',
      '.github/plimsoll.yml:5: build-args.BUILDKIT_DOCKERFILE_CHECK failed to parse build-arg:BUILDKIT_DOCKERFILE_CHECK: failed to parse check option "error=maybe": strconv.ParseBool: parsing "maybe": invalid syntax, got "skip=all;error=maybe"',
      '.github/plimsoll.yml:6: build-args.VERSION is not a known key; known keys: BUILDKIT_DOCKERFILE_CHECK',
    ]);
  });

  it('an empty file keeps the defaults', () => {
    expect(loadRepoConfig('# nothing yet\n')).toEqual({ ok: true, config: { globs: null, ignore: [], rules: {} }, rejected: [] });
  });

  it('refuses to lower or switch off a PL rule, and says so with the line', () => {
    const result = loadRepoConfig('rules:\n  DL3008: off\n  PL1001: off\n  PL1002: warning\n  PL1003: error\n  PL9999: error\n', '.github/plimsoll.yml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.rules).toEqual({ DL3008: 'off', PL1003: 'error' });
    expect(result.rejected.map(formatPolicyError)).toEqual([
      '.github/plimsoll.yml:3: rules.PL1001: PL1001 is set by the ops policy and cannot be switched off in a repository; ignored',
      '.github/plimsoll.yml:4: rules.PL1002: PL1002 is set by the ops policy and cannot be lowered below error in a repository; ignored',
      '.github/plimsoll.yml:6: rules.PL9999: PL9999 is not a Plimsoll rule; ignored',
    ]);
  });

  it('refuses exceptions and other policy keys, and says so', () => {
    const text = 'exceptions:\n  - repo: acme/app\n    codes: [PL1001]\n    reason: mine\nbanned: []\nignore: [old/**]\n';
    const result = loadRepoConfig(text, '.github/plimsoll.yml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.ignore).toEqual(['old/**']);
    expect(result.rejected.map(formatPolicyError)).toEqual([
      '.github/plimsoll.yml:1: exceptions: a repository config cannot add exceptions; ask ops to add one to the policy, or to approve the finding on the pull request (/plimsoll approve); ignored',
      '.github/plimsoll.yml:5: banned: this key belongs to the ops policy (.github/plimsoll-policy.yml); a repository config cannot set it; ignored',
    ]);
  });

  it('reads per-kind globs and switches for the files of SPEC §11', () => {
    const result = loadRepoConfig('kinds:\n  kubernetes:\n    globs: ["deploy/**/*.yaml"]\n  workflow:\n    enabled: false\n');
    expect(result).toEqual({
      ok: true,
      config: { globs: null, ignore: [], rules: {}, kinds: { kubernetes: { globs: ['deploy/**/*.yaml'] }, workflow: { enabled: false } } },
      rejected: [],
    });
  });

  it.each([
    ['unknown key', 'paths: ["**/Dockerfile"]\n', ['.github/plimsoll.yml:1: paths is not a known key; known keys: version, globs, ignore, kinds, rules, build-args']],
    ['typo', 'ignroe: [a]\n', ['.github/plimsoll.yml:1: ignroe is not a known key; did you mean ignore?']],
    ['wrong type', 'globs: "**/Dockerfile"\n', ['.github/plimsoll.yml:1: globs must be a list, got "**/Dockerfile"']],
    ['bad level', 'rules:\n  DL3008: loud\n', ['.github/plimsoll.yml:2: rules.DL3008 must be one of error, warning, info, style, off, ignore, got "loud"']],
    ['not YAML', 'files: [\n', ['.github/plimsoll.yml:2: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']],
    ['a list', '- a\n', ['.github/plimsoll.yml:1: the config must be a mapping of keys (globs, ignore, kinds, rules, build-args)']],
    ['unknown kind', 'kinds:\n  helm: {enabled: false}\n', ['.github/plimsoll.yml:2: kinds.helm is not a known key; known keys: compose, kubernetes, workflow, devcontainer']],
    ['empty kind globs', 'kinds:\n  compose:\n    globs: []\n', ['.github/plimsoll.yml:3: kinds.compose.globs must list at least 1 item']],
    ['enabled not a boolean', 'kinds:\n  workflow: {enabled: "no"}\n', ['.github/plimsoll.yml:2: kinds.workflow.enabled must be true or false, got "no"']],
  ])('invalid: %s', (_name, text, expected) => {
    const result = loadRepoConfig(text);
    expect(result.ok ? [] : result.errors.map(formatPolicyError)).toEqual(expected);
  });
});

describe('mergeRuleLevels', () => {
  it('lets the repository set DL levels, and only raise PL levels', () => {
    const merged = mergeRuleLevels(
      { DL3008: 'warning', PL1003: 'error', PL1004: 'off' },
      { DL3008: 'off', DL3018: 'info', PL1003: 'warning', PL1004: 'warning', PL2001: 'error', PL1001: 'off' },
    );
    expect(merged).toEqual({ DL3008: 'off', DL3018: 'info', PL1003: 'error', PL1004: 'warning', PL2001: 'error' });
  });
});

describe('configErrorFindings', () => {
  it('turns refused entries into error findings at their line', () => {
    const result = loadRepoConfig('rules:\n  PL2001: off\n', '.github/plimsoll.yml');
    expect(result.ok && configErrorFindings(result.rejected)).toEqual([
      {
        code: 'PL1000',
        level: 'error',
        file: '.github/plimsoll.yml',
        line: 2,
        column: 3,
        message: 'rules.PL2001: PL2001 is set by the ops policy and cannot be switched off in a repository; ignored',
      },
    ]);
  });
});
