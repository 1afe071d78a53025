/**
 * The `--agencies <file>` mapping: what a user knows better than the name
 * rule (two names of one agency, a level the name does not show). Shapes
 * (docs/compare.md, "Mapping file"):
 *
 *   CSV:  name,key,level,region          (header row; empty fields keep the inferred value)
 *   JSON: { "<name>": { "key": …, "level": …, "region": … } }   or   [ { "name": …, "key": …, … } ]
 *
 * A malformed mapping is the user's own file: it is refused with the line or
 * entry at fault, not skipped.
 */
import { readFile } from 'node:fs/promises';
import { type AgencyLevel, normalizeAgencyName, type AgencyOverride, type AgencyOverrides } from './identity.js';

const levels: readonly AgencyLevel[] = ['government', 'department', 'township', 'unknown'];
const fields = ['key', 'level', 'region'] as const;

function override(entry: Record<string, unknown>, where: string): AgencyOverride {
  const out: AgencyOverride = {};
  for (const field of fields) {
    const value = entry[field];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') throw new Error(`${where}: "${field}" must be a string`);
    if (field === 'level') {
      if (!levels.includes(value as AgencyLevel)) throw new Error(`${where}: level "${value}" is none of ${levels.join(', ')}`);
      out.level = value as AgencyLevel;
    } else {
      out[field] = value.trim();
    }
  }
  return out;
}

/** One CSV line split into fields; double quotes around a field may hold commas and "" for a quote. */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(field), (field = '');
    else field += c;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

export function parseAgencyMappingCsv(text: string, path: string): AgencyOverrides {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = csvFields(lines[0] ?? '');
  const nameColumn = header.indexOf('name');
  if (nameColumn < 0) throw new Error(`${path}: the first line must be a header with a "name" column (name,key,level,region)`);
  const unknown = header.filter((h) => h !== 'name' && !(fields as readonly string[]).includes(h));
  if (unknown.length > 0) throw new Error(`${path}: unknown column(s) ${unknown.join(', ')}; columns are name,key,level,region`);
  const out: AgencyOverrides = new Map();
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const values = csvFields(line);
    const name = values[nameColumn] ?? '';
    if (name === '') throw new Error(`${path}:${i + 2}: no name`);
    out.set(normalizeAgencyName(name), override(Object.fromEntries(header.map((h, j) => [h, values[j]])), `${path}:${i + 2}`));
  });
  return out;
}

export function parseAgencyMappingJson(text: string, path: string): AgencyOverrides {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const out: AgencyOverrides = new Map();
  const entries: Array<[string, unknown]> = Array.isArray(json)
    ? json.map((e, i) => [typeof e?.name === 'string' ? e.name : '', { ...e, at: `[${i}]` }])
    : json && typeof json === 'object'
      ? Object.entries(json)
      : [];
  if (entries.length === 0 && !(Array.isArray(json) || (json && typeof json === 'object'))) {
    throw new Error(`${path}: expected an object of names or an array of { name, key, level, region }`);
  }
  for (const [name, entry] of entries) {
    const where = `${path}: ${name || (entry as { at?: string }).at}`;
    if (name === '') throw new Error(`${where}: no name`);
    if (!entry || typeof entry !== 'object') throw new Error(`${where}: expected an object { key, level, region }`);
    out.set(normalizeAgencyName(name), override(entry as Record<string, unknown>, where));
  }
  return out;
}

/** The overrides of a mapping file; .json is read as JSON, anything else as CSV. */
export async function readAgencyMapping(path: string): Promise<AgencyOverrides> {
  const text = await readFile(path, 'utf8');
  return path.toLowerCase().endsWith('.json') ? parseAgencyMappingJson(text, path) : parseAgencyMappingCsv(text, path);
}
