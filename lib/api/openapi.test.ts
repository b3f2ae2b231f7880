import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

const V1 = path.join(process.cwd(), 'app', 'api', 'v1');

/** `path → methods` of every route handler under app/api/v1, in OpenAPI's notation (`[jobId]` → `{jobId}`). */
function routeHandlers(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const route = `/${path.relative(V1, dir).split(path.sep).join('/')}`.replace(/\[(\w+)\]/g, '{$1}');
        const methods = [...fs.readFileSync(full, 'utf8').matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g)];
        out[route] = methods.map((m) => m[1].toLowerCase()).sort();
      }
    }
  };
  walk(V1);
  return out;
}

describe('the OpenAPI document', () => {
  it('describes exactly the route handlers and methods under /api/v1 (besides itself)', () => {
    const { '/openapi.json': self, ...handlers } = routeHandlers();
    expect(self).toEqual(['get']);
    const documented = Object.fromEntries(Object.entries(openApiDocument.paths).map(([p, ops]) => [p, Object.keys(ops).sort()]));
    expect(documented).toEqual(handlers);
  });

  it('resolves every $ref and names each path parameter it uses', () => {
    const text = JSON.stringify(openApiDocument);
    for (const [, name] of text.matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)) {
      expect(openApiDocument.components.schemas).toHaveProperty(name);
    }
    for (const [route, ops] of Object.entries(openApiDocument.paths)) {
      const names = [...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(ops) as { parameters?: { name: string; in: string }[] }[]) {
        expect((op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)).toEqual(names);
      }
    }
  });
});
