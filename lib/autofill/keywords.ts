/**
 * Keyword tables for MFA field detection, as data. The matcher in this file is the only code here.
 *
 * Every table entry is a phrase in *normalised* form (see `normalizeText`): lower case, NFKC, words separated by
 * one space. An ASCII phrase matches whole words ("otp" does not match "footprint"), and a multi-word ASCII
 * phrase also matches its words run together ("verification code" matches the id `verificationcode`).
 * A phrase with any non-ASCII character (Chinese, Japanese) matches as a substring, ignoring spaces.
 */
import { buildPhraseTable } from './phrase-table';

/** The standard signal: `autocomplete="one-time-code"` (WHATWG autofill field name). */
export const ONE_TIME_CODE_AUTOCOMPLETE = 'one-time-code';

/** Exact ids/names of real MFA fields (compared lower-cased). Seen on the consoles named beside them. */
export const KNOWN_OTP_FIELD_IDS: readonly string[] = [
  'app_totp', // GitHub
  'user_otp_attempt', // GitLab
  'totppin', // Google
  'otc', // Microsoft
  'idtxtbx_saotcc_otc', // Microsoft
  'mfacode', // AWS
  'auth-mfa-otpcode', // Amazon
  'twofactor_token', // Cloudflare
  'credentials.passcode', // Okta
  'j_tp_checkcode', // Alibaba passport verify
];

/**
 * Short tokens that signal a code even when glued to another word in an id (`mfaCode` is split by case, but
 * `mfacode`, `otpinput`, `virtualmfa` are not): a token that starts (or, for the specific ones, ends) with one.
 */
export const TOTP_SPECIFIC_TOKEN_AFFIXES: readonly string[] = ['totp', 'mfa', '2fa', 'twofa', 'tfa'];
export const GENERIC_CODE_TOKEN_PREFIXES: readonly string[] = ['otp'];

/** Phrases that mean "a code from an authenticator app" (code kind `totp`). */
export const TOTP_SPECIFIC_KEYWORDS: readonly string[] = [
  'totp',
  'mfa',
  '2fa',
  'twofa',
  'tfa',
  'two factor',
  'two step',
  '2 step',
  '2 factor',
  'second factor',
  'multi factor',
  'authenticator',
  'authentication app',
  'authenticator app',
  'authentication application',
  'code generator',
  'virtual mfa',
  // Chinese
  '身份验证器',
  '验证器',
  '虚拟mfa',
  'mfa码',
  '多因素',
  '双因素',
  '二次验证',
  '两步验证',
  '两步骤验证',
  '双重验证',
  '兩步驟驗證',
  '雙重驗證',
  // Japanese
  '二段階認証',
  '2段階認証',
  '多要素認証',
  '認証アプリ',
  '認証システムアプリ',
];

/** Phrases that mean "a one-time code" without saying where it comes from (code kind `unknown`). */
export const GENERIC_CODE_KEYWORDS: readonly string[] = [
  'otp',
  'one time code',
  'one time password',
  'one time passcode',
  'one time pin',
  'verification code',
  'verify code',
  'verification token',
  'security code',
  'passcode',
  'pass code',
  'token code',
  'auth code',
  'authentication code',
  'authorization code',
  'confirmation code',
  'login code',
  'sign in code',
  'access code',
  'dynamic code',
  'digit code',
  '6 digit',
  '8 digit',
  '6 digits',
  '8 digits',
  'six digit',
  'eight digit',
  // Chinese
  '验证码',
  '驗證碼',
  '安全码',
  '动态码',
  '动态密码',
  '动态口令',
  '一次性密码',
  '一次性验证码',
  '校验码',
  '认证码',
  '验证代码',
  '6位',
  '六位',
  // Japanese
  '認証コード',
  '確認コード',
  '認証番号',
  '確認番号',
  'ワンタイムパスワード',
  'ワンタイムコード',
  'セキュリティコード',
];

/** Words too common to decide alone; they count only together with a code-like shape. */
export const WEAK_CODE_KEYWORDS: readonly string[] = ['code', 'token', 'pin', 'コード', '代码', '口令'];

