/**
 * Every route registered in the app, checked against every role: the policy hook lets exactly
 * the expected roles through. A route missing from EXPECTED (or without a policy) fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_POLICIES, type RoutePolicy } from '../src/web/shell/auth.js';
import { createSession, SESSION_COOKIE } from '../src/domains/accounts/sessions.js';
import { sessionAs, testApp, type TestApp } from './helpers.js';

const EXPECTED: Record<string, RoutePolicy> = {
  'GET /': 'public',
  'GET /assets/app.css': 'public',
  'GET /health': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/docs': 'public',
  'GET /countries': 'public',
  'GET /countries/:iso3': 'public',
  'GET /instruments': 'public',
  'GET /instruments/:code': 'public',
  'GET /instruments/:code/articles/:number': 'public',
  'GET /crosswalk': 'public',
  'GET /coverage': 'public',
  'GET /coverage/:iso3': 'public',
  'GET /api/v1/coverage': 'public',
  'GET /cooperation': 'public',
  'GET /api/v1/cooperation/legal-basis': 'public',
  'GET /api/v1/cooperation/dual-criminality': 'public',
  'GET /api/v1/compare': 'public',
  'GET /api/v1/reviews/:iso3/:instrument': 'public',
  'PATCH /api/v1/reviews/:iso3/:instrument': 'contribute',
  'POST /api/v1/reviews/:iso3/:instrument/accept-strong': 'contribute',
  'POST /review/:iso3/:instrument/accept-strong': 'contribute',
  'GET /api/v1/works/:id/docx': 'public',
  'GET /assets/copy.js': 'public',
  'GET /favicon.svg': 'public',
  'GET /favicon.ico': 'public',
  'GET /api/v1/requests': 'signed_in',
  'GET /api/v1/requests/:id': 'signed_in',
  'POST /api/v1/requests': 'programme',
  'POST /api/v1/requests/:id/transitions': 'programme',
  'PATCH /api/v1/requests/:id': 'programme',
  'GET /api/v1/frameworks': 'signed_in',
  'GET /api/v1/frameworks/:id': 'signed_in',
  'POST /api/v1/frameworks/:id/versions': 'programme',
  'POST /api/v1/frameworks/:id/publish': 'programme',
  'GET /api/v1/assessments': 'signed_in',
  'GET /api/v1/assessments/:id': 'signed_in',
  'POST /api/v1/assessments': 'programme',
  'PUT /api/v1/assessments/:id/scores': 'programme',
  'POST /api/v1/assessments/:id/recommendations': 'programme',
  'POST /api/v1/recommendations/:id/request': 'programme',
  'GET /assessments/:id': 'signed_in',
  'POST /assessments/:id/scores': 'programme',
  'POST /api/v1/assessments/:id/status': 'programme',
  'POST /api/v1/assessments/:id/findings': 'programme',
  'POST /api/v1/recommendations/:id/status': 'programme',
  'GET /api/v1/countries/:iso3/progress': 'signed_in',
  'GET /assessments': 'signed_in',
  'POST /assessments': 'programme',
  'POST /assessments/:id/status': 'programme',
  'POST /assessments/:id/findings': 'programme',
  'POST /assessments/:id/recommendations': 'programme',
  'POST /recommendations/:id/request': 'programme',
  'POST /recommendations/:id/status': 'programme',
  'GET /countries/:iso3/progress': 'signed_in',
  'GET /api/v1/usage': 'programme',
  'GET /assistance/mentoring': 'programme',
  'POST /assistance/mentoring': 'programme',
  'PATCH /api/v1/assessments/:id': 'programme',
  'DELETE /api/v1/findings/:id': 'programme',
  'DELETE /api/v1/recommendations/:id': 'programme',
  'POST /assessments/:id/details': 'programme',
  'POST /findings/:id/delete': 'programme',
  'POST /recommendations/:id/delete': 'programme',
  'GET /api/v1/organisations/:id': 'signed_in',
  'GET /assistance/organisations': 'signed_in',
  'GET /assistance/organisations/:id': 'signed_in',
  'PUT /api/v1/frameworks/:id': 'programme',
  'GET /frameworks': 'signed_in',
  'GET /frameworks/:id': 'signed_in',
  'POST /frameworks/:id': 'programme',
  'POST /frameworks/:id/versions': 'programme',
  'POST /frameworks/:id/publish': 'programme',
  'POST /files/:owner_type/:owner_id': 'programme',
  'GET /usage': 'programme',
  'GET /api/v1/reports/:kind': 'signed_in',
  'GET /reports': 'signed_in',
  'GET /reports/:kind': 'signed_in',
  'GET /api/v1/activities': 'signed_in',
  'GET /api/v1/activities/:id': 'signed_in',
  'GET /api/v1/activities/overlaps': 'signed_in',
  'POST /api/v1/activities/overlaps/reviews': 'programme',
  'GET /api/v1/mentored-investigations': 'programme',
  'POST /api/v1/mentored-investigations': 'programme',
  'GET /assistance/overlaps': 'signed_in',
  'GET /api/v1/assistance/where': 'signed_in',
  'GET /api/v1/assistance/public': 'public',
  'GET /programme': 'public',
  'POST /api/v1/people': 'programme',
  'GET /api/v1/people/:id': 'signed_in',
  'GET /api/v1/activities/:id/attendees': 'signed_in',
  'PUT /api/v1/activities/:id/attendees': 'programme',
  'GET /assistance/people/:id': 'signed_in',
  'GET /assistance/activities/:id/certificates/:person': 'signed_in',
  'GET /assistance/where': 'signed_in',
  'GET /api/v1/organisations': 'signed_in',
  'POST /api/v1/organisations': 'programme',
  'GET /api/v1/contributions': 'signed_in',
  'POST /api/v1/contributions': 'programme',
  'PUT /api/v1/funding-needs': 'programme',
  'GET /api/v1/funding-position': 'signed_in',
  'GET /assistance/funding': 'signed_in',
  'POST /assistance/funding/contributions': 'programme',
  'POST /assistance/funding/needs': 'programme',
  'POST /assistance/funding/organisations': 'programme',
  'POST /assistance/overlaps': 'programme',
  'POST /api/v1/activities': 'programme',
  'PUT /api/v1/activities/:id': 'programme',
  'GET /api/v1/assistance/dashboard': 'signed_in',
  'GET /assistance': 'signed_in',
  'GET /assistance/requests': 'signed_in',
  'POST /assistance/requests': 'programme',
  'GET /assistance/requests/:id': 'signed_in',
  'POST /assistance/requests/:id/transition': 'programme',
  'GET /assistance/activities': 'signed_in',
  'POST /assistance/activities': 'programme',
  'GET /assistance/activities/:id': 'signed_in',
  'POST /assistance/activities/:id': 'programme',
  'GET /compare': 'public',
  'GET /api/v1/coverage/:iso3/gap-report': 'public',
  'GET /coverage/:iso3/gap-report': 'public',
  'POST /coverage/:iso3/gap-report': 'contribute',
  'GET /coverage/:iso3/gap-report.docx': 'public',
  'GET /concepts': 'public',
  'GET /akn/*': 'public',
  'GET /cases': 'public',
  'GET /cases/:id': 'public',
  'GET /documents': 'public',
  'GET /documents/:id': 'public',
  'GET /api/v1/countries': 'public',
  'GET /api/v1/countries/:iso3': 'public',
  'GET /api/v1/instruments': 'public',
  'GET /api/v1/instruments/:code': 'public',
  'GET /api/v1/articles': 'public',
  'GET /api/v1/instruments/:code/articles/:number': 'public',
  'GET /api/v1/concepts': 'public',
  'GET /api/v1/concepts/:code': 'public',
  'GET /api/v1/crosswalk': 'public',
  'GET /api/v1/works': 'public',
  'POST /api/v1/works': 'contribute',
  'GET /api/v1/works/:id': 'public',
  'PATCH /api/v1/works/:id': 'contribute',
  'DELETE /api/v1/works/:id': 'contribute',
  'POST /api/v1/works/:id/expressions': 'contribute',
  'GET /api/v1/provisions': 'public',
  'GET /api/v1/provisions/:id': 'public',
  'GET /api/v1/cases': 'public',
  'GET /api/v1/cases/:id': 'public',
  'POST /api/v1/cases': 'contribute',
  'PATCH /api/v1/cases/:id': 'contribute',
  'DELETE /api/v1/cases/:id': 'contribute',
  'GET /api/v1/documents': 'public',
  'GET /api/v1/documents/:id': 'public',
  'POST /api/v1/documents': 'contribute',
  'PATCH /api/v1/documents/:id': 'contribute',
  'DELETE /api/v1/documents/:id': 'contribute',
  'GET /api/v1/attachments': 'public',
  'POST /api/v1/attachments': 'contribute',
  'GET /api/v1/attachments/:id/download': 'public',
  'DELETE /api/v1/attachments/:id': 'contribute',
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /logout': 'signed_in',
  'GET /reset/:token': 'public',
  'POST /reset/:token': 'public',
  'GET /account': 'signed_in',
  'POST /account/password': 'signed_in',
  'POST /account/tokens': 'signed_in',
  'POST /account/tokens/:id/revoke': 'signed_in',
  'GET /api/v1/me': 'public',
  'GET /api/v1/tokens': 'signed_in',
  'POST /api/v1/tokens': 'signed_in',
  'DELETE /api/v1/tokens/:id': 'signed_in',
  'GET /admin/users': 'admin',
  'POST /admin/users': 'admin',
  'POST /admin/users/:id': 'admin',
  'POST /admin/users/:id/:change': 'admin',
  'GET /admin/audit': 'edit',
  'GET /api/v1/users': 'admin',
  'POST /api/v1/users': 'admin',
  'PATCH /api/v1/users/:id': 'admin',
  'POST /api/v1/users/:id/reset': 'admin',
  'GET /api/v1/audit': 'edit',
  'POST /api/v1/works/:id/transition': 'contribute',
  'GET /api/v1/works/:id/history': 'contribute',
  'POST /api/v1/works/:id/restore': 'contribute',
  'POST /api/v1/cases/:id/transition': 'contribute',
  'GET /api/v1/cases/:id/history': 'contribute',
  'POST /api/v1/cases/:id/restore': 'contribute',
  'POST /api/v1/documents/:id/transition': 'contribute',
  'GET /api/v1/documents/:id/history': 'contribute',
  'POST /api/v1/documents/:id/restore': 'contribute',
  'GET /history/:kind/:id': 'contribute',
  'POST /history/:kind/:id/restore': 'contribute',
  'POST /edit/:kind/:id/transition': 'contribute',
  'GET /edit': 'contribute',
  'GET /api/v1/search': 'public',
  'GET /search': 'public',
  'GET /feeds/search.atom': 'public',
  'GET /feeds/:country/:kind.atom': 'public',
  'POST /search/save': 'signed_in',
  'POST /search/saved/:id/delete': 'signed_in',
  'GET /api/v1/saved-searches': 'signed_in',
  'POST /api/v1/saved-searches': 'signed_in',
  'DELETE /api/v1/saved-searches/:id': 'signed_in',
  'POST /edit/:kind/:id/attachments': 'contribute',
  'POST /edit/:kind/:id/attachments/:file/delete': 'contribute',
  'GET /edit/work/new': 'contribute',
  'GET /edit/import': 'contribute',
  'POST /edit/import': 'contribute',
  'POST /api/v1/imports': 'contribute',
  'GET /api/v1/works/:id/akn': 'public',
  'GET /api/v1/works/:id/diff': 'public',
  'GET /api/v1/works/:id/suggestions': 'public',
  'GET /api/v1/suggester': 'public',
  'POST /api/v1/suggester/retrain': 'edit',
  'GET /suggester': 'edit',
  'POST /suggester/retrain': 'edit',
  'GET /api/v1/mappings': 'public',
  'GET /api/v1/mappings/:id': 'public',
  'POST /api/v1/mappings': 'contribute',
  'PATCH /api/v1/mappings/:id': 'contribute',
  'DELETE /api/v1/mappings/:id': 'contribute',
  'GET /review/:iso3/:instrument': 'contribute',
  'POST /review/:iso3/:instrument/accept': 'contribute',
  'POST /review/:iso3/:instrument/reject': 'contribute',
  'POST /review/:iso3/:instrument/mapping/:id': 'contribute',
  'POST /review/:iso3/:instrument/status': 'contribute',
  'GET /works/:id/compare': 'public',
  'GET /api/v1/works/:id/events': 'public',
  'POST /api/v1/works/:id/events': 'contribute',
  'DELETE /api/v1/works/:id/events/:event': 'contribute',
  'POST /edit/work/:id/events': 'contribute',
  'POST /edit/work/:id/events/:event/delete': 'contribute',
  'POST /edit/work/new': 'contribute',
  'GET /edit/work/:id': 'contribute',
  'POST /edit/work/:id/meta': 'contribute',
  'POST /edit/work/:id/provisions': 'contribute',
  'GET /edit/case/new': 'contribute',
  'POST /edit/case/new': 'contribute',
  'GET /edit/case/:id': 'contribute',
  'POST /edit/case/:id': 'contribute',
  'GET /edit/document/new': 'contribute',
  'POST /edit/document/new': 'contribute',
  'GET /edit/document/:id': 'contribute',
  'POST /edit/document/:id': 'contribute',
};

const ROLES = ['anonymous', 'reader', 'contributor', 'editor', 'programme_officer', 'admin'] as const;
/** Parameters that pass validation but name nothing, so that allowed requests change nothing. */
const FILL: Record<string, string> = {
  iso3: 'ZZZ',
  code: 'ZZ999',
  number: '999',
  id: '999999',
  token: 'no-such-token',
  kind: 'work',
  change: 'reset',
  file: '999999',
};
const concrete = (url: string) =>
  url === '/akn/*' ? '/akn/zz/act/1900/1' : url.replace(/:(\w+)/g, (_, name: string) => FILL[name] ?? 'x');
