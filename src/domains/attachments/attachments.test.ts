import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true, maxUploadMb: 0.05 });
});
afterAll(() => t.close());

function multipart(filename: string, type: string, bytes: Buffer) {
  const boundary = '----cyrepotest';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return {
    payload: body,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      authorization: `Bearer ${t.token}`,
    },
  };
}

const upload = (owner: string, filename: string, type: string, bytes: Buffer) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/attachments?owner_type=work&owner_id=${owner}`,
    ...multipart(filename, type, bytes),
  });

describe('attachments', () => {
  const pdf = Buffer.from('%PDF-1.7\n% the official gazette\n');

  it('stores an uploaded file with its hash and serves it back with the right headers', async () => {
    const res = await upload('ke-act-2019-14', 'Gazette No. 71.pdf', 'application/pdf', pdf);
    expect(res.statusCode).toBe(201);
    const meta = res.json();
    expect(meta).toMatchObject({
      filename: 'Gazette No. 71.pdf',
      media_type: 'application/pdf',
      size: pdf.length,
    });
    expect(meta.sha256).toMatch(/^[0-9a-f]{64}$/);
    const list = (await t.app.inject('/api/v1/attachments?owner_type=work&owner_id=ke-act-2019-14')).json();
    expect(list.items.map((a: { id: number }) => a.id)).toEqual([meta.id]);
    const file = await t.app.inject(`/api/v1/attachments/${meta.id}/download`);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''Gazette%20No.%2071.pdf`);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    const page = await t.app.inject('/akn/ke/act/2019/14');
    expect(page.body).toContain(`href="/api/v1/attachments/${meta.id}/download"`);
  });

  it('refuses a duplicate, a file that is not what it claims, an unknown type, an unknown owner and an oversized file', async () => {
    expect((await upload('ke-act-2019-14', 'again.pdf', 'application/pdf', pdf)).statusCode).toBe(409);
    const fake = await upload(
      'ke-act-2019-14',
      'x.pdf',
      'application/pdf',
      Buffer.from('<html>not a pdf</html>'),
    );
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.code).toBe('media_type_mismatch');
    expect(
      (await upload('ke-act-2019-14', 'x.exe', 'application/x-msdownload', Buffer.from('MZ'))).json().error
        .code,
    ).toBe('unsupported_media_type');
    expect((await upload('no-such-work', 'x.pdf', 'application/pdf', pdf)).statusCode).toBe(404);
    const big = await upload(
      'ke-act-2019-14',
      'big.pdf',
      'application/pdf',
      Buffer.concat([pdf, Buffer.alloc(80 * 1024)]),
    );
    expect(big.statusCode).toBe(413);
    const after = (await t.app.inject('/api/v1/attachments?owner_type=work&owner_id=ke-act-2019-14')).json();
    expect(after.items).toHaveLength(1);
  });

  it('needs a token to upload and delete', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments?owner_type=work&owner_id=ke-act-2019-14',
      ...multipart('a.txt', 'text/plain', Buffer.from('hello')),
      headers: { 'content-type': 'multipart/form-data; boundary=----cyrepotest' },
    });
    expect(res.statusCode).toBe(401);
    const list = (await t.app.inject('/api/v1/attachments?owner_type=work&owner_id=ke-act-2019-14')).json();
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/attachments/${list.items[0].id}`,
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(del.statusCode).toBe(204);
  });
});
