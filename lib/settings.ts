/**
 * The user's settings as one table: each field's default, limits and checks. The Settings type, the lenient
 * read of whatever is stored and the strict check of a change are derived from it, so a new setting is one
 * entry here plus its control and its locale strings. Where they are stored (sealed in the vault) is
 * lib/background/settings.ts's business.
 */
import { normalizeSiteInput } from './sites/binding';
import { normalizeSiteList } from './sites/site-list';
import type { PublicSuffixes } from './sites/public-suffixes';

export type SettingCheck<T> = { ok: true; value: T } | { ok: false; message: string };

export interface SettingField<T> {
  /** The field may be absent from a Settings value (the background always fills it in). */
  optional?: true;
  /** A fresh copy each time, so no caller shares (and mutates) the default. */
  initial(): T;
  /**
   * What was stored → the value, or undefined to fall back to the default. Never throws. Site lists need
   * the Public Suffix List (`suffixes`; null when it could not be read); other fields ignore it.
   */
  read(stored: unknown, suffixes: PublicSuffixes | null): T | undefined;
  /** A change asked for by the popup or options page → the value to store, or why it is refused. */
  check(input: unknown, suffixes: PublicSuffixes): SettingCheck<T>;
}

export const AUTO_LOCK_MINUTES = { min: 1, max: 1440, initial: 15 } as const;
export const MAX_AUTO_SUBMIT_SITES = 50;

function isMinutes(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= AUTO_LOCK_MINUTES.min &&
    value <= AUTO_LOCK_MINUTES.max
  );
}

const refuse = (message: string) => ({ ok: false, message }) as const;

/** An on/off setting; `what` names it in the refusal ("Clear clipboard must be on or off."). */
function onOff(what: string, initial: boolean): SettingField<boolean> {
  return {
    initial: () => initial,
    read: (stored) => (typeof stored === 'boolean' ? stored : undefined),
    check: (input) =>
      typeof input === 'boolean' ? { ok: true, value: input } : refuse(`${what} must be on or off.`),
  };
}

/** A list of sites, each normalised, at most MAX_AUTO_SUBMIT_SITES; `what` names it in the refusal. */
function siteList(what: string): SettingField<string[]> {
  return {
    initial: () => [],
    // why: without the list no site can be checked, so none is read (nothing auto-submitted or appended).
    read: (stored, suffixes) =>
      Array.isArray(stored) && suffixes !== null
        ? stored
            .filter((s): s is string => typeof s === 'string' && normalizeSiteInput(s, suffixes).ok)
            .slice(0, MAX_AUTO_SUBMIT_SITES)
        : undefined,
    check: (input, suffixes) => {
      const checked = normalizeSiteList(input, suffixes, {
        max: MAX_AUTO_SUBMIT_SITES,
        tooManyMessage: `${what} takes at most ${MAX_AUTO_SUBMIT_SITES} sites.`,
      });
      return checked.ok ? { ok: true, value: checked.sites } : checked;
    },
  };
}

export const SETTINGS_TABLE = {
  autoLockMinutes: {
    initial: (): number => AUTO_LOCK_MINUTES.initial,
    read: (stored) => (isMinutes(stored) ? stored : undefined),
    check: (input) =>
      isMinutes(input)
        ? { ok: true, value: input }
        : refuse(
            `Auto-lock must be a whole number of minutes from ${AUTO_LOCK_MINUTES.min} to ${AUTO_LOCK_MINUTES.max}.`,
          ),
  } satisfies SettingField<number>,
  clearClipboard: onOff('Clear clipboard', true),
  /** Sites where the MFA form is submitted right after a fill (off everywhere by default). */
  autoSubmitSites: {
    /** Added after the first two: callers of setSettings and fakes of getSettings may leave it out. */
    optional: true as const,
    ...siteList('Auto-submit'),
  },
  /** Whether a fill asks the site being filled for its time (one HEAD request) and corrects a skewed clock. */
  clockCheck: { optional: true as const, ...onOff('Clock check', true) },
  /**
   * Sites whose logon takes the password and the code in one field (VPN, RADIUS): popup Fill and the
   * shortcut append the code to the password field there instead of filling a code field. Off by default.
   */
  appendCodeSites: { optional: true as const, ...siteList('Append code') },
};

type Table = typeof SETTINGS_TABLE;
export type SettingName = keyof Table;
type Value<K extends SettingName> = ReturnType<Table[K]['initial']>;
type OptionalName = { [K in SettingName]: Table[K] extends { optional: true } ? K : never }[SettingName];
export type Settings = { [K in Exclude<SettingName, OptionalName>]: Value<K> } & {
  [K in OptionalName]?: Value<K>;
};

const NAMES = Object.keys(SETTINGS_TABLE) as SettingName[];

function field<K extends SettingName>(name: K): SettingField<Value<K>> {
  return SETTINGS_TABLE[name] as SettingField<Value<K>>;
}

export function defaultSettings(): Settings {
  return Object.fromEntries(NAMES.map((name) => [name, field(name).initial()])) as Settings;
}

/** Whatever was stored → valid settings, field by field; anything malformed falls back to its default. */
export function parseSettings(stored: unknown, suffixes: PublicSuffixes | null): Settings {
  const raw = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return Object.fromEntries(
    NAMES.map((name) => [name, field(name).read(raw[name], suffixes) ?? field(name).initial()]),
  ) as Settings;
}

/** Checks every field a change names (others are ignored); the first refused field's message, or the change. */
export function checkSettingsPatch(
  patch: Partial<Record<SettingName, unknown>>,
  suffixes: PublicSuffixes,
): { ok: true; value: Partial<Settings> } | { ok: false; message: string } {
  const next: Partial<Record<SettingName, unknown>> = {};
  for (const name of NAMES) {
    if (patch[name] === undefined) continue;
    const checked = field(name).check(patch[name], suffixes);
    if (!checked.ok) return checked;
    next[name] = checked.value;
  }
  return { ok: true, value: next as Partial<Settings> };
}
