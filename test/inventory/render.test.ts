import { describe, expect, it } from 'vitest';
import { emptyInventory, type Inventory } from '../../src/inventory/model.js';
import { GITHUB_BODY_LIMIT, renderInventory, sameInventoryBody } from '../../src/inventory/render.js';
import { scanContainerDefinition, scanManifests } from '../../src/inventory/scan.js';
import { policyFrom } from '../fanout/policies.js';

const NOW = new Date('2025-06-01T12:00:00Z');
const POLICY = policyFrom(`version: 1
images:
  - name: node
    versions: [20.11.1, 20.11.0, 18.19.1]
    update: minor
banned:
  - name: node
    versions: "<18.19.1"
    reason: CVE-2024-27983
exceptions:
  - repo: acme/legacy
    image: centos:7
    codes: [PL1001]
    reason: vendor SDK needs EL7
    expires: 2027-01-31
`);

function add(inventory: Inventory, repo: string, path: string, text: string): void {
  const entry = inventory.repos[repo] ?? { fullName: repo, defaultBranch: 'main', pushedAt: null, commit: null, files: [], notes: [] };
  entry.files.push(scanContainerDefinition(path, text));
  inventory.repos[repo] = entry;
}

describe('renderInventory', () => {
  it('lists every image version with its status, users, pull requests, exceptions and a graph', () => {
    const inventory = emptyInventory();
    add(inventory, 'acme/web', 'Dockerfile', 'FROM node:20.11.0 AS build\nFROM build\n');
    add(inventory, 'acme/billing', 'Dockerfile', 'FROM node:18.19.0\n');
    add(inventory, 'acme/legacy', 'Dockerfile', 'FROM centos:7\n');
    inventory.openPullRequests['acme/web#docker.io/library/node'] = { repo: 'acme/web', image: 'node', number: 12, url: 'u', target: '20.11.1' };
    inventory.failedJobs['acme/billing#docker.io/library/node'] = { repo: 'acme/billing', image: 'node', attempts: 5, message: 'GitHub answered 502', at: '2025-06-01T11:00:00Z' };

    expect(renderInventory(POLICY, inventory, { now: NOW })).toBe(`<!-- plimsoll:inventory -->

Updated 2025-06-01 12:00 UTC: 3 repositories, 3 container definitions.

| status | references | repositories |
|---|---:|---:|
| ⛔ banned | 1 | 1 |
| ⬆️ outdated | 1 | 1 |
| 🛂 excepted | 1 | 1 |

## Images in use

| image | version | status | bump to | repositories |
|---|---|---|---|---|
| centos | 7 | 🛂 excepted |  | acme/legacy (Dockerfile:1) |
| node | 18.19.0 | ⛔ banned | 18.19.1 | acme/billing (Dockerfile:1) |
| node | 20.11.0 | ⬆️ outdated | 20.11.1 | acme/web (Dockerfile:1) |

## Open bump pull requests (1)

- acme/web#12: node → 20.11.1

## Failed jobs (1)

- acme/billing (node): GitHub answered 502 after 5 attempts, 2025-06-01T11:00:00Z

## Exceptions (1)

| repository | image | codes | reason | expires |
|---|---|---|---|---|
| acme/legacy | centos:7 | PL1001 | vendor SDK needs EL7 | 2027-01-31 |

## Which images each repository builds on

\`\`\`mermaid
graph LR
  r0["acme/billing"]
  i0[("node")]
  r0 --> i0
  r1["acme/legacy"]
  i1[("centos")]
  r1 --> i1
  r2["acme/web"]
  r2 --> i0
\`\`\`
`);
  });

  it('lists what a bump left alone, with repository, file, line and why, as inert text', () => {
    const inventory = emptyInventory();
    add(inventory, 'acme/web', 'Dockerfile', 'ARG V=18.19.0\nFROM node:${V}\nFROM ghcr.io/acme/node:${V}\n');
    inventory.unfixable = {
      'acme/web#docker.io/library/node': [{ repo: 'acme/web', file: 'Dockerfile', line: 1, reference: 'node:${V}', reason: 'ARG V feeds lines 2, 3 (node → 18.19.1, ghcr.io/acme/node unchanged); edit it by hand @acme/ops' }],
    };
    const body = renderInventory(POLICY, inventory, { now: NOW });
    expect(body).toContain('## Not fixable automatically (1)\n\n| repository | file | line | reference | why |\n|---|---|---:|---|---|\n| acme/web | Dockerfile | 1 | node:\\${V} | ARG V feeds lines 2, 3 (node → 18.19.1, ghcr.io/acme/node unchanged); edit it by hand @\u200Bacme/ops |');
  });

  it('stays within GitHub’s body limit on 10,000 repositories by summarising', () => {
    const inventory = emptyInventory();
    for (let i = 0; i < 10_000; i++) {
      const repo = `acme/service-${String(i).padStart(5, '0')}`;
      add(inventory, repo, 'Dockerfile', `FROM node:${['20.11.0', '18.19.0', '20.11.1'][i % 3]}-alpine\n`);
      add(inventory, repo, 'tools/Dockerfile', `FROM python:3.${i % 40}.1\n`);
      if (i % 3 === 1) {
        inventory.openPullRequests[`${repo}#node`] = { repo, image: 'node', number: i, url: 'u', target: '18.19.1-alpine' };
      }
    }
    const body = renderInventory(POLICY, inventory, { now: NOW, detailsUrl: 'https://example.test/inventory.json' });
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body).toContain('10000 repositories, 20000 container definitions');
    expect(body).toContain('| ⛔ banned | 3333 | 3333 |');
    expect(body).toContain('full list: https://example.test/inventory.json');
    expect(body).toContain('## Open bump pull requests (3333)');
    expect(body).toMatch(/\d+ more repositories not drawn\./);
  });
});

