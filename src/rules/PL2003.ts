import type { Instruction, KeyValue } from '../dockerfile/types.js';
import { withOnbuild, type Rule, type RuleHit } from './rule.js';

/**
 * PL2003: ENV, ARG and LABEL values are stored in the image config and its history, readable by
 * anyone who can pull the image. A literal secret there is published. Two signals: a secret-like
 * name with a literal value, and a value shaped like a known credential whatever its name.
 * Messages never repeat the secret.
 */
export const PL2003: Rule = {
  code: 'PL2003', level: 'error', message: 'A literal secret sits in ENV, ARG or LABEL',
  check: withOnbuild(literalSecrets),
};

function literalSecrets(instructions: readonly Instruction[]): RuleHit[] {
  return instructions
    .filter((instruction) => ['ENV', 'ARG', 'LABEL'].includes(instruction.keyword))
    .flatMap((instruction) =>
      instruction.pairs.flatMap((pair) => {
        const finding = judge(pair);
        if (!finding) return [];
        return [{
          line: instruction.line,
          column: pair.span.line === instruction.line ? pair.span.column : 1,
          message: `${instruction.keyword} \`${pair.key}\` ${finding}: pass secrets at run time or with a build secret (\`RUN --mount=type=secret\`), never in the image`,
        }];
      }),
    );
}

/** What is wrong with this pair, or null. */
function judge(pair: KeyValue): string | null {
  const value = pair.value;
  if (value === null || value.trim() === '') return null;
  const shape = credentialShape(value);
  if (shape) return `holds a value shaped like ${shape.kind} (\`${shape.masked}\`)`;
  if (isSecretName(pair.key) && isLiteralSecret(value)) return 'sets a literal secret (`****`)';
  return null;
}

// ---------- names ----------

/** Words that make a name secret (`DB_PASSWORD`, `githubToken`, `api-key`, `AWS_SECRET_ACCESS_KEY`). */
const SECRET_NAME = /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN(?!IZ)|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|AUTH_?KEY|CLIENT_?KEY/;

/** Last words that say the value is about a secret, not the secret (`DB_PASSWORD_FILE=/run/secrets/db`). */
const NOT_SECRET_SUFFIX = new Set([
  'FILE', 'FILES', 'PATH', 'DIR', 'DIRECTORY', 'LOCATION', 'FILENAME', 'NAME', 'URL', 'URI', 'ENDPOINT',
  'HOST', 'PORT', 'USER', 'USERNAME', 'ID', 'LENGTH', 'SIZE', 'TTL', 'EXPIRY', 'EXPIRES', 'EXPIRATION',
  'TIMEOUT', 'LIFETIME', 'HEADER', 'TYPE', 'FORMAT', 'MODE', 'ENABLED', 'DISABLED', 'REQUIRED', 'POLICY',
  'VERSION', 'ALGORITHM', 'ALG', 'COMMAND', 'CMD', 'SCRIPT', 'PROVIDER', 'STORE', 'BACKEND', 'REF', 'KEYRING',
]);

function isSecretName(key: string): boolean {
  // camelCase and kebab/dotted names become SNAKE words: apiKey → API_KEY, api-key → API_KEY
  const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-.]/g, '_').toUpperCase();
  if (!SECRET_NAME.test(snake)) return false;
  const last = snake.split('_').filter(Boolean).pop() ?? '';
  return !NOT_SECRET_SUFFIX.has(last);
}

// ---------- values ----------

/**
 * A value is a literal secret unless it refers to something else: a variable (`$PASSWORD`,
 * `${TOKEN:-}`, `%TOKEN%`), a path (`/run/secrets/db`, `./secret.txt`), a URL without
 * credentials, a template placeholder (`<token>`, `{{ .Token }}`), or a switch (`true`, `no`).
 */
function isLiteralSecret(value: string): boolean {
  const v = value.trim();
  if (/\$(\{|[A-Za-z_])|%[A-Za-z_][A-Za-z0-9_]*%|\$\(/.test(v)) return false;
  if (/^(\/|\.{1,2}\/|~\/|[A-Za-z]:\\)/.test(v)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i.test(v)) return false;
  if (/^<[^>]*>$|^\{\{.*\}\}$/.test(v)) return false;
  if (/^(true|false|yes|no|on|off|y|n|none|null|nil|enabled|disabled)$/i.test(v)) return false;
  return true;
}

interface Shape {
  kind: string;
  /** The value with all but the non-secret prefix hidden. */
  masked: string;
}

/** Credentials recognisable by their form, with the prefix that may be shown. */
const SHAPES: Array<{ kind: string; pattern: RegExp; prefix: number }> = [
  { kind: 'an AWS access key', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/, prefix: 4 },
  { kind: 'a GitHub token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}\b/, prefix: 4 },
  { kind: 'a GitHub token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}/, prefix: 11 },
  { kind: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/, prefix: 6 },
  { kind: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/, prefix: 5 },
  { kind: 'a Slack webhook', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/, prefix: 33 },
  { kind: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, prefix: 4 },
  { kind: 'a Stripe secret key', pattern: /\b[sr]k_live_[0-9A-Za-z]{20,}/, prefix: 8 },
  { kind: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/, prefix: 4 },
  { kind: 'a PyPI token', pattern: /\bpypi-AgE[A-Za-z0-9_-]{50,}/, prefix: 5 },
  { kind: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/, prefix: 0 },
];

/** `scheme://user:password@host`: a password in a URL (unless it is a variable). */
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:([^\s/@]+)@/i;

function credentialShape(value: string): Shape | null {
  for (const { kind, pattern, prefix } of SHAPES) {
    const match = pattern.exec(value);
    if (match) return { kind, masked: kind === 'a private key' ? '-----BEGIN … PRIVATE KEY-----' : `${match[0].slice(0, prefix)}****` };
  }
  const url = URL_PASSWORD.exec(value);
  if (url && !/^\$/.test(url[1]!) && !/^%[A-Za-z_]/.test(url[1]!)) {
    return { kind: 'a URL with a password', masked: value.replace(url[1]!, '****').replace(/^(.{0,60}).*$/s, '$1') };
  }
  return null;
}
