import { SCIM, scimClient } from '../support/scim-client';
import { createTestApp, TestApp } from '../support/test-app';
import { connectProvider, makeTenant } from '../support/tenant';

interface Attribute {
  name: string;
  type: string;
  multiValued: boolean;
  required: boolean;
  caseExact: boolean;
  mutability: string;
  canonicalValues?: string[];
  subAttributes?: Attribute[];
}
interface Schema {
  id: string;
  attributes: Attribute[];
}
type Json = Record<string, unknown>;
/** Ids of existing users, for the attributes that reference users. */
type Context = { userIds?: string[] };

/**
 * A schema-driven client's view (Microsoft's SCIM Validator in "discover schema" mode works
 * this way): what /Schemas says is what the service does. The resources are built from the
 * discovery documents alone, so an attribute added to a schema is covered without a new test.
 */
describe('/Schemas is the contract', () => {
  let t: TestApp;
  let scim: ReturnType<typeof scimClient>;
  let schemas: Map<string, Schema>;
  let types: { name: string; endpoint: string; schema: string; schemaExtensions: { schema: string }[] }[];
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp();
    scim = scimClient(t, (await connectProvider(t, await makeTenant(t), 'contract')).token);
    schemas = new Map(((await scim.get('/Schemas').expect(200)).body.Resources as Schema[]).map((s) => [s.id, s]));
    types = (await scim.get('/ResourceTypes').expect(200)).body.Resources;
  });
  afterAll(() => t.close());

  const typeNamed = (name: string) => types.find((r) => r.name === name)!;
  /** Core attributes at the top level, each extension's under its URN. */
  const schemaParts = (type: string) => {
    const rt = typeNamed(type);
    return [
      { urn: undefined as string | undefined, schema: schemas.get(rt.schema)! },
      ...rt.schemaExtensions.map((e) => ({ urn: e.schema as string | undefined, schema: schemas.get(e.schema)! })),
    ];
  };
  const writable = (a: Attribute) => a.mutability !== 'readOnly';
  /** Written and read back: not read-only, and returned (a password never is). */
  const roundTrips = (a: Attribute & { returned?: string }) => a.returned !== 'never';
  // Zero-padded, so values sort as they were made (custom properties are listed by name).
  const unique = () => `${Date.now().toString(36)}${String(counter++).padStart(6, '0')}`;

  /** A value for an attribute by its declared type; userName-like strings are unique. */
  function valueFor(attribute: Attribute, path: string, only: (a: Attribute) => boolean, context: Context, index = 0): unknown {
    if (attribute.type === 'complex') {
      const element = (i: number) => {
        const out: Json = {};
        for (const sub of (attribute.subAttributes ?? []).filter(writable).filter(only)) {
          const value = valueFor(sub, `${path}.${sub.name}`, only, context, i);
          out[sub.name] = sub.name === 'primary' ? i === 0 : value;
        }
        return out;
      };
      return attribute.multiValued ? [element(0), element(1)] : element(0);
    }
    if (attribute.type === 'boolean') return true;
    if (attribute.type === 'dateTime') return '2026-01-02T03:04:05.000Z';
    if (attribute.canonicalValues?.length) return attribute.canonicalValues[0];
    // References the service resolves: a user's id (and its URI) where the schema points at users.
    if ((path === 'members.value' || path.endsWith(':manager.value')) && context.userIds) return context.userIds[index];
    if (attribute.type === 'reference') return `https://example.com/${path}/${unique()}`;
    if (path === 'emails.value' || path === 'userName') return `c${unique()}@contoso.example`;
    return `${path.split(':').pop()}-${unique()}`;
  }

  function build(type: string, only: (a: Attribute) => boolean, context: Context = {}): Json {
    const out: Json = { schemas: [typeNamed(type).schema] };
    for (const { urn, schema } of schemaParts(type)) {
      const target: Json = {};
      for (const attribute of schema.attributes.filter(writable).filter(only)) {
        target[attribute.name] = valueFor(attribute, urn ? `${urn}:${attribute.name}` : attribute.name, only, context);
      }
      if (!urn) Object.assign(out, target);
      else if (Object.keys(target).length) {
        out[urn] = target;
        (out.schemas as string[]).push(urn);
      }
    }
    return out;
  }

  /** Every required attribute and, where present, required sub-attribute: [path, remove it from a body]. */
  function requiredParts(type: string): [string, (body: Json) => void][] {
    const parts: [string, (body: Json) => void][] = [];
    for (const { urn, schema } of schemaParts(type)) {
      for (const attribute of schema.attributes.filter(writable)) {
        const container = (body: Json) => (urn ? (body[urn] as Json) : body);
        const name = urn ? `${urn}:${attribute.name}` : attribute.name;
        if (attribute.required) parts.push([name, (body) => delete container(body)[attribute.name]]);
        if (!attribute.required) continue;
        for (const sub of (attribute.subAttributes ?? []).filter((s) => s.required && writable(s))) {
          parts.push([
            `${name}${attribute.multiValued ? '[0]' : ''}.${sub.name}`,
            (body) => {
              const value = container(body)[attribute.name];
              delete (attribute.multiValued ? (value as Json[])[0] : (value as Json))[sub.name];
            },
          ]);
        }
      }
    }
    return parts;
  }

  const required = (a: Attribute) => a.required;

  it.each(['User', 'Group'])('%s: the minimal resource /Schemas marks required is created', async (type) => {
    const body = build(type, required);
    const res = await scim.post(`/${typeNamed(type).endpoint.replace(/^\//, '')}`, body).expect(201);
    expect(res.body.id).toEqual(expect.any(String));
  });

  it.each(['User', 'Group'])('%s: without any one required part the answer is 400 naming it', async (type) => {
    const parts = requiredParts(type);
    expect(parts.length).toBeGreaterThan(0);
    for (const [name, remove] of parts) {
      const body = build(type, required);
      remove(body);
      const res = await scim.post(typeNamed(type).endpoint, body);
      expect([name, res.status]).toEqual([name, 400]);
      expect(res.body).toMatchObject({ schemas: [SCIM.ERROR], scimType: 'invalidValue' });
      expect(res.body.detail).toContain(name);
    }
  });

  it('User and Group: every writable attribute /Schemas lists round-trips', async () => {
    const users = [
      await scim.post('/Users', build('User', required)).expect(201),
      await scim.post('/Users', build('User', required)).expect(201),
    ];
    const context = { userIds: users.map((u) => u.body.id as string) };
    for (const type of ['User', 'Group']) {
      const body = build(type, roundTrips, context);
      const created = await scim.post(typeNamed(type).endpoint, body).expect(201);
      const got = await scim.get(`${typeNamed(type).endpoint}/${created.body.id}`).expect(200);
      const expected = withServerRefs(body);
      delete expected.schemas;
      expect(withoutOrigin(got.body)).toMatchObject(expected);
      expect(withoutOrigin(created.body)).toEqual(withoutOrigin(got.body));
    }
  });

  /** Each supertest request reaches the app on a new port: compare URIs by their path. */
  const withoutOrigin = (body: unknown): Json => JSON.parse(JSON.stringify(body).replace(/http:\/\/127\.0\.0\.1:\d+/g, ''));

  /** A `$ref` names the user its `value` is: the service writes its own URI for it. */
  function withServerRefs(value: unknown): Json {
    const walk = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') {
        const object = v as Json;
        return Object.fromEntries(Object.entries(object).map(([k, x]) => [k, k === '$ref' ? `/scim/v2/Users/${object.value}` : walk(x)]));
      }
      return v;
    };
    return walk(value) as Json;
  }

  it('User and Group: every string attribute /Schemas lists filters with the letter case its caseExact says', async () => {
    const users = [
      await scim.post('/Users', build('User', required)).expect(201),
      await scim.post('/Users', build('User', required)).expect(201),
    ];
    const context = { userIds: users.map((u) => u.body.id as string) };
    const checked: string[] = [];
    const mismatches: string[] = [];
    for (const type of ['User', 'Group']) {
      const endpoint = typeNamed(type).endpoint;
      const created = (await scim.post(endpoint, build(type, roundTrips, context)).expect(201)).body as Json;
      for (const { urn, schema } of schemaParts(type)) {
        const container = (urn ? created[urn] : created) as Json;
        for (const attribute of schema.attributes.filter(roundTrips)) {
          const subs = attribute.type === 'complex' ? (attribute.subAttributes ?? []).filter(roundTrips) : [attribute];
          for (const sub of subs) {
            // `$ref` and a member's `type` are written by the service from the id: nothing to filter on.
            if (
              (sub.type !== 'string' && sub.type !== 'reference') ||
              sub.name === '$ref' ||
              (sub.mutability === 'immutable' && sub.canonicalValues?.length)
            )
              continue;
            const raw = attribute.type === 'complex' ? [container[attribute.name]].flat()[0] : container;
            const value = (raw as Json | undefined)?.[sub.name];
            if (typeof value !== 'string' || value.toUpperCase() === value.toLowerCase()) continue;
            const path = `${urn ? `${urn}:` : ''}${attribute.name}${attribute.type === 'complex' ? `.${sub.name}` : ''}`;
            const flipped = value === value.toUpperCase() ? value.toLowerCase() : value.toUpperCase();
            const res = await scim.get(
              `${endpoint}?filter=${encodeURIComponent(`${path} eq "${flipped.replace(/"/g, '\\"')}"`)}&attributes=id`,
            );
            const found = res.status === 200 && (res.body.Resources as Json[]).some((r) => r.id === created.id);
            if (res.status !== 200 || found === sub.caseExact) mismatches.push(`${path}: ${res.status} ${found ? 'found' : 'not found'}`);
            checked.push(path);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toEqual(expect.arrayContaining(['userName', 'externalId', 'emails.value', 'members.value', 'displayName']));
  });

  it('User: an attribute returned "never" is accepted on POST and PUT and never answered', async () => {
    const never = schemas.get(SCIM.USER)!.attributes.filter((a) => !roundTrips(a));
    expect(never.map((a) => a.name)).toEqual(['password']);
    const body = build('User', (a) => required(a) || !roundTrips(a));
    const created = await scim.post('/Users', body).expect(201);
    const put = await scim.put(`/Users/${created.body.id}`, body).expect(200);
    const got = await scim.get(`/Users/${created.body.id}?attributes=password`).expect(200);
    for (const answer of [created.body, put.body, got.body]) for (const a of never) expect(answer).not.toHaveProperty(a.name);
  });

  it('states each limit once, in the description', async () => {
    const text = JSON.stringify([...schemas.values()]);
    for (const match of text.matchAll(/"description":"([^"]*)"/g)) {
      expect((match[1].match(/at most \d+ characters/g) ?? []).length).toBeLessThanOrEqual(1);
    }
    const domain = schemas.get(SCIM.WFUSER)!.attributes.find((a) => a.name === 'domain') as Attribute & { description: string };
    expect(domain.description).toBe('The platform domain of the user (at most 25 characters)');
  });
});
