import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_BEHAVIOUR, delayAround, parseFixedOutcomes, type FleetBehaviour } from './behaviour';

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
                        (kinds: download, verify, flash, reject, silent)
  --step-delay MS       mean time between progress reports (default 1350)
  --offline R           share of devices offline at start (default 0)
  --reconnect-after MS  mean time before those connect (default 12500)
  --downloads N         firmware downloads in flight at once, across the fleet (default 200)
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
    downloads: z.coerce.number().int().min(1).max(10_000).default(200),
  })
  .refine((o) => o['fail-download'] + o['fail-verify'] + o['fail-flash'] + o.reject + o.silent <= 1, {
    message: 'the failure rates add up to more than 1',
  });

export type SimulatorOptions = {
  devices: number;
  ouName?: string;
  productKey?: string;
  brokerUrl?: string;
  databaseFile?: string;
  seed: number;
  behaviour: FleetBehaviour;
  downloadConcurrency: number;
};


/** Parses argv (without node and script); returns 'help' when asked, throws a readable error on bad input. */
export function parseSimulatorArgs(argv: string[]): SimulatorOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: Object.fromEntries(
      [...Object.keys(optionsSchema.shape), 'help'].map((k) => [k, { type: k === 'help' ? 'boolean' : 'string' }]),
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
      fixedOutcomes: o['fail-devices'],
    },
  };
}
