/**
 * The Dockerfile model: what every rule, the policy and the bump planner read.
 * Built once per file by `parseDockerfile` (model.ts); pure data plus lazy shell parsing.
 */

/**
 * A place in the source. Lines and columns are 1-based; `endColumn` is exclusive (SARIF style).
 * `start`/`end` are UTF-16 offsets into `Dockerfile.text` (the text with any BOM removed), for
 * exact text edits; add 1 when `hadBom` to address the file's original text.
 */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  start: number;
  end: number;
}

/** A leading `--name=value` flag of FROM, COPY, ADD, RUN, HEALTHCHECK. */
export interface Flag {
  name: string;
  value: string | null;
  span: Span;
}

/** A word of an instruction's arguments, as written (quotes kept), with its place. */
export interface Word {
  value: string;
  span: Span;
}

/** A `key=value` (or legacy `key value`) pair of ENV, ARG or LABEL. */
export interface KeyValue {
  key: string;
  /** Unquoted value; null for `ARG NAME` with no default. */
  value: string | null;
  /** Value as written, quotes included; null when absent. */
  rawValue: string | null;
  span: Span;
  /** Place of the value text (quotes included), for edits; null when absent. */
  valueSpan: Span | null;
}

export interface Heredoc {
  delimiter: string;
  /** Body text without the terminating delimiter line. */
  body: string;
  /** 1-based line of the first body line. */
  bodyLine: number;
}

/** `NAME=value`, value as the shell passes it (quotes removed, expansions as written). */
export interface Assignment {
  name: string;
  value: string;
}

/** One simple command found by the shell parser (hadolint's `Shell.Command`). */
export interface ShellCommand {
  /** Command word with quotes removed. */
  name: string;
  /** Words after the name, quotes removed; a non-literal word keeps its source text (`$HOME/x`). */
  args: readonly string[];
  /** `VAR=value` assignments written before the command name. */
  assigns: readonly Assignment[];
}

/** A redirection of a command's input or output (`> file`, `2>&1`, `&>> log`). */
export interface Redirect {
  /** The operator as written: `>`, `>>`, `&>`, `>|`, `<`, `>&`, … */
  operator: string;
  /** Where it points, quotes removed (`/etc/sudoers`, `1`). */
  target: string;
}

export interface ParsedShell {
  /** The script as the shell sees it (continuations joined, heredoc bodies inlined). */
  text: string;
  /** Every simple command in source order, including those in pipelines, lists, subshells,
   *  `if`/`for`/`while` bodies and `$(...)`. */
  commands: ShellCommand[];
  /** Pipelines of two or more commands, in order (`a | b | c` → [a, b, c]). */
  pipelines: ShellCommand[][];
  /** Every file redirection, in order. */
  redirects: Redirect[];
  /** Assignments that stand as statements of their own (`A=1 && cmd`), not command prefixes. */
  assignments: Assignment[];
  /** Syntax error when the script is not valid POSIX/bash (PowerShell, broken quoting); the
   *  commands are then those the error-tolerant parser could still see. */
  error: string | null;
  /** True when the script was not read at all (over the shell parser's size limit): no command
   *  of it is known, and the RUN rules cannot judge it (PL2007 reports it). */
  unread: boolean;
}

export type InstructionKeyword =
  | 'ADD' | 'ARG' | 'CMD' | 'COPY' | 'ENTRYPOINT' | 'ENV' | 'EXPOSE' | 'FROM' | 'HEALTHCHECK'
  | 'LABEL' | 'MAINTAINER' | 'ONBUILD' | 'RUN' | 'SHELL' | 'STOPSIGNAL' | 'USER' | 'VOLUME'
  | 'WORKDIR';

