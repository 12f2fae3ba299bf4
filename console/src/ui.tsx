import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { Api, ApiError, Subscription, UserSummary } from './api';

/** A date as the administrator reads it, in their own time zone. */
export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

export function message(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

/** An error or outcome line that screen readers announce. */
export function Notice({ kind, text }: { kind: 'error' | 'ok' | 'info'; text?: string | null }) {
  if (!text) return null;
  return (
    <p class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {text}
    </p>
  );
}

/** A table's header row: one column heading each, and a last, unnamed column of actions when asked. */
export function TableHead({ columns, actions = false }: { columns: string[]; actions?: boolean }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {column}
          </th>
        ))}
        {actions && (
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  );
}

export function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** Runs `load` when its inputs change; answers the data, the error, and a way to load again. */
export function useLoad<T>(load: () => Promise<T>, inputs: unknown[]): { data?: T; error?: string; reload: () => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && (setData(value), setError(undefined)),
      (e) => live && setError(message(e)),
    );
    return () => {
      live = false;
    };
  }, [...inputs, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, error, reload };
}

export function SubscriptionSelect(props: {
  id: string;
  subscriptions: Subscription[];
  value: string;
  onChange: (id: string) => void;
  label?: string;
  allowAll?: boolean;
}) {
  // The label stands beside the list, not around it: a label around a list would take the chosen
  // option's text into the list's accessible name.
  return (
    <div class="field">
      <label for={props.id}>{props.label ?? 'Subscription'}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        {props.allowAll && <option value="">Your own subscription</option>}
        {props.subscriptions.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A secret shown once: copy it, then hide it for good. */
export function SecretOnce({ label, secret, onDone }: { label: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      (document.getElementById('secret-once') as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div class="secret" role="region" aria-label={label}>
      <label for="secret-once">{label} — shown this once; it cannot be shown again</label>
      <div class="row">
        <input id="secret-once" readOnly value={secret} class="mono" />
        <button type="button" onClick={copy}>
          Copy
        </button>
        <button type="button" onClick={onDone}>
          I have stored it — hide it
        </button>
      </div>
      {copied && <Notice kind="ok" text="Copied to the clipboard." />}
    </div>
  );
}

/** Finds a user of a subscription by the start of the userName. */
export function UserPicker(props: { api: Api; subscriptionId: string; action: string; onPick: (user: UserSummary) => void; id: string }) {
  const [search, setSearch] = useState('');
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [error, setError] = useState<string>();
  const find = async (e: Event) => {
    e.preventDefault();
    try {
      const page = await props.api.get<{ items: UserSummary[] }>(`/api/tenancy/subscriptions/${props.subscriptionId}/users`, {
        search,
        limit: 20,
      });
      setUsers(page.items);
      setError(page.items.length ? undefined : 'No user of this subscription has a userName starting so.');
    } catch (err) {
      setError(message(err));
    }
  };
  return (
    <div class="picker">
      <form class="row" onSubmit={find}>
        <label for={props.id}>
          userName starts with
          <input id={props.id} value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">Find users</button>
      </form>
      <Notice kind="error" text={error} />
      {users.length > 0 && (
        <ul class="plain">
          {users.map((u) => (
            <li key={u.userId}>
              <span>
                {u.userName} {u.active ? '' : '(inactive)'}
              </span>{' '}
              <button type="button" onClick={() => props.onPick(u)} aria-label={`${props.action}: ${u.userName}`}>
                {props.action}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
