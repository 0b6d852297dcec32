import { isOriginAllowed } from '../sites/binding';

/**
 * Whether an account's allowed sites cover a page origin. https only, except loopback hosts: a local
 * development server cannot be downgraded by anyone on the network, and accounts bound to it match
 * nothing else (not even another port on it: lib/sites/binding.ts).
 */
export function accountAllowedOn(origin: string, allowedSites: string[]): boolean {
  let host: string;
  try {
    host = new URL(origin).hostname;
  } catch {
    return false;
  }
  const loopback = host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  return isOriginAllowed(origin, allowedSites, { allowHttp: loopback });
}
