import { describe, expect, it } from 'vitest';
import { formatCheckstyle } from '../../src/format/checkstyle.js';
import { escapeXml } from '../../src/format/xml.js';
import { report } from './report.js';

describe('checkstyle format', () => {
  it('lists every linted file, with its findings in order', () => {
    expect(
      formatCheckstyle({
        files: ['web/Dockerfile', 'api/Dockerfile'],
        findings: [
          { code: 'DL3003', level: 'warning', file: 'api/Dockerfile', line: 4, column: 1, message: 'Use WORKDIR to switch to a directory' },
          { code: 'DL3006', level: 'warning', file: 'api/Dockerfile', line: 1, column: 1, message: 'Always tag the version of an image explicitly' },
        ],
      }),
    ).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<checkstyle version="4.3">',
        '  <file name="api/Dockerfile">',
        '    <error line="1" column="1" severity="warning" message="Always tag the version of an image explicitly" source="DL3006"/>',
        '    <error line="4" column="1" severity="warning" message="Use WORKDIR to switch to a directory" source="DL3003"/>',
        '  </file>',
        '  <file name="web/Dockerfile">',
        '  </file>',
        '</checkstyle>',
        '',
      ].join('\n'),
    );
  });

  it('prints the shared findings, every linted file listed', () => {
    expect(formatCheckstyle(report)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<checkstyle version="4.3">',
        '  <file name="Dockerfile">',
        '    <error line="1" column="1" severity="warning" message="Always tag the version of an image explicitly" source="DL3006"/>',
        '    <error line="3" column="5" severity="info" message="Double quote to prevent globbing and word splitting." source="SC2086"/>',
        '  </file>',
        '  <file name="api/Dockerfile">',
        '    <error line="2" column="5" severity="error" message="Do not pipe a remote script into a shell" source="PL2006"/>',
        '    <error line="4" column="1" severity="style" message="Avoid additional packages by specifying `--no-install-recommends`" source="DL3015"/>',
        '    <error line="5" column="1" severity="error" message="ENV API_KEY=&quot;&lt;secret&gt;&quot; &amp; more" source="PL2003"/>',
        '  </file>',
        '  <file name="broken/Dockerfile">',
        '    <error line="2" column="3" severity="error" message="unknown instruction: FORM" source="DL1000"/>',
        '  </file>',
        '  <file name="clean/Dockerfile">',
        '  </file>',
        '</checkstyle>',
        '',
      ].join('\n'),
    );
  });

  it('escapes markup, quotes, line breaks and characters XML cannot carry', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(escapeXml('line1\nline2\tx\r')).toBe('line1&#10;line2&#9;x&#13;');
    expect(escapeXml('bell\u0007 nul\u0000 lone\uD800 ok\uD83D\uDE00')).toBe('bell\uFFFD nul\uFFFD lone\uFFFD ok\uD83D\uDE00');
    const xml = formatCheckstyle({
      files: ['x "&" <y>.Dockerfile'],
      findings: [{ code: 'PL2003', level: 'error', file: 'x "&" <y>.Dockerfile', line: 2, column: 1, message: 'ENV API_KEY="<secret>" & more' }],
    });
    expect(xml).toContain('<file name="x &quot;&amp;&quot; &lt;y&gt;.Dockerfile">');
    expect(xml).toContain('message="ENV API_KEY=&quot;&lt;secret&gt;&quot; &amp; more"');
  });

  it('prints an empty report when nothing was linted', () => {
    expect(formatCheckstyle({ files: [], findings: [] })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n</checkstyle>\n',
    );
  });
});
