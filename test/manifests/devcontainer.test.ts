import { describe, expect, it } from 'vitest';
import { extractManifest, relatedPaths } from '../../src/manifests/extract.js';
import { rowsLike, type Row } from './rows.js';

/** Dev containers, read as the Dev Container specification defines devcontainer.json. */

interface Case {
  name: string;
  json: string;
  rows: Row[];
  cause?: string;
}

const cases: Case[] = [
  {
    name: 'image',
    json: '{\n  "name": "app",\n  "image": "mcr.microsoft.com/devcontainers/typescript-node:1-20-bookworm"\n}\n',
    rows: [{ line: 3, column: 12, raw: 'mcr.microsoft.com/devcontainers/typescript-node:1-20-bookworm', image: 'mcr.microsoft.com/devcontainers/typescript-node:1-20-bookworm', where: 'image' }],
  },
  {
    name: 'comments and trailing commas (JSON with comments)',
    json: '// the dev container\n{\n  /* base */ "image": "node:20.11.1", // pinned\n  "customizations": {"vscode": {"extensions": ["dbaeumer.vscode-eslint",],},},\n}\n',
    rows: [{ line: 3, column: 23, raw: 'node:20.11.1', image: 'docker.io/library/node:20.11.1' }],
  },
  {
    name: 'features are not images',
    json: '{\n  "image": "ubuntu:22.04",\n  "features": {\n    "ghcr.io/devcontainers/features/node:1": {"version": "20"},\n    "ghcr.io/devcontainers/features/docker-in-docker:2": {}\n  }\n}\n',
    rows: [{ line: 2, raw: 'ubuntu:22.04', image: 'docker.io/library/ubuntu:22.04' }],
  },
  {
    name: '${localEnv:VAR:default} stands for its default, the variable recorded',
    json: '{ "image": "mcr.microsoft.com/devcontainers/base:${localEnv:BASE_TAG:ubuntu-22.04}" }',
    rows: [{ line: 1, column: 12, raw: 'mcr.microsoft.com/devcontainers/base:${localEnv:BASE_TAG:ubuntu-22.04}', image: 'mcr.microsoft.com/devcontainers/base:ubuntu-22.04', fromArg: 'BASE_TAG' }],
  },
  {
    name: '${localEnv:VAR} without default is unresolved',
    json: '{ "image": "${localEnv:IMAGE}" }',
    rows: [{ line: 1, raw: '${localEnv:IMAGE}', image: 'unresolved', fromArg: 'IMAGE' }],
    cause: "it reads the developer's environment (${localEnv:IMAGE})",
  },
  {
    name: 'other variables are known only when the container starts',
    json: '{ "image": "ghcr.io/acme/${localWorkspaceFolderBasename}:1" }',
    rows: [{ line: 1, raw: 'ghcr.io/acme/${localWorkspaceFolderBasename}:1', image: 'unresolved' }],
    cause: 'known only when the dev container starts',
  },
  {
    name: 'a build-based dev container names no image (its Dockerfile is a container definition)',
    json: '{ "build": { "dockerfile": "Dockerfile", "args": { "VARIANT": "3.12" } } }',
    rows: [],
  },
  {
    name: 'image written twice: the last one, as JSON.parse reads it',
    json: '{ "image": "node:18.19.1", "image": "node:20.11.1" }',
    rows: [{ line: 1, raw: 'node:20.11.1', image: 'docker.io/library/node:20.11.1' }],
  },
  {
    name: 'escapes are read, the value kept whole',
    json: '{ "image": "node\\u003a20.11.1" }',
    rows: [{ line: 1, raw: 'node:20.11.1', image: 'docker.io/library/node:20.11.1' }],
  },
  {
    name: 'a BOM',
    json: '\uFEFF{ "image": "node:20.11.1" }',
    rows: [{ line: 1, column: 12, raw: 'node:20.11.1', image: 'docker.io/library/node:20.11.1' }],
  },
  { name: 'empty file', json: '', rows: [] },
];

describe('dev containers', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const extraction = extractManifest('devcontainer', '.devcontainer/devcontainer.json', c.json);
    expect(extraction.problems).toEqual([]);
    expect(rowsLike(extraction, c.rows)).toEqual(c.rows);
    if (c.cause !== undefined) for (const image of extraction.images) expect(image.cause).toContain(c.cause);
  });

  it('reads a dockerComposeFile as a compose file, relative to the devcontainer.json, with its .env', () => {
    const json = '{\n  "dockerComposeFile": ["../docker-compose.yml", "docker-compose.extend.yml"],\n  "service": "app"\n}\n';
    expect(relatedPaths('devcontainer', '.devcontainer/devcontainer.json', json)).toEqual([
      'docker-compose.yml',
      '.env',
      '.devcontainer/docker-compose.extend.yml',
      '.devcontainer/.env',
    ]);
    const related = new Map([
      ['docker-compose.yml', 'services:\n  app:\n    image: python:${PY:-3.12.4}\n  db:\n    image: postgres:16.1\n'],
      ['.env', 'PY=3.11.9\n'],
      ['.devcontainer/docker-compose.extend.yml', 'services:\n  app:\n    volumes: [..:/workspaces:cached]\n'],
    ]);
    const extraction = extractManifest('devcontainer', '.devcontainer/devcontainer.json', json, related);
    expect(extraction.problems).toEqual([]);
    expect(rowsLike(extraction, [{ file: '', line: 0, raw: '', image: '' }, { file: '', line: 0, raw: '', image: '' }])).toEqual([
      { file: 'docker-compose.yml', line: 3, raw: 'python:${PY:-3.12.4}', image: 'docker.io/library/python:3.11.9' },
      { file: 'docker-compose.yml', line: 5, raw: 'postgres:16.1', image: 'docker.io/library/postgres:16.1' },
    ]);
    expect(extraction.images.every((image) => image.source === 'compose')).toBe(true);
  });

  it('warns when the compose file it names is missing', () => {
    const extraction = extractManifest('devcontainer', '.devcontainer.json', '{\n  "dockerComposeFile": "compose.dev.yaml"\n}\n');
    expect(extraction.problems).toEqual([
      { file: '.devcontainer.json', line: 2, column: 24, message: 'dockerComposeFile compose.dev.yaml is not in the repository' },
    ]);
  });

  it.each([
    ['a missing comma', '{"image": "a:1" "b": 2}', 1, 17, 'not valid JSON with comments: comma expected'],
    ['an unclosed object', '{\n  "image": "a:1",\n', 3, 1, 'not valid JSON with comments: property name expected (and 2 more problems)'],
    ['an array', '["node:20"]', 1, 1, 'a devcontainer.json must be an object'],
  ])('warns once about %s, and reads nothing', (_name, json, line, column, message) => {
    const extraction = extractManifest('devcontainer', '.devcontainer/devcontainer.json', json);
    expect(extraction.images).toEqual([]);
    expect(extraction.problems).toEqual([{ file: '.devcontainer/devcontainer.json', line, column, message }]);
  });
});
