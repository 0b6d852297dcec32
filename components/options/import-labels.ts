import type { ImportFormatName, ImportPreview, ImportPreviewAccount } from '../../lib/messaging';
import { accountDisplayName } from '../../lib/account-display-name';
import { t } from '../../lib/ui/i18n';

/** Product names stay as they are; only descriptions are translated. */
const FORMAT_NAMES: Record<ImportFormatName, () => string> = {
  'mfa-backup': () => t('importFormatBackup'),
  'otpauth-text': () => t('importFormatOtpauth'),
  'google-migration': () => 'Google Authenticator',
  aegis: () => 'Aegis',
  '2fas': () => '2FAS',
  'authenticator-extension': () => 'Authenticator',
  bitwarden: () => 'Bitwarden',
  'bitwarden-csv': () => 'Bitwarden (CSV)',
  lastpass: () => 'LastPass Authenticator',
  'proton-authenticator': () => 'Proton Authenticator',
  'freeotp-plus': () => 'FreeOTP+',
  andotp: () => 'andOTP',
  'authenticator-pro': () => 'Authenticator Pro',
  'steam-desktop-authenticator': () => 'Steam Desktop Authenticator',
  raivo: () => 'Raivo OTP',
  'andotp-encrypted': () => 'andOTP',
  'authenticator-pro-encrypted': () => 'Authenticator Pro',
  'ente-encrypted': () => 'Ente Auth',
};

export function formatName(format: ImportFormatName): string {
  return FORMAT_NAMES[format]?.() ?? format;
}

const KIND_LABELS: Record<ImportPreviewAccount['kind'], string> = {
  totp: 'typeTotp',
  hotp: 'typeHotp',
  steam: 'typeSteam',
};

export function kindLabel(kind: ImportPreviewAccount['kind']): string {
  return t(KIND_LABELS[kind] ?? 'typeTotp');
}

/** Why an entry is skipped as a duplicate, naming the vault account it matches. */
export function duplicateReason(duplicate: ImportPreview['duplicates'][number]): string {
  if (!duplicate.existing) return t('importDupInFile');
  const name = accountDisplayName(duplicate.existing, 'colon');
  return duplicate.reason === 'same-secret' ? t('importDupSameSecret', name) : t('importDupSameName', name);
}
