// Runs once per Node server process (never during `next build`): validate configuration, migrate the database,
// and start the background runtime before the first request is served.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServerRuntime } = await import('./lib/server-runtime');
  await startServerRuntime();
}
