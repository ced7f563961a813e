import { applyEdits } from '../bump/apply.js';
import { planBumps, type PlanOptions } from '../bump/plan.js';
import { normaliseImageName } from '../dockerfile/reference.js';
import type { Policy } from '../policy/types.js';
import type { FilePlan, PlanFile } from './ports.js';

/** The fan-out's view of src/bump's `planBumps`: edits keyed by normalised image name. */
export function bumpPlanner(policy: Policy, options: PlanOptions = {}): PlanFile {
  return (path, text): FilePlan => {
    const plan = planBumps(policy, path, text, options);
    const named = plan.edits.map((edit) => ({ edit, name: normaliseImageName(edit.image) ?? edit.image }));
    return {
      edits: named.map(({ edit, name }) => ({
        image: name,
        familiar: edit.image,
        line: edit.line,
        from: edit.fromVersion,
        to: edit.toVersion,
        banned: edit.kind === 'banned',
        reason: edit.policyReason ?? edit.reason,
      })),
      unfixable: plan.unfixable.map(({ file, line, reference, reason }) => ({ file, line, reference, reason })),
      applyFor: (image) => applyEdits(text, named.filter((n) => n.name === image).map((n) => n.edit)),
    };
  };
}
