/**
 * Conversions that keep query results JSON-safe without silent precision loss. Shared by the drivers;
 * each driver applies them per pool/connection, never through a driver's global type registry.
 */

/** Returns a number when `text` converts to one exactly (same decimal value), the text otherwise. */
export function toNumberIfSafe(text: string): number | string {
  // Exponent forms (either side) are not compared digit by digit: keep the exact text.
  if (/e/i.test(text)) return text;
  const n = Number(text);
  if (!Number.isFinite(n) || /e/i.test(String(n))) return text;
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) return text;
  return canonicalDecimal(text) === canonicalDecimal(String(n)) ? n : text;
}

/** Big integers / decimals as strings by default; numbers when the source opts in and they are exact. */
export function bigNumber(text: string, asNumbers: boolean): number | string {
  return asNumbers ? toNumberIfSafe(text) : text;
}

function canonicalDecimal(text: string): string {
  let s = text.trim().toLowerCase();
  let sign = '';
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s[0] === '-' ? '-' : '';
    s = s.slice(1);
  }
  let [int, frac = ''] = s.split('.');
  int = int.replace(/^0+(?=\d)/, '') || '0';
  frac = frac.replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return body === '0' ? '0' : sign + body;
}

/** `2024-01-02 03:04:05.123456+02` → `2024-01-02T03:04:05.123456+02:00` (UTC becomes `Z`). */
export function isoTimestamp(text: string): string {
  if (!/^\d{4,}-\d\d-\d\d[ T]\d/.test(text)) return text; // infinity, BC dates: leave as the server wrote them
  let s = text.replace(' ', 'T');
  const tz = /([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?$/.exec(s.slice(19));
  if (tz) {
    const [whole, sign, hh, mm = '00', ss] = tz;
    s = s.slice(0, s.length - whole.length);
    s += sign === '+' && hh === '00' && mm === '00' && !ss ? 'Z' : `${sign}${hh}:${mm}${ss ? `:${ss}` : ''}`;
  }
  return s;
}

export const base64 = (buf: Buffer | Uint8Array): string => Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('base64');

/** Non-finite floats have no JSON form; keep them as their names instead of letting them become null. */
export function jsonSafeFloat(n: number): number | string {
  return Number.isFinite(n) ? n : String(n);
}
