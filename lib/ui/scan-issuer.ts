import { ISSUER_PROFILES } from '../sites/profiles';

/**
 * The issuer name to prefill in "Can't scan? Enter the key" for the page's site (aliyun.com → Aliyun).
 * Only a convenience for the form: binding never trusts it, and '' when no profile covers the host.
 */
export function issuerForOrigin(origin: string | null): string {
  if (!origin) return '';
  let host: string;
  try {
    host = new URL(origin).hostname.toLowerCase();
  } catch {
    return '';
  }
  const profile = ISSUER_PROFILES.find((each) =>
    each.sites.some((site) => host === site || host.endsWith(`.${site}`)),
  );
  return profile?.issuers[0] ?? '';
}
