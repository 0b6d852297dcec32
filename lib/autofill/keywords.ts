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
  // Japanese (more)
  '二要素認証',
  '2要素認証',
  '二段階確認',
  '2段階確認',
  '認証用アプリ',
  'オーセンティケーター',
  // Traditional Chinese
  '驗證器',
  '多重要素驗證',
  '多因素驗證',
  '雙因素',
  '兩步驗證',
  '二步驟驗證',
  '二階段驗證',
  '雙重認證',
  '虛擬mfa',
  // Korean
  '2단계 인증',
  '2차 인증',
  '이중 인증',
  '다단계 인증',
  '2단계 확인',
  '인증 앱',
  '인증기 앱',
  'otp 앱',
  // German
  'zwei faktor',
  '2 faktor',
  'zweistufige',
  'in zwei schritten',
  'mehrfaktor',
  'authentifizierungs app',
  'authentifizierungsapp',
  'authentifikator',
  // French
  'deux facteurs',
  'double authentification',
  'deux étapes',
  'application d authentification',
  'authentificateur',
  // Spanish / Portuguese
  'dos factores',
  'doble factor',
  'dos pasos',
  'doble autenticación',
  'aplicación de autenticación',
  'app de autenticación',
  'autenticador',
  'dois fatores',
  'duas etapas',
  'dois passos',
  'aplicativo de autenticação',
  // Russian
  'двухфакторн',
  'двухэтапн',
  'многофакторн',
  'аутентификатор',
  'приложение для аутентификации',
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
  // Japanese (more)
  'セキュリティーコード',
  '確認用コード',
  '認証用コード',
  '6桁',
  // Traditional Chinese
  '安全碼',
  '動態密碼',
  '動態碼',
  '動態口令',
  '一次性密碼',
  '一次性驗證碼',
  '認證碼',
  '驗證代碼',
  '安全代碼',
  '6位數',
  '六位數',
  // Korean
  '인증 코드',
  '인증번호',
  '보안 코드',
  '확인 코드',
  '일회용 비밀번호',
  '일회용 코드',
  '일회용 암호',
  // German
  'sicherheitscode',
  'bestätigungscode',
  'einmalcode',
  'einmalpasswort',
  'einmal passwort',
  'einmalkennwort',
  'verifizierungscode',
  'authentifizierungscode',
  'anmeldecode',
  'prüfcode',
  // French
  'code de vérification',
  'code de sécurité',
  'code à usage unique',
  'mot de passe à usage unique',
  'code d authentification',
  'code de confirmation',
  'code de connexion',
  'code de validation',
  // Spanish
  'código de verificación',
  'codigo de verificacion',
  'código de seguridad',
  'codigo de seguridad',
  'código de un solo uso',
  'contraseña de un solo uso',
  'código de autenticación',
  'código de confirmación',
  'código de acceso',
  'clave dinámica',
  // Portuguese
  'código de verificação',
  'codigo de verificacao',
  'código de segurança',
  'codigo de seguranca',
  'código de autenticação',
  'código de confirmação',
  'código de uso único',
  'senha de uso único',
  // Russian
  'код подтверждения',
  'одноразовый код',
  'одноразовый пароль',
  'код проверки',
  'проверочный код',
  'код безопасности',
  'код аутентификации',
  'код верификации',
  'динамический пароль',
];

