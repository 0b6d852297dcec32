// `npm start`: serves the demo console on 127.0.0.1 and opens Chromium with the built extension loaded on
// the demo's first page. Expects `npm run build` to have run (the npm script runs it first). Runs until
// Ctrl+C; then stops the browser it started and deletes its temporary profile.
//
// Environment: DEMO_PORT (default 8765; a free port is used when it is taken), CHROMIUM_PATH (default
// /usr/bin/chromium), DEMO_NO_BROWSER=1 (serve only).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNT, DEMO_PASSWORD, ENROLL_PATH, LOGIN_PATH, startDemoServer } from './server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROME_EXTENSION_DIR = path.join(ROOT, '.output', 'chrome-mv3');
const FIREFOX_EXTENSION_DIR = path.join(ROOT, '.output', 'firefox-mv3');
const PREFERRED_PORT = Number(process.env.DEMO_PORT ?? 8765);
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function startOnPreferredPort() {
  try {
    return await startDemoServer({ port: PREFERRED_PORT });
  } catch (error) {
    if (error?.code !== 'EADDRINUSE') throw error;
    console.log(`Port ${PREFERRED_PORT} is taken; using a free port instead.`);
    return startDemoServer({ port: 0 });
  }
}

function chromiumArgs({ extensionDir, profileDir, headless, url }) {
  const args = [
    `--user-data-dir=${profileDir}`,
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  // why: Chromium refuses to start as root with its sandbox on.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  if (headless) args.push('--headless=new', '--disable-gpu');
  args.push(url);
  return args;
}

function printNextSteps({ enrollUrl, loginUrl, headless, browserStarted }) {
  const lines = [
    '',
    `Demo console: ${enrollUrl}`,
    `  attach virtual MFA device: ${enrollUrl}`,
    `  logon (with MFA step):     ${loginUrl}   user ${DEMO_ACCOUNT}, password ${DEMO_PASSWORD}`,
    '',
  ];
  if (browserStarted && headless) {
    lines.push(
      'No display found (DISPLAY is not set): Chromium runs headless with the extension loaded, so there is',
      'nothing to click here. To try it by hand, load the extension into a browser on a machine with a',
      'display and open the URL above there:',
    );
  } else if (!browserStarted) {
    lines.push('Chromium was not started. Load the extension by hand and open the URL above:');
  }
  if (headless || !browserStarted) {
    lines.push(
      `  Chrome/Chromium: chrome://extensions → Developer mode → Load unpacked → ${CHROME_EXTENSION_DIR}`,
      `  Firefox: about:debugging → This Firefox → Load Temporary Add-on → ${path.join(FIREFOX_EXTENSION_DIR, 'manifest.json')}`,
      '',
    );
  }
  lines.push(
    'Next steps:',
    '  1. Click the extension icon (pin it from the puzzle-piece menu) and create a master password.',
    '  2. On the "绑定虚拟MFA设备 / Attach virtual MFA device" page, open the popup and click',
    '     "Scan QR on this page"; check the issuer (Aliyun) and account, click "Add and fill". The two',
    '     security code fields are filled; click "确定绑定 / Attach".',
    `  3. Go to ${loginUrl}, log on with the user and password above, then click the key button`,
    '     by the security code field and submit: the console welcomes you.',
    '',
    'Press Ctrl+C to stop.',
  );
  console.log(lines.join('\n'));
}

async function main() {
  if (!existsSync(path.join(CHROME_EXTENSION_DIR, 'manifest.json'))) {
    console.error(
      `No built extension at ${CHROME_EXTENSION_DIR}: run \`npm run build\` first (npm start does).`,
    );
    process.exitCode = 1;
    return;
  }
  const demo = await startOnPreferredPort();
  const enrollUrl = demo.url(ENROLL_PATH);
  const loginUrl = demo.url(LOGIN_PATH);

  const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  let browser;
  let profileDir;
  let stopping = false;
  if (process.env.DEMO_NO_BROWSER !== '1' && existsSync(CHROMIUM_PATH)) {
    profileDir = mkdtempSync(path.join(tmpdir(), 'mfa-demo-chromium-'));
    const args = chromiumArgs({ extensionDir: CHROME_EXTENSION_DIR, profileDir, headless, url: enrollUrl });
    // why: Chromium logs a lot of harmless noise on stderr; the demo's own output is what the user needs.
    browser = spawn(CHROMIUM_PATH, args, { stdio: 'ignore' });
    browser.on('error', (error) => console.error(`Could not start ${CHROMIUM_PATH}: ${error.message}`));
    browser.on('exit', (code, signal) => {
      browser = undefined;
      if (!stopping) {
        console.log(`Chromium exited (${signal ?? code}); the demo keeps serving ${enrollUrl} until Ctrl+C.`);
      }
    });
    console.log(`Started ${CHROMIUM_PATH}${headless ? ' headless (no display)' : ''} on ${enrollUrl}`);
  } else if (process.env.DEMO_NO_BROWSER !== '1') {
    console.log(`No Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH to use another one).`);
  }
  printNextSteps({ enrollUrl, loginUrl, headless, browserStarted: browser !== undefined });

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo.');
    if (browser?.pid !== undefined) {
      const exited = new Promise((resolve) => browser?.once('exit', resolve));
      browser.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    }
    await demo.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

await main();
