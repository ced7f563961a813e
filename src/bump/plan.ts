import { parseDockerfile } from '../dockerfile/model.js';
import type { Dockerfile, ImageUse } from '../dockerfile/types.js';
import { digestToPin, type ResolvedDigests } from '../policy/digests.js';
import { bumpTarget, evaluateImage, joinTag, suggestion, type ImageVerdict } from '../policy/evaluate.js';
import type { Policy } from '../policy/types.js';
import { unresolvedCause } from '../policy/unresolved.js';
import { contiguousRange, traceGlobalArgs, traceWord, type Traced } from './trace.js';

/**
 * Bump planning (SPEC §7): which exact text edits bring a container definition in line with the
 * policy. Pure: (policy, path, text) in, edits and the things it could not fix out.
 */

/** Why a reference is edited; `digest`: the version stays, its digest becomes the policy's pin. */
export type BumpKind = 'banned' | 'unlisted' | 'outdated' | 'digest';

export interface BumpEdit {
  file: string;
  /** Line of the edited text: the FROM (or COPY/RUN) line, or the ARG line when its default is edited. */
  line: number;
  /** Offsets of the replaced text in the file as given (a BOM counts as one character). */
  start: number;
  end: number;
  /** The text replaced and its replacement: the version token, plus the digest when it changes. */
  from: string;
  to: string;
  /** Familiar image name: `node`, `ghcr.io/acme/python`. */
  image: string;
  fromVersion: string;
  toVersion: string;
  /** Whole references before and after: `node:20.9.0-alpine3.19` → `node:20.11.1-alpine3.19`. */
  fromRef: string;
  toRef: string;
  kind: BumpKind;
  /** Why, in words, for the pull request table. */
  reason: string;
  /** The policy's reason when a banned version is replaced. */
  policyReason: string | null;
  /** What happened to the digest: none before or after, replaced (by the policy's pin, else the
   *  registry's under `require-digest`), removed (nothing pins the new tag), added (`require-digest`). */
  digest: 'none' | 'replaced' | 'removed' | 'added';
  /** ARG whose default is edited, or null when the FROM line itself is. */
  arg: string | null;
  /** Every image reference this edit changes (several when an ARG default feeds several lines). */
  uses: Array<{ line: number; fromRef: string; toRef: string }>;
}

export interface Unfixable {
  file: string;
  line: number;
  /** Familiar image name when known. */
  image: string | null;
  /** The reference as written. */
  reference: string;
  reason: string;
}

export interface BumpPlan {
  edits: BumpEdit[];
  unfixable: Unfixable[];
}

interface Candidate {
  use: ImageUse;
  /** Range in the BOM-less text. */
  start: number;
  end: number;
  edit: Omit<BumpEdit, 'line' | 'start' | 'end' | 'uses'>;
}

export interface PlanOptions {
  /** Registry digests by `name:tag`, asked beforehand: under `require-digest`, a bump writes the
   *  target's digest (the policy's pin first, else this). */
  digests?: ResolvedDigests;
}

export function planBumps(policy: Policy, path: string, text: string, options: PlanOptions = {}): BumpPlan {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const source = text.slice(bom);
  const dockerfile = parseDockerfile(path, source);
  const globals = traceGlobalArgs(dockerfile, source);

  const traces = new Map<ImageUse, Traced | null>();
  const candidates: Candidate[] = [];
  const unfixable: Unfixable[] = [];
  const refuse = (use: ImageUse, image: string | null, reason: string) =>
    unfixable.push({ file: path, line: use.line, image, reference: use.raw, reason });

  for (const use of dockerfile.images) {
    const located = locate(dockerfile, source, use, globals);
    traces.set(use, located.traced);
    if (use.kind === 'unresolved') {
      refuse(use, null, `cannot be resolved: ${unresolvedCause(dockerfile, use)}`);
      continue;
    }
    if (use.kind !== 'image' || use.ref === null) continue;
    const planned = planUse(policy, dockerfile, use, evaluateImage(policy, use.ref), located, options);
    if (planned === null) continue;
    if ('reason' in planned) refuse(use, use.ref.familiar, planned.reason);
    else candidates.push(planned);
  }

  const edits = resolveSharedArgs(dockerfile, candidates, traces, globals, path, unfixable);
  return {
    edits: edits
      .map((e) => ({ ...e, line: lineOf(source, e.start), start: e.start + bom, end: e.end + bom }))
      .sort((a, b) => a.start - b.start),
    unfixable: unfixable.sort((a, b) => a.line - b.line),
  };
}

