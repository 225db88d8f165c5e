// Facts of the site the tests read from their one source, so changing them there does not break
// a test: the Google Analytics measurement ID (src/consent/catalogue.rs, the one place to set it).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

const catalogue = readFileSync(join(ROOT, 'src', 'consent', 'catalogue.rs'), 'utf8');
const id = catalogue.match(/pub const GA_MEASUREMENT_ID: &str = "(G-[A-Z0-9]+)";/);
if (!id) throw new Error('GA_MEASUREMENT_ID not found in src/consent/catalogue.rs: has it moved?');

/** The measurement ID, "G-…". */
export const MEASUREMENT_ID = id[1];
/** The session cookie GA4 sets for it: `_ga_` and the ID without "G-". */
export const CONTAINER_COOKIE = `_ga_${MEASUREMENT_ID.slice(2)}`;
/** The throttling cookie gtag.js sets for it: `_gat_gtag_` and the ID with `-` as `_`. */
export const THROTTLE_COOKIE = `_gat_gtag_${MEASUREMENT_ID.replaceAll('-', '_')}`;
