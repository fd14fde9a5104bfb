import type { z } from 'astro/zod';
import { findEditionCycle } from '../editions/editionOrder.ts';
import { nameKey } from '../config/names.ts';
import { parseYamlSource, problemAt, zodProblems, type ConfigProblem, type YamlSource } from './configError.ts';
import { ContingentsFile, Edition, RatersFile, ScalesFile, SiteConfig, type Contingent, type Rater, type Rule, type Scale } from '../config/schema.ts';

/** The raw text of every config file, keyed by its path relative to the project. */
/** Edition ids that would collide with the site's own top-level paths. */
export const RESERVED_EDITION_IDS = ['articles', 'contingents', 'raters', 'sources', 'page', 'search', 'rate'] as const;

export interface ConfigTexts {
  site: { file: string; text: string };
  contingents: { file: string; text: string };
  raters: { file: string; text: string };
  scales: { file: string; text: string };
  editions: { id: string; file: string; text: string }[];
}

export interface Config {
  site: SiteConfig;
  contingents: Contingent[];
  raters: Rater[];
  scales: Scale[];
  editions: Edition[];
}

/**
 * Parses and validates every config file, then checks that they agree with each other.
 * Pure: the caller reads the files. Returns every problem found, not just the first.
 */
export function validateConfig(texts: ConfigTexts): { config?: Config; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const parse = <S extends z.ZodType>(file: string, text: string, schema: S): { source?: YamlSource; value?: z.output<S> } => {
    const { source, problems: yamlProblems } = parseYamlSource(file, text);
    problems.push(...yamlProblems);
    if (!source) return {};
    const result = schema.safeParse(source.data ?? (schema === (SiteConfig as z.ZodType) ? {} : []));
    if (!result.success) {
      problems.push(...zodProblems(source, result.error.issues, [], schema));
      return { source };
    }
    return { source, value: result.data };
  };

  const site = parse(texts.site.file, texts.site.text, SiteConfig);
  const contingents = parse(texts.contingents.file, texts.contingents.text, ContingentsFile);
  const raters = parse(texts.raters.file, texts.raters.text, RatersFile);
  const scales = parse(texts.scales.file, texts.scales.text, ScalesFile);
  const editions = texts.editions.map((e) => ({ id: e.id, ...parse(e.file, e.text, Edition) }));

  for (const e of texts.editions) {
    if ((RESERVED_EDITION_IDS as readonly string[]).includes(e.id))
      problems.push({ file: e.file, message: `the edition id "${e.id}" is a path the site itself uses (${RESERVED_EDITION_IDS.join(', ')}). Rename the file, such as "${e.id}-edition.yaml".` });
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(e.id))
      problems.push({ file: e.file, message: `edition file name "${e.id}" is not a valid id. Rename it to lower-case letters, digits and dashes, such as "weekly-digest.yaml".` });
  }
  for (const list of [contingents, raters, scales]) {
    if (list.source && list.value) problems.push(...duplicateIds(list.source, list.value));
  }

  // Cross-file checks run with whatever parsed, so one broken file never hides another's problems.
  const contingentIds = contingents.value && new Set(contingents.value.map((c) => c.id));
  const raterIds = raters.value && new Set(raters.value.map((r) => r.id));
  const scaleById = scales.value && new Map(scales.value.map((s) => [s.id, s]));
  const editionIds = new Set(editions.map((e) => e.id));
  const known: Known = { contingentIds, raterIds, scaleById };

  if (raterIds) {
    contingents.value?.forEach((c, i) => {
      if (c.rater && !raterIds.has(c.rater))
        problems.push(problemAt(contingents.source!, [i, 'rater'], `unknown rater "${c.rater}". Add it to raters.yaml or remove this field. Known raters: ${list(raterIds)}`));
    });
  }
  if (contingents.value && raters.value) problems.push(...speakerProblems(contingents.source!, contingents.value, raters.source!, raters.value));
  if (site.value?.defaultEdition && !editionIds.has(site.value.defaultEdition))
    problems.push(problemAt(site.source!, ['defaultEdition'], `unknown edition "${site.value.defaultEdition}". Known editions: ${list(editionIds)}`));

  for (const e of editions) {
    if (!e.value) continue;
    const src = e.source!;
    const ed = e.value;
    if (ed.from !== 'all' && !editionIds.has(ed.from))
      problems.push(problemAt(src, ['from'], `unknown edition "${ed.from}". Use "all" or one of: ${list(editionIds)}`));
    for (const key of ['include', 'exclude'] as const) {
      (ed.contingents?.[key] ?? []).forEach((id, i) => {
        if (contingentIds && !contingentIds.has(id)) problems.push(problemAt(src, ['contingents', key, i], `unknown contingent "${id}". Known contingents: ${list(contingentIds)}`));
      });
    }
    const raters = ed.raters ?? {};
    // Seeds are raters.yaml's: a discovered rater speaks only for itself and is never a seed.
    const [weights, at] = 'trust' in raters && typeof raters.trust === 'object' ? [raters.trust.seeds, ['raters', 'trust', 'seeds']] : [raters, ['raters']];
    for (const id of Object.keys(weights)) {
      if (raterIds && !raterIds.has(id)) problems.push(problemAt(src, [...at, id], `unknown rater "${id}". Known raters: ${list(raterIds)}`));
    }
    for (const key of ['include', 'exclude'] as const) {
      (ed[key] ?? []).forEach((rule, i) => problems.push(...checkRule(src, [key, i], rule, known)));
    }
    (ed.rank?.sum ?? []).forEach((term, i) => {
      if (scaleById && !scaleById.has(term.scale)) problems.push(problemAt(src, ['rank', 'sum', i, 'scale'], unknownScale(term.scale, scaleById)));
    });
  }
  const parsedEditions = editions.filter((e) => e.value);
  const cycle = findEditionCycle(parsedEditions.map((e) => ({ id: e.id, from: e.value!.from })));
  if (cycle) {
    const first = parsedEditions.find((e) => e.id === cycle[0])!;
    problems.push(problemAt(first.source!, ['from'], `editions form a cycle through "from:": ${cycle.join(' → ')}. Point one of them at "all" or at an edition outside the cycle.`));
  }
  if (!site.value || !contingents.value || !raters.value || !scales.value || editions.some((e) => !e.value)) return { problems };
  if (problems.length > 0) return { problems };
  return {
    config: {
      site: site.value,
      contingents: contingents.value,
      raters: raters.value,
      scales: scales.value,
      editions: editions.map((e) => ({ ...e.value!, id: e.id })),
    },
    problems,
  };
}

