import {
  adapterTarget,
  checkAdapterEdit,
  switchMtu,
  vmkernelAdapterEditSchema,
  type HostNetworking,
  type VmkernelAdapterEdit,
  type VmkernelAdapterInfo,
} from "@addnet/contracts";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { get, useFieldArray, useForm, useWatch, type FieldErrors, type FieldPath } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChangeDialog } from "../../../components/change-dialog.tsx";
import { StaticField } from "../../../components/ui/form-field.tsx";
import { VerticalTabs } from "../../../components/ui/tabs.tsx";
import { Ipv4Fields } from "../../../components/vmkernel-adapter/ipv4-fields.tsx";
import { Ipv6Fields } from "../../../components/vmkernel-adapter/ipv6-fields.tsx";
import { IpSettingsFieldset, MtuFieldset, ServicesFieldset } from "../../../components/vmkernel-adapter/port-property-fields.tsx";
import type { EntityNamer } from "../../../lib/errors.ts";
import { fieldError, schemaResolver, setServerIssues, type FieldBinding } from "../../../lib/form.ts";
import { useIdempotentAttempt } from "../../../lib/idempotency.ts";
import { stackLabel, validationText, vlanLabel } from "../../../lib/labels.ts";
import { useAdapterEditImpact, useEditAdapter } from "../api/edit-adapter.ts";
import {
  adapterEditIssues,
  adapterEditPages,
  formPath,
  initialAdapterEditValues,
  refusesAnyEdit,
  toAdapterEdit,
  type AdapterEditPage,
  type AdapterEditValues,
} from "./adapter-edit-form.ts";

const PAGE_TITLE_KEYS = {
  portProperties: "wizard.pages.portProperties",
  ipv4Settings: "wizard.pages.ipv4Settings",
  ipv6Settings: "wizard.pages.ipv6Settings",
} as const satisfies Record<AdapterEditPage, string>;

export interface EditAdapterDialogProps {
  networking: HostNetworking;
  adapter: VmkernelAdapterInfo;
  onClose: () => void;
  /** The adapter as the host now has it: the dialog closes and the view says so. */
  onEdited: (adapter: VmkernelAdapterInfo) => void;
}

/**
 * "<vmkN> - Edit Settings" (the VMkernel adapters view's Edit): Port properties (IP settings, MTU, enabled services; the
 * network, VLAN ID and TCP/IP stack as they are), then IPv4 and IPv6 settings as the IP settings take them. The shared
 * schema and checkAdapterEdit say at the fields what is wrong; a valid change is sent to Analyze impact, whose errors keep
 * OK off. OK sends the adapter's whole desired state with an Idempotency-Key: a new one for each attempt, the same one
 * again when the last attempt's answer was lost. A failure keeps the dialog open, with what was typed.
 */
