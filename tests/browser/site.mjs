// The browser tests' one fixture of the site's facts: the controller, the measurement ID, the
// storage key and the reference prefix, each read from its one home, so changing a fact there does
// not break a test and no test file spells a fact out.
//
// NOTE (issue 15): the facts move to the site folder's `site/site.toml` (helper "sitefolder"). Until
// it lands they are read from where they live today: the controller from the Finnish notice's front
// matter (notice/fi.md, `[controller]`), the origin from deploy/site.toml, the measurement ID from src/consent/catalogue.rs, the
// storage key from src/consent/record.rs and the reference prefix from src/request/reference.rs.
// When site/site.toml exists, read them from it here, and only here.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

/** The first group of `pattern` in `file` (relative to the repository), or a clear error. */
function find(file, pattern, what) {
  const match = readFileSync(join(ROOT, file), 'utf8').match(pattern);
  if (!match) throw new Error(`${what} not found in ${file} (by ${pattern}): has it moved? Update tests/browser/site.mjs`);
  return match[1];
}

/** The `key = "value"` lines of one table of the TOML front matter of a notice. */
function frontMatterTable(file, table) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const front = text.match(/^\+\+\+\n([\s\S]*?)\n\+\+\+/);
  if (!front) throw new Error(`${file} has no +++ front matter`);
  const values = {};
  let inTable = false;
  for (const line of front[1].split('\n')) {
    const header = line.match(/^\[(.+)\]\s*$/);
    if (header) {
      inTable = header[1] === table;
      continue;
    }
    const pair = line.match(/^(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/);
    if (inTable && pair) values[pair[1]] = JSON.parse(`"${pair[2]}"`);
  }
  for (const key of ['name', 'address', 'phone', 'email', 'contact_person']) {
    if (!values[key]) throw new Error(`${file}: [${table}] has no ${key}`);
  }
  return values;
}

/** The controller: { name, address, phone, email, contact_person }. */
export const CONTROLLER = Object.freeze(frontMatterTable(join('notice', 'fi.md'), 'controller'));

/** Where the site is published (scheme and host), e.g. "https://tietosuoja.example.fi". */
export const ORIGIN = find(join('deploy', 'site.toml'), /^origin = "(https:\/\/[^"]+)"$/m, 'origin');

/** The measurement ID, "G-…". */
export const MEASUREMENT_ID = find(join('src', 'consent', 'catalogue.rs'), /pub const GA_MEASUREMENT_ID: &str = "(G-[A-Z0-9]+)";/, 'GA_MEASUREMENT_ID');
/** The session cookie GA4 sets for it: `_ga_` and the ID without "G-". */
export const CONTAINER_COOKIE = `_ga_${MEASUREMENT_ID.slice(2)}`;

/** The localStorage key of the consent record. */
export const STORAGE_KEY = find(join('src', 'consent', 'record.rs'), /pub const STORAGE_KEY: &str = "([^"]+)";/, 'STORAGE_KEY');

/** The reference code's prefix, e.g. "SAF" (a code reads "SAF-7K3Q-9XMD"). */
export const REFERENCE_PREFIX = find(join('src', 'request', 'reference.rs'), /format!\("([A-Z]+)-\{\}-\{\}"/, 'the reference prefix');

/** `text` with the characters a regular expression gives meaning to escaped. */
export const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A reference code, as a regular expression's source (Crockford base32, no I L O U). */
export const REFERENCE = `${escapeRegExp(REFERENCE_PREFIX)}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}`;
