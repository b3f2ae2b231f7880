import { cn } from '@/lib/ui/cn';

/** Numbered steps of a wizard; steps before `current` show as done. */
export function Stepper({ steps, current }: { steps: readonly string[]; current: number }) {
  return (
    <ol className="flex items-center gap-3" aria-label="Progress">
      {steps.map((label, i) => {
        const state = i < current ? 'done' : i === current ? 'current' : 'todo';
        return (
          <li key={label} className="flex flex-1 items-center gap-3" aria-current={state === 'current' ? 'step' : undefined}>
            <span
              className={cn(
                'flex size-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold',
                state === 'done' && 'bg-brand-100 text-brand-700',
                state === 'current' && 'bg-brand-600 text-white',
                state === 'todo' && 'bg-slate-200 text-slate-500',
              )}
            >
              {state === 'done' ? '✓' : i + 1}
            </span>
            <span className={cn('text-sm whitespace-nowrap', state === 'current' ? 'font-semibold text-slate-900' : 'text-slate-500')}>
              {label}
            </span>
            {i < steps.length - 1 && <span className="h-px flex-1 bg-slate-200" />}
          </li>
        );
      })}
    </ol>
  );
}