/** Categories of fields that are never MFA targets. Hard categories win over any keyword. */
export type ExclusionCategory =
  | 'search'
  | 'coupon'
  | 'postal'
  | 'card'
  | 'captcha'
  | 'recovery'
  | 'username'
  | 'email'
  | 'password'
  | 'phone';

/** Exclusions that no keyword overrides (only `autocomplete=one-time-code` or a known id does). */
export const HARD_EXCLUSIONS: Readonly<
  Record<'search' | 'coupon' | 'postal' | 'card' | 'captcha' | 'recovery', readonly string[]>
> = {
  search: ['search', 'query', 'keyword', 'keywords', '搜索', '搜尋', '検索', 'キーワード'],
  coupon: [
    'coupon',
    'promo',
    'promo code',
    'promotion code',
    'promotional code',
    'voucher',
    'gift card',
    'giftcard',
    'discount',
    'referral',
    'invite code',
    'invitation code',
    'redeem',
    '优惠码',
    '优惠券',
    '兑换码',
    '邀请码',
    '礼品卡',
    '折扣码',
    'クーポン',
    '割引',
    '招待コード',
  ],
  postal: [
    'zip',
    'zipcode',
    'zip code',
    'postal',
    'postcode',
    'post code',
    '邮编',
    '邮政编码',
    '郵便番号',
    '郵遞區號',
  ],
  card: [
    'card number',
    'cardnumber',
    'credit card',
    'debit card',
    'cc number',
    'ccnumber',
    'cc csc',
    'cvc',
    'cvc2',
    'cvv',
    'cvv2',
    'cvn',
    'csc',
    'card security',
    'card verification',
    'card code',
    'expiry',
    'expiration',
    '信用卡',
    '银行卡',
    '卡号',
    '有效期',
    'カード番号',
    'クレジットカード',
  ],
  captcha: [
    'captcha',
    'recaptcha',
    'hcaptcha',
    'kaptcha',
    'image code',
    'imagecode',
    'img code',
    'imgcode',
    'pic code',
    'piccode',
    'characters in the image',
    'characters shown',
    'text in the image',
    'enter the characters',
    '图形验证码',
    '图片验证码',
    '圖形驗證碼',
    '看不清',
    '换一张',
    '換一張',
    '图中字符',
    '画像認証',
    '画像の文字',
    '画像に表示',
    '验证图片',
    '驗證圖片',
    '圖片驗證碼',
    'bildcode',
    'sicherheitsabfrage',
    'código de la imagen',
    'caracteres de la imagen',
    'caractères de l image',
    'código da imagem',
  ],
  recovery: [
    'recovery code',
    'recovery codes',
    'recovery key',
    'backup code',
    'backup codes',
    'scratch code',
    'emergency code',
    'rescue code',
    '恢复码',
    '备用码',
    '备份码',
    '救援码',
    '恢復碼',
    'リカバリーコード',
    'バックアップコード',
    'リカバリコード',
  ],
};

/**
 * Names of payment-card fields (number, expiry, holder, card security code) in the supported languages. A
 * field in the same form as one of these is part of a card form, whatever its own label says ("Security
 * code", セキュリティコード and 安全码 are the card's CVC there, an MFA code elsewhere).
 */
