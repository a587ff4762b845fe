import type { LoginRequest, SessionInfo, ValidationCode } from "@addnet/contracts";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { TextField } from "../../../components/ui/form-field.tsx";
import { useSession } from "../../../lib/auth.ts";
import { describeError } from "../../../lib/errors.ts";
import { validationText } from "../../../lib/labels.ts";
import { login } from "../api/login.ts";

export interface LoginFormProps {
  onSuccess: (info: SessionInfo) => void;
  defaultUsername?: string | undefined;
}

type Credentials = Pick<LoginRequest, "username" | "password">;

/**
 * What the user left out, as the shared login schema (loginRequestSchema) words it. A plain check rather than the
 * schema itself, so that the sign-in page does not load zod; the API checks the request against the schema.
 */
function missing({ username, password }: Credentials): Partial<Record<keyof Credentials, ValidationCode>> {
  return {
    ...(username.trim() === "" && { username: "login.username.required" }),
    ...(password === "" && { password: "login.password.required" }),
  };
}

/** "User name", "Password", "Log in", with vCenter's answer in plain words; signed in, the session is the new one. */
export function LoginForm({ onSuccess, defaultUsername = "" }: LoginFormProps) {
  const { t } = useTranslation();
  const session = useSession();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown }>();
  const [values, setValues] = useState<Credentials>({ username: defaultUsername, password: "" });
  // Checked from the first Log in on, then as the user types.
  const [submitted, setSubmitted] = useState(false);
  const inputs = { username: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };
  const errors = submitted ? missing(values) : {};
  const error = errors.username ?? errors.password;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const left = missing(values);
    const first = left.username ? "username" : left.password ? "password" : undefined;
    if (first) {
      inputs[first].current?.focus();
      return;
    }
    setSending(true);
    setFailure(undefined);
    login({ username: values.username.trim(), password: values.password }).then(
      (info) => {
        setSending(false);
        session.set(info);
        onSuccess(info);
      },
      (error: unknown) => {
        setSending(false);
        setFailure({ error });
      },
    );
  };
  const field = (name: keyof Credentials) => ({
    ref: inputs[name],
    name,
    value: values[name],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
    error: errors[name] && validationText(t, errors[name]),
  });

  return (
    <form className="login-form" onSubmit={submit} noValidate>
      <TextField label={t("auth.userName")} autoComplete="username" autoFocus={!defaultUsername} {...field("username")} />
      <TextField
        label={t("auth.password")}
        type="password"
        autoComplete="current-password"
        autoFocus={Boolean(defaultUsername)}
        {...field("password")}
      />
      {failure && !error && <Alert status="danger">{describeError(t, failure.error)}</Alert>}
      <Button type="submit" variant="primary" className="login-submit" disabled={sending}>
        {t("auth.logIn")}
      </Button>
    </form>
  );
}
