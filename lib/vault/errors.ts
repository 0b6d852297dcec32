/**
 * Typed vault failures. `code` is stable (tests, i18n, `ErrorInfo.code` in lib/messaging.ts); `message` is
 * for humans and says what was wrong.
 */
export class VaultError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The GCM tag of the wrapped data key did not verify: wrong password, or the key slot was altered. */
export class WrongPasswordError extends VaultError {
  constructor() {
    super('wrong-password', 'Wrong password (or the stored key slot was altered).');
  }
}

/** Key-derivation parameters below the floor; refused before any derivation runs. */
export class WeakKdfParamsError extends VaultError {
  constructor(detail: string) {
    super('kdf-below-floor', `Key-derivation parameters are below the minimum and were refused: ${detail}.`);
  }
}

/** A stored slot or record is not in a shape this build can read (bad base64, wrong IV length, ...). */
export class CorruptDataError extends VaultError {
  constructor(detail: string) {
    super('corrupt-data', `Stored vault data is malformed: ${detail}.`);
  }
}

/** A record's ciphertext, IV, tag or bound id/version did not authenticate, or its stored shape is wrong. */
export class RecordDecryptError extends VaultError {
  constructor(
    readonly recordId: string,
    readonly reason: string,
  ) {
    super('record-undecryptable', `Record ${recordId} could not be decrypted: ${reason}.`);
  }
}

/** The database was written by a newer build; this one must not change it. */
export class NewerSchemaError extends VaultError {
  constructor() {
    super(
      'newer-schema',
      'This vault was saved by a newer version of the extension. Please update the extension; ' +
        'nothing can be changed until then.',
    );
  }
}

export class VaultExistsError extends VaultError {
  constructor() {
    super('vault-exists', 'A vault already exists; it was not replaced.');
  }
}

export class VaultUninitializedError extends VaultError {
  constructor() {
    super('vault-uninitialized', 'No vault has been created yet.');
  }
}

export class AccountNotFoundError extends VaultError {
  constructor(id: string) {
    super('account-not-found', `No account with id ${id}.`);
  }
}

/** The caller passed something the vault will not store (empty password, bad counter, stale order list). */
export class InvalidVaultInputError extends VaultError {
  constructor(detail: string) {
    super('invalid-input', detail);
  }
}

/** Something kept changing under a read-modify-write; nothing was written and the caller may retry. */
export class ConcurrentChangeError extends VaultError {
  constructor(what: string) {
    super(
      'concurrent-change',
      `${what} was changed elsewhere at the same time; nothing was saved, try again.`,
    );
  }
}
