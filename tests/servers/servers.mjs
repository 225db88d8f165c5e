// Debian's nginx, Apache and Caddy, each started on 127.0.0.1 (a free port) with the site's
// generated configuration from deploy/, as the README's deploy recipes set them up, in a
// temporary folder of its own: nothing of /etc is changed, nothing starts at boot, and each is
// stopped after (scripts/test.sh also kills what a crashed run left, from SERVERS_PIDFILE).

import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ORIGIN } from '../browser/site.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const deploy = (name) => readFileSync(join(ROOT, 'deploy', name), 'utf8');

/** `text` with `from` replaced by `to`; `from` must be there exactly once. */
function replaceOnce(text, from, to) {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`expected exactly one "${from}" in the deploy configuration`);
  return parts.join(to);
}

export async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/** Resolves once something accepts connections on the port, or rejects when `child` exits first. */
async function listening(port, child, log) {
  const deadline = Date.now() + 15_000;
  let exited = null;
  child.once('exit', (code) => (exited = code));
  for (;;) {
    if (exited !== null) throw new Error(`the server stopped (exit ${exited}): ${log()}`);
    const ok = await new Promise((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); done(true); });
      socket.once('error', () => done(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${port}: ${log()}`);
    // Polling a condition (not a fixed wait): the servers say nothing when they are ready.
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** Starts `command args` and waits until it listens on `port`; `stop()` ends it. */
async function run(name, command, args, port, dir, env = {}) {
  let output = '';
  const child = spawn(command, args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  if (process.env.SERVERS_PIDFILE) appendFileSync(process.env.SERVERS_PIDFILE, `${child.pid}\n`);
  const kill = () => child.exitCode === null && child.kill('SIGTERM');
  process.once('exit', kill);
  const log = () => `${output}${readLogs(dir)}`;
  await listening(port, child, log).catch((error) => { kill(); throw error; });
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLogs(dir) {
  try {
    return readFileSync(join(dir, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}

/**
 * nginx with deploy/nginx.conf (its `server` block in an `http { }` as Debian's nginx.conf has)
 * and deploy/nginx-security-headers.conf, and Debian's brotli_static module. `root` is the folder
 * served at `/`.
 */
export async function startNginx(root) {
  const dir = mkdtempSync(join(tmpdir(), 'nginx-'));
  const port = await freePort();
  let site = deploy('nginx.conf');
  site = replaceOnce(site, 'listen 80;', `listen 127.0.0.1:${port};`);
  site = replaceOnce(site, 'root /srv/privacy-portal/dist;', `root ${root};`);
  site = replaceOnce(
    site,
    'include /etc/nginx/snippets/privacy-portal-security-headers.conf;',
    `include ${join(ROOT, 'deploy/nginx-security-headers.conf')};`,
  );
  return runNginx(dir, port, site, {
    head: 'load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;',
    http: 'access_log off;\n    default_type application/octet-stream;',
  });
}

/** nginx in `dir` on `port` with `site` in its http block (and `head`, `http` lines): every path
 * it writes in `dir`, as Debian's nginx.conf would have them elsewhere. */
function runNginx(dir, port, site, { head = '', http = '' }) {
  for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, temp));
  writeFileSync(
    join(dir, 'nginx.conf'),
    `${head}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
    ${http}
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
${site}
}
`,
  );
  return run('nginx', '/usr/sbin/nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir, '-g', 'daemon off;'], port, dir);
}

/**
 * nginx with deploy/portal-server/nginx-proxy.conf in front of `upstream` (portal-server's
 * address), without TLS (the test listens on 127.0.0.1 over HTTP) and with its access log in its
 * own folder (`accessLog()` reads it).
 */
export async function startNginxProxy(upstream) {
  const dir = mkdtempSync(join(tmpdir(), 'nginx-proxy-'));
  const port = await freePort();
  let site = readFileSync(join(ROOT, 'deploy/portal-server/nginx-proxy.conf'), 'utf8');
  site = replaceOnce(site, 'listen 443 ssl http2;', `listen 127.0.0.1:${port};`);
  site = site.replace(/^\s*ssl_certificate.*$/gm, '');
  site = site.replaceAll('proxy_pass http://127.0.0.1:8080;', `proxy_pass ${upstream};`);
  const server = await runNginx(dir, port, site, { http: `access_log ${dir}/access.log;` });
  return { ...server, accessLog: () => (existsSync(join(dir, 'access.log')) ? readFileSync(join(dir, 'access.log'), 'utf8') : '') };
}

/**
 * Apache with Debian's enabled modules and configuration of mime types, plus what the README
 * says to enable (`a2enmod headers rewrite`, here as LoadModule lines unless `withoutHeaders`),
 * and `AllowOverride` as the README says, so that dist/.htaccess does the rest.
 */
export async function startApache(root, { withoutHeaders = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'apache-'));
  const port = await freePort();
  const modules = ['rewrite', ...(withoutHeaders ? [] : ['headers'])]
    .map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`)
    .join('\n');
  writeFileSync(
    join(dir, 'apache2.conf'),
    `ServerRoot /etc/apache2
DefaultRuntimeDir ${dir}
PidFile ${dir}/apache2.pid
Mutex file:${dir} default
ErrorLog ${dir}/error.log
LogLevel warn
User www-data
Group www-data
Listen 127.0.0.1:${port}
ServerName 127.0.0.1
Include /etc/apache2/mods-enabled/*.load
Include /etc/apache2/mods-enabled/*.conf
${modules}
<Directory />
    Options FollowSymLinks
    AllowOverride None
    Require all denied
</Directory>
AccessFileName .htaccess
<FilesMatch "^\\.ht">
    Require all denied
</FilesMatch>
DocumentRoot ${root}
<Directory ${root}>
    Options FollowSymLinks
    AllowOverride ${apacheAllowOverride()}
    Require all granted
</Directory>
`,
  );
  return run('apache', '/usr/sbin/apache2', ['-f', join(dir, 'apache2.conf'), '-DFOREGROUND'], port, dir, {
    APACHE_RUN_DIR: dir,
    APACHE_LOCK_DIR: dir,
    APACHE_LOG_DIR: dir,
    APACHE_PID_FILE: join(dir, 'apache2.pid'),
    APACHE_RUN_USER: 'www-data',
    APACHE_RUN_GROUP: 'www-data',
  });
}

