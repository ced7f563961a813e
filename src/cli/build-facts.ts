import { dirname, join, resolve } from 'node:path';
import { DEFAULT_BUILD_PLATFORM, type BaseImageConfig, type BuildFacts } from '../dockerfile/build-facts.js';
import type { ImageRef } from '../dockerfile/types.js';
import { dockerignoreCandidates, readDockerignore } from '../files/dockerignore.js';
import type { Target } from '../files/find.js';
import { readTextFile } from '../files/read.js';
import { forEachInput } from './inputs.js';
import { UsageError, type CliIO } from './io.js';

/**
 * What `plimsoll lint` tells BuildKit's checks besides the Dockerfile: the `.dockerignore` beside
 * each Dockerfile (CopyIgnoredFile), the target platform, and with `--registry` the configs of the
 * base images (InvalidBaseImagePlatform, exact UndefinedVar).
 */
export class CliBuildFacts {
  private readonly ignores = new Map<string, Promise<readonly string[] | null>>();
  private images: ReadonlyMap<string, BaseImageConfig> | undefined;

  constructor(private readonly io: CliIO, readonly platform: string = DEFAULT_BUILD_PLATFORM) {}

  /** `--registry`: every base image's config, asked once before the run (stdin excepted). */
  async fetchImages(paths: readonly string[]): Promise<void> {
    // The parser loads only when asked (cold start of a plain `lint`).
    const { parseDockerfile } = await import('../dockerfile/model.js');
    const refs: ImageRef[] = [];
    const quiet: CliIO = { ...this.io, stderr: { write: () => true } };
    await forEachInput(paths.filter((path) => path !== '-'), quiet, (target, text) => {
      for (const stage of parseDockerfile(target.path, text.replace(/^\uFEFF/, '')).stages) {
        if (stage.image.kind === 'image' && stage.image.ref !== null) refs.push(stage.image.ref);
      }
    }, () => undefined);
    const [{ createRegistryClient }, { isRegistryError }, { resolveImageConfigs }] = await Promise.all([
      import('../registry/client.js'), import('../registry/errors.js'), import('../registry/image-configs.js'),
    ]);
    let client;
    try {
      client = createRegistryClient({ env: this.io.env });
    } catch (error) {
      if (isRegistryError(error)) throw new UsageError(error.message);
      throw error;
    }
    this.images = await resolveImageConfigs(refs, client, this.platform, (message) => void this.io.stderr.write(`plimsoll: warning: ${message}\n`));
  }

  async for(target: Target): Promise<BuildFacts> {
    const facts: BuildFacts = { platform: this.platform };
    if (this.images) facts.images = this.images;
    if (target.absolute !== '-') facts.dockerignore = await this.dockerignore(target.absolute);
    return facts;
  }

  /** BuildKit's lookup: `<Dockerfile>.dockerignore`, else `.dockerignore`, beside the Dockerfile. */
  private async dockerignore(absolute: string): Promise<readonly string[] | null> {
    const [own, shared] = dockerignoreCandidates(absolute);
    return (await this.read(own!)) ?? this.read(join(dirname(absolute), shared!));
  }

  private read(path: string): Promise<readonly string[] | null> {
    let read = this.ignores.get(path);
    if (read === undefined) {
      read = readTextFile(resolve(path)).then((text) => (text.ok ? readDockerignore(text.text) : null));
      this.ignores.set(path, read);
    }
    return read;
  }
}
