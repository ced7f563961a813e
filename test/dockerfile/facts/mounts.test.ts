import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/dockerfile/model.js';
import { hasCacheOrTmpfsMountWith, runFlagsKey, runMounts } from '../../../src/dockerfile/facts/mounts.js';

const runs = (text: string) => parseDockerfile('Dockerfile', text).instructions;

describe('runMounts', () => {
  it('reads type (bind by default), target under any of its names, from, and every option', () => {
    const [run] = runs('RUN --mount=type=cache,dst=/var/cache/zypp,sharing=locked --mount=from=deps,target=/d,readonly make');
    expect(runMounts(run!).map(({ type, target, from }) => ({ type, target, from }))).toEqual([
      { type: 'cache', target: '/var/cache/zypp', from: null },
      { type: 'bind', target: '/d', from: 'deps' },
    ]);
    expect(runMounts(run!)[1]!.options.get('readonly')).toBe('');
    expect(runMounts(run!)).toBe(runMounts(run!));
  });
  it('reads quoted values and keys in any case', () => {
    const [run] = runs(`RUN --mount="TYPE=tmpfs,Target='/var/lib/apt'" apt-get update`);
    expect(runMounts(run!)[0]).toMatchObject({ type: 'tmpfs', target: '/var/lib/apt' });
  });
});

describe('hasCacheOrTmpfsMountWith (hadolint Utils)', () => {
  it('matches a cache or tmpfs mount whose target contains the fragment', () => {
    const [cache, tmpfs, bind] = runs(
      'RUN --mount=type=cache,target=/root/.cache/pip pip install x\n' +
        'RUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update\n' +
        'RUN --mount=type=bind,target=/var/cache/apk apk add x',
    );
    expect(hasCacheOrTmpfsMountWith(cache!, '.cache/pip')).toBe(true);
    expect(hasCacheOrTmpfsMountWith(tmpfs!, '/var/lib/apt')).toBe(true);
    expect(hasCacheOrTmpfsMountWith(bind!, '/var/cache/apk')).toBe(false);
  });
});

describe('runFlagsKey', () => {
  it('compares equal for equal mounts written in another order', () => {
    const [a, b, c] = runs(
      'RUN --mount=type=secret,id=foo a\nRUN --mount=id=foo,type=secret b\nRUN --mount=type=secret,id=bar c',
    );
    expect(runFlagsKey(a!)).toBe(runFlagsKey(b!));
    expect(runFlagsKey(a!)).not.toBe(runFlagsKey(c!));
  });
});
