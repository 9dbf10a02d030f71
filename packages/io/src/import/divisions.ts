/**
 * Region paths from registered addresses (注册地址), through the NBS division list
 * (datasets/cn-admin-divisions/divisions.csv): "浙江省绍兴市柯桥区华舍街道…" → 浙江/绍兴/柯桥
 * (330603); an address that starts at the county ("柯桥区华舍街道…") is resolved through the
 * county when its name is unique.
 */
import Papa from 'papaparse';

interface Division {
  code: string;
  name: string;
  short: string;
  level: 'province' | 'prefecture' | 'county';
  province: string;
  city: string;
  path: string;
}

export interface ResolvedRegion {
  path: string;
  code: string;
}

export type AddressResolver = (address: string) => ResolvedRegion | undefined;

/** A resolver over the text of divisions.csv. */
export function addressResolver(divisionsCsv: string): AddressResolver {
  const rows = Papa.parse<Record<string, string>>(divisionsCsv.trim(), { header: true }).data;
  const all: Division[] = rows.map((r) => ({
    code: r.code!,
    name: r.name!,
    short: r.short_name!,
    level: r.level as Division['level'],
    province: r.province_code!,
    city: r.city_code!,
    path: r.path!,
  }));
  const provinces = all.filter((d) => d.level === 'province');
  const prefectures = all.filter((d) => d.level === 'prefecture' && !/^(市辖区|县)$/.test(d.name));
  const counties = all.filter((d) => d.level === 'county');
  const countyByName = new Map<string, Division[]>();
  for (const c of counties) countyByName.set(c.name, [...(countyByName.get(c.name) ?? []), c]);
  /** The longest name of `list` that `text` starts with (full names, then short ones of 2+). */
  const prefix = (text: string, list: Division[], short: boolean) => {
    let best: Division | undefined;
    let len = 0;
    for (const d of list) {
      for (const n of short && d.short.length >= 2 ? [d.name, d.short] : [d.name]) {
        if (n.length > len && text.startsWith(n)) {
          best = d;
          len = n.length;
        }
      }
    }
    return best ? { d: best, rest: text.slice(len) } : undefined;
  };
  return (address) => {
    let text = address.replace(/\s/g, '');
    if (text === '' || text === '-') return undefined;
    const p = prefix(text, provinces, true);
    if (p) text = p.rest;
    const inProvince = (d: Division) => !p || d.province === p.d.code;
    const c = prefix(text, prefectures.filter(inProvince), !!p);
    if (c) text = c.rest;
    // Municipalities (北京市朝阳区) and counties directly under a province: the county next.
    const k = prefix(
      text,
      counties.filter((d) => inProvince(d) && (!c || d.city === c.d.code)),
      false,
    );
    if (k) return { path: k.d.path, code: k.d.code };
    if (c) return { path: c.d.path, code: c.d.code };
    if (p) return { path: p.d.path, code: p.d.code };
    // An address that starts at the county: resolved when the county name is unique.
    for (let n = 2; n <= 8; n++) {
      const found = countyByName.get(text.slice(0, n));
      if (found?.length === 1) return { path: found[0]!.path, code: found[0]!.code };
    }
    return undefined;
  };
}
