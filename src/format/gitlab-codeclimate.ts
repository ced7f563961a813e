import { createHash } from 'node:crypto';
import type { Finding } from '../findings.js';
import { codeclimateIssues } from './codeclimate.js';

/**
 * GitLab's Code Quality report as hadolint writes it (`-f gitlab_codeclimate`): one JSON array of
 * Code Climate issues, each with a `fingerprint`, the SHA-1 (hex) of the issue's own JSON, so GitLab
 * can tell a finding that stayed from a new one. Keys in hadolint's (sorted) order. Unlike
 * `codeclimate`, hadolint's exit status follows the failure threshold here, and so does Plimsoll's.
 */
export function formatGitlabCodeclimate(findings: readonly Finding[]): string {
  const issues = codeclimateIssues(findings).map((issue) => {
    const { categories, check_name, description, location, severity, type } = issue;
    const fingerprint = createHash('sha1').update(JSON.stringify(issue)).digest('hex');
    return { categories, check_name, description, fingerprint, location, severity, type };
  });
  return `${JSON.stringify(issues)}\n`;
}
