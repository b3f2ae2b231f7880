import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_BEHAVIOUR, delayAround, parseFixedOutcomes, type FleetBehaviour } from './behaviour';
import type { DeviceRequestMode } from './device';

/** Command-line options of `npm run simulate` (parsed here so the script stays a thin wrapper). */

export const SIMULATOR_USAGE = `Usage: npm run simulate -- [options]

  --devices N           devices to simulate, taken from the database in id order (default 50)
  --ou NAME             only devices of this organization unit
  --product KEY         only devices of this product
  --url URL             broker URL (default mqtt://MQTT_HOST:MQTT_PORT)
  --db FILE             database to read the devices from (default DATA_DIR/ota.sqlite)
  --seed N              random seed; the same seed gives every device the same fate (default 1)
  --fail-download R     share of upgrades that fail to download, step -2 (0-1, default 0)
  --fail-verify R       share that fail verification, step -3
  --fail-flash R        share that fail writing flash, step -4
  --reject R            share the device rejects, step -5
  --silent R            share the device never answers (the task times out)
  --fail-devices LIST   devices that fail every push in a fixed way: "inv-0003=flash,inv-0007=silent"
                        (kinds: download, verify, flash, reject, silent; a key ending in * is a prefix: "hold-*=silent")
  --step-delay MS       mean time between progress reports (default 1350)
  --offline R           share of devices offline at start (default 0)
  --reconnect-after MS  mean time before those connect, and before dropped devices come back (default 12500)
  --drop R              share of upgrades in which the device loses its connection right after writing flash (no
                        "100" report): it reconnects after --reconnect-after and informs the new version (0-1, default 0)
  --downloads N         firmware downloads in flight at once, across the fleet (default 200)
  --request-every MS    devices ask for an upgrade themselves (getversion) after connecting and then every MS,
                        and install an offered firmware whose version differs from theirs
  --request-devices L   only these devices ask, e.g. "inv-0001,ask-*" (default: every device)
  --request-only        the asking devices take only what they asked for: a pushed upgrade is rejected (step -5)
  --watch MS            every MS, also connect devices created since the start (new rows matching --ou/--product)
  --help                show this text`;

const rate = z.coerce.number().min(0).max(1).default(0);
const ms = (fallback: number) => z.coerce.number().int().min(0).max(86_400_000).default(fallback);
const mean = (r: { min: number; max: number }) => (r.min + r.max) / 2;

const optionsSchema = z
  .object({
    devices: z.coerce.number().int().min(1).max(1_000_000).default(50),
    ou: z.string().min(1).optional(),
    product: z.string().min(1).optional(),
    url: z.url().optional(),
    db: z.string().min(1).optional(),
    seed: z.coerce.number().int().min(0).default(1),
    'fail-download': rate,
    'fail-verify': rate,
    'fail-flash': rate,
    reject: rate,
    silent: rate,
    'fail-devices': z
      .string()
      .default('')
      .transform((text, ctx) => {
        try {
          return parseFixedOutcomes(text);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message });
          return z.NEVER;
        }
      }),
    'step-delay': ms(mean(DEFAULT_BEHAVIOUR.stepDelayMs)),
    offline: rate,
    'reconnect-after': ms(mean(DEFAULT_BEHAVIOUR.reconnectAfterMs)),
    drop: rate,
    downloads: z.coerce.number().int().min(1).max(10_000).default(200),
    'request-every': z.coerce.number().int().min(50).max(86_400_000).optional(),
    'request-devices': z
      .string()
      .transform((text) => text.split(',').map((s) => s.trim()).filter(Boolean))
      .optional(),
    'request-only': z.boolean().default(false),
    watch: z.coerce.number().int().min(50).max(3_600_000).optional(),
  })
  .refine((o) => o['fail-download'] + o['fail-verify'] + o['fail-flash'] + o.reject + o.silent <= 1, {
    message: 'the failure rates add up to more than 1',
  })
  .refine((o) => o['request-every'] !== undefined || (o['request-devices'] === undefined && !o['request-only']), {
    message: '--request-devices and --request-only need --request-every',
  });

const FLAGS = new Set(['help', 'request-only']);

export type SimulatorOptions = {
  devices: number;
  ouName?: string;
  productKey?: string;
  brokerUrl?: string;
  databaseFile?: string;
  seed: number;
  behaviour: FleetBehaviour;
  downloadConcurrency: number;
  requests?: DeviceRequestMode;
  /** Look for devices created since the start this often. */
  watchMs?: number;
};


/** Parses argv (without node and script); returns 'help' when asked, throws a readable error on bad input. */
export function parseSimulatorArgs(argv: string[]): SimulatorOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: Object.fromEntries(
      [...Object.keys(optionsSchema.shape), 'help'].map((k) => [k, { type: FLAGS.has(k) ? 'boolean' : 'string' }]),
    ) as Record<string, { type: 'string' | 'boolean' }>,
  });
  if (values.help) return 'help';
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.') || 'options'}: ${i.message}`).join('\n'));
  }
  const o = parsed.data;
  return {
    devices: o.devices,
    ouName: o.ou,
    productKey: o.product,
    brokerUrl: o.url,
    databaseFile: o.db,
    seed: o.seed,
    downloadConcurrency: o.downloads,
    requests:
      o['request-every'] === undefined
        ? undefined
        : { everyMs: o['request-every'], devices: o['request-devices'] ?? ['*'], only: o['request-only'] },
    watchMs: o.watch,
    behaviour: {
      failureRates: {
        download: o['fail-download'],
        verify: o['fail-verify'],
        flash: o['fail-flash'],
        reject: o.reject,
        silent: o.silent,
      },
      stepDelayMs: delayAround(o['step-delay']),
      offlineShare: o.offline,
      reconnectAfterMs: delayAround(o['reconnect-after']),
      dropShare: o.drop,
      fixedOutcomes: o['fail-devices'],
    },
  };
}
