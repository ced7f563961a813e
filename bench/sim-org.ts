/**
 * Simulated organisations shared by the benchmarks of the review and the fan-out: the policy
 * repository, the repositories and their Dockerfiles, and a write-limit floor to compare with.
 */
import type { ApplicationFunction } from 'probot';
import { startApp, type RunningApp } from '../test/e2e/app.js';
import type { Simulator } from '../test/sim/server.js';

export const POLICY_PATH = '.github/plimsoll-policy.yml';

/** A policy allowing node (minor updates), python, and whatever `extra` lines add to `images`. */
export function policy(nodeVersions: string, extra = ''): string {
  return `version: 1
ops:
  team: platform-ops
images:
  - name: node
    versions: [${nodeVersions}]
    update: minor
  - name: python
    versions: [3.12.1]
${extra}`;
}

export interface OrgShape {
  repos: number;
  /** Repositories whose Dockerfiles use node 20.11.1 (the image the policy change bumps). */
  usingNode: number;
}

export interface BuiltOrg {
  /** Repositories using node, with the paths that mention it. */
  nodeRepos: Map<string, string[]>;
  /** How the node users are spread: plain FROM, through an ARG default, several Dockerfiles. */
  shapes: { plain: number; argDefault: number; several: number };
}

/**
 * `repos` repositories: `usingNode` of them on node 20.11.1 (a third plain, a third through
 * `ARG NODE_VERSION=…`, a third with two Dockerfiles), the rest on python or with no container at all.
 */
export function buildOrg(sim: Simulator, shape: OrgShape): BuiltOrg {
  sim.state.addRepo('.github', { [POLICY_PATH]: policy('20.11.1') });
  sim.state.addTeam('platform-ops', ['olga']);
  const nodeRepos = new Map<string, string[]>();
  const shapes = { plain: 0, argDefault: 0, several: 0 };
  for (let i = 0; i < shape.repos; i++) {
    const name = `svc-${String(i).padStart(4, '0')}`;
    if (i < shape.usingNode) {
      const kind = i % 3;
      if (kind === 0) {
        sim.state.addRepo(name, { Dockerfile: 'FROM node:20.11.1\nUSER node\nCMD ["node", "index.js"]\n' });
        nodeRepos.set(name, ['Dockerfile']);
        shapes.plain++;
      } else if (kind === 1) {
        sim.state.addRepo(name, { Dockerfile: 'ARG NODE_VERSION=20.11.1\nFROM node:${NODE_VERSION}\nUSER node\n' });
        nodeRepos.set(name, ['Dockerfile']);
        shapes.argDefault++;
      } else {
        sim.state.addRepo(name, {
          Dockerfile: 'FROM node:20.11.1 AS build\nUSER node\n',
          'worker/Dockerfile': 'FROM node:20.11.1-alpine\nUSER node\n',
          'README.md': `# ${name}\n`,
        });
        nodeRepos.set(name, ['Dockerfile', 'worker/Dockerfile']);
        shapes.several++;
      }
    } else if (i % 2 === 0) {
      sim.state.addRepo(name, { Dockerfile: 'FROM python:3.12.1\nUSER 1000\n' });
    } else {
      sim.state.addRepo(name, { 'README.md': `# ${name}\n` });
    }
  }
  return { nodeRepos, shapes };
}

/**
 * The earliest virtual time (ms after the first write) at which write number `count` can be
 * accepted under sliding windows of `limits`, writes sent as early as each window allows.
 */
export function writeFloorMs(count: number, limits: ReadonlyArray<{ limit: number; windowMs: number }>): number {
  const at: number[] = [];
  for (let i = 0; i < count; i++) {
    let t = 0;
    for (const { limit, windowMs } of limits) if (i >= limit) t = Math.max(t, at[i - limit]! + windowMs);
    at.push(t);
  }
  return at.at(-1) ?? 0;
}

export const minutes = (ms: number): string => `${(ms / 60_000).toFixed(1)} min`;

/**
 * The real app on the simulator as `test/e2e/app.ts` starts it, but with Probot's retry plugin on,
 * as in production. Its back-off is scaled to the simulated clock, so a retry waits the virtual
 * time it would wait on GitHub.
 */
export function startProductionLikeApp(sim: Simulator, appFn: ApplicationFunction, speed: number): Promise<RunningApp> {
  return startApp(sim, appFn, { retryAfterMs: 1000 / speed });
}
