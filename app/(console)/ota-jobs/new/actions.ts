'use server';

import { actAsUser, parseInput } from '@/lib/auth/action';
import type { ActionResult } from '@/lib/errors';
import {
  listAssetTreeNodeOptions,
  listAttributeValueOptions,
  listTagValueOptions,
  listUpgradeFromVersions,
  searchJobDevices,
  type AssetTreeNodeOption,
} from '@/lib/services/job-wizard';
import { createOtaJob, previewOtaJobScope, type ScopePreview } from '@/lib/services/ota-jobs';
import {
  assetTreeLookupSchema,
  attributeValuesLookupSchema,
  deviceSearchSchema,
  firmwareLookupSchema,
  tagValuesLookupSchema,
} from '@/lib/validation/job-wizard';
import { createOtaJobSchema, previewOtaJobScopeSchema } from '@/lib/validation/ota-job';
import { createJobForUser } from './create-job-action';

/** "OK" of the wizard: creates the job (the service parses the whole input again). */
export async function createOtaJobAction(input: unknown) {
  return createJobForUser((actor) => createOtaJob({ actor, input: parseInput(createOtaJobSchema, input) }));
}

/** The live "N devices in scope" of the scope step. */
export async function previewScopeAction(input: unknown): Promise<ActionResult<ScopePreview>> {
  return actAsUser((actor) => previewOtaJobScope({ actor, input: parseInput(previewOtaJobScopeSchema, input) }));
}

export async function listUpgradeFromVersionsAction(input: unknown): Promise<ActionResult<string[]>> {
  return actAsUser((actor) => listUpgradeFromVersions({ actor, ...parseInput(firmwareLookupSchema, input) }));
}

export async function searchJobDevicesAction(input: unknown): Promise<ActionResult<ReturnType<typeof searchJobDevices>>> {
  return actAsUser((actor) => searchJobDevices({ actor, ...parseInput(deviceSearchSchema, input) }));
}

export async function listTagValuesAction(input: unknown): Promise<ActionResult<string[]>> {
  return actAsUser((actor) => listTagValueOptions({ actor, ...parseInput(tagValuesLookupSchema, input) }));
}

export async function listAttributeValuesAction(input: unknown): Promise<ActionResult<string[]>> {
  return actAsUser((actor) => listAttributeValueOptions({ actor, ...parseInput(attributeValuesLookupSchema, input) }));
}

export async function listAssetTreeNodesAction(input: unknown): Promise<ActionResult<AssetTreeNodeOption[]>> {
  return actAsUser((actor) => listAssetTreeNodeOptions({ actor, ...parseInput(assetTreeLookupSchema, input) }));
}
