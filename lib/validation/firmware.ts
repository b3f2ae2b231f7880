import { z } from 'zod';
import { MAX_VERIFY_DEVICES } from '@/lib/ota/scope';
import { FIRMWARE_STATUSES, SIGN_METHODS, type SignMethod } from '@/lib/ota/states';
import { formatBytes } from '@/lib/ui/format';
import { lenient } from './lenient';

/** File types a firmware upload accepts (SPEC 3.1). */
export const FIRMWARE_FILE_EXTENSIONS = ['.bin', '.tar', '.gz', '.zip', '.img', '.hex'] as const;

export const SIGN_METHOD_LABELS: Record<SignMethod, string> = { md5: 'MD5', sha256: 'SHA256' };
const HEX_LENGTH: Record<SignMethod, number> = { md5: 32, sha256: 64 };
// Said aloud, MD5 starts with a vowel sound ("an em-dee-five").
const ARTICLE: Record<SignMethod, string> = { md5: 'An', sha256: 'A' };

export const MAX_FIRMWARE_TAGS = 20;

/** The message shown next to "Expected Hash" when the uploaded file's digest differs. */
export function hashMismatchMessage(signMethod: SignMethod): string {
  return `The file's ${SIGN_METHOD_LABELS[signMethod]} does not match the value you entered`;
}

/** The message shown next to "Version" when the product already has that version. */
export function duplicateVersionMessage(version: string, productName: string | null): string {
  return productName
    ? `A firmware with version ${version} already exists for product ${productName}`
    : `A firmware with version ${version} already exists for firmware without a product`;
}

/** The message shown next to "Firmware File" when the file exceeds FIRMWARE_MAX_BYTES. */
export function fileTooLargeMessage(maxBytes: number): string {
  return `The file is larger than the limit of ${formatBytes(maxBytes)}`;
}

export function hasAllowedExtension(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return FIRMWARE_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

// Multipart fields arrive as strings; the browser form holds booleans and arrays. One schema accepts both. A script
// may leave out the optional fields (the form always sends them): they take the form's defaults.
const booleanField = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

function parseJsonArray(value: unknown): unknown {
  if (value === undefined) return [];
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return [];
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const verifyCount = (label: string) =>
  z.coerce
    .number({ message: `${label} must be a whole number from 1 to ${MAX_VERIFY_DEVICES}` })
    .int(`${label} must be a whole number from 1 to ${MAX_VERIFY_DEVICES}`)
    .min(1, `${label} must be a whole number from 1 to ${MAX_VERIFY_DEVICES}`)
    .max(MAX_VERIFY_DEVICES, `${label} must be a whole number from 1 to ${MAX_VERIFY_DEVICES}`);

export const firmwareTagSchema = z.object({
  key: z.string().trim().min(1, 'Enter a tag key').max(32, 'At most 32 characters'),
  value: z.string().trim().min(1, 'Enter a tag value').max(64, 'At most 64 characters'),
});

const CROSS_FIELDS = new Set(['signMethod', 'expectedHash', 'maxVerifyDevices', 'minVerifySuccesses']);

/** "Add Firmware": the single schema of the form, checked in the browser and again by POST /api/firmware. */
export const createFirmwareSchema = z
  .object({
    name: z.string().trim().min(4, 'Firmware Name must be 4–32 characters').max(32, 'Firmware Name must be 4–32 characters'),
    version: z
      .string()
      .trim()
      .min(1, 'Enter a version')
      .max(64, 'At most 64 characters')
      .regex(/^\S*$/, 'A version cannot contain spaces'),
    productId: z
      .union([z.literal(''), z.null(), z.coerce.number().int().positive('Choose a product')])
      .optional()
      .transform((v) => (v === '' || v === undefined ? null : v)),
    signMethod: z.enum(SIGN_METHODS, { message: 'Choose MD5 or SHA256' }),
    description: z.string().trim().max(100, 'Description must be at most 100 characters').default(''),
    verificationRequired: booleanField,
    maxVerifyDevices: verifyCount('Max Devices for Verification').default(MAX_VERIFY_DEVICES),
    minVerifySuccesses: verifyCount('Min Successes to Verify').default(1),
    tags: z.preprocess(
      parseJsonArray,
      z
        .array(firmwareTagSchema, { message: 'Tags are invalid' })
        .max(MAX_FIRMWARE_TAGS, `At most ${MAX_FIRMWARE_TAGS} tags`)
        .superRefine((tags, ctx) => {
          const seen = new Set<string>();
          tags.forEach((t, i) => {
            if (seen.has(t.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: 'This key is already used' });
            seen.add(t.key);
          });
        }),
    ),
    expectedHash: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[0-9a-f]*$/, 'Enter the digest in hexadecimal (0-9, a-f)')
      .default(''),
    fileName: z
      .string()
      .min(1, 'Choose a firmware file')
      .max(255, 'The file name is too long')
      // An empty name already has its own message.
      .refine((n) => n === '' || hasAllowedExtension(n), `Choose a ${FIRMWARE_FILE_EXTENSIONS.join(' ')} file`),
  })
  .superRefine(
    (v, ctx) => {
      if (v.minVerifySuccesses > v.maxVerifyDevices) {
        ctx.addIssue({
          code: 'custom',
          path: ['minVerifySuccesses'],
          message: `Min Successes to Verify cannot exceed Max Devices for Verification (${v.maxVerifyDevices})`,
        });
      }
      const length = HEX_LENGTH[v.signMethod];
      if (v.expectedHash && v.expectedHash.length !== length) {
        ctx.addIssue({
          code: 'custom',
          path: ['expectedHash'],
          message: `${ARTICLE[v.signMethod]} ${SIGN_METHOD_LABELS[v.signMethod]} digest has ${length} hex characters`,
        });
      }
    },
    // Cross-field checks still run when unrelated fields are invalid, so the form shows every error at once.
    { when: (payload) => payload.issues.every((i) => !CROSS_FIELDS.has(String(i.path?.[0]))) },
  );

export type CreateFirmwareInput = z.output<typeof createFirmwareSchema>;
export type CreateFirmwareFormValues = z.input<typeof createFirmwareSchema>;

/** Firmware search: name contains `q`, product, status (the API's query). */
export const firmwareSearchSchema = z.object({
  q: z.string().trim().max(64, 'At most 64 characters').optional(),
  productId: z.coerce.number().int().positive('Not a product id').optional(),
  status: z.enum(FIRMWARE_STATUSES, { message: `One of ${FIRMWARE_STATUSES.join(', ')}` }).optional(),
});

/** The list page's filters, read from the URL. */
export const firmwareListFilterSchema = lenient(firmwareSearchSchema).extend({
  sort: z.enum(['created_desc', 'created_asc']).catch('created_desc'),
});
export type FirmwareListFilter = z.output<typeof firmwareListFilterSchema>;

export const deleteFirmwareSchema = z.object({ firmwareId: z.coerce.number().int().positive() });
