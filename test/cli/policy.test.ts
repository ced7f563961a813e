import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DL3006 } from '../../src/rules/DL3006.js';
import { PL1001 } from '../../src/rules/PL1001.js';
import { FIXTURES, run } from './run.js';

const POLICY_DIR = join(FIXTURES, 'policy');
const rules = [DL3006, PL1001];

describe('plimsoll lint --policy', () => {
  it('runs the whitelist rules against the policy', async () => {
    const { code, stdout, stderr } = await run(['lint', '--policy', 'plimsoll-policy.yml', '-f', 'json', 'Dockerfile'], { cwd: POLICY_DIR, rules });
    expect(stderr).toBe('');
    const findings = JSON.parse(stdout);
    expect(findings).toEqual([
      { code: 'PL1001', column: 6, file: 'Dockerfile', level: 'error', line: 1, message: expect.stringContaining('node 16') },
    ]);
    expect(code).toBe(1);
  });

  it("honours the policy's standing exception for the repository named by --repo", async () => {
    const { code, stdout } = await run(['lint', '--policy', 'plimsoll-policy.yml', '--repo', 'acme/legacy', '-f', 'json', 'Dockerfile'], { cwd: POLICY_DIR, rules });
    expect(stdout).toBe('[]\n');
    expect(code).toBe(0);
  });

  it('applies the policy rule levels, which a hadolint config may change for DL rules', async () => {
    const policy = ['--policy', join(POLICY_DIR, 'plimsoll-policy.yml')];
    const raised = await run(['lint', ...policy, '-f', 'gnu', '-'], { stdin: 'FROM alpine\n', rules: [DL3006] });
    expect(raised.stdout).toBe('plimsoll:-:1: DL3006 error: Always tag the version of an image explicitly\n');
    expect(raised.code).toBe(1);
    const lowered = await run(['lint', ...policy, '--style', 'DL3006', '-f', 'gnu', '-'], { stdin: 'FROM alpine\n', rules: [DL3006] });
    expect(lowered.stdout).toBe('plimsoll:-:1: DL3006 style: Always tag the version of an image explicitly\n');
    expect(lowered.code).toBe(0);
  });

  it('a PL rule can be raised but not lowered from the command line', async () => {
    const policy = ['--policy', 'plimsoll-policy.yml', '-f', 'json', 'Dockerfile'];
    const lowered = await run(['lint', '--warning', 'PL1001', ...policy], { cwd: POLICY_DIR, rules });
    expect(JSON.parse(lowered.stdout)[0].level).toBe('error');
  });

  it('stops with exit 2 and every problem with its file and line when the policy is invalid', async () => {
    const { code, stdout, stderr } = await run(['lint', '--policy', 'invalid-policy.yml', 'Dockerfile'], { cwd: POLICY_DIR, rules });
    expect(stderr).toBe('plimsoll: invalid-policy.yml:5: images[0].update must be one of patch, minor, major, got "minr"\n');
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it.each([
    [['--policy', 'missing.yml'], 'plimsoll: missing.yml: policy file not found\n'],
    [['--repo', 'acme'], 'plimsoll: --repo "acme": use OWNER/NAME\n'],
    [['--repo', 'acme/legacy'], "plimsoll: --repo needs --policy (it selects the policy's exceptions)\n"],
  ])('%j is bad usage', async (flags, message) => {
    const { code, stderr } = await run(['lint', ...flags, 'Dockerfile'], { cwd: POLICY_DIR, rules });
    expect(stderr).toBe(message);
    expect(code).toBe(2);
  });
});
