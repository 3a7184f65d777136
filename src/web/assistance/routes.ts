/** Technical assistance over HTTP: registers its parts (requests, activities, the dashboard and figures, mentoring, organisations, funding, people, IATI files). */
import type { FastifyInstance } from 'fastify';
import { activityApi, activityPages } from './activities-routes.js';
import { dashboardApi, dashboardPage, publicFigureRoutes, whereRoutes } from './dashboard-routes.js';
import { fundingApi, fundingPages } from './funding-routes.js';
import { iatiRoutes } from './iati-routes.js';
import { participantSheetRoutes } from './participant-sheet-routes.js';
import { activitySheetRoutes } from './activity-sheet-routes.js';
import { contributionSheetRoutes, needSheetRoutes } from './funding-sheet-routes.js';
import { mentoringRoutes } from './mentoring-routes.js';
import { organisationRoutes } from './organisations-routes.js';
import { overlapApi, overlapPages } from './overlaps-routes.js';
import { peopleRoutes } from './people-routes.js';
import { requestApi, requestPages } from './requests-routes.js';

/** The parts in the order they always had: the OpenAPI document and the route table follow it, so keep it. */
export async function assistanceRoutes(base: FastifyInstance) {
  await base.register(requestApi);
  await base.register(activityApi);
  await base.register(dashboardApi);
  await base.register(overlapApi);
  await base.register(mentoringRoutes);
  await base.register(organisationRoutes);
  await base.register(fundingApi);
  await base.register(fundingPages);
  await base.register(peopleRoutes);
  await base.register(publicFigureRoutes);
  await base.register(whereRoutes);
  await base.register(overlapPages);
  await base.register(dashboardPage);
  await base.register(requestPages);
  await base.register(activityPages);
  await base.register(iatiRoutes);
  await base.register(participantSheetRoutes);
  await base.register(contributionSheetRoutes);
  await base.register(needSheetRoutes);
  await base.register(activitySheetRoutes);
}
