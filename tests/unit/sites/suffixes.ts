// The Public Suffix List as the extension packages it, built the same way as by the WXT build.
import { publicSuffixListText } from '../../../tools/public-suffixes.mjs';
import { parsePublicSuffixes } from '../../../lib/sites/public-suffixes';

export const SUFFIX_FILE_TEXT = await publicSuffixListText();
export const SUFFIXES = parsePublicSuffixes(SUFFIX_FILE_TEXT);
