import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint/lint.js';
import { allRules } from '../../src/rules/index.js';
import { defaultSettings } from '../../src/rules/settings.js';

const settings = { ...defaultSettings(), levels: Object.fromEntries(allRules.filter((r) => r.level === 'off').map((r) => [r.code, 'info' as const])) };

describe('lint on hostile input', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'runs every rule over commands named like Object.prototype members (%s)',
    (name) => {
      const text =
        `FROM debian:12\nRUN ${name} install -y x && ${name} -k a && sh -c "${name} add x"\n` +
        `RUN ["${name}", "-c", "x"]\nONBUILD RUN ${name} add x\nRUN python3 -m ${name} x | ${name}\n`;
      const findings = lintText('Dockerfile', text, { settings }).findings;
      expect(findings.filter((f) => f.code === 'DL1000')).toEqual([]);
      expect(findings.filter((f) => f.code === 'DL4006').map((f) => f.line)).toEqual([5]);
    },
  );

  it('lints 20,000 RUN lines and a RUN of 16,000 continuation lines', () => {
    const runs = Array.from({ length: 20_000 }, (_, i) => `RUN echo ${i}`).join('\n');
    expect(lintText('Dockerfile', `FROM debian:12\n${runs}\n`, { settings }).findings.filter((f) => f.code === 'DL3059')).toHaveLength(19_999);
    const lines = Array.from({ length: 16_000 }, (_, i) => `    && echo ${i} >> /tmp/out \\`).join('\n');
    const findings = lintText('Dockerfile', `FROM debian:12\nRUN set -eux \\\n${lines}\n    && true\n`, { settings }).findings;
    expect(findings.map((f) => f.code)).not.toContain('PL2007');
  });
});
