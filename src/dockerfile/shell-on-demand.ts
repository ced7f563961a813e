/**
 * The flag that makes shell.ts load tree-sitter on demand instead of at import. A module of its
 * own, with no imports: setting the flag must not load shell.ts. The command line sets it first
 * (src/cli/shell-on-demand.ts); everyone else leaves it unset.
 */
const ON_DEMAND = Symbol.for('plimsoll.shellParserOnDemand');
const flags = globalThis as Record<symbol, unknown>;

export function loadShellParserOnDemand(on = true): void {
  if (on) flags[ON_DEMAND] = true;
  else delete flags[ON_DEMAND];
}

export function shellParserOnDemand(): boolean {
  return flags[ON_DEMAND] === true;
}
