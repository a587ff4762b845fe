import {
  checkNetStackEdit,
  CONGESTION_CONTROL,
  dhcpAdapters,
  netStackPatchSchema,
  type HostNetworking,
  type NetStackPatch,
  type TcpipStackInfo,
} from "@addnet/contracts";
import { useMemo, useState } from "react";
import { useForm, useWatch, type FieldErrors } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Fieldset, Radio, SelectField, TextField } from "../../../components/ui/form-field.tsx";
import { Modal } from "../../../components/ui/modal.tsx";
import { VerticalTabs } from "../../../components/ui/tabs.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { describeError } from "../../../lib/errors.ts";
import { fieldError, schemaResolver } from "../../../lib/form.ts";
import { isSystemStack, stackLabel, validationText } from "../../../lib/labels.ts";
import { useUpdateNetstack } from "../api/update-netstack.ts";
import { initialStackValues, stackExtraIssues, toPatch, type StackFormValues } from "./stack-form.ts";

type Page = "name" | "dns" | "routing" | "advanced";

const PAGE_FIELDS: Record<Page, string[]> = {
  name: ["name"],
  dns: ["dnsConfiguration"],
  routing: ["defaultGateway", "ipV6DefaultGateway"],
  advanced: ["congestionControlAlgorithm", "maxNumberOfConnections"],
};

export interface EditTcpipStackDialogProps {
  networking: HostNetworking;
  stack: TcpipStackInfo;
  onClose: () => void;
}

/**
 * "Edit TCP/IP Stack Configuration" (wizard-spec §3): Name on a custom stack, then DNS configuration, Routing and
 * Advanced, on every stack: each has its own DNS settings. Only what changed is sent.
 */