interface Located {
  /** The expanded reference with file offsets, or null when it cannot be traced. */
  traced: Traced | null;
  /** Why the reference cannot be traced (it is written across lines, through a stage ARG…). */
  problem: string | null;
}

/** Find where the reference is written, and trace its expansion to file offsets. */
function locate(dockerfile: Dockerfile, source: string, use: ImageUse, globals: Map<string, Traced | null>): Located {
  const { span, raw } = use;
  let offset = -1;
  if (use.source === 'from' || use.source === 'syntax') {
    if (source.slice(span.start, span.end) === raw) offset = span.start;
  } else {
    const flag = source.slice(span.start, span.end);
    const at = use.source === 'copy-from' ? flag.indexOf('=') + 1 : valueAfter(flag, /(?:^--mount=|,)from=/);
    if (at > 0 && flag.startsWith(raw, at)) offset = span.start + at;
    if (raw.includes('$')) return { traced: null, problem: 'the image is named through a build-stage ARG; edit it by hand' };
  }
  if (offset < 0) return { traced: null, problem: 'the reference is written across lines; edit it by hand' };
  return { traced: traceWord(raw, offset, globals, dockerfile.escape), problem: null };
}

function valueAfter(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  return match ? match.index + match[0].length : -1;
}

function planUse(policy: Policy, dockerfile: Dockerfile, use: ImageUse, verdict: ImageVerdict, located: Located, options: PlanOptions): Candidate | { reason: string } | null {
  const { entry, reading, banned, ref } = verdict;
  const kind: BumpKind | null = banned
    ? 'banned'
    : verdict.notAllowed?.kind === 'version' && reading?.version
      ? 'unlisted'
      : verdict.newer
        ? 'outdated'
        : null;
  if (kind === null) {
    if (verdict.expectedDigest !== null && verdict.notAllowed === null) return planDigest(dockerfile, use, verdict, located);
    return whyNot(policy, verdict);
  }

  const current = reading?.version ?? null;
  const bannedWhy = banned ? `banned by policy${banned.reason ? `: ${banned.reason}` : ` ("${banned.versions ?? 'every version'}")`}` : '';
  if (current === null || reading === null) return { reason: `${bannedWhy}; the tag names no version to move from, so pick an allowed image by hand` };
  if (!entry?.versions?.length) return { reason: `${bannedWhy}; the policy lists no version of ${ref.familiar} to move to` };
  if (entry.variants !== null && !entry.variants.includes(reading.variant)) {
    return { reason: `variant ${reading.variant || '(bare version)'} is not allowed, so no version of it can be the target; pick an allowed variant by hand` };
  }
  const target = bumpTarget(policy, entry, current, kind === 'banned');
  if (target === null) {
    // `node:20` against 20.11.1: a partial version, which lint asks to pin.
    if (verdict.floating === 'partial' && !banned) return whyNot(policy, verdict) ?? { reason: `${current.version} is a partial version; pin it by hand` };
    const why = kind === 'banned' ? bannedWhy : kind === 'unlisted' ? `${current.version} is not on the whitelist` : 'outdated';
    const scope = kind === 'banned' ? 'at or beyond it' : `within ${entry.update} updates`;
    return { reason: `${why}; no listed version of the same form ${scope} to move to` };
  }
  if (located.traced === null) return { reason: located.problem ?? 'the reference cannot be traced to the file; edit it by hand' };

  const traced = located.traced;
  const tag = reading.tag;
  const base = ref.digest === null ? traced.text : traced.text.slice(0, traced.text.lastIndexOf('@'));
  const tagStart = base.length - tag.length;
  if (base.slice(tagStart) !== tag || base[tagStart - 1] !== ':' || !tag.startsWith(current.version)) {
    return { reason: 'the reference cannot be traced to the file; edit it by hand' };
  }

  // The digest always ends right: the policy's pin for the new tag (else, under require-digest, the
  // registry's), or none: the old digest names the old image. A reference without one gets one
  // only under require-digest, when the whole tag can be edited.
  const newTag = joinTag(target.version, reading.variant);
  const required = policy.requireDigest ? (digestToPin(policy, options.digests, { name: ref.name, tag: newTag })?.digest ?? null) : null;
  const addDigest = ref.digest === null && required !== null && contiguousRange(traced, tagStart, base.length) !== null;
  const newDigest = ref.digest === null ? (addDigest ? required : null) : (entry.digests[newTag] ?? required);
  const digest: BumpEdit['digest'] = ref.digest === null ? (addDigest ? 'added' : 'none') : newDigest ? 'replaced' : 'removed';
  const to = ref.digest === null && !addDigest ? target.version : `${target.version}${tag.slice(current.version.length)}${newDigest ? `@${newDigest}` : ''}`;
  const rangeEnd = ref.digest === null ? (addDigest ? base.length : tagStart + current.version.length) : traced.text.length;
  const range = contiguousRange(traced, tagStart, rangeEnd);
  if (range === null) {
    const versionRange = contiguousRange(traced, tagStart, tagStart + current.version.length);
    return {
      reason: versionRange
        ? 'the version and the digest are written in different places (an ARG and the line); edit them together by hand'
        : 'the version is assembled from several places (ARGs and text); edit it by hand',
    };
  }

  const arg = argAt(dockerfile, use, range.start);
  const reasons: Record<Exclude<BumpKind, 'digest'>, string> = {
    banned: bannedWhy,
    unlisted: `${current.version} is not on the whitelist`,
    outdated: `${target.version} is the newest allowed within ${entry.update} updates`,
  };
  const digestNote =
    digest === 'replaced'
      ? `; digest updated to the ${newDigest === entry.digests[newTag] ? 'policy' : 'registry'}'s`
      : digest === 'removed'
        ? `; digest removed: the policy pins none for ${newTag}`
        : digest === 'added'
          ? `; digest pinned (the ${required === entry.digests[newTag] ? 'policy' : 'registry'}'s), as the policy requires`
          : '';
  return {
    use,
    start: range.start,
    end: range.end,
    edit: {
      file: dockerfile.path,
      from: traced.text.slice(tagStart, rangeEnd),
      to,
      image: ref.familiar,
      fromVersion: current.version,
      toVersion: target.version,
      fromRef: `${ref.familiar}:${tag}${ref.digest ? `@${ref.digest}` : ''}`,
      toRef: `${ref.familiar}:${newTag}${newDigest ? `@${newDigest}` : ''}`,
      kind,
      reason: reasons[kind] + digestNote,
      policyReason: kind === 'banned' ? (banned?.reason ?? null) : null,
      digest,
      arg,
    },
  };
}

