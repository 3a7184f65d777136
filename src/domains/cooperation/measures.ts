/**
 * What an instrument allows between its parties: the kinds of request (expedited preservation,
 * subscriber information, stored content …), each one concept of the taxonomy, and the instrument's
 * international-cooperation articles linked to it. Nothing here is per instrument: a new instrument's
 * articles, linked to these concepts in the reference data, say what it allows.
 */
import { sql } from 'drizzle-orm';
import type { Orm } from '../../core/db/connect.js';
import { rows } from '../../core/db/query.js';

/** Kinds of request and the concept each is. */
export const MEASURES = {
  preservation: 'expedited-preservation',
  traffic_data: 'partial-disclosure-traffic-data',
  subscriber: 'subscriber-information',
  stored_content: 'search-and-seizure',
  emergency: 'emergency-mutual-assistance',
  real_time: 'real-time-traffic-data',
  interception: 'interception-of-content',
  domain_registration: 'domain-name-registration-information',
  network_24_7: 'network-24-7',
  extradition: 'extradition',
  /** mutual legal assistance in general (the measures' articles among them) */
  general: 'mutual-legal-assistance',
} as const;
export type MeasureKind = keyof typeof MEASURES;
export const MEASURE_KINDS = Object.keys(MEASURES) as MeasureKind[];

export type Measure = { kind: MeasureKind; articles: { number: string; title: string }[] };

/** Per instrument, the measures it has articles for, in the order of MEASURES. */
export async function measuresByInstrument(db: Orm): Promise<Map<string, Measure[]>> {
  const linked = await rows<{ concept: string; instrument: string; number: string; title: string }>(
    db,
    sql`SELECT ca.concept, a.instrument, a.number, a.title FROM concept_article ca
        JOIN instrument_article a ON a.instrument = ca.instrument AND a.number = ca.article
        WHERE a.category = 'international_cooperation' AND ca.concept = ANY(${sql.param(Object.values(MEASURES))}::text[])
        ORDER BY a.instrument, a.position`,
  );
  const result = new Map<string, Measure[]>();
  for (const instrument of new Set(linked.map((l) => l.instrument))) {
    const mine = linked.filter((l) => l.instrument === instrument);
    const measures = MEASURE_KINDS.map((kind) => ({
      kind,
      articles: mine
        .filter((l) => l.concept === MEASURES[kind])
        .map(({ number, title }) => ({ number, title })),
    })).filter((m) => m.articles.length > 0);
    result.set(instrument, measures);
  }
  return result;
}
