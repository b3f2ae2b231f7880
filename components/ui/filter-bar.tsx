import type { ReactNode } from 'react';
import { buttonClass } from './button';
import { Select, type SelectOption } from './select';

/** A GET form of list filters: submitting puts them in the URL, so the server renders the filtered page. */
export function FilterBar({ children, resetHref }: { children: ReactNode; resetHref: string }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3" role="search">
      {children}
      <div className="ml-auto flex gap-2">
        <button type="submit" className={buttonClass('primary', 'md')}>
          Search
        </button>
        <a href={resetHref} className={buttonClass('secondary', 'md')}>
          Reset
        </a>
      </div>
    </form>
  );
}

/** One filter; the fields share the bar's width, so on a laptop screen they and the buttons fit one row. */
export function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex max-w-64 min-w-32 flex-1 basis-0 flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A select filter: `name` is its search param, `value` the one in the URL, `placeholder` the "no filter" choice. */
export function FilterSelect({
  name,
  label,
  value,
  placeholder,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  placeholder: string;
  options: readonly SelectOption[];
}) {
  return (
    <FilterField id={name} label={label}>
      <Select id={name} name={name} defaultValue={value ?? ''} placeholder={placeholder} options={options} />
    </FilterField>
  );
}

/** The "Product" filter every list of the console has. */
export function ProductFilter({ products, value }: { products: readonly { id: number; name: string }[]; value: string | undefined }) {
  return (
    <FilterSelect
      name="productId"
      label="Product"
      value={value}
      placeholder="All products"
      options={products.map((p) => ({ value: String(p.id), label: p.name }))}
    />
  );
}
