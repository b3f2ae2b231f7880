import type { JobFormLookups } from '@/components/ota-jobs/job-wizard/lookups';
import {
  listAssetTreeNodesAction,
  listAttributeValuesAction,
  listTagValuesAction,
  listUpgradeFromVersionsAction,
  previewScopeAction,
  searchJobDevicesAction,
} from './actions';

/** The lookups every job form uses (the wizard, "Upgrade Device", "Verify Firmware"), handed to it by its page. */
export const jobFormLookups: JobFormLookups = {
  previewScope: previewScopeAction,
  listVersions: listUpgradeFromVersionsAction,
  searchDevices: searchJobDevicesAction,
  listTagValues: listTagValuesAction,
  listAttributeValues: listAttributeValuesAction,
  listTreeNodes: listAssetTreeNodesAction,
};
