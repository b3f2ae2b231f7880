import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Benchmark results and the docs/benchmarks.md they become. Each bench (the engine, the MQTT end-to-end run…)
 * returns one section; scripts/bench.ts prints every section and rewrites the file from all of them.
 */

export type BenchResult = {
  name: string;
  value: number;
  unit: string;
  /** The goal, e.g. "< 1 s"; omitted for numbers that only inform. */
  target?: string;
  met?: boolean;
  /** When a target is missed: by how much and why. */
  note?: string;
};

export type BenchSection = { title: string; description: string; results: BenchResult[]; notes?: string[] };

function machineSummary(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

const format = (r: BenchResult) =>
  `${r.value.toLocaleString('en-US', { maximumFractionDigits: r.value < 10 ? 2 : 0 })} ${r.unit}`;

export function printSection(section: BenchSection): void {
  console.log(`\n${section.title}`);
  for (const r of section.results) {
    const verdict = r.target ? `  (target ${r.target}: ${r.met ? 'met' : 'MISSED'})` : '';
    console.log(`  ${r.name.padEnd(76)} ${format(r).padStart(16)}${verdict}`);
  }
}

function renderReport(sections: BenchSection[], at: Date): string {
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (scripts/bench.ts); rerun it to refresh this file.',
    '',
    `- Date: ${at.toISOString()}`,
    `- Machine: ${machineSummary()}`,
  ];
  for (const s of sections) {
    lines.push('', `## ${s.title}`, '', s.description, '', '| measurement | result | target | met |', '|---|---|---|---|');
    for (const r of s.results) lines.push(`| ${r.name} | ${format(r)} | ${r.target ?? '—'} | ${r.target ? (r.met ? 'yes' : '**no**') : '—'} |`);
    const notes = [...s.results.filter((r) => r.note).map((r) => `${r.name}: ${r.note}`), ...(s.notes ?? [])];
    if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Rewrites docs/benchmarks.md from every section's results. */
export function writeReport(sections: BenchSection[], file = path.join(process.cwd(), 'docs', 'benchmarks.md')): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, renderReport(sections, new Date()));
  return file;
}
