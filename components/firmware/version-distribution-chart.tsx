'use client';

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { NOT_REPORTED_LABEL, type VersionBar } from '@/lib/firmware/version-bars';


/** Devices of the firmware's product per current version; the firmware's own version is highlighted. */
export function VersionDistributionChart({
  data,
  highlightVersion,
}: {
  data: VersionBar[];
  highlightVersion: string;
}) {
  return (
    <div className="h-64 w-full" role="img" aria-label={`Devices per current firmware version: ${data.map((d) => `${d.version} ${d.devices}`).join(', ')}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 20, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="version"
            tickLine={false}
            axisLine={{ stroke: '#cbd5e1' }}
            tick={({ x, y, payload }) => {
              const own = payload.value === highlightVersion;
              return (
                <text x={x} y={Number(y) + 14} textAnchor="middle" fontSize={12} fill={own ? '#1b53b0' : '#475569'} fontWeight={own ? 600 : 400}>
                  {own ? `${payload.value} (this firmware)` : payload.value}
                </text>
              );
            }}
          />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#475569' }} tickLine={false} axisLine={false} width={40} />
          <Tooltip cursor={{ fill: '#f1f5f9' }} formatter={(value) => [value, 'Devices']} />
          <Bar dataKey="devices" radius={[4, 4, 0, 0]} maxBarSize={56} isAnimationActive={false}>
            <LabelList dataKey="devices" position="top" fontSize={12} fill="#334155" />
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
