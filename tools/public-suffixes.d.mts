// Types of tools/public-suffixes.mjs for wxt.config.ts and the unit tests.
export const FORMAT_LINE: string;
export function publicSuffixRules(): Promise<string[]>;
export function tldtsVersion(): string;
export function publicSuffixListText(): Promise<string>;
