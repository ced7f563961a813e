import { executedRuns } from '../dockerfile/facts/executed.js';
import { namesPackage, systemPackageInstall } from '../dockerfile/facts/packages.js';
import type { Rule, RuleHit } from './rule.js';

/**
 * PL2005: a mail transfer agent, an SSH server, or a telnet/ftp/tftp/rsh daemon in an image is a
 * listening service with its own credentials and CVEs; a container rarely needs one, so ops review
 * each. Packages are read from apt-get/apt/aptitude, apk, yum/dnf/microdnf/tdnf, zypper and pacman
 * installs, version pins included (`openssh-server=1:9.2p1-2`, `postfix-3.5.9`).
 */
export const PL2005: Rule = {
  code: 'PL2005', level: 'warning', message: 'A network service ops must review is installed',
  check(dockerfile) {
    const hits: RuleHit[] = [];
    for (const script of executedRuns(dockerfile)) {
      const found: string[] = [];
      for (const command of script.commands) {
        const install = systemPackageInstall(command);
        if (!install) continue;
        for (const word of install.packages) {
          const service = SERVICES.find((s) => provides(s, word, command.name));
          if (service) found.push(`${word} (${service.kind}, \`${command.name} ${install.verb}\`)`);
        }
      }
      if (found.length > 0) {
        hits.push({
          line: script.instruction.line,
          message: `Installs a network service ops must review: ${[...new Set(found)].join(', ')}`,
        });
      }
    }
    return hits;
  },
};

function provides(service: Service, word: string, manager: string): boolean {
  if (service.packages.some((name) => namesPackage(word, name))) return true;
  return manager === 'apk' && service.apkOnly !== undefined && service.apkOnly.some((name) => namesPackage(word, name));
}

interface Service {
  kind: string;
  packages: string[];
  /** Names that mean the server only on Alpine (`openssh` there includes sshd; elsewhere it is the client side). */
  apkOnly?: string[];
}

const SERVICES: Service[] = [
  {
    kind: 'mail transfer agent',
    packages: ['postfix', 'sendmail', 'sendmail-bin', 'sendmail-cf', 'exim', 'exim4', 'exim4-daemon-light', 'exim4-daemon-heavy', 'exim4-base', 'opensmtpd', 'qmail', 'netqmail', 'courier-mta', 'citadel-mta', 'masqmail'],
  },
  { kind: 'SSH server', packages: ['openssh-server', 'openssh-server-pam', 'dropbear', 'dropbear-bin', 'tinyssh'], apkOnly: ['openssh'] },
  { kind: 'telnet server', packages: ['telnetd', 'inetutils-telnetd', 'telnet-server', 'telnetd-ssl', 'busybox-extras-telnetd'] },
  {
    kind: 'FTP server',
    packages: ['vsftpd', 'proftpd', 'proftpd-basic', 'proftpd-core', 'proftpd-mod-mysql', 'pure-ftpd', 'pure-ftpd-common', 'pure-ftpd-mysql', 'ftpd', 'inetutils-ftpd', 'ftpd-ssl', 'tnftpd', 'wu-ftpd'],
  },
  { kind: 'TFTP server', packages: ['tftpd', 'tftpd-hpa', 'tftp-server', 'atftpd'] },
  { kind: 'rsh/rlogin server', packages: ['rsh-server', 'rsh-redone-server', 'rlogin-server'] },
];
