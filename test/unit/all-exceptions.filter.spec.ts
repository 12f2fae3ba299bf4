import { ArgumentsHost } from '@nestjs/common';
import { AllExceptionsFilter } from '../../src/common/errors/all-exceptions.filter';
import { ErrorWriters } from '../../src/common/errors/error-writers';
import { JsonLogger } from '../../src/common/logging/json-logger';
import { OAuthErrorWriter } from '../../src/oauth2/oauth-error-writer';
import { OAuthError } from '../../src/oauth2/oauth.error';
import { ScimErrorWriter } from '../../src/scim/scim-error-writer';
import { InvalidTokenError } from '../../src/auth/auth.errors';

/** What a test can read back of an answer. */
function fakeResponse() {
  const answer = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown, locals: {} as Record<string, unknown> };
  const res = {
    headersSent: false,
    locals: answer.locals,
    status(code: number) {
      answer.status = code;
      return res;
    },
    setHeader(name: string, value: string) {
      answer.headers[name] = value;
      return res;
    },
    set(headers: Record<string, string>) {
      Object.assign(answer.headers, headers);
      return res;
    },
    type(value: string) {
      answer.headers['Content-Type'] = value;
      return res;
    },
    json(body: unknown) {
      answer.body = body;
      return res;
    },
    send(body: string) {
      answer.body = JSON.parse(body);
      return res;
    },
  };
  return { res, answer };
}

describe(AllExceptionsFilter.name, () => {
  const logged: string[] = [];
  const logger = { event: (level: string, msg: string) => logged.push(`${level} ${msg}`) } as unknown as JsonLogger;
  const writers = new ErrorWriters();
  new ScimErrorWriter(writers).onModuleInit();
  new OAuthErrorWriter(writers).onModuleInit();
  const filter = new AllExceptionsFilter(logger, writers);
  const answer = (exception: unknown, url: string) => {
    const { res, answer } = fakeResponse();
    const host = { switchToHttp: () => ({ getRequest: () => ({ originalUrl: url, method: 'POST', path: url }), getResponse: () => res }) };
    filter.catch(exception, host as unknown as ArgumentsHost);
    return answer;
  };

  beforeEach(() => (logged.length = 0));

  it("writes the token endpoint's own errors in RFC 6749 JSON without logging them as unhandled", () => {
    const out = answer(new OAuthError('invalid_client', 'Client authentication failed'), '/oauth2/server/token');
    expect(out).toMatchObject({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } });
    expect(out.headers['WWW-Authenticate']).toBe('Basic realm="usersync"');
    expect(logged).toEqual([]);
  });

  it('writes SCIM errors under /scim/ and admin JSON elsewhere, each with the headers the error carries', () => {
    const scim = answer(new InvalidTokenError(), '/scim/v2/Users');
    expect(scim).toMatchObject({ status: 401, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' } });
    expect(scim.headers['WWW-Authenticate']).toMatch(/^Bearer realm="usersync", error="invalid_token"/);
    const admin = answer(new InvalidTokenError(), '/api/activity');
    expect(admin).toMatchObject({ status: 401, body: { statusCode: 401, error: 'invalid_token' } });
    expect(admin.headers['WWW-Authenticate']).toMatch(/^Bearer/);
    expect(logged).toEqual([]);
  });

  it("answers anything unexpected 500 in the path's protocol, and logs it", () => {
    expect(answer(new Error('boom'), '/oauth2/server/token')).toMatchObject({ status: 500, body: { error: 'server_error' } });
    expect(answer(new Error('boom'), '/scim/v2/Users')).toMatchObject({ status: 500, body: { status: '500' } });
    expect(logged).toEqual(['error unhandled error', 'error unhandled error']);
  });
});
