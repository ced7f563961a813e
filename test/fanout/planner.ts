import { parseDockerfile } from '../../src/dockerfile/model.js';
import { bumpTarget, evaluateImage, joinTag } from '../../src/policy/evaluate.js';
import type { Policy } from '../../src/policy/types.js';
import type { FilePlan, PlannedEdit, RenderPullRequest } from '../../src/fanout/ports.js';

/**
 * A stand-in for src/bump's planner in the fan-out tests (FROM lines with a literal tag only), so
 * these tests exercise the fan-out and its requests, not the planner's own cases.
 */
export function planForTests(policy: Policy): (path: string, text: string) => FilePlan {
  return (path, text) => {
    const dockerfile = parseDockerfile(path, text);
    const edits: (PlannedEdit & { start: number; end: number; replacement: string })[] = [];
    for (const use of dockerfile.images) {
      if (use.source !== 'from' || !use.ref || use.fromArg) continue;
      const verdict = evaluateImage(policy, use.ref);
      if (!verdict.entry || !verdict.reading?.version) continue;
      const target = bumpTarget(policy, verdict.entry, verdict.reading.version, verdict.banned !== null);
      if (!target) continue;
      const to = joinTag(target.version, verdict.reading.variant);
      const word = text.slice(use.span.start, use.span.end);
      const at = word.lastIndexOf(`:${use.ref.tag}`);
      edits.push({
        image: use.ref.name,
        familiar: use.ref.familiar,
        line: use.line,
        from: use.ref.tag!,
        to,
        banned: verdict.banned !== null,
        reason: verdict.banned?.reason ?? null,
        start: use.span.start + at + 1,
        end: use.span.start + at + 1 + use.ref.tag!.length,
        replacement: to,
      });
    }
    return {
      edits,
      unfixable: [],
      applyFor(image) {
        let out = text;
        for (const edit of [...edits].filter((e) => e.image === image).sort((a, b) => b.start - a.start)) {
          out = out.slice(0, edit.start) + edit.replacement + out.slice(edit.end);
        }
        return out;
      },
    };
  };
}

export const renderForTests: RenderPullRequest = (familiar, files) => {
  const edits = files.flatMap((file) => file.edits.map((edit) => ({ file: file.path, ...edit })));
  const to = [...new Set(edits.map((e) => e.to))].join(', ');
  const rows = edits.map((e) => `| ${e.file} | ${e.line} | ${e.from} | ${e.to} | ${e.reason ?? ''} |`);
  return { title: `Bump ${familiar} base image to ${to}`, body: ['| file | line | from | to | reason |', '|---|---|---|---|---|', ...rows].join('\n') };
};
