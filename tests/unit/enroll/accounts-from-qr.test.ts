import { describe, expect, it } from 'vitest';
import { accountsFromQrTexts } from '../../../lib/enroll/accounts-from-qr';

const ALICE = 'otpauth://totp/Aliyun:alice?secret=JBSWY3DPEHPK3PXP&issuer=Aliyun';
const BOB_8 =
  'otpauth://totp/GitHub:bob?secret=GEZDGNBVGY3TQOJQ&issuer=GitHub&digits=8&period=60&algorithm=SHA256';

/** Google Authenticator export with two entries (secrets "Hello!\xde\xad\xbe\xef" / "…\xee"), TOTP, SHA1, 6. */
const MIGRATION_HEX = [
  '0a22 0a0a48656c6c6f21deadbeef 1205616c696365 1a074578616d706c65 200128013002',
  '0a20 0a0a48656c6c6f21deadbeee 1203626f62 1a074578616d706c65 200128013002',
  '1001',
].join('');
const MIGRATION = `otpauth-migration://offline?data=${encodeURIComponent(
  Buffer.from(MIGRATION_HEX.replace(/\s/g, ''), 'hex').toString('base64'),
)}`;

describe('accountsFromQrTexts', () => {
  it.each([
    { name: 'one otpauth URI', texts: [ALICE], accounts: [['Aliyun', 'alice']], rejections: 0 },
    {
      name: 'two different URIs',
      texts: [ALICE, BOB_8],
      accounts: [
        ['Aliyun', 'alice'],
        ['GitHub', 'bob'],
      ],
      rejections: 0,
    },
    {
      name: 'the same code seen twice (DOM and screenshot)',
      texts: [ALICE, ` ${ALICE}`],
      accounts: [['Aliyun', 'alice']],
      rejections: 0,
    },
    {
      name: 'an export with two accounts',
      texts: [MIGRATION],
      accounts: [
        ['Example', 'alice'],
        ['Example', 'bob'],
      ],
      rejections: 0,
    },
    { name: 'a web link', texts: ['https://example.com/app'], accounts: [], rejections: 1 },
    { name: 'plain text', texts: ['hello world'], accounts: [], rejections: 1 },
    {
      name: 'a link next to the key',
      texts: ['https://example.com/download', ALICE],
      accounts: [['Aliyun', 'alice']],
      rejections: 1,
    },
    {
      name: 'the same link twice (one reason)',
      texts: ['https://a.example/', 'https://b.example/'],
      accounts: [],
      rejections: 1,
    },
    {
      name: 'an otpauth URI without a secret',
      texts: ['otpauth://totp/X:y?issuer=X'],
      accounts: [],
      rejections: 1,
    },
    { name: 'nothing', texts: [], accounts: [], rejections: 0 },
  ])('$name', ({ texts, accounts, rejections }) => {
    const result = accountsFromQrTexts(texts);
    expect(result.accounts.map((a) => [a.issuer, a.account])).toEqual(accounts);
    expect(result.rejections).toHaveLength(rejections);
  });

  it('keeps every parameter of the QR code', () => {
    const [account] = accountsFromQrTexts([BOB_8]).accounts;
    expect(account).toMatchObject({
      kind: 'totp',
      issuer: 'GitHub',
      account: 'bob',
      secret: 'GEZDGNBVGY3TQOJQ',
      digits: 8,
      period: 60,
      algorithm: 'SHA256',
    });
  });

  it('says why a web link was refused', () => {
    expect(accountsFromQrTexts(['https://example.com']).rejections[0]).toMatch(/web link/);
  });
});
