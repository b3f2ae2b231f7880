import net from 'node:net';
import type { Aedes, AedesPublishPacket, AuthenticateError, Client, PublishPacket } from 'aedes';
import type { DeviceEventHandler, DeviceRef, DeviceReply, DeviceTransport, PushResult, UpgradeCommand } from '../types';
import { passwordMatches, parseClientId, parseUsername, signDevicePassword } from './auth';
import {
  decodeDevicePublish,
  deviceTopicPrefix,
  encodeReply,
  encodeUpgradeCommand,
  isOwnTopic,
  otaTopic,
  PROTOCOL_ERRORS,
  replyTopic,
  type RequestId,
} from './codec';

/**
 * The `mqtt` transport (SPEC 6.1): an aedes broker embedded in the server process that speaks the EnOS device
 * protocol. Devices authenticate with secure mode 2, stay inside their own topic namespace, and exchange OTA
 * requests with the engine through the DeviceEventHandler.
 */

export type TransportLogger = {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
};

export const consoleLogger: TransportLogger = {
  info: (m) => console.log(`[mqtt] ${m}`),
  warn: (m) => console.warn(`[mqtt] ${m}`),
  error: (m, e) => console.error(`[mqtt] ${m}`, e ?? ''),
};

export type MqttTransportOptions = {
  host: string;
  /** 0 picks a free port; read the bound one from `port` after start. */
  port: number;
  logger?: TransportLogger;
  now?: () => number;
};

// CONNACK return codes of MQTT 3.1.1.
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;
const SERVER_UNAVAILABLE = 3;

