/**
 * Steps shared by the backup and import handlers (handlers/backup/).
 */
import type { BackgroundDeps, VaultPort } from './deps';
import { planImport, type ImportPlan } from '../backup/merge';
import type { ImportFormat } from '../backup/types';
import { assertPasswordShape } from './password-rules';
import { checkImportRequest } from './import-check';

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

/**
 * Checks the accounts the options page read from a file (lib/background/import-check.ts) and plans them
 * against the vault as it is now. Files are never parsed here: importers and their KDFs stay out of the
 * service worker.
 */
export async function checkAndPlan(
  deps: BackgroundDeps,
  dek: Uint8Array,
  payload: unknown,
): Promise<{ format: ImportFormat; plan: ImportPlan }> {
  const request = checkImportRequest(payload);
  const { accounts } = await deps.vault.list(dek);
  return { format: request.format, plan: planImport(accounts, request.accounts, request.invalid) };
}
