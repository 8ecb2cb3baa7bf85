// Post-processing of a Trunk build (run by scripts/build.sh after `trunk build`):
// adds the Content-Security-Policy meta tag to index.html, with the SHA-256 hash of each
// inline script Trunk emits, and stamps dist/sw.js with the app-shell file list and a
// version derived from the contents of every shipped file.
//   node scripts/postbuild.mjs <dist dir>
// Environment:
//   SYNC_ORIGINS  origins sync may reach, space or comma separated
//                 (e.g. "https://couch.example.org"); default: any https: origin and
//                 http://localhost:* / http://127.0.0.1:*
//   IMG_ORIGINS   extra origins images in knowledge articles may load from (default none)
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const META_RE = /\s*<meta http-equiv="Content-Security-Policy"[^>]*>/i;
// Files that are never part of the shell: the worker itself, and the deep-link fallback
// copy of index.html that build.sh writes for static hosts.
const NOT_SHELL = new Set(['sw.js', '404.html']);

/** Origins from a space/comma separated variable; exits on anything that is not one. */
export function origins(value, name) {
  const list = (value ?? '').split(/[\s,]+/).filter(Boolean);
  for (const o of list) {
    if (!/^(https?|wss?):\/\/[a-z0-9.*-]+(:(\d+|\*))?$/i.test(o)) {
      throw new Error(`${name}: "${o}" is not an origin like https://couch.example.org`);
    }
  }
  return list;
}

/** The SHA-256 CSP source of each inline <script> (one without src) in the page. */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1])) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** The policy, as one line of directives. */
export function policy({ hashes, sync, images }) {
  const connect = sync.length > 0 ? sync : ['https:', 'http://localhost:*', 'http://127.0.0.1:*'];
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self'",
    `img-src 'self' data: blob: ${images.join(' ')}`.trim(),
    "font-src 'self'",
    `connect-src 'self' ${connect.join(' ')}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** index.html with the policy meta tag right after <meta charset>, replacing an old one. */
export function withPolicy(html, csp) {
  const meta = `\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`;
  const clean = html.replace(META_RE, '');
  const charset = /<meta charset="[^"]*"\s*\/?>/i;
  if (!charset.test(clean)) throw new Error('index.html has no <meta charset> to put the policy after');
  return clean.replace(charset, (m) => m + meta);
}

async function files(dir, root = dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path, root)));
    else out.push(relative(root, path).split(sep).join('/'));
  }
  return out.sort();
}

/** sw.js with VERSION and SHELL stamped in. */
export function stampWorker(source, version, shell) {
  const v = /^const VERSION = .*;$/m;
  const s = /^const SHELL = .*;$/m;
  if (!v.test(source) || !s.test(source)) throw new Error('sw.js has no VERSION/SHELL lines to stamp');
  return source.replace(v, `const VERSION = '${version}';`).replace(s, `const SHELL = ${JSON.stringify(shell)};`);
}

async function main(dist) {
  const indexPath = join(dist, 'index.html');
  const html = await readFile(indexPath, 'utf8');
  const csp = policy({
    hashes: inlineScriptHashes(html),
    sync: origins(process.env.SYNC_ORIGINS, 'SYNC_ORIGINS'),
    images: origins(process.env.IMG_ORIGINS, 'IMG_ORIGINS'),
  });
  await writeFile(indexPath, withPolicy(html, csp));

  const shell = (await files(dist)).filter((f) => !NOT_SHELL.has(f));
  const hash = createHash('sha256');
  for (const f of shell) {
    hash.update(`${f}\0`);
    hash.update(await readFile(join(dist, f)));
  }
  const version = hash.digest('hex').slice(0, 16);
  const swPath = join(dist, 'sw.js');
  await writeFile(swPath, stampWorker(await readFile(swPath, 'utf8'), version, shell));
  console.log(`postbuild: CSP added to index.html; sw.js version ${version}, ${shell.length} shell files`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dist = process.argv[2];
  if (!dist) {
    console.error('usage: node scripts/postbuild.mjs <dist dir>');
    process.exit(2);
  }
  main(dist).catch((e) => {
    console.error(`postbuild: ${e.message}`);
    process.exit(1);
  });
}
