/**
 * Sizes of a built extension folder per entrypoint. An HTML page's initial JS is every script it loads plus
 * everything those import statically (transitively); chunks reached only through `import()` are lazy.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FileSize {
  rawBytes: number;
  gzipBytes: number;
}

export interface EntrySize extends FileSize {
  entry: string;
  files: string[];
}

export function sizeOf(files: readonly string[], root: string): FileSize {
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(path.join(root, file));
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { rawBytes, gzipBytes };
}

function listFiles(root: string, dir = ''): string[] {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full).flatMap((name) => {
    const relative = path.posix.join(dir, name);
    return statSync(path.join(root, relative)).isDirectory() ? listFiles(root, relative) : [relative];
  });
}

/** Static imports of an ES module (`import … from "x"`, `import "x"`, `export … from "x"`), not `import()`. */
export function staticImports(source: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|[^.\w$])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.m?js)["']/g;
  for (const match of source.matchAll(pattern)) if (match[1]) found.push(match[1]);
  return found;
}

function resolveFrom(root: string, fromFile: string, specifier: string): string {
  return specifier.startsWith('/')
    ? specifier.slice(1)
    : path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
}

/** JS files an HTML page loads before anything lazy: its scripts, modulepreloads and their static imports. */
export function initialScriptsOfPage(root: string, htmlFile: string): { js: string[]; css: string[] } {
  const html = readFileSync(path.join(root, htmlFile), 'utf8');
  const js = new Set<string>();
  const queue = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => resolveFrom(root, htmlFile, m[1] ?? ''));
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (js.has(file) || !existsSync(path.join(root, file))) continue;
    js.add(file);
    const source = readFileSync(path.join(root, file), 'utf8');
    queue.push(...staticImports(source).map((specifier) => resolveFrom(root, file, specifier)));
  }
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) =>
    resolveFrom(root, htmlFile, m[1] ?? ''),
  );
  return { js: [...js], css };
}

/** Per entrypoint: each HTML page (initial JS, CSS), background, each content script, then lazy chunks. */
export function entrypointSizes(root: string): EntrySize[] {
  const files = listFiles(root);
  const entries: EntrySize[] = [];
  const claimed = new Set<string>();
  for (const html of files.filter((f) => f.endsWith('.html'))) {
    const name = html.replace(/\.html$/, '');
    const { js, css } = initialScriptsOfPage(root, html);
    js.forEach((f) => claimed.add(f));
    entries.push({ entry: `${name} JS (initial)`, files: js, ...sizeOf(js, root) });
    if (css.length > 0) entries.push({ entry: `${name} CSS`, files: css, ...sizeOf(css, root) });
    entries.push({ entry: `${name}.html`, files: [html], ...sizeOf([html], root) });
  }
  for (const file of files.filter((f) => /^background\.js$|^content-scripts\/.+\.js$/.test(f))) {
    claimed.add(file);
    entries.push({ entry: file.replace(/\.js$/, ''), files: [file], ...sizeOf([file], root) });
  }
  const lazy = files.filter((f) => f.endsWith('.js') && !claimed.has(f));
  for (const file of lazy)
    entries.push({ entry: `lazy chunk ${file}`, files: [file], ...sizeOf([file], root) });
  return entries;
}
