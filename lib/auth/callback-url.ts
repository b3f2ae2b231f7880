/** The request header in which proxy.ts hands a page the path and query it was asked for. */
export const REQUEST_PATH_HEADER = 'x-ota-request-path';

/**
 * Where to go after signing in: the callbackUrl if it is a path of this site ("/devices?page=2"), else "/".
 * Absolute and protocol-relative URLs ("https://…", "//host", "/\host") are refused, so a link cannot send a user
 * elsewhere.
 */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/login/')) return '/';
  return value;
}
