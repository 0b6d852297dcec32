import { describe, expect, it } from 'vitest';
import { dragToRect, keyToDrag } from '../../../components/popup/scan/ScanAreaSelect';

describe('dragToRect', () => {
  it.each([
    ['top-left to bottom-right', { x0: 0.1, y0: 0.2, x1: 0.4, y1: 0.6 }],
    ['bottom-right to top-left', { x0: 0.4, y0: 0.6, x1: 0.1, y1: 0.2 }],
    ['bottom-left to top-right', { x0: 0.1, y0: 0.6, x1: 0.4, y1: 0.2 }],
  ])('gives the same rectangle dragged %s', (_name, drag) => {
    const rect = dragToRect(drag);
    expect(rect.x).toBeCloseTo(0.1);
    expect(rect.y).toBeCloseTo(0.2);
    expect(rect.width).toBeCloseTo(0.3);
    expect(rect.height).toBeCloseTo(0.4);
  });
});

describe('keyToDrag (keyboard selection)', () => {
  it('starts with a rectangle in the middle on the first arrow key, ignores other keys', () => {
    expect(keyToDrag(null, 'ArrowRight', false)).toEqual({ x0: 0.3, y0: 0.3, x1: 0.7, y1: 0.7 });
    expect(keyToDrag(null, 'a', false)).toBeUndefined();
  });

  it('moves the rectangle, kept inside the image', () => {
    const moved = keyToDrag({ x0: 0.3, y0: 0.3, x1: 0.7, y1: 0.7 }, 'ArrowLeft', false);
    expect(moved?.x0).toBeCloseTo(0.28);
    expect(moved?.x1).toBeCloseTo(0.68);
    const atEdge = keyToDrag({ x0: 0.6, y0: 0, x1: 1, y1: 0.4 }, 'ArrowRight', false);
    expect(atEdge).toEqual({ x0: 0.6, y0: 0, x1: 1, y1: 0.4 });
  });

  it('resizes it with Shift', () => {
    const grown = keyToDrag({ x0: 0.3, y0: 0.3, x1: 0.7, y1: 0.7 }, 'ArrowDown', true);
    expect(grown?.y1).toBeCloseTo(0.72);
    expect(grown?.x0).toBeCloseTo(0.3);
  });
});
