import { z } from 'zod';
import { basicInformationSchema } from './ota-job';

/** The inputs of the lookups the job forms make while the user fills them in (versions, devices, tags, trees). */

export const firmwareLookupSchema = basicInformationSchema.pick({ firmwareId: true });

export const deviceSearchSchema = firmwareLookupSchema.extend({ prefix: z.string().trim().max(100) });

export const tagValuesLookupSchema = z.object({ key: z.string().min(1).max(200) });

export const attributeValuesLookupSchema = z.object({ name: z.string().min(1).max(200) });

export const assetTreeLookupSchema = z.object({ treeId: z.coerce.number().int().positive() });
