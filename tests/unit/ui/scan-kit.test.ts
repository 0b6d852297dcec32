import { describe, expect, it } from 'vitest';
import { classifyQrText } from '../../../lib/enroll/classify';
import { createRgbaImage, type RgbaImage } from '../../../lib/qr/image';
import {
  accountsFromTexts,
  createScanKit,
  rejectionKey,
  sitesForScannedAccount,
} from '../../../lib/ui/scan-kit';
import { issuerForOrigin } from '../../../lib/ui/scan-issuer';
import { initialAllowedSites } from '../../../lib/sites/binding';
import { SUFFIXES } from '../sites/suffixes';

describe('rejectionKey', () => {
  it.each([
    ['https://example.com', 'scanRejectLink'],
    ['http://example.com', 'scanRejectLink'],
    ['WIFI:S:home;T:WPA;P:secret;;', 'scanRejectWifi'],
    ['hello', 'scanRejectText'],
    ['weixin://dl/business', 'scanRejectOther'],
    ['otpauth:totp/X?secret=A', null],
    ['otpauth://totp/X?secret=JBSWY3DPEHPK3PXP', null],
  ])('%s → %s', (text, key) => {
    expect(rejectionKey(classifyQrText(text))).toBe(key);
  });
});

describe('accountsFromTexts', () => {
  it('gives one reason per kind of refused code, and the parser words for a malformed key', () => {
    const found = accountsFromTexts(
      ['https://a.example', 'https://b.example', 'otpauth://totp/X:y?issuer=X'].map((text) => ({
        text,
        origin: null,
      })),
    );
    expect(found.accounts).toEqual([]);
    expect(found.rejections).toHaveLength(2);
    expect(found.rejections[0]).toMatchObject({ key: 'scanRejectLink' });
    expect(found.rejections[1]?.key).toBeNull();
    expect(found.rejections[1]?.message).not.toBe('');
  });
});

describe('accountsFromTexts origins', () => {
  it('keeps the origin of the first frame that showed a key', () => {
    const alice = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
    const found = accountsFromTexts([
      { text: alice, origin: 'https://ads.example.net' },
      { text: `${alice}&digits=6`, origin: 'https://github.com' },
    ]);
    expect(found.accounts.map((a) => [a.data.account, a.origin])).toEqual([
      ['alice', 'https://ads.example.net'],
    ]);
  });
});

describe('sitesForScannedAccount', () => {
  it.each([
    ['https://account.console.aliyun.com', 'Aliyun'],
    ['https://console.aws.amazon.com', 'AWS'],
    ['https://id.example.co.uk', 'Example'],
    ['https://github.com', 'GitHub'],
    ['https://ads.example.net', 'GitHub'],
  ])('%s + issuer %s: the binding rules of lib/sites for that origin', (origin, issuer) => {
    expect(sitesForScannedAccount(origin, ['ignored.example'], issuer, SUFFIXES)).toEqual(
      initialAllowedSites(origin, issuer, SUFFIXES),
    );
  });

  it('without an origin, only what the background suggested (no issuer profile from a label)', () => {
    expect(sitesForScannedAccount(null, ['example.com'], 'GitHub', SUFFIXES)).toEqual(['example.com']);
    expect(sitesForScannedAccount(null, [], '', SUFFIXES)).toEqual([]);
  });
});

describe('readArea', () => {
  it('decodes only the selected fraction of the image, in its own pixels', async () => {
    const image = createRgbaImage(200, 100);
    image.data[(60 * 200 + 150) * 4] = 9; // the "code" sits at (150, 60)
    const seen: RgbaImage[] = [];
    const kit = createScanKit(
      {
        rasterize: async () => image,
        decode: (crop) => {
          seen.push(crop);
          return crop.data.some((v, i) => i % 4 === 0 && v === 9) ? 'otpauth://found' : null;
        },
      },
      SUFFIXES,
    );
    expect(await kit.readArea('shot', { x: 0.7, y: 0.5, width: 0.1, height: 0.2 })).toEqual([
      'otpauth://found',
    ]);
    expect(await kit.readArea('shot', { x: 0, y: 0, width: 0.3, height: 0.3 })).toEqual([]);
    // 20×20 px selected plus a 6 px margin on each side.
    expect(seen[0]).toMatchObject({ width: 32, height: 32 });
  });
});

describe('issuerForOrigin', () => {
  it.each([
    ['https://account.console.aliyun.com', 'Aliyun'],
    ['https://signin.alibabacloud.com', 'Aliyun'],
    ['https://console.aws.amazon.com', 'AWS'],
    ['https://github.com', 'GitHub'],
    ['https://aliyun.com.evil.test', ''],
    ['https://notgithub.com', ''],
    [null, ''],
    ['not a url', ''],
  ])('%s → %s', (origin, issuer) => {
    expect(issuerForOrigin(origin)).toBe(issuer);
  });
});
