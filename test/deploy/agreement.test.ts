import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decideDeploy } from '../../src/deploy/decide.js';
import type { ImageRecord } from '../../src/deploy/record.js';
import { lintText } from '../../src/lint/lint.js';
import { defaultSettings } from '../../src/rules/settings.js';
import type { PolicyContext } from '../../src/policy/context.js';
import { mergeRuleLevels } from '../../src/config/repo-config.js';
import { allRules } from '../../src/rules/index.js';
import { corpusFiles } from '../corpus.js';
import { contextOf } from '../policy/fixtures.js';
import { RULES_POLICY } from '../policy/rules-policy.js';

/**
 * The pull request check and the deploy check never disagree: for every image reference of every
 * Dockerfile in the shared corpus, the PL1001–PL1008 findings at error level that fail a pull
 * request are exactly the codes that deny that image at deploy time, under several policies.
 */
const files = corpusFiles();
const PL_RULES = allRules.filter((rule) => /^PL100[1-8]$/.test(rule.code));

const POLICIES: Record<string, PolicyContext> = {
  'the rule tables\' whitelist': contextOf(RULES_POLICY, 'acme/app'),
  'digests required, PL1004 raised to error': contextOf(`${RULES_POLICY}require-digest: true\nrules:\n  PL1004: error\n`, 'acme/app'),
  'no whitelist: bans and trusted registries only': contextOf('version: 1\ntrusted-registries: [docker.io]\nbanned:\n  - name: node\n    versions: "<18"\n    reason: EOL\n  - name: centos\n    reason: EOL\n', 'acme/legacy-billing'),
};

describe.skipIf(files.length === 0)('pull request check and deploy check agree on the corpus', () => {
  it.each(Object.keys(POLICIES))('%s', (name) => {
    const context = POLICIES[name]!;
    const settings = { ...defaultSettings(), levels: mergeRuleLevels(context.policy.rules, {}) };
    let compared = 0;
    let denied = 0;
    const disagreements: string[] = [];
    for (const file of files) {
      const { findings, dockerfile } = lintText(file, readFileSync(file, 'utf8'), { rules: PL_RULES, settings, policy: context });
      for (const use of dockerfile.images) {
        if (use.kind !== 'image' || use.ref === null) continue;
        const pullRequest = new Set(findings.filter((f) => f.level === 'error' && f.line === use.line && f.column === use.column).map((f) => f.code));
        const record: ImageRecord = { reference: use.ref.raw, digest: use.ref.digest ?? 'sha256:0', base: null, baseDigest: null, builtFrom: [], sourceRepo: null, platforms: [], indexChildren: {} };
        const decision = decideDeploy(context.policy, record, { repo: context.repo, now: context.now });
        compared++;
        if (decision.verdict === 'denied') denied++;
        if ([...pullRequest].sort().join() !== decision.codes.join() || (pullRequest.size > 0) !== (decision.verdict === 'denied')) {
          disagreements.push(`${file}:${use.line} ${use.ref.raw}: pull request ${[...pullRequest].join(',') || 'passes'}, deploy ${decision.verdict} ${decision.codes.join(',')}`);
        }
      }
    }
    expect(disagreements.slice(0, 10)).toEqual([]);
    expect(compared).toBeGreaterThan(2000);
    expect(denied).toBeGreaterThan(0);
  }, 120_000);
});
