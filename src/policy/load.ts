import { familiarName, normaliseImageName, parseImageReference } from '../dockerfile/reference.js';
import { isValidRange, satisfiesRange } from '../versioning/range.js';
import { parseVersion } from '../versioning/tag.js';
import { errorAt, formatPath, issuesToErrors, type PolicyError } from './errors.js';
import { keysAt } from './keys.js';
import { normaliseRegistryPrefix } from './match.js';
import { policySchema, type PolicyDocument } from './schema.js';
import type { BannedVersions, ImagePolicy, Policy, StandingException } from './types.js';
import { locate, parseYaml, type YamlFile } from './yaml.js';

export type PolicyResult = { ok: true; policy: Policy } | { ok: false; errors: PolicyError[] };

/** Where ops keep the policy (SPEC §3); the default `path` for messages. */
export const POLICY_PATH = '.github/plimsoll-policy.yml';

/**
 * Parse and validate a policy file. Every problem is reported at once, each with its line; nothing
 * throws. A policy with any error must not take effect (the caller keeps the last valid one).
 */
export function loadPolicy(text: string, path: string = POLICY_PATH): PolicyResult {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (isBlank(source)) {
    return fail([{ file: path, line: 1, column: 1, message: 'the policy is empty; it needs at least `version: 1`' }]);
  }
  const parsed = parseYaml(source, path);
  if (!parsed.ok) return fail(parsed.errors);
  const file = parsed.file;
  if (file.value === null || typeof file.value !== 'object' || Array.isArray(file.value)) {
    const got = Array.isArray(file.value) ? 'a list' : JSON.stringify(file.value);
    return fail([errorAt(file, [], `the policy must be a mapping of keys (version, images, banned, …), got ${got}`)]);
  }

  const errors: PolicyError[] = [];
  const result = policySchema.safeParse(file.value);
  if (!result.success) errors.push(...issuesToErrors(file, result.error.issues, (p) => keysAt(policySchema, p)));
  errors.push(...crossChecks(file));
  if (errors.length > 0 || !result.success) return fail(errors);
  return { ok: true, policy: normalise(result.data) };
}

