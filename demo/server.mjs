// A small local "cloud console" for trying the extension end to end: an "attach virtual MFA device" page
// with a fresh secret per session (QR + key text, two consecutive codes checked server-side), and a logon
// with a password step and an MFA step checked against the attached secret. Plain node:http, state in memory
// for one server run, a cookie session per browser. Listens on loopback only.
//
//   const demo = await startDemoServer({ port: 8765 });            // or https: true for a second listener
//   demo.url('/account/mfa/bind')                                  // http://127.0.0.1:8765/account/mfa/bind
//   demo.url('/login', { host: 'signin.aliyun.com', https: true }) // when the browser maps that name
//   demo.events                                                    // [{ kind: 'bind', ok: true, ... }]
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { URL, URLSearchParams } from 'node:url';
import { qrPngDataUrl } from './qr-png.mjs';
import { consolePage, enrolledPage, enrollPage, loginPage, mfaStepPage } from './pages.mjs';
import { createSelfSignedCertificate } from './self-signed-cert.mjs';
import { enrollmentUri, groupKey, newSecretBase32, verifyCode, verifyConsecutiveCodes } from './totp.mjs';

export const DEMO_ACCOUNT = 'demo@1234567890123456';
export const DEMO_PASSWORD = 'demo-password';
export const DEMO_ISSUER = 'Aliyun';
/** The demo's first page: where a newcomer starts. */
export const ENROLL_PATH = '/account/mfa/bind';
export const LOGIN_PATH = '/login';

