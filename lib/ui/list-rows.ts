/**
 * A list renders its first FIRST_PAINT_ROWS rows (what a 360×600 popup shows, plus a couple), then
 * MORE_ROWS more each time its end comes near the view, so the DOM holds about what was scrolled through,
 * not the whole vault. Shared by the list component and the popup's first-screen script.
 */
export const FIRST_PAINT_ROWS = 12;
export const MORE_ROWS = 24;
