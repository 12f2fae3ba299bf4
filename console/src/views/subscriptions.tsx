import { useState } from 'preact/hooks';
import { Api, ApplicationWithSecret, Subscription, SubscriptionDetail, testScimConnection } from '../api';
import { message, Notice, SecretOnce, Section, TableHead, useLoad, UserPicker, when } from '../ui';
import { UserPropertiesPanel } from './user-properties';

const SHOWN = 40;

export function SubscriptionsView({ api, subscriptions, onChanged }: { api: Api; subscriptions: Subscription[]; onChanged: () => void }) {
  const [selected, setSelected] = useState<string>();
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  // One detail request a subscription, for the first SHOWN of them: well within the admin API's
  // rate (API_RATE_LIMIT_PER_SECOND, 50 by default) together with the page's other requests.
  const details = useLoad(
    () => Promise.all(subscriptions.slice(0, SHOWN).map((s) => api.get<SubscriptionDetail>(`/api/tenancy/subscriptions/${s.id}`))),
    [api, subscriptions],
  );
  const create = async (e: Event) => {
    e.preventDefault();
    try {
      const created = await api.post<Subscription>('/api/tenancy/subscriptions', { name: name.trim() });
      setName('');
      setError(undefined);
      setSelected(created.id);
      onChanged();
    } catch (err) {
      setError(message(err));
    }
  };
  return (
    <>
      <Section title="Subscriptions">
        <Notice kind="error" text={details.error} />
        {subscriptions.length > SHOWN && (
          <p class="small">
            The first {SHOWN} of {subscriptions.length} subscriptions are shown.
          </p>
        )}
        <div class="table">
          <table>
            <TableHead columns={['Name', 'Owner', 'Active users', 'Inactive users', 'Groups', 'Last activity']} actions />
            <tbody>
              {(details.data ?? []).map((d) => (
                <tr key={d.id} aria-selected={d.id === selected}>
                  <td>{d.name}</td>
                  <td>{d.owner ? `${d.owner.userName}${d.owner.active ? '' : ' (inactive)'}` : 'none — a company owner inherits'}</td>
                  <td>{d.users.active}</td>
                  <td>{d.users.inactive}</td>
                  <td>{d.groups}</td>
                  <td>
                    {d.lastActivity ? `${d.lastActivity.operation} ${d.lastActivity.outcome}, ${when(d.lastActivity.createdAt)}` : '—'}
                  </td>
                  <td>
                    <button type="button" onClick={() => setSelected(d.id)} aria-label={`Open ${d.name}`}>
                      Open
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form class="row" onSubmit={create}>
          <label for="new-subscription">
            New subscription name
            <input
              id="new-subscription"
              required
              maxLength={200}
              value={name}
              onInput={(e) => setName((e.target as HTMLInputElement).value)}
            />
          </label>
          <button type="submit">Create subscription</button>
        </form>
        <Notice kind="error" text={error} />
      </Section>
      {selected && <SubscriptionPanel key={selected} api={api} id={selected} onChanged={() => (details.reload(), onChanged())} />}
    </>
  );
}

function SubscriptionPanel({ api, id, onChanged }: { api: Api; id: string; onChanged: () => void }) {
  const detail = useLoad(() => api.get<SubscriptionDetail>(`/api/tenancy/subscriptions/${id}`), [api, id]);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const d = detail.data;
  if (!d) return <Notice kind="error" text={detail.error} />;
  const nameOwner = async (userId: string, userName: string) => {
    try {
      await api.put(`/api/tenancy/subscriptions/${id}/owner`, { userId });
      setNotice({ kind: 'ok', text: `${userName} now owns ${d.name}.` });
      detail.reload();
      onChanged();
    } catch (err) {
      setNotice({ kind: 'error', text: message(err) });
    }
  };
  return (
    <Section title={`Subscription ${d.name}`}>
      <dl class="facts">
        <dt>Id</dt>
        <dd class="mono">{d.id}</dd>
        <dt>Owner</dt>
        <dd>{d.owner ? `${d.owner.userName}${d.owner.active ? '' : ' (inactive)'}` : 'none yet'}</dd>
        <dt>Heir of a user without an active boss</dt>
        <dd>
          {d.heirWithoutBoss === 'subscription_owner' ? 'the subscription owner' : 'a company owner (the subscription has no active owner)'}
        </dd>
        <dt>Users</dt>
        <dd>
          {d.users.active} active, {d.users.inactive} inactive; {d.groups} groups
        </dd>
        <dt>Applications</dt>
        <dd>{d.applications.length ? d.applications.map((a) => `${a.name} (last used ${when(a.lastUsedAt)})`).join('; ') : 'none'}</dd>
      </dl>
      <h3>Name the owner</h3>
      <UserPicker
        api={api}
        subscriptionId={id}
        id={`owner-search-${id}`}
        action="Make owner"
        onPick={(u) => nameOwner(u.userId, u.userName)}
      />
      <Notice kind={notice?.kind ?? 'ok'} text={notice?.text} />
      <ConnectEntra api={api} subscription={d} onChanged={() => (detail.reload(), onChanged())} />
      <UserPropertiesPanel api={api} subscriptionId={id} />
    </Section>
  );
}

/** Entra ID's side is "Tenant URL + Secret Token + Test Connection": this panel gives the first two and runs the third. */
function ConnectEntra({ api, subscription, onChanged }: { api: Api; subscription: SubscriptionDetail; onChanged: () => void }) {
  const tenantUrl = `${location.origin}/scim/v2`;
  const [secret, setSecret] = useState<string>();
  const [testToken, setTestToken] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string }>();
  const [error, setError] = useState<string>();
  const register = async () => {
    try {
      const app = await api.post<ApplicationWithSecret>('/api/oauth2/applications', {
        name: 'Microsoft Entra ID provisioning',
        grantType: 'bearer_token',
        allowedScopes: ['usersync'],
        tokenLifetimeSeconds: 0,
        subscriptionId: subscription.id,
      });
      setSecret(app.clientSecret);
      setTestToken(app.clientSecret);
      setError(undefined);
      onChanged();
    } catch (err) {
      setError(message(err));
    }
  };
  const test = async (e: Event) => {
    e.preventDefault();
    setOutcome(await testScimConnection(tenantUrl, testToken.trim()));
  };
  return (
    <div class="panel" role="region" aria-label="Connect Microsoft Entra ID">
      <h3>Connect Microsoft Entra ID</h3>
      <ol>
        <li>
          <label for="tenant-url">Tenant URL — paste it into Entra ID (Provisioning → Admin Credentials)</label>
          <div class="row">
            <input id="tenant-url" readOnly value={tenantUrl} class="mono" />
            <button type="button" onClick={() => navigator.clipboard.writeText(tenantUrl).catch(() => undefined)}>
              Copy
            </button>
          </div>
        </li>
        <li>
          <p>
            Register an application for Entra ID: its secret is the Secret Token (scope usersync, never expires, rotate it from
            Applications).
          </p>
          <button type="button" onClick={register}>
            Register Entra ID application
          </button>
          <Notice kind="error" text={error} />
          {secret && <SecretOnce label="Secret Token" secret={secret} onDone={() => setSecret(undefined)} />}
        </li>
        <li>
          <form class="row" onSubmit={test}>
            <label for="test-token">
              Secret Token to test
              <input
                id="test-token"
                type="password"
                required
                value={testToken}
                onInput={(e) => setTestToken((e.target as HTMLInputElement).value)}
              />
            </label>
            <button type="submit">Test connection</button>
          </form>
          {outcome && <Notice kind={outcome.ok ? 'ok' : 'error'} text={outcome.message} />}
        </li>
      </ol>
    </div>
  );
}
