import { describe, expect, it } from 'vitest';
import { classifyQrText } from '../../../lib/enroll/classify';

describe('classifyQrText accepts authenticator URIs only', () => {
  it.each<[string, 'otpauth' | 'migration', string]>([
    [
      'otpauth://totp/Aliyun:alice?secret=JBSWY3DPEHPK3PXP&issuer=Aliyun',
      'otpauth',
      'otpauth://totp/Aliyun:alice?secret=JBSWY3DPEHPK3PXP&issuer=Aliyun',
    ],
    [
      'otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=0',
      'otpauth',
      'otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=0',
    ],
    ['  otpauth://totp/x?secret=A\n', 'otpauth', 'otpauth://totp/x?secret=A'],
    ['OTPAUTH://totp/x?secret=A', 'otpauth', 'otpauth://totp/x?secret=A'],
    [
      'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8%3D',
      'migration',
      'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8%3D',
    ],
    ['Otpauth-Migration://offline?data=a+b/c', 'migration', 'otpauth-migration://offline?data=a+b/c'],
  ])('%j → %s', (text, kind, uri) => {
    expect(classifyQrText(text)).toEqual({ kind, accepted: true, uri });
  });
});

describe('classifyQrText refuses everything else with a reason', () => {
  it.each<[string, 'url' | 'text', RegExp]>([
    ['https://www.aliyun.com/app/download', 'url', /web link/],
    ['http://example.test/otpauth://totp/x?secret=A', 'url', /web link/],
    ['javascript:alert(1)', 'url', /script/],
    ['JavaScript:alert(document.cookie)//otpauth://', 'url', /script/],
    ['data:text/html,<script>alert(1)</script>', 'url', /script/],
    ['vbscript:msgbox', 'url', /script/],
    ['file:///etc/passwd', 'url', /script|embedded/],
    ['WIFI:S:office;T:WPA;P:secret;;', 'url', /Wi-Fi/],
    ['mailto:alice@example.test', 'url', /another app/],
    ['steam://run/123', 'url', /another app/],
    ['otpauth:totp/x?secret=A', 'url', /malformed/],
    ['otpauth://', 'url', /malformed/],
    ['otpauth-migration:offline?data=x', 'url', /malformed/],
    ['JBSWY3DPEHPK3PXP', 'text', /plain text/],
    ['Secret: JBSW Y3DP EHPK 3PXP', 'text', /plain text/],
    ['example.com:8080', 'text', /plain text/],
    ['', 'text', /empty/],
    ['   \n', 'text', /empty/],
    [`otpauth://totp/x?secret=${'A'.repeat(5000)}`, 'text', /too much/],
  ])('%j → %s', (text, kind, reason) => {
    const result = classifyQrText(text);
    expect(result.kind).toBe(kind);
    expect(result.accepted).toBe(false);
    if (!result.accepted) expect(result.reason).toMatch(reason);
  });

  it('never echoes the scanned text in the reason (it is shown as UI text)', () => {
    const result = classifyQrText('javascript:<img src=x onerror=alert(1)>');
    expect(result.accepted).toBe(false);
    if (!result.accepted) expect(result.reason).not.toContain('<img');
  });
});
