/**
 * Domains whose every subdomain belongs to one owner, so an account enrolled anywhere below one of them is
 * bound to the whole entry without asking (enrolling on account.console.aliyun.com fills on
 * signin.aliyun.com). Everything else is bound to the exact enrolled host unless the user widens it.
 *
 * An entry may be a host below a registrable domain: AWS is `aws.amazon.com`, not amazon.com (the shopping
 * site and its sellers' pages have nothing to do with an AWS account). No entry is, or is under, a
 * multi-tenant parent (lib/sites/multi-tenant.ts); a test checks that.
 */
import { normalizeHostname } from './registrable';

export const SINGLE_OWNER_SITES: readonly string[] = [
  'aliyun.com',
  'alibabacloud.com',
  'aws.amazon.com',
  'github.com',
  'gitlab.com',
  'google.com',
  'microsoft.com',
  'live.com',
  'microsoftonline.com',
  'cloudflare.com',
  'apple.com',
  'icloud.com',
  'atlassian.com',
  'dropbox.com',
  'paypal.com',
  'stripe.com',
  'digitalocean.com',
  'npmjs.com',
  'steampowered.com',
  'huaweicloud.com',
];

/** The single-owner entry covering `host` (equal to it or a parent on a label boundary), or null. */
export function singleOwnerSiteOf(hostname: string): string | null {
  const host = normalizeHostname(hostname);
  return SINGLE_OWNER_SITES.find((site) => host === site || host.endsWith(`.${site}`)) ?? null;
}
