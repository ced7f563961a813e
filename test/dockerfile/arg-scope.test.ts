import { describe, expect, it } from 'vitest';
import { parseDockerfile, type ParseOptions } from '../../src/dockerfile/model.js';
import type { ImageUse, ReferencePart } from '../../src/dockerfile/types.js';

/** A part as the table writes it: text, where it came from, the ARGs it came through, line:column-endColumn. */
function part(p: ReferencePart): string {
  const origin = p.origin.kind === 'literal' ? 'literal' : p.origin.kind === 'default' ? `default of ${p.origin.arg} (line ${p.origin.line})` : `build-arg ${p.origin.arg}`;
  const via = p.via.length > 0 ? ` via ${p.via.join('>')}` : '';
  const span = p.span === null ? 'nowhere' : `${p.span.line}:${p.span.column}-${p.span.endColumn}`;
  return `${JSON.stringify(p.text)} ${origin}${via} at ${span}`;
}

function record(use: ImageUse) {
  const provenance = use.provenance!;
  return {
    expanded: use.expanded,
    parts: provenance.parts.map(part),
    variables: provenance.variables.map((v) => `${v.name}:${v.state}`),
    args: provenance.args,
  };
}

interface Row {
  name: string;
  text: string;
  options?: ParseOptions;
  /** Which image of the file (after a `# syntax=` one, if any). */
  image?: number;
  expanded: string | null;
  parts: string[];
  variables?: string[];
  args?: string[];
}

const rows: Row[] = [
  {
    name: 'a literal reference',
    text: 'FROM node:20.11.1\n',
    expanded: 'node:20.11.1',
    parts: ['"node:20.11.1" literal at 1:6-18'],
  },
  {
    name: 'an ARG default in the tag',
    text: 'ARG V=1\nFROM node:${V}\n',
    expanded: 'node:1',
    parts: ['"node:" literal at 2:6-11', '"1" default of V (line 1) via V at 1:7-8'],
    variables: ['V:set'],
    args: ['V'],
  },
  {
    name: '${V:-x} with V set takes the default of V',
    text: 'ARG V=1\nFROM node:${V:-x}\n',
    expanded: 'node:1',
    parts: ['"node:" literal at 2:6-11', '"1" default of V (line 1) via V at 1:7-8'],
    variables: ['V:set'],
  },
  {
    name: '${V:-x} with V undeclared takes the word, written in the FROM line',
    text: 'FROM node:${V:-20.11.1}-alpine\n',
    expanded: 'node:20.11.1-alpine',
    parts: ['"node:" literal at 1:6-11', '"20.11.1" literal at 1:16-23', '"-alpine" literal at 1:24-31'],
    variables: ['V:undeclared'],
  },
  {
    name: 'a quoted default: the quotes are not part of the value',
    text: 'ARG IMAGE="node:20.11.1"\nFROM $IMAGE\n',
    expanded: 'node:20.11.1',
    parts: ['"node:20.11.1" default of IMAGE (line 1) via IMAGE at 1:12-24'],
  },
  {
    name: 'nested: a default made of another ARG',
    text: 'ARG V=20.11.1\nARG IMG=node:${V}-alpine\nFROM ${IMG}\n',
    expanded: 'node:20.11.1-alpine',
    parts: [
      '"node:" default of IMG (line 2) via IMG at 2:9-14',
      '"20.11.1" default of V (line 1) via IMG>V at 1:7-14',
      '"-alpine" default of IMG (line 2) via IMG at 2:18-25',
    ],
    variables: ['IMG:set'],
    args: ['IMG', 'V'],
  },
  {
    name: 'an ARG redefined: the later default wins',
    text: 'ARG V=18\nARG V=20\nFROM node:$V\n',
    expanded: 'node:20',
    parts: ['"node:" literal at 3:6-11', '"20" default of V (line 2) via V at 2:7-9'],
  },
  {
    name: 'an ARG redeclared without a default keeps the earlier one',
    text: 'ARG V=18\nARG V\nFROM node:$V\n',
    expanded: 'node:18',
    parts: ['"node:" literal at 3:6-11', '"18" default of V (line 1) via V at 1:7-9'],
  },
  {
    name: 'a build-arg replaces the default, and is written nowhere',
    text: 'ARG V=18\nFROM node:${V}\n',
    options: { buildArgs: { V: '20.11.1' } },
    expanded: 'node:20.11.1',
    parts: ['"node:" literal at 2:6-11', '"20.11.1" build-arg V via V at nowhere'],
    variables: ['V:set'],
  },
  {
    name: 'a build-arg gives a value to an ARG without default',
    text: 'ARG BASE\nFROM ${BASE}\n',
    options: { buildArgs: { BASE: 'node:20' } },
    expanded: 'node:20',
    parts: ['"node:20" build-arg BASE via BASE at nowhere'],
  },
  {
    name: 'a build-arg for an ARG the file does not declare changes nothing',
    text: 'FROM node:${V:-18}\n',
    options: { buildArgs: { V: '20' } },
    expanded: 'node:18',
    parts: ['"node:" literal at 1:6-11', '"18" literal at 1:16-18'],
    variables: ['V:undeclared'],
  },
  {
    name: 'a stage ARG without default takes the global default',
    text: 'ARG SRC=busybox:1.36\nFROM scratch\nARG SRC\nCOPY --from=${SRC} /bin/sh /sh\n',
    image: 1,
    expanded: 'busybox:1.36',
    parts: ['"busybox:1.36" default of SRC (line 1) via SRC at 1:9-21'],
    variables: ['SRC:set'],
  },
  {
    name: 'a stage ARG with its own default, expanded in the stage',
    text: 'FROM scratch\nARG V=1.36\nARG SRC=busybox:$V\nRUN --mount=type=bind,from=${SRC},target=/x true\n',
    image: 1,
    expanded: 'busybox:1.36',
    parts: ['"busybox:" default of SRC (line 3) via SRC at 3:9-17', '"1.36" default of V (line 2) via SRC>V at 2:7-11'],
    args: ['SRC', 'V'],
  },
  {
    name: 'a global ARG not declared in the stage is not seen there: it expands to nothing',
    text: 'ARG SRC=busybox:1.36\nFROM scratch\nCOPY --from=${SRC} /bin/sh /sh\n',
    image: 1,
    expanded: '',
    parts: [],
    variables: ['SRC:undeclared'],
  },
  {
    name: 'unresolvable: an ARG without default',
    text: 'ARG TAG\nFROM node:${TAG}\n',
    expanded: null,
    parts: [],
    variables: ['TAG:no-default'],
  },
  {
    name: 'unresolvable through another ARG: its default uses one without value',
    text: 'ARG TAG\nARG V=20.11.1\nARG IMG=node:${V}-${TAG}\nFROM ${IMG}\n',
    expanded: null,
    parts: [],
    variables: ['IMG:unknown'],
    args: ['IMG', 'V', 'TAG'],
  },
  {
    name: "BuildKit's platform ARG",
    text: 'FROM alpine:3.19-${TARGETARCH}\n',
    expanded: null,
    parts: [],
    variables: ['TARGETARCH:buildkit'],
  },
  {
    name: 'a reference written across lines has no place for its literal text',
    text: 'ARG V=20\nFROM node:\\\n${V}\n',
    expanded: 'node:20',
    parts: ['"node:" literal at nowhere', '"20" default of V (line 1) via V at 1:7-9'],
  },
  {
    name: 'the # syntax= frontend: one literal part',
    text: '# syntax=docker/dockerfile:1.7\nFROM scratch\n',
    image: -1,
    expanded: 'docker/dockerfile:1.7',
    parts: ['"docker/dockerfile:1.7" literal at 1:10-31'],
  },
  {
    name: 'a BOM and CRLF: spans address the text without the BOM',
    text: '\uFEFFARG V=1\r\nFROM node:${V}\r\n',
    expanded: 'node:1',
    parts: ['"node:" literal at 2:6-11', '"1" default of V (line 1) via V at 1:7-8'],
  },
];