/** The `AllowOverride` the README's Apache recipe and deploy/.htaccess name. */
export function apacheAllowOverride() {
  const line = deploy('.htaccess').match(/`AllowOverride ([^`]+)`/);
  if (!line) throw new Error('deploy/.htaccess does not say which AllowOverride it needs');
  return line[1];
}

/** Caddy with deploy/Caddyfile, its address made http://127.0.0.1:<port> with `bind 127.0.0.1`
 * as the README says, the admin endpoint off. */
export async function startCaddy(root) {
  const dir = mkdtempSync(join(tmpdir(), 'caddy-'));
  const port = await freePort();
  let site = deploy('Caddyfile');
  // The site's address: the Caddyfile's first line that opens a block after the comments.
  const address = site.split('\n').find((line) => !line.startsWith('#') && line.endsWith(' {'));
  if (!address) throw new Error('deploy/Caddyfile has no site address block');
  site = replaceOnce(site, address, `http://127.0.0.1:${port} {\n\tbind 127.0.0.1`);
  site = replaceOnce(site, 'root * /srv/privacy-portal/dist', `root * ${root}`);
  writeFileSync(join(dir, 'Caddyfile'), `{\n\tadmin off\n\tauto_https off\n}\n${site}`);
  return run('caddy', '/usr/bin/caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], port, dir, {
    HOME: dir,
    XDG_DATA_HOME: dir,
    XDG_CONFIG_HOME: dir,
  });
}

/** A folder that holds `build` (an absolute path) under `prefix` ("/tietosuoja"), to serve a sub-path build at its root. */
export function underPrefix(build, prefix) {
  const dir = mkdtempSync(join(tmpdir(), 'subpath-'));
  // The servers' workers (nobody, www-data) must get through it.
  chmodSync(dir, 0o755);
  symlinkSync(build, join(dir, prefix.replace(/^\//, '')));
  return { root: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const SERVERS = { nginx: startNginx, apache: startApache, caddy: startCaddy };

/** A raw GET or HEAD (no fetch: it would decompress, and refuse malformed addresses): status,
 * headers, and the body as sent. */
export function get(url, headers = {}, method = 'GET') {
  const { hostname, port, pathname, search } = new URL(url);
  return new Promise((ok, fail) => {
    const req = request({ hostname, port, path: pathname + search, headers, method }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    // A server that never answers fails the test instead of hanging it.
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${url}`)));
    req.on('error', fail);
    req.end();
  });
}

/** Every file of `dir` (relative paths), without the build's .br and .gz siblings. */
export function filesOf(dir, base = '') {
  const out = [];
  for (const entry of readdirSync(join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...filesOf(dir, rel));
    else if (!/\.(br|gz)$/.test(entry.name)) out.push(rel);
  }
  return out.sort();
}
