/**
 * Hostile inputs for the injection suite: quote and escape tricks for both dialects, comment markers,
 * stacked statements, placeholders, NUL bytes, Unicode look-alikes and huge strings, each also in a
 * few positions (prefix/suffix) so the payload is not always the whole value.
 */
const BASE: string[] = [
  "'", "''", "'''", '"', '`', '\\', '\\\\', "\\'", "\\\\'", "\\''", "'\\",
  "\\' OR 1=1 -- ", "\\' OR 1=1 #", "' OR '1'='1", "' OR 1=1 -- ", "' OR 1=1 /*", "') OR ('1'='1", "\" OR \"\"=\"",
  "'; DROP TABLE canary; --", "\"; DROP TABLE canary; --", "`; DROP TABLE canary; --", '1; DELETE FROM canary',
  "'; INSERT INTO canary VALUES (666); --", "'; UPDATE victims SET v = 'pwned'; --", "1' UNION SELECT id FROM canary --",
  '1 OR 1=1', '1) OR (1=1', 'admin\'--', "x' AND SLEEP(1) AND 'x'='x", "x'||pg_sleep(1)||'",
  '%', '_', '%%', '%_%', '!', '!%', '!!', 'a%b_c!', '[a-z]%', '\\%', '\\_',
  '--', '-- ', '/*', '*/', '/* */', '#', '/*!50000 DROP TABLE canary*/',
  '$$', '$1', '$tag$', '$$; DROP TABLE canary; $$', '?', '??', ':name', '@v', '{{ x }}', '{% if 1 %}', '${x}',
  '\0', 'a\0b', "'\0'", '\0; DROP TABLE canary; --',
  '\n', '\r\n', '\t', '\b', '\x1a', '\x7f', ' ', 'trailing ', ' leading',
  'NULL', 'null', 'true', 'false', '0', '-1', '1e309', 'NaN', '[1,2]', '{"a":1}', '[]', '{}', '1,2', ',', 'a, b',
  '\u02bc OR 1=1 -- ', '\uff07 OR 1=1 -- ', '\u2019; DROP TABLE canary; --', '\u2032', '\u2018', '\uff02', '\uff3c', '\u00a5', '\u20a9',
  '\u2028', '\u2029', '\ufeff', '\u200b', '\u00ad', 'e\u0301', '\u01c4', '\u0130', '\u00df', '\ud83d\ude42', '\u202e\u0027',
  'x'.repeat(100_000), "'".repeat(10_000), '\\'.repeat(9_999), "\\'".repeat(5_000), 'a%'.repeat(20_000),
];

function build(): string[] {
  const out = new Set<string>();
  for (const b of BASE) {
    out.add(b);
    if (b.length < 1000) {
      out.add(`a${b}`);
      out.add(`${b}z`);
    }
  }
  return [...out];
}

export const HOSTILE_VALUES: string[] = build();
