import { redactUrl } from '../../src/common/logging/redact-url';

describe(redactUrl.name, () => {
  it.each([
    ['/scim/v2/Users?filter=userName%20eq%20%22jane%40contoso.com%22', '/scim/v2/Users?filter=userName%20eq%20%22%E2%80%A6%22'],
    [
      '/scim/v2/Users?filter=userName+eq+"a"+and+active+eq+true&count=1',
      '/scim/v2/Users?filter=userName%20eq%20%22%E2%80%A6%22%20and%20active%20eq%20true&count=1',
    ],
    ['/scim/v2/Users/jane@contoso.com', '/scim/v2/Users/[masked]'],
    ['/scim/v2/Users/2819c223-7f76-453a-919d-413861904646', '/scim/v2/Users/2819c223-7f76-453a-919d-413861904646'],
    ['/scim/v2/Users/.search', '/scim/v2/Users/.search'],
    ['/api/ownership/transfers?userId=x&offset=0', '/api/ownership/transfers?userId=[masked]&offset=0'],
    ['/oauth2/server/token?client_secret=abc&x=1', '/oauth2/server/token?client_secret=[redacted]&x=[masked]'],
    ['/x?access_token=abc', '/x?access_token=[redacted]'],
    ['/x?Password=abc', '/x?Password=[redacted]'],
    ['/health', '/health'],
  ])('at info: %s → %s', (input, output) => expect(redactUrl(input)).toBe(output));

  it.each([
    ['/scim/v2/Users?filter=userName%20eq%20%22a%22', '/scim/v2/Users?filter=userName%20eq%20%22a%22'],
    ['/scim/v2/Users/jane@contoso.com', '/scim/v2/Users/jane@contoso.com'],
    ['/x?access_token=abc&y=1', '/x?access_token=[redacted]&y=1'],
  ])('at debug: %s → %s (credentials still redacted)', (input, output) => expect(redactUrl(input, true)).toBe(output));
});
