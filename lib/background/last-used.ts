/**
 * The account last filled on each site, to pick among several accounts bound to one site. Kept in
 * storage.session (never storage.local, which content scripts can read in Firefox): an account id per
 * origin, no secret, gone when the browser closes.
 */
import type { KeyValueArea } from './deps';

const KEY = 'lastFillBySite';
/** Enough for a working session; the oldest entries go first. */
const MAX_SITES = 100;

type Record_ = Record<string, string>;

async function read(area: KeyValueArea): Promise<Record_> {
  const stored = (await area.get(KEY))[KEY];
  return stored && typeof stored === 'object' ? (stored as Record_) : {};
}

export async function lastUsedOn(area: KeyValueArea, origin: string): Promise<string | undefined> {
  const id = (await read(area).catch(() => ({}) as Record_))[origin];
  return typeof id === 'string' ? id : undefined;
}

export async function rememberUsedOn(area: KeyValueArea, origin: string, accountId: string): Promise<void> {
  const entries = Object.entries(await read(area)).filter(([o]) => o !== origin);
  entries.push([origin, accountId]);
  await area.set({ [KEY]: Object.fromEntries(entries.slice(-MAX_SITES)) });
}
