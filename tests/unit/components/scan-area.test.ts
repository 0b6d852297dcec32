import { describe, expect, it } from 'vitest';
import { dragToRect } from '../../../components/popup/scan/ScanAreaSelect';

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
