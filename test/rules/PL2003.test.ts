import { describe, expect, it } from 'vitest';
import { PL2003 } from '../../src/rules/PL2003.js';
import { describeRule, lintWith } from './harness.js';

const F = 'FROM debian:12.5\n';
// Credential-shaped values are assembled at run time so that no secret scanner mistakes this file for a leak.
const github = ['ghp', 'R2d2C3poR2d2C3poR2d2C3poR2d2C3poR2d2'].join('_');
const githubPat = ['github', 'pat', '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'].join('_');
const slack = ['xoxb', '123456789012', '1234567890123', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-');
const google = 'AIza' + 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q';
const aws = 'AKIA' + 'IOSFODNN7EXAMPLE';
const privateKey = '-----BEGIN ' + 'RSA PRIVATE KEY-----';

describeRule(PL2003, [
  // secret-like names with literal values
  { name: 'ENV password', dockerfile: `${F}ENV DB_PASSWORD=s3cr3t`, lines: [2], message: 'ENV `DB_PASSWORD` sets a literal secret (`****`)' },
  { name: 'ENV legacy form', dockerfile: `${F}ENV MYSQL_ROOT_PASSWORD hunter2`, lines: [2] },
  { name: 'ARG with a default', dockerfile: `${F}ARG NPM_TOKEN=abc123def456`, lines: [2], message: 'ARG `NPM_TOKEN`' },
  { name: 'LABEL', dockerfile: `${F}LABEL deploy.api-key="k-12345"`, lines: [2], message: 'LABEL `deploy.api-key`' },
  { name: 'PASSWD', dockerfile: `${F}ENV ROOT_PASSWD=toor`, lines: [2] },
  { name: 'SECRET', dockerfile: `${F}ENV JWT_SECRET=supersecretvalue`, lines: [2] },
  { name: 'SECRET_KEY_BASE', dockerfile: `${F}ENV SECRET_KEY_BASE=0123456789abcdef`, lines: [2] },
  { name: 'API_KEY and APIKEY', dockerfile: `${F}ENV STRIPE_API_KEY=k1 SENDGRID_APIKEY=k2`, lines: [2, 2] },
  { name: 'camelCase apiKey', dockerfile: `${F}ENV mapsApiKey=k1`, lines: [2] },
  { name: 'PRIVATE_KEY', dockerfile: `${F}ENV JWT_PRIVATE_KEY=abcdef`, lines: [2] },
  { name: 'ACCESS_KEY', dockerfile: `${F}ENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`, lines: [2] },
  { name: 'PASSPHRASE', dockerfile: `${F}ENV GPG_PASSPHRASE=correct-horse`, lines: [2] },
  { name: 'a weak default password is still a literal secret', dockerfile: `${F}ENV POSTGRES_PASSWORD=postgres`, lines: [2] },
  { name: 'a numeric password', dockerfile: `${F}ENV REDIS_PASSWORD=123456`, lines: [2] },
  { name: 'quoted value', dockerfile: `${F}ENV ADMIN_PASSWORD="pa ss"`, lines: [2] },
  { name: 'lowercase name and keyword', dockerfile: `${F}env db_password=s3cr3t`, lines: [2] },
  { name: 'ONBUILD ENV', dockerfile: `${F}ONBUILD ENV API_TOKEN=abc`, lines: [2] },
  { name: 'one finding per pair', dockerfile: `${F}ENV A=1 DB_PASSWORD=x B=2 API_TOKEN=tok-1`, lines: [2, 2] },
  { name: 'pair on a continuation line reports the instruction line', dockerfile: `${F}ENV A=1 \\\n    DB_PASSWORD=x`, lines: [2] },
  { name: 'in a build stage too (ARG and ENV stay in the history)', dockerfile: `FROM node:20 AS build\nARG NPM_TOKEN=npm-abc\nFROM node:20`, lines: [2] },

  // values shaped like credentials, whatever the name
  { name: 'AWS access key id', dockerfile: `${F}ENV AWS_ACCESS_KEY_ID=${aws}`, lines: [2], message: 'an AWS access key (`AKIA****`)' },
  { name: 'GitHub token in an innocent name', dockerfile: `${F}ENV CONFIG=${github}`, lines: [2], message: 'a GitHub token (`ghp_****`)' },
  { name: 'GitHub fine-grained token', dockerfile: `${F}ARG GH=${githubPat}`, lines: [2], message: 'a GitHub token' },
  { name: 'Slack token', dockerfile: `${F}LABEL notify=${slack}`, lines: [2], message: 'a Slack token (`xoxb-****`)' },
  { name: 'Google API key', dockerfile: `${F}ENV MAPS=${google}`, lines: [2], message: 'a Google API key (`AIza****`)' },
  { name: 'private key block', dockerfile: `${F}ENV SSH_KEY="${privateKey}\\nMIIEow..."`, lines: [2], message: 'a private key' },
  { name: 'password in a URL', dockerfile: `${F}ENV PIP_INDEX_URL=https://deploy:hunter2@pypi.example.com/simple`, lines: [2], message: 'https://deploy:****@pypi.example.com/simple' },
  { name: 'password in a database URL', dockerfile: `${F}ENV DATABASE_URL=postgres://app:s3cr3t@db:5432/app`, lines: [2] },

  // safe forms
  { name: 'a *_FILE path', dockerfile: `${F}ENV DB_PASSWORD_FILE=/run/secrets/db`, lines: [] },
  { name: 'a path under /run/secrets', dockerfile: `${F}ENV DB_PASSWORD=/run/secrets/db_password`, lines: [] },
  { name: 'ARG without a value', dockerfile: `${F}ARG NPM_TOKEN`, lines: [] },
  { name: 'ENV from a build argument', dockerfile: `${F}ARG PASSWORD\nENV PASSWORD=$PASSWORD`, lines: [] },
  { name: 'braced reference with a default', dockerfile: `${F}ENV API_TOKEN=\${API_TOKEN:-}`, lines: [] },
  { name: 'Windows-style reference', dockerfile: `${F}ENV API_TOKEN=%API_TOKEN%`, lines: [] },
  { name: 'empty value', dockerfile: `${F}ENV DB_PASSWORD=`, lines: [] },
  { name: 'empty quoted value', dockerfile: `${F}ARG GITHUB_TOKEN=""`, lines: [] },
  { name: 'a switch about passwords', dockerfile: `${F}ENV ALLOW_EMPTY_PASSWORD=yes`, lines: [] },
  { name: 'metadata about a token', dockerfile: `${F}ENV TOKEN_TTL=3600 PASSWORD_MIN_LENGTH=12 TOKEN_URL=https://auth.example.com/token`, lines: [] },
  { name: 'tokenizer settings are not tokens', dockerfile: `${F}ENV TOKENIZERS_PARALLELISM=false TOKENIZER_NAME=bert`, lines: [] },
  { name: 'a URL without credentials', dockerfile: `${F}ENV VAULT_SECRET=https://vault.example.com/v1/secret/app`, lines: [] },
  { name: 'a URL whose password is a variable', dockerfile: `${F}ENV DATABASE_URL=postgres://app:\${DB_PASSWORD}@db/app`, lines: [] },
  { name: 'a template placeholder', dockerfile: `${F}ENV API_TOKEN="<your token>"`, lines: [] },
  { name: 'a public GPG key fingerprint', dockerfile: `${F}ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D`, lines: [] },
  { name: 'unrelated names', dockerfile: `${F}ENV PATH=/usr/local/bin:$PATH LANG=C.UTF-8 NODE_ENV=production`, lines: [] },
  { name: 'RUN is not checked here', dockerfile: `${F}RUN echo "PASSWORD=x" > /tmp/x`, lines: [] },
  { name: 'ignored by pragma', dockerfile: `${F}# plimsoll ignore=PL2003\nENV DB_PASSWORD=s3cr3t`, lines: [] },
]);

describe('PL2003 messages', () => {
  it('never contain the secret', () => {
    const secrets = ['s3cr3t-value', github, slack, google, aws, 'hunter2'];
    const dockerfile = `${F}ENV DB_PASSWORD=s3cr3t-value A=${github} B=${slack} C=${google} D=${aws} E=https://u:hunter2@h/x`;
    const findings = lintWith(PL2003, dockerfile);
    expect(findings).toHaveLength(6);
    for (const finding of findings) for (const secret of secrets) expect(finding.message).not.toContain(secret);
  });

  it('point at the pair', () => {
    const [finding] = lintWith(PL2003, `${F}ENV A=1 DB_PASSWORD=x`);
    expect(finding).toMatchObject({ line: 2, column: 9 });
  });
});
