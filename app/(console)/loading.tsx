/** Shown at once while a console page renders on the server: the page's outline, so nothing jumps when it arrives. */
export default function ConsoleLoading() {
  return (
    <div role="status" aria-label="Loading" className="animate-pulse">
      <div className="mb-5 flex items-end justify-between gap-3">
        <div className="flex flex-col gap-2">
          <div className="h-6 w-56 rounded bg-slate-200" />
          <div className="h-4 w-96 max-w-full rounded bg-slate-200/70" />
        </div>
        <div className="h-9 w-28 rounded-md bg-slate-200" />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white shadow-xs">
        <div className="flex gap-3 border-b border-slate-200 px-4 py-3">
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-9 w-40 rounded-md bg-slate-100" />
          ))}
        </div>
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <div key={i} className="flex items-center gap-6 border-b border-slate-100 px-4 py-4 last:border-0">
            <div className="h-4 w-16 rounded bg-slate-100" />
            <div className="h-4 w-48 rounded bg-slate-100" />
            <div className="h-4 w-24 rounded bg-slate-100" />
            <div className="h-4 flex-1 rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}