/** The version stays; its digest is not the policy's pin for it (PL1005): replace the digest. */
function planDigest(dockerfile: Dockerfile, use: ImageUse, verdict: ImageVerdict, located: Located): Candidate | { reason: string } {
  const { ref, reading } = verdict;
  const expected = verdict.expectedDigest!;
  if (located.traced === null) return { reason: located.problem ?? 'the reference cannot be traced to the file; edit it by hand' };
  const traced = located.traced;
  const at = traced.text.lastIndexOf('@');
  const range = at < 0 ? null : contiguousRange(traced, at + 1, traced.text.length);
  if (range === null) return { reason: 'the digest is assembled from several places (ARGs and text); replace it by hand' };
  const version = reading?.version?.version ?? ref.tag!;
  return {
    use,
    start: range.start,
    end: range.end,
    edit: {
      file: dockerfile.path,
      from: traced.text.slice(at + 1),
      to: expected,
      image: ref.familiar,
      fromVersion: version,
      toVersion: version,
      fromRef: `${ref.familiar}:${ref.tag}@${ref.digest}`,
      toRef: `${ref.familiar}:${ref.tag}@${expected}`,
      kind: 'digest',
      reason: `the digest is not the one the policy pins for ${ref.tag}; digest replaced by the policy's`,
      policyReason: null,
      digest: 'replaced',
      arg: argAt(dockerfile, use, range.start),
    },
  };
}

/**
 * Lint proposes another reference (PL1001, PL1004: "use alpine:3.24") but there is no version to
 * move: a floating tag, a variant or a tag the policy does not allow, a bare digest. Pinning or
 * switching variant changes what the build gets, which is a person's call: say why, and what
 * lint proposes. Null when lint proposes nothing either.
 */
