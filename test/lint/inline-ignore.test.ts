import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint/lint.js';
import { defaultSettings } from '../../src/rules/settings.js';
import { allRules } from '../../src/rules/index.js';
import { loadPolicy } from '../../src/config/load.js';
import type { PolicyContext } from '../../src/policy/context.js';

/** SPEC §8: a PL code in an inline ignore is honoured only without a policy or where its `inline-ignore` names it. */
function policy(extra = ''): PolicyContext {
  const loaded = loadPolicy(`version: 1\nimages:\n  - name: node\n    versions: [20.11.1]\n${extra}`);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return { policy: loaded.policy, repo: 'acme/api', now: new Date('2026-12-04T00:00:00Z') };
}

/** The governance rules and one DL rule, so the rows stay exact as other DL rules change. */
const rules = allRules.filter((rule) => rule.code.startsWith('PL') || rule.code === 'DL3006');
const codesOf = (text: string, context: PolicyContext | null, settings = defaultSettings()) =>
  lintText('Dockerfile', text, { policy: context, settings, rules }).findings.map((f) => [f.code, f.line, f.ignoredInline === true]);

describe('inline ignore pragmas and governance codes', () => {
  const rows: Array<[string, string, PolicyContext | null, Array<[string, number, boolean]>]> = [
    ['without a policy every pragma is honoured', '# hadolint global ignore=PL1001,PL2001,DL3006\nFROM ubuntu\n', null, []],
    ['with a policy a global PL ignore does not waive PL1001', '# hadolint global ignore=PL1001\nFROM ubuntu:22.04\nUSER app\n', policy(), [['PL1001', 2, true]]],
    ['plimsoll spelling and next-line form alike', '# plimsoll ignore=PL1001\nFROM ubuntu:22.04\nUSER app\n', policy(), [['PL1001', 2, true]]],
    ['a stage pragma alike', '# hadolint stage ignore=PL2002\nFROM node:20.11.1\nRUN curl -k https://example.com\nUSER app\n', policy(), [['PL2002', 3, true]]],
    ['DL codes keep working as in hadolint', '# hadolint ignore=DL3006,PL1001\nFROM ubuntu\nUSER app\n', policy(), [['PL1001', 2, true], ['PL1004', 2, false]]],
    ['the policy may let developers waive named codes', '# hadolint ignore=PL2001\nFROM node:20.11.1\n', policy('inline-ignore: [PL2001]\n'), []],
    ['only the named ones', '# hadolint ignore=PL2001,PL1001\nFROM ubuntu:22.04\n', policy('inline-ignore: [PL2001]\n'), [['PL1001', 2, true]]],
  ];
  it.each(rows)('%s', (_name, text, context, expected) => {
    expect(codesOf(text, context)).toEqual(expected);
  });

  it('says so in the message', () => {
    const [finding] = lintText('Dockerfile', '# hadolint global ignore=PL1001\nFROM ubuntu:22.04\nUSER app\n', { policy: policy() }).findings;
    expect(finding?.message).toMatch(/\(ignored inline, needs ops approval\)$/);
    expect(finding?.level).toBe('error');
  });

  it('an ignore list (hadolint config, --ignore) cannot drop a PL code when a policy applies', () => {
    const settings = { ...defaultSettings(), ignored: ['PL1001', 'DL3006'] };
    expect(codesOf('FROM ubuntu\nUSER app\n', policy(), settings)).toEqual([['PL1001', 1, false], ['PL1004', 1, false]]);
    expect(codesOf('FROM ubuntu\nUSER app\n', null, settings)).toEqual([]);
  });
});