// Keys that would act as MQTT wildcards or extra levels could escape the device's topic namespace.
const UNSAFE_KEY = /[/+#]/;

function refused(returnCode: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

// aedes keys sessions by client id, and the twin device with the same keys in another OU may send the very same one:
// the broker's session id is prefixed with the device's row id, so each device has its own session.
function sessionId(ref: DeviceRef, clientId: string): string {
  return `${ref.deviceId}#${clientId}`;
}

function deviceOfSession(sessionId: string): number {
  return Number(sessionId.slice(0, sessionId.indexOf('#')));
}

function toBuffer(payload: string | Buffer): Buffer {
  return Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
}

export class MqttTransport implements DeviceTransport {
  readonly kind = 'mqtt';
  private broker?: Aedes;
  private server?: net.Server;
  private handler?: DeviceEventHandler;
  private readonly log: TransportLogger;
  private readonly now: () => number;
  /** The one live session per device (a newer connection replaces an older one). */
  private readonly sessions = new Map<number, Client>();
  private readonly refs = new WeakMap<Client, DeviceRef>();
  /** Per-device work queue: presence changes and messages reach the engine in the order they happened. */
  private readonly queues = new Map<number, Promise<void>>();
  /** Publishes from devices and to devices since start, for benchmarks and monitoring. */
  readonly messageCounts = { received: 0, sent: 0 };

  constructor(private readonly options: MqttTransportOptions) {
    this.log = options.logger ?? consoleLogger;
    this.now = options.now ?? Date.now;
  }

  /** The port the broker listens on (the real one when started with port 0). */
  get port(): number {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : this.options.port;
  }

  /** Number of devices with a live session. */
  get connectedDevices(): number {
    return this.sessions.size;
  }

  /** Starts the broker and listens on host:port. */
  async start(handler: DeviceEventHandler): Promise<void> {
    if (this.broker) throw new Error('MQTT transport already started');
    this.handler = handler;
    // aedes is ESM-only; a dynamic import works from both CommonJS (tsx scripts) and ESM (Next, vitest).
    const { Aedes } = await import('aedes');
    const broker = await Aedes.createBroker({
      drainTimeout: 30_000,
      authenticate: (client, username, password, done) => {
        this.authenticate(client.id, username, password?.toString('utf8')).then(
          (ref) => {
            this.refs.set(client, ref);
            (client as { id: string }).id = sessionId(ref, client.id);
            done(null, true);
          },
          (error: AuthenticateError) => {
            if (error.returnCode === SERVER_UNAVAILABLE) this.log.error('authentication failed', error);
            done(error, null);
          },
        );
      },
      authorizePublish: (client, packet, done) => {
        const ref = client ? this.refs.get(client) : undefined;
        if (!client || !ref || !isOwnTopic(ref, packet.topic)) return done(new Error(`publish to ${packet.topic} not authorized`));
        // Tagged before aedes queues it for offline sessions, so authorizeForward always knows the sender; nothing a
        // device sends is kept as a retained message (the broker stores those without their sender).
        (packet as { clientId?: string }).clientId = client.id;
        packet.retain = false;
        done(null);
      },
      // The twin device with the same keys in another OU shares the topic namespace: a device's publish is delivered
      // to no other device. Commands and replies are untagged, written by the broker straight to the session.
      authorizeForward: (client, packet) => {
        const sender = (packet as { clientId?: string }).clientId;
        return sender === undefined || deviceOfSession(sender) === this.refs.get(client)?.deviceId ? packet : null;
      },
      // A refused subscription is granted QoS 128 (failure) rather than closing the connection.
      authorizeSubscribe: (client, subscription, done) => {
        const ref = this.refs.get(client);
        done(null, ref && isOwnTopic(ref, subscription.topic) ? subscription : null);
      },
      published: (packet, client, done) => {
        const ref = client ? this.refs.get(client) : undefined;
        if (!client || !ref) return done();
        this.messageCounts.received++;
        void this.enqueue(ref.deviceId, () => this.onPublish(client, ref, packet)).then(() => done());
      },
    });
    broker.on('clientReady', (client) => this.onReady(client));
    broker.on('clientDisconnect', (client) => this.onDisconnect(client));
    // Small request/reply packets: without noDelay, Nagle plus delayed ACKs add ~40 ms to every exchange.
    const server = net.createServer({ noDelay: true }, broker.handle);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.options.port, this.options.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      // E.g. the port is taken: leave nothing running (aedes keeps a heartbeat timer).
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      throw error;
    }
    server.on('error', (e) => this.log.error('server error', e));
    this.broker = broker;
    this.server = server;
    this.log.info(`broker listening on ${this.options.host}:${this.port}`);
  }

  /** Disconnects every device (reporting them offline), then closes the listener. */
  async stop(): Promise<void> {
    const { broker, server } = this;
    if (!broker || !server) return;
    this.broker = undefined;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await closed;
    await Promise.all(this.queues.values());
  }

  /** Publishes the upgrade command straight to the device's session; 'offline' when it has none. */
  async push(device: DeviceRef, command: UpgradeCommand): Promise<PushResult> {
    const client = this.sessions.get(device.deviceId);
    if (!client || client.closed || !client.connected) return 'offline';
    const packet: PublishPacket = {
      cmd: 'publish',
      topic: otaTopic(device, 'upgrade'),
      payload: encodeUpgradeCommand(command),
      qos: 1,
      retain: false,
      dup: false,
    };
    // Written to the session directly, not routed: the device gets it without subscribing, and exactly once if it did.
    this.messageCounts.sent++;
    await new Promise<void>((resolve) => client.publish(packet, () => resolve()));
    // aedes never passes a write error to this callback: a write that failed has closed the session instead.
    return client.closed || !client.connected || this.sessions.get(device.deviceId) !== client ? 'offline' : 'sent';
  }

  private async authenticate(clientId: string, username?: string, password?: string): Promise<DeviceRef> {
    const parts = parseClientId(clientId);
    if (!parts || UNSAFE_KEY.test(parts.deviceKey)) throw refused(NOT_AUTHORIZED, 'malformed client id');
    const user = username ? parseUsername(username, parts.deviceKey) : null;
    if (!user || !password || UNSAFE_KEY.test(user.productKey)) {
      throw refused(BAD_USERNAME_OR_PASSWORD, 'bad username or password');
    }
    let candidates;
    try {
      candidates = await this.handler!.findDevices(user.productKey, parts.deviceKey);
    } catch (error) {
      throw Object.assign(refused(SERVER_UNAVAILABLE, 'server unavailable'), { cause: error });
    }
    // Keys are unique per OU only: the secret decides which device this is.
    for (const candidate of candidates) {
      const expected = signDevicePassword({ ...parts, productKey: user.productKey, deviceSecret: candidate.deviceSecret });
      if (passwordMatches(password, expected)) return candidate.ref;
    }
    throw refused(BAD_USERNAME_OR_PASSWORD, 'bad username or password');
  }

  private onReady(client: Client): void {
    const ref = this.refs.get(client);
    if (!ref || client.closed) return;
    const previous = this.sessions.get(ref.deviceId);
    this.sessions.set(ref.deviceId, client);
    // EnOS keeps one connection per device: a new login replaces the old one.
    if (previous && previous !== client) previous.close();
    void this.enqueue(ref.deviceId, () => this.handler!.online(ref, this.now()));
  }

  private onDisconnect(client: Client): void {
    const ref = this.refs.get(client);
    // A session replaced by a newer one must not report its device offline.
    if (!ref || this.sessions.get(ref.deviceId) !== client) return;
    this.sessions.delete(ref.deviceId);
    void this.enqueue(ref.deviceId, () => this.handler!.offline(ref, this.now()));
  }

  private async onPublish(client: Client, ref: DeviceRef, packet: AedesPublishPacket): Promise<void> {
    const relative = packet.topic.slice(deviceTopicPrefix(ref).length);
    const decoded = decodeDevicePublish(relative, toBuffer(packet.payload));
    if (!decoded) return;
    const who = `${ref.productKey}/${ref.deviceKey}`;
    if (decoded.kind === 'device_reply') {
      if (decoded.code !== 200) this.log.warn(`${who} answered ${relative} ${decoded.id} with code ${String(decoded.code)}`);
      return;
    }
    let reply: DeviceReply;
    if (decoded.kind === 'error') {
      reply = { code: decoded.code, message: decoded.message };
    } else {
      try {
        reply = await this.handler!.message(ref, decoded.message, this.now());
      } catch (error) {
        this.log.error(`${who} ${relative} failed`, error);
        reply = { code: PROTOCOL_ERRORS.internal, message: 'Internal error' };
      }
    }
    if (reply.code !== 200 && 'message' in reply) this.log.warn(`${who} ${relative} refused (${reply.code}): ${reply.message}`);
    this.reply(client, packet, decoded.id, reply);
  }

  /** Replies go to the session that asked, at the request's QoS (0 or 1). */
  private reply(client: Client, request: AedesPublishPacket, id: RequestId, reply: DeviceReply): void {
    if (client.closed) return;
    const packet: PublishPacket = {
      cmd: 'publish',
      topic: replyTopic(request.topic),
      payload: encodeReply(id, reply),
      qos: request.qos === 0 ? 0 : 1,
      retain: false,
      dup: false,
    };
    // aedes requires a callback; a failed write closes the session, which reports the device offline.
    this.messageCounts.sent++;
    client.publish(packet, () => {});
  }

  private enqueue(deviceId: number, work: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(deviceId) ?? Promise.resolve())
      .then(work)
      .catch((error: unknown) => this.log.error(`device ${deviceId}: event handling failed`, error));
    this.queues.set(deviceId, next);
    void next.then(() => {
      if (this.queues.get(deviceId) === next) this.queues.delete(deviceId);
    });
    return next;
  }
}

/** Creates the embedded-broker transport. */
export function createMqttTransport(options: MqttTransportOptions): MqttTransport {
  return new MqttTransport(options);
}
