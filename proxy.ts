import { NextResponse, type NextRequest } from 'next/server';
import { REQUEST_PATH_HEADER } from '@/lib/auth/callback-url';

/** Hands pages the path they were asked for, so a signed-out visitor comes back to it after signing in. */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: not the API, Next's own files or the favicon.
  matcher: ['/((?!api/|_next/|favicon.ico).*)'],
};
