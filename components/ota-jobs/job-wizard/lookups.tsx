'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/errors';
import type { AssetTreeNodeOption, searchJobDevices } from '@/lib/services/job-wizard';
import type { ScopePreview } from '@/lib/services/ota-jobs';

export type DeviceOption = ReturnType<typeof searchJobDevices>[number];

/**
 * The server actions the job forms call while the user fills them in. The page hands them down (components never
 * import app/), and the scope inputs deep in a form reach them through this context.
 */
export type JobFormLookups = {
  previewScope: (input: { firmwareId: number; fromVersions: string[]; scope: unknown }) => Promise<ActionResult<ScopePreview>>;
  listVersions: (input: { firmwareId: number }) => Promise<ActionResult<string[]>>;
  searchDevices: (input: { firmwareId: number; prefix: string }) => Promise<ActionResult<DeviceOption[]>>;
  listTagValues: (input: { key: string }) => Promise<ActionResult<string[]>>;
  listAttributeValues: (input: { name: string }) => Promise<ActionResult<string[]>>;
  listTreeNodes: (input: { treeId: number }) => Promise<ActionResult<AssetTreeNodeOption[]>>;
};

const LookupsContext = createContext<JobFormLookups | null>(null);

export function JobFormLookupsProvider({ lookups, children }: { lookups: JobFormLookups; children: ReactNode }) {
  return <LookupsContext.Provider value={lookups}>{children}</LookupsContext.Provider>;
}

export function useLookups(): JobFormLookups {
  const ctx = useContext(LookupsContext);
  if (!ctx) throw new Error('useLookups must be used inside <JobFormLookupsProvider>');
  return ctx;
}

/** For react-query: a refused lookup becomes a thrown error carrying the server's message. */
export async function unwrap<T>(result: Promise<ActionResult<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(r.message);
  return r.data;
}
