import { SecretsUsedInArgOrEnv } from '../../../src/rules/buildkit/SecretsUsedInArgOrEnv.js';
import { describeBuildKit } from './harness.js';

const msg = (instruction: string, key: string): string => `Do not use ARG or ENV instructions for sensitive data (${instruction} "${key}")`;

describeBuildKit(SecretsUsedInArgOrEnv, [
  {
    name: 'names that say secret, and local skips', from: 'testSecretsUsedInArgOrEnv',
    dockerfile: `# check=skip=InvalidDefinitionDescription

FROM scratch
ARG SECRET_PASSPHRASE
ENV SUPER_Secret=foo
ENV password=bar secret=baz
ARG super_duper_secret_token=foo auth=bar
ENV apikey=bar sunflower=foo
ENV git_key=
ENV PUBLIC_KEY=
ARG public_token
ARG SECRET_PASSPHRASE_FILE
ENV password_file=bar secret_File=baz
ARG AUTH_MODULE_VERSION
# check=skip=SecretsUsedInArgOrEnv // allow secret in environment
ENV password=bar
# check=skip=SecretsUsedInArgOrEnv // allow secret in arg
ARG password
# check=skip=all // is local to only this instruction
ENV alternate_password=bar
# check=skip=all // is local to only this instruction
ARG alternate_password
`,
    expect: [
      [4, msg('ARG', 'SECRET_PASSPHRASE')], [5, msg('ENV', 'SUPER_Secret')], [6, msg('ENV', 'password')], [6, msg('ENV', 'secret')],
      [7, msg('ARG', 'auth')], [7, msg('ARG', 'super_duper_secret_token')], [8, msg('ENV', 'apikey')], [9, msg('ENV', 'git_key')],
    ],
  },
  { name: 'ARGs above the first FROM are not checked', from: 'ours', dockerfile: 'ARG GITHUB_TOKEN\nFROM scratch\nARG NPM_TOKEN\n', expect: [[3, msg('ARG', 'NPM_TOKEN')]] },
]);
