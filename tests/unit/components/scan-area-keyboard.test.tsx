// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScanAreaSelect } from '../../../components/popup/scan/ScanAreaSelect';

const host = document.createElement('div');
document.body.append(host);
afterEach(() => {
  void act(() => render(null, host));
});

const press = (target: Element, key: string, shiftKey = false) =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true }));
  });

describe('scan area selection by keyboard', () => {
  it('is focusable, described, and reads the rectangle chosen with arrow keys on Enter', async () => {
    const onArea = vi.fn();
    void act(() =>
      render(
        <ScanAreaSelect screenshot="data:image/png;base64," onArea={onArea} onCancel={() => {}} />,
        host,
      ),
    );
    const frame = host.querySelector('[data-testid="scan-area-frame"]') as HTMLElement;
    expect(frame.tabIndex).toBe(0);
    expect(document.getElementById(frame.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'scanAreaKeys',
    );
    await press(frame, 'Enter');
    expect(onArea).not.toHaveBeenCalled();
    await press(frame, 'ArrowRight');
    expect(host.querySelector('.area-box')).not.toBeNull();
    await press(frame, 'ArrowRight');
    await press(frame, 'ArrowDown', true);
    await press(frame, 'Enter');
    expect(onArea).toHaveBeenCalledTimes(1);
    const area = onArea.mock.calls[0]?.[0] as { x: number; y: number; width: number; height: number };
    expect(area.x).toBeCloseTo(0.32);
    expect(area.y).toBeCloseTo(0.3);
    expect(area.width).toBeCloseTo(0.4);
    expect(area.height).toBeCloseTo(0.42);
  });
});
