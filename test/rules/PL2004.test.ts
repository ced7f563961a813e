import { describe, expect, it } from 'vitest';
import { PL2004 } from '../../src/rules/PL2004.js';
import { describeRule, lintWith } from './harness.js';

const F = 'FROM debian:12.5\n';

describeRule(PL2004, [
  // security files
  { name: 'echo >> /etc/sudoers', dockerfile: `${F}RUN echo "app ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers`, lines: [2], message: 'writes /etc/sudoers' },
  { name: 'echo > /etc/sudoers.d/app', dockerfile: `${F}RUN echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app`, lines: [2], message: 'writes /etc/sudoers.d/app' },
  { name: 'tee -a /etc/sudoers', dockerfile: `${F}RUN echo "app ALL=(ALL) ALL" | tee -a /etc/sudoers`, lines: [2], message: 'edits /etc/sudoers' },
  { name: 'sudo tee', dockerfile: `${F}RUN echo "x" | sudo tee /etc/sudoers.d/x`, lines: [2] },
  { name: 'cat heredoc into sshd_config', dockerfile: `${F}RUN cat <<EOF >> /etc/ssh/sshd_config\nPermitRootLogin yes\nEOF`, lines: [2], message: 'writes /etc/ssh/sshd_config' },
  { name: 'sed -i on sshd_config', dockerfile: `${F}RUN sed -i 's/#PermitRootLogin.*/PermitRootLogin yes/' /etc/ssh/sshd_config`, lines: [2], message: 'edits /etc/ssh/sshd_config' },
  { name: 'sed -i on PAM', dockerfile: `${F}RUN sed -ri 's/session required pam_loginuid.so/session optional pam_loginuid.so/' /etc/pam.d/sshd`, lines: [2] },
  { name: 'append to /etc/passwd', dockerfile: 'FROM scratch\nRUN echo "app:x:10001:10001::/home/app:/sbin/nologin" >> /etc/passwd', lines: [2] },
  { name: 'write /etc/shadow and /etc/group', dockerfile: `${F}RUN echo "x" > /etc/shadow && echo "g:x:1:" >> /etc/group`, lines: [2], message: 'writes /etc/shadow; writes /etc/group' },
  { name: 'cp into /etc/sudoers.d', dockerfile: `${F}RUN cp /tmp/app.sudoers /etc/sudoers.d/`, lines: [2], message: 'writes /etc/sudoers.d/' },
  { name: 'install -m 0440 into sudoers.d', dockerfile: `${F}RUN install -m 0440 /tmp/s /etc/sudoers.d/app`, lines: [2] },
  { name: 'chmod on /etc/passwd', dockerfile: `${F}RUN chmod g=u /etc/passwd`, lines: [2], message: 'changes permissions of /etc/passwd' },
  { name: 'COPY sudoers file', dockerfile: `${F}COPY app.sudoers /etc/sudoers.d/app`, lines: [2], message: 'COPY writes /etc/sudoers.d/app' },
  { name: 'ADD sshd_config', dockerfile: `${F}ADD sshd_config /etc/ssh/sshd_config`, lines: [2] },
  { name: 'COPY /etc/passwd from a build stage', dockerfile: 'FROM debian:12.5 AS build\nRUN useradd app\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd', lines: [4] },
  { name: 'ONBUILD COPY', dockerfile: `${F}ONBUILD COPY sudoers /etc/sudoers`, lines: [2] },

  // file modes and capabilities
  { name: 'chmod 777', dockerfile: `${F}RUN chmod 777 /app`, lines: [2], message: 'makes files world-writable (`chmod 777`)' },
  { name: 'chmod -R 0777', dockerfile: `${F}RUN chmod -R 0777 /var/www`, lines: [2] },
  { name: 'chmod 666', dockerfile: `${F}RUN chmod 666 /app/config.yml`, lines: [2] },
  { name: 'chmod a+rwx', dockerfile: `${F}RUN chmod a+rwx /app`, lines: [2], message: '`chmod a+rwx`' },
  { name: 'chmod o+w', dockerfile: `${F}RUN chmod o+w /usr/local/bin`, lines: [2] },
  { name: 'chmod ugo=rwx', dockerfile: `${F}RUN chmod ugo=rwx /app`, lines: [2] },
  { name: 'chmod u+s', dockerfile: `${F}RUN chmod u+s /usr/bin/ping`, lines: [2], message: 'sets the setuid bit (`chmod u+s`)' },
  { name: 'chmod +s sets both bits', dockerfile: `${F}RUN chmod +s /usr/local/bin/tool`, lines: [2], message: 'sets the setgid bit' },
  { name: 'chmod g+s', dockerfile: `${F}RUN chmod g+s /usr/local/bin/tool`, lines: [2], message: 'setgid' },
  { name: 'chmod 4755', dockerfile: `${F}RUN chmod 4755 /usr/local/bin/tool`, lines: [2], message: 'sets the setuid bit (`chmod 4755`)' },
  { name: 'chmod 2755', dockerfile: `${F}RUN chmod 2755 /srv/shared`, lines: [2] },
  { name: 'chmod through find -exec', dockerfile: `${F}RUN find /app -type d -exec chmod 777 {} +`, lines: [2] },
  { name: 'chmod through xargs', dockerfile: `${F}RUN find /app -type f | xargs chmod 666`, lines: [2] },
  { name: 'setcap', dockerfile: `${F}RUN setcap cap_net_bind_service=+ep /usr/local/bin/node`, lines: [2], message: 'setcap' },

  // sudo and accounts
  { name: 'apt-get install sudo', dockerfile: `${F}RUN apt-get update && apt-get install -y --no-install-recommends sudo curl`, lines: [2], message: 'installs sudo (`apt-get install`)' },
  { name: 'apt-get install pinned sudo', dockerfile: `${F}RUN apt-get install -y sudo=1.9.13p3-1`, lines: [2] },
  { name: 'apk add sudo', dockerfile: 'FROM alpine:3.19\nRUN apk add --no-cache sudo', lines: [2], message: 'installs sudo (`apk add`)' },
  { name: 'yum install sudo', dockerfile: 'FROM centos:7\nRUN yum install -y sudo', lines: [2] },
  { name: 'dnf install sudo with version', dockerfile: 'FROM fedora:40\nRUN dnf -y install sudo-1.9.15', lines: [2] },
  { name: 'microdnf install sudo', dockerfile: 'FROM ubi9/ubi-minimal\nRUN microdnf install -y sudo', lines: [2] },
  { name: 'zypper in sudo', dockerfile: 'FROM opensuse/leap:15\nRUN zypper -n in sudo', lines: [2] },
  { name: 'apk add doas', dockerfile: 'FROM alpine:3.19\nRUN apk add doas', lines: [2], message: 'installs doas' },
  { name: 'usermod -aG sudo', dockerfile: `${F}RUN usermod -aG sudo app`, lines: [2], message: 'adds a user to the sudo group (`usermod`)' },
  { name: 'useradd -G wheel', dockerfile: 'FROM fedora:40\nRUN useradd -m -G wheel,docker app', lines: [2], message: 'wheel' },
  { name: 'adduser USER sudo', dockerfile: `${F}RUN adduser app sudo`, lines: [2] },
  { name: 'busybox addgroup USER wheel', dockerfile: 'FROM alpine:3.19\nRUN addgroup app wheel', lines: [2] },
  { name: 'gpasswd -a', dockerfile: `${F}RUN gpasswd -a app sudo`, lines: [2] },
  { name: 'passwd -d', dockerfile: `${F}RUN passwd -d root`, lines: [2], message: 'removes a password' },
  { name: 'chpasswd', dockerfile: `${F}RUN echo 'root:root' | chpasswd`, lines: [2], message: 'sets passwords' },
  { name: 'ONBUILD RUN', dockerfile: `${F}ONBUILD RUN chmod 777 /app`, lines: [2] },
  { name: 'inside bash -c', dockerfile: `${F}RUN bash -c 'echo "x ALL=(ALL) ALL" >> /etc/sudoers'`, lines: [2] },
  { name: 'one finding per instruction', dockerfile: `${F}RUN apt-get install -y sudo && usermod -aG sudo app && chmod 777 /app\nRUN chmod 4755 /x`, lines: [2, 3] },
  { name: 'lowercase run', dockerfile: `${F}run chmod 777 /app`, lines: [2] },
  { name: 'ignored by pragma', dockerfile: `${F}# plimsoll ignore=PL2004\nRUN chmod 777 /app`, lines: [] },

  // safe forms
  { name: 'chmod 755', dockerfile: `${F}RUN chmod 755 /usr/local/bin/app`, lines: [] },
  { name: 'chmod 0644 and +x', dockerfile: `${F}RUN chmod 0644 /app/config && chmod +x /entrypoint.sh && chmod u+rwx,g+rx /app`, lines: [] },
  { name: 'chmod 775 (group-writable)', dockerfile: `${F}RUN chmod -R 775 /app && chmod g+w /app`, lines: [] },
  { name: 'chmod 1777 /tmp (sticky)', dockerfile: `${F}RUN chmod 1777 /tmp/shared`, lines: [] },
  { name: 'chmod o-w removes', dockerfile: `${F}RUN chmod o-w /app && chmod u-s /usr/bin/x`, lines: [] },
  { name: 'setcap -r removes', dockerfile: `${F}RUN setcap -r /usr/bin/ping`, lines: [] },
  { name: 'reading security files', dockerfile: `${F}RUN cat /etc/passwd && grep root /etc/group && cp /etc/passwd /tmp/passwd`, lines: [] },
  { name: 'sed without -i only reads', dockerfile: `${F}RUN sed 's/x/y/' /etc/passwd > /tmp/passwd`, lines: [] },
  { name: 'creating users the normal way', dockerfile: `${F}RUN groupadd -r app && useradd -r -g app -G audio app`, lines: [] },
  { name: 'OpenShift root group is not an admin group', dockerfile: `${F}RUN useradd -u 1001 -g 0 app`, lines: [] },
  { name: 'installing other packages', dockerfile: `${F}RUN apt-get install -y sudo-ldap-docs-not-real pseudo gosu`, lines: [] },
  { name: 'a package named after sudo in an option', dockerfile: `${F}RUN apt-get install -y -o Debug::pkgProblemResolver=sudo curl`, lines: [] },
  { name: 'writing other files under /etc', dockerfile: `${F}RUN echo "x" > /etc/motd && echo "y" >> /etc/hosts.allow && sed -i 's/a/b/' /etc/nginx/nginx.conf`, lines: [] },
  { name: 'COPY elsewhere', dockerfile: `${F}COPY passwd.txt /app/etc/passwd`, lines: [] },
  { name: 'ssh client config is not sshd config', dockerfile: `${F}RUN echo "StrictHostKeyChecking no" >> /etc/ssh/ssh_config`, lines: [] },
]);

describe('PL2004 messages', () => {
  it('name every change of one instruction, each once', () => {
    const [finding] = lintWith(PL2004, `${F}RUN apt-get install -y sudo && echo "a ALL=(ALL) ALL" >> /etc/sudoers && chmod 777 /app`);
    expect(finding?.message).toBe(
      'OS security configuration changed: writes /etc/sudoers; installs sudo (`apt-get install`); makes files world-writable (`chmod 777`); ask the ops team to review it',
    );
  });
});
