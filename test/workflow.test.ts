/** The editorial workflow, contributors' country scope, token scopes, history and restore. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workPayload } from './factories.js';
import { sessionAs, tokenAs, testApp, type TestApp } from './helpers.js';

let t: TestApp;
let admin: Record<string, string>;
let kenya: Record<string, string>;
let editor: Record<string, string>;
beforeAll(async () => {
  t = await testApp({ demo: true });
  admin = { authorization: `Bearer ${t.token}` };
  kenya = await tokenAs(t, 'contributor', ['KEN']);
  editor = await tokenAs(t, 'editor');
});
afterAll(() => t.close());

const move = (headers: Record<string, string>, id: string, to: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/works/${id}/transition`, headers, payload: { to } });

describe('editorial workflow', () => {
  it('a contributor drafts and submits, only an editor publishes, and the public sees published items only', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/works',
      headers: kenya,
      payload: workPayload({ number: 'W1' }),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      id: 'ke-act-2024-w1',
      editorial_status: 'draft',
      created_by: expect.stringMatching(/^token:/),
    });
    expect((await t.app.inject('/api/v1/works/ke-act-2024-w1')).statusCode).toBe(404);

    const skip = await move(kenya, 'ke-act-2024-w1', 'published');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toMatchObject({
      code: 'invalid_transition',
      details: { allowed: ['in_review'] },
    });

    expect((await move(kenya, 'ke-act-2024-w1', 'in_review')).json()).toMatchObject({
      editorial_status: 'in_review',
      allowed: ['draft'],
    });
    const self = await move(kenya, 'ke-act-2024-w1', 'published');
    expect(self.statusCode).toBe(403);
    expect((await move(editor, 'ke-act-2024-w1', 'published')).statusCode).toBe(200);
    expect((await t.app.inject('/api/v1/works/ke-act-2024-w1')).json().editorial_status).toBe('published');

    // Published: the contributor can no longer change it; an editor can.
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: '/api/v1/works/ke-act-2024-w1',
          headers: kenya,
          payload: { short_title: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: '/api/v1/works/ke-act-2024-w1',
          headers: editor,
          payload: { short_title: 'Test Act' },
        })
      ).statusCode,
    ).toBe(200);
    expect((await move(editor, 'ke-act-2024-w1', 'unpublished')).statusCode).toBe(200);
    expect((await t.app.inject('/api/v1/works/ke-act-2024-w1')).statusCode).toBe(404);

    const history = (
      await t.app.inject({ url: '/api/v1/works/ke-act-2024-w1/history', headers: editor })
    ).json().items;
    expect(history.map((e: { action: string }) => e.action)).toEqual([
      'transition',
      'update',
      'transition',
      'transition',
      'create',
    ]);
  });

  it('a contributor cannot add or change items of another country', async () => {
    const ghana = await t.app.inject({
      method: 'POST',
      url: '/api/v1/works',
      headers: kenya,
      payload: workPayload({ country: 'GHA', number: 'G1' }),
    });
    expect(ghana.statusCode).toBe(403);
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/works',
      headers: admin,
      payload: workPayload({ country: 'GHA', number: 'G2' }),
    });
    expect(made.statusCode).toBe(201);
    const edit = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/works/gh-act-2024-g2',
      headers: kenya,
      payload: { short_title: 'x' },
    });
    expect(edit.statusCode).toBe(404); // a Ghanaian draft is not even visible to a Kenyan contributor
    await move(admin, 'gh-act-2024-g2', 'in_review');
    await move(admin, 'gh-act-2024-g2', 'published');
    const published = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/works/gh-act-2024-g2',
      headers: kenya,
      payload: { short_title: 'x' },
    });
    expect(published.statusCode).toBe(403);
    expect(published.json().error.code).toBe('forbidden');
    const restricted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/works',
      headers: kenya,
      payload: workPayload({ number: 'W9', tier: 'restricted' }),
    });
    expect(restricted.statusCode).toBe(403);
  });

  it('a read token cannot write; a revoked token or a disabled user’s token is refused', async () => {
    const read = await tokenAs(t, 'editor', [], 'read');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/works',
          headers: read,
          payload: workPayload({ number: 'R9' }),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ url: '/api/v1/works?editorial_status=draft', headers: read })).statusCode,
    ).toBe(200);
    // a token does not mint tokens (that needs an admin-scoped one); the editor's session does
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/tokens',
          headers: editor,
          payload: { name: 'temp', scope: 'write' },
        })
      ).statusCode,
    ).toBe(403);
    const session = await sessionAs(t, 'editor');
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: session.headers,
      payload: { name: 'temp', scope: 'write' },
    });
    expect(made.statusCode).toBe(201);
    const temp = { authorization: `Bearer ${made.json().token}` };
    expect((await t.app.inject({ url: '/api/v1/me', headers: temp })).json().role).toBe('editor');
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/tokens/${made.json().id}`,
          headers: session.headers,
        })
      ).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: temp })).statusCode).toBe(401);
    const me = (await t.app.inject({ url: '/api/v1/me', headers: kenya })).json();
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/users/${me.user_id}`,
          headers: admin,
          payload: { disabled: true },
        })
      ).statusCode,
    ).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers: kenya })).statusCode).toBe(401);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${me.user_id}`,
      headers: admin,
      payload: { disabled: false },
    });
  });

  it('restores an earlier version of a law, text included, and records it', async () => {
    const payload = workPayload({ number: 'H1' });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/works', headers: editor, payload })).statusCode,
    ).toBe(201);
    const first = (
      await t.app.inject({ url: '/api/v1/works/ke-act-2024-h1/history', headers: editor })
    ).json().items[0];
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/works/ke-act-2024-h1',
      headers: editor,
      payload: { title: { eng: 'Renamed Act' } },
    });
    const changed = (
      await t.app.inject({ url: '/api/v1/works/ke-act-2024-h1/history', headers: editor })
    ).json().items[0];
    expect(changed.changes).toContainEqual({
      field: 'title.eng',
      before: 'Test Cyber Act',
      after: 'Renamed Act',
    });
    const restore = await t.app.inject({
      method: 'POST',
      url: '/api/v1/works/ke-act-2024-h1/restore',
      headers: editor,
      payload: { event: first.id },
    });
    expect(restore.statusCode).toBe(200);
    const work = (await t.app.inject({ url: '/api/v1/works/ke-act-2024-h1', headers: editor })).json();
    expect(work.title.eng).toBe('Test Cyber Act');
    expect(work.expression.provisions[1].text).toBe(payload.expressions[0].provisions[1].text);
    const last = (await t.app.inject({ url: '/api/v1/works/ke-act-2024-h1/history', headers: editor })).json()
      .items[0];
    expect(last.action).toBe('restore');
  });
});
