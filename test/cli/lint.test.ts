import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, run } from './run.js';

const REPO = join(FIXTURES, 'repo');
const TAG = 'Always tag the version of an image explicitly';

const repoFindings = [
  { code: 'DL3006', column: 1, file: 'Dockerfile', level: 'warning', line: 3, message: TAG },
  { code: 'DL3006', column: 1, file: 'services/api/Dockerfile', level: 'warning', line: 6, message: TAG },
  { code: 'DL3006', column: 1, file: 'web.Dockerfile', level: 'warning', line: 1, message: TAG },
];

describe('plimsoll lint: paths, pragmas and exit status', () => {
  it('searches a directory with the SPEC globs and prints hadolint JSON', async () => {
    const { code, stdout, stderr } = await run(['lint', '--format', 'json', '.'], { cwd: REPO });
    expect(stderr).toBe('');
    // Line 2 of Dockerfile carries `# hadolint ignore=DL3006` above it; Dockerfile.dockerignore
    // and docs/README.md are not container definitions.
    expect(JSON.parse(stdout)).toEqual(repoFindings);
    expect(code).toBe(0);
  });

  it.each([
    [['-t', 'warning'], 1],
    [['--failure-threshold', 'error'], 0],
    [['--failure-threshold', 'style'], 1],
    [['--failure-threshold', 'none'], 0],
    [['-t', 'warning', '--no-fail'], 0],
  ])('threshold flags %j -> exit %i', async (flags, expected) => {
    expect((await run(['lint', ...flags, '.'], { cwd: REPO })).code).toBe(expected);
  });

  it('--error raises a rule to error, which fails at the default threshold', async () => {
    const { code, stdout } = await run(['lint', '-f', 'gnu', '--error', 'DL3006', 'web.Dockerfile'], { cwd: REPO });
    expect(stdout).toBe(`plimsoll:web.Dockerfile:1: DL3006 error: ${TAG}\n`);
    expect(code).toBe(1);
  });

  it('--ignore drops a rule', async () => {
    const { code, stdout } = await run(['lint', '-f', 'json', '--ignore', 'DL3006', '.'], { cwd: REPO });
    expect(stdout).toBe('[]\n');
    expect(code).toBe(0);
  });

  it('--disable-ignore-pragma reports what the pragma silenced', async () => {
    const { stdout } = await run(['lint', '-f', 'gnu', '--disable-ignore-pragma', 'Dockerfile'], { cwd: REPO });
    expect(stdout).toBe(`plimsoll:Dockerfile:2: DL3006 warning: ${TAG}\nplimsoll:Dockerfile:3: DL3006 warning: ${TAG}\n`);
  });

  it('reads stdin for -', async () => {
    const { code, stdout } = await run(['lint', '-f', 'json', '-'], { stdin: 'FROM alpine\n' });
    expect(JSON.parse(stdout)).toEqual([{ code: 'DL3006', column: 1, file: '-', level: 'warning', line: 1, message: TAG }]);
    expect(code).toBe(0);
  });

  it('reports a file that does not parse as DL1000 and goes on with the others', async () => {
    const { code, stdout } = await run(['lint', '-f', 'gnu', 'bad/typo.Dockerfile', 'repo/web.Dockerfile']);
    expect(stdout).toBe(
      'plimsoll:bad/typo.Dockerfile:2: DL1000 error: unknown instruction: FORM\n' +
        `plimsoll:repo/web.Dockerfile:1: DL3006 warning: ${TAG}\n`,
    );
    expect(code).toBe(1);
  });
});

