import type { VaultPort } from './deps';

export type VaultMethod = {
  [K in keyof VaultPort]: VaultPort[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof VaultPort];

/**
 * A vault whose named methods run through `around` (given the original call, its arguments and the method's
 * name); every other method is inherited from `raw`.
 * The popup snapshot and sync both hook vault writes this way.
 */
export function hookVaultMethods(
  raw: VaultPort,
  names: readonly VaultMethod[],
  around: (call: () => Promise<unknown>, args: unknown[], name: VaultMethod) => Promise<unknown>,
): VaultPort {
  const vault = Object.create(raw) as VaultPort;
  for (const name of names) {
    // why: looked up at call time, so a method replaced on `raw` after hooking (tests do) is the one called.
    (vault as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
      around(() => (raw[name] as (...a: unknown[]) => Promise<unknown>).apply(raw, args), args, name);
  }
  return vault;
}