export function EditTcpipStackDialog({ networking, stack, onClose }: EditTcpipStackDialogProps) {
  const { t } = useTranslation();
  // A custom stack's dialog starts with its Name page, as the vSphere Client's does; the system stacks have none.
  const custom = !isSystemStack(stack.key);
  const [page, setPage] = useState<Page>(custom ? "name" : "dns");
  const name = stackLabel(t, stack.key, stack.name);
  const initial = useMemo(() => initialStackValues(stack), [stack]);
  const update = useUpdateNetstack(networking.host.id);

  const resolver = useMemo(
    () =>
      schemaResolver<StackFormValues, typeof netStackPatchSchema>(
        netStackPatchSchema,
        (v) => toPatch(v, initial, stack, networking.ipv6Enabled),
        (v) => stackExtraIssues(v, initial, stack, networking),
      ),
    [initial, stack, networking],
  );
  const {
    register,
    handleSubmit,
    control,
    setError,
    formState: { errors, isSubmitted },
  } = useForm<StackFormValues, unknown, NetStackPatch>({ defaultValues: initial, resolver, mode: "onSubmit", reValidateMode: "onChange" });
  const dnsMode = useWatch({ control, name: "dnsConfiguration.mode" });

  // What the host refuses whatever the form holds: the privilege, or a stack no adapter uses yet.
  const refusal = checkNetStackEdit(networking, stack.key, {}).find((i) => i.path === "");
  const blocked = refusal && validationText(t, refusal.code, refusal.params);

  const err = (path: string) => {
    const error = fieldError(errors as FieldErrors, path);
    return error && validationText(t, error.message, error.params);
  };
  const pageHasErrors = (p: Page) =>
    PAGE_FIELDS[p].some((f) => fieldError(errors as FieldErrors, f) || (errors as Record<string, unknown>)[f]);

  const submit = handleSubmit(
    // The resolver's output is the PATCH body, already checked with the shared schema.
    (patch) => {
      update.mutate(
        { key: stack.key, patch },
        {
          onSuccess: onClose,
          onError: (e) => {
            if (e instanceof ApiError && e.problem?.errors) {
              for (const issue of e.problem.errors) setError(issue.path as never, { type: "server", message: issue.code });
            }
          },
        },
      );
    },
    (invalid) => {
      const first = (Object.keys(PAGE_FIELDS) as Page[]).find((p) => PAGE_FIELDS[p].some((f) => f in invalid));
      if (first) setPage(first);
    },
  );

  const formId = `edit-stack-${stack.key}`;
  const dhcpVmks = dhcpAdapters(networking);
  const dnsAdapterChoices = [...new Set([...dhcpVmks, initial.dnsConfiguration.vmkernelAdapter].filter(Boolean))];

  // A custom stack is renamed here, as in the vSphere Client.
  const namePanel = <TextField label={t("tcpip.stackName")} error={err("name")} {...register("name")} />;

  const dnsPanel = (
    <>
      <Fieldset legend={t("tcpip.dns.legend")}>
        <Radio
          label={t("tcpip.dns.automatic")}
          value="dhcp"
          disabled={dhcpVmks.length === 0 && dnsMode !== "dhcp"}
          {...register("dnsConfiguration.mode")}
        />
        <Radio label={t("tcpip.dns.manual")} value="manual" {...register("dnsConfiguration.mode")} />
      </Fieldset>
      {dnsMode === "dhcp" ? (
        <SelectField
          label={t("tcpip.dns.vmkernelAdapter")}
          error={err("dnsConfiguration.vmkernelAdapter")}
          {...register("dnsConfiguration.vmkernelAdapter")}
        >
          <option value="">{t("common.selectOne")}</option>
          {dnsAdapterChoices.map((device) => (
            <option key={device} value={device}>
              {device}
            </option>
          ))}
        </SelectField>
      ) : (
        <>
          <TextField label={t("tcpip.dns.hostName")} error={err("dnsConfiguration.hostName")} {...register("dnsConfiguration.hostName")} />
          <TextField
            label={t("tcpip.dns.domainName")}
            error={err("dnsConfiguration.domainName")}
            {...register("dnsConfiguration.domainName")}
          />
          <TextField
            label={t("tcpip.dns.preferredServer")}
            error={err("dnsConfiguration.preferredDnsServer")}
            {...register("dnsConfiguration.preferredDnsServer")}
          />
          <TextField
            label={t("tcpip.dns.alternateServer")}
            error={err("dnsConfiguration.alternateDnsServer")}
            {...register("dnsConfiguration.alternateDnsServer")}
          />
          <TextField
            label={t("tcpip.dns.searchDomains")}
            helper={t("tcpip.dns.searchDomainsHelp")}
            error={err("dnsConfiguration.searchDomains")}
            {...register("dnsConfiguration.searchDomains")}
          />
        </>
      )}
    </>
  );

  const routingPanel = (
    <>
      <p>{t("tcpip.routing.intro")}</p>
      <Alert status="warning" small>
        {t("tcpip.routing.warning")}
      </Alert>
      <TextField label={t("tcpip.routing.ipv4Gateway")} error={err("defaultGateway")} {...register("defaultGateway")} />
      {networking.ipv6Enabled && (
        <TextField label={t("tcpip.routing.ipv6Gateway")} error={err("ipV6DefaultGateway")} {...register("ipV6DefaultGateway")} />
      )}
    </>
  );

  const advancedPanel = (
    <>
      <SelectField
        label={t("tcpip.advanced.congestionControl")}
        error={err("congestionControlAlgorithm")}
        {...register("congestionControlAlgorithm")}
      >
        {CONGESTION_CONTROL.map((c) => (
          <option key={c} value={c}>
            {t(`tcpip.congestion.${c}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("tcpip.advanced.maxConnections")}
        inputMode="numeric"
        helper={t("tcpip.advanced.maxConnectionsHelp", { current: stack.runtimeMaxNumberOfConnections ?? t("common.none") })}
        error={err("maxNumberOfConnections")}
        {...register("maxNumberOfConnections")}
      />
    </>
  );

  const rootError = errors.root?.message;
  return (
    <Modal
      title={t("tcpip.editTitle", { stack: name })}
      onClose={onClose}
      closeLabel={t("common.close")}
      size="lg"
      footer={
        <>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="submit" form={formId} variant="primary" disabled={Boolean(blocked) || update.isPending}>
            {t("common.ok")}
          </Button>
        </>
      }
    >
      <p className="dialog-subtitle">{t("tcpip.editSubtitle", { host: networking.host.name })}</p>
      {blocked ? (
        <Alert status="warning">{blocked}</Alert>
      ) : (
        <form id={formId} className="clr-form clr-form-horizontal" onSubmit={submit} noValidate>
          <VerticalTabs
            label={t("tcpip.editTitle", { stack: name })}
            selected={page}
            onSelect={(p) => setPage(p as Page)}
            items={[
              ...(custom
                ? [{ id: "name", label: t("tcpip.pages.name"), panel: namePanel, invalid: isSubmitted && pageHasErrors("name") }]
                : []),
              { id: "dns", label: t("tcpip.pages.dns"), panel: dnsPanel, invalid: isSubmitted && pageHasErrors("dns") },
              { id: "routing", label: t("tcpip.pages.routing"), panel: routingPanel, invalid: isSubmitted && pageHasErrors("routing") },
              { id: "advanced", label: t("tcpip.pages.advanced"), panel: advancedPanel, invalid: isSubmitted && pageHasErrors("advanced") },
            ]}
          />
          {rootError && <Alert status="warning">{validationText(t, rootError)}</Alert>}
          {update.isError && (
            <Alert status="danger">
              {describeError(t, update.error, (e) => (e.id === networking.host.id ? networking.host.name : undefined))}
            </Alert>
          )}
        </form>
      )}
    </Modal>
  );
}
