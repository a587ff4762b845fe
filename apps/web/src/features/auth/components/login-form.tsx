import { loginRequestSchema, type LoginRequest, type SessionInfo } from "@addnet/contracts";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { TextField } from "../../../components/ui/form-field.tsx";
import { describeError } from "../../../lib/errors.ts";
import { validationText } from "../../../lib/labels.ts";
import { useLogin } from "../api/login.ts";

export interface LoginFormProps {
  onSuccess: (info: SessionInfo) => void;
  defaultUsername?: string | undefined;
}

/** "User name", "Password", "Log in", with vCenter's answer in plain words. */
export function LoginForm({ onSuccess, defaultUsername = "" }: LoginFormProps) {
  const { t } = useTranslation();
  const loginMutation = useLogin();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<LoginRequest>({
    resolver: zodResolver(loginRequestSchema),
    defaultValues: { username: defaultUsername, password: "" },
  });

  const submit = handleSubmit((values) => loginMutation.mutate(values, { onSuccess }));
  const error = errors.username?.message ?? errors.password?.message;

  return (
    <form className="login-form" onSubmit={submit} noValidate>
      <TextField
        label={t("auth.userName")}
        autoComplete="username"
        autoFocus={!defaultUsername}
        error={errors.username?.message && validationText(t, errors.username.message)}
        {...register("username")}
      />
      <TextField
        label={t("auth.password")}
        type="password"
        autoComplete="current-password"
        autoFocus={Boolean(defaultUsername)}
        error={errors.password?.message && validationText(t, errors.password.message)}
        {...register("password")}
      />
      {loginMutation.isError && !error && <Alert status="danger">{describeError(t, loginMutation.error)}</Alert>}
      <Button type="submit" variant="primary" className="login-submit" disabled={loginMutation.isPending}>
        {t("auth.logIn")}
      </Button>
    </form>
  );
}
