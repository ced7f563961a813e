import { describe, expect, it } from 'vitest';
import { formatCodeclimate } from '../../src/format/codeclimate.js';
import { cleanReport, report } from './report.js';

describe('codeclimate format', () => {
  it("writes hadolint's issues, each followed by a NUL, parse errors located by position", () => {
    expect(formatCodeclimate(report.findings).split('\u0000')).toEqual([
      '{"categories":["Bug Risk"],"check_name":"DL3006","description":"Always tag the version of an image explicitly","location":{"lines":{"begin":1,"end":1},"path":"Dockerfile"},"severity":"major","type":"issue"}',
      '{"categories":["Bug Risk"],"check_name":"SC2086","description":"Double quote to prevent globbing and word splitting.","location":{"lines":{"begin":3,"end":3},"path":"Dockerfile"},"severity":"info","type":"issue"}',
      '{"categories":["Bug Risk"],"check_name":"PL2006","description":"Do not pipe a remote script into a shell","location":{"lines":{"begin":2,"end":3},"path":"api/Dockerfile"},"severity":"blocker","type":"issue"}',
      '{"categories":["Bug Risk"],"check_name":"DL3015","description":"Avoid additional packages by specifying `--no-install-recommends`","location":{"lines":{"begin":4,"end":4},"path":"api/Dockerfile"},"severity":"minor","type":"issue"}',
      '{"categories":["Bug Risk"],"check_name":"PL2003","description":"ENV API_KEY=\\"<secret>\\" & more","location":{"lines":{"begin":5,"end":5},"path":"api/Dockerfile"},"severity":"blocker","type":"issue"}',
      '{"categories":["Bug Risk"],"check_name":"DL1000","description":"unknown instruction: FORM","location":{"path":"broken/Dockerfile","positions":{"begin":{"column":3,"line":2},"end":{"column":3,"line":2}}},"severity":"blocker","type":"issue"}',
      '',
    ]);
  });

  it('writes nothing without findings', () => {
    expect(formatCodeclimate(cleanReport.findings)).toBe('');
  });
});
