import type { Socket } from 'node:net';
import { connect, type MqttClient } from 'mqtt';
import { buildDeviceCredentials } from '@/lib/transport/mqtt/auth';
import { otaTopic, replyTopic } from '@/lib/transport/mqtt/codec';
import { SIGN_METHODS } from '@/lib/ota/states';
import type { Rng } from '@/lib/random';
import type { FirmwareOffer } from '@/lib/transport/types';
import {
  dropDelay,
  matchesDeviceKey,
  performUpgrade,
  pickDelay,
  pickOutcome,
  seededRng,
  type FleetBehaviour,
  type UpgradeOutcome,
  type UpgradeResult,
} from './behaviour';
import type { DownloadCheck } from './download';

/**
 * One simulated device speaking the EnOS protocol as a real MQTT client: it logs in with secure mode 2, informs
 * its version after every connect, and on an `upgrade` command downloads the file, checks it, reports progress and
 * informs the new version. In request mode it also asks (getversion) after each connect and then periodically, and
 * installs an offered firmware the same way. Like the EnOS SDKs, it subscribes only to the `_reply` topics of its
 * own requests. It runs one upgrade at a time: a push and a request that race end in a single upgrade.
 */

export type SimulatorDeviceSpec = { productKey: string; deviceKey: string; deviceSecret: string; version: string | null };

/** Counters shared by a whole fleet; the summary line prints them. */
export type FleetStats = {
  devices: number;
  online: number;
  upgrading: number;
  succeeded: number;
  failed: number;
  silent: number;
  refused: number;
  /** Upgrades during which the device lost its connection after writing flash. */
  dropped: number;
  /** getversion requests sent. */
  requests: number;
  messagesIn: number;
  messagesOut: number;
};

/** Devices that ask for upgrades themselves (SPEC 6.3 getversion). */
export type DeviceRequestMode = {
  everyMs: number;
  /** Device keys or patterns ("ask-*") of the devices that ask. */
  devices: string[];
  /** The asking devices reject pushed upgrades (step -5): only what they asked for is installed. */
  only: boolean;
};

export type DeviceContext = {
  brokerUrl: string;
  requests?: DeviceRequestMode;
  seed: number;
  behaviour: FleetBehaviour;
  stats: FleetStats;
  log: (message: string) => void;
  /** Pauses between steps; they end at once (false) when the fleet stops. */
  sleep: (ms: number) => Promise<boolean>;
  /** Gets and checks a pushed file (the fleet bounds how many run at once). */
  download: (offer: FirmwareOffer) => Promise<DownloadCheck>;
};

type Reply = { code: number; data?: unknown; message?: string };

// EnOS SDKs give up on a request after 30 s.
const REQUEST_TIMEOUT_MS = 30_000;

export class SimulatorDevice {
  private client?: MqttClient;
  private online = false;
  private nextId = 1;
  private readonly pending = new Map<string, (reply: Reply) => void>();
  private readonly subscribed = new Set<string>();
  // The upgrade under way (its push id, or "request:n"); one at a time.
  private upgrading: string | null = null;
  private requestedUpgrades = 0;
  // Counts connections, so a request loop of an earlier connection stops.
  private session = 0;
  private readonly upgradeTopic: string;
  private readonly asks: DeviceRequestMode | null;
  version: string | null;

  constructor(
    readonly spec: SimulatorDeviceSpec,
    private readonly ctx: DeviceContext,
  ) {
    this.version = spec.version;
    this.upgradeTopic = otaTopic(spec, 'upgrade');
    const mode = ctx.requests;
    this.asks = mode && mode.devices.some((p) => matchesDeviceKey(p, spec.deviceKey)) ? mode : null;
  }

