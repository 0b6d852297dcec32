import { describe, expect, it, vi } from 'vitest';
import { resolveTabId, tabIdFromSearch } from '../../../lib/ui/tab-id';

describe('tab id of the popup', () => {
  it('reads ?tabId=N', () => {
    expect(tabIdFromSearch('?tabId=42')).toBe(42);
    expect(tabIdFromSearch('?x=1&tabId=7')).toBe(7);
  });

  it('ignores a missing or malformed tabId', () => {
    expect(tabIdFromSearch('')).toBeUndefined();
    expect(tabIdFromSearch('?tabId=')).toBeUndefined();
    expect(tabIdFromSearch('?tabId=-1')).toBeUndefined();
    expect(tabIdFromSearch('?tabId=1e3')).toBeUndefined();
  });

  it('prefers the URL, else asks for the active tab of the last-focused window', async () => {
    const query = vi.fn(async () => [{ id: 9 }]);
    expect(await resolveTabId('?tabId=3', { query })).toBe(3);
    expect(query).not.toHaveBeenCalled();
    expect(await resolveTabId('', { query })).toBe(9);
    expect(query).toHaveBeenCalledWith({ active: true, lastFocusedWindow: true });
  });

  it('gives undefined when there is no tab or the query fails', async () => {
    expect(await resolveTabId('', { query: async () => [] })).toBeUndefined();
    expect(await resolveTabId('', { query: () => Promise.reject(new Error('no')) })).toBeUndefined();
  });
});
