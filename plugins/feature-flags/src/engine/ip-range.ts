/** An IPv4 (4 bytes) or IPv6 (16 bytes) address. */
export interface IpAddress {
  version: 4 | 6;
  bytes: Uint8Array;
}

/** An address range: `address/prefixLength`; a bare address is a range of one. */
export interface IpRange {
  address: IpAddress;
  prefixLength: number;
}

const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

/**
 * Parses an IPv4 or IPv6 address. IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`, as Node
 * reports IPv4 clients on a dual-stack socket) come back as IPv4. Undefined when invalid.
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const bytes = parseIpv6(trimmed);
    if (!bytes) return undefined;
    if (isIpv4Mapped(bytes)) return { version: 4, bytes: bytes.slice(12) };
    return { version: 6, bytes };
  }
  const bytes = parseIpv4(trimmed);
  return bytes ? { version: 4, bytes } : undefined;
}

/** Parses `address` or `address/prefixLength`; undefined when invalid. */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const address = parseIpAddress(addressText);
  if (!address) return undefined;
  const maxPrefix = address.version === 4 ? 32 : 128;
  if (slash === -1) return { address, prefixLength: maxPrefix };
  const prefixText = text.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  let prefixLength = Number(prefixText);
  // A mapped IPv6 range (::ffff:a.b.c.d/120) applies to the IPv4 address it maps.
  if (address.version === 4 && addressText.includes(':')) prefixLength -= 96;
  if (prefixLength < 0 || prefixLength > maxPrefix) return undefined;
  return { address, prefixLength };
}

export function ipRangeContains(range: IpRange, address: IpAddress): boolean {
  if (range.address.version !== address.version) return false;
  const fullBytes = range.prefixLength >>> 3;
  for (let i = 0; i < fullBytes; i++) {
    if (range.address.bytes[i] !== address.bytes[i]) return false;
  }
  const remainingBits = range.prefixLength & 7;
  if (remainingBits === 0) return true;
  const mask = (0xff << (8 - remainingBits)) & 0xff;
  return (range.address.bytes[fullBytes] & mask) === (address.bytes[fullBytes] & mask);
}

/** Dotted-quad IPv4, decimal parts 0..255 without leading zeros; scanned by hand (it runs per request). */
function parseIpv4(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(4);
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0x2e; // a final '.' closes the last part
    if (code === 0x2e) {
      if (digits === 0 || part > 3) return undefined;
      bytes[part++] = value;
      value = 0;
      digits = 0;
    } else if (code >= 0x30 && code <= 0x39) {
      if (digits > 0 && value === 0) return undefined; // leading zero
      value = value * 10 + (code - 0x30);
      if (value > 255) return undefined;
      digits++;
    } else {
      return undefined;
    }
  }
  return part === 4 ? bytes : undefined;
}

function parseIpv6(text: string): Uint8Array | undefined {
  if (text.includes('%')) return undefined; // zone ids are link-local only
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const compressed = halves.length === 2;
  // An embedded IPv4 address may only end the address.
  const head = parseIpv6Groups(halves[0], !compressed);
  const tail = compressed ? parseIpv6Groups(halves[1], true) : [];
  if (!head || !tail) return undefined;
  if (compressed ? head.length + tail.length > 7 : head.length !== 8) return undefined;
  const bytes = new Uint8Array(16);
  head.forEach((word, i) => writeWord(bytes, i, word));
  tail.forEach((word, i) => writeWord(bytes, 8 - tail.length + i, word));
  return bytes;
}

/** The 16-bit words of colon-separated groups; an embedded IPv4 address counts as two. */
function parseIpv6Groups(text: string, ipv4AllowedAtEnd: boolean): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  const words: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i];
    if (ipv4AllowedAtEnd && i === groups.length - 1 && group.includes('.')) {
      const ipv4 = parseIpv4(group);
      if (!ipv4) return undefined;
      words.push((ipv4[0] << 8) | ipv4[1], (ipv4[2] << 8) | ipv4[3]);
    } else {
      if (!IPV6_GROUP.test(group)) return undefined;
      words.push(parseInt(group, 16));
    }
  }
  return words;
}

function writeWord(bytes: Uint8Array, index: number, word: number): void {
  bytes[index * 2] = word >>> 8;
  bytes[index * 2 + 1] = word & 0xff;
}

function isIpv4Mapped(bytes: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}
