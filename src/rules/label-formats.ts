/*
 * Label value formats of hadolint's `label-schema` (DL3052–DL3058). Each check mirrors the Haskell
 * library hadolint calls, so a value passes here exactly when it passes there.
 */
import { SPDX_LICENSE_IDS } from './spdx-license-ids.js';

// ---------- URL: Network.URI.parseURI (RFC 3986 absolute URI, fragment allowed) ----------

const UNRESERVED = "A-Za-z0-9\\-._~";
const SUB_DELIMS = "!$&'()*+,;=";
const PCT = '%[0-9A-Fa-f]{2}';
const PCHAR = `(?:[${UNRESERVED}${SUB_DELIMS}:@]|${PCT})`;
const SEGMENT = `${PCHAR}*`;
const DEC_OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const IPV4 = `${DEC_OCTET}\\.${DEC_OCTET}\\.${DEC_OCTET}\\.${DEC_OCTET}`;
const IP_LITERAL = `\\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\\.[${UNRESERVED}${SUB_DELIMS}:]+)\\]`;
const REG_NAME = `(?:[${UNRESERVED}${SUB_DELIMS}]|${PCT})*`;
const USERINFO = `(?:[${UNRESERVED}${SUB_DELIMS}:]|${PCT})*`;
const AUTHORITY = `(?:${USERINFO}@)?(?:${IP_LITERAL}|${IPV4}|${REG_NAME})(?::[0-9]*)?`;
const HIER_PART =
  `(?://${AUTHORITY}(?:/${SEGMENT})*` + // authority and path-abempty
  `|/(?:${PCHAR}+(?:/${SEGMENT})*)?` + // path-absolute
  `|${PCHAR}+(?:/${SEGMENT})*` + // path-rootless
  `|)`; // path-empty
const QUERY = `(?:${PCHAR}|[/?])*`;
const URI = new RegExp(`^[A-Za-z][A-Za-z0-9+\\-.]*:${HIER_PART}(?:\\?${QUERY})?(?:#${QUERY})?$`);

export function isUri(value: string): boolean {
  return URI.test(value);
}

// ---------- RFC 3339: Data.Time.RFC3339.parseTimeRFC3339 ----------

const RFC3339 = /^\s*(\d{4,})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})\s*$/;

export function isRfc3339(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (hour > 23 || minute > 59 || second > 60) return false; // 60: a leap second
  const zone = m[8]!;
  if (zone.length > 1) {
    const digits = zone.replace(':', '');
    if (Number(digits.slice(1, 3)) > 23 || Number(digits.slice(3, 5)) > 59) return false;
  }
  return true;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// ---------- SPDX: Cabal's LicenseId parser (one identifier of the SPDX list, no expressions) ----------

export function isSpdxLicenseId(value: string): boolean {
  return SPDX_LICENSE_IDS.has(value.replace(/\s+$/, ''));
}

// ---------- git hash (DL3055's own check) ----------

export function isGitHash(value: string): boolean {
  return /^[0-9a-f]*$/.test(value) && (value.length === 40 || value.length === 7);
}

// ---------- semantic version: Data.SemVer.fromText ----------

const IDENTIFIERS = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
const SEMVER = new RegExp(`^\\d+\\.\\d+\\.\\d+(?:-${IDENTIFIERS})?(?:\\+${IDENTIFIERS})?$`);

export function isSemVer(value: string): boolean {
  return SEMVER.test(value);
}

// ---------- e-mail: Text.Email.Validate.isValid (RFC 5322 addr-spec) ----------

const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
const DOT_ATOM = `${ATEXT}+(?:\\.${ATEXT}+)*`;
const QUOTED_STRING = '"(?:[^"\\\\\\r\\n]|\\\\.)*"';
const DOMAIN_LITERAL = '\\[[^\\[\\]\\\\]*\\]';
const EMAIL = new RegExp(`^(?:${DOT_ATOM}|${QUOTED_STRING})@(?:${DOT_ATOM}|${DOMAIN_LITERAL})$`);

export function isEmail(value: string): boolean {
  if (!EMAIL.test(value)) return false;
  const at = value.lastIndexOf('@');
  return at <= 64 && value.length - at - 1 <= 255;
}
