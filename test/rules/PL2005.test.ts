import { PL2005 } from '../../src/rules/PL2005.js';
import { describeRule } from './harness.js';

const F = 'FROM debian:12.5\n';

describeRule(PL2005, [
  // mail
  { name: 'apt-get install postfix', dockerfile: `${F}RUN apt-get update && apt-get install -y postfix`, lines: [2], message: 'Installs a network service ops must review: postfix (mail transfer agent, `apt-get install`)' },
  { name: 'apt install sendmail', dockerfile: `${F}RUN apt install -y sendmail`, lines: [2], message: 'sendmail' },
  { name: 'exim4 daemon', dockerfile: `${F}RUN apt-get install -y --no-install-recommends exim4-daemon-light`, lines: [2] },
  { name: 'exim on Alpine', dockerfile: 'FROM alpine:3.19\nRUN apk add --no-cache exim', lines: [2] },
  { name: 'opensmtpd', dockerfile: 'FROM alpine:3.19\nRUN apk add opensmtpd', lines: [2] },
  { name: 'pinned version', dockerfile: `${F}RUN apt-get install -y postfix=3.7.10-0+deb12u1`, lines: [2], message: 'postfix=3.7.10-0+deb12u1' },
  { name: 'RPM-style version', dockerfile: 'FROM centos:7\nRUN yum install -y postfix-2.10.1', lines: [2] },
  // ssh
  { name: 'openssh-server', dockerfile: `${F}RUN apt-get install -y openssh-server`, lines: [2], message: 'openssh-server (SSH server, `apt-get install`)' },
  { name: 'apk add openssh (includes sshd on Alpine)', dockerfile: 'FROM alpine:3.19\nRUN apk add --no-cache openssh', lines: [2], message: 'openssh (SSH server, `apk add`)' },
  { name: 'apk add openssh-server', dockerfile: 'FROM alpine:3.19\nRUN apk add openssh-server', lines: [2] },
  { name: 'dnf openssh-server', dockerfile: 'FROM fedora:40\nRUN dnf install -y openssh-server', lines: [2] },
  { name: 'microdnf openssh-server', dockerfile: 'FROM ubi9/ubi-minimal\nRUN microdnf install -y openssh-server', lines: [2] },
  { name: 'zypper openssh-server', dockerfile: 'FROM opensuse/leap:15\nRUN zypper --non-interactive install openssh-server', lines: [2] },
  { name: 'dropbear', dockerfile: 'FROM alpine:3.19\nRUN apk add dropbear', lines: [2] },
  { name: 'pacman -S openssh is not checked by name (client and server in one)', dockerfile: 'FROM archlinux:base\nRUN pacman -Syu --noconfirm openssh', lines: [] },
  // telnet, ftp, tftp, rsh
  { name: 'telnetd', dockerfile: `${F}RUN apt-get install -y telnetd`, lines: [2], message: 'telnet server' },
  { name: 'inetutils-telnetd', dockerfile: `${F}RUN apt-get install -y inetutils-telnetd`, lines: [2] },
  { name: 'telnet-server', dockerfile: 'FROM centos:7\nRUN yum install -y telnet-server', lines: [2] },
  { name: 'vsftpd', dockerfile: `${F}RUN apt-get install -y vsftpd`, lines: [2], message: 'FTP server' },
  { name: 'proftpd', dockerfile: `${F}RUN apt-get install -y proftpd-basic`, lines: [2] },
  { name: 'pure-ftpd', dockerfile: `${F}RUN apt-get install -y pure-ftpd`, lines: [2] },
  { name: 'ftpd', dockerfile: `${F}RUN apt-get install -y ftpd`, lines: [2] },
  { name: 'tftpd-hpa', dockerfile: `${F}RUN apt-get install -y tftpd-hpa`, lines: [2] },
  { name: 'pacman -S vsftpd', dockerfile: 'FROM archlinux:base\nRUN pacman -S --noconfirm vsftpd', lines: [2] },
  // forms
  { name: 'several services in one RUN give one finding', dockerfile: `${F}RUN apt-get install -y openssh-server postfix`, lines: [2], message: 'openssh-server (SSH server, `apt-get install`), postfix (mail transfer agent, `apt-get install`)' },
  { name: 'sudo apt-get', dockerfile: `${F}RUN sudo apt-get install -y openssh-server`, lines: [2] },
  { name: 'inside sh -c', dockerfile: `${F}RUN sh -c "apt-get update && apt-get install -y vsftpd"`, lines: [2] },
  { name: 'exec form', dockerfile: `${F}RUN ["apt-get", "install", "-y", "openssh-server"]`, lines: [2] },
  { name: 'options before the verb', dockerfile: `${F}RUN apt-get -y -o Dpkg::Options::=--force-confold install postfix`, lines: [2] },
  { name: 'continuation lines', dockerfile: `${F}RUN apt-get update \\\n && apt-get install -y \\\n      curl \\\n      openssh-server`, lines: [2] },
  { name: 'ONBUILD RUN', dockerfile: `${F}ONBUILD RUN apt-get install -y openssh-server`, lines: [2] },
  { name: 'lowercase run', dockerfile: `${F}run apt-get install -y postfix`, lines: [2] },
  { name: 'ignored by pragma', dockerfile: `${F}# hadolint ignore=PL2005\nRUN apt-get install -y postfix`, lines: [] },
  // safe forms
  { name: 'SSH client only', dockerfile: `${F}RUN apt-get install -y openssh-client`, lines: [] },
  { name: 'openssh on Debian is not the server package name', dockerfile: 'FROM fedora:40\nRUN dnf install -y openssh-clients', lines: [] },
  { name: 'mail client libraries', dockerfile: `${F}RUN apt-get install -y libsasl2-2 mailutils-common bsd-mailx-doc-not-real`, lines: [] },
  { name: 'telnet and ftp clients', dockerfile: `${F}RUN apt-get install -y telnet ftp tftp-hpa`, lines: [] },
  { name: 'removing a service', dockerfile: `${F}RUN apt-get purge -y openssh-server exim4`, lines: [] },
  { name: 'searching for a service', dockerfile: `${F}RUN apt-cache show postfix && apk search openssh`, lines: [] },
  { name: 'a package name in a comment or echo', dockerfile: `${F}RUN echo "no postfix here" # openssh-server`, lines: [] },
  { name: 'pip package with a similar name', dockerfile: 'FROM python:3.12\nRUN pip install postfix-log-parser', lines: [] },
  { name: 'prefix of a longer package', dockerfile: `${F}RUN apt-get install -y postfix-policyd-spf-python-not-real`, lines: [] },
]);
