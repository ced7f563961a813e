import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * `npm ci` on the Node version the README names prints no EBADENGINE warning, and npm skips no
 * optional dependency for its engines (npm silently leaves out an optional dependency, such as the
 * app's probot, when anything in its tree refuses the Node version): every package in the lockfile
 * accepts the oldest Node that package.json's `engines` allows, and that is the README's version.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[] }>;
};
const oldest = semver.minVersion(pkg.engines.node)!;

describe('Node versions', () => {
  it("the README's quick start names the oldest Node that package.json accepts", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`On a fresh machine with Node.js ${oldest.major}.${oldest.minor}+`);
  });

  it('every locked package accepts that Node', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .map(([path, entry]) => [path, Array.isArray(entry.engines) ? undefined : entry.engines?.node] as const)
      .filter(([, range]) => range !== undefined && !semver.satisfies(oldest, range, { includePrerelease: true }))
      .map(([path, range]) => `${path} requires node ${range}`);
    expect(refusing).toEqual([]);
  });
});
