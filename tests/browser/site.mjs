// Facts of the site the tests read from their one source, the site folder (`PORTAL_SITE`, by
// default site/): the controller, the measurement ID. Changing them there does not break a test.
// site.toml is read for its plain `key = "text"` / `key = number` lines only (what these tests
// need); a fact that is missing throws, naming it.

import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ROOT } from './harness.mjs';

const folder = process.env.PORTAL_SITE
  ? (isAbsolute(process.env.PORTAL_SITE) ? process.env.PORTAL_SITE : join(ROOT, process.env.PORTAL_SITE))
  : join(ROOT, 'site');
const file = join(folder, 'site.toml');

/** `table.key` -> value, for the first of each array of tables. */
function facts(text) {
  const out = new Map();
  let table = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = line.match(/^\[\[?([A-Za-z0-9_.-]+)\]\]?$/);
    if (header) { table = header[1]; continue; }
    const pair = line.match(/^([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|(\d+))\s*(?:#.*)?$/);
    const key = pair && (table ? `${table}.${pair[1]}` : pair[1]);
    if (pair && !out.has(key)) out.set(key, pair[2] !== undefined ? JSON.parse(`"${pair[2]}"`) : Number(pair[3]));
  }
  return out;
}

const all = facts(readFileSync(file, 'utf8'));
function fact(key, optional = false) {
  if (!all.has(key) && !optional) throw new Error(`${file}: ${key} not found (the tests read it from there)`);
  return all.get(key);
}

/** The controller as the pages, the banner and the letter name it. */
export const CONTROLLER = {
  name: fact('controller.name.full'),
  short: fact('controller.name.short'),
  /** Finnish forms: full_genitive, genitive, partitive, allative. */
  fi: {
    genitive: fact('controller.name.fi.genitive', true),
    partitive: fact('controller.name.fi.partitive', true),
    allative: fact('controller.name.fi.allative', true),
  },
  sv: { genitive: fact('controller.name.sv.genitive', true) },
  street: fact('controller.street'),
  postcode: fact('controller.postcode', true),
  town: fact('controller.town'),
  phone: fact('controller.phone'),
  email: fact('controller.email'),
  contact: fact('controller.contact_person'),
  contact_person: fact('controller.contact_person'),
};
/** The postal address on one line, as the site folder's `Controller::address` writes it. */
CONTROLLER.address = [CONTROLLER.street, [CONTROLLER.postcode, CONTROLLER.town].filter(Boolean).join(' ')].join(', ');

/** The reference codes' prefix, e.g. `SAF`. */
export const REFERENCE_PREFIX = fact('reference_prefix');
/** How many months Google Analytics keeps the data, and a choice holds. */
export const RETENTION_MONTHS = fact('services.settings.data_retention_months');
export const CHOICE_MONTHS = fact('consent.record_months');

/** The measurement ID, "G-…". */
export const MEASUREMENT_ID = fact('services.settings.measurement_id');
/** The session cookie GA4 sets for it: `_ga_` and the ID without "G-". */
export const CONTAINER_COOKIE = `_ga_${MEASUREMENT_ID.slice(2)}`;
/** The throttling cookie gtag.js sets for it: `_gat_gtag_` and the ID with `-` as `_`. */
export const THROTTLE_COOKIE = `_gat_gtag_${MEASUREMENT_ID.replaceAll('-', '_')}`;

/** `text` as a regular expression matching it literally. */
export const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with the characters a regular expression gives meaning to escaped. */
export const escapeRegExp = literal;

/** Where the site is published (scheme and host), e.g. "https://tietosuoja.example.fi". */
export const ORIGIN = fact('origin');

/** A reference code, as a regular expression's source (Crockford base32, no I L O U). */
export const REFERENCE = `${literal(REFERENCE_PREFIX)}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}`;
