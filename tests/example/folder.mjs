// The example company's tests read every fact and text from the site folders themselves:
//
// - EXAMPLE: the folder under test, `PORTAL_SITE` (default examples/kahvila-kuu), and its release
//   build `PORTAL_DIST` (default dist-example), made by
//   `PORTAL_SITE=examples/kahvila-kuu scripts/build.sh --dist dist-example`;
// - FIRST: the repository's own company, site/ (Safrent Oy), whose facts must not be in it.

import { readFolder, resolveFromRoot } from '../browser/site-folder.mjs';

export const EXAMPLE_PATH = process.env.PORTAL_SITE ?? 'examples/kahvila-kuu';
export const DIST_PATH = process.env.PORTAL_DIST ?? 'dist-example';
export const DIST = resolveFromRoot(DIST_PATH);
export const EXAMPLE = readFolder(EXAMPLE_PATH);
export const FIRST = readFolder('site', { locales: false });
if (EXAMPLE.dir === FIRST.dir) {
  throw new Error(`PORTAL_SITE=${EXAMPLE_PATH} is the repository's own site/: the example's tests compare another company with it`);
}

/** Where each of the site's languages is served: the first at /, the others at /<code>/. */
export const pathOf = (site, code) => (code === site.languages[0] ? '/' : `/${code}/`);

/** The company's name forms the locale texts use, per language (as the build fills them). */
export function companyForms(site, code) {
  const name = site.controller.name;
  const forms = { company: name.full, company_short: name.short };
  if (code === 'fi' && name.fi) {
    Object.assign(forms, {
      company_genitive: name.fi.full_genitive,
      company_short_genitive: name.fi.genitive,
      company_short_partitive: name.fi.partitive,
      company_short_allative: name.fi.allative,
    });
  }
  if (code === 'sv' && name.sv) {
    Object.assign(forms, { company_genitive: name.sv.full_genitive, company_short_genitive: name.sv.genitive });
  }
  if (code === 'en') Object.assign(forms, { company_genitive: `${name.full}'s`, company_short_genitive: `${name.short}'s` });
  return forms;
}

/** A locale text (`table.key`, e.g. `banner.title`) of `folder` in `code`, company names filled. */
export function text(folder, code, dotted, values = {}) {
  let t = folder.locales[code];
  for (const part of dotted.split('.')) {
    t = t?.[part];
  }
  if (typeof t !== 'string') throw new Error(`${folder.path}/locales/${code}.toml has no text ${dotted}`);
  // Other placeholders ({retention}, {n}…) are left as they are unless `values` gives them.
  return t.replace(/\{([a-z_]+)\}/g, (whole, name) => ({ ...companyForms(folder.site, code), ...values })[name] ?? whole);
}

/** The first Google Analytics 4 service's measurement ID. */
export function measurementId(site) {
  const ga = (site.services ?? []).find((s) => s.kind === 'google-analytics-4');
  if (!ga) throw new Error('the site folder has no google-analytics-4 service');
  return ga.settings.measurement_id;
}

/**
 * The facts that make a site folder one company's and no other's, as [label, value] pairs, each as
 * it can appear in a built site: the origin's host, every form of the name, the street (and the
 * street's name alone), the phone as written, without spaces and in the international form, the
 * e-mail and its domain, the contact person, the business ID, the data protection officer, the
 * measurement IDs (also without "G-", as GA4's session cookie has it) and the reference prefix as
 * references start (`SAF-`).
 */
export function factsOf(site) {
  const facts = [];
  const add = (label, value) => {
    if (typeof value !== 'string' || !value.trim()) return;
    if (value.length < 4) throw new Error(`${label} "${value}" is too short to look for in a build`);
    if (!facts.some(([, v]) => v === value)) facts.push([label, value]);
  };
  const c = site.controller;
  add('origin', new URL(site.origin).host);
  const names = (prefix, table) => {
    for (const [k, v] of Object.entries(table)) {
      if (typeof v === 'string') add(`${prefix}.${k}`, v);
      else if (v && typeof v === 'object') names(`${prefix}.${k}`, v);
    }
  };
  names('controller.name', c.name);
  add('brand.name', site.brand?.name);
  add('controller.street', c.street);
  add('controller.street (name)', c.street?.replace(/\s+\d.*$/, ''));
  add('controller.phone', c.phone);
  if (c.phone) {
    const digits = c.phone.replace(/[^\d+]/g, '');
    add('controller.phone (digits)', digits);
    if (digits.startsWith('0')) add('controller.phone (international)', `+358${digits.slice(1)}`);
  }
  add('controller.email', c.email);
  add('controller.email (domain)', c.email?.split('@')[1]);
  add('controller.contact_person', c.contact_person);
  add('controller.business_id', c.business_id);
  for (const [k, v] of Object.entries(c.dpo ?? {})) add(`controller.dpo.${k}`, v);
  for (const service of site.services ?? []) {
    const id = service.settings?.measurement_id;
    add(`services.${service.id}.settings.measurement_id`, id);
    add(`services.${service.id}.settings.measurement_id (without G-)`, id?.replace(/^G-/, ''));
    add(`services.${service.id}.settings.pixel_id`, service.settings?.pixel_id);
    add(`services.${service.id}.settings.url (host)`, service.settings?.url && new URL(service.settings.url).host);
  }
  add('hosting.provider', site.hosting?.provider);
  add('reference_prefix (as references start)', `${site.reference_prefix}-`);
  return facts;
}
