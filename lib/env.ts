import path from 'node:path';
import { z } from 'zod';

// The only reader of process.env. Parsed lazily (once) so `next build` needs no runtime secrets, and forced at
// server start by instrumentation.ts so a bad setting stops the process with every problem named at once.

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1'));

const int = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATA_DIR: z.string().min(1).default('.data'),
  NEXTAUTH_SECRET: z.string().min(16, 'must be at least 16 characters'),
  NEXTAUTH_URL: z.url().default('http://localhost:3000'),
  PUBLIC_BASE_URL: z.url().optional(),
  DOWNLOAD_URL_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  DOWNLOAD_URL_TTL_SECONDS: int(6 * 3600, 60, 7 * 24 * 3600),
  FIRMWARE_MAX_BYTES: int(1024 ** 3, 1, Number.MAX_SAFE_INTEGER),
  SCHEDULER_ENABLED: bool(true),
  SCHEDULER_TICK_MS: int(1000, 10, 3_600_000),
  TRANSPORT: z.enum(['mqtt', 'simulated']).default('mqtt'),
  MQTT_HOST: z.string().min(1).default('127.0.0.1'),
  MQTT_PORT: int(1883, 1, 65535),
  SIMULATED_SEED: int(1, 0, 2 ** 31),
  // Devices of the simulated fleet that fail every push in a fixed way, "deviceKey=kind,…" (see lib/simulator).
  SIMULATED_FAILURES: z
    .string()
    .regex(/^\s*([^=,\s]+=(download|verify|flash|reject|silent)\s*(,\s*|$))*$/, 'expected "deviceKey=kind,…" with kinds download|verify|flash|reject|silent')
    .default(''),
  // Mean time between the simulated fleet's progress reports (default: the simulator's own).
  SIMULATED_STEP_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Env = Omit<z.infer<typeof envSchema>, 'PUBLIC_BASE_URL' | 'DOWNLOAD_URL_SECRET'> & {
  PUBLIC_BASE_URL: string;
  DOWNLOAD_URL_SECRET: string;
  /** DATA_DIR resolved to an absolute path. */
  dataDir: string;
  databaseFile: string;
};

const databaseFileIn = (dataDir: string) => path.join(dataDir, 'ota.sqlite');

function parseOrThrow<T extends z.ZodType>(schema: T, source: Record<string, string | undefined>): z.infer<T> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Parses an environment; throws one error naming every bad variable. Exported for tests. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const e = parseOrThrow(envSchema, source);
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    ...e,
    PUBLIC_BASE_URL: (e.PUBLIC_BASE_URL ?? e.NEXTAUTH_URL).replace(/\/+$/, ''),
    DOWNLOAD_URL_SECRET: e.DOWNLOAD_URL_SECRET ?? e.NEXTAUTH_SECRET,
    dataDir,
    databaseFile: databaseFileIn(dataDir),
  };
}

const cache = globalThis as unknown as { __otaEnv?: Env };

export function getEnv(): Env {
  cache.__otaEnv ??= parseEnv(process.env);
  return cache.__otaEnv;
}

const toolEnvSchema = envSchema.pick({ DATA_DIR: true, MQTT_HOST: true, MQTT_PORT: true });

/** What command-line tools running beside a server need (its database and broker), without the server's secrets. */
export function getToolEnv(source: Record<string, string | undefined> = process.env) {
  const e = parseOrThrow(toolEnvSchema, source);
  // A broker bound to every interface is reached on the loopback one.
  const host = e.MQTT_HOST === '0.0.0.0' || e.MQTT_HOST === '::' ? '127.0.0.1' : e.MQTT_HOST;
  return {
    databaseFile: databaseFileIn(path.resolve(e.DATA_DIR)),
    mqttUrl: `mqtt://${host.includes(':') ? `[${host}]` : host}:${e.MQTT_PORT}`,
  };
}