export const CARD_FORM_FIELD_KEYWORDS: readonly string[] = [
  ...HARD_EXCLUSIONS.card,
  'cc num',
  'cc exp',
  'cc name',
  'cc csc',
  'cc cvv',
  'card no',
  'card num',
  'card holder',
  'cardholder',
  'name on card',
  'card name',
  'exp date',
  'exp month',
  'exp year',
  'expires',
  'valid thru',
  'valid until',
  'mm yy',
  'mm yyyy',
  // de
  'kartennummer',
  'karteninhaber',
  'kreditkarte',
  'ablaufdatum',
  'gültig bis',
  'prüfnummer',
  'prüfziffer',
  // es
  'número de tarjeta',
  'numero de tarjeta',
  'titular de la tarjeta',
  'fecha de caducidad',
  'fecha de vencimiento',
  'tarjeta de crédito',
  // fr
  'numéro de carte',
  'numero de carte',
  'titulaire de la carte',
  "date d'expiration",
  'carte bancaire',
  'cryptogramme',
  // pt
  'número do cartão',
  'numero do cartao',
  'nome no cartão',
  'titular do cartão',
  'validade do cartão',
  'cartão de crédito',
  // zh_CN / zh_TW
  '持卡人',
  '卡號',
  '信用卡號',
  '有效期限',
  '到期日',
  '银行卡号',
  '卡片背面',
  // ja
  'カード名義',
  '有効期限',
  'クレジットカード番号',
];

/**
 * Words of the control beside a captcha image that loads another one ("refresh", 换一张, 看不清): a code field
 * next to one is a captcha, however it is labelled.
 */
export const CAPTCHA_REFRESH_KEYWORDS: readonly string[] = [
  'refresh',
  'reload',
  'new image',
  'another image',
  'change image',
  'different image',
  'new picture',
  'can t read',
  'cannot read',
  'hard to read',
  'not readable',
  'audio challenge',
  // de
  'neues bild',
  'anderes bild',
  'bild neu laden',
  'bild aktualisieren',
  'nicht lesbar',
  // es / pt
  'otra imagen',
  'cambiar imagen',
  'nueva imagen',
  'recargar',
  'actualizar imagen',
  'outra imagem',
  'nova imagem',
  'atualizar imagem',
  'recarregar',
  // fr
  'autre image',
  'nouvelle image',
  'actualiser',
  'rafraîchir',
  // zh_CN / zh_TW
  '换一张',
  '換一張',
  '换一个',
  '換一個',
  '看不清',
  '刷新',
  '重新整理',
  '點擊更換',
  '点击更换',
  // ja
  '画像を更新',
  '別の画像',
  '画像を変更',
  '読みにくい',
];

/**
 * Identity exclusions: a field about the user's name, mail, password or phone. These lose to an
 * authenticator-specific keyword (`mfa_password`) and turn a generic code keyword into an SMS/email code
 * (`email verification code`) rather than excluding it.
 */
export const IDENTITY_EXCLUSIONS: Readonly<
  Record<'username' | 'email' | 'password' | 'phone', readonly string[]>
> = {
  username: [
    'username',
    'user name',
    'userid',
    'user id',
    'login id',
    'loginid',
    'login name',
    'account name',
    '用户名',
    '账号',
    '帐号',
    '登录名',
    'ユーザー名',
    'ユーザid',
  ],
  email: ['email', 'e mail', 'mail address', '邮箱', '电子邮件', 'メールアドレス'],
  password: ['password', 'passwd', 'pwd', 'pass word', '密码', '密碼', 'パスワード'],
  phone: [
    'phone',
    'phone number',
    'phonenumber',
    'mobile number',
    'mobile',
    'cellphone',
    'telephone',
    'tel',
    'msisdn',
    '手机号',
    '手机号码',
    '电话',
    '電話番号',
    '携帯番号',
  ],
};

/**
 * Phrases that contain an exclusion word but name an MFA code; removed from the text before exclusions are
 * checked ("one-time password" is not a password field, 动态密码 is a dynamic code).
 */
export const EXCLUSION_EXCEPTIONS: readonly string[] = [
  'one time password',
  'one time pass word',
  'otp password',
  'mfa password',
  'token password',
  'dynamic password',
  'app password',
  '一次性密码',
  '动态密码',
  'ワンタイムパスワード',
];

/**
 * Signals that the code was sent by SMS or e-mail rather than computed by an authenticator app: such fields get
 * code kind `sms` and are not offered automatically.
 */