const SESSION_COOKIE = 'demo_sid';
const MAX_BODY_BYTES = 16 * 1024;
const MAX_SESSIONS = 1000;

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function cookieValue(request, name) {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

/**
 * Starts the demo console. Options: `port` (0 = any free port), `https` (also listen with a self-signed
 * certificate on `httpsPort`, default any free port), `now` (clock in ms, for tests).
 */
export async function startDemoServer(options = {}) {
  const bindHost = '127.0.0.1';
  const now = options.now ?? (() => Date.now());
  /** @type {{ kind: string, ok: boolean, host: string, at: number }[]} */
  const events = [];
  // The one demo user; `mfaSecret` is set once two consecutive codes were accepted.
  const user = { name: DEMO_ACCOUNT, password: DEMO_PASSWORD, mfaSecret: '' };
  /** sid → { pendingSecret, stage: 'anonymous' | 'password-ok' | 'signed-in' } */
  const sessions = new Map();

  const record = (kind, ok, request) =>
    events.push({ kind, ok, host: request.headers.host ?? '', at: now() });

  const sessionFor = (request, response, secure) => {
    const sid = cookieValue(request, SESSION_COOKIE);
    const existing = sid ? sessions.get(sid) : undefined;
    if (existing) return existing;
    // why: a demo left open must not grow without bound; the oldest session goes first.
    if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value);
    const fresh = { pendingSecret: '', stage: 'anonymous' };
    const newSid = randomBytes(18).toString('base64url');
    sessions.set(newSid, fresh);
    response.setHeader(
      'set-cookie',
      `${SESSION_COOKIE}=${newSid}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`,
    );
    return fresh;
  };

  const sendHtml = (response, status, html) => {
    response.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
    });
    response.end(html);
  };
  const redirect = (response, location) =>
    response.writeHead(303, { location, 'cache-control': 'no-store' }).end();

  const renderEnroll = async (session, error) => {
    const uri = enrollmentUri(session.pendingSecret, DEMO_ISSUER, user.name);
    const qrDataUrl = qrPngDataUrl(uri, { margin: 2, side: 200 });
    return enrollPage({
      accountName: user.name,
      qrDataUrl,
      groupedKey: groupKey(session.pendingSecret),
      error,
    });
  };

  const routes = {
    'GET /': (_request, response) => redirect(response, ENROLL_PATH),
    [`GET ${ENROLL_PATH}`]: async (request, response, { session, query }) => {
      const rebind = query.get('rebind') === '1';
      if (user.mfaSecret && !rebind) return sendHtml(response, 200, enrolledPage({ accountName: user.name }));
      if (!session.pendingSecret || rebind) session.pendingSecret = newSecretBase32();
      sendHtml(response, 200, await renderEnroll(session, ''));
    },
    [`POST ${ENROLL_PATH}`]: async (request, response, { session, form }) => {
      if (!session.pendingSecret) return redirect(response, ENROLL_PATH);
      const code1 = (form.get('code1') ?? '').trim();
      const code2 = (form.get('code2') ?? '').trim();
      const ok = verifyConsecutiveCodes(session.pendingSecret, code1, code2, now());
      record('bind', ok, request);
      if (!ok) {
        const error =
          '安全码错误：请输入验证器上连续显示的两个安全码。<br><small>Wrong codes: enter two consecutive codes from the authenticator.</small>';
        return sendHtml(response, 400, await renderEnroll(session, error));
      }
      user.mfaSecret = session.pendingSecret;
      session.pendingSecret = '';
      sendHtml(response, 200, enrolledPage({ accountName: user.name }));
    },
    [`GET ${LOGIN_PATH}`]: (_request, response, { session }) => {
      session.stage = 'anonymous';
      sendHtml(response, 200, loginPage({ accountName: user.name, password: user.password }));
    },
    [`POST ${LOGIN_PATH}`]: (request, response, { session, form }) => {
      const ok = form.get('loginId')?.trim() === user.name && form.get('password') === user.password;
      record('password', ok, request);
      if (!ok) {
        const error = '用户名或密码错误 / Wrong username or password.';
        return sendHtml(response, 401, loginPage({ accountName: user.name, password: user.password, error }));
      }
      session.stage = user.mfaSecret ? 'password-ok' : 'signed-in';
      redirect(response, user.mfaSecret ? `${LOGIN_PATH}/mfa` : '/console');
    },
    [`GET ${LOGIN_PATH}/mfa`]: (_request, response, { session }) => {
      if (session.stage !== 'password-ok') return redirect(response, LOGIN_PATH);
      sendHtml(response, 200, mfaStepPage({ accountName: user.name }));
    },
    [`POST ${LOGIN_PATH}/mfa`]: (request, response, { session, form }) => {
      if (session.stage !== 'password-ok') return redirect(response, LOGIN_PATH);
      const ok = verifyCode(user.mfaSecret, (form.get('checkcode') ?? '').trim(), now());
      record('mfa', ok, request);
      if (!ok) {
        const error = '安全码错误，请重新输入 / Wrong security code, try again.';
        return sendHtml(response, 401, mfaStepPage({ accountName: user.name, error }));
      }
      session.stage = 'signed-in';
      redirect(response, '/console');
    },
    'GET /console': (_request, response, { session }) => {
      if (session.stage !== 'signed-in') return redirect(response, LOGIN_PATH);
      sendHtml(response, 200, consolePage({ accountName: user.name, mfaBound: Boolean(user.mfaSecret) }));
    },
    'POST /logout': (_request, response, { session }) => {
      session.stage = 'anonymous';
      redirect(response, LOGIN_PATH);
    },
  };

  const handle = (secure) => async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://placeholder');
      const route = routes[`${request.method} ${url.pathname}`];
      if (!route) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      const body = request.method === 'POST' ? await readBody(request) : '';
      const session = sessionFor(request, response, secure);
      await route(request, response, { session, query: url.searchParams, form: new URLSearchParams(body) });
    } catch (error) {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(String(error));
    }
  };

  const servers = [];
  const httpServer = http.createServer((q, r) => void handle(false)(q, r));
  servers.push(httpServer);
  const port = await listen(httpServer, options.port ?? 0, bindHost);
  let httpsPort;
  if (options.https) {
    const httpsServer = https.createServer(createSelfSignedCertificate(), (q, r) => void handle(true)(q, r));
    servers.push(httpsServer);
    try {
      httpsPort = await listen(httpsServer, options.httpsPort ?? 0, bindHost);
    } catch (error) {
      httpServer.close();
      throw error;
    }
  }

  const origin = ({ host = bindHost, https: secure = false } = {}) => {
    if (!secure) return `http://${host}:${port}`;
    if (httpsPort === undefined) throw new Error('demo server was started without https: true');
    return `https://${host}:${httpsPort}`;
  };

  return {
    port,
    httpsPort,
    origin,
    url: (pathname, urlOptions) => origin(urlOptions) + pathname,
    events,
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise((resolve) => {
              // why: browsers keep idle keep-alive sockets open; close() alone would wait for them.
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}
