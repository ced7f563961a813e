import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatGitlabCodeclimate } from '../../src/format/gitlab-codeclimate.js';
import { cleanReport, report } from './report.js';

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

describe('gitlab_codeclimate format', () => {
  const issues = JSON.parse(formatGitlabCodeclimate(report.findings));

  it('writes one JSON array of Code Climate issues with a fingerprint, keys in hadolint\'s order', () => {
    const text = formatGitlabCodeclimate(report.findings);
    expect(text.startsWith('[{"categories":["Bug Risk"],"check_name":"DL3006","description":"Always tag the version of an image explicitly","fingerprint":"')).toBe(true);
    expect(text.endsWith('"location":{"path":"broken/Dockerfile","positions":{"begin":{"column":3,"line":2},"end":{"column":3,"line":2}}},"severity":"blocker","type":"issue"}]\n')).toBe(true);
    expect(issues.map((issue: { check_name: string; severity: string }) => `${issue.check_name} ${issue.severity}`)).toEqual([
      'DL3006 major',
      'SC2086 info',
      'PL2006 blocker',
      'DL3015 minor',
      'PL2003 blocker',
      'DL1000 blocker',
    ]);
  });

  it('fingerprints each issue by the SHA-1 of its JSON without the fingerprint, as hadolint does', () => {
    expect(issues[0].fingerprint).toBe(
      sha1('{"categories":["Bug Risk"],"check_name":"DL3006","description":"Always tag the version of an image explicitly","location":{"lines":{"begin":1,"end":1},"path":"Dockerfile"},"severity":"major","type":"issue"}'),
    );
    expect(new Set(issues.map((issue: { fingerprint: string }) => issue.fingerprint)).size).toBe(issues.length);
    // The same finding one line lower is another issue for GitLab.
    const moved = JSON.parse(formatGitlabCodeclimate([{ ...report.findings[2]!, line: 2, endLine: 2 }]));
    expect(moved[0].fingerprint).not.toBe(issues[0].fingerprint);
  });

  it('writes an empty array without findings', () => {
    expect(formatGitlabCodeclimate(cleanReport.findings)).toBe('[]\n');
  });
});
