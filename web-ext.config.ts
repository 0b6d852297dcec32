import { defineWebExtConfig } from 'wxt';

// why: `wxt` dev mode would try to launch a browser it downloads; point it at the system Chromium instead.
export default defineWebExtConfig({
  binaries: { chrome: '/usr/bin/chromium', firefox: '/usr/bin/firefox-esr' },
  chromiumArgs: ['--no-sandbox', '--disable-gpu'],
});