// (FILL gives :kind = work; the feed route wants works/cases/…, so an allowed request there is a 400, which is fine.)

let t: TestApp;
const users: Record<string, number> = {};
beforeAll(async () => {
  t = await testApp();
  for (const role of ROLES)
    if (role !== 'anonymous')
      users[role] = (await sessionAs(t, role, role === 'contributor' ? ['KEN'] : [])).userId;
});

/** A fresh session per request: some allowed requests (sign out, password change) end sessions. */
async function headersFor(role: (typeof ROLES)[number]): Promise<Record<string, string>> {
  if (role === 'anonymous') return { cookie: 'cyrepo_csrf=t', 'x-csrf-token': 't' };
  const { token, csrf } = await createSession(t.db.orm, users[role], { idleMinutes: 60, maxHours: 1 });
  return { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': csrf };
}
afterAll(() => t.close());

describe('route access', () => {
  it('every route declares a policy, and the list of routes is the expected one', () => {
    const actual = Object.fromEntries(t.app.routeTable.map((r) => [`${r.method} ${r.url}`, r.policy]));
    expect(actual).toEqual(EXPECTED);
  });

  it('lets exactly the roles of each route’s policy through', async () => {
    const wrong: string[] = [];
    for (const route of t.app.routeTable) {
      for (const role of ROLES) {
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: concrete(route.url),
          headers: await headersFor(role),
          payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
        });
        const denied = res.headers['x-cyrepo-denied'] !== undefined;
        const shouldPass = (ROUTE_POLICIES[route.policy] as readonly string[]).includes(role);
        if (denied === shouldPass)
          wrong.push(
            `${route.method} ${route.url} as ${role}: ${res.statusCode}${denied ? ' (denied)' : ''}`,
          );
        if (denied)
          expect(res.statusCode, `${route.method} ${route.url} as ${role}`).toBe(
            role === 'anonymous'
              ? route.url.startsWith('/api/') || route.method !== 'GET'
                ? 401
                : 303
              : 403,
          );
      }
    }
    expect(wrong).toEqual([]);
  });
});
