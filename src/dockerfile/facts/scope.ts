import { expandVariables, type ArgValues } from '../expand.js';
import type { Dockerfile, Instruction, Stage } from '../types.js';
import { imageName, stageAlias } from './images.js';

/*
 * Variables in scope. Two readings live here, each named for whose reading it is:
 * - Docker's (`variablesAt`): what `$version` holds at an instruction, from ARG defaults and ENV
 *   values, the way BuildKit scopes them;
 * - hadolint's (`DeclaredNames`): which names its DL3033/DL3041/DL3066 count as defined, which is
 *   looser (an ARG counts in every later stage).
 */

/** Name → value; null when declared without a known value (`ARG VERSION` with no default). */
export type Variables = ArgValues;

const scopes = new WeakMap<Dockerfile, Map<Instruction, Variables>>();
const NONE: Variables = new Map();

/**
 * The variables visible to an instruction, as BuildKit scopes them: a stage sees the ENVs of the
 * stage it is built FROM, its own ARGs and ENVs declared above the instruction, and a global ARG
 * only once the stage redeclares it (`ARG NAME` then takes the global default).
 */
export function variablesAt(dockerfile: Dockerfile, instruction: Instruction): Variables {
  let byInstruction = scopes.get(dockerfile);
  if (byInstruction === undefined) {
    byInstruction = computeScopes(dockerfile);
    scopes.set(dockerfile, byInstruction);
  }
  return byInstruction.get(instruction) ?? NONE;
}

function computeScopes(dockerfile: Dockerfile): Map<Instruction, Variables> {
  const byInstruction = new Map<Instruction, Variables>();
  const globals = new Map<string, string | null>();
  for (const arg of dockerfile.globalArgs) {
    for (const pair of arg.pairs) {
      if (pair.value !== null) globals.set(pair.key, expandVariables(pair.value, globals, dockerfile.escape).value);
      else if (!globals.has(pair.key)) globals.set(pair.key, null);
    }
  }
  const envAtEnd = new Map<Stage, Map<string, string | null>>();
  for (const stage of dockerfile.stages) {
    const parent = stage.image.kind === 'stage' && stage.image.stageRef !== null ? dockerfile.stages[stage.image.stageRef] : undefined;
    const env = new Map(parent ? envAtEnd.get(parent) : undefined);
    const visible = new Map(env);
    for (const instruction of stage.instructions) {
      byInstruction.set(instruction, visible.size === 0 ? NONE : new Map(visible));
      if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
      for (const pair of instruction.pairs) {
        if (instruction.keyword === 'ENV') {
          const value = pair.value === null ? null : expandVariables(pair.value, visible, dockerfile.escape).value;
          env.set(pair.key, value);
          visible.set(pair.key, value);
        } else if (!env.has(pair.key)) {
          // An ENV of the same name wins over an ARG (Docker's rule).
          const value = pair.value !== null ? expandVariables(pair.value, visible, dockerfile.escape).value : (globals.get(pair.key) ?? null);
          visible.set(pair.key, value);
        }
      }
    }
    envAtEnd.set(stage, env);
  }
  return byInstruction;
}

/**
 * hadolint's bookkeeping of defined names (DL3033, DL3041, DL3066), stepped one instruction at a
 * time: every ARG name seen so far, whatever its stage, and the ENV names of the current stage,
 * which a stage built FROM an earlier stage's alias inherits.
 */
export class DeclaredNames {
  readonly args = new Set<string>();
  private stageEnvs = new Set<string>();
  private readonly envsByAlias = new Map<string, Set<string>>();
  private started = false;

  step(instruction: Instruction): void {
    switch (instruction.keyword) {
      case 'ARG':
        for (const pair of instruction.pairs) this.args.add(pair.key);
        this.started = true;
        break;
      case 'ENV':
        for (const pair of instruction.pairs) this.stageEnvs.add(pair.key);
        this.started = true;
        break;
      case 'FROM': {
        // The first FROM starts afresh; later ones inherit from the first earlier stage of that alias.
        const inherited = this.started ? this.envsByAlias.get(imageName(instruction)) : undefined;
        this.stageEnvs = new Set(inherited);
        const alias = stageAlias(instruction) ?? '';
        if (!this.envsByAlias.has(alias)) this.envsByAlias.set(alias, this.stageEnvs);
        this.started = true;
        break;
      }
    }
  }

  /** The ENV names of the current stage. */
  get envs(): ReadonlySet<string> {
    return this.stageEnvs;
  }
}

/**
 * hadolint's per-stage switch (DL3042's `PIP_NO_CACHE_DIR`, DL3045's WORKDIR), stepped one
 * instruction at a time: turned on within a stage, inherited by a stage built FROM it (by alias,
 * else image name), off in any other new stage. Before the first FROM it belongs to no stage.
 */
export class StageSwitch {
  private started = false;
  private current: string | null = null;
  private readonly on = new Map<string | null, boolean>();

  step(instruction: Instruction): void {
    if (instruction.keyword !== 'FROM') return;
    const image = imageName(instruction);
    const stage = stageAlias(instruction) ?? image;
    // The first FROM starts afresh; later ones take the setting of the stage they are built FROM.
    if (this.started) this.on.set(stage, this.on.get(image) ?? false);
    this.started = true;
    this.current = stage;
  }

  turnOn(): void {
    this.on.set(this.current, true);
    this.started = true;
  }

  get isOn(): boolean {
    return this.started && this.on.get(this.current) === true;
  }
}
