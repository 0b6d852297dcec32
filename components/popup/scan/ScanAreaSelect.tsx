import { useRef, useState } from 'preact/hooks';
import { t } from '../../../lib/ui/i18n';
import type { FractionRect } from '../../../lib/ui/scan-kit';
import { Button } from '../../shared/form';

interface Drag {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Selections smaller than this fraction of the side are treated as a stray click. */
const MIN_SIDE = 0.02;

const clamp = (value: number) => Math.min(1, Math.max(0, value));

/** The dragged rectangle as fractions of the image, whichever corner the drag started from. */
export function dragToRect(drag: Drag): FractionRect {
  return {
    x: Math.min(drag.x0, drag.x1),
    y: Math.min(drag.y0, drag.y1),
    width: Math.abs(drag.x1 - drag.x0),
    height: Math.abs(drag.y1 - drag.y0),
  };
}

/** How far one arrow key press moves or resizes the rectangle, as a fraction of the side. */
const KEY_STEP = 0.02;
/** Where a keyboard selection starts: the middle of the screenshot. */
const KEY_START: Drag = { x0: 0.3, y0: 0.3, x1: 0.7, y1: 0.7 };
const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/**
 * The rectangle after an arrow key: it moves (kept inside the image), or with Shift its far corner moves;
 * the first arrow shows a rectangle in the middle. Undefined for other keys.
 */
export function keyToDrag(current: Drag | null, key: string, shift: boolean): Drag | undefined {
  const arrow = ARROWS[key];
  if (!arrow) return undefined;
  if (!current) return KEY_START;
  const [dx, dy] = [arrow[0] * KEY_STEP, arrow[1] * KEY_STEP];
  if (shift) return { ...current, x1: clamp(current.x1 + dx), y1: clamp(current.y1 + dy) };
  const rect = dragToRect(current);
  const x = Math.min(1 - rect.width, Math.max(0, rect.x + dx));
  const y = Math.min(1 - rect.height, Math.max(0, rect.y + dy));
  return { x0: x, y0: y, x1: x + rect.width, y1: y + rect.height };
}

interface ScanAreaSelectProps {
  /** Screenshot of the visible tab (a data URL taken by the background). */
  screenshot: string;
  onArea: (area: FractionRect) => void;
  onCancel: () => void;
}

/**
 * The last fallback: the user drags a rectangle around the QR code on a screenshot of the page, shown
 * here in the popup (nothing is drawn on the page itself); only that area is decoded.
 */
export function ScanAreaSelect({ screenshot, onArea, onCancel }: ScanAreaSelectProps) {
  const frame = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragging = useRef(false);

  function point(event: PointerEvent): { x: number; y: number } {
    const box = frame.current?.getBoundingClientRect();
    if (!box || box.width === 0 || box.height === 0) return { x: 0, y: 0 };
    return {
      x: clamp((event.clientX - box.left) / box.width),
      y: clamp((event.clientY - box.top) / box.height),
    };
  }

  function finish(final: Drag) {
    dragging.current = false;
    const rect = dragToRect(final);
    if (rect.width < MIN_SIDE || rect.height < MIN_SIDE) {
      setDrag(null);
      return;
    }
    onArea(rect);
  }

  const box = drag ? dragToRect(drag) : null;
  return (
    <section class="screen" data-testid="scan-area">
      <p class="hint">{t('scanAreaHint')}</p>
      <p class="hint" id="scan-area-keys">
        {t('scanAreaKeys')}
      </p>
      {/* why: the selection also works without a mouse; the frame takes focus and arrow keys. */}
      <div
        ref={frame}
        class="area-frame"
        data-testid="scan-area-frame"
        tabIndex={0}
        role="group"
        aria-label={t('scanAreaImageAlt')}
        aria-describedby="scan-area-keys"
        onKeyDown={(event) => {
          if (event.key === 'Enter' && drag) {
            event.preventDefault();
            finish(drag);
            return;
          }
          const next = keyToDrag(drag, event.key, event.shiftKey);
          if (!next) return;
          event.preventDefault();
          setDrag(next);
        }}
        onPointerDown={(event) => {
          event.preventDefault();
          (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
          dragging.current = true;
          const { x, y } = point(event);
          setDrag({ x0: x, y0: y, x1: x, y1: y });
        }}
        onPointerMove={(event) => {
          if (!dragging.current) return;
          const { x, y } = point(event);
          setDrag((current) => (current ? { ...current, x1: x, y1: y } : current));
        }}
        onPointerUp={(event) => {
          if (!dragging.current || !drag) return;
          const { x, y } = point(event);
          finish({ ...drag, x1: x, y1: y });
        }}
      >
        <img src={screenshot} alt={t('scanAreaImageAlt')} draggable={false} data-testid="scan-area-image" />
        {box && (
          <div
            class="area-box"
            style={{
              left: `${box.x * 100}%`,
              top: `${box.y * 100}%`,
              width: `${box.width * 100}%`,
              height: `${box.height * 100}%`,
            }}
          />
        )}
      </div>
      <div class="actions">
        <Button testId="scan-area-cancel" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </div>
    </section>
  );
}
