/**
 * Which computed CSS values hide or disguise an element although its opacity stays 1: filters that fade,
 * darken, blur or run SVG code; masks, clips, blend modes; translucent colors. Pure rules over values, so
 * they are testable without layout.
 */
import type { StyleFacts } from './visibility';

// why: below this a filter leaves too little for the user to see what they are clicking.
const MIN_FILTER_FACTOR = 0.7;
const MAX_FILTER_BLUR_PX = 2;

/**
 * The name of the first effect in `style` that could hide or disguise an element, or null. Pure, so the
 * rules are testable without layout. Masks, clips and blend modes are rare around login fields and each can
 * make one invisible, so any of them counts; filters count only when they fade, darken, blur or are SVG.
 */
export function hidingEffect(style: Partial<StyleFacts>): string | null {
  if (style.contentVisibility === 'hidden') return 'content-visibility';
  if (style.maskImage && style.maskImage !== 'none') return 'mask-image';
  if (style.webkitMaskImage && style.webkitMaskImage !== 'none') return 'mask-image';
  if (style.clipPath && style.clipPath !== 'none') return 'clip-path';
  if (style.mixBlendMode && style.mixBlendMode !== 'normal') return 'mix-blend-mode';
  if (style.filter && style.filter !== 'none' && filterHides(style.filter)) return 'filter';
  return null;
}

/** Does a computed `filter` value fade, darken, wash out, blur or run SVG code over the element? */
export function filterHides(filter: string): boolean {
  for (const { name, arg } of filterFunctions(filter)) {
    switch (name) {
      case 'opacity':
      case 'contrast':
        if (parseFactor(arg, 1) < MIN_FILTER_FACTOR) return true;
        break;
      case 'brightness': {
        // why: brightness(0) paints black, brightness(10) washes everything out to white.
        const factor = parseFactor(arg, 1);
        if (factor < MIN_FILTER_FACTOR || factor > 3) return true;
        break;
      }
      case 'invert':
        // why: invert(0.5) turns everything one flat grey.
        if (Math.abs(parseFactor(arg, 1) - 0.5) < 0.3) return true;
        break;
      case 'blur':
        if (parseLength(arg) > MAX_FILTER_BLUR_PX) return true;
        break;
      case 'drop-shadow':
      case 'hue-rotate':
      case 'sepia':
      case 'grayscale':
      case 'saturate':
        break;
      default:
        return true; // url(#svg-filter) or a function we do not know: assume the worst
    }
  }
  return false;
}

/** Splits a filter list into its top-level functions (arguments may hold nested parentheses). */
function filterFunctions(filter: string): { name: string; arg: string }[] {
  const out: { name: string; arg: string }[] = [];
  let depth = 0;
  let name = '';
  let arg = '';
  for (const ch of filter) {
    if (ch === '(') {
      if (depth > 0) arg += ch;
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth === 0) {
        out.push({ name: name.trim().toLowerCase(), arg: arg.trim() });
        name = '';
        arg = '';
      } else arg += ch;
    } else if (depth > 0) arg += ch;
    else name += ch;
  }
  if (name.trim() !== '' || depth !== 0) out.push({ name: 'unparsed', arg: '' });
  return out;
}

function parseFactor(arg: string, empty: number): number {
  if (arg === '') return empty;
  const n = Number.parseFloat(arg);
  if (!Number.isFinite(n)) return 0;
  return arg.endsWith('%') ? n / 100 : n;
}

function parseLength(arg: string): number {
  const n = Number.parseFloat(arg);
  return Number.isFinite(n) ? n : Infinity;
}

/** Alpha of a computed color ('' and 'transparent' are 0); unparseable colors count as opaque. */
export function colorAlpha(color: string): number {
  const value = color.trim().toLowerCase();
  if (value === '' || value === 'transparent') return 0;
  const inner = /^[a-z-]+\((.*)\)$/.exec(value)?.[1];
  if (!inner) return 1;
  const slash = inner.split('/');
  if (slash.length === 2) return parseFactor(slash[1]!.trim(), 1);
  const parts = inner.split(',').map((p) => p.trim());
  if (parts.length === 4) return parseFactor(parts[3]!, 1);
  return 1;
}
