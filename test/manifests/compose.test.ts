import { describe, expect, it } from 'vitest';
import { extractManifest } from '../../src/manifests/extract.js';
import { rowsLike, type Row } from './rows.js';

/** Compose files read as the Compose Specification defines them (services, interpolation, .env). */

interface Case {
  name: string;
  compose: string;
  env?: string;
  rows: Row[];
  /** Text every unresolved row's cause contains. */
  cause?: string;
  skipped?: string;
}

const cases: Case[] = [
  {
    name: 'services.*.image, the version key ignored',
    compose: 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.25.3\n  db:\n    image: postgres:16.1\n',
    rows: [
      { line: 4, column: 12, raw: 'nginx:1.25.3', image: 'docker.io/library/nginx:1.25.3', where: 'services.web.image' },
      { line: 6, column: 12, raw: 'postgres:16.1', image: 'docker.io/library/postgres:16.1', where: 'services.db.image' },
    ],
  },
  {
    name: 'an image beside build: is listed (Compose tags the build with it and pulls it)',
    compose: 'services:\n  app:\n    build: .\n    image: ghcr.io/acme/app:1.4.0\n  builder:\n    build:\n      context: ./tools\n',
    rows: [{ line: 4, raw: 'ghcr.io/acme/app:1.4.0', image: 'ghcr.io/acme/app:1.4.0' }],
  },
  {
    name: 'quotes: the value is unquoted, the column is the opening quote',
    compose: "services:\n  a:\n    image: \"node:20.11.1\"\n  b:\n    image: 'redis:7.2.4'   # cache\n",
    rows: [
      { line: 3, column: 12, raw: 'node:20.11.1', image: 'docker.io/library/node:20.11.1' },
      { line: 5, column: 12, raw: 'redis:7.2.4', image: 'docker.io/library/redis:7.2.4' },
    ],
  },
  {
    name: 'registries with ports, digests, Docker Hub namespaces',
    compose: `services:\n  a:\n    image: localhost:5000/team/tool:1.2.3\n  b:\n    image: bitnami/redis@sha256:${'c'.repeat(64)}\n  c:\n    image: index.docker.io/library/alpine:3.19.1\n`,
    rows: [
      { line: 3, raw: 'localhost:5000/team/tool:1.2.3', image: 'localhost:5000/team/tool:1.2.3' },
      { line: 5, raw: `bitnami/redis@sha256:${'c'.repeat(64)}`, image: `docker.io/bitnami/redis@sha256:${'c'.repeat(64)}` },
      { line: 7, raw: 'index.docker.io/library/alpine:3.19.1', image: 'docker.io/library/alpine:3.19.1' },
    ],
  },
  {
    name: '${VAR:-default} with no .env: the default, the variable recorded',
    compose: 'services:\n  web:\n    image: "node:${NODE_TAG:-20.11.1}-alpine"\n',
    rows: [{ line: 3, raw: 'node:${NODE_TAG:-20.11.1}-alpine', image: 'docker.io/library/node:20.11.1-alpine', fromArg: 'NODE_TAG' }],
  },
  {
    name: '${VAR:-default} with the variable in .env: the .env value',
    compose: 'services:\n  web:\n    image: "node:${NODE_TAG:-20.11.1}"\n',
    env: 'NODE_TAG=18.19.1\n',
    rows: [{ line: 3, raw: 'node:${NODE_TAG:-20.11.1}', image: 'docker.io/library/node:18.19.1', fromArg: 'NODE_TAG' }],
  },
  {
    name: '${VAR:-default} with an empty .env value: the default (set but empty)',
    compose: 'services:\n  web:\n    image: node:${NODE_TAG:-20.11.1}\n',
    env: 'NODE_TAG=\n',
    rows: [{ line: 3, raw: 'node:${NODE_TAG:-20.11.1}', image: 'docker.io/library/node:20.11.1' }],
  },
  {
    name: '${VAR-default} with an empty .env value: empty (set), so no valid reference',
    compose: 'services:\n  web:\n    image: node:${NODE_TAG-20.11.1}\n',
    env: 'NODE_TAG=\n',
    rows: [{ line: 3, raw: 'node:${NODE_TAG-20.11.1}', image: 'unresolved' }],
    cause: '"node:" is not a valid image reference',
  },
  {
    name: '${VAR-default} unset: the default',
    compose: 'services:\n  web:\n    image: node:${NODE_TAG-20.11.1}\n',
    rows: [{ line: 3, raw: 'node:${NODE_TAG-20.11.1}', image: 'docker.io/library/node:20.11.1' }],
  },
  {
    name: '${VAR} with neither .env nor default is unresolved, never guessed',
    compose: 'services:\n  db:\n    image: postgres:${PG_TAG}\n',
    rows: [{ line: 3, raw: 'postgres:${PG_TAG}', image: 'unresolved', fromArg: 'PG_TAG' }],
    cause: 'PG_TAG is set neither in .env nor by a default',
  },
  {
    name: '$VAR (unbraced) from .env',
    compose: 'services:\n  db:\n    image: postgres:$PG_TAG\n',
    env: 'PG_TAG=16.1\n',
    rows: [{ line: 3, raw: 'postgres:$PG_TAG', image: 'docker.io/library/postgres:16.1', fromArg: 'PG_TAG' }],
  },
  {
    name: 'the whole image from a variable',
    compose: 'services:\n  db:\n    image: ${DB_IMAGE:-postgres:16.1}\n',
    rows: [{ line: 3, raw: '${DB_IMAGE:-postgres:16.1}', image: 'docker.io/library/postgres:16.1', fromArg: 'DB_IMAGE' }],
  },
  {
    name: 'nested defaults',
    compose: 'services:\n  web:\n    image: ${REGISTRY:-${MIRROR:-ghcr.io}}/acme/web:${TAG:-2.0.1}\n',
    env: 'MIRROR=registry.acme.internal\n',
    rows: [{ line: 3, image: 'registry.acme.internal/acme/web:2.0.1', raw: '${REGISTRY:-${MIRROR:-ghcr.io}}/acme/web:${TAG:-2.0.1}' }],
  },
  {
    name: '${VAR:?error} without a value is unresolved',
    compose: 'services:\n  web:\n    image: nginx:${TAG:?set TAG}\n',
    rows: [{ line: 3, raw: 'nginx:${TAG:?set TAG}', image: 'unresolved' }],
    cause: 'needs TAG',
  },
  {
    name: '${VAR:?error} with a value',
    compose: 'services:\n  web:\n    image: nginx:${TAG:?set TAG}\n',
    env: 'TAG=1.25.3\n',
    rows: [{ line: 3, raw: 'nginx:${TAG:?set TAG}', image: 'docker.io/library/nginx:1.25.3' }],
  },
  {
    name: '${VAR:+alt}: the alternative when set, nothing when unset',
    compose: 'services:\n  a:\n    image: nginx${SLIM:+:1.25.3-alpine}\n  b:\n    image: nginx:1.25.3${UNSET:+-alpine}\n',
    env: 'SLIM=yes\n',
    rows: [
      { line: 3, raw: 'nginx${SLIM:+:1.25.3-alpine}', image: 'docker.io/library/nginx:1.25.3-alpine' },
      { line: 5, raw: 'nginx:1.25.3${UNSET:+-alpine}', image: 'docker.io/library/nginx:1.25.3' },
    ],
  },
  {
    name: '$$ is a literal dollar: no interpolation',
    compose: 'services:\n  a:\n    image: "$${IMAGE}"\n',
    env: 'IMAGE=nginx:1\n',
    rows: [{ line: 3, raw: '$${IMAGE}', image: 'unresolved' }],
    cause: '"${IMAGE}" is not a valid image reference',
  },
  {
    name: 'malformed interpolation is unresolved',
    compose: 'services:\n  a:\n    image: nginx:${TAG\n',
    rows: [{ line: 3, raw: 'nginx:${TAG', image: 'unresolved' }],
    cause: 'not valid Compose interpolation',
  },
  {
    name: 'platform is recorded',
    compose: 'services:\n  a:\n    image: alpine:3.19.1\n    platform: linux/arm64/v8\n',
    rows: [{ line: 3, raw: 'alpine:3.19.1', image: 'docker.io/library/alpine:3.19.1', platform: 'linux/arm64/v8' }],
  },
  {
    name: 'an anchor shared by merge keys: one row, where it is written',
    compose:
      'x-base: &base\n  image: debian:12.5\n  restart: always\nservices:\n  a:\n    <<: *base\n    environment: [A=1]\n  b:\n    <<: *base\n',
    rows: [{ line: 2, raw: 'debian:12.5', image: 'docker.io/library/debian:12.5', where: 'services.a.image' }],
  },
  {
    name: 'merge lists, own keys win over merged ones',
    compose: 'x-a: &a {image: "redis:6"}\nx-b: &b {image: "redis:5"}\nservices:\n  cache:\n    <<: [*a, *b]\n  other:\n    <<: *a\n    image: redis:7.2.4\n',
    rows: [
      { line: 1, raw: 'redis:6', image: 'docker.io/library/redis:6' },
      { line: 8, raw: 'redis:7.2.4', image: 'docker.io/library/redis:7.2.4' },
    ],
  },
  {
    name: 'an aliased scalar is one row at its anchor',
    compose: 'services:\n  a:\n    image: &img nginx:1.25.3\n  b:\n    image: *img\n',
    rows: [{ line: 3, raw: 'nginx:1.25.3', image: 'docker.io/library/nginx:1.25.3' }],
  },
  {
    name: 'an x- extension no service uses runs nothing',
    compose: 'x-unused:\n  image: busybox:1.36\nservices:\n  a:\n    image: busybox:1.36.1\n',
    rows: [{ line: 5, raw: 'busybox:1.36.1', image: 'docker.io/library/busybox:1.36.1' }],
  },
  {
    name: "Compose's own YAML tags (!reset, !override) keep the value",
    compose: 'services:\n  a:\n    image: !override nginx:1.25.3\n    ports: !reset []\n',
    rows: [{ line: 3, raw: 'nginx:1.25.3', image: 'docker.io/library/nginx:1.25.3' }],
  },
  {
    name: 'services without image, null image, empty services',
    compose: 'services:\n  a:\n    extends: {service: base}\n  b:\n    image:\n  c: ~\n',
    rows: [],
  },
  {
    name: 'the v1 format (services at the top level) is not read',
    compose: 'web:\n  image: nginx:1.25.3\ndb:\n  image: postgres:16.1\n',
    rows: [],
    skipped: 'old v1 format',
  },
  { name: 'an empty file', compose: '', rows: [] },
  { name: 'a top-level list', compose: '- a\n- b\n', rows: [] },
  {
    name: 'CRLF line ends and a BOM',
    compose: '\uFEFFservices:\r\n  web:\r\n    image: nginx:1.25.3\r\n',
    rows: [{ line: 3, column: 12, raw: 'nginx:1.25.3', image: 'docker.io/library/nginx:1.25.3' }],
  },
  {
    // The voting-app shape of Compose's own samples (and Renovate's fixture): every service's image.
    name: 'a whole stack: tags, no tag, quotes, variables with defaults, a built service',
    compose: `version: "3"
services:
  redis:
    image: quay.io/something/redis:alpine
    ports: ["6379"]
  worker:
    image: "node:10.0.0"
  db:
    image: "postgres:9.4.0"
    volumes: [db-data:/var/lib/postgresql/data]
  vote:
    image: dockersamples/examplevotingapp_vote:before
  visualizer:
    image: dockersamples/visualizer
  plugins:
    image: \${IMAGE:-synkodevelopers/edplugins}:\${TAG:-latest}
  debugapp:
    image: app-local-debug
    build:
      context: .
      dockerfile: Dockerfile.local
volumes:
  db-data:
`,
    rows: [
      { line: 4, raw: 'quay.io/something/redis:alpine', image: 'quay.io/something/redis:alpine' },
      { line: 7, raw: 'node:10.0.0', image: 'docker.io/library/node:10.0.0' },
      { line: 9, raw: 'postgres:9.4.0', image: 'docker.io/library/postgres:9.4.0' },
      { line: 12, raw: 'dockersamples/examplevotingapp_vote:before', image: 'docker.io/dockersamples/examplevotingapp_vote:before' },
      { line: 14, raw: 'dockersamples/visualizer', image: 'docker.io/dockersamples/visualizer' },
      { line: 16, raw: '${IMAGE:-synkodevelopers/edplugins}:${TAG:-latest}', image: 'docker.io/synkodevelopers/edplugins:latest', fromArg: 'IMAGE' },
      { line: 18, raw: 'app-local-debug', image: 'docker.io/library/app-local-debug' },
    ],
  },
];

