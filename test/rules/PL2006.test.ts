import { PL2006 } from '../../src/rules/PL2006.js';
import { describeRule } from './harness.js';

const F = 'FROM debian:12.5\n';

describeRule(PL2006, [
  // pipelines
  { name: 'curl | sh', dockerfile: `${F}RUN curl -fsSL https://get.example.com | sh`, lines: [2], message: '`curl … | sh` runs a downloaded script unverified' },
  { name: 'curl | bash', dockerfile: `${F}RUN curl -sL https://deb.nodesource.com/setup_20.x | bash -`, lines: [2], message: '`curl … | bash`' },
  { name: 'curl | sudo -E bash -', dockerfile: `${F}RUN curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash -`, lines: [2], message: '`curl … | bash`' },
  { name: 'wget -O- | sh', dockerfile: `${F}RUN wget -O- https://get.example.com | sh`, lines: [2], message: '`wget … | sh`' },
  { name: 'wget -qO- | sh', dockerfile: `${F}RUN wget -qO- https://get.example.com | sh`, lines: [2] },
  { name: 'wget -q -O - | bash', dockerfile: `${F}RUN wget -q -O - https://get.example.com | bash`, lines: [2] },
  { name: 'wget --output-document=- | sh', dockerfile: `${F}RUN wget --output-document=- https://get.example.com | sh`, lines: [2] },
  { name: 'sh -s with arguments', dockerfile: `${F}RUN curl -sSf https://sh.rustup.rs | sh -s -- -y`, lines: [2] },
  { name: 'curl -o- (nvm style)', dockerfile: `${F}RUN curl -o- https://raw.githubusercontent.com/nvm-sh/nvm/v0.39.7/install.sh | bash`, lines: [2] },
  { name: 'zsh, dash, ash, ksh', dockerfile: `${F}RUN curl a | zsh\nRUN curl b | dash\nRUN curl c | ash\nRUN curl d | ksh`, lines: [2, 3, 4, 5] },
  { name: 'interpreter by full path', dockerfile: `${F}RUN curl -fsSL https://x | /bin/bash`, lines: [2] },
  { name: 'python reading stdin', dockerfile: 'FROM python:3.12\nRUN curl -sSL https://install.python-poetry.org | python3 -', lines: [2], message: '`curl … | python3`' },
  { name: 'python with no arguments', dockerfile: 'FROM python:3.12\nRUN curl -sSL https://bootstrap.pypa.io/get-pip.py | python', lines: [2] },
  { name: 'perl', dockerfile: `${F}RUN curl -L https://cpanmin.us | perl - App::cpanminus`, lines: [2] },
  { name: 'ruby', dockerfile: `${F}RUN curl -fsSL https://x/install.rb | ruby`, lines: [2] },
  { name: 'node', dockerfile: `${F}RUN curl -fsSL https://x/install.js | node`, lines: [2] },
  { name: 'php -- args (composer installer)', dockerfile: 'FROM php:8.3\nRUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer', lines: [2] },
  { name: 'a later stage of the pipeline', dockerfile: `${F}RUN curl -fsSL https://x | tee /tmp/install.sh | sh`, lines: [2] },
  { name: 'through gunzip', dockerfile: `${F}RUN curl -fsSL https://x/install.sh.gz | gunzip | bash`, lines: [2] },
  { name: 'sudo curl', dockerfile: `${F}RUN sudo curl -fsSL https://x | sudo sh`, lines: [2] },
  { name: 'inside an if', dockerfile: `${F}RUN if [ -n "$X" ]; then curl -fsSL https://x | sh; fi`, lines: [2] },
  { name: 'inside bash -c', dockerfile: `${F}RUN bash -c "curl -fsSL https://x | bash"`, lines: [2] },
  { name: 'exec form with sh -c', dockerfile: `${F}RUN ["/bin/sh", "-c", "curl -fsSL https://x | sh"]`, lines: [2] },
  { name: 'continuation lines', dockerfile: `${F}RUN apt-get update \\\n && curl -fsSL https://x \\\n    | bash -`, lines: [2] },
  { name: 'ONBUILD RUN', dockerfile: `${F}ONBUILD RUN curl -fsSL https://x | sh`, lines: [2] },
  { name: 'lowercase run', dockerfile: `${F}run curl -fsSL https://x | sh`, lines: [2] },
  { name: 'one finding per instruction', dockerfile: `${F}RUN curl a | sh && wget -qO- b | bash`, lines: [2] },

  // substitutions
  { name: 'sh -c "$(curl …)"', dockerfile: `${F}RUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"`, lines: [2], message: '`sh -c "$(curl …)"`' },
  { name: 'bash -c "$(wget -qO- …)"', dockerfile: `${F}RUN bash -c "$(wget -qO- https://x/install.sh)"`, lines: [2] },
  { name: 'bash -c with backticks', dockerfile: `${F}RUN bash -c "\`curl -fsSL https://x\`"`, lines: [2] },
  { name: 'eval "$(curl …)"', dockerfile: `${F}RUN eval "$(curl -fsSL https://x/env)"`, lines: [2], message: '`eval "$(curl …)"`' },
  { name: 'bash <(curl …)', dockerfile: `${F}RUN bash <(curl -s https://x/install.sh)`, lines: [2], message: '`bash <(curl …)`' },
  { name: 'source <(curl …)', dockerfile: `${F}RUN source <(curl -s https://x/env.sh)`, lines: [2] },
  { name: 'python3 <(curl …)', dockerfile: `${F}RUN python3 <(curl -s https://x/get.py)`, lines: [2] },
  { name: 'pragma', dockerfile: `${F}# plimsoll ignore=PL2006\nRUN curl -fsSL https://x | sh`, lines: [] },

  // safe forms
  {
    name: 'download, verify, then run',
    dockerfile: `${F}RUN curl -fsSLo /tmp/install.sh https://x/install.sh \\\n && echo "0123abcd  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh`,
    lines: [],
  },
  { name: 'download with -O then run', dockerfile: `${F}RUN curl -fsSLO https://x/install.sh && bash install.sh`, lines: [] },
  { name: 'curl into a file, piped nowhere', dockerfile: `${F}RUN curl -fsSL https://x -o /tmp/x.sh | sh`, lines: [] },
  { name: 'wget without stdout output', dockerfile: `${F}RUN wget https://x/install.sh | sh`, lines: [] },
  { name: 'curl into tar', dockerfile: `${F}RUN curl -fsSL https://x/app.tar.gz | tar -xz -C /opt`, lines: [] },
  { name: 'curl into jq', dockerfile: `${F}RUN curl -s https://api.example.com/latest | jq -r .tag_name`, lines: [] },
  { name: 'curl into gpg', dockerfile: `${F}RUN curl -fsSL https://x/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg`, lines: [] },
  { name: 'python -c reading JSON from stdin', dockerfile: `${F}RUN curl -s https://api.example.com | python3 -c "import sys, json; print(json.load(sys.stdin)['v'])"`, lines: [] },
  { name: 'python -m json.tool', dockerfile: `${F}RUN curl -s https://api.example.com | python -m json.tool`, lines: [] },
  { name: 'node -e', dockerfile: `${F}RUN curl -s https://api.example.com | node -e "process.stdin.pipe(process.stdout)"`, lines: [] },
  { name: 'perl -ne', dockerfile: `${F}RUN curl -s https://x | perl -ne 'print if /v/'`, lines: [] },
  { name: 'sh -c script reading stdin as data', dockerfile: `${F}RUN curl -s https://x | sh -c 'cat > /tmp/x'`, lines: [] },
  { name: 'sh with a script file reads stdin as data', dockerfile: `${F}RUN curl -s https://x | sh /usr/local/bin/consume.sh`, lines: [] },
  { name: 'a local script piped into sh', dockerfile: `${F}RUN cat /tmp/install.sh | sh`, lines: [] },
  { name: 'sh -c of a local command substitution', dockerfile: `${F}RUN sh -c "$(cat /tmp/install.sh)"`, lines: [] },
  { name: 'eval of a local tool', dockerfile: `${F}RUN eval "$(ssh-agent -s)"`, lines: [] },
  { name: 'curl and sh in separate commands', dockerfile: `${F}RUN curl -fsSL https://x > /tmp/i.sh; sh /tmp/i.sh`, lines: [] },
  { name: 'the words in an echo', dockerfile: `${F}RUN echo "never run curl | sh"`, lines: [] },
]);
