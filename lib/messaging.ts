/**
 * The one message protocol between the popup/options pages, content scripts and the background.
 *
 * Every message is `{ type, payload }` where `type` is a key of `Protocol`; every answer is a `Reply`.
 * The background registers exactly one handler per key (see lib/background/router.ts), so adding a
 * message means adding a key here and a handler file there; the compiler checks both sides.
 */
import type { OtpAccountData } from './otp/types';
import type {
  BrokenRecordInfo,
  NewStoredAccount,
  StoredAccountPatch,
  VaultRepositoryState,
} from './vault/types';
import type { ImportFormat, ImportPreview, ImportPreviewAccount, ImportRequest } from './backup/types';
import type { Settings } from './settings';
import type { SyncStatus } from './sync/state';

export type { ImportPreview, ImportPreviewAccount, ImportRequest, Settings };

/** A failure the UI can show: `code` is stable for tests and i18n, `message` is for humans. */
export interface ErrorInfo {
  code: string;
  message: string;
  /** With code 'name-clash': the account of the same name, so the UI can offer "keep both" or "replace". */
  clash?: NameClash;
}

/** A new account has the issuer + name of a stored one but a different secret. */
export interface NameClash {
  existing: { id: string; issuer: string; account: string; allowedSites: string[] };
  /** The sites the new account would be bound to. */
  incomingSites: string[];
}

/** What addAccount does when an account of the same issuer + name (and another secret) exists. */
export type NameClashChoice = 'ask' | 'keep-both' | 'replace';

export interface AddAccountRequest extends NewAccount {
  /** Default 'ask': refuse with a 'name-clash' error carrying the clash. */
  onNameClash?: NameClashChoice;
  /** With 'replace': the clashing account to replace (its id, order and pin stay; everything else is new). */
  replaceId?: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** The vault's stored state, with 'initialized' told apart as locked or unlocked (the session's key). */
export type VaultState = Exclude<VaultRepositoryState, 'initialized'> | 'locked' | 'unlocked';

/** What the popup may show for an account: never the secret. */
export interface AccountView {
  id: string;
  kind: OtpAccountData['kind'];
  issuer: string;
  account: string;
  digits: number;
  period: number;
  pinned: boolean;
  order: number;
  allowedSites: string[];
  /** Current code (TOTP/Steam) or '' for HOTP until the user asks for the next one. */
  code: string;
  /** The code of the next period, for the last seconds of the current one. */
  nextCode: string;
  /** Epoch ms at which `code` stops being valid (TOTP/Steam); 0 for HOTP. */
  validUntil: number;
  /** True when the account is allowed on the site of the tab the popup was opened for. */
  matchesTab: boolean;
}

/** A stored record that could not be decrypted: kept, never deleted silently. */
export type BrokenRecord = BrokenRecordInfo;

export type NewAccount = NewStoredAccount;

/** What the popup may change of an account (never the HOTP counter: only nextHotpCode moves it). */
export type AccountPatch = Omit<StoredAccountPatch, 'counter'>;