export const SMS_OR_EMAIL_CODE_SIGNALS: readonly string[] = [
  'sms',
  'text message',
  'texted',
  'sent to your phone',
  'sent to your mobile',
  'sent to your email',
  'sent a code',
  'we sent',
  'we have sent',
  'we ve sent',
  'we just sent',
  'has been sent',
  'was sent',
  'sent to',
  'check your email',
  'check your inbox',
  'check your phone',
  'email code',
  'email verification',
  'email otp',
  'mail code',
  'phone code',
  'mobile code',
  'sms code',
  'resend',
  'resend code',
  'send code',
  'get code',
  'send again',
  'didn t receive',
  'did not receive',
  // Chinese
  '短信',
  '簡訊',
  '手机验证码',
  '邮箱验证码',
  '邮件验证码',
  '获取验证码',
  '發送驗證碼',
  '发送验证码',
  '重新发送',
  '重新获取',
  '没收到',
  '已发送',
  '已發送',
  // Japanese
  'ショートメッセージ',
  'メールに記載',
  '送信しました',
  '再送信',
  'コードを送信',
];

/** Words that mark a form asking for two consecutive codes (context of a pair of code fields). */
export const CONSECUTIVE_CODES_SIGNALS: readonly string[] = [
  'consecutive',
  'two codes',
  'two successive',
  'successive codes',
  'next code',
  'two consecutive',
  '连续两个',
  '连续两组',
  '連続する',
  '連続した',
  '两个',
  '两组',
];

/** Ordinal markers for the first and the second of two consecutive code fields. */
export const FIRST_CODE_MARKERS: readonly string[] = [
  '1',
  'first',
  'current',
  '第一',
  '第1',
  '1つ目',
  '最初',
];
export const SECOND_CODE_MARKERS: readonly string[] = [
  '2',
  'second',
  'next',
  '第二',
  '第2',
  '2つ目',
  '次の',
  '下一个',
];

// ---------------------------------------------------------------------------------------------------------
// Matching

/**
 * Lower-case, NFKC, camelCase and letter→digit boundaries split, every run of non-letters/digits to one space,
 * padded with one space at each end so that `includes(' phrase ')` is a whole-word test.
 */
export function normalizeText(raw: string): string {
  const split = raw
    .normalize('NFKC')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return split === '' ? ' ' : ` ${split} `;
}

// why: the ASCII test decides between word-boundary matching and substring matching for CJK phrases.
const ASCII_ONLY = /^[\x20-\x7e]*$/;

/** A compiled phrase table; build once at module load, match many times. */
export interface PhraseTable {
  readonly phrases: readonly string[];
  /** The first phrase of the table found in `normalized` text (from `normalizeText`), or undefined. */
  find(normalized: string): string | undefined;
  /** Every phrase of the table found in `normalized` text. */
  findAll(normalized: string): string[];
}

export interface PhraseOptions {
  /** ASCII phrases also match inside longer words ("download" in "downloading"), as CJK phrases always do. */
  insideWords?: boolean;
}

export function compilePhrases(phrases: readonly string[], options: PhraseOptions = {}): PhraseTable {
  return buildPhraseTable(phrases, normalizeText, options);
}

/** A token of normalised ASCII text glued to a TOTP-specific affix (`mfacode`, `totpinput`, `virtualmfa`). */
export function findTotpAffixToken(normalized: string): string | undefined {
  // why: most texts contain no affix at all and skip the token walk.
  if (!TOTP_SPECIFIC_TOKEN_AFFIXES.some((affix) => normalized.includes(affix))) return undefined;
  for (const token of normalized.split(' ')) {
    if (!/^[a-z0-9]{3,}$/.test(token)) continue;
    if (TOTP_SPECIFIC_TOKEN_AFFIXES.some((affix) => token.startsWith(affix) || token.endsWith(affix))) {
      return token;
    }
  }
  return undefined;
}

/** A token starting with a generic code prefix (`otpcode`, `otpvalue`); "otp" as a suffix is too often a word. */
export function findGenericAffixToken(normalized: string): string | undefined {
  if (!GENERIC_CODE_TOKEN_PREFIXES.some((prefix) => normalized.includes(prefix))) return undefined;
  for (const token of normalized.split(' ')) {
    if (!/^[a-z0-9]{3,}$/.test(token)) continue;
    if (GENERIC_CODE_TOKEN_PREFIXES.some((prefix) => token.startsWith(prefix))) return token;
  }
  return undefined;
}