function isBlank(text: string): boolean {
  return text.split(/\r?\n/).every((line) => /^\s*(#.*)?$/.test(line));
}

function fail(errors: PolicyError[]): PolicyResult {
  const sorted = [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, errors: sorted };
}

/**
 * Checks across entries. They read each field leniently (a valid name, the versions that parse) so
 * a typo elsewhere in an entry does not hide them: an image listed twice, a listed version that a
 * `banned` range also covers.
 */
function crossChecks(file: YamlFile): PolicyError[] {
  const raw = file.value as Record<string, unknown>;
  const errors: PolicyError[] = [];
  const images = entriesOf(raw.images);
  const banned = entriesOf(raw.banned);

  const firstIndex = new Map<string, number>();
  for (const { index, name, written, fields } of images) {
    const earlier = firstIndex.get(name);
    if (earlier !== undefined) {
      const { line } = locate(file, ['images', earlier]);
      const where = formatPath(['images', index, 'name']);
      errors.push(errorAt(file, ['images', index, 'name'], `${where} names ${written}, already listed at images[${earlier}] (line ${line}); merge the two entries`));
    } else firstIndex.set(name, index);

    const seen = new Set<string>();
    listOf(fields.versions).forEach((version, k) => {
      if (seen.has(version)) {
        errors.push(errorAt(file, ['images', index, 'versions', k], `${formatPath(['images', index, 'versions', k])} lists ${version} twice`));
      }
      seen.add(version);
    });
  }

  for (const { index: b, name, written, fields } of banned) {
    const range = typeof fields.versions === 'string' || typeof fields.versions === 'number' ? String(fields.versions) : undefined;
    if (fields.versions !== undefined && (range === undefined || !isValidRange(range))) continue;
    for (const { index: i, name: imageName, fields: image } of images) {
      if (imageName !== name) continue;
      if (range === undefined) {
        errors.push(errorAt(file, ['banned', b, 'name'], `${formatPath(['banned', b])} bans every version of ${written}, which images[${i}] allows; remove one of them`));
        continue;
      }
      listOf(image.versions).forEach((version, k) => {
        const parsed = parseVersion(version);
        if (parsed && satisfiesRange(parsed, range)) {
          const where = formatPath(['images', i, 'versions', k]);
          errors.push(errorAt(file, ['images', i, 'versions', k], `${where} lists ${version}, which banned[${b}] bans ("${range}"); a version cannot be both allowed and banned`));
        }
      });
    }
  }
  return errors;
}

/** Entries of a list whose `name` is a valid image name, with that name normalised. */
function entriesOf(list: unknown): Array<{ index: number; name: string; written: string; fields: Record<string, unknown> }> {
  if (!Array.isArray(list)) return [];
  const out: Array<{ index: number; name: string; written: string; fields: Record<string, unknown> }> = [];
  list.forEach((item: unknown, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return;
    const fields = item as Record<string, unknown>;
    const name = typeof fields.name === 'string' ? normaliseImageName(fields.name) : null;
    if (name !== null) out.push({ index, name, written: fields.name as string, fields });
  });
  return out;
}

/** The strings and numbers of a YAML list, as text; anything else is left to the schema. */
function listOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
}

function normalise(doc: PolicyDocument): Policy {
  return {
    version: 1,
    ops: {
      team: doc.ops?.team ?? null,
      review: doc.ops?.review ?? 'on-findings',
      selfApproval: doc.ops?.['self-approval'] ?? false,
    },
    trustedRegistries: doc['trusted-registries']?.map(normaliseRegistryPrefix) ?? null,
    images: doc.images?.map(normaliseImage) ?? null,
    banned: (doc.banned ?? []).map(normaliseBanned),
    exceptions: (doc.exceptions ?? []).map(normaliseException),
    bumps: {
      mode: doc.bumps?.mode ?? 'open',
      maxOpen: doc.bumps?.['max-open'] ?? 500,
      automerge: [...new Set(doc.bumps?.automerge ?? [])],
      rebuild: doc.bumps?.rebuild ?? 'none',
    },
    rules: { ...(doc.rules ?? {}) },
    inlineIgnore: [...new Set(doc['inline-ignore'] ?? [])],
    requireDigest: doc['require-digest'] ?? false,
    ownImages: [...(doc['own-images'] ?? [])],
    upstream: { schedule: doc.upstream?.schedule ?? 'off' },
    deploy: {
      unknownBase: doc.deploy?.['unknown-base'] ?? 'deny',
      registryUnreachable: doc.deploy?.['registry-unreachable'] ?? 'deny',
    },
  };
}

function normaliseImage(entry: NonNullable<PolicyDocument['images']>[number]): ImagePolicy {
  const ref = parseImageReference(entry.name)!;
  return {
    written: entry.name,
    name: ref.name,
    familiar: familiarName(ref.registry, ref.repository),
    versions: entry.versions?.map(String) ?? null,
    variants: entry.variants?.map(String) ?? null,
    tags: (entry.tags ?? []).map(String),
    update: entry.update ?? 'minor',
    digests: { ...(entry.digests ?? {}) },
  };
}

function normaliseBanned(entry: NonNullable<PolicyDocument['banned']>[number]): BannedVersions {
  const ref = parseImageReference(entry.name)!;
  return {
    written: entry.name,
    name: ref.name,
    familiar: familiarName(ref.registry, ref.repository),
    versions: entry.versions === undefined ? null : String(entry.versions),
    reason: entry.reason ?? null,
  };
}

function normaliseException(entry: NonNullable<PolicyDocument['exceptions']>[number]): StandingException {
  const ref = entry.image === undefined ? null : parseImageReference(entry.image);
  return {
    repo: entry.repo,
    image: ref?.name ?? null,
    tag: ref?.tag ?? null,
    written: entry.image ?? null,
    codes: [...entry.codes],
    reason: entry.reason,
    expires: entry.expires ?? null,
  };
}

/** What a file holding only `version: 1` means: the baseline when there is no policy. */
export function emptyPolicy(): Policy {
  const loaded = loadPolicy('version: 1\n');
  if (!loaded.ok) throw new Error('the empty policy does not validate');
  return loaded.policy;
}