  /** Connects; resolves once the first CONNACK (or refusal) arrives. Reconnects by itself after a drop. */
  connect(): Promise<void> {
    const client = connect(this.ctx.brokerUrl, {
      ...buildDeviceCredentials(this.spec),
      protocolVersion: 4,
      clean: true,
      keepalive: 60,
      reconnectPeriod: 3000,
      connectTimeout: 30_000,
    });
    this.client = client;
    client.on('connect', () => this.onConnect());
    client.on('close', () => this.onClose());
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    client.on('error', (error) => {
      this.ctx.log(`${this.spec.deviceKey}: ${error.message}`);
      // A refused login (CONNACK 4 or 5) will not succeed by retrying with the same secret.
      if ('code' in error && (error.code === 4 || error.code === 5)) {
        this.ctx.stats.refused++;
        client.end(true);
      }
    });
    // Settles on the first answer either way, so a fleet can pace its logins.
    return new Promise((resolve) => {
      const settle = () => {
        client.off('connect', settle);
        client.off('error', settle);
        resolve();
      };
      client.on('connect', settle);
      client.on('error', settle);
    });
  }

  /** Disconnects cleanly (DISCONNECT, then close). */
  async disconnect(): Promise<void> {
    await this.client?.endAsync();
  }

  private onConnect(): void {
    // Request/reply traffic of small packets: send each at once rather than waiting on Nagle.
    (this.client?.stream as Partial<Socket> | undefined)?.setNoDelay?.(true);
    this.online = true;
    this.ctx.stats.online++;
    // Clean session: the broker forgot the reply subscriptions.
    this.subscribed.clear();
    void this.afterConnect(++this.session);
  }

  /** Informs the version, then (in request mode) asks for an upgrade now and every `everyMs` while connected. */
  private async afterConnect(session: number): Promise<void> {
    if (this.version) await this.request('inform', 'ota.device.inform', { version: this.version });
    const mode = this.asks;
    if (!mode) return;
    do {
      if (!this.upgrading) await this.askForUpgrade();
    } while ((await this.ctx.sleep(mode.everyMs)) && this.online && this.session === session);
  }

  private async askForUpgrade(): Promise<void> {
    this.ctx.stats.requests++;
    const reply = await this.request('getversion', 'ota.device.getversion', {});
    if (reply.code !== 200 || !Array.isArray(reply.data)) return;
    const offer = reply.data.map(readOffer).find((o) => o !== null && o.version !== this.version);
    if (offer) await this.runUpgrade(offer, `request:${++this.requestedUpgrades}`);
  }

  private onClose(): void {
    if (!this.online) return;
    this.online = false;
    this.ctx.stats.online--;
    for (const resolve of this.pending.values()) resolve({ code: 0, message: 'connection closed' });
    this.pending.clear();
  }

