'use client';

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export const NOT_REPORTED_LABEL = 'Not reported';

/** Devices of the firmware's product per current version; the firmware's own version is highlighted. */
export function VersionDistributionChart({
  data,
  highlightVersion,
}: {
  data: { version: string; devices: number }[];
  highlightVersion: string;
}) {
  return (
    <div className="h-64 w-full" role="img" aria-label={`Devices per current firmware version: ${data.map((d) => `${d.version} ${d.devices}`).join(', ')}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="version" tick={{ fontSize: 12, fill: '#475569' }} tickLine={false} axisLine={{ stroke: '#cbd5e1' }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#475569' }} tickLine={false} axisLine={false} width={40} />
          <Tooltip cursor={{ fill: '#f1f5f9' }} formatter={(value) => [value, 'Devices']} />
          <Bar dataKey="devices" radius={[4, 4, 0, 0]} maxBarSize={56} isAnimationActive={false}>
            {data.map((d) => (
              <Cell
                key={d.version}
                fill={d.version === highlightVersion ? '#1f66db' : d.version === NOT_REPORTED_LABEL ? '#cbd5e1' : '#94a3b8'}
              />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