describe('sameInventoryBody', () => {
  const inventory = emptyInventory();
  add(inventory, 'acme/web', 'Dockerfile', 'FROM node:20.11.0\n');
  const at = (iso: string, inv: Inventory = inventory) => renderInventory(POLICY, inv, { now: new Date(iso) });

  it('takes a body rendered a minute (or a day) later from the same inventory as the same', () => {
    expect(at('2025-06-01T12:00:59Z')).not.toBe(at('2025-06-01T12:01:00Z'));
    expect(sameInventoryBody(at('2025-06-01T12:00:59Z'), at('2025-06-01T12:01:00Z'))).toBe(true);
    expect(sameInventoryBody(at('2025-06-01T12:00:00Z'), at('2025-06-02T08:30:00Z'))).toBe(true);
  });

  it('tells a changed inventory, or an exception that expired meanwhile, apart', () => {
    const more = emptyInventory();
    add(more, 'acme/web', 'Dockerfile', 'FROM node:20.11.0\n');
    add(more, 'acme/api', 'Dockerfile', 'FROM node:20.11.1\n');
    expect(sameInventoryBody(at('2025-06-01T12:00:00Z'), at('2025-06-01T12:00:00Z', more))).toBe(false);
    expect(sameInventoryBody(at('2027-01-30T12:00:00Z'), at('2027-02-01T12:00:00Z'))).toBe(false);
  });

  it('compares the rest of a body edited by hand as it is', () => {
    const body = at('2025-06-01T12:00:00Z');
    expect(sameInventoryBody(body, body.replace('acme/web', 'acme/wob'))).toBe(false);
  });
});

describe('renderInventory: images named outside Dockerfiles (SPEC §11)', () => {
  it('counts them by source, marks each place with its source, and draws them as labelled edges', () => {
    const inventory = emptyInventory();
    add(inventory, 'acme/web', 'Dockerfile', 'FROM node:20.11.0\n');
    const texts = new Map([
      ['compose.yaml', 'services:\n  web:\n    image: node:20.11.1\n  db:\n    image: postgres:${PG:-16.1}\n'],
      ['.env', 'PG=16.2\n'],
      ['k8s/web.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: w, image: "node:18.19.0"}]\n'],
      ['.github/workflows/ci.yml', 'jobs:\n  t:\n    container: postgres:16.2\n'],
    ]);
    const scanned = scanManifests(
      [
        { path: 'compose.yaml', kind: 'compose', text: texts.get('compose.yaml')! },
        { path: 'k8s/web.yaml', kind: 'kubernetes', text: texts.get('k8s/web.yaml')! },
        { path: '.github/workflows/ci.yml', kind: 'workflow', text: texts.get('.github/workflows/ci.yml')! },
      ],
      texts,
    );
    inventory.repos['acme/web']!.files.push(...scanned.files);
    expect(scanned.files.map((f) => [f.path, f.related ?? [], f.images.map((u) => `${u.source}:${u.familiar}:${u.tag}:${u.line}:${u.fromArg}`)])).toStrictEqual([
      ['compose.yaml', ['.env'], ['compose:node:20.11.1:3:null', 'compose:postgres:16.2:5:PG']],
      ['k8s/web.yaml', [], ['kubernetes:node:18.19.0:4:null']],
      ['.github/workflows/ci.yml', [], ['workflow:postgres:16.2:3:null']],
    ]);

    const body = renderInventory(POLICY, inventory, { now: NOW });
    expect(body).toContain('Updated 2025-06-01 12:00 UTC: 1 repositories, 1 container definitions, 1 compose file, 1 Kubernetes manifest, 1 workflow.');
    expect(body).toContain(
      [
        '## By source',
        '',
        '| source | references | files | repositories |',
        '|---|---:|---:|---:|',
        '| Dockerfile (`FROM`, `COPY --from`, `RUN --mount`) | 1 | 1 | 1 |',
        '| compose | 2 | 1 | 1 |',
        '| kubernetes | 1 | 1 | 1 |',
        '| workflow | 1 | 1 | 1 |',
      ].join('\n'),
    );
    expect(body).toContain('| node | 18.19.0 | ⛔ banned | 18.19.1 | acme/web (k8s/web.yaml:4 (kubernetes)) |');
    expect(body).toContain('acme/web (Dockerfile:1)');
    expect(body).toContain('compose.yaml:3 (compose)');
    expect(body).toContain(['  r0["acme/web"]', '  i0[("node")]', '  r0 -->|Dockerfile, compose, kubernetes| i0', '  i1[("postgres")]', '  r0 -.->|compose, workflow| i1'].join('\n'));
  });

  it('a file that cannot be read is a note; YAML that holds no manifest is nothing', () => {
    const scanned = scanManifests(
      [
        { path: 'compose.yaml', kind: 'compose', text: 'services:\n  a:\n    image: x\n    image: y\n' },
        { path: 'mkdocs.yml', kind: 'kubernetes', text: 'site_name: x\n' },
        { path: '.devcontainer/devcontainer.json', kind: 'devcontainer', text: '{"dockerComposeFile": "gone.yml"}' },
      ],
      new Map(),
    );
    expect(scanned.files).toStrictEqual([]);
    expect(scanned.notes).toStrictEqual(['compose.yaml:4: not valid YAML: the key "image" is written twice in one mapping', '.devcontainer/devcontainer.json:1: dockerComposeFile .devcontainer/gone.yml is not in the repository']);
  });
});
