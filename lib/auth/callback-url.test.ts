import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './callback-url';

describe('safeCallbackPath', () => {
  it('keeps a path of this site with its query', () => {
    expect(safeCallbackPath('/devices')).toBe('/devices');
    expect(safeCallbackPath('/devices?page=2&q=inv')).toBe('/devices?page=2&q=inv');
  });

  it('sends anything else to the start page', () => {
    for (const bad of [undefined, null, '', 'devices', 'https://evil.example/x', '//evil.example', '/\\evil.example', '/login', '/login?callbackUrl=/x']) {
      expect(safeCallbackPath(bad)).toBe('/');
    }
  });
});
