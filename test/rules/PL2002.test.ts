import { describe, expect, it } from 'vitest';
import { PL2002 } from '../../src/rules/PL2002.js';
import { describeRule, lintWith } from './harness.js';

const F = 'FROM debian:12.5\n';

describeRule(PL2002, [
  // curl / wget
  { name: 'curl -k', dockerfile: `${F}RUN curl -k https://example.com/x -o x`, lines: [2], message: '`curl -k` switches off TLS certificate verification' },
  { name: 'curl -k in a flag cluster', dockerfile: `${F}RUN curl -fsSLk https://example.com/x -o x`, lines: [2], message: '`curl -k`' },
  { name: 'curl --insecure', dockerfile: `${F}RUN curl --insecure -o x https://example.com/x`, lines: [2], message: '`curl --insecure`' },
  { name: 'curl --proxy-insecure', dockerfile: `${F}RUN curl --proxy-insecure -x https://proxy https://example.com`, lines: [2] },
  { name: 'wget --no-check-certificate', dockerfile: `${F}RUN wget --no-check-certificate https://example.com/x`, lines: [2], message: '`wget --no-check-certificate`' },
  { name: 'wget -e check_certificate=off', dockerfile: `${F}RUN wget -e check_certificate=off https://example.com/x`, lines: [2], message: '`check_certificate=off`' },
  { name: 'wgetrc written by echo', dockerfile: `${F}RUN echo "check_certificate = off" >> /etc/wgetrc`, lines: [2] },
  { name: 'sudo curl -k', dockerfile: `${F}RUN sudo -E curl -k https://example.com`, lines: [2], message: '`curl -k`' },
  { name: 'curl by full path', dockerfile: `${F}RUN /usr/bin/curl -k https://example.com`, lines: [2] },
  { name: 'inside sh -c', dockerfile: `${F}RUN sh -c "curl -k https://example.com | tar x"`, lines: [2] },
  { name: 'exec form with bash -c', dockerfile: `${F}RUN ["/bin/bash", "-c", "wget --no-check-certificate https://example.com"]`, lines: [2] },
  { name: 'ONBUILD RUN', dockerfile: `${F}ONBUILD RUN curl -k https://example.com`, lines: [2] },
  { name: 'continuation lines report the first line', dockerfile: `${F}RUN apt-get update \\\n && curl -k https://example.com`, lines: [2] },
  { name: 'lowercase run', dockerfile: `${F}run curl --insecure https://example.com`, lines: [2] },

  // package managers
  { name: 'apt-get --allow-unauthenticated', dockerfile: `${F}RUN apt-get install -y --allow-unauthenticated pkg`, lines: [2], message: '`apt-get --allow-unauthenticated` switches off package signature verification' },
  { name: 'apt --allow-insecure-repositories', dockerfile: `${F}RUN apt update --allow-insecure-repositories`, lines: [2] },
  { name: 'apt-get --force-yes', dockerfile: `${F}RUN apt-get install -y --force-yes pkg`, lines: [2], message: '--force-yes' },
  { name: 'apt-get -o APT::Get::AllowUnauthenticated=true', dockerfile: `${F}RUN apt-get -o APT::Get::AllowUnauthenticated=true install -y pkg`, lines: [2], message: 'APT::Get::AllowUnauthenticated=true' },
  { name: 'apt config file written', dockerfile: `${F}RUN echo 'APT::Get::AllowUnauthenticated "true";' > /etc/apt/apt.conf.d/99insecure`, lines: [2] },
  { name: 'apt Verify-Peer false', dockerfile: `${F}RUN echo 'Acquire::https::Verify-Peer "false";' > /etc/apt/apt.conf.d/99tls`, lines: [2], message: 'TLS certificate' },
  { name: 'apt source [trusted=yes]', dockerfile: `${F}RUN echo "deb [trusted=yes] http://repo.example.com/ ./" > /etc/apt/sources.list.d/x.list`, lines: [2], message: '`[trusted=yes]`' },
  { name: 'apt source with several options', dockerfile: `${F}RUN echo "deb [arch=amd64 trusted=yes] http://repo.example.com/ stable main" > /etc/apt/sources.list.d/x.list`, lines: [2] },
  { name: 'apk --allow-untrusted on a local file is still reported', dockerfile: 'FROM alpine:3.19\nRUN apk add --allow-untrusted msodbcsql18_18.0.1.1-1_amd64.apk', lines: [2] },
  { name: 'trusted=yes on a remote repository', dockerfile: `${F}RUN echo "deb [ trusted=yes ] https://repo.example.com ./" > /etc/apt/sources.list.d/x.list`, lines: [2] },
  { name: 'apk --allow-untrusted', dockerfile: 'FROM alpine:3.19\nRUN apk add --no-cache --allow-untrusted /tmp/pkg.apk', lines: [2], message: '`apk --allow-untrusted`' },
  { name: 'yum --nogpgcheck', dockerfile: 'FROM centos:7\nRUN yum install -y --nogpgcheck pkg', lines: [2], message: '`yum --nogpgcheck`' },
  { name: 'dnf --setopt=gpgcheck=0', dockerfile: 'FROM fedora:40\nRUN dnf install -y --setopt=gpgcheck=0 pkg', lines: [2], message: '`gpgcheck=0`' },
  { name: 'gpgcheck=0 written into a .repo file', dockerfile: 'FROM fedora:40\nRUN printf "[x]\\nbaseurl=https://x\\ngpgcheck=0\\n" > /etc/yum.repos.d/x.repo', lines: [2] },
  { name: 'sed switching gpgcheck off', dockerfile: "FROM centos:7\nRUN sed -i 's/gpgcheck=1/gpgcheck=0/' /etc/yum.conf", lines: [2] },
  { name: 'yum sslverify=0', dockerfile: 'FROM centos:7\nRUN yum-config-manager --save --setopt=sslverify=0', lines: [2], message: 'sslverify=0' },
  { name: 'microdnf --nogpgcheck', dockerfile: 'FROM ubi9/ubi-minimal\nRUN microdnf install -y --nogpgcheck pkg', lines: [2] },
  { name: 'zypper --no-gpg-checks', dockerfile: 'FROM opensuse/leap:15\nRUN zypper --no-gpg-checks install -y pkg', lines: [2] },
  { name: 'rpm --nosignature', dockerfile: 'FROM centos:7\nRUN rpm -i --nosignature /tmp/x.rpm', lines: [2], message: '`rpm --nosignature`' },
  { name: 'rpm --nodigest', dockerfile: 'FROM centos:7\nRUN rpm -Uvh --nodigest /tmp/x.rpm', lines: [2] },
  { name: 'pacman SigLevel = Never', dockerfile: "FROM archlinux:base\nRUN sed -i 's/^SigLevel.*/SigLevel = Never/' /etc/pacman.conf", lines: [2] },

  // language package managers and tools
  { name: 'pip --trusted-host', dockerfile: 'FROM python:3.12\nRUN pip install --trusted-host pypi.example.com -r requirements.txt', lines: [2], message: '`pip --trusted-host`' },
  { name: 'python -m pip --trusted-host=', dockerfile: 'FROM python:3.12\nRUN python3 -m pip install --trusted-host=pypi.example.com x', lines: [2], message: '`python3 --trusted-host`' },
  { name: 'pip config set global.trusted-host', dockerfile: 'FROM python:3.12\nRUN pip config set global.trusted-host pypi.example.com', lines: [2] },
  { name: 'npm config set strict-ssl false', dockerfile: 'FROM node:20\nRUN npm config set strict-ssl false && npm ci', lines: [2], message: '`strict-ssl false`' },
  { name: 'npm config set strict-ssl=false', dockerfile: 'FROM node:20\nRUN npm config set strict-ssl=false', lines: [2] },
  { name: 'yarn config set strict-ssl false', dockerfile: 'FROM node:20\nRUN yarn config set strict-ssl false', lines: [2] },
  { name: 'yarn berry enableStrictSsl', dockerfile: 'FROM node:20\nRUN yarn config set enableStrictSsl false', lines: [2] },
  { name: 'npm --strict-ssl=false', dockerfile: 'FROM node:20\nRUN npm install --strict-ssl=false', lines: [2], message: '`npm --strict-ssl=false`' },
  { name: '.npmrc written', dockerfile: 'FROM node:20\nRUN echo "strict-ssl=false" >> ~/.npmrc', lines: [2] },
  { name: 'git config http.sslVerify false', dockerfile: `${F}RUN git config --global http.sslVerify false`, lines: [2], message: '`http.sslVerify false`' },
  { name: 'git config http.sslverify "false" (any case)', dockerfile: `${F}RUN git config --global http.sslverify "false"`, lines: [2] },
  { name: 'git -c http.sslVerify=false', dockerfile: `${F}RUN git -c http.sslVerify=false clone https://example.com/x.git`, lines: [2], message: '`http.sslVerify=false` switches off TLS' },
  { name: 'git per-URL sslVerify', dockerfile: `${F}RUN git config --global http.https://git.example.com/.sslVerify false`, lines: [2] },
  { name: 'conda ssl_verify false', dockerfile: 'FROM continuumio/miniconda3\nRUN conda config --set ssl_verify false', lines: [2] },
  { name: 'composer disable-tls', dockerfile: 'FROM composer:2\nRUN composer config -g disable-tls true', lines: [2] },
  { name: 'composer secure-http false', dockerfile: 'FROM composer:2\nRUN composer config -g secure-http false', lines: [2] },
  { name: 'helm --insecure-skip-tls-verify', dockerfile: `${F}RUN helm repo add x https://charts.example.com --insecure-skip-tls-verify`, lines: [2] },
  { name: 'skopeo --src-tls-verify=false', dockerfile: `${F}RUN skopeo copy --src-tls-verify=false docker://a oci:b`, lines: [2] },
  { name: 'go get -insecure', dockerfile: 'FROM golang:1.15\nRUN go get -insecure example.com/x', lines: [2] },
  { name: 'find -exec curl -k', dockerfile: `${F}RUN find /urls -name '*.txt' -exec curl -k -O {} \\;`, lines: [2] },

  // environment switches
  { name: 'ENV NODE_TLS_REJECT_UNAUTHORIZED=0', dockerfile: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=0', lines: [2], message: '`NODE_TLS_REJECT_UNAUTHORIZED=0` switches off TLS certificate verification' },
  { name: 'ENV NODE_TLS_REJECT_UNAUTHORIZED legacy form', dockerfile: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED 0', lines: [2] },
  { name: 'ENV quoted "0"', dockerfile: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED="0"', lines: [2] },
  { name: 'ARG default reaches every RUN', dockerfile: 'FROM node:20\nARG NODE_TLS_REJECT_UNAUTHORIZED=0', lines: [2] },
  { name: 'ONBUILD ENV', dockerfile: 'FROM node:20\nONBUILD ENV NODE_TLS_REJECT_UNAUTHORIZED=0', lines: [2] },
  { name: 'prefix assignment', dockerfile: 'FROM node:20\nRUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci', lines: [2] },
  { name: 'export', dockerfile: 'FROM node:20\nRUN export NODE_TLS_REJECT_UNAUTHORIZED=0 && npm ci', lines: [2] },
  { name: 'bare assignment statement', dockerfile: 'FROM node:20\nRUN NODE_TLS_REJECT_UNAUTHORIZED=0; npm ci', lines: [2] },
  { name: 'env wrapper', dockerfile: 'FROM node:20\nRUN env NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci', lines: [2] },
  { name: 'GIT_SSL_NO_VERIFY=1', dockerfile: `${F}ENV GIT_SSL_NO_VERIFY=1`, lines: [2], message: '`GIT_SSL_NO_VERIFY=1`' },
  { name: 'GIT_SSL_NO_VERIFY=true', dockerfile: `${F}ENV GIT_SSL_NO_VERIFY=true`, lines: [2] },
  { name: 'GIT_SSL_NO_VERIFY=false still switches git checks off', dockerfile: `${F}ENV GIT_SSL_NO_VERIFY=false`, lines: [2] },
  { name: 'GIT_SSL_NO_VERIFY on a git command', dockerfile: `${F}RUN GIT_SSL_NO_VERIFY=1 git clone https://x/y.git`, lines: [2] },
  { name: 'PYTHONHTTPSVERIFY=0', dockerfile: 'FROM python:2.7\nENV PYTHONHTTPSVERIFY=0', lines: [2] },
  { name: 'npm_config_strict_ssl=false (npm reads any case)', dockerfile: 'FROM node:20\nENV npm_config_strict_ssl=false', lines: [2], message: '`npm_config_strict_ssl=false`' },
  { name: 'PIP_TRUSTED_HOST', dockerfile: 'FROM python:3.12\nENV PIP_TRUSTED_HOST=pypi.example.com', lines: [2] },
  { name: 'GOINSECURE', dockerfile: 'FROM golang:1.22\nENV GOINSECURE=example.com', lines: [2] },
  { name: 'several switches on one instruction give one finding', dockerfile: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=0 GIT_SSL_NO_VERIFY=1', lines: [2], message: 'NODE_TLS_REJECT_UNAUTHORIZED=0' },
  { name: 'one finding per instruction', dockerfile: `${F}RUN curl -k a && wget --no-check-certificate b\nRUN apt-get install --allow-unauthenticated -y x`, lines: [2, 3] },
  { name: 'ignored by pragma', dockerfile: `${F}# plimsoll ignore=PL2002\nRUN curl -k https://example.com`, lines: [] },

  // safe forms
  { name: 'plain curl', dockerfile: `${F}RUN curl -fsSL https://example.com/x -o x`, lines: [] },
  { name: 'curl -K reads a config file', dockerfile: `${F}RUN curl -K /etc/curlrc https://example.com`, lines: [] },
  { name: 'curl with --cacert', dockerfile: `${F}RUN curl --cacert /etc/ssl/corp.pem https://example.com`, lines: [] },
  { name: 'wget without the switch', dockerfile: `${F}RUN wget -q https://example.com/x`, lines: [] },
  { name: 'a -k of another command', dockerfile: `${F}RUN ssh-keygen -k -f x && sort -k 2 f`, lines: [] },
  { name: 'words in an echo that do not switch anything', dockerfile: `${F}RUN echo "use curl -k only in tests"`, lines: [] },
  { name: 'apt-get with signed repository', dockerfile: `${F}RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates`, lines: [] },
  { name: 'signed-by source', dockerfile: `${F}RUN echo "deb [signed-by=/usr/share/keyrings/x.gpg] https://repo.example.com stable main" > /etc/apt/sources.list.d/x.list`, lines: [] },
  { name: 'a local file repository built in the same RUN', dockerfile: `${F}RUN echo "deb [ trusted=yes ] file://$tempDir ./" > /etc/apt/sources.list.d/temp.list`, lines: [] },
  { name: 'apk index of local packages', dockerfile: 'FROM alpine:3.19\nRUN apk index --allow-untrusted -o /tmp/APKINDEX.tar.gz /tmp/*.apk', lines: [] },
  { name: 'gpgcheck=1', dockerfile: 'FROM fedora:40\nRUN dnf install -y --setopt=gpgcheck=1 pkg', lines: [] },
  { name: 'repo_gpgcheck=0 is not gpgcheck=0', dockerfile: 'FROM fedora:40\nRUN echo "repo_gpgcheck=0" >> /etc/yum.repos.d/x.repo', lines: [] },
  { name: 'sed that switches gpgcheck back on', dockerfile: "FROM centos:7\nRUN sed -i 's/gpgcheck=0/gpgcheck=1/' /etc/yum.conf", lines: [] },
  { name: 'sed deleting an insecure line', dockerfile: "FROM centos:7\nRUN sed -i '/sslverify=0/d' /etc/yum.conf", lines: [] },
  { name: 'git sslVerify true', dockerfile: `${F}RUN git config --global http.sslVerify true`, lines: [] },
  { name: 'npm strict-ssl true', dockerfile: 'FROM node:20\nRUN npm config set strict-ssl true', lines: [] },
  { name: 'NODE_TLS_REJECT_UNAUTHORIZED=1', dockerfile: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=1', lines: [] },
  { name: 'ENV referring to a build argument', dockerfile: 'FROM node:20\nARG NODE_TLS_REJECT_UNAUTHORIZED\nENV NODE_TLS_REJECT_UNAUTHORIZED=$NODE_TLS_REJECT_UNAUTHORIZED', lines: [] },
  { name: 'ARG without a value', dockerfile: `${F}ARG GIT_SSL_NO_VERIFY`, lines: [] },
  { name: 'empty GIT_SSL_NO_VERIFY', dockerfile: `${F}ENV GIT_SSL_NO_VERIFY=""`, lines: [] },
  { name: 'similar variable names', dockerfile: `${F}ENV MY_NODE_TLS_REJECT_UNAUTHORIZED=0 GIT_SSL_NO_VERIFY_HINT=1`, lines: [] },
  { name: 'LABEL is not an environment', dockerfile: `${F}LABEL NODE_TLS_REJECT_UNAUTHORIZED=0`, lines: [] },
  { name: 'CMD is not the build', dockerfile: `${F}CMD curl -k https://localhost/health`, lines: [] },
  { name: 'pip with a trusted CA', dockerfile: 'FROM python:3.12\nRUN pip install --cert /etc/ssl/corp.pem x', lines: [] },
  { name: 'helm with verification', dockerfile: `${F}RUN helm repo add x https://charts.example.com --insecure-skip-tls-verify=false`, lines: [] },
]);

describe('PL2002 messages', () => {
  it('name every switch of one instruction, each once', () => {
    const [finding] = lintWith(PL2002, `${F}RUN curl -k a && curl -k b && wget --no-check-certificate c`);
    expect(finding?.message).toBe(
      '`curl -k` switches off TLS certificate verification; `wget --no-check-certificate` switches off TLS certificate verification',
    );
  });
});
