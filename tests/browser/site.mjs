// Facts of the site the tests read from their one source, the site folder (`PORTAL_SITE`, by
// default site/): the controller, the measurement ID. Changing them there does not break a test.
// site.toml is read by site-folder.mjs (the npm package smol-toml, TOML 1.0); a fact that is
// missing throws, naming the file and the field.

import { join, relative } from 'node:path';
import { ROOT } from './harness.mjs';
import { readFolder } from './site-folder.mjs';

/** The site folder the build under test is of. */
export const FOLDER = readFolder(process.env.PORTAL_SITE || 'site', { locales: false });
const file = relative(ROOT, join(FOLDER.dir, 'site.toml'));

/** The value at `dotted` (e.g. `controller.name.full`) of `table`; missing throws unless `optional`. */
function fact(table, dotted, { optional = false, where = '' } = {}) {
  let value = table;
  for (const part of dotted.split('.')) value = value?.[part];
  if (value === undefined && !optional) throw new Error(`${file}: ${where}${dotted} not found (the tests read it from there)`);
  return value;
}
const site = FOLDER.site;

/** The site's Google Analytics 4 service (the tests drive its tag). */
const ga4 = (site.services ?? []).find((s) => s.kind === 'google-analytics-4');
if (!ga4) throw new Error(`${file}: no [[services]] of kind "google-analytics-4" (the tests drive its tag)`);
const gaFact = (dotted, { optional = false } = {}) => fact(ga4, dotted, { optional, where: `[[services]] id = "${ga4.id}": ` });

/** The controller as the pages, the banner and the letter name it. */
export const CONTROLLER = {
  name: fact(site, 'controller.name.full'),
  short: fact(site, 'controller.name.short'),
  /** Finnish forms: full_genitive, genitive, partitive, allative. */
  fi: {
    genitive: fact(site, 'controller.name.fi.genitive', { optional: true }),
    partitive: fact(site, 'controller.name.fi.partitive', { optional: true }),
    allative: fact(site, 'controller.name.fi.allative', { optional: true }),
  },
  sv: { genitive: fact(site, 'controller.name.sv.genitive', { optional: true }) },
  street: fact(site, 'controller.street'),
  postcode: fact(site, 'controller.postcode', { optional: true }),
  town: fact(site, 'controller.town'),
  phone: fact(site, 'controller.phone'),
  email: fact(site, 'controller.email'),
  contact: fact(site, 'controller.contact_person'),
  contact_person: fact(site, 'controller.contact_person'),
};
/** The postal address on one line, as the site folder's `Controller::address` writes it. */
CONTROLLER.address = [CONTROLLER.street, [CONTROLLER.postcode, CONTROLLER.town].filter(Boolean).join(' ')].join(', ');

/** The reference codes' prefix, e.g. `SAF`. */
export const REFERENCE_PREFIX = fact(site, 'reference_prefix');
/** How many months Google Analytics keeps the data, and a choice holds. */
export const RETENTION_MONTHS = gaFact('settings.data_retention_months');
export const CHOICE_MONTHS = fact(site, 'consent.record_months');

/** Whether Google's cookies are shared with the parent domain (default: this host only). */
export const SHARE_COOKIES = gaFact('settings.share_cookies_with_parent_domain', { optional: true }) ?? false;
/** The measurement ID, "G-…". */
export const MEASUREMENT_ID = gaFact('settings.measurement_id');
/** The session cookie GA4 sets for it: `_ga_` and the ID without "G-". */
export const CONTAINER_COOKIE = `_ga_${MEASUREMENT_ID.slice(2)}`;
/** The throttling cookie gtag.js sets for it: `_gat_gtag_` and the ID with `-` as `_`. */
export const THROTTLE_COOKIE = `_gat_gtag_${MEASUREMENT_ID.replaceAll('-', '_')}`;

/** `text` as a regular expression matching it literally. */
export const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with the characters a regular expression gives meaning to escaped. */
export const escapeRegExp = literal;

/** Where the site is published (scheme and host), e.g. "https://tietosuoja.example.fi". */
export const ORIGIN = fact(site, 'origin');

/** A reference code, as a regular expression's source (Crockford base32, no I L O U). */
export const REFERENCE = `${literal(REFERENCE_PREFIX)}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}`;