/** What the other files define; undefined when that file did not parse (its checks are then skipped). */
interface Known {
  contingentIds?: Set<string>;
  raterIds?: Set<string>;
  scaleById?: Map<string, Scale>;
}

function checkRule(src: YamlSource, path: PropertyKey[], rule: Rule, known: Known): ConfigProblem[] {
  if ('all' in rule) return rule.all.flatMap((r, i) => checkRule(src, [...path, 'all', i], r, known));
  if ('any' in rule) return rule.any.flatMap((r, i) => checkRule(src, [...path, 'any', i], r, known));
  if ('not' in rule) return checkRule(src, [...path, 'not'], rule.not, known);
  if ('contingent' in rule && known.contingentIds && !known.contingentIds.has(rule.contingent))
    return [problemAt(src, [...path, 'contingent'], `unknown contingent "${rule.contingent}". Known contingents: ${list(known.contingentIds)}`)];
  if ('quorum' in rule && known.scaleById && !known.scaleById.has(rule.quorum.scale))
    return [problemAt(src, [...path, 'quorum', 'scale'], unknownScale(rule.quorum.scale, known.scaleById))];
  if ('scale' in rule && known.scaleById) {
    const scale = known.scaleById.get(rule.scale);
    if (!scale) return [problemAt(src, [...path, 'scale'], unknownScale(rule.scale, known.scaleById))];
    return (['gte', 'lte'] as const)
      .filter((k) => rule[k] !== undefined && (rule[k]! < scale.min || rule[k]! > scale.max))
      .map((k) => problemAt(src, [...path, k], `expected a number from ${scale.min} to ${scale.max} (scale ${scale.id}), got ${rule[k]}`));
  }
  return [];
}

function duplicateIds(source: YamlSource, items: { id: string }[]): ConfigProblem[] {
  const seen = new Map<string, number>();
  return items.flatMap((item, i) => {
    const first = seen.get(item.id);
    if (first === undefined) {
      seen.set(item.id, i);
      return [];
    }
    return [problemAt(source, [i, 'id'], `duplicate id "${item.id}" (also at entry ${first + 1}). Ids must be unique: rename one of them.`)];
  });
}

/**
 * Who speaks for whom must be unambiguous: a rater speaks for at most one contingent, and no two
 * contingents or raters share a name on the pages, nor does a rater bear the name of a contingent it
 * does not speak for.
 */
function speakerProblems(contingentSource: YamlSource, contingents: Contingent[], raterSource: YamlSource, raters: Rater[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const deskOf = new Map<string, string>();
  contingents.forEach((c, i) => {
    if (!c.rater) return;
    const other = deskOf.get(c.rater);
    if (other === undefined) deskOf.set(c.rater, c.id);
    else
      problems.push(problemAt(contingentSource, [i, 'rater'], `rater "${c.rater}" already speaks for contingent ${other}; a rater speaks for at most one contingent. Give ${c.id} a rater of its own in raters.yaml.`));
  });
  const key = nameKey;
  const contingentNamed = new Map<string, Contingent>();
  contingents.forEach((c, i) => {
    const first = contingentNamed.get(key(c.name));
    if (first) problems.push(problemAt(contingentSource, [i, 'name'], `contingent ${first.id} is already named "${first.name}"; readers could not tell them apart. Give each contingent its own name.`));
    else contingentNamed.set(key(c.name), c);
  });
  const raterNamed = new Map<string, Rater>();
  raters.forEach((r, i) => {
    const first = raterNamed.get(key(r.name));
    const contingent = contingentNamed.get(key(r.name));
    if (first) problems.push(problemAt(raterSource, [i, 'name'], `rater ${first.id} is already named "${first.name}"; readers could not tell them apart. Give each rater its own name.`));
    else if (contingent && contingent.rater !== r.id)
      problems.push(problemAt(raterSource, [i, 'name'], `"${r.name}" is the name of contingent ${contingent.id}, and this rater is not its rater; its ratings would read as the contingent's. Rename the rater, or make it ${contingent.id}'s rater in contingents.yaml.`));
    raterNamed.set(key(r.name), first ?? r);
  });
  return problems;
}

function unknownScale(id: string, scales: Map<string, Scale>): string {
  return `unknown scale "${id}". Add it to scales.yaml or use one of: ${list(new Set(scales.keys()))}`;
}

function list(ids: Set<string>): string {
  return ids.size ? [...ids].sort().join(', ') : '(none)';
}
