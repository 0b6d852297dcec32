/** Keyword tables and their matcher: word boundaries, glued ids, CJK substrings, exceptions. */
import { describe, expect, it } from 'vitest';
import {
  CONSECUTIVE_CODES_SIGNALS,
  EXCLUSION_EXCEPTIONS,
  GENERIC_CODE_KEYWORDS,
  HARD_EXCLUSIONS,
  IDENTITY_EXCLUSIONS,
  SMS_OR_EMAIL_CODE_SIGNALS,
  TOTP_SPECIFIC_KEYWORDS,
  compilePhrases,
  findGenericCode,
  findHardExclusion,
  findIdentityExclusion,
  findTotpSpecific,
  isKnownOtpFieldId,
  normalizeText,
  SMS_SIGNALS,
} from '../../../lib/autofill/keywords';

describe('normalizeText', () => {
  it.each([
    ['totpPin', ' totp pin '],
    ['idTxtBx_SAOTCC_OTC', ' id txt bx saotcc otc '],
    ['OTPCode', ' otp code '],
    ['mfaCode1', ' mfa code 1 '],
    ['user[otp_attempt]', ' user otp attempt '],
    ['2FA-token', ' 2fa token '],
    ['ＭＦＡ码', ' mfa码 '],
    ['  ', ' '],
  ])('%j → %j', (raw, normalized) => {
    expect(normalizeText(raw)).toBe(normalized);
  });
});

describe('compilePhrases', () => {
  const table = compilePhrases(['otp', 'verification code', '验证码']);

  it('matches ASCII phrases as whole words only', () => {
    expect(table.find(normalizeText('footprint'))).toBeUndefined();
    expect(table.find(normalizeText('Enter OTP'))).toBe('otp');
  });

  it('matches a multi-word phrase written as one glued id', () => {
    expect(table.find(normalizeText('verificationcode'))).toBe('verification code');
    expect(table.find(normalizeText('verificationCode'))).toBe('verification code');
  });

  it('matches CJK phrases as substrings, ignoring spaces', () => {
    expect(table.find(normalizeText('请输入短信验证码'))).toBe('验证码');
    expect(table.find(normalizeText('验证 码'))).toBe('验证码');
  });

  it('findAll lists every phrase present', () => {
    expect(table.findAll(normalizeText('OTP verification code 验证码'))).toEqual([
      'otp',
      'verification code',
      '验证码',
    ]);
  });
});

describe('TOTP-specific and generic keywords', () => {
  it.each([
    ['virtualMFA', 'mfa'],
    ['virtualmfa', 'virtual mfa'],
    ['authcodeMFA', 'mfa'],
    ['mfatoken', 'mfatoken'],
    ['mfacode', 'mfacode'],
    ['2-Step Verification', '2 step'],
    ['Two-factor authentication', 'two factor'],
    ['twofactor_token', 'two factor'],
    ['Google Authenticator', 'authenticator'],
    ['虚拟MFA设备', '虚拟mfa'],
    ['请输入身份验证器中的代码', '身份验证器'],
    ['二段階認証', '二段階認証'],
  ])('%j is authenticator-specific (%s)', (raw, keyword) => {
    expect(findTotpSpecific(normalizeText(raw))).toBe(keyword);
  });

  it.each(['One-time password', 'otp', 'otpCode', 'Verification code', '请输入验证码', '認証コード'])(
    '%j is a generic code keyword, not authenticator-specific',
    (raw) => {
      expect(findTotpSpecific(normalizeText(raw))).toBeUndefined();
      expect(findGenericCode(normalizeText(raw))).toBeDefined();
    },
  );

  it.each(['footprint', 'Telephone', 'Zip code', 'Coupon', 'Username', 'laptop'])(
    '%j is no code keyword',
    (raw) => {
      expect(findTotpSpecific(normalizeText(raw))).toBeUndefined();
      expect(findGenericCode(normalizeText(raw))).toBeUndefined();
    },
  );
});

