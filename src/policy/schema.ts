import { z } from 'zod';
import { normaliseImageName, parseImageReference } from '../dockerfile/reference.js';
import { BUILDKIT_RULE_NAMES } from '../rules/buildkit/names.js';
import { FAMILIES } from '../rules/families.js';
import { isValidRange } from '../versioning/range.js';
import { parseTag, parseVersion } from '../versioning/tag.js';

/**
 * The zod schemas of `plimsoll-policy.yml` (SPEC §3). No transforms: the same schemas produce the
 * published JSON Schema. Refinements check each value on its own; checks across entries (an image
 * listed twice, a listed version that is also banned) live in load.ts.
 */

/** A rule code: DL, PL or SC and four digits, or the name of one of BuildKit's checks (`FromAsCasing`). */
export const RULE_CODE = new RegExp(`^(?:(?:DL|PL|SC)\\d{4}|${BUILDKIT_RULE_NAMES.join('|')})$`);
/** What a `rules:` key may name: a rule code, or a family of rules (`hadolint`, `buildkit`). */
const RULE_KEY = new RegExp(`^(?:${RULE_CODE.source.slice(4, -2)}|${FAMILIES.join('|')})$`);
const PL_CODE = /^PL\d{4}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const REGISTRY = /^[A-Za-z0-9.-]+(?::\d+)?(?:\/[a-z0-9._-]+)*\/?$/;
const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export const levelSetting = z.enum(['error', 'warning', 'info', 'style', 'off', 'ignore']);

/** YAML reads `2024.1` or `20` as numbers; a version may be written either way. */
const text = z.union([z.string(), z.number()]);

export const ruleCode = z.string().regex(RULE_CODE, { error: 'is not a rule code (such as DL3008, PL1001 or FromAsCasing)' });
/** A key of `rules:`: a rule code, or `hadolint` / `buildkit` for every rule of that family. */
export const ruleKey = z
  .string()
  .regex(RULE_KEY, { error: `is not a rule code (such as DL3008, PL1001 or FromAsCasing) nor a family of rules (${FAMILIES.join(', ')})` });

const imageName = z
  .string()
  .min(1)
  .refine((name) => normaliseImageName(name) !== null, {
    error: 'must be an image name such as node or ghcr.io/acme/app, without tag or digest',
  })
  .describe('Image repository: `node`, `acme/app`, `ghcr.io/acme/app`. Docker Hub short names are normalised.');

const version = text
  .refine((v) => parseVersion(String(v)) !== null, {
    error: 'must be a version such as 20.11.1 (words such as bookworm go under tags; variants under variants)',
  })
  .describe('A pinned version: the tag without its variant (`20.11.1`, `v1.2.3`, `jdk-21.0.2_13`).');

const variant = text
  .refine((v) => v === '' || TAG.test(String(v)), { error: 'must be a tag suffix such as alpine3.19, or "" for the bare version' })
  .describe('A tag suffix after `<version>-` (`alpine3.19`, `bookworm-slim`); "" allows the bare version.');

const tag = text
  .refine((v) => TAG.test(String(v)), { error: 'must be a tag such as nonroot' })
  .describe('A literal tag for images without versions (`nonroot`, `latest-debug`).');

const digest = z
  .string()
  .regex(DIGEST, { error: 'must be a digest such as sha256:0123… (algorithm, colon, hex)' })
  .describe('`sha256:…` content digest.');

const range = text
  .refine((r) => isValidRange(String(r)), { error: 'must be a semver range such as "<18.19.1" or ">=3 <3.12.4"' })
  .describe('Semver range of banned versions (`<18.19.1`, `>=3.0.0 <3.0.5 || 2.x`). Absent: every version.');

const date = z
  .string()
  .refine(isValidDate, { error: 'must be a date written YYYY-MM-DD' })
  .describe('Last day (UTC) the exception holds: `2027-01-31`.');

export function isValidDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const updateScope = z
  .enum(['patch', 'minor', 'major'])
  .describe('How far a bump may move a pinned version: `minor` takes 10.4.9 to 10.5.0, never 11.0.0. Default: minor.');

export const imageEntry = z
  .strictObject({
    name: imageName,
    versions: z.array(version).optional().describe('Allowed versions. Absent: any version.'),
    variants: z.array(variant).optional().describe('Allowed tag suffixes after `<version>-`. Absent: any.'),
    tags: z.array(tag).optional(),
    update: updateScope.optional(),
    digests: z
      .record(z.string(), digest)
      .optional()
      .describe('Digest the policy pins for a tag: `{ 20.11.1-alpine3.19: "sha256:…" }`.'),
  })
  .superRefine((entry, ctx) => {
    for (const key of Object.keys(entry.digests ?? {})) {
      if (!digestKeyNamesAllowedTag(entry, key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['digests', key],
          message: `pins "${key}", which is not an allowed tag of ${entry.name} (a listed version, version-variant or tag)`,
          params: { complete: true },
        });
      }
    }
  })
  .describe('One whitelisted image.');

