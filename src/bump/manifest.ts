import { uniqueImages } from '../manifests/extract.js';
import { LineIndex } from '../files/lines.js';
import { placeOf } from '../manifests/traced.js';
import type { ManifestImage } from '../manifests/types.js';
import type { Policy } from '../policy/types.js';
import { planBumps, type BumpEdit, type BumpPlan, type PlanOptions, type Unfixable } from './plan.js';

/**
 * Bump planning for images named in compose files, manifests, workflows and dev containers
 * (SPEC §11), with the same decisions as for a Dockerfile: only the version token changes (and the
 * digest after it), quotes, comments and formatting stay. A version that comes from a variable is
 * edited where its text is written: the `.env` line, or the default inside the compose file. A
 * value that feeds several images is edited only when every one of them gets that very edit.
 * Pure: `texts` holds the text of every file an image or its variables are written in.
 */
export function planManifestBumps(policy: Policy, images: readonly ManifestImage[], texts: ReadonlyMap<string, string>, options: PlanOptions = {}): BumpPlan {
  const unique = uniqueImages(images);
  const unfixable: Unfixable[] = [];
  const candidates: Candidate[] = [];
  const refuse = (image: ManifestImage, reason: string) =>
    unfixable.push({ file: image.file, line: image.line, image: image.ref?.familiar ?? null, reference: image.raw, reason });

  for (const image of unique) {
    if (image.kind === 'unresolved' || image.ref === null || image.expanded === null) {
      refuse(image, `cannot be resolved: ${image.cause ?? 'it names no concrete image'}`);
      continue;
    }
    // The Dockerfile planner decides, on the reference written as a FROM line: the same targets,
    // digests and refusals as for a Dockerfile. Its edit is then placed where the text is written.
    const plan = planBumps(policy, image.file, `${FROM}${image.expanded}\n`, options);
    for (const item of plan.unfixable) refuse(image, item.reason);
    const edit = plan.edits[0];
    if (!edit) continue;
    const from = edit.start - FROM.length;
    const to = edit.end - FROM.length;
    const traced = image.traced;
    const place = traced === null ? null : placeOf(traced, from, to);
    const text = place ? texts.get(place.file) : undefined;
    if (traced === null || place === null || text === undefined) {
      const unplaced = traced === null || traced.at.slice(from, to).some((origin) => origin === null);
      const versionOnly = traced !== null && placeOf(traced, from, from + edit.fromVersion.length) !== null;
      refuse(
        image,
        place !== null
          ? `${place.file} was not read; edit it by hand`
          : unplaced
            ? 'the value is written with escapes or across lines; edit it by hand'
            : versionOnly
              ? 'the version and the digest are written in different places; edit them together by hand'
              : 'the version is assembled from several places (variables and text); edit it by hand',
      );
      continue;
    }
    if (text.slice(place.start, place.end) !== edit.from) {
      refuse(image, `${place.file} does not read "${edit.from}" where the value was found; edit it by hand`);
      continue;
    }
    const variable = image.variables.find((v) => v.value?.at.some((origin) => origin?.file === place.file && origin.offset === place.start));
    const { line: _line, start: _start, end: _end, uses: _uses, ...decided } = edit;
    candidates.push({ image, file: place.file, start: place.start, end: place.end, edit: { ...decided, file: place.file, arg: variable?.name ?? null } });
  }

  const edits = sharedValues(candidates, unique, unfixable, texts);
  return {
    edits: edits.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start)),
    unfixable: unfixable.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line)),
  };
}

const FROM = 'FROM ';

interface Candidate {
  image: ManifestImage;
  file: string;
  start: number;
  end: number;
  edit: Omit<BumpEdit, 'line' | 'start' | 'end' | 'uses'>;
}

/**
 * A value written once may feed several images (one `.env` line, one YAML anchor is one image). Keep
 * an edit only when every image whose text comes from the edited characters gets that very edit.
 */
function sharedValues(candidates: Candidate[], images: ManifestImage[], unfixable: Unfixable[], texts: ReadonlyMap<string, string>): BumpEdit[] {
  const groups = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const key = `${candidate.file}\u0000${candidate.start}:${candidate.end}`;
    groups.set(key, [...(groups.get(key) ?? []), candidate]);
  }
  const lines = new Map<string, LineIndex>();
  const lineOf = (file: string, offset: number) => {
    let index = lines.get(file);
    if (!index) lines.set(file, (index = new LineIndex(texts.get(file) ?? '')));
    return index.position(offset).line;
  };

  const edits: BumpEdit[] = [];
  const all = [...groups.values()];
  for (const group of all) {
    const first = group[0]!;
    const overlapping = all.some((other) => other !== group && other[0]!.file === first.file && other[0]!.start < first.end && first.start < other[0]!.end);
    const fed = images.filter((image) => image.traced?.at.some((origin) => origin?.file === first.file && origin.offset >= first.start && origin.offset < first.end));
    const sameEdit = group.every((c) => c.edit.to === first.edit.to && c.image.ref?.name === first.image.ref?.name);
    const everyConsumer = fed.every((image) => group.some((c) => c.image === image));
    if (overlapping || !sameEdit || !everyConsumer) {
      const needs = [
        ...new Set(
          fed.map((image) => {
            const planned = group.find((c) => c.image === image);
            return planned ? `${planned.edit.image} → ${planned.edit.toVersion}` : `${image.ref?.familiar ?? image.raw} unchanged`;
          }),
        ),
      ];
      const where = fed.map((image) => `${image.file}:${image.line}`).join(', ');
      unfixable.push({
        file: first.file,
        line: lineOf(first.file, first.start),
        image: first.edit.image,
        reference: first.image.raw,
        reason: `${first.edit.arg ?? 'this value'} feeds ${where} (${needs.join(', ')}); a shared value is edited only when all of them are one image moving to one version, so edit it by hand`,
      });
      continue;
    }
    edits.push({
      ...first.edit,
      line: lineOf(first.file, first.start),
      start: first.start,
      end: first.end,
      uses: group.map((c) => ({ line: c.image.line, fromRef: c.edit.fromRef, toRef: c.edit.toRef })).sort((a, b) => a.line - b.line),
    });
  }
  return edits;
}
