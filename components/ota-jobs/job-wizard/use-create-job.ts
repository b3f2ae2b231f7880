import { useRouter } from 'next/navigation';
import { useToast } from '@/components/ui/toast';
import type { ActionResult, FieldErrors } from '@/lib/errors';

export type CreateJobAction = (input: unknown) => Promise<ActionResult<{ id: number; name: string }>>;

export type CreateJobRefusal = { fieldErrors: FieldErrors; message: string };

/**
 * Sends a job form's whole input to its create action. On success: a toast and the job's details page; on a refusal
 * the caller gets the server's field errors and message to show (the form keeps everything typed).
 */
export function useCreateJob(createJob: CreateJobAction) {
  const router = useRouter();
  const toast = useToast();
  return async (input: unknown): Promise<CreateJobRefusal | null> => {
    const result = await createJob(input);
    if (!result.ok) return { fieldErrors: result.fieldErrors ?? {}, message: result.message };
    toast.show(`Job ${result.data.name} was created.`);
    router.push(`/ota-jobs/${result.data.id}`);
    return null;
  };
}
