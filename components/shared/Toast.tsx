import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

export type ShowToast = (message: string, tone?: 'info' | 'error') => void;

const ToastContext = createContext<ShowToast>(() => {});

export function useToast(): ShowToast {
  return useContext(ToastContext);
}

const TOAST_MS = 2000;

/** One short status line at the bottom; a polite live region so screen readers hear "Copied". */
export function ToastProvider({ children }: { children: ComponentChildren }) {
  const [toast, setToast] = useState<{ message: string; tone: 'info' | 'error'; serial: number } | null>(
    null,
  );
  const serial = useRef(0);

  const show = useCallback<ShowToast>((message, tone = 'info') => {
    serial.current += 1;
    setToast({ message, tone, serial: serial.current });
  }, []);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), toast.tone === 'error' ? TOAST_MS * 2 : TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  return (
    <ToastContext.Provider value={show}>
      {children}
      <div class="toast-region" role="status" aria-live="polite">
        {toast && (
          <div key={toast.serial} class={`toast toast-${toast.tone}`} data-testid="toast">
            {toast.message}
          </div>
        )}
      </div>
    </ToastContext.Provider>
  );
}
