// A small TOML reader for the site folder's files (site.toml, locales/*.toml), so the example's
// tests read the facts from the files themselves (no npm package, no Rust build). It knows what
// those files use: comments, [tables], [[arrays of tables]], bare/quoted/dotted keys, basic and
// literal strings (also multi-line), integers, floats, booleans, arrays and inline tables. Anything
// else (dates, for one) is an error naming the file and line, never a silent wrong value.

export function parseToml(text, file = 'TOML') {
  let i = 0;
  const root = {};
  let current = root;

  const line = () => text.slice(0, i).split('\n').length;
  const fail = (message) => {
    throw new Error(`${file}:${line()}: ${message}`);
  };
  const peek = () => text[i];
  const skipSpace = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  };
  const skipComment = () => {
    if (text[i] === '#') while (i < text.length && text[i] !== '\n') i++;
  };
  /** Spaces, comments and newlines (inside arrays and between statements). */
  const skipAll = () => {
    for (;;) {
      skipSpace();
      skipComment();
      if (text[i] === '\n' || text[i] === '\r') i++;
      else return;
    }
  };
  const endOfLine = () => {
    skipSpace();
    skipComment();
    if (text[i] === '\r') i++;
    if (i < text.length && text[i] !== '\n') fail(`unexpected ${JSON.stringify(text.slice(i, i + 20))}`);
    i++;
  };

  function basicString() {
    const multi = text.startsWith('"""', i);
    i += multi ? 3 : 1;
    if (multi && text[i] === '\n') i++;
    else if (multi && text.startsWith('\r\n', i)) i += 2;
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      if (multi ? text.startsWith('"""', i) && !text.startsWith('""""', i) : text[i] === '"') {
        i += multi ? 3 : 1;
        return out;
      }
      const c = text[i];
      if (!multi && c === '\n') fail('newline in a string');
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const e = text[i + 1];
      const simple = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
      if (e in simple) {
        out += simple[e];
        i += 2;
      } else if (e === 'u' || e === 'U') {
        const length = e === 'u' ? 4 : 8;
        const hex = text.slice(i + 2, i + 2 + length);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== length) fail(`bad escape \\${e}${hex}`);
        out += String.fromCodePoint(parseInt(hex, 16));
        i += 2 + length;
      } else if (multi && /[ \t\r\n]/.test(e)) {
        // A line-ending backslash: the newline and the whitespace after it are left out.
        i++;
        while (/[ \t\r\n]/.test(text[i])) i++;
      } else {
        fail(`bad escape \\${e}`);
      }
    }
  }

  function literalString() {
    const multi = text.startsWith("'''", i);
    i += multi ? 3 : 1;
    if (multi && text[i] === '\n') i++;
    const end = text.indexOf(multi ? "'''" : "'", i);
    if (end < 0) fail('unterminated string');
    const out = text.slice(i, end);
    if (!multi && out.includes('\n')) fail('newline in a string');
    i = end + (multi ? 3 : 1);
    return out;
  }

  function key() {
    const parts = [];
    for (;;) {
      skipSpace();
      if (peek() === '"') parts.push(basicString());
      else if (peek() === "'") parts.push(literalString());
      else {
        const match = /^[A-Za-z0-9_-]+/.exec(text.slice(i, i + 200));
        if (!match) fail('a key was expected');
        parts.push(match[0]);
        i += match[0].length;
      }
      skipSpace();
      if (peek() !== '.') return parts;
      i++;
    }
  }

  function value() {
    const c = peek();
    if (c === '"') return basicString();
    if (c === "'") return literalString();
    if (c === '[') {
      i++;
      const items = [];
      for (;;) {
        skipAll();
        if (peek() === ']') {
          i++;
          return items;
        }
        items.push(value());
        skipAll();
        if (peek() === ',') i++;
        else if (peek() !== ']') fail('"," or "]" expected in an array');
      }
    }
    if (c === '{') {
      i++;
      const table = {};
      skipSpace();
      if (peek() === '}') {
        i++;
        return table;
      }
      for (;;) {
        const path = key();
        if (peek() !== '=') fail('"=" expected');
        i++;
        skipSpace();
        assign(table, path, value());
        skipSpace();
        if (peek() === ',') {
          i++;
          continue;
        }
        if (peek() === '}') {
          i++;
          return table;
        }
        fail('"," or "}" expected in an inline table');
      }
    }
    const word = /^[^\s,\]}#]+/.exec(text.slice(i, i + 100))?.[0] ?? '';
    if (word === 'true' || word === 'false') {
      i += word.length;
      return word === 'true';
    }
    if (/^[+-]?\d[\d_]*$/.test(word)) {
      i += word.length;
      return Number(word.replaceAll('_', ''));
    }
    if (/^[+-]?\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?$/.test(word)) {
      i += word.length;
      return Number(word.replaceAll('_', ''));
    }
    return fail(`a value this reader does not know: ${JSON.stringify(word || text.slice(i, i + 20))}`);
  }

  function assign(table, path, v) {
    let t = table;
    for (const part of path.slice(0, -1)) {
      if (t[part] === undefined) t[part] = {};
      t = t[part];
      if (typeof t !== 'object' || Array.isArray(t)) fail(`${path.join('.')}: ${part} is not a table`);
    }
    const last = path.at(-1);
    if (Object.hasOwn(t, last)) fail(`${path.join('.')} is given twice`);
    t[last] = v;
  }

  /** The table a header names, made where missing; an array's last table is the one meant. */
  function open(path, isArray) {
    let t = root;
    path.forEach((part, n) => {
      const last = n === path.length - 1;
      if (last && isArray) {
        if (t[part] === undefined) t[part] = [];
        if (!Array.isArray(t[part])) fail(`[[${path.join('.')}]]: not an array of tables`);
        t[part].push({});
        t = t[part].at(-1);
        return;
      }
      if (t[part] === undefined) t[part] = {};
      t = Array.isArray(t[part]) ? t[part].at(-1) : t[part];
      if (typeof t !== 'object') fail(`[${path.join('.')}]: ${part} is not a table`);
    });
    return t;
  }

  for (;;) {
    skipAll();
    if (i >= text.length) return root;
    if (peek() === '[') {
      const isArray = text[i + 1] === '[';
      i += isArray ? 2 : 1;
      const path = key();
      if (!text.startsWith(isArray ? ']]' : ']', i)) fail('"]" expected');
      i += isArray ? 2 : 1;
      current = open(path, isArray);
      endOfLine();
      continue;
    }
    const path = key();
    if (peek() !== '=') fail('"=" expected');
    i++;
    skipSpace();
    assign(current, path, value());
    endOfLine();
  }
}