/** Words too common to decide alone; they count only together with a code-like shape. */
export const WEAK_CODE_KEYWORDS: readonly string[] = [
  'code',
  'token',
  'pin',
  'コード',
  '代码',
  '口令',
  '代碼',
  '코드',
  'código',
  'codigo',
  'код',
];

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
  search: [
    'search',
    'query',
    'keyword',
    'keywords',
    '搜索',
    '搜尋',
    '検索',
    'キーワード',
    '검색',
    'suche',
    'recherche',
    'búsqueda',
    'pesquisa',
    'поиск',
  ],
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
    // ja / zh_TW / ko
    'プロモーションコード',
    'ギフトコード',
    'ギフト券',
    '優惠碼',
    '優惠券',
    '兌換碼',
    '邀請碼',
    '禮品卡',
    '折扣碼',
    '쿠폰',
    '할인 코드',
    '프로모션 코드',
    '기프트 카드',
    '추천인 코드',
    '초대 코드',
    // de / fr
    'gutschein',
    'gutscheincode',
    'rabattcode',
    'aktionscode',
    'geschenkkarte',
    'bon de réduction',
    'code de réduction',
    'carte cadeau',
    'parrainage',
    // es / pt / ru
    'cupón',
    'código promocional',
    'código de descuento',
    'tarjeta regalo',
    'cupom',
    'código de desconto',
    'vale presente',
    'cartão presente',
    'промокод',
    'купон',
    'подарочная карта',
    'код приглашения',
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
    // de / fr / es / pt / ru / ko / zh_TW
    'postleitzahl',
    'plz',
    'code postal',
    'código postal',
    'codigo postal',
    'cep',
    'почтовый индекс',
    '우편번호',
    '郵政編碼',
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
    // ko / ru / de / fr / es / pt / zh_TW
    '보안문자',
    '자동입력 방지',
    '캡차',
    '캡챠',
    'капча',
    'код с картинки',
    'символы с картинки',
    'символы на картинке',
    'код с изображения',
    'zeichen im bild',
    'zeichen aus dem bild',
    'code de l image',
    'recopiez les caractères',
    'texto de la imagen',
    'caracteres da imagem',
    'texto da imagem',
    '圖形碼',
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
    // de / fr / es / pt / ru / ko / zh_TW
    'wiederherstellungscode',
    'notfallcode',
    'code de récupération',
    'codes de récupération',
    'code de secours',
    'codes de secours',
    'código de recuperación',
    'códigos de recuperación',
    'código de respaldo',
    'código de recuperação',
    'códigos de recuperação',
    'код восстановления',
    'коды восстановления',
    'резервный код',
    'резервные коды',
    '복구 코드',
    '백업 코드',
    '備用碼',
    '復原碼',
    '備援碼',
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
  // ru / ko
  'номер карты',
  'держатель карты',
  'имя на карте',
  'срок действия карты',
  'банковская карта',
  'кредитная карта',
  '카드 번호',
  '카드 소유자',
  '카드 유효기간',
  '신용카드',
  '체크카드',
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
  // ko / ru
  '새로고침',
  '새 이미지',
  '다른 이미지',
  'обновить картинку',
  'другая картинка',
  'обновить изображение',
  'другое изображение',
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
    // de / fr / es / pt / ru / ko / zh_TW
    'benutzername',
    'nom d utilisateur',
    'nombre de usuario',
    'nome de usuário',
    'имя пользователя',
    '사용자 이름',
    '아이디',
    '使用者名稱',
    '用戶名',
  ],
  email: [
    'email',
    'e mail',
    'mail address',
    '邮箱',
    '电子邮件',
    'メールアドレス',
    '電子郵件',
    '電子信箱',
    '이메일',
    'courriel',
    'correo electrónico',
    'электронная почта',
    'эл почта',
  ],
  password: [
    'password',
    'passwd',
    'pwd',
    'pass word',
    '密码',
    '密碼',
    'パスワード',
    '비밀번호',
    'passwort',
    'kennwort',
    'mot de passe',
    'contraseña',
    'senha',
    'пароль',
  ],
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
    // ja / zh_TW / ko / de / fr / es / pt / ru
    '携帯電話',
    '手機號碼',
    '手機',
    '電話',
    '전화번호',
    '휴대폰',
    '휴대전화',
    'telefonnummer',
    'handynummer',
    'mobilnummer',
    'numéro de téléphone',
    'téléphone',
    'teléfono',
    'móvil',
    'celular',
    'telefone',
    'номер телефона',
    'телефон',
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
  // zh_TW / ko / de / fr / es / pt / ru
  '一次性密碼',
  '動態密碼',
  '일회용 비밀번호',
  'einmal passwort',
  'einmal kennwort',
  'mot de passe à usage unique',
  'contraseña de un solo uso',
  'contraseña dinámica',
  'senha de uso único',
  'senha dinâmica',
  'одноразовый пароль',
  'динамический пароль',
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
  // Japanese (more)
  '届いた',
  '再送',
  '送信された',
  // Traditional Chinese
  '手機驗證碼',
  '郵件驗證碼',
  '信箱驗證碼',
  '傳送驗證碼',
  '取得驗證碼',
  '獲取驗證碼',
  '重新傳送',
  '重新寄送',
  '重新發送',
  '已傳送',
  '已寄送',
  '寄到',
  '沒收到',
  // Korean
  '문자 메시지',
  '문자로',
  '전송된',
  '전송했습니다',
  '발송된',
  '발송했습니다',
  '재전송',
  '재발송',
  '다시 보내기',
  // German
  'textnachricht',
  'gesendet',
  'geschickt',
  'zugesendet',
  'erneut senden',
  'code senden',
  'code anfordern',
  'nicht erhalten',
  // French
  'texto',
  'envoyé',
  'nous avons envoyé',
  'renvoyer',
  'recevoir un code',
  'envoyer le code',
  'pas reçu',
  // Spanish / Portuguese
  'mensaje de texto',
  'enviado',
  'enviada',
  'hemos enviado',
  'te enviamos',
  'reenviar',
  'enviar código',
  'no recibiste',
  'mensagem de texto',
  'enviamos',
  'não recebeu',
  // Russian
  'смс',
  'отправлен',
  'отправили',
  'отправить код',
  'отправить повторно',
  'выслать код',
  'выслали',
  'получить код',
  'не пришел',
  'не пришёл',
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
  // why: most texts are ASCII, where NFKC changes nothing; the same steps as one pass over the characters
  // (this runs for most inputs of a page, and five regular-expression passes were its largest cost).
  if (PRINTABLE_ASCII.test(raw)) return normalizeAscii(raw);
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
// why: tabs and newlines included (texts read from the page carry them); they are separators either way.
const PRINTABLE_ASCII = /^[\t\n\r\x20-\x7e]*$/;

