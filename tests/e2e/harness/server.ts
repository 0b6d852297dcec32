// Static + tiny dynamic HTTP(S) server for e2e specs.
//
// Serves tests/fixtures/pages/** on 127.0.0.1 with its own port per test (`listen(0)`). Browsers map real-looking
// host names (signin.aliyun.com, ...) to 127.0.0.1, so `url('/login/x.html', { host: 'signin.aliyun.com' })`
// loads the fixture under that name. Built-in dynamic endpoints:
//   any POST                 recorded in `submissions`; answers a page with `<pre id="submitted">{json}</pre>`
//   GET /__echo              JSON of the request (method, url, host header)
//   route(method, path, fn)  custom handlers registered by a spec
// HTTPS (optional) uses a throwaway self-signed certificate generated with `openssl` at runtime.
import { execFileSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSelfSignedCertificate } from '../../../demo/self-signed-cert.mjs';

export const FIXTURE_PAGES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/pages',
);

export interface RecordedRequest {
  method: string;
  /** Path plus query, as the browser sent it. */
  url: string;
  host: string;
  secure: boolean;
}

export interface Submission extends RecordedRequest {
  /** Parsed body: form fields or JSON object; raw text under `_raw` when neither. */
  fields: Record<string, unknown>;
}

export type RouteHandler = (
  request: http.IncomingMessage,
  response: http.ServerResponse,
  body: string,
) => void | Promise<void>;

export interface ServerOptions {
  /** Folder to serve; defaults to tests/fixtures/pages. */
  root?: string;
  /** Also listen with HTTPS on a second port (self-signed certificate). */
  https?: boolean;
}

export interface UrlOptions {
  /** Host name the browser should use (must be mapped to 127.0.0.1 at launch); default 127.0.0.1. */
  host?: string;
  /** Use the HTTPS listener (server must be started with `https: true`). */
  https?: boolean;
}

export interface TestServer {
  readonly port: number;
  /** Undefined when started without `https: true`. */
  readonly httpsPort: number | undefined;
  /** `http://HOST:PORT` (or https). */
  origin(options?: UrlOptions): string;
  /** Absolute URL of a path under the served root, e.g. url('/smoke/otp.html'). */
  url(pathname: string, options?: UrlOptions): string;
  route(method: string, pathname: string, handler: RouteHandler): void;
  readonly requests: readonly RecordedRequest[];
  readonly submissions: readonly Submission[];
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

interface Certificate {
  key: Buffer;
  cert: Buffer;
}

let cachedCertificate: Certificate | undefined;

/** True when `openssl` can be run; HTTPS support needs it. */
export function isOpensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// why: one certificate per test process is enough; browsers are launched to ignore certificate errors.
function selfSignedCertificate(): Certificate {
  cachedCertificate ??= createSelfSignedCertificate();
  return cachedCertificate;
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseFields(contentType: string, body: string): Record<string, unknown> {
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(body));
  }
  if (contentType.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
    } catch {
      // fall through to raw
    }
  }
  return { _raw: body };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function serveStatic(root: string, pathname: string, response: http.ServerResponse): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    response.writeHead(400).end('bad path');
    return;
  }
  let filePath = path.resolve(root, '.' + path.posix.normalize(decoded));
  if (filePath !== root && !filePath.startsWith(root + path.sep)) {
    response.writeHead(403).end('outside root');
    return;
  }
  try {
    if ((await stat(filePath)).isDirectory()) filePath = path.join(filePath, 'index.html');
    const content = await readFile(filePath);
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    response.end(content);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${pathname}`);
  }
}

function listen(server: http.Server | https.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const root = path.resolve(options.root ?? FIXTURE_PAGES_DIR);
  const routes = new Map<string, RouteHandler>();
  const requests: RecordedRequest[] = [];
  const submissions: Submission[] = [];

  const handle =
    (secure: boolean) => async (request: http.IncomingMessage, response: http.ServerResponse) => {
      const method = request.method ?? 'GET';
      const url = request.url ?? '/';
      const recorded: RecordedRequest = { method, url, host: request.headers.host ?? '', secure };
      requests.push(recorded);
      const pathname = new URL(url, 'http://placeholder').pathname;
      try {
        const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(request);
        const custom = routes.get(`${method} ${pathname}`);
        if (custom) {
          await custom(request, response, body);
          return;
        }
        if (method === 'GET' && pathname === '/__echo') {
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(recorded));
          return;
        }
        if (method === 'POST') {
          const fields = parseFields(request.headers['content-type'] ?? '', body);
          submissions.push({ ...recorded, fields });
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          response.end(
            `<!doctype html><title>Submitted</title><pre id="submitted">${escapeHtml(JSON.stringify(fields))}</pre>`,
          );
          return;
        }
        await serveStatic(root, pathname, response);
      } catch (error) {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      }
    };

  const servers: (http.Server | https.Server)[] = [];
  const httpServer = http.createServer((q, r) => void handle(false)(q, r));
  servers.push(httpServer);
  const port = await listen(httpServer);
  let httpsPort: number | undefined;
  if (options.https) {
    if (!isOpensslAvailable()) throw new Error('HTTPS test server needs `openssl` (apt-get install openssl)');
    const httpsServer = https.createServer(selfSignedCertificate(), (q, r) => void handle(true)(q, r));
    servers.push(httpsServer);
    httpsPort = await listen(httpsServer);
  }

  const origin = (urlOptions: UrlOptions = {}): string => {
    const host = urlOptions.host ?? '127.0.0.1';
    if (urlOptions.https) {
      if (httpsPort === undefined) throw new Error('server was started without https: true');
      return `https://${host}:${httpsPort}`;
    }
    return `http://${host}:${port}`;
  };

  return {
    port,
    httpsPort,
    origin,
    url: (pathname, urlOptions) =>
      origin(urlOptions) + (pathname.startsWith('/') ? pathname : `/${pathname}`),
    route: (method, pathname, handler) => void routes.set(`${method.toUpperCase()} ${pathname}`, handler),
    requests,
    submissions,
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              // why: browsers keep idle keep-alive sockets open; close() alone would wait for them.
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}
