import { useState } from 'preact/hooks';
import { Api, Application, ApplicationWithSecret, Page, Subscription } from '../api';
import { message, Notice, SecretOnce, Section, SubscriptionSelect, TableHead, useLoad, when } from '../ui';

const SCOPES = ['api', 'usersync'] as const;

function lifetime(seconds: number): string {
  return seconds === 0 ? 'never expires' : `${seconds} s`;
}

export function ApplicationsView({ api, subscriptions }: { api: Api; subscriptions: Subscription[] }) {
  const [subscriptionId, setSubscriptionId] = useState(subscriptions[0]?.id ?? '');
  const scope = subscriptionId || undefined;
  const apps = useLoad(() => api.get<Page<Application>>('/api/oauth2/applications', { subscriptionId: scope, limit: 200 }), [api, scope]);
  const [secret, setSecret] = useState<{ label: string; value: string }>();
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const done = (text: string) => (setNotice({ kind: 'ok', text }), apps.reload());
  const failed = (err: unknown) => setNotice({ kind: 'error', text: message(err) });
  const subscriptionName = (id: string) => subscriptions.find((s) => s.id === id)?.name ?? id;
  return (
    <Section title="Applications">
      <SubscriptionSelect
        id="applications-subscription"
        subscriptions={subscriptions}
        value={subscriptionId}
        onChange={setSubscriptionId}
      />
      <Notice kind="error" text={apps.error} />
      <Notice kind={notice?.kind ?? 'ok'} text={notice?.text} />
      {secret && <SecretOnce label={secret.label} secret={secret.value} onDone={() => setSecret(undefined)} />}
      <div class="table">
        <table>
          <TableHead columns={['Name', 'Grant type', 'Scopes', 'Token lifetime', 'Subscription', 'Last used']} actions />
          <tbody>
            {(apps.data?.items ?? []).map((a) => (
              <ApplicationRow
                key={a.id}
                api={api}
                app={a}
                subscription={subscriptionName(a.subscriptionId)}
                onSecret={(value) => setSecret({ label: `New client secret of ${a.name}`, value })}
                onDone={done}
                onError={failed}
              />
            ))}
          </tbody>
        </table>
      </div>
      <CreateApplication
        api={api}
        subscriptionId={scope}
        onCreated={(app) => {
          setSecret({ label: `Client secret of ${app.name}`, value: app.clientSecret });
          done(`Application ${app.name} registered; client id ${app.clientId}.`);
        }}
        onError={failed}
      />
    </Section>
  );
}

