import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';

describe('GET /health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 200 {"status":"ok"} while the database is reachable', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('answers 503 while the database is unreachable, and recovers when it returns', async () => {
    await t.dataSource.destroy();
    const down = await request(t.http).get('/health').expect(503);
    expect(down.body).toMatchObject({ status: 'unavailable' });
    await t.dataSource.initialize();
    await request(t.http).get('/health').expect(200);
  });
});
