/**
 * The heavy half of "scan QR on this page", loaded on demand (see browser-scan-kit.ts): decoding the
 * images a scan collected, turning QR texts into accounts or reasons, and the sites a new account is
 * bound to (with the Public Suffix List the caller read from its packaged file). The popup's first paint
 * needs none of it.
 */
import type { ScanTabResult } from '../messaging';
import type { OtpAccountData } from '../otp/types';
import { accountsFromQrTexts } from '../enroll/accounts-from-qr';
import { findQrTexts, type QrText, type QrTextFinderDeps } from '../enroll/find-qr-texts';
import { classifyQrText, type QrTextClass } from '../enroll/classify';
import { cropImageData } from '../qr/crop';
import { initialAllowedSites, siteChoiceFor, type SiteChoice } from '../sites/binding';
import type { PublicSuffixes } from '../sites/public-suffixes';

export type { QrText };

/** Why a QR code on the page was not used: an i18n key when the reason is a known kind, else the lib's words. */
export interface ScanRejection {
  key: string | null;
  message: string;
}

/** An account read from a QR code, and the origin of the frame that showed it (null: opaque origin). */
export interface FoundAccount {
  data: OtpAccountData;
  origin: string | null;
}

export interface FoundAccounts {
  accounts: FoundAccount[];
  rejections: ScanRejection[];
}

/** A rectangle as fractions (0–1) of an image's width and height, whatever its pixel size. */
export interface FractionRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ScanKit {
  /** Texts of the QR codes in a scan: DOM images first, then the screenshot (crops, then whole). */
  readTexts(scan: ScanTabResult): Promise<QrText[]>;
  /** Text of a QR code inside an area of an image the user selected (the drag-to-select fallback). */
  readArea(dataUrl: string, area: FractionRect): Promise<string[]>;
  accountsFromTexts(texts: QrText[]): FoundAccounts;
  /** Sites a scanned account starts bound to; the user can edit them before adding. */
  sitesFor(origin: string | null, suggestedSites: readonly string[], issuer: string): string[];
  /** The exact host bound by default and the "all of …" site the user may choose instead, or null. */
  siteChoiceFor(origin: string | null): SiteChoice | null;
}

/** i18n key for a refused QR text of a known kind; null when only the parser's own message says why. */
export function rejectionKey(kind: QrTextClass): string | null {
  if (kind.accepted) return null;
  if (kind.kind === 'text') return 'scanRejectText';
  if (kind.scheme === 'http' || kind.scheme === 'https') return 'scanRejectLink';
  if (kind.scheme === 'wifi') return 'scanRejectWifi';
  // why: a malformed otpauth URI has a precise reason in the classifier's words; keep it.
  if (kind.scheme === 'otpauth' || kind.scheme === 'otpauth-migration') return null;
  return 'scanRejectOther';
}

/**
 * Accounts from all texts, each with the origin of the frame that showed it (the first, when the same key
 * appears twice), and one reason per text that gave none (repeats merged).
 */
export function accountsFromTexts(texts: QrText[]): FoundAccounts {
  const accounts: FoundAccount[] = [];
  const rejections: ScanRejection[] = [];
  for (const { text, origin } of texts) {
    const one = accountsFromQrTexts([text]);
    for (const data of one.accounts) {
      // why: the same QR is often found twice (DOM image and screenshot crop).
      if (!accounts.some((a) => a.data.secret === data.secret && a.data.kind === data.kind))
        accounts.push({ data, origin });
    }
    const key = rejectionKey(classifyQrText(text));
    for (const message of one.rejections) {
      if (!rejections.some((r) => (key !== null ? r.key === key : r.message === message))) {
        rejections.push({ key, message });
      }
    }
  }
  return { accounts, rejections };
}

/**
 * Where the enrolled account may fill: with the origin of the frame that showed the QR, the sites
 * lib/sites/binding.ts derives from it and the issuer (its rules decide when issuer profiles apply);
 * without one, only what the background suggested (the user can add sites before adding).
 */
export function sitesForScannedAccount(
  origin: string | null,
  suggestedSites: readonly string[],
  issuer: string,
  suffixes: PublicSuffixes,
): string[] {
  return origin ? initialAllowedSites(origin, issuer, suffixes) : [...suggestedSites];
}

/** Margin kept around a user-selected area, in image pixels (the user rarely drags the quiet zone too). */
const AREA_MARGIN_PX = 6;

/** `suffixes`: the Public Suffix List, loaded by the caller (the popup reads the packaged file). */
export function createScanKit(deps: QrTextFinderDeps, suffixes: PublicSuffixes): ScanKit {
  return {
    readTexts: (scan) => findQrTexts(scan, deps),
    async readArea(dataUrl, area) {
      const image = await deps.rasterize(dataUrl);
      const rect = {
        x: area.x * image.width,
        y: area.y * image.height,
        width: area.width * image.width,
        height: area.height * image.height,
      };
      const crop = cropImageData(image, rect, 1, AREA_MARGIN_PX);
      const text = crop ? deps.decode(crop) : null;
      return text === null ? [] : [text];
    },
    accountsFromTexts,
    sitesFor: (origin, suggestedSites, issuer) =>
      sitesForScannedAccount(origin, suggestedSites, issuer, suffixes),
    siteChoiceFor: (origin) => siteChoiceFor(origin, suffixes),
  };
}
