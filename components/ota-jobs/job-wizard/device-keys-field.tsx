'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useState, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/button';
import { controlClass, Field, FieldErrors } from '@/components/ui/field';
import { Input, Textarea } from '@/components/ui/input';
import { cn } from '@/lib/ui/cn';
import { splitKeys } from './form-values';
import { unwrap, useLookups, type DeviceOption } from './lookups';
import { useDebounced } from './use-debounced';

const CHIPS_SHOWN = 100;

/**
 * "Target Devices": device keys picked by searching (of the firmware's product) or pasted as a list. `max` caps the
 * choice (verification jobs); keys the server does not know are shown by the scope preview and the submit.
 */
export function DeviceKeysField({
  firmwareId,
  value,
  onChange,
  errors,
  max,
  unknownKeys,
}: {
  firmwareId: number;
  value: string[];
  onChange: (keys: string[]) => void;
  errors?: string[];
  max?: number;
  /** Chosen keys the server found no device for (from the scope preview). */
  unknownKeys: string[];
}) {
  const unknown = unknownKeys.filter((k) => value.includes(k));
  const [notice, setNotice] = useState<string | null>(null);
  const [paste, setPaste] = useState('');
  const full = max !== undefined && value.length >= max;

  function add(keys: string[]) {
    const fresh = [...new Set(keys)].filter((k) => !value.includes(k));
    const room = max === undefined ? fresh.length : Math.max(0, max - value.length);
    const left = fresh.slice(room);
    onChange([...value, ...fresh.slice(0, room)]);
    setNotice(left.length ? `At most ${max} devices can be chosen; not added: ${left.join(', ')}` : null);
    return left;
  }

  function addPasted() {
    const left = add(splitKeys(paste));
    setPaste(left.join('\n'));
  }

  return (
    <div className="flex flex-col gap-4">
      <DeviceSearch firmwareId={firmwareId} chosen={value} disabled={full} invalid={!!errors?.length} onPick={(key) => add([key])} />
      <Field id="job-paste-keys" label="Paste Device Keys">
        <Textarea
          id="job-paste-keys"
          value={paste}
          onChange={(e) => setPaste(e.target.value)}
          rows={3}
          placeholder="One device key per line, or separated by commas"
          className="font-mono placeholder:font-sans"
          spellCheck={false}
        />
        <div>
          <Button variant="secondary" size="sm" onClick={addPasted} disabled={!splitKeys(paste).length}>
            Add Keys
          </Button>
        </div>
      </Field>
      <div className="flex flex-col gap-2">
        <div className="flex items-center justify-between gap-3">
          <p className="text-sm font-medium text-slate-700" id="job-selected-devices-label">
            Selected Devices ({value.length}
            {max !== undefined && ` of at most ${max}`})
          </p>
          {value.length > 0 && (
            <Button variant="link" size="sm" onClick={() => onChange([])}>
              Clear All
            </Button>
          )}
        </div>
        {value.length === 0 ? (
          <p className="text-sm text-slate-500">No devices chosen yet.</p>
        ) : (
          <ul aria-labelledby="job-selected-devices-label" className="flex flex-wrap gap-1.5">
            {value.slice(0, CHIPS_SHOWN).map((key) => (
              <li
                key={key}
                title={unknown.includes(key) ? 'No device has this key' : undefined}
                className={cn(
                  'inline-flex items-center gap-1 rounded-full py-0.5 pr-1 pl-2.5 font-mono text-xs',
                  unknown.includes(key) ? 'bg-red-50 text-red-700 ring-1 ring-red-200' : 'bg-slate-100 text-slate-700',
                )}
              >
                {key}
                <button
                  type="button"
                  aria-label={`Remove ${key}`}
                  onClick={() => onChange(value.filter((k) => k !== key))}
                  className="rounded-full px-1 text-slate-500 hover:bg-slate-200 hover:text-slate-800"
                >
                  ✕
                </button>
              </li>
            ))}
            {value.length > CHIPS_SHOWN && <li className="text-xs text-slate-500">and {value.length - CHIPS_SHOWN} more</li>}
          </ul>
        )}
        {notice && <p className="text-xs text-amber-700">{notice}</p>}
        {unknown.length > 0 && !errors?.length && (
          <p className="flex flex-wrap items-center gap-2 text-xs text-red-600" data-testid="job-unknown-keys">
            Unknown device keys: {unknown.join(', ')}
            <Button variant="link" size="sm" onClick={() => onChange(value.filter((k) => !unknown.includes(k)))}>
              Remove Unknown Keys
            </Button>
          </p>
        )}
        <FieldErrors id="job-device-search" errors={errors} />
      </div>
    </div>
  );
}

/** Search as you type: a combobox listing matching device keys; Enter or a click adds the highlighted one. */
function DeviceSearch({
  firmwareId,
  chosen,
  disabled,
  invalid,
  onPick,
}: {
  firmwareId: number;
  chosen: string[];
  disabled: boolean;
  invalid: boolean;
  onPick: (key: string) => void;
}) {
  const lookups = useLookups();
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const prefix = useDebounced(text.trim(), 200);
  const results = useQuery({
    queryKey: ['job-form', 'device-search', firmwareId, prefix],
    queryFn: () => unwrap(lookups.searchDevices({ firmwareId, prefix })),
    enabled: open && prefix !== '',
  });
  const options: DeviceOption[] = results.data ?? [];
  const showList = open && prefix !== '';

  function pick(option: DeviceOption | undefined) {
    if (!option || chosen.includes(option.deviceKey)) return;
    onPick(option.deviceKey);
    setText('');
    setActive(0);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (options.length ? (i + step + options.length) % options.length : 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(options[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  }

  return (
    <div className="relative flex flex-col gap-1">
      <label htmlFor="job-device-search" className="text-sm font-medium text-slate-700">
        Search Device Key
      </label>
      <Input
        id="job-device-search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && options[active] ? `${listId}-${active}` : undefined}
        value={text}
        disabled={disabled}
        invalid={invalid}
        placeholder={disabled ? 'Remove a device to choose another' : 'Type the start of a device key'}
        autoComplete="off"
        spellCheck={false}
        className="font-mono placeholder:font-sans"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Matching devices"
          className={cn(controlClass(false, 'absolute top-full z-20 mt-1 h-auto max-h-64 overflow-y-auto p-1 shadow-lg'))}
        >
          {results.isPending && <li className="px-2 py-1.5 text-slate-500">Searching…</li>}
          {results.isError && <li className="px-2 py-1.5 text-red-600">{results.error.message}</li>}
          {results.isSuccess && options.length === 0 && <li className="px-2 py-1.5 text-slate-500">No device key starts with “{prefix}”.</li>}
          {options.map((o, i) => {
            const taken = chosen.includes(o.deviceKey);
            return (
              <li
                key={o.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                aria-disabled={taken || undefined}
                // Keeps the focus in the input, so the list stays open for the next pick.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(o)}
                onMouseEnter={() => setActive(i)}
                className={cn(
                  'flex cursor-pointer items-center justify-between gap-3 rounded px-2 py-1.5',
                  i === active && 'bg-brand-50',
                  taken && 'cursor-default text-slate-400',
                )}
              >
                <span className="font-mono">{o.deviceKey}</span>
                <span className="truncate text-xs text-slate-500">
                  {o.name} · {o.firmwareVersion ? `v${o.firmwareVersion}` : 'no version reported'}
                  {taken && ' · added'}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
