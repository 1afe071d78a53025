/**
 * Agency identity across reports: 淮安市洪泽区人民政府 (2024) and 洪泽区人民政府
 * (2023) are one agency. A name is read as the administrative units it starts
 * with (淮安市, 洪泽区, 青石镇) and the body that follows (人民政府, 财政局);
 * the agency's key is the shortest tail of units + body that no two agencies
 * seen with incompatible unit chains share (docs/compare.md, "Agency identity").
 * The units and bodies are data (mappings/agencies.ts); a mapping file can
 * override any name (mapping.ts). Used by `govreport compare` and `govreport export` alike.
 */
import {
  departmentEndings,
  governmentBodies,
  governmentKeyBody,
  maxRegionNameLength,
  regionFalseFriends,
  regionSuffixes,
  regionSuffixNotFollowedBy,
  townshipBodies,
  townshipSuffixes,
  zoneGovernmentBodies,
  zoneSuffixes,
} from '../../mappings/agencies.js';
import { normalizeText } from '../text/normalize.js';

/** Level of an agency, inferred from its name, overridable by a mapping file (mapping.ts). */
export type AgencyLevel = 'government' | 'department' | 'township' | 'unknown';

export interface AgencyName {
  /** The name with width, traditional characters and spaces normalised. */
  normalized: string;
  /** Administrative units it starts with, outermost first (淮安市, 洪泽区; a township last). */
  units: string[];
  /** True when the last unit is a township-level unit (镇, 乡, 街道, 苏木). */
  township: boolean;
  /** What follows the units: 人民政府, 财政局, 办事处; '' when the name is a region alone. */
  body: string;
}

export interface AgencyIdentity {
  key: string;
  level: AgencyLevel;
  /** The units of the key (洪泽区; 淮安市洪泽区 where 洪泽区 alone is ambiguous), null when the name has none. */
  region: string | null;
}

/** What a mapping file may say about one name; fields left out keep what the name implies. */
export interface AgencyOverride {
  key?: string;
  level?: AgencyLevel;
  region?: string;
}

/** Overrides by normalised name (normalizeAgencyName). */
export type AgencyOverrides = Map<string, AgencyOverride>;

export function normalizeAgencyName(name: string): string {
  return normalizeText(name);
}

function isFalseFriend(candidate: string): boolean {
  return regionFalseFriends.some((word) => candidate.endsWith(word));
}

/** 市 before 场 is 市场, not a city. */
function partOfWord(suffix: string, next: string | undefined): boolean {
  return next !== undefined && (regionSuffixNotFollowedBy[suffix] ?? '').includes(next);
}

/** The region the text starts with (淮安市 of 淮安市洪泽区…), or null. */
export function leadingRegion(text: string): string | null {
  for (let i = 1; i <= Math.min(maxRegionNameLength, text.length - 1); i++) {
    for (const suffix of regionSuffixes) {
      if (!text.startsWith(suffix, i)) continue;
      let end = i + suffix.length;
      if (partOfWord(suffix, text[end])) continue;
      // 泉州 + 市: a name that itself ends in a suffix character (州, 区) takes the suffix after it.
      const extension = regionSuffixes.find((s) => s.length === 1 && text.startsWith(s, end) && !partOfWord(s, text[end + 1]));
      if (extension) end += extension.length;
      const candidate = text.slice(0, end);
      if (isFalseFriend(candidate)) continue;
      return candidate;
    }
  }
  return null;
}

/** The township the text starts with, when the rest is a township government's body (青石镇 of 青石镇人民政府). */
export function leadingTownship(text: string): string | null {
  for (let i = 1; i <= Math.min(maxRegionNameLength, text.length - 1); i++) {
    for (const suffix of townshipSuffixes) {
      if (!text.startsWith(suffix, i)) continue;
      const candidate = text.slice(0, i + suffix.length);
      if (isFalseFriend(candidate)) continue;
      const rest = text.slice(candidate.length);
      if ((townshipBodies as readonly string[]).includes(rest)) return candidate;
    }
  }
  return null;
}

