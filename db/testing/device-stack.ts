import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serveDeviceDownload } from '../../lib/firmware/device-download';
import { storedFilePath } from '../../lib/firmware/file-store';
import { sendWebResponse, toWebRequest } from '../../lib/firmware/node-http';
import type { SignMethod } from '../../lib/ota/states';
import { startScheduler, type Scheduler } from '../../lib/scheduler/scheduler';
import { createDeviceGateway } from '../../lib/services/device-gateway';
import type { Clock, OfferUrlConfig } from '../../lib/services/ota-push';
import { createMqttTransport, type MqttTransport, type TransportLogger } from '../../lib/transport/mqtt/broker';
import type { Db } from '../client';
import { insertFirmwareWithTags, insertStoredFile } from '../queries/firmware';

/**
 * The console's device side in one process, for integration tests and the end-to-end bench: the embedded MQTT
 * broker with the real device gateway behind it, the scheduler on the given clock, and the firmware device download
 * served by a plain Node HTTP server (the same function as the Next route).
 */

export type DeviceStack = {
  transport: MqttTransport;
  scheduler: Scheduler;
  brokerUrl: string;
  offerUrl: OfferUrlConfig;
  stop(): Promise<void>;
};

const quiet: TransportLogger = { info() {}, warn() {}, error: (m, e) => console.error(m, e) };

export async function startDeviceStack(options: {
  db: Db;
  clock: Clock;
  dataDir: string;
  /** Run the scheduler loop (the bench); tests drive `scheduler.tickOnce()` themselves. */
  tickMs?: number;
  logger?: TransportLogger;
}): Promise<DeviceStack> {
  const secret = crypto.randomBytes(24).toString('hex');
  const files = http.createServer((req, res) => {
    serveDeviceDownload(toWebRequest(req), { db: options.db, secret, dataDir: options.dataDir, now: options.clock.now })
      .then((response) => sendWebResponse(response, res, req.method))
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  const offerUrl = { baseUrl: `http://127.0.0.1:${(files.address() as AddressInfo).port}`, secret, ttlSeconds: 3600 };

  const transport = createMqttTransport({ host: '127.0.0.1', port: 0, logger: options.logger ?? quiet, now: options.clock.now });
  await transport.start(createDeviceGateway({ transport, clock: options.clock, offerUrl, db: options.db }));
  const scheduler = startScheduler({
    db: options.db,
    transport,
    clock: options.clock,
    offerUrl,
    tickMs: options.tickMs,
    autoTick: options.tickMs !== undefined,
  });
  return {
    transport,
    scheduler,
    brokerUrl: `mqtt://127.0.0.1:${transport.port}`,
    offerUrl,
    async stop() {
      await scheduler.stop();
      await transport.stop();
      files.closeAllConnections();
      await new Promise<void>((resolve) => files.close(() => resolve()));
    },
  };
}

/** A "No Need" firmware whose file really exists in the content-addressed store (as an upload leaves it). */
export function insertFirmwareWithFile(
  db: Db,
  f: { ouId: number; productId: number; version: string; bytes: Uint8Array; dataDir: string; signMethod?: SignMethod },
) {
  const sha256 = crypto.createHash('sha256').update(f.bytes).digest('hex');
  const md5 = crypto.createHash('md5').update(f.bytes).digest('hex');
  const target = storedFilePath(f.dataDir, f.ouId, sha256);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, f.bytes);
  const signMethod = f.signMethod ?? 'sha256';
  const file = insertStoredFile(db, { ouId: f.ouId, sha256, md5, size: f.bytes.length, createdAt: 0 });
  const row = insertFirmwareWithTags(
    db,
    {
      ouId: f.ouId,
      productId: f.productId,
      name: `Firmware ${f.version}`,
      version: f.version,
      signMethod,
      sign: signMethod === 'md5' ? md5 : sha256,
      fileId: file.id,
      fileName: `fw-${f.version}.bin`,
      fileSize: f.bytes.length,
      status: 'no_need',
      verificationRequired: false,
      createdAt: 0,
      updatedAt: 0,
    },
    [],
  );
  return { firmware: row, path: target };
}
