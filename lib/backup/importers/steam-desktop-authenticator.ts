/**
 * Steam Desktop Authenticator account file (`<steamid>.maFile`, JSON), as SDA and the Steam mobile
 * authenticator libraries write it:
 *
 *   { shared_secret (base64), serial_number, revocation_code, uri, server_time, account_name, token_gid,
 *     identity_secret, secret_1, status, device_id, fully_enrolled, Session: { SteamID, ... } }
 *
 * Only the login-code key is read: `shared_secret` (base64 of the key bytes) becomes one Steam account
 * (5 characters, 30 s) named `account_name`; without it the `uri` (otpauth, issuer Steam) is used. The
 * trade-confirmation key (`identity_secret`) and the revocation code are never imported.
 * SDA's `manifest.json` and maFiles it encrypted itself cannot be read: the user decrypts them in SDA.
 */
import { bytesToBase32 } from '../../otp/base32';
import { parseOtpauthUri, validateAccountData } from '../../otp/uri';
import { base64ToBytes, isRecord } from '../../bytes';
import { importFailure, type ImportResult } from '../types';
import { AccountCollector, entryLabel, stringOr } from './collect';
import type { Importer } from './importer';

function isManifest(json: Record<string, unknown>): boolean {
  return typeof json.encrypted === 'boolean' && Array.isArray(json.entries) && 'first_run' in json;
}

export const steamDesktopAuthenticatorImporter: Importer = {
  format: 'steam-desktop-authenticator',
  detect({ json }) {
    if (!isRecord(json)) return false;
    return (
      ('shared_secret' in json && ('account_name' in json || 'identity_secret' in json)) || isManifest(json)
    );
  },
  async read({ json }): Promise<ImportResult> {
    if (!isRecord(json))
      return importFailure('wrong-format', 'Not a Steam Desktop Authenticator file.', {
        reason: 'not-this-format',
        app: 'Steam Desktop Authenticator',
      });
    if (isManifest(json)) {
      return importFailure(
        'wrong-format',
        "This is Steam Desktop Authenticator's manifest.json, which holds no keys. Import the account's " +
          '.maFile instead (if SDA encrypted it, remove the encryption in SDA first).',
        { reason: 'holds-no-keys', app: 'Steam Desktop Authenticator' },
      );
    }
    const account = stringOr(json.account_name);
    const where = entryLabel(0, account);
    const collector = new AccountCollector();
    const shared = json.shared_secret;
    if (typeof shared === 'string' && shared.trim() !== '') {
      const bytes = base64ToBytes(shared.trim());
      if (!bytes || bytes.length === 0) {
        collector.reject(where, { code: 'secret-not-base64' });
      } else {
        collector.candidate(where, {
          kind: 'steam',
          issuer: 'Steam',
          account,
          secret: bytesToBase32(bytes),
          algorithm: 'SHA1',
          digits: 5,
          period: 30,
          counter: 0,
        });
      }
    } else if (typeof json.uri === 'string' && /^otpauth:\/\//i.test(json.uri.trim())) {
      const parsed = parseOtpauthUri(json.uri.trim());
      collector.parsed(
        where,
        parsed.ok
          ? validateAccountData({
              ...parsed.account,
              kind: 'steam',
              account: account || parsed.account.account,
            })
          : parsed,
      );
    } else {
      collector.reject(where, { code: 'no-shared-secret' });
    }
    return { ok: true, ...collector.result() };
  },
};
