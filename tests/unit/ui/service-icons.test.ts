import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_ICON_COUNT, serviceBadgeFor, serviceIconFor } from '../../../lib/ui/service-icons';
import { letterTile, normalizeIssuer } from '../../../lib/ui/service-icon-tile';

const root = join(import.meta.dirname, '../../..');

/** WCAG contrast ratio of two 6-digit hex colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r = 0, g = 0, bl = 0] = [1, 3, 5]
      .map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('service icons', () => {
  it('bundles a few hundred issuers, not the whole icon set', () => {
    expect(SERVICE_ICON_COUNT).toBeGreaterThan(150);
    expect(SERVICE_ICON_COUNT).toBeLessThan(400);
  });

  it.each([
    ['GitHub', 'github'],
    ['github', 'github'],
    ['Aliyun', 'alibabacloud'],
    ['阿里云', 'alibabacloud'],
    ['Alibaba Cloud', 'alibabacloud'],
    ['Google Workspace', 'google'],
    ['Steam', 'steam'],
    ['Battle.net', 'battledotnet'],
    ['Twitter', 'x'],
    ['1Password', '1password'],
  ])('%s has the %s icon', (issuer, slug) => {
    expect(serviceIconFor(issuer)?.slug).toBe(slug);
  });

  it.each(['Example Corp', 'Amazon Web Services', '', 'RSA'])('%s has none (a lettered tile)', (issuer) => {
    expect(serviceIconFor(issuer)).toBeUndefined();
  });

  it('draws the glyph in black or white, whichever contrasts more with the brand colour', () => {
    for (const issuer of ['GitHub', 'Steam', 'Google', 'Aliyun', 'Dropbox', 'Discord', 'Bitwarden']) {
      const icon = serviceIconFor(issuer);
      if (!icon) throw new Error(`${issuer}: no icon`);
      const other = icon.foreground === '#000000' ? '#ffffff' : '#000000';
      expect(contrast(icon.background, icon.foreground), issuer).toBeGreaterThanOrEqual(
        contrast(icon.background, other),
      );
    }
  });

  it('a lettered tile: the first letter or digit, upper case, in a fixed colour readable under white', () => {
    expect(letterTile('example corp')).toEqual(letterTile('example corp'));
    expect(letterTile('example corp').letter).toBe('E');
    expect(letterTile('  (acme)').letter).toBe('A');
    expect(letterTile('阿里云').letter).toBe('阿');
    expect(letterTile('').letter).toBe('?');
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']) {
      expect(contrast(letterTile(name).background, '#ffffff'), name).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('a badge is the brand icon when there is one, else the lettered tile', () => {
    expect(serviceBadgeFor('GitHub')).toEqual(serviceIconFor('GitHub'));
    expect(serviceBadgeFor('Example Corp')).toEqual(letterTile('Example Corp'));
  });

  it('normalises issuers to letters and digits', () => {
    expect(normalizeIssuer('Battle.net')).toBe('battlenet');
    expect(normalizeIssuer('ＧｉｔＨｕｂ')).toBe('github');
  });

  it('loads nothing from the network: the icon code holds no URL but the SVG namespace-free paths', () => {
    for (const file of [
      'lib/ui/service-icons.ts',
      'lib/ui/service-icon-tile.ts',
      'components/shared/ServiceIcon.tsx',
    ]) {
      expect(readFileSync(join(root, file), 'utf8'), file).not.toMatch(/https?:\/\/|fetch\(|<img/);
    }
  });

  it('the popup loads the icon data lazily: the component imports it only with import()', () => {
    const component = readFileSync(join(root, 'components/shared/ServiceIcon.tsx'), 'utf8');
    expect(component).toContain("import('../../lib/ui/service-icons')");
    expect(component).not.toMatch(/^import (?!type)[^;]*service-icons/mu);
  });
});
