import type { JobControlActions } from '@/components/ota-jobs/job-controls';
import type { TaskActions } from '@/components/ota-jobs/task-table';
import { cancelOtaTasksAction, deleteOtaJobAction, retryOtaTasksAction, startOtaJobAction, stopOtaJobAction } from './actions';

// The server actions the job components call, handed to them by the pages (components never import app/).

export const jobControlActions: JobControlActions = { start: startOtaJobAction, stop: stopOtaJobAction, delete: deleteOtaJobAction };

export const taskActions: TaskActions = { cancel: cancelOtaTasksAction, retry: retryOtaTasksAction };
