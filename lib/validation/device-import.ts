import { parse } from 'csv-parse/sync';
import { z } from 'zod';

/**
 * Device import (SPEC 2): CSV with a header row — productKey, deviceKey, name, and optionally deviceSecret,
 * firmwareVersion, `attr:<name>` and `tag:<key>` columns — or a JSON array of
 * `{productKey, deviceKey, name, deviceSecret?, firmwareVersion?, attributes?, tags?}`.
 */

export const MAX_IMPORT_ROWS = 10_000;

// Device keys end up in MQTT topics (/sys/{pk}/{dk}/…): no '/', '+', '#' or spaces.
const key = z.string({ message: 'deviceKey is required' }).trim().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'deviceKey: letters, digits and _ . : - only, at most 64');

export const importedDeviceSchema = z.object({
  productKey: z.string({ message: 'productKey is required' }).trim().min(1, 'productKey is required'),
  deviceKey: key,
  name: z.string({ message: 'name is required' }).trim().min(1, 'name is required').max(64, 'name: at most 64 characters'),
  deviceSecret: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{16,64}$/, 'deviceSecret: 16–64 letters and digits')
    .optional(),
  firmwareVersion: z.string().trim().min(1).max(32, 'firmwareVersion: at most 32 characters').optional(),
  attributes: z.record(z.string().trim().min(1), z.union([z.string(), z.number()])).default({}),
  tags: z.record(z.string().trim().min(1), z.string()).default({}),
});
export type ImportedDevice = z.output<typeof importedDeviceSchema>;

export type ParsedImport = { rows: ImportedDevice[]; errors: string[] };

// Numbers in CSV cells become numeric attributes, so "By Attribute" ranges work on them.
const NUMBER = /^-?\d+(\.\d+)?$/;

function csvRecords(text: string): Record<string, unknown>[] {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  return records.map((r) => {
    const out: Record<string, unknown> = { attributes: {}, tags: {} };
    for (const [column, value] of Object.entries(r)) {
      if (value === '') continue;
      if (column.startsWith('attr:')) (out.attributes as Record<string, unknown>)[column.slice(5)] = NUMBER.test(value) ? Number(value) : value;
      else if (column.startsWith('tag:')) (out.tags as Record<string, unknown>)[column.slice(4)] = value;
      else out[column] = value;
    }
    return out;
  });
}

/** Parses CSV or JSON (detected by the first character) into validated rows, with one message per bad row. */
export function parseDeviceImport(text: string): ParsedImport {
  const trimmed = text.trim();
  if (!trimmed) return { rows: [], errors: ['Paste or choose a CSV or JSON file.'] };
  let records: unknown[];
  try {
    const json = trimmed.startsWith('[') ? (JSON.parse(trimmed) as unknown) : null;
    records = Array.isArray(json) ? json : csvRecords(trimmed);
  } catch (e) {
    return { rows: [], errors: [`The file could not be read: ${(e as Error).message}`] };
  }
  if (records.length > MAX_IMPORT_ROWS) return { rows: [], errors: [`At most ${MAX_IMPORT_ROWS} devices per import.`] };
  const rows: ImportedDevice[] = [];
  const errors: string[] = [];
  records.forEach((record, i) => {
    const parsed = importedDeviceSchema.safeParse(record);
    if (parsed.success) rows.push(parsed.data);
    else errors.push(`Row ${i + 1}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
  });
  if (!errors.length && rows.length === 0) errors.push('The file has no devices.');
  return { rows, errors };
}
