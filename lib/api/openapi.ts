import { ERROR_CODES } from '@/lib/errors';
import { FIRMWARE_STATUSES, JOB_STATUSES, JOB_TYPES, SIGN_METHODS, TASK_ORIGINS, TASK_STATES, UPGRADE_METHODS } from '@/lib/ota/states';
import { PAGE_SIZES } from '@/lib/ui/pagination';
import { FIRMWARE_FILE_EXTENSIONS } from '@/lib/validation/firmware';
import { MAX_RETRY_OPTIONS, RETRY_INTERVAL_OPTIONS } from '@/lib/validation/ota-job';

/**
 * The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json`. The enums come from the code the
 * routes use; `openapi.test.ts` checks that every route handler and method is described here and nothing else.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const ok = (description: string, schema: object) => ({ description, content: json(schema) });
const error = (description: string) => ({ description, content: json(ref('Error')) });

const ERRORS = {
  400: error('INVALID_INPUT: a field is invalid (`fieldErrors` names each one)'),
  401: error('UNAUTHENTICATED: no key, or an unknown or revoked key'),
  403: error("FORBIDDEN: the key's role lacks the permission"),
  404: error("NOT_FOUND: no such record in the key's OU (another OU's ids answer the same)"),
  409: error('INVALID_TRANSITION or CONFLICT: refused in the current state'),
};
const pick = (...codes: (keyof typeof ERRORS)[]) => Object.fromEntries(codes.map((c) => [c, ERRORS[c]]));

const id = { type: 'integer', minimum: 1 };
const ms = { type: ['integer', 'null'], description: 'epoch milliseconds' };
const pathId = (name: string) => ({ name, in: 'path', required: true, schema: id });
const query = (name: string, schema: object, description?: string) => ({ name, in: 'query', required: false, schema, description });
const PAGING = [
  query('page', { type: 'integer', minimum: 1, default: 1 }),
  query('pageSize', { type: 'integer', enum: [...PAGE_SIZES], default: 20 }, 'Other values fall back to 20; the response says which page was served.'),
];
const page = (row: string) => ({
  type: 'object',
  required: ['rows', 'total', 'page', 'pageSize'],
  properties: { rows: { type: 'array', items: ref(row) }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
});
const JOB_ID = pathId('jobId');
const FIRMWARE_ID = pathId('firmwareId');
const taskSelection = { content: json(ref('TaskSelection')), required: true };

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'OTA Console Automation API',
    version: '1.0.0',
    description:
      'Firmware and OTA jobs for scripts. Authenticate with an API key created by an OU Admin on the "API Keys" page: ' +
      '`Authorization: Bearer ota_…`. A key acts in its OU with its role (Developer or Viewer), with the same validation ' +
      'and permission checks as the console. Every error is `{code, message, fieldErrors?}`. Times are epoch milliseconds.',
  },
  servers: [{ url: '/api/v1' }],
  security: [{ apiKey: [] }],
  paths: {
    '/firmware': {
      get: {
        summary: 'Search firmware (newest first)',
        operationId: 'searchFirmware',
        parameters: [
          query('q', { type: 'string', maxLength: 64 }, 'Firmware Name contains'),
          query('productId', id),
          query('status', { type: 'string', enum: [...FIRMWARE_STATUSES] }),
          ...PAGING,
        ],
        responses: { 200: ok('One page of firmware', page('FirmwareRow')), ...pick(400, 401, 403) },
      },
      post: {
        summary: 'Add firmware (multipart upload, streamed to disk)',
        description:
          'The fields of the console\'s "Add Firmware" form, then the file (fields after the file are not read). The server ' +
          'computes the file hash; an `expectedHash` that differs rejects the upload. Needs the Developer role.',
        operationId: 'createFirmware',
        requestBody: { required: true, content: { 'multipart/form-data': { schema: ref('FirmwareUpload') } } },
        responses: { 201: ok('The created firmware', ref('Firmware')), ...pick(400, 401, 403, 409) },
      },
    },
    '/firmware/versions': {
      get: {
        summary: "Versions a product's devices report, with device counts",
        description:
          "The product (its id is the upload's `productId`) and what a job's `fromVersions` is chosen from. `version` null counts devices that never reported one.",
        operationId: 'listProductVersions',
        parameters: [{ name: 'productKey', in: 'query', required: true, schema: { type: 'string' } }],
        responses: {
          200: ok('The versions', {
            type: 'object',
            properties: {
              product: ref('ProductRef'),
              versions: {
                type: 'array',
                items: { type: 'object', properties: { version: { type: ['string', 'null'] }, devices: { type: 'integer' } } },
              },
            },
          }),
          ...pick(400, 401, 403, 404),
        },
      },
    },
    '/firmware/{firmwareId}': {
      get: {
        summary: 'Get a firmware',
        operationId: 'getFirmware',
        parameters: [FIRMWARE_ID],
        responses: { 200: ok('The firmware', ref('Firmware')), ...pick(401, 403, 404) },
      },
      delete: {
        summary: 'Delete a firmware with its finished jobs',
        description: 'Refused while a job of this firmware is running or any of its tasks is Pending Push, Pushed or Upgrading.',
        operationId: 'deleteFirmware',
        parameters: [FIRMWARE_ID],
        responses: { 204: { description: 'Deleted' }, ...pick(401, 403, 404, 409) },
      },
    },
    '/ota-jobs': {
      get: {
        summary: 'Search OTA jobs (newest first)',
        operationId: 'searchOtaJobs',
        parameters: [
          query('q', { type: 'string', maxLength: 64 }, 'Job Name contains'),
          query('firmwareId', id),
          query('type', { type: 'string', enum: [...JOB_TYPES] }),
          query('productId', id),
          query('status', { type: 'string', enum: [...JOB_STATUSES] }),
          ...PAGING,
        ],
        responses: { 200: ok('One page of jobs', page('OtaJobRow')), ...pick(400, 401, 403) },
      },
      post: {
        summary: 'Create an OTA job (the job wizard)',
        description:
          'The type (upgrade or verification) follows from the firmware status. A Snapshot job with no device in scope is refused.',
        operationId: 'createOtaJob',
        requestBody: { required: true, content: json(ref('CreateOtaJob')) },
        responses: { 201: ok('The created job', ref('OtaJob')), ...pick(400, 401, 403) },
      },
    },
    '/ota-jobs/{jobId}': {
      get: {
        summary: 'Get an OTA job with its task counts',
        operationId: 'getOtaJob',
        parameters: [JOB_ID],
        responses: { 200: ok('The job', ref('OtaJob')), ...pick(401, 403, 404) },
      },
      delete: {
        summary: 'Delete a job that is not running',
        operationId: 'deleteOtaJob',
        parameters: [JOB_ID],
        responses: { 204: { description: 'Deleted' }, ...pick(401, 403, 404, 409) },
      },
    },
    '/ota-jobs/{jobId}/start': {
      post: {
        summary: 'Start a Not Started or Stopped job',
        operationId: 'startOtaJob',
        parameters: [JOB_ID],
        responses: { 200: ok('The job, now running', ref('OtaJob')), ...pick(401, 403, 404, 409) },
      },
    },
    '/ota-jobs/{jobId}/stop': {
      post: {
        summary: 'Stop a running job (no new pushes; tasks stay where they are)',
        operationId: 'stopOtaJob',
        parameters: [JOB_ID],
        responses: { 200: ok('The job, now stopped', ref('OtaJob')), ...pick(401, 403, 404, 409) },
      },
    },
    '/ota-jobs/{jobId}/tasks': {
      get: {
        summary: "Search a job's tasks (one per device)",
        operationId: 'searchOtaTasks',
        parameters: [
          JOB_ID,
          query('state', { type: 'string', enum: [...TASK_STATES] }, 'All states when absent'),
          query('deviceKey', { type: 'string', maxLength: 64 }, 'deviceKey contains'),
          ...PAGING,
        ],
        responses: { 200: ok('One page of tasks', page('OtaTask')), ...pick(400, 401, 403, 404) },
      },
    },
    '/ota-jobs/{jobId}/tasks/cancel': {
      post: {
        summary: 'Cancel tasks that are queued, pending push or pushed',
        description: 'With `taskIds`, refused (409) when none of them could be canceled.',
        operationId: 'cancelOtaTasks',
        parameters: [JOB_ID],
        requestBody: taskSelection,
        responses: {
          200: ok('How many were canceled', { type: 'object', properties: { canceled: { type: 'integer' } } }),
          ...pick(400, 401, 403, 404, 409),
        },
      },
    },
    '/ota-jobs/{jobId}/tasks/retry': {
      post: {
        summary: 'Retry failed tasks',
        description:
          'Each failed task is queued for one more attempt; a task whose device is meanwhile in another job is skipped. ' +
          'A completed job runs again. With `taskIds`, refused (409) when none of them could be retried.',
        operationId: 'retryOtaTasks',
        parameters: [JOB_ID],
        requestBody: taskSelection,
        responses: {
          200: ok('How many were retried', {
            type: 'object',
            properties: { retried: { type: 'integer' }, skippedBusy: { type: 'integer' } },
          }),
          ...pick(400, 401, 403, 404, 409),
        },
      },
    },
  },
  components: {
    securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: ota_<prefix>_<secret>' } },
    schemas: {
      Error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', enum: [...ERROR_CODES] },
          message: { type: 'string' },
          fieldErrors: {
            type: 'object',
            description: 'Messages per field; nested fields are dotted (`scope.deviceKeys`)',
            additionalProperties: { type: 'array', items: { type: 'string' } },
          },
        },
      },
      FirmwareUpload: {
        type: 'object',
        required: ['name', 'version', 'signMethod', 'verificationRequired', 'file'],
        properties: {
          name: { type: 'string', minLength: 4, maxLength: 32 },
          version: { type: 'string', maxLength: 64, pattern: '^\\S+$', description: 'Unique per product' },
          productId: { type: 'string', description: 'A product id of the OU (see /firmware/versions); empty or absent: no product' },
          signMethod: { type: 'string', enum: [...SIGN_METHODS] },
          description: { type: 'string', maxLength: 100 },
          verificationRequired: { type: 'string', enum: ['true', 'false'] },
          maxVerifyDevices: { type: 'string', description: '1–5', default: '5' },
          minVerifySuccesses: { type: 'string', description: '1 to maxVerifyDevices', default: '1' },
          tags: { type: 'string', description: 'JSON array of {key, value}, at most 20, e.g. [{"key":"env","value":"prod"}]' },
          expectedHash: { type: 'string', description: 'Optional hex digest in signMethod; a mismatch rejects the upload' },
          file: { type: 'string', format: 'binary', description: `One of ${FIRMWARE_FILE_EXTENSIONS.join(' ')}; sent last` },
        },
      },
      FirmwareRow: {
        type: 'object',
        properties: {
          id,
          name: { type: 'string' },
          version: { type: 'string' },
          status: { type: 'string', enum: [...FIRMWARE_STATUSES] },
          signMethod: { type: 'string', enum: [...SIGN_METHODS] },
          fileSize: { type: 'integer' },
          createdAt: ms,
          productId: { type: ['integer', 'null'] },
          productName: { type: ['string', 'null'] },
        },
      },
      Firmware: {
        type: 'object',
        properties: {
          id,
          name: { type: 'string' },
          version: { type: 'string' },
          description: { type: 'string' },
          product: { oneOf: [ref('ProductRef'), { type: 'null' }] },
          status: { type: 'string', enum: [...FIRMWARE_STATUSES] },
          signMethod: { type: 'string', enum: [...SIGN_METHODS] },
          sign: { type: 'string', description: "The file's digest in signMethod" },
          fileName: { type: 'string' },
          fileSize: { type: 'integer' },
          sha256: { type: 'string' },
          verificationRequired: { type: 'boolean' },
          maxVerifyDevices: { type: 'integer' },
          minVerifySuccesses: { type: 'integer' },
          tags: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, value: { type: 'string' } } } },
          createdBy: { type: ['string', 'null'] },
          createdAt: ms,
          updatedAt: ms,
        },
      },
      ProductRef: { type: 'object', properties: { id, productKey: { type: 'string' }, name: { type: 'string' } } },
      JobScope: {
        description: 'Which devices of the firmware\'s product the job targets ("Upgrade Scope")',
        oneOf: [
          { type: 'object', required: ['type'], properties: { type: { const: 'all' } } },
          {
            type: 'object',
            required: ['type', 'deviceKeys'],
            properties: { type: { const: 'devices' }, deviceKeys: { type: 'array', items: { type: 'string' }, minItems: 1 } },
          },
          {
            type: 'object',
            required: ['type', 'conditions'],
            properties: {
              type: { const: 'attribute' },
              conditions: {
                type: 'array',
                minItems: 1,
                items: {
                  type: 'object',
                  required: ['name'],
                  properties: {
                    name: { type: 'string' },
                    values: { type: 'array', items: { type: 'string' } },
                    range: { type: 'object', properties: { min: { type: 'number' }, max: { type: 'number' } } },
                  },
                },
              },
            },
          },
          {
            type: 'object',
            required: ['type', 'conditions'],
            properties: {
              type: { const: 'tag' },
              conditions: {
                type: 'array',
                minItems: 1,
                items: {
                  type: 'object',
                  required: ['key', 'values'],
                  properties: { key: { type: 'string' }, values: { type: 'array', items: { type: 'string' }, minItems: 1 } },
                },
              },
            },
          },
          {
            type: 'object',
            required: ['type', 'trees'],
            properties: {
              type: { const: 'asset_tree' },
              trees: {
                type: 'array',
                minItems: 1,
                maxItems: 5,
                items: {
                  type: 'object',
                  required: ['treeId', 'nodeIds'],
                  properties: { treeId: id, nodeIds: { type: 'array', items: id, minItems: 1 } },
                },
              },
            },
          },
        ],
      },
      CreateOtaJob: {
        type: 'object',
        required: ['name', 'firmwareId', 'scope'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 64 },
          firmwareId: id,
          method: { type: 'string', enum: [...UPGRADE_METHODS], default: 'snapshot' },
          fromVersions: { type: 'array', items: { type: 'string' }, default: [], description: 'Empty: every version but the target' },
          scope: ref('JobScope'),
          maxConcurrency: { type: 'integer', minimum: 1, maximum: 100000, default: 300 },
          timeoutMinutes: { type: 'integer', minimum: 5, maximum: 2880, default: 120 },
          retryEnabled: { type: 'boolean', default: false },
          retryIntervalMinutes: { type: 'integer', enum: RETRY_INTERVAL_OPTIONS.map((o) => o.minutes), default: 0 },
          maxRetries: { type: 'integer', enum: [...MAX_RETRY_OPTIONS], default: 1 },
          schedule: {
            type: 'object',
            required: ['start', 'end', 'timeZone'],
            description: 'Wall-clock times in timeZone; the end must be in the future',
            properties: {
              start: { type: 'string', examples: ['2026-12-01T08:00'] },
              end: { type: 'string', examples: ['2026-12-01T18:00'] },
              timeZone: { type: 'string', examples: ['Europe/Berlin'] },
            },
          },
          repeatDaily: { type: 'boolean', default: false, description: 'Only with a schedule whose start and end share a date' },
          deviceRequestEnabled: { type: 'boolean', default: false },
          startOnCreate: { type: 'boolean', default: false },
        },
      },
      OtaJobRow: {
        type: 'object',
        properties: {
          id,
          name: { type: 'string' },
          type: { type: 'string', enum: [...JOB_TYPES] },
          method: { type: 'string', enum: [...UPGRADE_METHODS] },
          status: { type: 'string', enum: [...JOB_STATUSES] },
          waitingForWindow: { type: 'boolean' },
          firmwareId: id,
          firmwareName: { type: 'string' },
          firmwareVersion: { type: 'string' },
          productId: { type: ['integer', 'null'] },
          productName: { type: ['string', 'null'] },
          totalTasks: { type: 'integer' },
          succeededCount: { type: 'integer' },
          createdAt: ms,
          scheduleStart: ms,
          scheduleEnd: ms,
          timeZone: { type: 'string' },
          repeatDaily: { type: 'boolean' },
        },
      },
      OtaJob: {
        type: 'object',
        properties: {
          id,
          name: { type: 'string' },
          type: { type: 'string', enum: [...JOB_TYPES] },
          method: { type: 'string', enum: [...UPGRADE_METHODS] },
          status: { type: 'string', enum: [...JOB_STATUSES] },
          waitingForWindow: { type: 'boolean', description: 'Running, but outside its schedule window' },
          firmware: {
            type: 'object',
            properties: { id, name: { type: 'string' }, version: { type: 'string' }, status: { type: 'string', enum: [...FIRMWARE_STATUSES] } },
          },
          product: { oneOf: [ref('ProductRef'), { type: 'null' }] },
          fromVersions: { type: 'array', items: { type: 'string' } },
          scope: ref('JobScope'),
          strategy: {
            type: 'object',
            properties: {
              maxConcurrency: { type: 'integer' },
              timeoutMinutes: { type: 'integer' },
              retryEnabled: { type: 'boolean' },
              retryIntervalMinutes: { type: 'integer' },
              maxRetries: { type: 'integer' },
              scheduleStart: ms,
              scheduleEnd: ms,
              timeZone: { type: 'string' },
              repeatDaily: { type: 'boolean' },
              deviceRequestEnabled: { type: 'boolean' },
              startOnCreate: { type: 'boolean' },
            },
          },
          total: { type: 'integer', description: 'Tasks in the job' },
          counts: {
            type: 'object',
            description: 'Tasks per state',
            properties: Object.fromEntries(TASK_STATES.map((s) => [s, { type: 'integer' }])),
          },
          createdBy: { type: ['string', 'null'] },
          createdAt: ms,
          startedAt: ms,
          stoppedAt: ms,
          completedAt: ms,
          updatedAt: ms,
        },
      },
      OtaTask: {
        type: 'object',
        properties: {
          id,
          jobId: id,
          deviceId: id,
          deviceKey: { type: 'string' },
          deviceName: { type: 'string' },
          fromVersion: { type: ['string', 'null'] },
          toVersion: { type: 'string' },
          state: { type: 'string', enum: [...TASK_STATES] },
          progress: { type: ['integer', 'null'] },
          progressDesc: { type: ['string', 'null'] },
          attempt: { type: 'integer' },
          nextAttemptAt: ms,
          failureReason: { type: ['string', 'null'] },
          origin: { type: ['string', 'null'], enum: [...TASK_ORIGINS, null], description: 'How the task was admitted' },
          updatedAt: ms,
        },
      },
      TaskSelection: {
        oneOf: [
          { type: 'object', required: ['taskIds'], properties: { taskIds: { type: 'array', items: id, minItems: 1, maxItems: 1000 } } },
          {
            type: 'object',
            required: ['all'],
            properties: { all: { const: true }, state: { type: 'string', enum: [...TASK_STATES], description: 'Only tasks in this state' } },
          },
        ],
      },
    },
  },
} as const;
