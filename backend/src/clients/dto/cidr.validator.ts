import { registerDecorator, type ValidationOptions } from 'class-validator';
import ipaddr from 'ipaddr.js';

/** Dotted-quad IPv4 or IPv6 without a zone id (legacy shorthands like "10" or "1.2.3" are refused). */
const isAddress = (s: string) => ipaddr.IPv4.isValidFourPartDecimal(s) || (s.includes(':') && !s.includes('%') && ipaddr.IPv6.isValid(s));

/** An IPv4/IPv6 address or CIDR range ("10.0.0.0/8", "2001:db8::/32", "203.0.113.7"); no legacy IPv4 shorthands. */
export function isCidrOrAddress(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 64) return false;
  const [address, prefix, extra] = value.split('/');
  if (extra !== undefined || !isAddress(address)) return false;
  if (prefix === undefined) return true;
  const max = address.includes(':') ? 128 : 32;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= max;
}

/** Every element is an IP address or a CIDR range. */
export function IsCidrList(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCidrList',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must hold IPv4/IPv6 addresses or CIDR ranges`, ...options },
      validator: { validate: (value: unknown) => Array.isArray(value) && value.every(isCidrOrAddress) },
    });
}