/** Request → response types, by message name. */
export interface Protocol {
  // Privileged: accepted only from extension pages.
  getVaultState: { req: Record<string, never>; res: { state: VaultState; lockAt: number } };
  createVault: { req: { password: string }; res: { state: VaultState } };
  unlockVault: { req: { password: string }; res: { state: VaultState } };
  lockVault: { req: Record<string, never>; res: { state: VaultState } };
  changePassword: { req: { oldPassword: string; newPassword: string }; res: null };
  listAccounts: { req: { tabId?: number }; res: { accounts: AccountView[]; broken: BrokenRecord[] } };
  addAccount: { req: AddAccountRequest; res: { id: string; replaced?: boolean } };
  updateAccount: { req: { id: string; patch: AccountPatch }; res: null };
  deleteAccount: { req: { id: string }; res: null };
  reorderAccounts: { req: { ids: string[] }; res: null };
  nextHotpCode: { req: { id: string }; res: { code: string } };
  getSettings: { req: Record<string, never>; res: Settings };
  setSettings: { req: Partial<Settings>; res: Settings };
  /** The popup copied a code: clear the clipboard later if the setting is on (epoch ms, or null). */
  clipboardCopied: { req: Record<string, never>; res: { clearAt: number | null } };
  /** Fill the current code into the MFA field(s) of a tab (popup "Fill", after enrolment). */
  fillTab: { req: FillTabRequest; res: FillTabResult };
  /** Collect QR candidates from every frame of a tab, with a screenshot fallback. */
  scanTab: { req: { tabId: number; screenshot: boolean }; res: ScanTabResult };
  /** Origin of a tab's top frame, for showing where an enrolled account will be bound. */
  tabSite: { req: { tabId: number }; res: { origin: string | null; suggestedSites: string[] } };
  /** What the popup was opened for by a keyboard command or context menu (taken once). */
  takeIntent: { req: Record<string, never>; res: { intent: UiIntent | null } };
  /** The fill keyboard command's own path (fill the one right account, or say a choice is needed). */
  fillShortcut: { req: { tabId: number }; res: { outcome: ShortcutOutcome } };
  // Backup and import (lib/background/handlers/backup/). Privileged; the vault must be unlocked.
  /** Encrypted backup of the whole vault. `password` = master password, re-entered and checked. */
  exportBackup: { req: { password: string; backupPassword?: string }; res: ExportBackupResult };
  /** What importing these accounts (read from a file by the options page) would add, skip and refuse. */
  previewImport: { req: ImportRequest; res: ImportPreview };
  /** Checks and plans the accounts again, then adds the new ones in one transaction. */
  commitImport: { req: ImportRequest; res: { added: number; duplicates: number; invalid: number } };
  /** Secrets in the clear (otpauth list or Google migration URIs); master password re-entered. */
  exportPlain: { req: { password: string; kind: PlainExport['kind'] }; res: PlainExport };
  /** otpauth:// URI of one account, for "show as QR"; master password re-entered. */
  accountUri: { req: { id: string; password: string }; res: { uri: string } };
  /** For the "back up now" reminder. */
  backupStatus: { req: Record<string, never>; res: BackupStatus };
  // End of backup and import.
  // Sync (lib/sync, handlers/sync-*.ts). Privileged; the vault must be unlocked.
  /** Whether sync is on in this browser, and how its last run went. */
  syncStatus: { req: Record<string, never>; res: SyncView };
  /** Turns sync on: `password` wraps the sync key (first browser) or opens the synced vault's slot (others). */
  syncEnable: { req: { password: string }; res: SyncView };
  /** Turns sync off here (the sync area is left as it is for the other browsers). */
  syncDisable: { req: Record<string, never>; res: SyncView };
  syncNow: { req: Record<string, never>; res: SyncView };
  // From content scripts: answered from the sender's origin, never the payload's.
  contentHello: { req: { fieldCount: number }; res: { canFill: boolean } };
  /** The inline button was clicked (trusted, unobscured): which code goes in this frame (always one). */
  requestFill: { req: { accountId?: string; username?: string }; res: FillAnswer };
}

export interface UiIntent {
  action: 'scan' | 'fill';
  tabId: number;
  at: number;
  /** Why the fill shortcut could not fill (an error code, e.g. field-too-short): the popup says it. */
  refusal?: string;
}

export interface FillTabRequest {
  tabId: number;
  accountId: string;
  /**
   * Fill code(T) and code(T+1) where the page asks for two consecutive codes: only the popup's enrolment
   * ("add and fill"), and only honoured for an account added in the last few minutes.
   */
  twoCodes: boolean;
}

/** What the fill shortcut did: 'choose' and 'locked' open the popup; 'none' = no account bound here. */
export type ShortcutOutcome = 'filled' | 'choose' | 'locked' | 'none' | 'no-field';

export interface FillTabResult {
  filledFrames: number;
  usedNext: boolean;
  /** Set when the codes were corrected for this computer's clock: how far off it is, in whole seconds. */
  clockSkewSeconds?: number;
}

/** Sent by the background to one frame's content script; content scripts accept it only from the extension. */
export interface FillCommand {
  type: 'fillCodes';
  codes: string[];
  /** The origin the background checked for this frame; the content script refuses if its own differs. */
  expectedOrigin: string;
  /** Submit the field's form after a verified fill (the user enabled auto-submit for this site). */
  submit?: boolean;
  /** No field yet: wait briefly for one to be rendered (a second pass, after none answered at once). */
  wait?: boolean;
  /** The site takes password and code in one field: append codes[0] to the password field's value. */
  append?: boolean;
}

/** Asked before an HOTP counter is spent: is this frame still on `expectedOrigin`, with a field to fill? */
export interface FillProbe {
  type: 'probeFill';
  expectedOrigin: string;
  wait?: boolean;
  /** Digits of the code that would follow: a field that cannot hold them is not ready. */
  codeLength?: number;
}

