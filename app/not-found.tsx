import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="flex min-h-full flex-col items-center justify-center gap-3 p-10 text-center">
      <p className="text-5xl font-bold text-slate-300">404</p>
      <h1 className="text-lg font-semibold text-slate-900">Page not found</h1>
      <p className="text-sm text-slate-500">It does not exist, or it belongs to another organization.</p>
      <Link href="/" className="text-sm text-brand-700 hover:underline">
        Back to the console
      </Link>
    </div>
  );
}