  private onMessage(topic: string, payload: Buffer): void {
    this.ctx.stats.messagesIn++;
    let body: { id?: unknown; code?: number; method?: unknown; params?: unknown };
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      return;
    }
    if (topic === this.upgradeTopic) {
      void this.onUpgrade(body);
      return;
    }
    const resolve = this.pending.get(String(body.id));
    if (resolve) {
      this.pending.delete(String(body.id));
      resolve(body as Reply);
    }
  }

  private async onUpgrade(body: { id?: unknown; method?: unknown; params?: unknown }): Promise<void> {
    const id = String(body.id);
    const offer = readOffer(body.params);
    const reply = `${this.upgradeTopic}_reply`;
    if (body.method !== 'ota.device.upgrade' || offer === null) {
      this.publish(reply, { id, code: 400, message: 'bad upgrade' });
      return;
    }
    // A command arriving during an upgrade (repeated, or racing a request's answer) joins the one under way.
    if (this.upgrading) {
      this.publish(reply, { id, code: 200, data: {} });
      return;
    }
    const fate = this.fateOf(id, this.asks?.only ? 'reject' : undefined);
    // A silent device never answers: not even the command's reply.
    if (fate.outcome !== 'silent') this.publish(reply, { id, code: 200, data: {} });
    await this.runUpgrade(offer, id, fate);
  }

  /** The fate of one upgrade, seeded by its id (a push id, or "request:n"). */
  private fateOf(id: string, forced?: UpgradeOutcome): { rng: Rng; outcome: UpgradeOutcome } {
    const rng = seededRng(this.ctx.seed, this.spec.deviceKey, id);
    return { rng, outcome: forced ?? pickOutcome(rng, this.spec.deviceKey, this.ctx.behaviour) };
  }

  /** Runs one upgrade unless one is under way. */
  private async runUpgrade(offer: FirmwareOffer, id: string, fate = this.fateOf(id)): Promise<void> {
    if (this.upgrading) return;
    this.upgrading = id;
    const { rng, outcome } = fate;
    const { stats, behaviour } = this.ctx;
    stats.upgrading++;
    const result = await performUpgrade(offer, outcome, {
      progress: async (step, desc) => {
        await this.request('progress', 'ota.device.progress', { step: String(step), desc });
      },
      inform: async (version) => {
        this.version = version;
        await this.request('inform', 'ota.device.inform', { version });
      },
      pause: async () => (await this.ctx.sleep(pickDelay(rng, behaviour.stepDelayMs))) && this.online,
      fetch: (o) => this.ctx.download(o),
      drop: (version) => this.dropAfterFlash(id, version),
    });
    stats.upgrading--;
    if (result === 'succeeded') stats.succeeded++;
    else if (result === 'failed') stats.failed++;
    else if (result === 'silent') stats.silent++;
    this.upgrading = null;
  }

  /**
   * The rolled share of upgrades loses the connection once flash is written (socket closed without DISCONNECT, as
   * at a power cut): the device boots the new firmware, stays away for `reconnectAfterMs`, then reconnects and, as
   * after every connect, informs its version, now the new one. Null when this upgrade does not drop.
   */
  private async dropAfterFlash(id: string, version: string): Promise<UpgradeResult | null> {
    const away = dropDelay(this.ctx.seed, this.spec.deviceKey, id, this.ctx.behaviour);
    if (away === null || !this.client) return null;
    this.ctx.stats.dropped++;
    this.version = version;
    await this.client.endAsync(true);
    if (!(await this.ctx.sleep(away))) return 'aborted';
    await this.connect();
    return 'succeeded';
  }

  /** An EnOS-style request: subscribe to the reply topic once, publish, and wait for the reply with our id. */
  private async request(suffix: string, method: string, params: object): Promise<Reply> {
    const client = this.client;
    if (!client || !this.online) return { code: 0, message: 'offline' };
    const topic = otaTopic(this.spec, suffix);
    const reply = replyTopic(topic);
    if (!this.subscribed.has(reply)) {
      this.subscribed.add(reply);
      await client.subscribeAsync(reply, { qos: 1 }).catch(() => this.subscribed.delete(reply));
    }
    const id = String(this.nextId++);
    const answer = new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ code: 0, message: 'timeout' });
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
    this.publish(topic, { id, version: '1.0', method, params });
    const result = await answer;
    if (result.code !== 200) this.ctx.log(`${this.spec.deviceKey}: ${method} answered ${result.code} ${result.message ?? ''}`);
    return result;
  }

  private publish(topic: string, body: object): void {
    this.ctx.stats.messagesOut++;
    this.client?.publish(topic, JSON.stringify(body), { qos: 1 });
  }
}

function readOffer(params: unknown): FirmwareOffer | null {
  if (typeof params !== 'object' || params === null) return null;
  const p = params as Record<string, unknown>;
  const signMethod = SIGN_METHODS.find((m) => m === p.signMethod);
  if (typeof p.version !== 'string' || typeof p.sign !== 'string' || typeof p.fileUrl !== 'string' || !signMethod) {
    return null;
  }
  return { version: p.version, sign: p.sign, signMethod, fileUrl: p.fileUrl, fileSize: Number(p.fileSize) || 0, description: typeof p.description === 'string' ? p.description : '' };
}
