import { addDevices, RING_DEVICES } from './fleet-db';

// scripts/e2e-server.sh runs this on the freshly seeded database (its path is the argument), before the server starts.
addDevices(process.argv[2], 'Demo Energy', 'smart-inverter', RING_DEVICES);