/** Removes exception phrases (see `EXCLUSION_EXCEPTIONS`) from normalised text. */
export function stripExclusionExceptions(normalized: string): string {
  let text = normalized;
  // why: normalised once, not on every call (this runs for every input of a page).
  exceptionForms ??= EXCLUSION_EXCEPTIONS.map((phrase) => {
    const norm = normalizeText(phrase).trim();
    if (!ASCII_ONLY.test(norm)) return [[norm, ' ']] as const;
    const glued = norm.replace(/ /g, '');
    return glued !== norm
      ? ([
          [` ${norm} `, '  '],
          [` ${glued} `, '  '],
        ] as const)
      : ([[` ${norm} `, '  ']] as const);
  });
  for (const forms of exceptionForms) {
    for (const [find, replacement] of forms) {
      if (text.includes(find)) text = text.split(find).join(replacement);
    }
  }
  return text;
}
let exceptionForms: (readonly (readonly [string, string])[])[] | undefined;

export const TOTP_SPECIFIC = compilePhrases(TOTP_SPECIFIC_KEYWORDS);
export const GENERIC_CODE = compilePhrases(GENERIC_CODE_KEYWORDS);
export const WEAK_CODE = compilePhrases(WEAK_CODE_KEYWORDS);
export const SMS_SIGNALS = compilePhrases(SMS_OR_EMAIL_CODE_SIGNALS);
export const CONSECUTIVE_SIGNALS = compilePhrases(CONSECUTIVE_CODES_SIGNALS);
export const CARD_FORM_FIELD = compilePhrases(CARD_FORM_FIELD_KEYWORDS);
export const CAPTCHA_REFRESH = compilePhrases(CAPTCHA_REFRESH_KEYWORDS);
export const FIRST_MARKERS = compilePhrases(FIRST_CODE_MARKERS);
export const SECOND_MARKERS = compilePhrases(SECOND_CODE_MARKERS);

const HARD_TABLES = Object.entries(HARD_EXCLUSIONS).map(
  ([category, phrases]) => [category as ExclusionCategory, compilePhrases(phrases)] as const,
);
const IDENTITY_TABLES = Object.entries(IDENTITY_EXCLUSIONS).map(
  ([category, phrases]) => [category as ExclusionCategory, compilePhrases(phrases)] as const,
);

type Exclusion = { category: ExclusionCategory; phrase: string };

function findExclusion(tables: typeof HARD_TABLES, normalized: string): Exclusion | undefined {
  const text = stripExclusionExceptions(normalized);
  for (const [category, table] of tables) {
    const phrase = table.find(text);
    if (phrase !== undefined) return { category, phrase };
  }
  return undefined;
}

/** The first hard exclusion (search, coupon, postal, card, captcha, recovery) found in normalised text. */
export const findHardExclusion = (normalized: string) => findExclusion(HARD_TABLES, normalized);
/** The first identity exclusion (username, email, password, phone) found in normalised text. */
export const findIdentityExclusion = (normalized: string) => findExclusion(IDENTITY_TABLES, normalized);

/** The TOTP-specific keyword (phrase or affixed token) found in normalised text. */
export function findTotpSpecific(normalized: string): string | undefined {
  return TOTP_SPECIFIC.find(normalized) ?? findTotpAffixToken(normalized);
}

/** The generic code keyword (phrase or `otp…` token) found in normalised text. */
export function findGenericCode(normalized: string): string | undefined {
  return GENERIC_CODE.find(normalized) ?? findGenericAffixToken(normalized);
}

/** Is `id` (an id or name attribute) one of the known MFA field ids? */
export function isKnownOtpFieldId(id: string): boolean {
  return id !== '' && KNOWN_OTP_FIELD_IDS.includes(id.toLowerCase());
}
