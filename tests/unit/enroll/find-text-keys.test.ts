// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findTextKeys } from '../../../lib/enroll/find-text-keys';

function keysIn(html: string) {
  document.body.innerHTML = html;
  return findTextKeys(document);
}

describe('findTextKeys', () => {
  it.each([
    [
      'grouped in 4s',
      "<p>Can't scan? Enter this key:</p><code>JBSW Y3DP EHPK 3PXP</code>",
      'JBSWY3DPEHPK3PXP',
    ],
    ['lower case', '<p>Setup key</p><span>jbsw y3dp ehpk 3pxp</span>', 'JBSWY3DPEHPK3PXP'],
    [
      'dashes',
      '<p>Secret: <b>GEZD-GNBV-GY3T-QOJQ-GEZD-GNBV-GY3T-QOJQ</b></p>',
      'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    ],
    ['one run', '<div>Manual entry</div><div>JBSWY3DPEHPK3PXP</div>', 'JBSWY3DPEHPK3PXP'],
    ['Chinese label', '<p>无法扫描？请手动输入密钥：</p><p>jbsw y3dp ehpk 3pxp</p>', 'JBSWY3DPEHPK3PXP'],
    ['traditional Chinese', '<p>安全密鑰</p><p>JBSWY3DPEHPK3PXP</p>', 'JBSWY3DPEHPK3PXP'],
  ])('%s', (_name, html, secret) => {
    expect(keysIn(html).map((k) => k.secret)).toEqual([secret]);
  });

  it('takes the account from a label near the key', () => {
    expect(
      keysIn('<p>Account: alice@example.com</p><p>Secret key</p><code>JBSW Y3DP EHPK 3PXP</code>'),
    ).toEqual([{ secret: 'JBSWY3DPEHPK3PXP', account: 'alice@example.com' }]);
    expect(keysIn('<p>账号：bob@123456</p><p>密钥</p><code>JBSWY3DPEHPK3PXP</code>')[0]?.account).toBe(
      'bob@123456',
    );
    expect(keysIn('<p>Secret key</p><code>JBSWY3DPEHPK3PXP</code>')[0]?.account).toBe('');
  });

  it.each([
    ['a hex hash', '<p>Secret key fingerprint</p><code>d41d8cd98f00b204e9800998ecf8427e</code>'],
    ['a hex hash in base32 letters only', '<p>Secret</p><code>deadbeefcafe2345deadbeef</code>'],
    ['a licence key', '<p>Your secret licence key: ABCD1-EFGH8-JK9LM-NP0QR-STUVW</p>'],
    ['a sentence', '<p>To set up two-factor authentication, open your authenticator application now</p>'],
    ['a long word', '<p>MFA internationalization characteristically</p>'],
    ['a key with no MFA words near it', '<p>Order number</p><p>JBSWY3DPEHPK3PXP</p>'],
    ['a key in a script', '<script>var secret = "JBSWY3DPEHPK3PXP";</script><p>Set up MFA</p>'],
    ['too short', '<p>Secret key</p><code>JBSW Y3DP</code>'],
  ])('ignores %s', (_name, html) => {
    expect(keysIn(html)).toEqual([]);
  });
});
