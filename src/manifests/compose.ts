import { dirname, join } from 'node:path/posix';
import { isScalar, type Node } from 'yaml';
import type { ArgSource } from '../dockerfile/types.js';
import { parseDotenv, type EnvEntry } from './dotenv.js';
import { manifestImage, wholePlace } from './image-value.js';
import { interpolate, type Interpolation, type VariableUse } from './interpolate.js';
import { LineIndex } from '../files/lines.js';
import { unplaced } from './traced.js';
import type { ManifestImage, ManifestProblem } from './types.js';
import { parseYamlStream } from '../yaml/parse.js';
import { streamProblem, YamlReader } from './yaml.js';

/**
 * Compose files (the Compose Specification): `services.<name>.image`, also where the service has
 * a `build:` (Compose tags the build with it, and `docker compose pull` pulls it). Values are
 * interpolated as Compose does, with the `.env` file beside the compose file. The v1 format
 * (services at the top level) is not read.
 */

export interface KindResult {
  images: ManifestImage[];
  /** At most one per file read. */
  problems: ManifestProblem[];
  skipped: string | null;
}

/** Other files of the repository an extraction reads, by `/`-separated path; absent when missing. */
export type RelatedFiles = ReadonlyMap<string, string>;

/** The `.env` file Compose reads for a compose file: the one beside it. */
export function envFileFor(composePath: string): string {
  return join(dirname(composePath), '.env');
}

export function extractCompose(path: string, text: string, related: RelatedFiles): KindResult {
  const stream = parseYamlStream(text);
  const env = new EnvFile(envFileFor(path), related.get(envFileFor(path)) ?? null);
  const images: ManifestImage[] = [];
  const seen = new Set<Node>();
  let skipped: string | null = null;

  for (const doc of stream.documents) {
    const yaml = new YamlReader(doc, text, stream.lines, path);
    const root = yaml.contents;
    if (!yaml.map(root)) continue;
    const services = yaml.get(root, 'services');
    if (services === null) {
      if (looksLikeV1(yaml, root)) {
        skipped = 'a compose file in the old v1 format (services at the top level) is not read; put the services under `services:`';
      }
      continue;
    }
    for (const [name, service] of yaml.entries(services)) {
      const image = yaml.get(service, 'image');
      if (!isScalar(image) || seen.has(image)) continue;
      const raw = yaml.string(image);
      if (raw === null || raw === '') continue;
      seen.add(image);
      const interpolated = interpolate(yaml.traced(image) ?? unplaced(raw), env.lookup);
      images.push(
        manifestImage({
          source: 'compose',
          file: path,
          where: `services.${name}.image`,
          raw,
          span: yaml.span(image),
          expanded: interpolated.value,
          cause: interpolated.value === null ? causeOf(interpolated, env.path) : null,
          variables: interpolated.variables,
          fromArg: env.argSource(interpolated.variables, path, stream.lines, yaml.span(image).line),
          platform: yaml.string(yaml.get(service, 'platform')),
        }),
      );
    }
  }
  images.sort((a, b) => a.span.start - b.span.start);
  const problem = streamProblem(stream, path);
  return { images, problems: problem ? [problem] : [], skipped: images.length === 0 ? skipped : null };
}

/** Services written at the top level (`web: {image: …}`), with no `services:` key. */
function looksLikeV1(yaml: YamlReader, root: Node | null): boolean {
  return yaml.entries(root).some(([, value]) => yaml.get(value, 'image') !== null || yaml.get(value, 'build') !== null);
}

function causeOf(interpolated: Interpolation, envPath: string): string {
  const problem = interpolated.problem!;
  const { name, text } = problem;
  switch (problem.kind) {
    case 'unset':
      return `${name} is set neither in ${envPath} nor by a default — write \${${name}:-<image or version>}, or set ${name} in ${envPath}`;
    case 'required':
      return `${text} needs ${name}, which ${envPath} does not set — set ${name} in ${envPath}, or write the image`;
    case 'unknown':
      return `${name} in ${envPath} is made of a variable with no value there — give it a value in ${envPath}, or write the image`;
    case 'invalid':
      return `"${text}" is not valid Compose interpolation`;
  }
}

/** The `.env` file, parsed only when a value needs it. */
class EnvFile {
  private entries: Map<string, EnvEntry> | null = null;
  private index: LineIndex | null = null;

  constructor(
    readonly path: string,
    private readonly text: string | null,
  ) {}

  readonly lookup = (name: string) => {
    if (this.text === null) return undefined;
    this.entries ??= parseDotenv(this.text, this.path);
    const entry = this.entries.get(name);
    return entry === undefined ? undefined : entry.value;
  };

  /**
   * The first variable whose text the reference took, as an ARG source: the line of its value (in
   * the `.env` file or the compose file), or the image's line when it has none.
   */
  argSource(variables: readonly VariableUse[], composePath: string, composeLines: LineIndex, imageLine: number): ArgSource | null {
    const variable = variables.find((v) => v.value !== null && v.from !== 'unset') ?? variables[0];
    if (!variable) return null;
    const value = variable.value;
    const place = value ? wholePlace(value) : null;
    const first = value?.at.find((origin) => origin !== null) ?? null;
    const lines = (file: string) => (file === composePath ? composeLines : (this.index ??= new LineIndex(this.text ?? '')));
    const line = first ? lines(first.file).position(first.offset).line : imageLine;
    return {
      name: variable.name,
      line,
      rawValue: value?.text ?? null,
      valueSpan: place ? lines(place.file).span(place.start, place.end) : null,
    };
  }
}
