import type { Level } from '../findings.js';
import { onbuildTriggers } from '../dockerfile/facts/instructions.js';
import type { Dockerfile, Instruction } from '../dockerfile/types.js';
import type { BuildFacts } from '../dockerfile/build-facts.js';
import type { LintSettings } from '../lint/settings.js';
import type { PolicyContext } from '../policy/context.js';

/** Where a rule fires. Line is 1-based; column defaults to 1 (as hadolint reports). */
export interface RuleHit {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Overrides the rule's default message when the finding needs specifics. */
  message?: string;
  /**
   * BuildKit's checks: the line of the instruction whose comments may hold a `# check=` that
   * applies to this hit (BuildKit merges such a comment into the checks of the instruction below
   * it). Absent: only the file's directive (or the build argument) applies.
   */
  checkedAt?: number;
}

/** What a rule may read besides the Dockerfile: settings only, never I/O. */
export interface RuleContext {
  settings: LintSettings;
  /** The ops policy, when one applies (PL1xxx rules read it); null otherwise. */
  policy: PolicyContext | null;
  /** What a build would know besides the file (`.dockerignore`, base image configs), when known. */
  build?: BuildFacts;
}

/**
 * A check of BuildKit's rule set (SPEC §12), reported under BuildKit's name. The engine applies the
 * `# check=` directive to it (src/lint/check-directive.ts), never the rule itself.
 */
export interface BuildKitRule {
  /** Runs only when `# check=experimental=<name>|all` asks for it. */
  experimental?: true;
  /**
   * BuildKit reports it while it parses the instructions, so it is still reported above the first
   * line BuildKit cannot parse; the other checks run only on a file that parses.
   */
  parsePhase?: true;
  /** BuildKit's page for the rule. */
  url?: string;
}

/**
 * One lint rule (hadolint's one-module-per-rule). `level` is the default; `'off'` means the rule
 * runs only when a config gives it a level (hadolint's `ignore` severity, e.g. DL1001, DL3057).
 */
export interface Rule {
  code: string;
  level: Level | 'off';
  /** One line: what is wrong, imperative where possible (hadolint's message). */
  message: string;
  check(dockerfile: Dockerfile, context: RuleContext): RuleHit[];
  /** Set on BuildKit's checks: code is BuildKit's rule name, message its description. */
  buildkit?: BuildKitRule;
}

/** Documentation page of a rule, linked from every output; ShellCheck's codes link to ShellCheck's wiki. */
export function docsUrl(code: string): string {
  if (/^SC\d+$/.test(code)) return `https://www.shellcheck.net/wiki/${code}`;
  return `https://github.com/plimsoll-app/plimsoll/blob/main/docs/rules/${code}.md`;
}

/** What a rule's fold sees: instructions in order, as hadolint's `Rule` folds over `InstructionPos`. */
export type Fold = (instructions: readonly Instruction[], dockerfile: Dockerfile, context: RuleContext) => RuleHit[];

/** A check that folds over the file's instructions (ONBUILD triggers stay inside their ONBUILD). */
export function over(fold: Fold): Rule['check'] {
  return (dockerfile, context) => fold(dockerfile.instructions, dockerfile, context);
}

/**
 * hadolint's `rule <> onbuild rule`: the fold runs over the file's instructions, then afresh over
 * the ONBUILD triggers alone (each reported on its ONBUILD's line). A stateful fold therefore sees
 * no FROM in the second pass, exactly as in hadolint.
 */
export function withOnbuild(fold: Fold): Rule['check'] {
  return (dockerfile, context) => [
    ...fold(dockerfile.instructions, dockerfile, context),
    ...fold(onbuildTriggers(dockerfile), dockerfile, context),
  ];
}

/** hadolint's `simpleRule`: a hit on every instruction that fails the test, judged on its own. */
export function simpleRule(fails: (instruction: Instruction, context: RuleContext) => boolean): Fold {
  return (instructions, _dockerfile, context) => {
    const hits: RuleHit[] = [];
    for (const instruction of instructions) if (fails(instruction, context)) hits.push({ line: instruction.line });
    return hits;
  };
}

/** Reasons joined into one message, each once, in order. */
export function joinReasons(reasons: readonly string[]): string {
  return [...new Set(reasons)].join('; ');
}

/**
 * hadolint's `customRule`: a step per instruction over a state made fresh for each pass (so the
 * ONBUILD pass starts clean); the step returns true where the instruction fails.
 */
export function customRule<S>(initial: () => S, step: (state: S, instruction: Instruction, context: RuleContext) => boolean): Fold {
  return (instructions, _dockerfile, context) => {
    const state = initial();
    const hits: RuleHit[] = [];
    for (const instruction of instructions) if (step(state, instruction, context)) hits.push({ line: instruction.line });
    return hits;
  };
}