describe('the record of where each part of an image reference came from', () => {
  it.each(rows)('$name', (row) => {
    const dockerfile = parseDockerfile('Dockerfile', row.text, row.options);
    const syntax = dockerfile.images[0]?.source === 'syntax' ? 1 : 0;
    const use = dockerfile.images[syntax + (row.image ?? 0)]!;
    const got = record(use);
    expect(got.expanded).toBe(row.expanded);
    expect(got.parts).toEqual(row.parts);
    if (row.variables) expect(got.variables).toEqual(row.variables);
    if (row.args) expect(got.args).toEqual(row.args);
    // Every placed part is the text at its span.
    for (const p of use.provenance!.parts) if (p.span && p.origin.kind !== 'build-arg') expect(dockerfile.text.slice(p.span.start, p.span.end)).toBe(p.text);
  });

  it('says why an unresolved reference has no image, from the record', () => {
    const causes = (text: string) => parseDockerfile('Dockerfile', text).images.map((use) => use.cause);
    expect(causes('ARG TAG\nFROM node:${TAG}\n')).toEqual(['ARG TAG has no default — give it one the policy allows (ARG TAG=<image>:<version>)']);
    expect(causes('FROM node:20\nCOPY --from=${TARGETARCH} / /\n')).toEqual([null, expect.stringMatching(/^TARGETARCH is set by BuildKit at build time/)]);
    expect(causes('ARG TAG\nARG IMG=node:${TAG}\nFROM ${IMG}\n')).toEqual(['it expands to nothing — write the image, or give the ARG a default the policy allows']);
    expect(causes('FROM node:20.11.1\n')).toEqual([null]);
  });
});
