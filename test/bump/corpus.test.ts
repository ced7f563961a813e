import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/bump/apply.js';
import { planBumps, type BumpEdit } from '../../src/bump/plan.js';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import { formatReference } from '../../src/dockerfile/reference.js';
import { readTag } from '../../src/policy/evaluate.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/types.js';
import { compareVersions } from '../../src/versioning/compare.js';
import { parseVersion, type TagVersion } from '../../src/versioning/tag.js';
import { corpusFiles } from '../corpus.js';

const files = corpusFiles().map((path) => ({ path, text: readFileSync(path, 'utf8') }));

/**
 * A policy built from the images the corpus uses, so that every kind of bump happens: each version
 * found gets a newer patch listed; every other image also lists the versions found (outdated
 * rather than unlisted); every third bans what is found below a bound; half pin digests.
 */
function corpusPolicy(): Policy {
  const found = new Map<string, Map<string, Set<string>>>();
  for (const { path, text } of files) {
    for (const use of parseDockerfile(path, text).images) {
      if (use.kind !== 'image' || !use.ref?.tag) continue;
      const reading = readTag(use.ref.tag, null);
      if (!reading.version) continue;
      const versions = found.get(use.ref.familiar) ?? new Map<string, Set<string>>();
      versions.set(reading.version.version, (versions.get(reading.version.version) ?? new Set()).add(reading.variant));
      found.set(use.ref.familiar, versions);
    }
  }
  const images: string[] = [];
  const banned: string[] = [];
  [...found.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).forEach(([name, versions], index) => {
    const parsed = [...versions.keys()].map((v) => parseVersion(v)!).sort(rangeOrder);
    const newer = parsed.map((v) => bumpLast(v.version)).filter((v): v is string => v !== null);
    const oldest = parsed[0]!;
    const ban = index % 3 === 0 && oldest.release.length >= 1 ? `<=${[0, 1, 2].map((i) => oldest.release[i] ?? 0).join('.')}` : null;
    let listed = index % 2 === 0 ? [...versions.keys(), ...newer] : newer;
    if (ban) listed = listed.filter((v) => !(parseVersion(v)!.release.length <= 3 && rangeOrder(parseVersion(v)!, oldest) <= 0) && v !== oldest.version);
    listed = [...new Set(listed)];
    if (listed.length === 0) return;
    const digests = index % 2 === 1
      ? newer.flatMap((v) => [...(versions.get(unbump(v, versions)) ?? [])].map((variant) => `${JSON.stringify(variant ? `${v}-${variant}` : v)}: "sha256:${'c'.repeat(64)}"`))
      : [];
    images.push(
      `  - name: ${JSON.stringify(name)}\n    versions: [${listed.map((v) => JSON.stringify(v)).join(', ')}]\n    update: ${index % 4 === 0 ? 'major' : 'minor'}` +
        (digests.length ? `\n    digests: { ${digests.join(', ')} }` : ''),
    );
    if (ban) banned.push(`  - name: ${JSON.stringify(name)}\n    versions: "${ban}"\n    reason: corpus test`);
  });
  const text = `version: 1\nimages:\n${images.join('\n')}\n${banned.length ? `banned:\n${banned.join('\n')}\n` : ''}`;
  const result = loadPolicy(text, 'corpus-policy.yml');
  if (!result.ok) throw new Error(result.errors.slice(0, 5).map((e) => `${e.line}: ${e.message}`).join('\n'));
  return result.policy;
}

/** The order a semver range sees (`4.8` is 4.8.0), which the bans below are written in. */
function rangeOrder(a: TagVersion, b: TagVersion): number {
  for (let i = 0; i < Math.max(a.release.length, b.release.length); i++) {
    const difference = (a.release[i] ?? 0) - (b.release[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return compareVersions(a, b);
}

/** `20.11.1` → `20.11.2`; `jdk-21.0.2_13` → `jdk-21.0.2_14`; null when that is not a newer version. */
function bumpLast(version: string): string | null {
  const next = version.replace(/(\d+)(?=\D*$)/, (n) => String(Number(n) + 1).padStart(n.length, '0'));
  const a = parseVersion(version);
  const b = parseVersion(next);
  return a && b && b.shape === a.shape && compareVersions(b, a) > 0 ? next : null;
}

function unbump(bumped: string, versions: Map<string, Set<string>>): string {
  return [...versions.keys()].find((v) => bumpLast(v) === bumped) ?? bumped;
}

describe.skipIf(files.length === 0)('planBumps over the corpus', () => {
  it('plans every file without a crash; every edit lands on the intended reference; a second plan is empty', { timeout: 120_000 }, () => {
    const policy = corpusPolicy();
    const kinds = { banned: 0, unlisted: 0, outdated: 0, digest: 0 };
    let viaArg = 0;
    let digests = 0;
    for (const { path, text } of files) {
      const plan = planBumps(policy, path, text);
      for (const edit of plan.edits) {
        expect(text.slice(edit.start, edit.end), `${path}:${edit.line}`).toBe(edit.from);
        kinds[edit.kind] += 1;
        if (edit.arg) viaArg += 1;
        if (edit.digest !== 'none') digests += 1;
      }
      if (plan.edits.length === 0) continue;
      const after = applyEdits(text, plan.edits);
      expect(landed(path, after, plan.edits), path).toEqual([]);
      expect(planBumps(policy, path, after).edits, `${path} planned again`).toEqual([]);
    }
    // The policy is built to exercise every path; a regression that plans nothing must fail here.
    expect(kinds.banned).toBeGreaterThan(20);
    expect(kinds.unlisted).toBeGreaterThan(50);
    expect(kinds.outdated).toBeGreaterThan(50);
    expect(viaArg).toBeGreaterThan(5);
    expect(digests).toBeGreaterThan(5);
  });
});

/** Edits whose FROM/COPY/RUN line does not now name `toRef`. */
function landed(path: string, text: string, edits: BumpEdit[]): string[] {
  const images = parseDockerfile(path, text).images;
  const wrong: string[] = [];
  for (const edit of edits) {
    for (const { line, toRef } of edit.uses) {
      const refs = images.filter((u) => u.line === line && u.ref).map((u) => formatReference(u.ref!));
      if (!refs.includes(toRef)) wrong.push(`line ${line}: expected ${toRef}, found ${refs.join(', ') || 'nothing'}`);
    }
  }
  return wrong;
}
