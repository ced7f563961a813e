import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/bump/apply.js';
import { planBumps } from '../../src/bump/plan.js';
import { policyOf } from '../policy/fixtures.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

const policy = policyOf(`version: 1
images:
  - name: node
    versions: [20.11.1, 20.10.0, 18.19.1]
    variants: [alpine3.19, bookworm-slim, ""]
    update: minor
    digests: { 20.11.1-alpine3.19: "${A}" }
  - name: python
    versions: [3.12.4, 3.11.9]
    update: patch
  - name: ghcr.io/acme/python
    versions: [3.12.4]
  - name: localhost:5000/team/tool
    versions: [1.2.4]
  - name: temurin
    versions: [21.0.3_9]
banned:
  - name: node
    versions: "<18.19.1"
    reason: CVE-2024-27983
  - name: ubuntu
    reason: use debian
`);

interface Row {
  name: string;
  before: string;
  after: string;
  unfixable?: string[];
}

const rows: Row[] = [
  { name: 'outdated version', before: 'FROM node:20.10.0\n', after: 'FROM node:20.11.1\n' },
  { name: 'keyword casing and alias kept', before: 'from node:20.10.0 as build\n', after: 'from node:20.11.1 as build\n' },
  {
    name: '--platform, AS and a trailing comment kept',
    before: 'FROM --platform=$BUILDPLATFORM node:20.10.0-bookworm-slim AS build  # pinned\n',
    after: 'FROM --platform=$BUILDPLATFORM node:20.11.1-bookworm-slim AS build  # pinned\n',
  },
  {
    name: 'registry spelling kept',
    before: 'FROM docker.io/library/node:20.10.0\nFROM index.docker.io/library/node:20.10.0\n',
    after: 'FROM docker.io/library/node:20.11.1\nFROM index.docker.io/library/node:20.11.1\n',
  },
  { name: 'registry with a port', before: 'FROM localhost:5000/team/tool:1.2.3\n', after: 'FROM localhost:5000/team/tool:1.2.4\n' },
  { name: 'variant kept', before: 'FROM ghcr.io/acme/python:3.12.3-slim\n', after: 'FROM ghcr.io/acme/python:3.12.4-slim\n' },
  { name: 'Temurin build numbers', before: 'FROM temurin:21.0.2_13-jdk\n', after: 'FROM temurin:21.0.3_9-jdk\n' },
  { name: 'digest replaced by the policy\'s', before: `FROM node:20.10.0-alpine3.19@${B}\n`, after: `FROM node:20.11.1-alpine3.19@${A}\n` },
  { name: 'digest removed when the policy pins none', before: `FROM node:20.10.0-bookworm-slim@${B} AS x\n`, after: 'FROM node:20.11.1-bookworm-slim AS x\n' },
  {
    name: 'digest only, not pinned: nothing to move, and said',
    before: `FROM node@${B}\n`,
    after: `FROM node@${B}\n`,
    unfixable: ['1: the digest is not one the policy pins, and there is no tag to move; pick an allowed version by hand (use node:20.11.1)'],
  },
  { name: 'same version, wrong digest: the digest becomes the policy\'s', before: `FROM node:20.11.1-alpine3.19@${B}\n`, after: `FROM node:20.11.1-alpine3.19@${A}\n` },
  {
    name: 'same version, wrong digest, in an ARG default',
    before: `ARG IMG=node:20.11.1-alpine3.19@${B}\nFROM \${IMG}\n`,
    after: `ARG IMG=node:20.11.1-alpine3.19@${A}\nFROM \${IMG}\n`,
  },
  {
    name: 'quoted default of a FROM expansion (BuildKit removes the quotes)',
    before: `FROM \${REF:-"node:20.10.0-alpine3.19@${B}"}\n`,
    after: `FROM \${REF:-"node:20.11.1-alpine3.19@${A}"}\n`,
  },
  {
    name: 'floating tag: lint proposes a version, the bump says why it does not pin it',
    before: 'FROM node:latest\nFROM node\nFROM node:20-alpine3.19\n',
    after: 'FROM node:latest\nFROM node\nFROM node:20-alpine3.19\n',
    unfixable: [
      '1: latest is a floating tag; a bump moves pinned versions only, so pin it by hand (use node:20.11.1)',
      '2: no tag: it floats to latest; a bump moves pinned versions only, so pin it by hand (use node:20.11.1)',
      `3: 20-alpine3.19 is a partial version that moves with every release; a bump moves pinned versions only, so pin it by hand (use node:20.11.1-alpine3.19@${A})`,
    ],
  },
  {
    name: 'allowed version in a variant the policy does not allow: said',
    before: 'FROM node:20.11.1-alpine3.18\n',
    after: 'FROM node:20.11.1-alpine3.18\n',
    unfixable: [`1: variant alpine3.18 is not allowed; a bump keeps the variant, so pick an allowed one by hand (use node:20.11.1-alpine3.19@${A})`],
  },
  { name: 'ARG default edited instead of FROM', before: 'ARG NODE=20.10.0\nFROM node:${NODE}-alpine3.19\n', after: 'ARG NODE=20.11.1\nFROM node:${NODE}-alpine3.19\n' },
  { name: 'quoted ARG default', before: 'ARG NODE="20.10.0"\nFROM node:$NODE\n', after: 'ARG NODE="20.11.1"\nFROM node:$NODE\n' },
  { name: 'ARG holding the whole reference', before: 'ARG BASE=node:20.10.0\nFROM ${BASE} AS base\n', after: 'ARG BASE=node:20.11.1\nFROM ${BASE} AS base\n' },
  { name: 'ARG through another ARG', before: 'ARG V=20.10.0\nARG BASE=node:${V}\nFROM ${BASE}\n', after: 'ARG V=20.11.1\nARG BASE=node:${V}\nFROM ${BASE}\n' },
  {
    name: 'shared ARG, same edit everywhere',
    before: 'ARG V=20.10.0\nFROM node:${V} AS a\nFROM node:${V}-bookworm-slim\nCOPY --from=a / /\n',
    after: 'ARG V=20.11.1\nFROM node:${V} AS a\nFROM node:${V}-bookworm-slim\nCOPY --from=a / /\n',
  },
  {
    name: 'shared ARG feeding two images: left alone and reported',
    before: 'ARG V=3.12.3\nFROM python:${V}\nFROM ghcr.io/acme/python:${V}-slim\nFROM node:20.10.0\n',
    after: 'ARG V=3.12.3\nFROM python:${V}\nFROM ghcr.io/acme/python:${V}-slim\nFROM node:20.11.1\n',
    unfixable: [
      '1: ARG V feeds lines 2, 3 (python → 3.12.4, ghcr.io/acme/python → 3.12.4); a shared ARG is edited only when all of them are one image moving to one version, so edit it by hand',
    ],
  },
  {
    name: 'shared ARG whose other use cannot move',
    before: 'ARG V=20.10.0\nFROM node:${V}\nFROM node:${V}-alpine3.18\n',
    after: 'ARG V=20.10.0\nFROM node:${V}\nFROM node:${V}-alpine3.18\n',
    unfixable: [
      '1: ARG V feeds lines 2, 3 (node → 20.11.1, node unchanged); a shared ARG is edited only when all of them are one image moving to one version, so edit it by hand',
      `3: variant alpine3.18 is not allowed; a bump keeps the variant, so pick an allowed one by hand (use node:20.11.1-alpine3.19@${A})`,
    ],
  },
  {
    name: 'unlisted version in a variant the policy does not allow',
    before: 'FROM node:20.9.0-alpine3.18\n',
    after: 'FROM node:20.9.0-alpine3.18\n',
    unfixable: ['1: variant alpine3.18 is not allowed, so no version of it can be the target; pick an allowed variant by hand'],
  },
  {
    name: 'an ARG redeclared inside a stage is not the one that feeds FROM',
    before: 'ARG V=20.10.0\nFROM node:${V}\nARG V=20.9.0\nFROM node:${V}\n',
    after: 'ARG V=20.11.1\nFROM node:${V}\nARG V=20.9.0\nFROM node:${V}\n',
  },
  { name: '${X:-default} with X undeclared edits the default', before: 'FROM node:${V:-20.10.0}\n', after: 'FROM node:${V:-20.11.1}\n' },
  {
    name: 'ARG without default: reported, not guessed',
    before: 'ARG V\nFROM node:${V}\n',
    after: 'ARG V\nFROM node:${V}\n',
    unfixable: ['2: cannot be resolved: ARG V has no default — give it one the policy allows (ARG V=<image>:<version>)'],
  },
  { name: 'banned: newest in scope', before: 'FROM node:18.0.0\n', after: 'FROM node:18.19.1\n' },
  { name: 'banned: nearest listed beyond the scope', before: 'FROM node:16.20.2-alpine3.19\n', after: 'FROM node:18.19.1-alpine3.19\n' },
  {
    name: 'a whole image banned: nothing to move to',
    before: 'FROM ubuntu:22.04\n',
    after: 'FROM ubuntu:22.04\n',
    unfixable: ['1: banned by policy: use debian; the policy lists no version of ubuntu to move to'],
  },
  {
    name: 'unlisted with nothing in scope is left alone',
    before: 'FROM python:3.10.14\n',
    after: 'FROM python:3.10.14\n',
    unfixable: ['1: 3.10.14 is not on the whitelist; no listed version of the same form within patch updates to move to'],
  },
  { name: 'never a downgrade', before: 'FROM node:20.12.0\n', after: 'FROM node:20.12.0\n', unfixable: ['1: 20.12.0 is not on the whitelist; no listed version of the same form within minor updates to move to'] },
  { name: 'line continuations', before: 'FROM \\\n    node:20.10.0 \\\n    AS build\n', after: 'FROM \\\n    node:20.11.1 \\\n    AS build\n' },
  { name: 'escape directive', before: '# escape=`\nFROM `\n    node:20.10.0\nRUN dir c:\\\n', after: '# escape=`\nFROM `\n    node:20.11.1\nRUN dir c:\\\n' },
  { name: 'syntax directive', before: '# syntax=docker/dockerfile:1\nFROM node:20.10.0\n', after: '# syntax=docker/dockerfile:1\nFROM node:20.11.1\n' },
  { name: 'CRLF and BOM kept', before: '\uFEFFFROM node:20.10.0\r\nRUN echo hi\r\n', after: '\uFEFFFROM node:20.11.1\r\nRUN echo hi\r\n' },
  { name: 'a FROM inside a heredoc is data', before: 'FROM node:20.11.1\nRUN <<EOF\nFROM node:20.10.0\nEOF\n', after: 'FROM node:20.11.1\nRUN <<EOF\nFROM node:20.10.0\nEOF\n' },
  {
    name: 'COPY --from and RUN --mount from',
    before: 'FROM scratch\nCOPY --from=node:20.10.0 /usr/local/bin/node /node\nRUN --mount=type=bind,from=python:3.12.3,target=/py true\n',
    after: 'FROM scratch\nCOPY --from=node:20.11.1 /usr/local/bin/node /node\nRUN --mount=type=bind,from=python:3.12.4,target=/py true\n',
  },
  { name: 'stages and scratch are not images', before: 'FROM node:20.10.0 AS build\nFROM build\nFROM scratch\nCOPY --from=build / /\n', after: 'FROM node:20.11.1 AS build\nFROM build\nFROM scratch\nCOPY --from=build / /\n' },
  { name: 'an allowed, newest version stays', before: 'FROM node:20.11.1-alpine3.19\nFROM node:18.19.1\n', after: 'FROM node:20.11.1-alpine3.19\nFROM node:18.19.1\n' },
  {
    name: 'version in an ARG, digest on the line: reported',
    before: `ARG V=20.10.0\nFROM node:\${V}-alpine3.19@${B}\n`,
    after: `ARG V=20.10.0\nFROM node:\${V}-alpine3.19@${B}\n`,
    unfixable: ['2: the version and the digest are written in different places (an ARG and the line); edit them together by hand'],
  },
  {
    name: 'a build-stage ARG is not edited',
    before: 'FROM scratch\nARG N=node:20.10.0\nCOPY --from=${N} / /\n',
    after: 'FROM scratch\nARG N=node:20.10.0\nCOPY --from=${N} / /\n',
    unfixable: ['3: the image is named through a build-stage ARG; edit it by hand'],
  },
];

