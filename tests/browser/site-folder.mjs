// Reading a site folder (site.toml, locales/*.toml) for the tests, with one maintained TOML
// parser, the npm package smol-toml (TOML 1.0): the browser tests' facts (site.mjs) and the example
// company's tests (tests/example/) both read the folders here. No side effects on import.

import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { parse } from 'smol-toml';
import { ROOT } from './harness.mjs';

/** `path` (absolute, or relative to the repository's root) as an absolute path. */
export const resolveFromRoot = (path) => (isAbsolute(path) ? path : join(ROOT, path));

/** A TOML file, parsed; a syntax error names the file (smol-toml gives the line and column). */
export function readToml(file) {
  const text = readFileSync(file, 'utf8');
  try {
    return parse(text);
  } catch (error) {
    throw new Error(`${relative(ROOT, file)}: ${error.message}`);
  }
}

/**
 * A site folder (`path` absolute or relative to the repository): its site.toml and, with `locales`,
 * the locale file of each of its `languages`.
 */
export function readFolder(path, { locales: withLocales = true } = {}) {
  const dir = resolveFromRoot(path);
  const file = join(dir, 'site.toml');
  if (!existsSync(file)) throw new Error(`${file} does not exist: is ${path} a site folder?`);
  const site = readToml(file);
  const locales = {};
  for (const code of withLocales ? site.languages : []) {
    const locale = join(dir, 'locales', `${code}.toml`);
    if (!existsSync(locale)) throw new Error(`${path}: no locales/${code}.toml for the language ${code}`);
    locales[code] = readToml(locale);
  }
  return { path, dir, site, locales };
}
