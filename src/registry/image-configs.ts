import { imageConfigKey, type BaseImageConfig } from '../dockerfile/build-facts.js';
import { parsePlatform } from '../dockerfile/facts/platforms.js';
import type { ImageRef } from '../dockerfile/types.js';
import { isRegistryError } from './errors.js';
import { isIndex, type RegistryClient } from './types.js';

/**
 * The config of every base image, as the build would pull it for `platform` (BuildKit's checks
 * InvalidBaseImagePlatform, UndefinedVar, JSONArgsRecommended), asked before linting so the rules
 * stay pure. A multi-platform index gives the entry for the platform (none: BuildKit would fail
 * to pull, not warn, and the image is left out); a single manifest gives its own config. What
 * cannot be read is left out and told to `onProblem`.
 */
export async function resolveImageConfigs(
  refs: Iterable<Pick<ImageRef, 'registry' | 'repository' | 'name' | 'tag' | 'digest'>>,
  client: RegistryClient,
  platform: string,
  onProblem: (message: string) => void = () => undefined,
): Promise<Map<string, BaseImageConfig>> {
  const wanted = new Map<string, Pick<ImageRef, 'registry' | 'repository' | 'tag' | 'digest'>>();
  for (const ref of refs) wanted.set(imageConfigKey(ref), ref);
  const target = parsePlatform(platform) ?? { os: 'linux', architecture: 'amd64', variant: '', osVersion: '' };
  const configs = new Map<string, BaseImageConfig>();
  await Promise.all(
    [...wanted].map(async ([key, ref]) => {
      try {
        const config = await configOf(client, ref, target);
        if (config !== null) configs.set(key, config);
      } catch (error) {
        if (!isRegistryError(error)) throw error;
        onProblem(error.message);
      }
    }),
  );
  return configs;
}

async function configOf(
  client: RegistryClient,
  ref: Pick<ImageRef, 'registry' | 'repository' | 'tag' | 'digest'>,
  target: { os: string; architecture: string; variant: string },
): Promise<BaseImageConfig | null> {
  const repo = { registry: ref.registry, repository: ref.repository };
  let manifest = await client.manifest(repo, ref.digest ?? ref.tag ?? 'latest');
  if (isIndex(manifest.mediaType) || manifest.json.manifests !== undefined) {
    const entries = manifest.json.manifests ?? [];
    const entry =
      entries.find((m) => m.platform?.os === target.os && m.platform.architecture === target.architecture && (target.variant === '' || m.platform.variant === target.variant)) ??
      entries.find((m) => m.platform?.os === target.os && m.platform.architecture === target.architecture);
    if (entry === undefined) return null;
    manifest = await client.manifest(repo, entry.digest);
  }
  const descriptor = manifest.json.config;
  if (descriptor === undefined) return null;
  const parsed: unknown = JSON.parse(new TextDecoder().decode(await client.blob(repo, descriptor.digest)));
  if (parsed === null || typeof parsed !== 'object') return null;
  const image = parsed as { os?: unknown; architecture?: unknown; variant?: unknown; config?: { Env?: unknown; Shell?: unknown } | null };
  if (typeof image.os !== 'string' || typeof image.architecture !== 'string') return null;
  const env = Array.isArray(image.config?.Env) ? image.config.Env.filter((e): e is string => typeof e === 'string') : [];
  const config: BaseImageConfig = { os: image.os, architecture: image.architecture, env, shell: Array.isArray(image.config?.Shell) && image.config.Shell.length > 0 };
  if (typeof image.variant === 'string' && image.variant !== '') config.variant = image.variant;
  return config;
}