describe('planBumps', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const plan = planBumps(policy, 'Dockerfile', row.before);
    expect(applyEdits(row.before, plan.edits)).toBe(row.after);
    expect(plan.unfixable.map((u) => `${u.line}: ${u.reason}`)).toEqual(row.unfixable ?? []);
    // Idempotent: planning the result again finds nothing more to do.
    expect(planBumps(policy, 'Dockerfile', row.after).edits).toEqual([]);
  });

  it('describes each edit: where, what, why', () => {
    const text = 'ARG NODE=18.0.0\nFROM node:${NODE}-alpine3.19\nFROM node:${NODE}\n';
    expect(planBumps(policy, 'svc/Dockerfile', text).edits).toEqual([
      {
        file: 'svc/Dockerfile',
        line: 1,
        start: 9,
        end: 15,
        from: '18.0.0',
        to: '18.19.1',
        image: 'node',
        fromVersion: '18.0.0',
        toVersion: '18.19.1',
        fromRef: 'node:18.0.0-alpine3.19',
        toRef: 'node:18.19.1-alpine3.19',
        kind: 'banned',
        reason: 'banned by policy: CVE-2024-27983',
        policyReason: 'CVE-2024-27983',
        digest: 'none',
        arg: 'NODE',
        uses: [
          { line: 2, fromRef: 'node:18.0.0-alpine3.19', toRef: 'node:18.19.1-alpine3.19' },
          { line: 3, fromRef: 'node:18.0.0', toRef: 'node:18.19.1' },
        ],
      },
    ]);
  });

  it('says when a digest was replaced or dropped', () => {
    const plan = planBumps(policy, 'Dockerfile', `FROM node:20.10.0-alpine3.19@${B}\nFROM node:20.10.0-bookworm-slim@${B}\n`);
    expect(plan.edits.map((e) => [e.line, e.digest, e.reason, e.toRef])).toEqual([
      [1, 'replaced', "20.11.1 is the newest allowed within minor updates; digest updated to the policy's", `node:20.11.1-alpine3.19@${A}`],
      [2, 'removed', '20.11.1 is the newest allowed within minor updates; digest removed: the policy pins none for 20.11.1-bookworm-slim', 'node:20.11.1-bookworm-slim'],
    ]);
  });

  it('replaces a digest that is not the pin for the version, also when the version stays', () => {
    const [edit] = planBumps(policy, 'Dockerfile', `FROM node:20.11.1-alpine3.19@${B}\n`).edits;
    expect(edit).toEqual(expect.objectContaining({
      kind: 'digest', fromVersion: '20.11.1', toVersion: '20.11.1', digest: 'replaced', from: B, to: A,
      fromRef: `node:20.11.1-alpine3.19@${B}`, toRef: `node:20.11.1-alpine3.19@${A}`,
    }));
  });

  it('adds the pinned digest when the policy requires digests', () => {
    const strict = policyOf(`version: 1
require-digest: true
images:
  - name: node
    versions: [20.11.1, 20.10.0]
    update: minor
    digests: { 20.11.1-alpine3.19: "${A}" }
`);
    const text = 'FROM node:20.10.0-alpine3.19\nFROM node:20.10.0\n';
    const plan = planBumps(strict, 'Dockerfile', text);
    expect(applyEdits(text, plan.edits)).toBe(`FROM node:20.11.1-alpine3.19@${A}\nFROM node:20.11.1\n`);
    expect(plan.edits.map((e) => e.digest)).toEqual(['added', 'none']);
  });

  it('bumps the # syntax= frontend image like a FROM', () => {
    const frontend = policyOf(`version: 1
images:
  - name: docker/dockerfile
    versions: [1.7.0, 1.9.0]
    update: minor
    digests: { 1.9.0: "${A}" }
`);
    const text = `# syntax=docker/dockerfile:1.7.0@${B}\nFROM scratch\n`;
    const plan = planBumps(frontend, 'Dockerfile', text);
    expect(applyEdits(text, plan.edits)).toBe(`# syntax=docker/dockerfile:1.9.0@${A}\nFROM scratch\n`);
    expect(plan.edits[0]).toEqual(expect.objectContaining({ line: 1, image: 'docker/dockerfile', kind: 'outdated', digest: 'replaced' }));
  });

  it('counts offsets in the text as given, BOM included', () => {
    const [edit] = planBumps(policy, 'Dockerfile', '\uFEFFFROM node:20.10.0\n').edits;
    expect([edit?.start, edit?.end, edit?.line]).toEqual([11, 18, 1]);
  });

  it('never throws on text that is not a Dockerfile', () => {
    for (const text of ['', '\u0000\u0001', 'FROM', 'FROM \\', 'ARG', 'FROM node:${', 'FROM ${A:-${B}}', 'RUN <<EOF\n']) {
      expect(() => planBumps(policy, 'Dockerfile', text)).not.toThrow();
    }
  });
});
