// Service icons in the popup: bundled brand icons for known issuers, a lettered tile for the others, loaded
// from the extension itself. No request leaves the extension while the popup shows them.
import { expect, test } from './harness/fixtures';
import { seedVault, tid, waitForState } from './steps/popup';

const ACCOUNTS = [
  {
    uri: 'otpauth://totp/GitHub:alice?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=GitHub',
    icon: 'github',
  },
  {
    uri: 'otpauth://totp/Aliyun:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Aliyun',
    icon: 'alibabacloud',
  },
  { uri: 'otpauth://totp/Steam:gaben?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Steam', icon: 'steam' },
  {
    uri: 'otpauth://totp/Example%20Corp:bob?secret=KRUGKIDROVUWG2ZAMJZG653OEBTG66BA&issuer=Example%20Corp',
    icon: '',
  },
];

test('the popup shows bundled service icons and a lettered tile, with no network request', async ({
  ext,
  server,
}) => {
  const popup = await seedVault(ext, ACCOUNTS);
  await popup.reload();
  await waitForState(popup, 'unlocked');
  await popup.waitForSelector(`${tid('service-icon')}[data-icon="github"]`, { state: 'attached' });

  const shown = await popup.evaluate(
    ([row, icon]) =>
      [...document.querySelectorAll(row)].map((r) => {
        const tile = r.querySelector(icon);
        return {
          issuer: r.getAttribute('data-issuer'),
          icon: tile?.getAttribute('data-icon'),
          glyph: tile?.querySelector('svg path') !== null,
          letter: tile?.querySelector('svg') ? '' : (tile?.textContent ?? ''),
          hidden: tile?.getAttribute('aria-hidden'),
        };
      }),
    [tid('account-row'), tid('service-icon')] as const,
  );
  const byIssuer = new Map(shown.map((s) => [s.issuer, s]));
  for (const { uri, icon } of ACCOUNTS) {
    const issuer = decodeURIComponent(/issuer=([^&]+)/.exec(uri)?.[1] ?? '');
    const row = byIssuer.get(issuer);
    expect(row?.icon, issuer).toBe(icon);
    expect(row?.glyph, issuer).toBe(icon !== '');
    expect(row?.hidden, issuer).toBe('true');
  }
  expect(byIssuer.get('Example Corp')?.letter).toBe('E');

  // Resource timing records every http(s) load of the page (extension files are not listed): a control
  // image from the test server shows it is recording; nothing else left the extension.
  const control = server.url('/enroll/aliyun-bind-mfa-en.png');
  const resources = await popup.evaluate(async (url) => {
    await new Promise((done) => {
      const image = new Image();
      image.onload = image.onerror = done;
      image.src = url;
    });
    return performance.getEntriesByType('resource').map((e) => e.name);
  }, control);
  expect(resources).toEqual([control]);
});
