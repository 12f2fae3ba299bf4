import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Api, Page, Subscription } from './api';
import { message, Notice, useLoad } from './ui';
import { ActivityView } from './views/activity';
import { ApplicationsView } from './views/applications';
import { OwnersView } from './views/owners';
import { OwnershipView } from './views/ownership';
import { SubscriptionsView } from './views/subscriptions';

const TABS = [
  ['subscriptions', 'Subscriptions'],
  ['applications', 'Applications'],
  ['owners', 'Company owners'],
  ['activity', 'Activity'],
  ['ownership', 'Ownership'],
] as const;
type Tab = (typeof TABS)[number][0];

function currentTab(): Tab {
  const name = location.hash.replace(/^#\/?/, '');
  return (TABS.find(([id]) => id === name)?.[0] ?? 'subscriptions') as Tab;
}

function SignIn({ onSignedIn, notice }: { onSignedIn: (token: string) => void; notice?: string }) {
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const { token } = await Api.signIn(clientId.trim(), clientSecret.trim());
      // A token of scope api whose user is not an administrator gets 403 everywhere: say so here.
      await new Api(token, () => undefined).get('/api/tenancy/subscriptions', { limit: 1 });
      setClientSecret('');
      onSignedIn(token);
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="signin">
      <h1>usersync console</h1>
      <p>Sign in with the client id and secret of an admin application (scope api).</p>
      <Notice kind="info" text={notice} />
      <form onSubmit={submit}>
        <label for="client-id">
          Client id
          <input
            id="client-id"
            autoComplete="username"
            required
            value={clientId}
            onInput={(e) => setClientId((e.target as HTMLInputElement).value)}
          />
        </label>
        <label for="client-secret">
          Client secret
          <input
            id="client-secret"
            type="password"
            autoComplete="current-password"
            required
            value={clientSecret}
            onInput={(e) => setClientSecret((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      <Notice kind="error" text={error} />
    </main>
  );
}

function Console({ api, onSignOut }: { api: Api; onSignOut: () => void }) {
  const [tab, setTab] = useState<Tab>(currentTab());
  useEffect(() => {
    const follow = () => setTab(currentTab());
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  const subscriptions = useLoad(() => api.get<Page<Subscription>>('/api/tenancy/subscriptions', { limit: 200 }), [api]);
  const list = subscriptions.data?.items ?? [];
  return (
    <div class="console">
      <header>
        <h1>usersync console</h1>
        <nav aria-label="Sections">
          {TABS.map(([id, label]) => (
            <a key={id} href={`#/${id}`} aria-current={tab === id ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main>
        <Notice kind="error" text={subscriptions.error} />
        {tab === 'subscriptions' && <SubscriptionsView api={api} subscriptions={list} onChanged={subscriptions.reload} />}
        {tab === 'applications' && <ApplicationsView api={api} subscriptions={list} />}
        {tab === 'owners' && <OwnersView api={api} subscriptions={list} />}
        {tab === 'activity' && <ActivityView api={api} subscriptions={list} />}
        {tab === 'ownership' && <OwnershipView api={api} subscriptions={list} />}
      </main>
    </div>
  );
}

function App() {
  // The token is held here, in memory only: a reload or a closed tab signs out.
  const [token, setToken] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const api = useMemo(
    () =>
      token
        ? new Api(token, (text) => {
            setToken(undefined);
            setNotice(text);
          })
        : undefined,
    [token],
  );
  if (!api) return <SignIn notice={notice} onSignedIn={(signedIn) => (setNotice(undefined), setToken(signedIn))} />;
  return (
    <Console
      api={api}
      onSignOut={() => {
        setToken(undefined);
        setNotice('Signed out.');
      }}
    />
  );
}

render(<App />, document.getElementById('app')!);
