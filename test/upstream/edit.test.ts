import { describe, expect, it } from 'vitest';
import { editPolicyText, type ImageChange } from '../../src/upstream/edit.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const C = `sha256:${'c'.repeat(64)}`;

const node = (addVersions: ImageChange['addVersions'], setDigests: ImageChange['setDigests'] = []): ImageChange => ({ image: 'docker.io/library/node', addVersions, setDigests });

function edited(text: string, changes: ImageChange[]): string {
  const result = editPolicyText(text, changes);
  if (!result.ok) throw new Error(result.problem);
  return result.text;
}

describe('the policy edited as text', () => {
  it('flow list, newest first: the new version goes before the one it follows; comments stay', () => {
    const before = `version: 1 # policy
images:
  # the runtime
  - name: node   # LTS only
    versions: [20.11.1, 18.19.1]   # keep sorted
    update: minor
`;
    expect(edited(before, [node([{ version: '20.11.2', after: '20.11.1' }, { version: '18.19.2', after: '18.19.1' }])])).toBe(`version: 1 # policy
images:
  # the runtime
  - name: node   # LTS only
    versions: [20.11.2, 20.11.1, 18.19.2, 18.19.1]   # keep sorted
    update: minor
`);
  });

  it('flow list, oldest first and quoted: after, in the same quotes', () => {
    const before = 'version: 1\nimages:\n  - name: node\n    versions: ["18.19.1", "20.11.1"]\n';
    expect(edited(before, [node([{ version: '20.11.2', after: '20.11.1' }])])).toBe('version: 1\nimages:\n  - name: node\n    versions: ["18.19.1", "20.11.1", "20.11.2"]\n');
  });

  it('block list: a new line in the list\'s own indentation, with CRLF kept', () => {
    const before = 'version: 1\r\nimages:\r\n- name: node\r\n  versions:\r\n  - \'20.11.1\' # current\r\n  - \'18.19.1\'\r\n  update: minor\r\n';
    expect(edited(before, [node([{ version: '20.11.2', after: '20.11.1' }])])).toBe(
      'version: 1\r\nimages:\r\n- name: node\r\n  versions:\r\n  - \'20.11.2\'\r\n  - \'20.11.1\' # current\r\n  - \'18.19.1\'\r\n  update: minor\r\n',
    );
  });

  it('a plain version YAML would read as another number is quoted', () => {
    const before = 'version: 1\nimages:\n  - name: python\n    versions: [3.9]\n';
    const result = editPolicyText(before, [{ image: 'docker.io/library/python', addVersions: [{ version: '3.10', after: '3.9' }], setDigests: [] }]);
    expect(result).toEqual({ ok: true, text: 'version: 1\nimages:\n  - name: python\n    versions: ["3.10", 3.9]\n' });
  });

  it('digests: a moved tag gets its new digest in place, a new tag a new entry in the map\'s style', () => {
    const flow = `version: 1\nimages:\n  - name: node\n    versions: [20.11.1]\n    variants: [alpine3.19]\n    digests: { 20.11.1-alpine3.19: "${A}" }\n`;
    expect(edited(flow, [node([{ version: '20.11.2', after: '20.11.1' }], [{ tag: '20.11.2-alpine3.19', digest: B }, { tag: '20.11.1-alpine3.19', digest: C }])])).toBe(
      `version: 1\nimages:\n  - name: node\n    versions: [20.11.2, 20.11.1]\n    variants: [alpine3.19]\n    digests: { 20.11.1-alpine3.19: "${C}", 20.11.2-alpine3.19: "${B}" }\n`,
    );
    const block = `version: 1\nimages:\n  - name: node\n    versions: [20.11.1]\n    digests:\n      # verified by ops\n      20.11.1: ${A}\n    update: minor\n`;
    expect(edited(block, [node([{ version: '20.11.2', after: '20.11.1' }], [{ tag: '20.11.2', digest: B }])])).toBe(
      `version: 1\nimages:\n  - name: node\n    versions: [20.11.2, 20.11.1]\n    digests:\n      # verified by ops\n      20.11.1: ${A}\n      20.11.2: ${B}\n    update: minor\n`,
    );
  });

  it('a file without a final newline, and a BOM, stay so', () => {
    const before = '\uFEFFversion: 1\nimages:\n  - name: node\n    versions:\n      - 20.11.1';
    expect(edited(before, [node([{ version: '20.11.2', after: '20.11.1' }])])).toBe('\uFEFFversion: 1\nimages:\n  - name: node\n    versions:\n      - 20.11.2\n      - 20.11.1');
    const ascending = 'version: 1\nimages:\n  - name: node\n    versions:\n      - 18.19.1\n      - 20.11.1';
    expect(edited(ascending, [node([{ version: '20.11.2', after: '20.11.1' }])])).toBe('version: 1\nimages:\n  - name: node\n    versions:\n      - 18.19.1\n      - 20.11.1\n      - 20.11.2');
  });

  it('refuses what it cannot edit safely, and an edit that would make the policy invalid', () => {
    const alias = 'version: 1\nx: &v [20.11.1]\nimages:\n  - name: node\n    versions: *v\n';
    expect(editPolicyText(alias, [node([{ version: '20.11.2', after: '20.11.1' }])])).toEqual({ ok: false, problem: 'the versions of docker.io/library/node are not a list written in place' });
    const banned = 'version: 1\nimages:\n  - name: node\n    versions: [20.11.1]\nbanned:\n  - name: node\n    versions: "20.11.2"\n';
    const result = editPolicyText(banned, [node([{ version: '20.11.2', after: '20.11.1' }])]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toContain('the edited policy would not be valid');
  });
});