function whyNot(policy: Policy, verdict: ImageVerdict): { reason: string } | null {
  const proposed = suggestion(policy, verdict);
  const { ref, reading } = verdict;
  const written = `${ref.familiar}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
  if (proposed === null || proposed === written) return null;
  const use = `use ${proposed}`;
  switch (verdict.floating) {
    case 'untagged':
      return { reason: `no tag: it floats to latest; a bump moves pinned versions only, so pin it by hand (${use})` };
    case 'latest':
    case 'not-a-version':
      return { reason: `${ref.tag} is a floating tag; a bump moves pinned versions only, so pin it by hand (${use})` };
    case 'partial':
      return { reason: `${ref.tag} is a partial version that moves with every release; a bump moves pinned versions only, so pin it by hand (${use})` };
    default:
  }
  switch (verdict.notAllowed?.kind) {
    case 'variant':
      return { reason: `variant ${reading?.variant || '(bare version)'} is not allowed; a bump keeps the variant, so pick an allowed one by hand (${use})` };
    case 'tag':
      return { reason: `tag ${ref.tag} is not allowed and names no version to move from; pick an allowed tag by hand (${use})` };
    case 'digest':
    case 'untagged':
      return { reason: `the digest is not one the policy pins, and there is no tag to move; pick an allowed version by hand (${use})` };
    default:
      return null;
  }
}

/** The global ARG whose default holds the offset, or null when it is in the instruction itself. */
function argAt(dockerfile: Dockerfile, use: ImageUse, offset: number): string | null {
  if (offset >= use.span.start && offset < use.span.end) return null;
  for (const instruction of dockerfile.globalArgs) {
    for (const pair of instruction.pairs) {
      const span = pair.valueSpan;
      if (span && pair.rawValue !== null && offset >= span.start && offset < span.start + pair.rawValue.length) return pair.key;
    }
  }
  return null;
}

/**
 * An edit inside an ARG default changes every image that ARG feeds. Keep it only when each of those
 * images gets exactly that edit; otherwise the ARG is left alone and reported (SPEC §7).
 */
function resolveSharedArgs(
  dockerfile: Dockerfile,
  candidates: Candidate[],
  traces: Map<ImageUse, Traced | null>,
  globals: Map<string, Traced | null>,
  path: string,
  unfixable: Unfixable[],
): Array<Omit<BumpEdit, 'line'>> {
  const groups = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const key = `${candidate.start}:${candidate.end}`;
    groups.set(key, [...(groups.get(key) ?? []), candidate]);
  }

  const edits: Array<Omit<BumpEdit, 'line'>> = [];
  const all = [...groups.values()];
  for (const group of all) {
    const first = group[0]!;
    const overlapping = all.some((other) => other !== group && other[0]!.start < first.end && first.start < other[0]!.end);
    // Same text and same image: an ARG shared by two images would slip one image's bump into the
    // other's pull request.
    const sameEdit = group.every((c) => c.edit.to === first.edit.to && c.use.ref?.name === first.use.ref?.name);
    const fed = consumers(dockerfile, first, traces, globals);
    const everyConsumer = fed.every((use) => group.some((c) => c.use === use));
    if (overlapping || !sameEdit || !everyConsumer) {
      const lines = [...new Set(fed.map((u) => u.line))].sort((a, b) => a - b);
      const needs = [
        ...new Set(
          fed.map((use) => {
            const planned = group.find((c) => c.use === use);
            return planned ? `${planned.edit.image} → ${planned.edit.toVersion}` : `${use.ref?.familiar ?? use.raw} unchanged`;
          }),
        ),
      ];
      unfixable.push({
        file: path,
        line: lineOfArg(dockerfile, first.start, first.use.line),
        image: first.edit.image,
        reference: first.use.raw,
        reason: `ARG ${first.edit.arg ?? '?'} feeds lines ${lines.join(', ')} (${needs.join(', ')}); a shared ARG is edited only when all of them are one image moving to one version, so edit it by hand`,
      });
      continue;
    }
    edits.push({
      ...first.edit,
      start: first.start,
      end: first.end,
      uses: group
        .map((c) => ({ line: c.use.line, fromRef: c.edit.fromRef, toRef: c.edit.toRef }))
        .sort((a, b) => a.line - b.line),
    });
  }
  return edits;
}

/** Every image reference whose text comes (in part) from the edited range. */
function consumers(dockerfile: Dockerfile, candidate: Candidate, traces: Map<ImageUse, Traced | null>, globals: Map<string, Traced | null>): ImageUse[] {
  if (candidate.edit.arg === null) return [candidate.use];
  return dockerfile.images.filter((use) => {
    const traced = traces.get(use);
    if (traced) return traced.at.some((offset) => offset >= candidate.start && offset < candidate.end);
    // Not traceable (no default somewhere): fed by the ARG if it names it, directly or through another ARG.
    return argClosure(use.argNames, globals).some((name) => {
      const value = globals.get(name);
      return value?.at.some((offset) => offset >= candidate.start && offset < candidate.end) ?? false;
    });
  });
}

function argClosure(names: readonly string[], globals: Map<string, Traced | null>): string[] {
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const inner of globals.get(name)?.args ?? []) queue.push(inner);
  }
  return [...seen];
}

function lineOfArg(dockerfile: Dockerfile, offset: number, fallback: number): number {
  for (const instruction of dockerfile.globalArgs) {
    if (offset >= instruction.span.start && offset < instruction.span.end) return instruction.line;
  }
  return fallback;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}
