// The sentences of the controller's original notice, as the page must show them: read from
// notice/source/*.txt, with the fixes listed in notice/README.md applied.

import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT, fold } from './harness.mjs';

/** The site folder the build is of: $PORTAL_SITE (absolute or relative to the repository), by default site/. */
const SITE = resolve(ROOT, process.env.PORTAL_SITE || 'site');

/** The "| `original` | `fixed` | why |" rows of notice/README.md. */
export function listedFixes() {
  const readme = readFileSync(join(SITE, 'notice', 'README.md'), 'utf8');
  const fixes = [];
  for (const line of readme.split('\n')) {
    const match = line.match(/^\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|/);
    if (match) fixes.push([match[1], match[2]]);
  }
  if (fixes.length === 0) throw new Error('notice/README.md lists no fixes: has its table changed?');
  return fixes;
}

function decode(text) {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Every heading and every sentence of the original, in order. */
export function originalSentences() {
  const dir = join(SITE, 'notice', 'source');
  const [file] = readdirSync(dir).filter((name) => name.endsWith('.txt'));
  let text = readFileSync(join(dir, file), 'utf8');
  for (const [from, to] of listedFixes()) text = text.split(from).join(to);

  const units = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('# ')) {
      units.push(line.slice(2));
      continue;
    }
    // A field: "<b>Label</b>\tcontent"; a line starting with a tab continues the previous field.
    const field = line.match(/^<b>(.*?)<\/b>\t?(.*)$/);
    const content = field ? field[2] : line;
    if (field) units.push(field[1]);
    // Paragraphs, list items and inline bold are units of their own.
    for (const part of content.split(/<\/?(?:p|li|ul|b)\b[^>]*>/)) {
      const plain = fold(decode(part.replace(/<[^>]+>/g, ' '))).replace(/^- /, '');
      if (plain) units.push(plain);
    }
  }
  // Split units into sentences: after . ! ? when a capital letter, digit or quote follows.
  return units.flatMap((unit) => unit.split(/(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9"])/)).map(fold).filter(Boolean);
}