const OTHER = 0;
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;

function kindOf(code: number): number {
  if (code >= 97 && code <= 122) return LOWER;
  if (code >= 65 && code <= 90) return UPPER;
  if (code >= 48 && code <= 57) return DIGIT;
  return OTHER;
}

/**
 * `normalizeText` of ASCII text: words are runs of letters and digits, split where `aB`, `ABc` (before the
 * B) and a letter before a digit meet, as the regular expressions of the general case split them; lower case,
 * one space apart, padded.
 */
function normalizeAscii(raw: string): string {
  let out = '';
  let start = -1; // start of the current word in `raw`, or -1 between words
  let previous = OTHER;
  for (let i = 0; i < raw.length; i++) {
    const kind = kindOf(raw.charCodeAt(i));
    if (kind === OTHER) {
      if (start >= 0) out += out === '' ? raw.slice(start, i) : ` ${raw.slice(start, i)}`;
      start = -1;
    } else if (start < 0) {
      start = i;
    } else {
      const split =
        kind === UPPER
          ? previous === LOWER || (previous === UPPER && kindOf(raw.charCodeAt(i + 1)) === LOWER)
          : kind === DIGIT && previous !== DIGIT;
      if (split) {
        out += out === '' ? raw.slice(start, i) : ` ${raw.slice(start, i)}`;
        start = i;
      }
    }
    previous = kind;
  }
  if (start >= 0) out += out === '' ? raw.slice(start) : ` ${raw.slice(start)}`;
  return out === '' ? ' ' : ` ${out.toLowerCase()} `;
}

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
  // why: normalised once, not on every call (this runs for every candidate input of a page); a flat list of
  // [find, replacement] pairs, in the order the phrases are listed.
  exceptionForms ??= EXCLUSION_EXCEPTIONS.flatMap((phrase) => {
    const norm = normalizeText(phrase).trim();
    if (!ASCII_ONLY.test(norm)) return [norm, ' '];
    const glued = norm.replace(/ /g, '');
    return glued !== norm ? [` ${norm} `, '  ', ` ${glued} `, '  '] : [` ${norm} `, '  '];
  });
  for (let i = 0; i < exceptionForms.length; i += 2) {
    const find = exceptionForms[i] as string;
    if (text.includes(find)) text = text.split(find).join(exceptionForms[i + 1] as string);
  }
  return text;
}
let exceptionForms: string[] | undefined;

