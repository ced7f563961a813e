import { setFlagsFromString } from 'node:v8';

/**
 * The shell parser is tree-sitter compiled to WebAssembly. V8 compiles it fast with its baseline
 * compiler (Liftoff), then re-compiles hot functions with its optimising compiler in the
 * background, and the process cannot exit before that finishes: for one Dockerfile, 0.6-0.9 s
 * spent on code that will never run again (and per worker thread, once more). The command line
 * keeps Liftoff's code, compiled function by function on first use: a single file exits at once,
 * and the whole corpus lints in the same CPU time (tree-sitter reads only the scripts the fast
 * reader leaves to it). Called before the WASM compiles; the app keeps full optimisation.
 */
export function compileWasmForShortLife(): void {
  setFlagsFromString('--no-wasm-tier-up');
  setFlagsFromString('--no-wasm-dynamic-tiering');
  setFlagsFromString('--wasm-lazy-compilation');
}
