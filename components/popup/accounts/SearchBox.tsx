import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../../lib/ui/i18n';
import { Icon } from '../../shared/Icon';

interface SearchBoxProps {
  query: string;
  onQuery: (query: string) => void;
  /** Enter in the box: act on the first match. */
  onSubmit: () => void;
  /** ArrowDown in the box: move into the list. */
  onLeaveDown: () => void;
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Filter box: "/" anywhere focuses it, Esc clears it (and leaves it when already empty). */
export function SearchBox({ query, onQuery, onSubmit, onLeaveDown }: SearchBoxProps) {
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const focusOnSlash = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target))
        return;
      event.preventDefault();
      inputRef.current?.focus();
    };
    document.addEventListener('keydown', focusOnSlash);
    return () => document.removeEventListener('keydown', focusOnSlash);
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      // why: keep Esc from closing the popup while there is something to clear.
      if (query) event.preventDefault();
      if (query) onQuery('');
      else inputRef.current?.blur();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onSubmit();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      onLeaveDown();
    }
  }

  return (
    <label class="search">
      <Icon name="search" size={16} />
      <input
        ref={inputRef}
        type="search"
        data-testid="search"
        placeholder={t('searchPlaceholder')}
        aria-label={t('searchLabel')}
        aria-keyshortcuts="/"
        autocomplete="off"
        spellcheck={false}
        value={query}
        onInput={(event) => onQuery(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
    </label>
  );
}