describe('exclusions', () => {
  it.each([
    ['图形验证码', 'captcha'],
    ['看不清？换一张', 'captcha'],
    ['Enter the characters in the image', 'captcha'],
    ['Promo code', 'coupon'],
    ['优惠码', 'coupon'],
    ['ZIP code', 'postal'],
    ['邮政编码', 'postal'],
    ['郵便番号', 'postal'],
    ['Card security code (CVV)', 'card'],
    ['cc-csc', 'card'],
    ['Recovery code', 'recovery'],
    ['备用码', 'recovery'],
    ['Search', 'search'],
  ])('%j is a hard exclusion (%s)', (raw, category) => {
    expect(findHardExclusion(normalizeText(raw))?.category).toBe(category);
  });

  it.each(['Verification code', '请输入验证码', 'Authentication code', 'Find the code in your app'])(
    '%j is no hard exclusion',
    (raw) => {
      expect(findHardExclusion(normalizeText(raw))).toBeUndefined();
    },
  );

  it.each([
    ['Password', 'password'],
    ['密码', 'password'],
    ['パスワード', 'password'],
    ['Email address', 'email'],
    ['用户名', 'username'],
    ['Mobile number', 'phone'],
  ])('%j is an identity field (%s)', (raw, category) => {
    expect(findIdentityExclusion(normalizeText(raw))?.category).toBe(category);
  });

  it.each(['One-time password', 'one time password', '动态密码', '一次性密码', 'ワンタイムパスワード'])(
    '%j is a code, not a password field',
    (raw) => {
      expect(findIdentityExclusion(normalizeText(raw))).toBeUndefined();
    },
  );
});

describe('SMS / e-mail code signals', () => {
  it.each([
    '短信验证码',
    '获取验证码',
    "We've sent a code to your phone",
    'Text message',
    'Resend code',
    'SMS',
  ])('%j signals a sent code', (raw) => {
    expect(SMS_SIGNALS.find(normalizeText(raw))).toBeDefined();
  });

  it.each(['Open your authenticator app', '虚拟MFA', 'Enter the code from your app'])(
    '%j does not',
    (raw) => {
      expect(SMS_SIGNALS.find(normalizeText(raw))).toBeUndefined();
    },
  );
});

describe('known ids', () => {
  it('matches the listed ids case-insensitively, and nothing else', () => {
    expect(isKnownOtpFieldId('J_Tp_Checkcode')).toBe(true);
    expect(isKnownOtpFieldId('totpPin')).toBe(true);
    expect(isKnownOtpFieldId('credentials.passcode')).toBe(true);
    expect(isKnownOtpFieldId('checkcode')).toBe(false);
    expect(isKnownOtpFieldId('')).toBe(false);
  });
});

describe('every table entry is reachable', () => {
  // why: an entry the normaliser mangles (or that a tokeniser can never produce) is dead data.
  const tables: [string, readonly string[]][] = [
    ['TOTP_SPECIFIC_KEYWORDS', TOTP_SPECIFIC_KEYWORDS],
    ['GENERIC_CODE_KEYWORDS', GENERIC_CODE_KEYWORDS],
    ['SMS_OR_EMAIL_CODE_SIGNALS', SMS_OR_EMAIL_CODE_SIGNALS],
    ['CONSECUTIVE_CODES_SIGNALS', CONSECUTIVE_CODES_SIGNALS],
    ...Object.entries(HARD_EXCLUSIONS),
    ...Object.entries(IDENTITY_EXCLUSIONS),
  ];
  it.each(tables)('%s: each phrase matches its own text', (_name, phrases) => {
    const table = compilePhrases(phrases);
    for (const phrase of phrases) expect(table.findAll(normalizeText(phrase)), phrase).toContain(phrase);
  });

  it('each exclusion exception hides an identity word that would otherwise match', () => {
    for (const phrase of EXCLUSION_EXCEPTIONS) {
      const bare = normalizeText(
        phrase.replace(
          /one time|otp|mfa|token|dynamic|app|一次性|动态|動態|ワンタイム|일회용|einmal|à usage unique|de un solo uso|de uso único|dinámica|dinâmica|одноразовый|динамический/gi,
          '',
        ),
      );
      expect(findIdentityExclusion(bare), phrase).toBeDefined();
      expect(findIdentityExclusion(normalizeText(phrase)), phrase).toBeUndefined();
    }
  });
});