function digestKeyNamesAllowedTag(entry: z.infer<typeof imageEntry>, key: string): boolean {
  const tags = (entry.tags ?? []).map(String);
  if (tags.includes(key)) return true;
  const parsed = parseTag(key);
  if (!parsed) return false;
  if (entry.versions === undefined) return true;
  const versions = entry.versions.map(String);
  return versions.some((v) => key === v || key.startsWith(`${v}-`));
}

export const bannedEntry = z
  .strictObject({
    name: imageName,
    versions: range.optional(),
    reason: z.string().min(1).optional().describe('Shown in every finding and bump pull request: `CVE-2024-27983`.'),
  })
  .describe('Versions no repository may use.');

export const exceptionEntry = z
  .strictObject({
    repo: z.string().regex(REPO, { error: 'must be a repository written owner/name' }),
    image: z
      .string()
      .refine((ref) => parseImageReference(ref) !== null, { error: 'must be an image reference such as centos:7' })
      .optional()
      .describe('Image (and optionally tag) the exception covers. Absent: every image of the repository.'),
    codes: z.array(ruleCode).min(1).describe('The rule codes excepted.'),
    reason: z.string().min(1),
    expires: date.optional(),
  })
  .describe('A standing exception for one repository.');

export const policySchema = z
  .strictObject({
    version: z.literal(1).describe('Format version of this file: 1.'),
    ops: z
      .strictObject({
        team: z.string().min(1).optional().describe('Team slug: requested as reviewer, and the only people who may approve exceptions.'),
        review: z.enum(['always', 'on-findings', 'never']).optional().describe('When to request the team\'s review. Default: on-findings.'),
        'self-approval': z.boolean().optional().describe('May an ops member approve exceptions on their own pull request. Default: false.'),
      })
      .optional(),
    'trusted-registries': z
      .array(z.string().regex(REGISTRY, { error: 'must be a registry, optionally with a path: docker.io, ghcr.io/acme' }))
      .optional()
      .describe('Registries (or registry paths, matched on whole segments) images may come from. Absent: any.'),
    images: z.array(imageEntry).optional().describe('The whitelist. Absent: every image is allowed.'),
    banned: z.array(bannedEntry).optional(),
    exceptions: z.array(exceptionEntry).optional(),
    bumps: z
      .strictObject({
        mode: z.enum(['open', 'dry-run', 'off']).optional().describe('open | dry-run (plan and show, write nothing) | off. Default: open.'),
        'max-open': z.number().int().min(1).optional().describe('At most this many open Plimsoll pull requests per organization. Default: 500.'),
        automerge: z
          .array(z.enum(['patch', 'minor', 'major', 'banned']))
          .optional()
          .describe('Kinds of bump pull requests merged once the repository\'s required checks pass: patch, minor, major, banned. Default: none.'),
        rebuild: z
          .enum(['none', 'dispatch'])
          .optional()
          .describe('dispatch: send `repository_dispatch` (plimsoll-base-banned) to every repository using a newly banned base. Default: none.'),
      })
      .optional(),
    rules: z
      .record(ruleKey, levelSetting)
      .optional()
      .describe('Level overrides for DL, PL and BuildKit rules: error | warning | info | style | off. A family (`hadolint`, `buildkit`) sets all its rules; a rule named on its own wins.'),
    'inline-ignore': z
      .array(z.string().regex(PL_CODE, { error: 'must be a PL rule code such as PL2001 (DL and SC codes may always be ignored inline)' }))
      .optional()
      .describe('PL codes a developer may waive with an inline `# hadolint ignore=` pragma. Default: none.'),
    'require-digest': z
      .boolean()
      .optional()
      .describe('true: every image reference must carry a digest (PL1008), and bumps write `tag@digest`. Default: false.'),
    'own-images': z
      .array(z.string().min(1))
      .optional()
      .describe('Globs over normalised image names (`ghcr.io/acme/*`) of the organization\'s own application images: exempt from the whitelist (PL1001, PL1003).'),
    upstream: z
      .strictObject({
        schedule: z.enum(['off', 'hourly', 'daily', 'weekly']).optional().describe('How often to ask the registries for newer tags. Default: off.'),
      })
      .optional()
      .describe('The upstream watch: proposes newer whitelisted versions in a pull request on the policy repository.'),
    deploy: z
      .strictObject({
        'unknown-base': z.enum(['allow', 'deny']).optional().describe('An image that records no base: allow or deny. Default: deny.'),
        'registry-unreachable': z.enum(['allow', 'deny']).optional().describe('The admission webhook\'s answer when a registry cannot be read. Default: deny.'),
      })
      .optional()
      .describe('Deploy-time checks: `plimsoll verify` and the admission webhook.'),
  })
  .describe('Plimsoll policy: the ops-owned whitelist of base images (.github/plimsoll-policy.yml).');

export type PolicyDocument = z.infer<typeof policySchema>;