function ApplicationRow(props: {
  api: Api;
  app: Application;
  subscription: string;
  onSecret: (secret: string) => void;
  onDone: (text: string) => void;
  onError: (err: unknown) => void;
}) {
  const { api, app } = props;
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const [scopes, setScopes] = useState<string[]>(app.allowedScopes);
  const [seconds, setSeconds] = useState(String(app.tokenLifetimeSeconds));
  const path = `/api/oauth2/applications/${app.id}`;
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await api.patch(path, { allowedScopes: scopes, tokenLifetimeSeconds: Number(seconds), subscriptionId: app.subscriptionId });
      setMode('view');
      props.onDone(`Application ${app.name} changed.`);
    } catch (err) {
      props.onError(err);
    }
  };
  const rotate = async () => {
    try {
      const rotated = await api.post<ApplicationWithSecret>(`${path}/secret`, { subscriptionId: app.subscriptionId });
      props.onSecret(rotated.clientSecret);
      props.onDone(`The secret of ${app.name} was rotated; the old one and its tokens stopped working.`);
    } catch (err) {
      props.onError(err);
    }
  };
  const remove = async () => {
    try {
      await api.delete(path, { subscriptionId: app.subscriptionId });
      props.onDone(`Application ${app.name} deleted.`);
    } catch (err) {
      props.onError(err);
    }
  };
  return (
    <>
      <tr>
        <td>
          {app.name}
          <div class="mono small">{app.clientId}</div>
        </td>
        <td>{app.grantType}</td>
        <td>{app.allowedScopes.join(' ')}</td>
        <td>{lifetime(app.tokenLifetimeSeconds)}</td>
        <td>{props.subscription}</td>
        <td>{when(app.lastUsedAt)}</td>
        <td class="actions">
          <button type="button" onClick={() => setMode(mode === 'edit' ? 'view' : 'edit')} aria-label={`Change ${app.name}`}>
            Change
          </button>
          <button type="button" onClick={rotate} aria-label={`Rotate the secret of ${app.name}`}>
            Rotate secret
          </button>
          <button type="button" class="danger" onClick={() => setMode('delete')} aria-label={`Delete ${app.name}`}>
            Delete
          </button>
        </td>
      </tr>
      {mode === 'edit' && (
        <tr>
          <td colSpan={7}>
            <form class="row" onSubmit={save} aria-label={`Change ${app.name}`}>
              <ScopesAndLifetime idPrefix={app.id} scopes={scopes} onScopes={setScopes} seconds={seconds} onSeconds={setSeconds} />
              <button type="submit">Save</button>
            </form>
          </td>
        </tr>
      )}
      {mode === 'delete' && (
        <tr>
          <td colSpan={7}>
            <div class="confirm" role="alertdialog" aria-label={`Delete ${app.name}?`}>
              <p>Delete {app.name}? Every token of this application, and its secret, stop working at once.</p>
              <button type="button" class="danger" onClick={remove}>
                Delete {app.name}
              </button>
              <button type="button" onClick={() => setMode('view')}>
                Keep it
              </button>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}

function CreateApplication(props: {
  api: Api;
  subscriptionId?: string;
  onCreated: (app: ApplicationWithSecret) => void;
  onError: (err: unknown) => void;
}) {
  const [name, setName] = useState('');
  const [grantType, setGrantType] = useState<'client_credentials' | 'bearer_token'>('bearer_token');
  const [scopes, setScopes] = useState<string[]>(['usersync']);
  const [seconds, setSeconds] = useState('0');
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const app = await props.api.post<ApplicationWithSecret>('/api/oauth2/applications', {
        name: name.trim(),
        grantType,
        allowedScopes: scopes,
        tokenLifetimeSeconds: Number(seconds),
        subscriptionId: props.subscriptionId,
      });
      setName('');
      props.onCreated(app);
    } catch (err) {
      props.onError(err);
    }
  };
  return (
    <form class="stack" onSubmit={submit} aria-label="Add an application">
      <h3>Add an application</h3>
      <label for="app-name">
        Name
        <input id="app-name" required maxLength={200} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
      </label>
      <label for="app-grant">
        Grant type
        <select id="app-grant" value={grantType} onChange={(e) => setGrantType((e.target as HTMLSelectElement).value as typeof grantType)}>
          <option value="bearer_token">bearer_token — the secret is the bearer token (Entra ID Secret Token)</option>
          <option value="client_credentials">client_credentials — scripts exchange the secret for tokens</option>
        </select>
      </label>
      <ScopesAndLifetime idPrefix="new" scopes={scopes} onScopes={setScopes} seconds={seconds} onSeconds={setSeconds} />
      <button type="submit">Add application</button>
    </form>
  );
}

/** What an application may do: its scopes, and how long its tokens live. */
function ScopesAndLifetime(props: {
  idPrefix: string;
  scopes: string[];
  onScopes: (scopes: string[]) => void;
  seconds: string;
  onSeconds: (seconds: string) => void;
}) {
  return (
    <>
      <fieldset>
        <legend>Scopes</legend>
        {SCOPES.map((s) => (
          <label key={s} for={`scope-${props.idPrefix}-${s}`} class="inline">
            <input
              id={`scope-${props.idPrefix}-${s}`}
              type="checkbox"
              checked={props.scopes.includes(s)}
              onChange={(e) =>
                props.onScopes((e.target as HTMLInputElement).checked ? [...props.scopes, s] : props.scopes.filter((x) => x !== s))
              }
            />
            {s}
          </label>
        ))}
      </fieldset>
      <label for={`lifetime-${props.idPrefix}`}>
        Token lifetime in seconds (0: never expires)
        <input
          id={`lifetime-${props.idPrefix}`}
          type="number"
          min={0}
          value={props.seconds}
          onInput={(e) => props.onSeconds((e.target as HTMLInputElement).value)}
        />
      </label>
    </>
  );
}
