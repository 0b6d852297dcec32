import { UserFacingError } from './errors';

export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 1024;

/** Rejects passwords the KDF should never see: too short, absurdly long, or not a string. */
export function assertNewPassword(password: unknown): asserts password is string {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    throw new UserFacingError(
      'weak-password',
      `The master password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
    );
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new UserFacingError('weak-password', 'The master password is too long.');
  }
}

export function assertPasswordShape(password: unknown): asserts password is string {
  if (typeof password !== 'string' || password.length === 0 || password.length > MAX_PASSWORD_LENGTH) {
    throw new UserFacingError('wrong-password', 'Wrong password.');
  }
}
