import request from 'supertest';
import { TestApp } from './test-app';

/** Admin API requests with a bearer token, JSON bodies. */
export function adminApi(t: TestApp, token: string) {
  return {
    get: (path: string) => request(t.http).get(path).auth(token, { type: 'bearer' }),
    post: (path: string, body?: object) => request(t.http).post(path).auth(token, { type: 'bearer' }).send(body),
    put: (path: string, body: object) => request(t.http).put(path).auth(token, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) => request(t.http).patch(path).auth(token, { type: 'bearer' }).send(body),
    delete: (path: string) => request(t.http).delete(path).auth(token, { type: 'bearer' }),
  };
}
