/**
 * The programme's demo records (src/domains/demo/data/programme.json): donors and partners, contributions
 * and needs, requests, activities with participants and outreach, mentored investigations and
 * assessments of Kenya whose recommendation became the request an activity answered. Everything
 * goes through the services, so the figures of reports are computed from records like any others.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Viewer } from '../../core/access.js';
import { activityInput, createActivity } from '../assistance/activities.js';
import {
  contributionInput,
  createContribution,
  createOrganisation,
  needInput,
  organisationInput,
  saveNeed,
} from '../assistance/funding.js';
import { createInvestigation } from '../assistance/mentoring.js';
import {
  createRequest,
  requestInput,
  transitionRequest,
  type RequestStatus,
} from '../assistance/requests.js';
import {
  addRecommendation,
  createAssessment,
  recommendationToRequest,
  scoreIndicator,
} from '../assessments/service.js';
import { addFinding, setRecommendationStatus, transitionAssessment } from '../assessments/workflow.js';
import type { Orm } from '../../core/db/connect.js';
import { one } from '../../core/db/query.js';
import { isoDate } from '../../core/codes.js';

const byName = z.string().min(1);
const programmeFile = z.object({
  fictional_notice: z.string().min(1),
  organisations: z.array(organisationInput),
  contributions: z.array(z.looseObject({ donor: byName })),
  needs: z.array(needInput),
  requests: z.array(
    requestInput.extend({
      ref: z.string(),
      status: z.enum(['received', 'under_review', 'completed', 'declined']),
      reason: z.enum(['no_funding', 'out_of_mandate', 'duplicate', 'other']).optional(),
    }),
  ),
  activities: z.array(
    z.looseObject({
      requests: z.array(z.string()).default([]),
      partners: z
        .array(
          z.object({
            organisation: byName,
            role: z.enum(['implementing', 'funding', 'host', 'beneficiary']),
          }),
        )
        .default([]),
    }),
  ),
  investigations: z.array(
    z.object({
      country: z.string(),
      n: z.number().int().min(1),
      opened: isoDate,
      mentor: z.string(),
      concept: z.string().optional(),
    }),
  ),
  assessments: z.array(
    z.object({
      country: z.string(),
      started: isoDate,
      ended: isoDate,
      team: z.array(z.string()),
      status: z.enum(['in_progress', 'validated', 'published']),
      scores: z.record(z.string(), z.number().int()),
      findings: z.array(z.tuple([z.string(), z.string()])),
      recommendations: z.array(
        z.object({
          dimension: z.string(),
          text: z.string(),
          priority: z.enum(['low', 'medium', 'high']),
          institution: z.string(),
          request: z.string().optional(),
          status: z.enum(['open', 'in_progress', 'implemented', 'dropped']),
        }),
      ),
    }),
  ),
});

/** The steps a new request takes to reach a status; requests answered by activities stop at accepted (the activity moves them on). */
const PATH: Record<string, RequestStatus[]> = {
  received: [],
  under_review: ['under_review'],
  declined: ['under_review', 'declined'],
  completed: ['under_review', 'accepted'],
};

export async function loadProgrammeDemo(db: Orm, by: Viewer): Promise<void> {
  const data = programmeFile.parse(
    JSON.parse(readFileSync(new URL('./data/programme.json', import.meta.url), 'utf8')),
  );
  const orgs = new Map<string, number>();
  for (const o of data.organisations) orgs.set(o.name, (await createOrganisation(db, by, o)).id);
  const org = (name: string) =>
    orgs.get(name) ?? Promise.reject(new Error(`programme.json: unknown organisation ${name}`));
  for (const c of data.contributions)
    await createContribution(db, by, contributionInput.parse({ ...c, donor: await org(c.donor) }));
  for (const n of data.needs) await saveNeed(db, by, n);
  const requests = new Map<string, number>();
  for (const { ref, status, reason, ...r } of data.requests) {
    const id = (await createRequest(db, by, r)).id;
    for (const to of PATH[status]!)
      await transitionRequest(db, by, id, { to, reason: to === 'declined' ? reason : undefined });
    requests.set(ref, id);
  }
  for (const a of data.activities) {
    const partners = await Promise.all(
      a.partners.map(async (p) => ({ organisation: await org(p.organisation), role: p.role })),
    );
    await createActivity(
      db,
      by,
      activityInput.parse({ ...a, partners, requests: a.requests.map((r) => requests.get(r)!) }),
    );
  }
  for (const i of data.investigations)
    for (let k = 0; k < i.n; k++) {
      // Spread over the year; about a third closed within three months.
      const opened = new Date(Date.parse(i.opened) + k * 3 * 86_400_000).toISOString().slice(0, 10);
      const closed =
        k % 3 === 0 ? new Date(Date.parse(opened) + 90 * 86_400_000).toISOString().slice(0, 10) : undefined;
      await createInvestigation(db, by, {
        country: i.country,
        concept: i.concept,
        opened,
        closed,
        status: closed ? 'closed' : 'open',
        mentor: i.mentor,
      });
    }
  const framework = await one<{ id: number }>(
    db,
    sql`SELECT id FROM framework WHERE status = 'published' ORDER BY id LIMIT 1`,
  );
  for (const a of data.assessments) {
    const created = await createAssessment(db, by, {
      country: a.country,
      framework: framework!.id,
      started: a.started,
      ended: a.ended,
      team: a.team,
    });
    for (const d of created.framework_definition.definition.dimensions)
      for (const i of d.indicators)
        if (a.scores[d.code] !== undefined)
          await scoreIndicator(db, by, created.id, { indicator: i.code, score: a.scores[d.code]! });
    for (const [dimension, text] of a.findings) await addFinding(db, by, created.id, { dimension, text });
    for (const { request, status, ...r } of a.recommendations) {
      const rec = await addRecommendation(db, by, created.id, r);
      if (request)
        await recommendationToRequest(db, by, rec.id, {
          request: requests.get(request)!,
          kind: 'training',
          received: a.ended,
        });
      await setRecommendationStatus(db, by, rec.id, status);
    }
    for (const to of ['validated', 'published'] as const)
      if (a.status === 'published' || (a.status === 'validated' && to === 'validated'))
        await transitionAssessment(db, by, created.id, to);
  }
}
