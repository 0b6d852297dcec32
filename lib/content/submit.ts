/**
 * Auto-submit after a fill, only where the user turned it on for the site. `requestSubmit` runs the page's
 * own validation and submit handlers, as a click on its submit button would.
 */
export function submitFormOf(input: HTMLInputElement): boolean {
  const form = input.form;
  if (!form) return false;
  if (typeof form.requestSubmit === 'function') form.requestSubmit();
  else form.submit();
  return true;
}