export const TOTP_SPECIFIC = compilePhrases(TOTP_SPECIFIC_KEYWORDS);
export const GENERIC_CODE = compilePhrases(GENERIC_CODE_KEYWORDS);
export const WEAK_CODE = compilePhrases(WEAK_CODE_KEYWORDS);
export const SMS_SIGNALS = compilePhrases(SMS_OR_EMAIL_CODE_SIGNALS);
export const CONSECUTIVE_SIGNALS = compilePhrases(CONSECUTIVE_CODES_SIGNALS);
export const CARD_FORM_FIELD = compilePhrases(CARD_FORM_FIELD_KEYWORDS);
export const CAPTCHA_REFRESH = compilePhrases(CAPTCHA_REFRESH_KEYWORDS);
export const FIRST_MARKERS = compilePhrases(FIRST_CODE_MARKERS);
export const SECOND_MARKERS = compilePhrases(SECOND_CODE_MARKERS);

/**
 * One phrase table per exclusion kind, the categories' lists joined in order: its first match is the first
 * phrase of the first category that matches, as a walk over the categories would find (in one lookup).
 */
function exclusionTable(byCategory: Readonly<Partial<Record<ExclusionCategory, readonly string[]>>>) {
  const phrases: string[] = [];
  const categoryOf = new Map<string, ExclusionCategory>();
  for (const [category, list] of Object.entries(byCategory) as [ExclusionCategory, readonly string[]][]) {
    for (const phrase of list) {
      phrases.push(phrase);
      if (!categoryOf.has(phrase)) categoryOf.set(phrase, category);
    }
  }
  return { table: compilePhrases(phrases), categoryOf };
}
const HARD_TABLE = exclusionTable(HARD_EXCLUSIONS);
const IDENTITY_TABLE = exclusionTable(IDENTITY_EXCLUSIONS);

type Exclusion = { category: ExclusionCategory; phrase: string };

function findExclusion(tables: typeof HARD_TABLE, normalized: string): Exclusion | undefined {
  const phrase = tables.table.find(stripExclusionExceptions(normalized));
  if (phrase === undefined) return undefined;
  return { category: tables.categoryOf.get(phrase) as ExclusionCategory, phrase };
}

/** The first hard exclusion (search, coupon, postal, card, captcha, recovery) found in normalised text. */
export const findHardExclusion = (normalized: string) => findExclusion(HARD_TABLE, normalized);
/** The first identity exclusion (username, email, password, phone) found in normalised text. */
export const findIdentityExclusion = (normalized: string) => findExclusion(IDENTITY_TABLE, normalized);

/** The TOTP-specific keyword (phrase or affixed token) found in normalised text. */
export function findTotpSpecific(normalized: string): string | undefined {
  return TOTP_SPECIFIC.find(normalized) ?? findTotpAffixToken(normalized);
}

// why: one lookup answers "any code keyword at all?" for the many inputs dropped on it (three tables' phrases
// in one index; the same phrases, so the same yes/no as asking the three in turn).
const ANY_CODE = compilePhrases([...TOTP_SPECIFIC_KEYWORDS, ...GENERIC_CODE_KEYWORDS, ...WEAK_CODE_KEYWORDS]);

/** Is there a TOTP-specific, generic or weak code keyword (phrase or affixed token) in normalised text? */
export function hasCodeKeyword(normalized: string): boolean {
  return (
    ANY_CODE.find(normalized) !== undefined ||
    findTotpAffixToken(normalized) !== undefined ||
    findGenericAffixToken(normalized) !== undefined
  );
}

/** The generic code keyword (phrase or `otp…` token) found in normalised text. */
export function findGenericCode(normalized: string): string | undefined {
  return GENERIC_CODE.find(normalized) ?? findGenericAffixToken(normalized);
}

/** Is `id` (an id or name attribute) one of the known MFA field ids? */
export function isKnownOtpFieldId(id: string): boolean {
  return id !== '' && (knownIds ??= new Set(KNOWN_OTP_FIELD_IDS)).has(id.toLowerCase());
}
let knownIds: Set<string> | undefined; // why: asked twice for every input of a page
