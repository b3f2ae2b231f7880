import { notFound } from 'next/navigation';
import { AppError } from '@/lib/errors';

/** Runs a service call for a page; NOT_FOUND (a missing or foreign id) becomes the not-found page. */
export function orNotFound<T>(load: () => T): T {
  try {
    return load();
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
}

/** Parses a route id segment; anything but a positive integer is not found. */
export function parseId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}
