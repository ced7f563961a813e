import type { Instruction } from '../types.js';

/*
 * The words BuildKit expands in an instruction before it runs it (each command's `Expand`): the
 * only places where a variable is substituted by BuildKit itself rather than by the shell.
 */

export interface ExpandedWord {
  text: string;
  /** A COPY or ADD source path (read by CopyIgnoredFile). */
  source?: true;
  /** Quotes are data: a heredoc body BuildKit expands (its delimiter unquoted). */
  raw?: true;
}

const FILE_FLAGS: Record<string, readonly string[]> = { COPY: ['chown', 'chmod'], ADD: ['chown', 'chmod', 'checksum'] };

/** The words of one instruction BuildKit expands, in its order; none for RUN scripts, CMD, FROM, EXPOSE. */
export function expandedWords(instruction: Instruction): ExpandedWord[] {
  switch (instruction.keyword) {
    case 'ENV':
    case 'LABEL':
      return instruction.pairs.flatMap((pair) => [{ text: pair.key }, { text: pair.rawValue ?? '' }]);
    case 'WORKDIR':
    case 'USER':
    case 'STOPSIGNAL':
      return [{ text: instruction.argsText }];
    case 'VOLUME':
      return (instruction.json ?? instruction.words.map((w) => w.value)).map((text) => ({ text }));
    case 'COPY':
    case 'ADD':
      return fileWords(instruction);
    case 'RUN':
      return instruction.flags.filter((f) => f.name === 'mount' && f.value !== null).flatMap((f) =>
        f.value!.split(',').flatMap((field) => {
          const eq = field.indexOf('=');
          return eq === -1 ? [] : [{ text: field.slice(eq + 1) }];
        }),
      );
    default:
      return [];
  }
}

function fileWords(instruction: Instruction): ExpandedWord[] {
  const words: ExpandedWord[] = [];
  for (const name of FILE_FLAGS[instruction.keyword]!) {
    const flag = instruction.flags.find((f) => f.name === name);
    if (flag?.value) words.push({ text: flag.value });
  }
  const paths = instruction.json ?? instruction.words.map((w) => w.value);
  const heredocs = [...instruction.heredocs];
  paths.forEach((text, i) => {
    const heredoc = instruction.json === null ? /^<<-?(["']?)/.exec(text) : null;
    if (heredoc === null) words.push(i === paths.length - 1 ? { text } : { text, source: true });
    else {
      const body = heredocs.shift();
      if (body !== undefined && heredoc[1] === '') words.push({ text: body.body, raw: true });
    }
  });
  return words;
}
