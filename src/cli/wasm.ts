import { setFlagsFromString } from 'node:v8';

/**
 * The shell parser is tree-sitter compiled to WebAssembly. V8 compiles it fast with its baseline
 * compiler (Liftoff), then re-compiles hot functions with its optimising compiler in the
 * background, and the process cannot exit before that finishes: for one Dockerfile, 0.6-0.9 s
 * spent on code that will never run again. A short command-line run therefore keeps Liftoff's
 * code only. Called before the WASM compiles; the app, and long runs, keep full optimisation.
 */
export function compileWasmForShortLife(): void {
  setFlagsFromString('--no-wasm-tier-up');
  setFlagsFromString('--no-wasm-dynamic-tiering');
  setFlagsFromString('--wasm-lazy-compilation');
}
