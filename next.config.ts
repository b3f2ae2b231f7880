import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native or broker code that must run from node_modules, not be bundled.
  serverExternalPackages: ['better-sqlite3', 'aedes', 'mqtt', 'busboy'],
  poweredByHeader: false,
  // Device imports send up to 10,000 rows of CSV through a server action.
  experimental: { serverActions: { bodySizeLimit: '5mb' } },
};

export default nextConfig;
