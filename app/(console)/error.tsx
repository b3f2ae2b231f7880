'use client';

import { Button, ButtonLink } from '@/components/ui/button';

/** A page that failed to render: say so inside the console, with a way to try again, instead of a blank screen. */
export default function ConsoleError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-lg border border-red-200 bg-white p-8 text-center shadow-xs">
      <h1 className="text-lg font-semibold text-slate-900">This page could not be shown</h1>
      <p className="mt-2 text-sm text-slate-600">
        Something went wrong on our side. Try again; if it keeps happening, tell your administrator
        {error.digest ? (
          <>
            {' '}
            and quote the reference <span className="font-mono text-slate-800">{error.digest}</span>
          </>
        ) : null}
        .
      </p>
      <div className="mt-5 flex justify-center gap-2">
        <Button onClick={retry}>Try again</Button>
        <ButtonLink href="/" variant="secondary">
          Back to the console
        </ButtonLink>
      </div>
    </div>
  );
}