describe('plimsoll lint: bad input never stops the other files', () => {
  it('names every unreadable input on stderr, lints the rest, and exits 2', async () => {
    const { code, stdout, stderr } = await run([
      'lint', '-f', 'gnu',
      'bad/binary.Dockerfile', 'bad/latin1.Dockerfile', 'bad/empty.Dockerfile', 'missing/Dockerfile', 'repo',
    ]);
    expect(stderr).toBe(
      'plimsoll: missing/Dockerfile: no such file or directory\n' +
        'plimsoll: bad/binary.Dockerfile: is a binary file (it contains NUL bytes), not a Dockerfile\n' +
        'plimsoll: bad/latin1.Dockerfile: is not valid UTF-8 (line 2, column 6); save it as UTF-8\n' +
        'plimsoll: warning: bad/empty.Dockerfile: the file is empty\n',
    );
    expect(stdout).toBe(
      `plimsoll:repo/Dockerfile:3: DL3006 warning: ${TAG}\n` +
        `plimsoll:repo/services/api/Dockerfile:6: DL3006 warning: ${TAG}\n` +
        `plimsoll:repo/web.Dockerfile:1: DL3006 warning: ${TAG}\n`,
    );
    expect(code).toBe(2);
  });

  describe('in a directory', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'plimsoll-cli-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('skips a binary or huge file it found by name, with a warning', async () => {
      await writeFile(join(dir, 'Dockerfile'), 'FROM alpine\n');
      await writeFile(join(dir, 'Dockerfile.tar.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00]));
      await writeFile(join(dir, 'Dockerfile.log'), 'x'.repeat(5 * 1024 * 1024));
      const { code, stdout, stderr } = await run(['lint', '-f', 'gnu', '.'], { cwd: dir });
      expect(stderr).toBe(
        'plimsoll: warning: skipped Dockerfile.log: is too large to be a Dockerfile (5.0 MB; the limit is 1 MB)\n' +
          'plimsoll: warning: skipped Dockerfile.tar.gz: is a binary file (it contains NUL bytes), not a Dockerfile\n',
      );
      expect(stdout).toBe(`plimsoll:Dockerfile:1: DL3006 warning: ${TAG}\n`);
      expect(code).toBe(0);
    });

    it('refuses a 5 MB file named on the command line with exit 2', async () => {
      await writeFile(join(dir, 'Dockerfile'), `FROM alpine\n${'RUN true\n'.repeat(600_000)}`);
      const { code, stderr } = await run(['lint', 'Dockerfile'], { cwd: dir });
      expect(stderr).toBe('plimsoll: Dockerfile: is too large to be a Dockerfile (5.1 MB; the limit is 1 MB)\n');
      expect(code).toBe(2);
    });

    it('warns about a directory without container definitions', async () => {
      const { code, stderr } = await run(['lint', '.'], { cwd: dir });
      expect(stderr).toBe('plimsoll: warning: .: no Dockerfile or Containerfile found\n');
      expect(code).toBe(0);
    });
  });
});

