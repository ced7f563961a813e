import { describe, expect, it } from 'vitest';
import { planBumps } from '../../src/bump/plan.js';
import { bumpBranch, renderPullRequest } from '../../src/bump/pull-request.js';
import { policyOf } from '../policy/fixtures.js';

const B = `sha256:${'b'.repeat(64)}`;
const policy = policyOf(`version: 1
images:
  - name: node
    versions: [20.11.1, 20.10.0, 18.19.1]
  - name: ghcr.io/acme/python
    versions: [3.12.4]
banned:
  - name: node
    versions: "<18.19.1"
    reason: CVE-2024-27983 | HTTP smuggling
`);

describe('bumpBranch', () => {
  it.each([
    ['node', 'plimsoll/node'],
    ['ghcr.io/acme/python', 'plimsoll/ghcr.io-acme-python'],
    ['localhost:5000/Team/tool', 'plimsoll/localhost-5000-team-tool'],
  ])('%s -> %s', (image, branch) => {
    expect(bumpBranch(image)).toBe(branch);
  });
});

describe('renderPullRequest', () => {
  it('bump: title, table, label', () => {
    const edits = [
      ...planBumps(policy, 'Dockerfile', 'FROM node:20.10.0\n').edits,
      ...planBumps(policy, 'api/Dockerfile', `FROM node:20.10.0-alpine@${B}\n`).edits,
      ...planBumps(policy, 'web/Dockerfile', 'ARG NODE=20.10.0\nFROM node:${NODE}-slim\n').edits,
    ];
    expect(renderPullRequest('node', edits)).toEqual({
      branch: 'plimsoll/node',
      title: 'Bump node base image to 20.11.1',
      commitMessage: 'Bump node base image to 20.11.1',
      labels: ['plimsoll'],
      body: [
        '<!-- plimsoll:bump image=node to=20.11.1 -->',
        'The ops policy allows a newer node. This pull request moves every use there.',
        '',
        '| File | Line | From | To | Reason |',
        '|---|---|---|---|---|',
        '| Dockerfile | 1 | `node:20.10.0` | `node:20.11.1` | 20.11.1 is the newest allowed within minor updates |',
        '| api/Dockerfile | 1 | `node:20.10.0-alpine@sha256:bbbbbbbbbbbb…` | `node:20.11.1-alpine` | 20.11.1 is the newest allowed within minor updates; digest removed: the policy pins none for 20.11.1-alpine |',
        '| web/Dockerfile | 1 | `node:20.10.0-slim` | `node:20.11.1-slim` | 20.11.1 is the newest allowed within minor updates |',
        '',
        'The version is set by an ARG default (`NODE`); every FROM it feeds gets the same version.',
        '',
        '**Digest removed**: the policy pins no digest for `node:20.11.1-alpine`, so the old digest was dropped rather than left pointing at the old image. Pin the new one if you rely on digests.',
        '',
        'Only the version tokens changed: formatting, comments and the rest of each file are as they were.',
        'Opened by Plimsoll from the ops policy. Close this pull request to skip this version; Plimsoll will not reopen it for the same target.',
        '',
      ].join('\n'),
    });
  });

  it('banned: says what it replaces, carries the reason, adds the security label', () => {
    const edits = planBumps(policy, 'Dockerfile', 'FROM node:18.19.0\nFROM node:20.10.0\n').edits;
    const pr = renderPullRequest('node', edits);
    expect(pr.title).toBe('Replace banned node 18.19.0 with 18.19.1');
    expect(pr.labels).toEqual(['plimsoll', 'security']);
    expect(pr.body).toContain('The ops policy bans node 18.19.0. This pull request moves every use to an allowed version.');
    expect(pr.body).toContain('| Dockerfile | 1 | `node:18.19.0` | `node:18.19.1` | banned by policy: CVE-2024-27983 \\| HTTP smuggling |');
    expect(pr.body).toContain('| Dockerfile | 2 | `node:20.10.0` | `node:20.11.1` |');
  });

  it('one use: "it"', () => {
    const pr = renderPullRequest('node', planBumps(policy, 'Dockerfile', 'FROM node:20.10.0\n').edits);
    expect(pr.body).toContain('The ops policy allows a newer node. This pull request moves it there.');
  });

  it('digest only: says the version stays and the digest becomes the policy\'s', () => {
    const A = `sha256:${'a'.repeat(64)}`;
    const pinned = policyOf(`version: 1\nimages:\n  - name: node\n    versions: [20.11.1]\n    digests: { 20.11.1: "${A}" }\n`);
    const pr = renderPullRequest('node', planBumps(pinned, 'Dockerfile', `FROM node:20.11.1@${B}\n`).edits);
    expect(pr.title).toBe("Pin node 20.11.1 to the policy's digest");
    expect(pr.body).toContain("The ops policy pins another digest for node 20.11.1. This pull request puts the policy's digest in place; the version stays.");
    expect(pr.body).toContain(`| Dockerfile | 1 | \`node:20.11.1@sha256:bbbbbbbbbbbb…\` | \`node:20.11.1@sha256:aaaaaaaaaaaa…\` |`);
  });

  it('slugs registry images into the branch', () => {
    const edits = planBumps(policy, 'Dockerfile', 'FROM ghcr.io/acme/python:3.12.3\n').edits;
    expect([renderPullRequest('ghcr.io/acme/python', edits).branch, renderPullRequest('ghcr.io/acme/python', edits).title]).toEqual([
      'plimsoll/ghcr.io-acme-python',
      'Bump ghcr.io/acme/python base image to 3.12.4',
    ]);
  });
});
