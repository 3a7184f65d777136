/** Form pieces for the back office: the CSRF field, labelled inputs with their error, notices. */
import type { ComponentChildren } from 'preact';
import type { Ui } from './ui.js';

export type FieldErrors = Record<string, string>;

export const Csrf = ({ ui }: { ui: Ui }) => <input type="hidden" name="_csrf" value={ui.csrf} />;

export function Field(props: { label: string; name: string; value?: string | null; errors?: FieldErrors; type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'url'; required?: boolean; hint?: string; autocomplete?: string; rows?: number; dir?: 'rtl' | 'ltr'; lang?: string }) {
  const error = props.errors?.[props.name];
  const id = `f-${props.name.replace(/[^a-z0-9_-]/gi, '-')}`;
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: props.name, required: props.required, 'aria-invalid': error ? (true as const) : undefined, 'aria-describedby': describedBy, dir: props.dir, lang: props.lang };
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.rows ? <textarea {...common} rows={props.rows}>{props.value ?? ''}</textarea> : <input {...common} type={(props.type ?? 'text') as 'text'} value={props.value ?? ''} autocomplete={props.autocomplete} />}
      {props.hint && <small id={`${id}-hint`}>{props.hint}</small>}
      {error && (
        <strong class="error" id={`${id}-error`}>
          {error}
        </strong>
      )}
    </div>
  );
}

export function Select(props: { label: string; name: string; value?: string | null; options: [string, string][]; errors?: FieldErrors; multiple?: boolean; values?: string[] }) {
  const error = props.errors?.[props.name];
  const id = `f-${props.name}`;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} multiple={props.multiple} size={props.multiple ? 6 : undefined}>
        {props.options.map(([value, text]) => (
          <option value={value} selected={props.multiple ? props.values?.includes(value) : value === props.value}>
            {text}
          </option>
        ))}
      </select>
      {error && <strong class="error">{error}</strong>}
    </div>
  );
}

export function Message({ kind, children }: { kind: 'ok' | 'error'; children: ComponentChildren }) {
  return (
    <p class={`message ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

/** A POST button in its own small form (with the CSRF field). */
export function ActionButton({ ui, action, label, name, value, danger }: { ui: Ui; action: string; label: string; name?: string; value?: string; danger?: boolean }) {
  return (
    <form method="post" action={action} class="inline">
      <Csrf ui={ui} />
      {name && <input type="hidden" name={name} value={value} />}
      <button type="submit" class={danger ? 'danger' : undefined}>
        {label}
      </button>
    </form>
  );
}

/** zod issues → { field: message } for inline messages. */
export function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) out[i.path.map(String).join('.')] ??= i.message;
  return out;
}
