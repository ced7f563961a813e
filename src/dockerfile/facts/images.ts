import type { Instruction } from '../types.js';

/*
 * Image references as language-docker (hadolint's parser) reads them, which is not how Docker
 * normalises them (src/dockerfile/reference.ts does that): a registry is only recognised as
 * `domain.tld/`, variables are not expanded, and the name keeps what Docker would call the path.
 */

/** An image as hadolint sees it: the registry when one is written, the name without tag or digest. */
export interface HadolintImage {
  registry: string | null;
  name: string;
}

/**
 * language-docker's `BaseImage` of a FROM word: a registry is the text up to the first `/` when a
 * `.` comes before it (so `localhost:5000/app` has none and is named `localhost`), the name ends
 * at the first `:` or `@`.
 */
export function fromImage(word: string): HadolintImage {
  let registry: string | null = null;
  let rest = word;
  const dot = word.indexOf('.');
  const slash = dot > 0 ? word.indexOf('/', dot + 1) : -1;
  if (slash > dot + 1) {
    registry = word.slice(0, slash);
    rest = word.slice(slash + 1);
  }
  return { registry, name: rest.split(/[@:]/)[0]! };
}

/** The image name of a FROM (`imageName` in hadolint's stage bookkeeping). */
export function imageName(from: Instruction): string {
  return fromImage(from.words[0]?.value ?? '').name;
}

/** `AS name` of a FROM as written (hadolint compares aliases case-sensitively), or null. */
export function stageAlias(from: Instruction): string | null {
  const words = from.words;
  return words.length >= 3 && words[1]!.value.toLowerCase() === 'as' ? words[2]!.value : null;
}

/** The image named by `COPY --from=` or a mount's `from=`: language-docker's reading, which keeps the tag. */
export function imageFromText(text: string): HadolintImage {
  if (!text.includes('/')) return { registry: null, name: text };
  const parts = text.split('/');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts[0]!.includes('.') ? { registry: parts[0]!, name: parts.slice(1).join('/') } : { registry: null, name: text };
}
