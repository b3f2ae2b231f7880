import { z } from 'zod';

/**
 * The optional filters of an API query made lenient for a console URL: the API refuses a bad value (a script must
 * not get every row for a typo), while a page falls back to "no filter" for that field.
 */
export function lenient<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([k, field]) => [k, (field as z.ZodType).catch(undefined)]));
  return z.object(shape as unknown as { [K in keyof T]: z.ZodCatch<T[K]> });
}
