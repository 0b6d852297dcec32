/** Small DOM reads shared by the detection steps; none of them knows about keywords or scores. */

export function isInput(el: Element): el is HTMLInputElement {
  return el.localName === 'input' && el.namespaceURI === 'http://www.w3.org/1999/xhtml';
}

/** The host of the shadow root `element` lives in, or null in a document. */
export function hostOf(element: Element): Element | null {
  const root = element.getRootNode();
  return root.nodeType === 11 && 'host' in root ? (root as ShadowRoot).host : null;
}

function idsText(element: Element, attribute: string): string {
  return textOfIds(element, element.getAttribute(attribute));
}

/** The text of the elements named by `ids` (an aria-labelledby/-describedby value) in `element`'s tree. */
export function textOfIds(element: Element, ids: string | null): string {
  if (!ids) return '';
  const root = element.getRootNode() as Document | ShadowRoot;
  if (typeof root.getElementById !== 'function') return '';
  return ids
    .split(/\s+/)
    .map((id) => root.getElementById(id)?.textContent ?? '')
    .join(' ');
}

export function labelledByText(element: Element): string {
  return idsText(element, 'aria-labelledby');
}

export function describedByText(element: Element): string {
  return idsText(element, 'aria-describedby');
}

/** The closest element that contains every one of `elements`. */
export function commonAncestor(elements: Element[]): Element | null {
  const first = elements[0];
  let ancestor = first?.parentElement ?? null;
  while (ancestor && !elements.every((e) => ancestor?.contains(e))) ancestor = ancestor.parentElement;
  return ancestor;
}
