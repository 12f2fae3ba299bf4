import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { adminToken, call, launchBrowser, screenshot, Service, startService } from './console-harness';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Waits (up to the locator timeout) for what a user would see. */
const shown = (locator: Locator) => locator.first().waitFor({ state: 'visible' });
const showsText = (locator: Locator, text: string | RegExp) => locator.filter({ hasText: text }).first().waitFor({ state: 'visible' });
const gone = (locator: Locator) => locator.first().waitFor({ state: 'detached' });

/**
 * The admin console at /console, in headless Chromium, against the built service: what a
 * platform administrator does there, end to end. Each test leaves a screenshot in
 * test/browser/screenshots.
 */
describe('admin console', () => {
  let service: Service;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let secretToken = '';

  beforeAll(async () => {
    service = await startService();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(10000);
    page.on('pageerror', (error) => {
      throw error;
    });
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  const button = (name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
  const HEADINGS: Record<string, string> = {
    Subscriptions: 'Subscriptions',
    Applications: 'Applications',
    'Company owners': 'Company owners',
    Activity: 'Provisioning activity',
    Ownership: 'Ownership',
  };
  /** Follows a link of the navigation and waits for its section. */
  const open = async (section: string) => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: section }).click();
    await shown(page.getByRole('heading', { name: HEADINGS[section], exact: true }));
  };
  const subscriptionSelect = () => page.getByLabel('Subscription', { exact: true });

  async function signIn(): Promise<void> {
    await page.getByLabel('Client id').fill(service.clientId);
    await page.getByLabel('Client secret').fill(service.clientSecret);
    await button('Sign in').click();
    await shown(page.getByRole('navigation', { name: 'Sections' }));
  }

  it('serves the page under a policy without inline scripts, and refuses a wrong secret in words', async () => {
    const res = await page.goto(`${service.base}/console/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res?.headers()['content-security-policy']).not.toMatch(/unsafe-inline/);
    await page.getByLabel('Client id').fill(service.clientId);
    await page.getByLabel('Client secret').fill('not-the-secret');
    await button('Sign in').click();
    await showsText(page.getByRole('alert'), /client/i);
    await screenshot(page, '01-sign-in-refused');
    await signIn();
    // the token is held in memory only
    expect(await page.evaluate('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie')).toBe(
      '{}{}',
    );
  });

  it('creates a subscription and connects Entra ID: the Secret Token is shown once, then hidden, and Test connection succeeds', async () => {
    await open('Subscriptions');
    await page.getByLabel('New subscription name').fill('Contoso Entra ID');
    await button('Create subscription').click();
    const panel = page.getByRole('region', { name: 'Connect Microsoft Entra ID' });
    await shown(panel);
    await shown(page.getByRole('row', { name: /Contoso Entra ID/ }));
    expect(await panel.getByLabel(/Tenant URL/).inputValue()).toBe(`${service.base}/scim/v2`);

    await panel.getByRole('button', { name: 'Register Entra ID application' }).click();
    const secret = page.getByLabel(/Secret Token — shown this once/);
    await shown(secret);
    secretToken = await secret.inputValue();
    expect(secretToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await screenshot(page, '02-secret-token-once');
    await button('I have stored it — hide it').click();
    await gone(page.getByLabel(/Secret Token — shown this once/));
    expect(await page.locator('body').innerText()).not.toContain(secretToken);

    await panel.getByRole('button', { name: 'Test connection' }).click();
    await showsText(panel.getByRole('status'), 'Connection succeeded');
    await screenshot(page, '03-test-connection');
  });

  it('shows a SCIM POST of that Secret Token in Activity, and a refusal with its scimType and detail', async () => {
    const user = (userName: string, managerId?: string) => ({
      schemas: [USER, ENTERPRISE],
      userName,
      active: true,
      displayName: userName.split('@')[0],
      emails: [{ primary: true, type: 'work', value: userName }],
      ...(managerId ? { [ENTERPRISE]: { manager: { value: managerId } } } : {}),
    });
    const created = await call(service.base, secretToken, 'POST', '/scim/v2/Users', user('ada@contoso.example'));
    expect(created.status).toBe(201);
    expect((await call(service.base, secretToken, 'POST', '/scim/v2/Users', user('ada@contoso.example'))).status).toBe(409);

    await open('Activity');
    await subscriptionSelect().selectOption({ label: 'Contoso Entra ID' });
    await shown(page.getByRole('row', { name: /create User ada@contoso\.example.*201/ }));
    const refused = page.getByRole('row', { name: /Refused 409 uniqueness/ });
    await shown(refused);
    await showsText(refused, 'already in use');
    await screenshot(page, '04-activity');
  });

  it('shows a disable under transfers: what the user owned passed to their manager', async () => {
    const token = await adminToken(service);
    const subscriptions = await call(service.base, token, 'GET', '/api/tenancy/subscriptions');
    const entra = subscriptions.body.items.find((s: { name: string }) => s.name === 'Contoso Entra ID').id;
    const boss = await call(service.base, secretToken, 'POST', '/scim/v2/Users', {
      schemas: [USER],
      userName: 'eve@contoso.example',
      displayName: 'Eve',
      emails: [{ value: 'eve@contoso.example', primary: true }],
    });
    const worker = await call(service.base, secretToken, 'POST', '/scim/v2/Users', {
      schemas: [USER, ENTERPRISE],
      userName: 'dana@contoso.example',
      displayName: 'Dana',
      emails: [{ value: 'dana@contoso.example', primary: true }],
      [ENTERPRISE]: { manager: { value: boss.body.id } },
    });
    const resource = await fetch(`${service.base}/api/ownership/resources`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'process', name: 'Invoice approval', ownerUserId: worker.body.id, subscriptionId: entra }),
    });
    expect(resource.status).toBe(201);
    const disabled = await call(service.base, secretToken, 'PATCH', `/scim/v2/Users/${worker.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(disabled.status).toBe(200);

    await open('Ownership');
    await subscriptionSelect().selectOption({ label: 'Contoso Entra ID' });
    const row = page.getByRole('row', { name: /their boss/ });
    await showsText(row, '1 resources');
    await showsText(row, worker.body.id);
    await page.getByLabel('userName starts with').fill('eve');
    await button('Find users').click();
    await page.getByRole('button', { name: 'Show: eve@contoso.example' }).click();
    await shown(page.getByText('process: Invoice approval'));
    await screenshot(page, '05-transfers');
  });

  it('names the subscription owner by picking one of its users', async () => {
    await open('Subscriptions');
    await page.getByRole('button', { name: 'Open Contoso Entra ID' }).click();
    await page.getByLabel('userName starts with').fill('EVE');
    await button('Find users').click();
    await page.getByRole('button', { name: 'Make owner: eve@contoso.example' }).click();
    await shown(page.getByText('eve@contoso.example now owns Contoso Entra ID.'));
    await showsText(page.getByRole('row', { name: /Contoso Entra ID/ }), 'eve@contoso.example');
  });

  it('defines a user property Entra ID can map, and deletes it with its values only when told to', async () => {
    await open('Subscriptions');
    await page.getByRole('button', { name: 'Open Contoso Entra ID' }).click();
    const panel = page.getByRole('region', { name: 'User properties' });
    await panel.getByLabel('Property name').fill('costCenter');
    await panel.getByLabel('Type', { exact: true }).selectOption('string');
    await panel.getByRole('button', { name: 'Define property' }).click();
    const target = 'urn:usersync:params:scim:schemas:extension:properties:2.0:User:costCenter';
    await showsText(panel.getByRole('status'), target);
    await showsText(panel.getByRole('row', { name: /costCenter/ }), target);

    const users = await call(
      service.base,
      secretToken,
      'GET',
      `/scim/v2/Users?filter=${encodeURIComponent('userName eq "ada@contoso.example"')}`,
    );
    const patched = await call(service.base, secretToken, 'PATCH', `/scim/v2/Users/${users.body.Resources[0].id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Add', path: target, value: 'CC-100' }],
    });
    expect(patched.body['urn:usersync:params:scim:schemas:extension:properties:2.0:User']).toEqual({ costCenter: 'CC-100' });

    await panel.getByRole('button', { name: 'Delete property costCenter', exact: true }).click();
    await showsText(panel.getByRole('alert'), 'force=true');
    await screenshot(page, '06-user-properties');
    await panel.getByRole('button', { name: 'Delete property costCenter and its values' }).click();
    await showsText(panel.getByRole('status'), 'costCenter deleted, with its values.');
    await gone(panel.getByRole('row', { name: /costCenter/ }));
  });

  it('creates, changes, rotates and deletes an application; every secret is shown once', async () => {
    await open('Applications');
    await subscriptionSelect().selectOption({ label: 'Headquarters' });
    await page.getByLabel('Name', { exact: true }).fill('Nightly export');
    await page.getByLabel('Grant type').selectOption('client_credentials');
    await page.getByRole('form', { name: 'Add an application' }).getByLabel('api').check();
    await page.getByRole('form', { name: 'Add an application' }).getByLabel('Token lifetime in seconds (0: never expires)').fill('3600');
    await button('Add application').click();
    const first = await page.getByLabel(/Client secret of Nightly export — shown this once/).inputValue();
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = page.getByRole('row', { name: /Nightly export/ }).first();
    await showsText(row, 'client_credentials');
    await showsText(row, 'api usersync');
    await showsText(row, '3600 s');

    await page.getByRole('button', { name: 'Change Nightly export' }).click();
    await page.getByRole('form', { name: 'Change Nightly export' }).getByLabel('api').uncheck();
    await page
      .getByRole('form', { name: 'Change Nightly export' })
      .getByLabel(/Token lifetime/)
      .fill('600');
    await button('Save').click();
    await shown(page.getByText('Application Nightly export changed.'));
    await showsText(page.getByRole('row', { name: /Nightly export/ }).first(), '600 s');

    await page.getByRole('button', { name: 'Rotate the secret of Nightly export' }).click();
    const rotated = await page.getByLabel(/New client secret of Nightly export — shown this once/).inputValue();
    expect(rotated).not.toBe(first);
    await button('I have stored it — hide it').click();

    await page.getByRole('button', { name: 'Delete Nightly export' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete Nightly export?' });
    await showsText(confirm, 'stop working at once');
    await screenshot(page, '07-delete-confirmation');
    await confirm.getByRole('button', { name: 'Delete Nightly export' }).click();
    await shown(page.getByText('Application Nightly export deleted.'));
    await gone(page.getByRole('row', { name: /Nightly export/ }));
  });

  it('refuses to remove the last company owner, in the words of the API', async () => {
    await open('Company owners');
    await page.getByRole('button', { name: 'Remove admin@contoso.example as company owner' }).click();
    await showsText(page.getByRole('alert'), 'only company owner still active');
    await screenshot(page, '08-last-owner-refused');
  });

  it('is readable at 390 px wide', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open('Activity');
    await shown(page.getByRole('heading', { name: 'Provisioning activity' }));
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow as number).toBeLessThanOrEqual(0);
    await screenshot(page, '09-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('returns to sign-in with a message when the token is revoked', async () => {
    // another administrator rotates the admin application's secret: every token of it stops
    const token = await adminToken(service);
    const apps = await call(service.base, token, 'GET', '/api/oauth2/applications');
    const admin = apps.body.items.find((a: { clientId: string }) => a.clientId === service.clientId);
    const rotated = await call(service.base, token, 'POST', `/api/oauth2/applications/${admin.id}/secret`);
    expect(rotated.status).toBe(200);
    service.clientSecret = rotated.body.clientSecret;
    await open('Company owners');
    await shown(page.getByText(/Your session ended/));
    await shown(page.getByLabel('Client id'));
    await screenshot(page, '10-session-ended');
    await signIn();
  });
});
