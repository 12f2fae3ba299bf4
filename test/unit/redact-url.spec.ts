import { redactUrl } from '../../src/common/logging/redact-url';

describe(redactUrl.name, () => {
  it.each([
    ['/scim/v2/Users?filter=userName%20eq%20%22a%22', '/scim/v2/Users?filter=userName%20eq%20%22a%22'],
    ['/oauth2/server/token?client_secret=abc&x=1', '/oauth2/server/token?client_secret=[redacted]&x=1'],
    ['/x?access_token=abc', '/x?access_token=[redacted]'],
    ['/x?Password=abc', '/x?Password=[redacted]'],
    ['/health', '/health'],
  ])('%s → %s', (input, output) => expect(redactUrl(input)).toBe(output));
});