export interface Instruction {
  /** Upper-cased keyword (`from` → `FROM`); an unknown keyword is kept, upper-cased. */
  keyword: string;
  /** Keyword as written. */
  keywordText: string;
  /** Whole instruction: continuation lines and heredoc bodies included. */
  span: Span;
  /** First line, where hadolint reports. For an ONBUILD trigger, the ONBUILD's line. */
  line: number;
  /** Arguments after the keyword, continuations joined (escape + newline removed), comment lines
   *  inside the continuation removed, heredoc bodies excluded. */
  argsText: string;
  /** Leading `--flags`. */
  flags: Flag[];
  /** Words after the flags, as written. */
  words: Word[];
  /** Exec form: the JSON array of strings, or null for shell form / invalid JSON. */
  json: string[] | null;
  heredocs: Heredoc[];
  /** ENV, ARG, LABEL pairs; empty for other instructions. */
  pairs: KeyValue[];
  /** Index of the stage this instruction belongs to; -1 before the first FROM. */
  stageIndex: number;
  /** For ONBUILD: the trigger instruction (its span is inside this one). */
  trigger: Instruction | null;
  /** Shell of RUN (and of CMD/ENTRYPOINT/HEALTHCHECK CMD in shell form), parsed on first use;
   *  null for exec form and for other instructions. */
  shell(): ParsedShell | null;
}

export type ImageKind = 'image' | 'stage' | 'scratch' | 'unresolved';

/** A parsed image reference (Docker's reference grammar, Docker Hub normalised). */
export interface ImageRef {
  /** As written (after ARG expansion). */
  raw: string;
  /** `docker.io` when none is written; lower-case host, port kept (`localhost:5000`). */
  registry: string;
  /** Path in the registry: `library/node`, `acme/app`. */
  repository: string;
  tag: string | null;
  digest: string | null;
  /** `registry/repository`: `docker.io/library/node`. */
  name: string;
  /** Short form users write: `node`, `acme/app`, `ghcr.io/acme/app`. */
  familiar: string;
}

/** Where an image reference came from when an ARG default fed it. */
export interface ArgSource {
  name: string;
  /** The ARG instruction's line. */
  line: number;
  /** The default value as written (quotes kept), and its place, for edits. */
  rawValue: string | null;
  valueSpan: Span | null;
}

/** One image the build pulls or names (SPEC §8 `images`); also one image a compose file, Kubernetes
 *  manifest, workflow or dev container names (SPEC §11, src/manifests: stage -1, no ARGs). */
export interface ImageUse {
  /** `syntax`: the `# syntax=` directive's frontend image, which BuildKit pulls and runs. */
  source: 'from' | 'copy-from' | 'mount-from' | 'syntax' | 'compose' | 'kubernetes' | 'workflow' | 'devcontainer';
  /** Index of the stage the reference sits in; -1 outside a stage (`# syntax=`, other files). */
  stage: number;
  /** Name of that stage (`AS name`), or null. */
  stageName: string | null;
  line: number;
  column: number;
  /** The image word as written (`node:${NODE}-alpine`). */
  raw: string;
  /** After ARG substitution (`node:20.11.1-alpine`); null when an ARG had no value. */
  expanded: string | null;
  kind: ImageKind;
  /** Parsed reference for kind `image`; null otherwise. */
  ref: ImageRef | null;
  /** `--platform` value as written, or null. */
  platform: string | null;
  /** The first global ARG the reference used, if any. */
  fromArg: ArgSource | null;
  /** Every global ARG name the reference used. */
  argNames: string[];
  /** For kind `stage`: the index of the stage named. */
  stageRef: number | null;
  /** Place of the image word, for edits. */
  span: Span;
}

export interface Stage {
  index: number;
  /** `AS name` as written, or null. */
  name: string | null;
  from: Instruction;
  image: ImageUse;
  /** Instructions of the stage, FROM included. */
  instructions: Instruction[];
}

export interface Comment {
  line: number;
  /** Text after `#`, leading blanks kept (as hadolint's parser hands it to the pragma parser). */
  text: string;
}

export interface ParseProblem {
  line: number;
  column: number;
  message: string;
}

export interface Dockerfile {
  path: string;
  /** Text with BOM removed, line ends as given. */
  text: string;
  hadBom: boolean;
  lineEnding: '\n' | '\r\n';
  /** `# escape=` character: `\` or `` ` ``. */
  escape: string;
  /** Parser directives at the top (`syntax`, `escape`, `check`), lower-case names. */
  directives: Record<string, string>;
  instructions: Instruction[];
  /** Comment lines that stand between instructions (not those inside a continuation). */
  comments: Comment[];
  /** ARGs before the first FROM. */
  globalArgs: Instruction[];
  stages: Stage[];
  /** Every image reference: the `# syntax=` frontend (first), FROMs, `COPY --from=`, `RUN --mount=...,from=`. */
  images: ImageUse[];
  /** Problems that make the file not a valid Dockerfile (reported as DL1000). */
  problems: ParseProblem[];
}