export function EditAdapterDialog({ networking, adapter, onClose, onEdited }: EditAdapterDialogProps) {
  const { t } = useTranslation();
  const { host } = networking;
  const { device } = adapter;
  const [page, setPage] = useState<AdapterEditPage>("portProperties");
  const update = useEditAdapter(host.id);
  const attempt = useIdempotentAttempt();
  const entityName: EntityNamer = (e) => (e.id === host.id ? host.name : undefined);

  const [initial] = useState(() => initialAdapterEditValues(adapter, networking.ipv6Enabled));
  const resolver = useMemo(
    () =>
      schemaResolver<AdapterEditValues, typeof vmkernelAdapterEditSchema>(vmkernelAdapterEditSchema, toAdapterEdit, (v) =>
        adapterEditIssues(v, networking, device),
      ),
    [networking, device],
  );
  const {
    register,
    control,
    handleSubmit,
    getValues,
    setValue,
    setError,
    trigger,
    formState: { errors, touchedFields, isSubmitted },
  } = useForm<AdapterEditValues, unknown, VmkernelAdapterEdit>({ defaultValues: initial, resolver });
  const addresses = useFieldArray({ control, name: "ipv6Settings.staticAddresses" });
  const watched = useWatch({ control });
  const values = getValues();
  // Every change checks the whole form again, so that rules across fields (a gateway in the address's subnet) follow at once.
  useEffect(() => {
    void trigger();
  }, [watched, trigger]);

  const input = toAdapterEdit(values);
  const check = checkAdapterEdit(networking, device, input);
  const refusal = check.errors.find(refusesAnyEdit);
  const blocked = refusal && validationText(t, refusal.code, refusal.params);
  const parsed = vmkernelAdapterEditSchema.safeParse(input);
  const changed = JSON.stringify(input) !== JSON.stringify(toAdapterEdit(initial));
  const edit = parsed.success && check.errors.length === 0 ? parsed.data : undefined;
  const impact = useAdapterEditImpact(host.id, device, changed ? edit : undefined);

  const errorFor = (path: string) => {
    const error = fieldError(errors as FieldErrors, path);
    if (!error) return undefined;
    // A field left empty that the user has not been to yet (a new address row, a gateway just asked for) waits for OK.
    if (!isSubmitted && get(values, path) === "" && !get(touchedFields, path)) return undefined;
    return validationText(t, error.message, error.params);
  };
  const bind = <P extends AdapterEditPage>(part: P): FieldBinding<AdapterEditValues[P]> => ({
    register: (name) => register(`${part}.${name}` as FieldPath<AdapterEditValues>),
    errorFor: (name) => errorFor(`${part}.${name}`),
  });

  const submit = handleSubmit(
    (body) => {
      // Nothing changed: OK closes, as the vSphere Client's does, without a call.
      if (!changed) return onClose();
      attempt((idempotencyKey, failed) =>
        update.mutate(
          { device, edit: body, idempotencyKey },
          {
            onSuccess: ({ adapter: edited }) => onEdited(edited),
            onError: (e) => {
              failed(e);
              setServerIssues(e, setError, formPath);
            },
          },
        ),
      );
    },
    (invalid) => {
      const first = adapterEditPages(getValues("portProperties")).find((p) => p in invalid);
      if (first) setPage(first);
    },
  );

  const port = values.portProperties;
  const pages = adapterEditPages(port);
  const stack = networking.tcpipStacks.find((s) => s.key === adapter.tcpipStack);
  const vlanId = adapter.distributedPort
    ? networking.distributedPortgroups.find((p) => p.key === adapter.distributedPort?.portgroupKey)?.vlanId
    : networking.portgroups.find((pg) => pg.name === adapter.portgroup)?.vlanId;

  const panels: Record<AdapterEditPage, ReactNode> = {
    portProperties: (
      <>
        <StaticField label={t("wizard.port.networkLabel")}>{adapter.networkLabel}</StaticField>
        <StaticField label={t("wizard.port.vlanId")}>{vlanLabel(t, vlanId)}</StaticField>
        <StaticField label={t("wizard.port.tcpipStack")}>{stackLabel(t, adapter.tcpipStack, stack?.name)}</StaticField>
        <p className="subtle">{t("wizard.port.stackPermanent")}</p>
        <IpSettingsFieldset binding={bind("portProperties")} ipv6Enabled={networking.ipv6Enabled} />
        <MtuFieldset binding={bind("portProperties")} mode={port.mtu.mode} switchMtu={switchMtu(networking, adapterTarget(adapter))} />
        <ServicesFieldset
          networking={networking}
          tcpipStack={adapter.tcpipStack}
          services={port.services}
          onChange={(next) => setValue("portProperties.services", next, { shouldDirty: true, shouldTouch: true })}
          error={errorFor("portProperties.services")}
          device={device}
        />
      </>
    ),
    ipv4Settings: (
      <Ipv4Fields
        binding={bind("ipv4Settings")}
        mode={values.ipv4Settings.mode}
        overrideGateway={values.ipv4Settings.overrideGateway}
        networking={networking}
        tcpipStack={adapter.tcpipStack}
      />
    ),
    ipv6Settings: (
      <Ipv6Fields
        binding={bind("ipv6Settings")}
        addresses={addresses}
        overrideGateway={values.ipv6Settings.overrideGateway}
        networking={networking}
        tcpipStack={adapter.tcpipStack}
      />
    ),
  };

  const title = t("editAdapter.title", { device });
  return (
    <ChangeDialog
      title={title}
      subtitle={t("editAdapter.subtitle", { host: host.name })}
      blocked={blocked}
      onSubmit={submit}
      formError={errorFor("root")}
      impact={impact}
      ready={changed && edit !== undefined}
      texts={{
        refused: t("editAdapter.refused", { device }),
        warnings: t("editAdapter.warnings", { device }),
        noImpact: t("editAdapter.noImpact", { device }),
        idle: changed ? t("editAdapter.invalid") : t("editAdapter.unchanged"),
        calls: t("editAdapter.callsTitle"),
      }}
      change={update}
      running={t("editAdapter.updating", { device, host: host.name })}
      entityName={entityName}
      onClose={onClose}
    >
      <VerticalTabs
        label={title}
        selected={pages.includes(page) ? page : "portProperties"}
        onSelect={(id) => setPage(id as AdapterEditPage)}
        items={pages.map((p) => ({ id: p, label: t(PAGE_TITLE_KEYS[p]), panel: panels[p], invalid: isSubmitted && p in errors }))}
      />
    </ChangeDialog>
  );
}
