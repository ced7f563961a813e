import { compareFindings, type Finding, type Level } from '../findings.js';

/**
 * GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=CODE::message`, which the
 * runner turns into annotations on the pull request's diff.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
const COMMAND: Record<Level, string> = { error: 'error', warning: 'warning', info: 'notice', style: 'notice' };

/** Escaping of a command's message (the runner's escapeData). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a property value: also `:` and `,`, which delimit properties (escapeProperty). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(findings: readonly Finding[]): string {
  return [...findings]
    .sort(compareFindings)
    .map((f) => {
      const properties = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`];
      if (f.endLine !== undefined) properties.push(`endLine=${f.endLine}`);
      if (f.endColumn !== undefined && (f.endLine === undefined || f.endLine === f.line)) {
        properties.push(`endColumn=${f.endColumn}`);
      }
      properties.push(`title=${escapeProperty(f.code)}`);
      return `::${COMMAND[f.level]} ${properties.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
}
