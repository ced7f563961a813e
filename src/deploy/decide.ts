import { formatReference, parseImageReference } from '../dockerfile/reference.js';
import type { PolicyContext } from '../policy/context.js';
import { imagePolicyFor } from '../policy/match.js';
import { isOwnImage } from '../policy/own-images.js';
import type { Policy } from '../policy/types.js';
import { denyingFindings } from './evaluate-reference.js';
import type { BuiltFrom, BuiltFromSource, ImageRecord } from './record.js';

/**
 * The deploy-time verdict (SPEC §10), pure: policy + what the image records → allowed, denied (PL
 * codes and the policy's reasons) or unknown (nothing recorded; `deploy.unknown-base` decides
 * whether that admits). The reference itself and every image it was built from are judged by the
 * pull request check's rules (evaluate-reference.ts). Standing exceptions apply to the repository
 * `--repo` names, else the one its `org.opencontainers.image.source` names.
 */
export type Verdict = 'allowed' | 'denied' | 'unknown';

export interface DeployDecision {
  image: string;
  digest: string | null;
  base: string | null;
  baseDigest: string | null;
  builtFrom: Array<{ image: string; digest: string | null; source: BuiltFromSource }>;
  verdict: Verdict;
  codes: string[];
  reasons: string[];
  /** Whether it may run: `allowed`, or `unknown` with `deploy.unknown-base: allow`. */
  admitted: boolean;
}

export interface DecideOptions {
  /** `--repo OWNER/NAME`: its exceptions apply whatever the image says. */
  repo?: string | null;
  now: Date;
}

export function decideDeploy(policy: Policy, record: ImageRecord, options: DecideOptions): DeployDecision {
  const context: PolicyContext = { policy, repo: options.repo ?? record.sourceRepo, now: options.now };
  const codes = new Set<string>();
  const reasons: string[] = [];

  for (const finding of denyingFindings(record.reference, context)) {
    codes.add(finding.code);
    reasons.push(finding.message);
  }
  for (const entry of record.builtFrom) {
    const reference = referenceOf(policy, entry, record.indexChildren);
    const where = `built from ${entry.image} (${entry.source}${entry.platforms.length > 0 ? `, ${entry.platforms.join(', ')}` : ''})`;
    if (reference === null) {
      codes.add('PL1006');
      reasons.push(`${where}: the image records a base that is not an image reference`);
      continue;
    }
    for (const finding of denyingFindings(reference, context)) {
      codes.add(finding.code);
      reasons.push(`${where}: ${finding.message}`);
    }
  }

  const ref = parseImageReference(record.reference);
  const isBase = ref !== null && imagePolicyFor(policy, ref) !== undefined && !isOwnImage(policy, ref.name);
  let verdict: Verdict = codes.size > 0 ? 'denied' : 'allowed';
  if (verdict === 'allowed' && record.builtFrom.length === 0 && !isBase) {
    verdict = 'unknown';
    reasons.push(`${record.reference} records no base image (no ${'org.opencontainers.image.base.name'} annotation or label, no provenance attestation); deploy.unknown-base: ${policy.deploy.unknownBase}`);
  }
  return {
    image: record.reference,
    digest: record.digest,
    base: record.base,
    baseDigest: record.baseDigest,
    builtFrom: record.builtFrom.map(({ image, digest, source }) => ({ image, digest, source })),
    verdict,
    codes: [...codes].sort(),
    reasons,
    admitted: verdict === 'allowed' || (verdict === 'unknown' && policy.deploy.unknownBase === 'allow'),
  };
}

/**
 * `image` with its recorded digest; a platform digest inside an index the policy pins stands for
 * that index, so the pin (PL1005) matches what the build pulled.
 */
function referenceOf(policy: Policy, entry: BuiltFrom, indexChildren: Record<string, string[]>): string | null {
  const ref = parseImageReference(entry.image);
  if (!ref) return null;
  let digest = ref.digest ?? entry.digest;
  const pin = ref.tag === null ? undefined : imagePolicyFor(policy, ref)?.digests[ref.tag]?.toLowerCase();
  if (digest && pin && indexChildren[pin]?.includes(digest.toLowerCase())) digest = pin;
  return formatReference({ registry: ref.registry, repository: ref.repository, tag: ref.tag, digest });
}