export function parseAgencyName(name: string): AgencyName {
  const normalized = normalizeAgencyName(name);
  const units: string[] = [];
  let rest = normalized;
  for (let region = leadingRegion(rest); region !== null; region = leadingRegion(rest)) {
    units.push(region);
    rest = rest.slice(region.length);
  }
  const township = leadingTownship(rest);
  if (township !== null) {
    units.push(township);
    rest = rest.slice(township.length);
  }
  return { normalized, units, township: township !== null, body: rest };
}

/** Level from the name's shape (docs/compare.md, "Levels"). */
export function agencyLevel(name: AgencyName): AgencyLevel {
  const last = name.units.at(-1);
  const body = name.body;
  if (last !== undefined) {
    if (name.township) return (townshipBodies as readonly string[]).includes(body) ? 'township' : 'department';
    if ((governmentBodies as readonly string[]).includes(body)) return 'government';
    if (zoneSuffixes.some((z) => last.endsWith(z)) && (zoneGovernmentBodies as readonly string[]).includes(body)) return 'government';
  }
  if (body !== '' && departmentEndings.some((ending) => body.endsWith(ending))) return 'department';
  return 'unknown';
}

/**
 * The body a name is keyed by: a government's names (the region alone,
 * 人民政府, 政府, a zone's 管理委员会 or 管委会) share one spelling
 * (governmentKeyBody), any other body is its own. A township keeps its body.
 */
export function identityBody(name: AgencyName): string {
  const last = name.units.at(-1);
  if (last === undefined || name.township || agencyLevel(name) !== 'government') return name.body;
  return zoneSuffixes.some((z) => last.endsWith(z)) ? governmentKeyBody.zone : governmentKeyBody.region;
}

/** True when one chain of units is the tail of the other ([洪泽区] and [淮安市, 洪泽区]). */
function compatible(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.every((unit, i) => long[long.length - short.length + i] === unit);
}

function endsWith(chain: string[], tail: string[]): boolean {
  return chain.length >= tail.length && compatible(chain, tail);
}

/**
 * The identity of every name given: names with the same body whose unit
 * chains are tails of one another share the key of their shortest
 * unambiguous tail. Where two different chains end alike (淮安市洪泽区 and
 * 某市洪泽区), the longer tail is used, and a name too short to tell them
 * apart (洪泽区人民政府) stays an agency of its own.
 */
export function agencyIdentities(names: Iterable<string>, overrides: AgencyOverrides = new Map()): Map<string, AgencyIdentity> {
  const parsed = new Map<string, AgencyName>();
  for (const name of names) if (!parsed.has(name)) parsed.set(name, parseAgencyName(name));
  const byBody = new Map<string, AgencyName[]>();
  for (const p of parsed.values()) {
    const body = identityBody(p);
    const list = byBody.get(body) ?? [];
    if (!list.some((q) => q.normalized === p.normalized)) list.push(p);
    byBody.set(body, list);
  }
  const out = new Map<string, AgencyIdentity>();
  for (const [name, p] of parsed) {
    const override = overrides.get(p.normalized) ?? {};
    const body = identityBody(p);
    const units = keyUnits(p, byBody.get(body)!);
    out.set(name, {
      key: override.key ?? units.join('') + body,
      level: override.level ?? agencyLevel(p),
      region: override.region ?? (units.length > 0 ? units.join('') : null),
    });
  }
  return out;
}

/** The shortest tail of the name's units that the names of the same body share without conflict. */
function keyUnits(name: AgencyName, sameBody: AgencyName[]): string[] {
  for (let k = 1; k <= name.units.length; k++) {
    const tail = name.units.slice(-k);
    const sharing = sameBody.filter((other) => endsWith(other.units, tail)).map((other) => other.units);
    const longest = sharing.reduce((a, b) => (b.length > a.length ? b : a), tail);
    if (sharing.every((chain) => compatible(chain, longest))) return tail;
  }
  return name.units;
}
