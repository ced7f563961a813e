import { DEFAULT_BUILD_PLATFORM, imageConfigKey, type BuildFacts } from '../build-facts.js';
import type { Dockerfile, Instruction, Stage } from '../types.js';
import { processWord, type Env } from './buildkit-words.js';
import { parsePlatform } from './platforms.js';

/*
 * What BuildKit's conversion pass (dockerfile2llb) knows while it walks the file: the build
 * arguments FROM lines see, and per stage the environment, the ARGs declared, whether WORKDIR or
 * SHELL was set, each as it stands before an instruction. A stage built FROM an earlier stage starts
 * where that stage ended; one built FROM an image starts from the image's config when it is known
 * (`BuildFacts.images`), else from PATH alone, its environment then marked unknown.
 */

/** The PATH BuildKit gives a Linux stage whose image sets none. */
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** ARGs BuildKit never puts in the environment. */
export const NON_ENV_ARGS = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

/** The scope of FROM lines: BuildKit's predefined platform args, then the ARGs above the first FROM. */
export interface FromScope {
  /** Names with a value, in BuildKit's order. */
  env: ReadonlyMap<string, string>;
  /** Every name declared: predefined, and each ARG above the first FROM, with a default or not. */
  declared: ReadonlySet<string>;
}

/**
 * BuildKit's `defaultArgs` and `buildMetaArgs` with no build argument given: defaults only. The
 * build platform and target platform are `build.platform` (linux/amd64 unless told).
 */
export function fromScope(dockerfile: Dockerfile, build?: BuildFacts): FromScope {
  const key = build?.platform ?? DEFAULT_BUILD_PLATFORM;
  let byPlatform = scopes.get(dockerfile);
  if (byPlatform === undefined) scopes.set(dockerfile, (byPlatform = new Map()));
  let scope = byPlatform.get(key);
  if (scope === undefined) byPlatform.set(key, (scope = computeFromScope(dockerfile, key)));
  return scope;
}

const scopes = new WeakMap<Dockerfile, Map<string, FromScope>>();

function computeFromScope(dockerfile: Dockerfile, platformText: string): FromScope {
  const platform = parsePlatform(platformText) ?? { os: 'linux', architecture: 'amd64', variant: '', osVersion: '' };
  const formatted = [platform.os, platform.architecture, platform.variant].filter((p) => p !== '').join('/');
  const last = dockerfile.stages[dockerfile.stages.length - 1];
  const env = new Map<string, string>([
    ['BUILDPLATFORM', formatted], ['BUILDOS', platform.os], ['BUILDOSVERSION', platform.osVersion], ['BUILDARCH', platform.architecture], ['BUILDVARIANT', platform.variant],
    ['TARGETPLATFORM', formatted], ['TARGETOS', platform.os], ['TARGETOSVERSION', platform.osVersion], ['TARGETARCH', platform.architecture], ['TARGETVARIANT', platform.variant],
    ['TARGETSTAGE', last?.name?.toLowerCase() || 'default'],
  ]);
  const declared = new Set(env.keys());
  for (const arg of dockerfile.globalArgs) {
    for (const pair of arg.pairs) {
      declared.add(pair.key);
      if (pair.rawValue !== null) env.set(pair.key, processWord(pair.rawValue, env, { escape: dockerfile.escape }).result);
    }
  }
  return { env, declared };
}

/** The state of a stage before an instruction. Live: read it during the visit, do not keep it. */
export interface StageState {
  /** The environment the instruction's words expand in (image config, ENV, ARGs with a value). */
  readonly env: Env;
  /** ARG names declared so far in the stage (and the stages it is built on). */
  readonly args: ReadonlySet<string>;
  /** False when the stage is built on an image whose config is unknown: it may define any name. */
  readonly envKnown: boolean;
  readonly workdirSet: boolean;
  /** A SHELL instruction or the image's config set the shell. */
  readonly shellSet: boolean;
  /** The stage's OS (`linux` unless its platform or image says otherwise). */
  readonly os: string;
}

interface MutableState {
  env: Map<string, string>;
  args: Set<string>;
  envKnown: boolean;
  workdirSet: boolean;
  shellSet: boolean;
  os: string;
}

export type StageVisitor = (instruction: Instruction, state: StageState, stage: Stage) => void;

/**
 * Walk every stage in order (BuildKit lints all stages), calling `visit` before each instruction
 * after the FROM takes effect. ONBUILD triggers are not run.
 */
export function walkStages(dockerfile: Dockerfile, build: BuildFacts | undefined, visit: StageVisitor): void {
  const scope = fromScope(dockerfile, build);
  const ended: MutableState[] = [];
  const escape = dockerfile.escape;
  for (const stage of dockerfile.stages) {
    const state = initialState(stage, ended, build, scope);
    for (const instruction of stage.instructions) {
      if (instruction === stage.from) continue;
      visit(instruction, state, stage);
      switch (instruction.keyword) {
        case 'ENV': {
          // Every value expands in the environment before the instruction.
          const values = instruction.pairs.map((pair) => processWord(pair.rawValue ?? '', state.env, { escape }).result);
          instruction.pairs.forEach((pair, i) => state.env.set(pair.key, values[i]!));
          break;
        }
        case 'ARG':
          for (const pair of instruction.pairs) {
            const value = pair.rawValue !== null ? processWord(pair.rawValue, state.env, { escape }).result : scope.env.get(pair.key);
            if (value !== undefined && !NON_ENV_ARGS.has(pair.key)) state.env.set(pair.key, value);
            state.args.add(pair.key);
          }
          break;
        case 'WORKDIR':
          state.workdirSet = true;
          break;
        case 'SHELL':
          state.shellSet = true;
          break;
      }
    }
    ended[stage.index] = state;
  }
}

function initialState(stage: Stage, ended: readonly MutableState[], build: BuildFacts | undefined, scope: FromScope): MutableState {
  const image = stage.image;
  const base = image.kind === 'stage' && image.stageRef !== null ? ended[image.stageRef] : undefined;
  if (base !== undefined) return { ...base, env: new Map(base.env), args: new Set(base.args) };
  const platform = image.platform === null ? null : parsePlatform(processWord(image.platform, scope.env).result);
  const config = image.kind === 'image' && image.ref !== null ? build?.images?.get(imageConfigKey(image.ref)) : undefined;
  const os = config?.os ?? platform?.os ?? 'linux';
  const env = new Map<string, string>();
  for (const entry of config?.env ?? []) {
    const eq = entry.indexOf('=');
    env.set(eq === -1 ? entry : entry.slice(0, eq), eq === -1 ? '' : entry.slice(eq + 1));
  }
  if (!env.has('PATH') && os !== 'windows') env.set('PATH', DEFAULT_PATH);
  return { env, args: new Set(), envKnown: image.kind === 'scratch' || config !== undefined, workdirSet: false, shellSet: config?.shell === true, os };
}
