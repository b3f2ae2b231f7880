import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native or broker code that must run from node_modules, not be bundled.
  serverExternalPackages: ['better-sqlite3', 'aedes', 'mqtt', 'busboy'],
  poweredByHeader: false,
};

export default nextConfig;