describe('plimsoll lint: .hadolint.yaml, HADOLINT_* and flags, merged as hadolint does', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plimsoll-config-'));
    await writeFile(join(dir, 'Dockerfile'), 'FROM alpine\n');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('honours ./.hadolint.yaml', async () => {
    await writeFile(join(dir, '.hadolint.yaml'), 'ignored:\n  - DL3006\n');
    expect((await run(['lint', '-f', 'json', 'Dockerfile'], { cwd: dir })).stdout).toBe('[]\n');
  });

  it('honours ./.hadolint.yml when there is no .yaml', async () => {
    await writeFile(join(dir, '.hadolint.yml'), 'override:\n  error: [DL3006]\n');
    const { code, stdout } = await run(['lint', '-f', 'gnu', 'Dockerfile'], { cwd: dir });
    expect(stdout).toBe(`plimsoll:Dockerfile:1: DL3006 error: ${TAG}\n`);
    expect(code).toBe(1);
  });

  it('takes --config over ./.hadolint.yaml, and only that file', async () => {
    await writeFile(join(dir, '.hadolint.yaml'), 'ignored: [DL3006]\n');
    await writeFile(join(dir, 'strict.yaml'), 'failure-threshold: warning\n');
    expect((await run(['lint', '--config', 'strict.yaml', 'Dockerfile'], { cwd: dir })).code).toBe(1);
  });

  it('command line beats the config file, which beats the environment', async () => {
    await writeFile(join(dir, '.hadolint.yaml'), 'failure-threshold: warning\n');
    const env = { HADOLINT_FAILURE_THRESHOLD: 'error' };
    expect((await run(['lint', 'Dockerfile'], { cwd: dir, env })).code).toBe(1);
    expect((await run(['lint', '-t', 'error', 'Dockerfile'], { cwd: dir, env })).code).toBe(0);
    expect((await run(['lint', 'Dockerfile'], { cwd: dir, env: { HADOLINT_FAILURE_THRESHOLD: 'warning' } })).code).toBe(1);
  });

  it('unions ignore lists: a config file list does not replace the environment list', async () => {
    await writeFile(join(dir, '.hadolint.yaml'), 'ignored: [DL3007]\n');
    const { stdout } = await run(['lint', '-f', 'json', 'Dockerfile'], { cwd: dir, env: { HADOLINT_IGNORE: 'DL3006' } });
    expect(stdout).toBe('[]\n');
  });

  it('cannot ignore a file that does not parse (DL1000 is not a rule)', async () => {
    await writeFile(join(dir, 'Dockerfile'), 'FROM alpine:3.19\nFORM x\n');
    await writeFile(join(dir, '.hadolint.yaml'), 'ignored: [DL1000]\n');
    const { code, stdout } = await run(['lint', '-f', 'gnu', 'Dockerfile'], { cwd: dir });
    expect(stdout).toBe('plimsoll:Dockerfile:2: DL1000 error: unknown instruction: FORM\n');
    expect(code).toBe(1);
  });

  it('uses the format the config names when no --format is given', async () => {
    await writeFile(join(dir, '.hadolint.yaml'), 'format: gnu\n');
    expect((await run(['lint', 'Dockerfile'], { cwd: dir })).stdout).toBe(`plimsoll:Dockerfile:1: DL3006 warning: ${TAG}\n`);
  });

  it('stops with exit 2 and the file, line and problem when the config is invalid', async () => {
    await writeFile(join(dir, '.hadolint.yaml'), 'ignored:\n  - DL3006\nstrict-labels: maybe\n');
    const { code, stdout, stderr } = await run(['lint', 'Dockerfile'], { cwd: dir });
    expect(stderr).toBe(`plimsoll: ${join(dir, '.hadolint.yaml')}:3:16: "strict-labels" must be true or false\n`);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('stops with exit 2 when --config names a missing file', async () => {
    const { code, stderr } = await run(['lint', '--config', 'nope.yaml', 'Dockerfile'], { cwd: dir });
    expect(stderr).toBe('plimsoll: nope.yaml: config file not found\n');
    expect(code).toBe(2);
  });

  it('prints config warnings on stderr and goes on', async () => {
    await writeFile(join(dir, '.hadolint.yaml'), 'ignored: [PL2001]\n');
    const { code, stderr } = await run(['lint', 'Dockerfile'], { cwd: dir });
    expect(stderr).toBe(
      `plimsoll: warning: ${join(dir, '.hadolint.yaml')}:1:10: PL2001 in "ignored" ignored: PL rules are set by the ops policy, not by a hadolint config\n`,
    );
    expect(code).toBe(0);
  });
});

describe('plimsoll lint: output formats', () => {
  it('tty is coloured on a terminal, plain otherwise, and never with NO_COLOR or --no-color', async () => {
    const plain = `web.Dockerfile:1:1 DL3006 warning: ${TAG}\n`;
    expect((await run(['lint', 'web.Dockerfile'], { cwd: REPO })).stdout).toBe(plain);
    expect((await run(['lint', 'web.Dockerfile'], { cwd: REPO, isTTY: true })).stdout).toBe(
      `web.Dockerfile:1:1 DL3006 \u001b[1m\u001b[93mwarning\u001b[0m: ${TAG}\n`,
    );
    expect((await run(['lint', 'web.Dockerfile'], { cwd: REPO, isTTY: true, env: { NO_COLOR: '1' } })).stdout).toBe(plain);
    expect((await run(['lint', '--no-color', 'web.Dockerfile'], { cwd: REPO, isTTY: true })).stdout).toBe(plain);
  });

  it('tty prints nothing for a clean file', async () => {
    const clean = await run(['lint', '-'], { stdin: 'FROM alpine:3.19\n', isTTY: true });
    expect(clean).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it("codeclimate and codacy exit 0 whatever they found, as hadolint's do; the others follow the threshold", async () => {
    const failing = ['--error', 'DL3006', 'web.Dockerfile'];
    const exit = async (format: string) => (await run(['lint', '-f', format, ...failing], { cwd: REPO })).code;
    expect(await exit('codeclimate')).toBe(0);
    expect(await exit('codacy')).toBe(0);
    for (const format of ['tty', 'json', 'sarif', 'checkstyle', 'gnu', 'github', 'gitlab_codeclimate', 'sonarqube', 'junit']) {
      expect([format, await exit(format)]).toEqual([format, 1]);
    }
    // Unreadable input is still exit 2.
    expect((await run(['lint', '-f', 'codeclimate', 'no/such/Dockerfile'], { cwd: REPO })).code).toBe(2);
  });

  it('every format takes the same findings', async () => {
    const { stdout } = await run(['lint', '-f', 'codeclimate', 'web.Dockerfile'], { cwd: REPO });
    expect(stdout).toBe(
      `{"categories":["Bug Risk"],"check_name":"DL3006","description":"${TAG}","location":{"lines":{"begin":1,"end":1},"path":"web.Dockerfile"},"severity":"major","type":"issue"}\u0000`,
    );
    const junit = (await run(['lint', '-f', 'junit', 'web.Dockerfile'], { cwd: REPO })).stdout;
    expect(junit).toContain(`<testcase id="plimsoll.rule.DL3006" time="0.001"><failure id="DL3006" message="${TAG}" type="warning">`);
    const sonar = JSON.parse((await run(['lint', '-f', 'sonarqube', 'web.Dockerfile'], { cwd: REPO })).stdout);
    expect(sonar.issues.map((issue: { ruleId: string }) => issue.ruleId)).toEqual(['DL3006']);
  });

  it('github prints workflow commands', async () => {
    expect((await run(['lint', '-f', 'github', 'web.Dockerfile'], { cwd: REPO })).stdout).toBe(
      `::warning file=web.Dockerfile,line=1,col=1,title=DL3006::${TAG}\n`,
    );
  });

  it('checkstyle lists every linted file', async () => {
    const { stdout } = await run(['lint', '-f', 'checkstyle', '.'], { cwd: REPO });
    expect(stdout.match(/<file name="[^"]+">/g)).toEqual([
      '<file name=".devcontainer/Dockerfile">',
      '<file name="Containerfile.fedora">',
      '<file name="Dockerfile">',
      '<file name="build/app.dockerfile">',
      '<file name="services/api/Dockerfile">',
      '<file name="web.Dockerfile">',
    ]);
  });

  it('sarif carries the rules that ran and the version', async () => {
    const log = JSON.parse((await run(['lint', '-f', 'sarif', '.'], { cwd: REPO })).stdout);
    expect(log.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['DL3006']);
    expect(log.runs[0].tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(log.runs[0].results).toHaveLength(3);
  });
});

describe('plimsoll: usage', () => {
  it.each([
    [[], /^Usage:/],
    [['frobnicate'], /^plimsoll: unknown command "frobnicate"\nUsage:/],
    [['lint'], /^plimsoll: no PATH given\nUsage: plimsoll lint/],
    [['lint', '--frobnicate', '.'], /^plimsoll: Unknown option '--frobnicate'.*\nRun 'plimsoll lint --help' for the options.\n$/s],
    [['lint', '--format', 'xml', '.'], /^plimsoll: unknown format "xml" \(use one of tty, json, sarif, checkstyle, gnu, github, codeclimate, gitlab_codeclimate, codacy, sonarqube, junit\)\n$/],
    [['lint', '-t', 'fatal', '.'], /^plimsoll: unknown failure threshold "fatal" \(use error, warning, info, style or none\)\n$/],
    [['lint', '--require-label', 'author', '.'], /^plimsoll: --require-label "author": use NAME:TYPE/],
    [['lint', '-', '-'], /^plimsoll: stdin \(-\) can be read only once\n$/],
    [['images', '--format', 'sarif', '.'], /^plimsoll: unknown format "sarif" for images \(use tty or json\)\n$/],
  ])('%j exits 2 with a message', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('suggests lint when the first word is a file, as hadolint users type', async () => {
    const { code, stderr } = await run(['repo/web.Dockerfile']);
    expect(stderr).toBe('plimsoll: unknown command "repo/web.Dockerfile"; to lint it, run: plimsoll lint repo/web.Dockerfile\n');
    expect(code).toBe(2);
  });

  it('--help and --version print on stdout and exit 0', async () => {
    expect(await run(['--help'])).toMatchObject({ code: 0, stderr: '', stdout: expect.stringMatching(/^Usage:\n {2}plimsoll lint/) });
    expect(await run(['lint', '--help'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: plimsoll lint \[options\] PATH/) });
    expect(await run(['--version'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^plimsoll \d+\.\d+\.\d+\n$/) });
  });
});
