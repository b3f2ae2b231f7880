import type { DbOrTx } from '@/db/client';
import { getJobFirmware } from '@/db/queries/ota-jobs';
import { listScopeNodes } from '@/db/queries/ota-scope';
import type { OtaJob } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { scopePredicates, type EligibilityRules, type ResolvedScope, type ScopePredicate } from '@/lib/ota/scope';
import type { JobScope } from '@/lib/ota/scope-types';

/**
 * Looks up the chosen asset-tree nodes of a scope. When `strict`, a node that is not in its tree (or OU) is an input
 * error; a stored job's scope just loses nodes deleted since.
 */
export function resolveScope(db: DbOrTx, ouId: number, scope: JobScope, strict = true): ResolvedScope {
  if (scope.type !== 'asset_tree') return scope;
  const nodes = listScopeNodes(db, ouId, scope.trees);
  const wanted = scope.trees.reduce((n, t) => n + new Set(t.nodeIds).size, 0);
  if (strict && nodes.length !== wanted) {
    throw new AppError('INVALID_INPUT', 'Some chosen nodes are not in their asset tree.', {
      'scope.trees': ['Choose nodes of the chosen asset trees'],
    });
  }
  return { type: 'asset_tree', nodes: nodes.map((n) => ({ treeId: n.treeId, path: n.path })) };
}

export type CompiledScope = { predicates: ScopePredicate[]; rules: EligibilityRules };

/** A scope and its firmware's rules as predicates: the one definition create, preview and the scan all use. */
export function compileScope(db: DbOrTx, ouId: number, scope: JobScope, rules: EligibilityRules, strict = true): CompiledScope {
  return { predicates: scopePredicates(resolveScope(db, ouId, scope, strict), rules), rules };
}

/** The compiled scope of a stored job, for the Incremental scan. */
export function compileJobScope(db: DbOrTx, job: OtaJob): CompiledScope {
  const fw = getJobFirmware(db, job.ouId, job.firmwareId);
  if (!fw) throw new Error(`Firmware ${job.firmwareId} of job ${job.id} is missing`);
  const rules = { productId: fw.productId, targetVersion: fw.version, fromVersions: job.fromVersions };
  return compileScope(db, job.ouId, job.scope, rules, false);
}
