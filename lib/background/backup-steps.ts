/**
 * Steps shared by the backup and import handlers (handlers/backup/).
 */
import { UserFacingError } from './errors';
import type { BackgroundDeps, VaultPort } from './deps';
import { readImport } from '../backup/importers';
import { planImport, type ImportPlan } from '../backup/merge';
import type { ImportFormat } from '../backup/types';
import { assertPasswordShape } from './password-rules';

/** The vault with its backup methods (all part of VaultPort). */
export function backupVault(deps: BackgroundDeps): VaultPort {
  return deps.vault;
}

/** WebCrypto of the worker, unless the deps carry one (tests). */
export function cryptoOf(deps: BackgroundDeps): Crypto {
  return (deps as BackgroundDeps & { crypto?: Crypto }).crypto ?? globalThis.crypto;
}

/** Secrets leave the vault only after the master password is typed again (not just an open session). */
export async function verifyMasterPassword(deps: BackgroundDeps, password: unknown): Promise<void> {
  assertPasswordShape(password);
  await deps.vault.unlock(password);
}

export function assertImportRequest(payload: { text?: unknown; password?: unknown }): void {
  if (
    typeof payload.text !== 'string' ||
    (payload.password !== undefined && typeof payload.password !== 'string')
  ) {
    throw new UserFacingError('invalid-request', 'Malformed import request.');
  }
}

/** Reads `text` in any supported format and plans it against the vault as it is now. */
export async function readAndPlan(
  deps: BackgroundDeps,
  dek: Uint8Array,
  text: string,
  password: string | undefined,
): Promise<{ format: ImportFormat; plan: ImportPlan }> {
  const read = await readImport(text, { password: password || undefined, crypto: cryptoOf(deps) });
  if (!read.ok) throw new UserFacingError(read.error.code, read.error.message);
  const { accounts } = await deps.vault.list(dek);
  return { format: read.format, plan: planImport(accounts, read.accounts, read.invalid) };
}
