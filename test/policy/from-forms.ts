import type { PolicyContext } from '../../src/policy/context.js';
import type { RuleCase } from '../rules/harness.js';

/**
 * Every way SPEC §1 says an image can be named, for one reference: each row is a Dockerfile and
 * the line where a finding about that reference belongs.
 */
export function fromForms(ref: string): Array<{ form: string; dockerfile: string; line: number }> {
  const colon = ref.lastIndexOf(':');
  const rows = [
    { form: 'plain FROM', dockerfile: `FROM ${ref}`, line: 1 },
    { form: 'lower-case keyword', dockerfile: `from ${ref}`, line: 1 },
    { form: 'named stage used later', dockerfile: `FROM ${ref} AS build\nRUN true\nFROM build\nCOPY --from=build /a /b`, line: 1 },
    { form: '--platform', dockerfile: `FROM --platform=linux/arm64 ${ref} AS build`, line: 1 },
    { form: '--platform from BUILDPLATFORM', dockerfile: `FROM --platform=$BUILDPLATFORM ${ref}`, line: 1 },
    { form: 'second stage', dockerfile: `FROM scratch AS empty\nFROM ${ref}`, line: 2 },
    { form: 'ARG default with the whole reference', dockerfile: `ARG BASE=${ref}\nFROM \${BASE}`, line: 2 },
    { form: 'quoted ARG default', dockerfile: `ARG BASE="${ref}"\nFROM $BASE AS base`, line: 2 },
    { form: 'line continuations', dockerfile: `FROM \\\n    ${ref} \\\n    AS build`, line: 1 },
    { form: 'escape directive', dockerfile: `# escape=\`\nFROM \`\n    ${ref}`, line: 2 },
    // The frontend pinned to a digest: the form stays neutral under require-digest (PL1008).
    { form: 'syntax directive', dockerfile: `# syntax=docker/dockerfile:1@sha256:${'f'.repeat(64)}\nFROM ${ref}`, line: 2 },
    { form: 'CRLF line ends', dockerfile: `FROM ${ref}\r\nRUN true\r\n`, line: 1 },
    { form: 'BOM', dockerfile: `\uFEFFFROM ${ref}\n`, line: 1 },
    { form: 'COPY --from', dockerfile: `FROM scratch\nCOPY --from=${ref} /a /b`, line: 2 },
    { form: 'RUN --mount from', dockerfile: `FROM scratch\nRUN --mount=type=bind,from=${ref},target=/src true`, line: 2 },
    { form: 'after a heredoc', dockerfile: `FROM scratch AS a\nRUN <<EOF\necho FROM\nEOF\nFROM ${ref}`, line: 5 },
  ];
  if (colon > ref.lastIndexOf('/') && !ref.includes('@')) {
    const name = ref.slice(0, colon);
    const tag = ref.slice(colon + 1);
    rows.push(
      { form: 'ARG default with the tag', dockerfile: `ARG TAG=${tag}\nFROM ${name}:\${TAG}`, line: 2 },
      { form: 'ARG default redeclared in the stage', dockerfile: `ARG TAG=${tag}\nFROM ${name}:\${TAG}\nARG TAG\nRUN echo $TAG`, line: 2 },
    );
  }
  return rows;
}

/** Rows expecting one finding on the reference's line in every form. */
export function firesInEveryForm(ref: string, policy: PolicyContext, message?: string): RuleCase[] {
  return fromForms(ref).map(({ form, dockerfile, line }) => ({
    name: `${ref} (${form})`,
    dockerfile,
    lines: [line],
    policy,
    ...(message === undefined ? {} : { message }),
  }));
}

/** Rows expecting no finding in any form. */
export function quietInEveryForm(ref: string, policy: PolicyContext): RuleCase[] {
  return fromForms(ref).map(({ form, dockerfile }) => ({ name: `${ref} (${form}) is fine`, dockerfile, lines: [], policy }));
}
