import { Instruction as AstInstruction, type Argument } from 'dockerfile-ast';

/*
 * dockerfile-ast recomputes an instruction's arguments (a character scan with a position lookup
 * per argument) on every `getArguments()`/`getFlags()`/`getRawArgumentsContent()` call, and its own
 * constructors call them several times per instruction: three quarters of a bare parse is spent
 * there. An instruction's text never changes after parsing, so the first result is kept on the
 * instance and later calls get a copy (callers such as `ModifiableInstruction.getArguments`
 * shift the array they get). Installed once, for every parse in the process.
 */

type WithCache = AstInstruction & { [CACHE]?: Argument[] };
const CACHE = Symbol('plimsoll.rawArguments');
const proto = AstInstruction.prototype as unknown as { getRawArguments(this: WithCache): Argument[]; [INSTALLED]?: true };
const INSTALLED = Symbol.for('plimsoll.rawArgumentsCache');

if (!proto[INSTALLED]) {
  const compute = proto.getRawArguments;
  proto.getRawArguments = function getRawArguments(this: WithCache): Argument[] {
    const cached = this[CACHE] ?? (this[CACHE] = compute.call(this));
    return cached.slice();
  };
  proto[INSTALLED] = true;
}
