/** How far below the view the list's end may be when more rows are rendered: about half a popup. */
const MARGIN_PX = 300;

/** The nearest ancestor that scrolls (the popup's content area), or null for the page's viewport. */
function scrollParent(element: Element): Element | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    if (/auto|scroll/.test(getComputedStyle(node).overflowY)) return node;
  }
  return null;
}

/**
 * The list's keyboard and its rows on demand, loaded after the first screen so the popup's entry stays
 * small. ArrowUp/ArrowDown move between the rows' main buttons. While rows are left to render (`more`
 * given), calls `more` when the sentinel right after `list` is within MARGIN_PX of the view, or when focus
 * enters the last rendered row (Tab, an arrow key), so the next Tab or arrow finds a row. Returns the undo.
 */
export function watchList(list: Element, more: (() => void) | null): () => void {
  const onKey = (event: Event) => {
    const key = (event as KeyboardEvent).key;
    if (key !== 'ArrowDown' && key !== 'ArrowUp') return;
    const buttons = [...list.querySelectorAll<HTMLButtonElement>('.row-main')];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    event.preventDefault();
    buttons[index + (key === 'ArrowDown' ? 1 : -1)]?.focus();
  };
  const onFocus = (event: Event) => {
    if (more && (event.target as Element).closest('li') === list.lastElementChild) more();
  };
  list.addEventListener('keydown', onKey);
  list.addEventListener('focusin', onFocus);
  const sentinel = list.nextElementSibling;
  let observer: IntersectionObserver | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (more && sentinel && typeof IntersectionObserver === 'function') {
    observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) more();
      },
      { root: scrollParent(sentinel), rootMargin: `${MARGIN_PX}px 0px` },
    );
    observer.observe(sentinel);
  } else if (more) {
    // why: without an observer (no layout), the rows follow in tasks rather than never.
    timer = setTimeout(more, 0);
  }
  return () => {
    list.removeEventListener('keydown', onKey);
    list.removeEventListener('focusin', onFocus);
    observer?.disconnect();
    clearTimeout(timer);
  };
}