describe('compose files', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const related = new Map(c.env === undefined ? [] : [['.env', c.env]]);
    const extraction = extractManifest('compose', 'compose.yaml', c.compose, related);
    expect(extraction.problems).toEqual([]);
    expect(rowsLike(extraction, c.rows)).toEqual(c.rows);
    expect(extraction.images.every((image) => image.source === 'compose' && image.stage === -1)).toBe(true);
    if (c.cause !== undefined) {
      for (const image of extraction.images.filter((i) => i.kind === 'unresolved')) expect(image.cause).toContain(c.cause);
    }
    if (c.skipped !== undefined) expect(extraction.skipped).toContain(c.skipped);
    else expect(extraction.skipped).toBeNull();
  });

  it('reads the .env beside the compose file, not another directory\'s', () => {
    const compose = 'services:\n  web:\n    image: node:${TAG:-20.11.1}\n';
    const related = new Map([['.env', 'TAG=1\n'], ['services/api/.env', 'TAG=18.19.1\n']]);
    const extraction = extractManifest('compose', 'services/api/compose.yaml', compose, related);
    expect(extraction.images.map((i) => i.expanded)).toEqual(['node:18.19.1']);
  });

  it('names the .env file in the cause of an unresolved variable', () => {
    const extraction = extractManifest('compose', 'deploy/docker-compose.prod.yml', 'services:\n  db:\n    image: postgres:${PG}\n');
    expect(extraction.images[0]!.cause).toBe('PG is set neither in deploy/.env nor by a default — write ${PG:-<image or version>}, or set PG in deploy/.env');
  });

  it('records where a variable\'s value is written: the .env line, or the default in the compose file', () => {
    const fromEnv = extractManifest('compose', 'compose.yaml', 'services:\n  a:\n    image: node:${TAG:-1}\n', new Map([['.env', '# versions\nTAG=20.11.1\n']]));
    expect(fromEnv.images[0]!.fromArg).toEqual({
      name: 'TAG',
      line: 2,
      rawValue: '20.11.1',
      valueSpan: { line: 2, column: 5, endLine: 2, endColumn: 12, start: 15, end: 22 },
    });
    const fromDefault = extractManifest('compose', 'compose.yaml', 'services:\n  a:\n    image: node:${TAG:-20.11.1}\n');
    expect(fromDefault.images[0]!.fromArg).toMatchObject({ name: 'TAG', line: 3, rawValue: '20.11.1', valueSpan: { line: 3, column: 24 } });
  });
});
