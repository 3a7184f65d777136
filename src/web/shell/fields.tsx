/** Form basics: the CSRF field, labelled inputs and selects with their hint and error, notices, POST buttons. */
import type { ComponentChildren } from 'preact';
import type { UiLang } from '../../core/i18n.js';
import type { Ui } from './ui.js';

export type FieldErrors = Record<string, string>;
/** A choice of a select: [value sent, text shown]. */
export type Option = [string, string];

export const Csrf = ({ ui }: { ui: Ui }) => <input type="hidden" name="_csrf" value={ui.csrf} />;

/** The id of a field's control, and of its hint and error (`${id}-hint`, `${id}-error`). */
export const fieldId = (name: string) => `f-${name.replace(/[^a-z0-9_-]/gi, '-')}`;
/** The ids of the hint and error a control is described by. */
export const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** The hint and the error under a control. */
export function Notes({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {error && (
        <strong class="error" id={`${id}-error`}>
          {error}
        </strong>
      )}
    </>
  );
}

export function Field(props: {
  label: string;
  name: string;
  value?: string | null;
  errors?: FieldErrors;
  type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'url';
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  rows?: number;
  dir?: 'rtl' | 'ltr';
  lang?: string;
  min?: string;
  step?: string;
}) {
  const error = props.errors?.[props.name];
  const id = fieldId(props.name);
  const common = {
    id,
    name: props.name,
    required: props.required,
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': describedBy(id, props.hint, error),
    dir: props.dir,
    lang: props.lang,
  };
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.rows ? (
        <textarea {...common} rows={props.rows}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input
          {...common}
          type={(props.type ?? 'text') as 'text'}
          value={props.value ?? ''}
          autocomplete={props.autocomplete}
          min={props.min}
          step={props.step}
        />
      )}
      <Notes id={id} hint={props.hint} error={error} />
    </div>
  );
}

export function Select(props: {
  label: string;
  name: string;
  value?: string | null;
  options: Option[];
  errors?: FieldErrors;
  multiple?: boolean;
  values?: string[];
  hint?: string;
  required?: boolean;
  size?: number;
}) {
  const error = props.errors?.[props.name];
  const id = fieldId(props.name);
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        multiple={props.multiple}
        size={props.multiple ? (props.size ?? 8) : undefined}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
      >
        {props.options.map(([value, text]) => (
          <option
            value={value}
            selected={props.multiple ? props.values?.includes(value) : value === (props.value ?? '')}
          >
            {text}
          </option>
        ))}
      </select>
      <Notes id={id} hint={props.hint} error={error} />
    </div>
  );
}

/** Options sorted by their text as the UI language sorts it. */
export function byName(options: Option[], lang: UiLang): Option[] {
  const collator = new Intl.Collator(lang);
  return [...options].sort((a, b) => collator.compare(a[1], b[1]));
}

export function Message({ kind, children }: { kind: 'ok' | 'error'; children: ComponentChildren }) {
  return (
    <p class={`message ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

/** A POST button in its own small form (with the CSRF field). */
export function ActionButton({
  ui,
  action,
  label,
  name,
  value,
  danger,
}: {
  ui: Ui;
  action: string;
  label: string;
  name?: string;
  value?: string;
  danger?: boolean;
}) {
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

/** A comma-joined list from a form (repeated fields arrive joined), without blanks. */
export const listValue = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
