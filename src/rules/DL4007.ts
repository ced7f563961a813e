import type { Rule } from './rule.js';

/**
 * hadolint DL4007: `COPY . …` sends the whole build context (`.git`, `.env`, local configs) into
 * the image unless a `.dockerignore` is perfect. Only COPY is checked, and only a source that is
 * exactly `.` or `./` (quotes removed), as hadolint does.
 */
export const DL4007: Rule = {
  code: 'DL4007',
  level: 'warning',
  message:
    "COPY with '.' as source can leak sensitive files like .git, .env, or local configs into your image. Prefer copying only the files you actually need.",
  check(dockerfile) {
    return dockerfile.instructions
      .filter((instruction) => instruction.keyword === 'COPY')
      .filter((instruction) => {
        const words = instruction.json ?? instruction.words.map((word) => word.value);
        return words.slice(0, -1).some((source) => isDot(source));
      })
      .map((instruction) => ({ line: instruction.line }));
  },
};

function isDot(source: string): boolean {
  const unquoted = source.replace(/^'+|'+$/g, '').replace(/^"+|"+$/g, '');
  return unquoted === '.' || unquoted === './';
}
