import { loadPolicy } from '../../src/config/load.js';
import type { Policy } from '../../src/policy/types.js';

export function policyFrom(yaml: string): Policy {
  const result = loadPolicy(yaml);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return result.policy;
}

export const NODE_20_11_0 = policyFrom(`version: 1
images:
  - name: node
    versions: [20.11.0, 18.19.1]
    update: minor
  - name: python
    versions: ["3.12.1"]
banned:
  - name: node
    versions: "<18.19.1"
    reason: CVE-2024-27983
`);

export const NODE_20_11_1 = policyFrom(`version: 1
images:
  - name: node
    versions: [20.11.1, 20.11.0, 18.19.1]
    update: minor
  - name: python
    versions: ["3.12.1"]
banned:
  - name: node
    versions: "<18.19.1"
    reason: CVE-2024-27983
`);
