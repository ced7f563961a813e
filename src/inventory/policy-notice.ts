import { inertMarkdown } from '../markdown/inert.js';
import type { PolicyInForce } from '../policy/in-force.js';

/**
 * The line at the top of the inventory issue when the policy is not what ops think it is (SPEC §3):
 * none yet, never valid, or a newer version that did not take effect. Null when the current file is
 * in force. `where` is `owner/repo/path` of the policy file. Error text quotes the policy: inert.
 */
export function policyNotice(state: PolicyInForce, where: string): string | null {
  const file = `\`${inertMarkdown(where, { max: 300 })}\``;
  const first = (errors: readonly { line: number; message: string }[] | null) => {
    const error = errors?.[0];
    return error ? ` (line ${error.line}: ${inertMarkdown(error.message, { max: 300 })})` : '';
  };
  switch (state.status) {
    case 'none':
      return `⚠️ **No policy yet.** Add ${file} (start from the example in Plimsoll's README): until then reviews run the lint rules only, nothing is governed and nothing is bumped.`;
    case 'never-valid':
      return `⛔ **The policy is invalid**${first(state.errors)} and no earlier version of ${file} was valid: every review fails until it is fixed.`;
    case 'unreadable':
      return `⚠️ **The policy could not be read**: ${inertMarkdown(state.reason, { max: 300 })}.`;
    case 'in-force':
      return state.errors ? `⚠️ **The newest version of ${file} is invalid**${first(state.errors)}; the last valid version${state.sha ? ` (${state.sha.slice(0, 7)})` : ''} is in force.` : null;
  }
}