/** A frame's answer to a FillCommand (`filled`) or a FillProbe (`ready`). */
export interface FillCommandAnswer {
  filled?: boolean;
  ready?: boolean;
  /** field-too-short: the field's maxlength/size/pattern cannot take the whole code; nothing was written. */
  refused?: 'origin-changed' | 'field-too-short';
  /** A probe's answer: the username the page shows or had typed, to pick among several accounts. */
  username?: string;
}

export type FillAnswer =
  | { status: 'fill'; codes: string[]; usedNext: boolean; label: string; submit?: boolean }
  | { status: 'choose'; choices: { id: string; issuer: string; account: string }[] }
  | { status: 'locked' }
  | { status: 'no-account' };

/** An image found on the page, as a data URL the extension rasterizes and decodes itself. */
export interface QrSource {
  frameId: number;
  /**
   * Origin of the frame that supplied it, as the browser reports that frame (the top frame's for the
   * screenshot); null for an opaque (sandboxed) origin. A scanned account is bound to this origin.
   */
  origin: string | null;
  dataUrl: string;
  /** Rectangle in CSS px relative to the top-level viewport, for cropping a screenshot. */
  rect: { x: number; y: number; width: number; height: number };
  /** True for the screenshot of the visible tab. */
  screenshot: boolean;
}

export interface ScanTabResult {
  sources: QrSource[];
  /** Top-viewport rectangles of candidates whose pixels the page would not give (cross-origin, tainted). */
  cropRects: QrSource['rect'][];
  devicePixelRatio: number;
  /** Keys the pages show as text, each with the origin of its frame as the browser reports it. */
  textKeys?: { secret: string; account: string; origin: string | null }[];
}

/** What one frame's content script answers to `collectQr`. */
export interface CollectQrAnswer {
  sources: { dataUrl: string; rect: QrSource['rect'] }[];
  cropRects: QrSource['rect'][];
  devicePixelRatio: number;
  /** Base32 keys shown as text near MFA words (lib/enroll/find-text-keys.ts). */
  textKeys?: { secret: string; account: string }[];
}

export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = Protocol[K]['req'];
export type ResponseOf<K extends MessageType> = Protocol[K]['res'];

export interface Envelope<K extends MessageType = MessageType> {
  type: K;
  payload: RequestOf<K>;
}

/** Thrown by `send` when the background answers `{ ok: false }`. */
export class MessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly clash?: NameClash,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

export function isEnvelope(value: unknown): value is Envelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    'payload' in value
  );
}

/** Anything with `runtime.sendMessage`, so tests can pass a fake. */
export interface MessageSender {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

export async function send<K extends MessageType>(
  runtime: MessageSender,
  type: K,
  payload: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { type, payload };
  const reply = (await runtime.runtime.sendMessage(envelope)) as Reply<ResponseOf<K>> | undefined;
  if (!reply) throw new MessageError('no-reply', 'The extension did not answer. Try reopening it.');
  if (!reply.ok) throw new MessageError(reply.error.code, reply.error.message, reply.error.clash);
  return reply.value;
}

// Backup and import: types of the messages above.

export type ImportFormatName = ImportFormat;

export interface ExportBackupResult {
  fileName: string;
  /** The file's content (JSON text), already verified by decrypting it. */
  json: string;
  count: number;
  /** Records that could not be decrypted and are therefore not in the file (they stay in the vault). */
  unreadable: number;
}

export type PlainExport =
  | { kind: 'otpauth'; text: string; count: number }
  /** A file for another app (Aegis plain JSON, unencrypted .2fas), named as that app names its exports. */
  | { kind: 'aegis' | '2fas'; text: string; count: number; fileName: string }
  | { kind: 'migration'; uris: string[]; skipped: { issuer: string; account: string; reason: string }[] };

/** Sync in this browser: off, or on with the last run's status; `joined`: enabling opened an existing slot. */
export interface SyncView {
  enabled: boolean;
  status: SyncStatus | null;
  joined?: boolean;
}

export type { SyncStatus };

export interface BackupStatus {
  /** Epoch ms of the last verified backup, or null if none was ever made. */
  lastBackupAt: number | null;
  /** Accounts created after the last backup (all of them when there was none). */
  accountsSinceBackup: number;
  accountCount: number;
}
// End of backup and import types.
