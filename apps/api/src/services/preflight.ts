/**
 * Checks a wizard model against the live host and inventory before anything is sent: errors stop Finish,
 * warnings are shown on Ready to complete (wizard-spec §2, §4.6 "common pre-flight", peers.md §10.2).
 */
import {
  DEFAULT_STACK,
  ipv6Prefix,
  maskPrefix,
  sameIPv4Subnet,
  STACK_SERVICE,
  type Issue,
  type Preflight,
  type VmkernelAdapterModel,
} from "@addnet/contracts";

import { NOT_XML_TEXT } from "../problem.ts";
import { ipv6Key } from "./address-book.ts";
import { PRIVILEGES, servicesByDevice, stackOf, type HostSnapshot } from "./host-snapshot.ts";
import { buildPlan } from "./plan.ts";

/** Every VMkernel adapter address in the inventory, for duplicate checks: address -> "host vmkN". */
export type AddressBook = Map<string, string>;

export function preflight(s: HostSnapshot, model: VmkernelAdapterModel, addresses: AddressBook): Preflight {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  // params carry the names in a message, so that the web app can say it in the user's language.
  type Params = Record<string, string | number>;
  const error = (path: string, code: string, message: string, params?: Params) => errors.push({ path, code, message, params });
  const warn = (path: string, code: string, message: string, params?: Params) => warnings.push({ path, code, message, params });
  const net = s.network;
  const props = model.portProperties;
  const t = model.targetDevice;

  if (!s.privileges.hostConfigNetwork)
    error("", "privilege.missing", `Missing privilege ${PRIVILEGES.network} on ${s.name}`, {
      privilege: PRIVILEGES.network,
      entity: s.name,
    });
  if (props.services.includes("vsan") && !s.privileges.hostConfigStorage) {
    error("portProperties.services", "privilege.missing", `Missing privilege ${PRIVILEGES.storage} on ${s.name} (needed for vSAN)`, {
      privilege: PRIVILEGES.storage,
      entity: s.name,
    });
  }

  // Target device
  if (t.kind === "existingNetwork") {
    const dvpg = s.portgroups.find((p) => p.key === t.portgroupKey && !p.uplink);
    if (!dvpg)
      error("targetDevice.portgroupKey", "targetDevice.notFound", `${s.name} cannot use the distributed port group ${t.portgroupKey}`, {
        host: s.name,
        target: t.portgroupKey,
      });
    else if (!dvpg.canAssign)
      error("targetDevice.portgroupKey", "privilege.missing", `Missing privilege ${PRIVILEGES.assign} on ${dvpg.name}`, {
        privilege: PRIVILEGES.assign,
        entity: dvpg.name,
      });
    if (props.tcpipStack === "vmotion") {
      warn(
        "portProperties.tcpipStack",
        "stack.vmotionOnDvpg",
        "The vSphere Client offers the vMotion stack only in the host's own wizard; addnet creates the adapter from the host.",
      );
    }
  } else if (t.kind === "existingStandardSwitch") {
    if (!(net.vswitch ?? []).some((v) => v.name === t.vswitchName)) {
      error("targetDevice.vswitchName", "targetDevice.notFound", `${s.name} has no standard switch ${t.vswitchName}`, {
        host: s.name,
        target: t.vswitchName,
      });
    }
  } else {
    const u = model.newSwitchUplinks ?? { active: [], standby: [], unused: [] };
    const claimed = new Map<string, string>();
    const keyToDevice = new Map((net.pnic ?? []).map((p) => [p.key, p.device]));
    for (const v of net.vswitch ?? []) for (const k of v.pnic ?? []) claimed.set(keyToDevice.get(k) ?? k, v.name);
    for (const p of net.proxySwitch ?? []) for (const k of p.pnic ?? []) claimed.set(keyToDevice.get(k) ?? k, p.dvsName);
    for (const [list, devices] of Object.entries(u)) {
      devices.forEach((device, i) => {
        if (!(net.pnic ?? []).some((p) => p.device === device))
          error(`newSwitchUplinks.${list}.${i}`, "uplinks.unknown", `${s.name} has no physical adapter ${device}`, {
            host: s.name,
            device,
          });
        else if (claimed.has(device))
          error(`newSwitchUplinks.${list}.${i}`, "uplinks.inUse", `${device} is already used by ${claimed.get(device)}`, {
            device,
            owner: claimed.get(device)!,
          });
      });
    }
    const free = (net.pnic ?? []).filter((p) => !claimed.has(p.device));
    if (u.active.length + u.standby.length === 0) {
      warn(
        "newSwitchUplinks.active",
        free.length ? "uplinks.none" : "uplinks.noneFree",
        free.length
          ? "The new switch has no active or standby adapter: the VMkernel adapter will have no connectivity until one is added."
          : `${s.name} has no free physical adapter: the new switch will have no connectivity.`,
        { host: s.name },
      );
    }
  }

  // Port properties
  if (props.networkLabel && NOT_XML_TEXT.test(props.networkLabel)) {
    error("portProperties.networkLabel", "networkLabel.controlCharacter", "A network label cannot hold control characters.");
  }
  if (t.kind !== "existingNetwork" && props.networkLabel && (net.portgroup ?? []).some((p) => p.spec.name === props.networkLabel)) {
    error("portProperties.networkLabel", "networkLabel.taken", `${s.name} already has a port group named "${props.networkLabel}"`, {
      host: s.name,
      label: props.networkLabel,
    });
  }
  const stack = (net.netStackInstance ?? []).find((st) => st.key === props.tcpipStack);
  if (!stack)
    error("portProperties.tcpipStack", "tcpipStack.unknown", `${s.name} has no TCP/IP stack ${props.tcpipStack}`, {
      host: s.name,
      stack: props.tcpipStack,
    });
  const offered = new Set((s.nicManagerInfo.netConfig ?? []).map((c) => c.nicType));
  for (const nicType of props.services) {
    if (!offered.has(nicType))
      error("portProperties.services", "services.notOffered", `${s.name} (ESXi ${s.version ?? "?"}) does not offer ${nicType}`, {
        host: s.name,
        version: s.version ?? "?",
        service: nicType,
      });
  }
  const vnics = net.vnic ?? [];
  for (const [stackKey, nicType] of Object.entries(STACK_SERVICE)) {
    const onStack = vnics.filter((v) => stackOf(v) === stackKey);
    if (props.tcpipStack === DEFAULT_STACK && props.services.includes(nicType) && onStack.length > 0) {
      error(
        "portProperties.services",
        "services.stackTaken",
        `${nicType} is carried by the ${stackKey} TCP/IP stack on ${s.name} (${onStack.map((v) => v.device).join(", ")}); it cannot be enabled on a default-stack adapter`,
        { service: nicType, stack: stackKey, host: s.name, devices: onStack.map((v) => v.device).join(", ") },
      );
    }
  }
  const implied = STACK_SERVICE[props.tcpipStack];
  if (implied) {
    const services = servicesByDevice(s);
    const losing = vnics.filter((v) => stackOf(v) === DEFAULT_STACK && services.get(v.device)?.includes(implied)).map((v) => v.device);
    if (losing.length) {
      warn(
        "portProperties.tcpipStack",
        "services.willLose",
        `${losing.join(", ")} on the default stack will lose ${implied}: only the ${props.tcpipStack} stack carries it from now on`,
        { devices: losing.join(", "), service: implied, stack: props.tcpipStack },
      );
    }
  }
  if (props.ipSettings !== "ipv4" && !net.ipV6Enabled)
    error("portProperties.ipSettings", "ipv6.hostDisabled", `IPv6 is not enabled on ${s.name}`, { host: s.name });

  // MTU against the switch
  const plan = buildPlan(s, model);
  if (plan.switchMtu !== undefined && plan.mtu > plan.switchMtu) {
    warn("portProperties.mtu.value", "mtu.aboveSwitch", `MTU ${plan.mtu} is larger than the switch's MTU ${plan.switchMtu}`, {
      mtu: plan.mtu,
      switchMtu: plan.switchMtu,
    });
  }

  // IPv4
  const v4 = model.ipv4Settings;
  const hasOwnGateway = Boolean(stack?.ipRouteConfig?.defaultGateway);
  if (v4?.mode === "static") {
    const owner = addresses.get(v4.address);
    if (owner) error("ipv4Settings.address", "ipv4.inUse", `${v4.address} is already used by ${owner}`, { address: v4.address, owner });
    const sameSubnet = vnics.filter(
      (v) =>
        stackOf(v) === props.tcpipStack &&
        v.spec.ip?.ipAddress &&
        v.spec.ip.subnetMask &&
        sameIPv4Subnet(v.spec.ip.ipAddress, v4.address, v4.subnetMask),
    );
    if (sameSubnet.length) {
      warn(
        "ipv4Settings.address",
        "ipv4.sameSubnet",
        `${sameSubnet.map((v) => v.device).join(", ")} on the same TCP/IP stack is already in this subnet (more than one adapter per subnet and stack is supported only for iSCSI port binding and multi-NIC vMotion)`,
        { devices: sameSubnet.map((v) => v.device).join(", ") },
      );
    }
    const stackGateway = stack?.ipRouteConfig?.defaultGateway;
    if (
      !v4.overrideGateway &&
      stackGateway &&
      maskPrefix(v4.subnetMask) !== undefined &&
      !sameIPv4Subnet(stackGateway, v4.address, v4.subnetMask)
    ) {
      warn(
        "ipv4Settings.address",
        "gateway.stackOutsideSubnet",
        `The ${props.tcpipStack} stack's default gateway ${stackGateway} is outside this adapter's subnet`,
        { stack: props.tcpipStack, gateway: stackGateway },
      );
    }
  }
  if (props.tcpipStack !== DEFAULT_STACK && !hasOwnGateway && !(v4?.mode === "static" && v4.overrideGateway)) {
    // The host's, not a wizard field's: the gateway is set in the TCP/IP configuration once the adapter exists.
    warn(
      "",
      "stack.noGateway",
      `The ${props.tcpipStack} stack has no default gateway on ${s.name}: set one on this host (TCP/IP configuration) once the adapter exists`,
      { stack: props.tcpipStack, host: s.name },
    );
  }

  // IPv6
  const v6 = model.ipv6Settings;
  v6?.staticAddresses.forEach((a, i) => {
    const owner = addresses.get(ipv6Key(a.address));
    if (owner)
      error(`ipv6Settings.staticAddresses.${i}.address`, "ipv6.inUse", `${a.address} is already used by ${owner}`, {
        address: a.address,
        owner,
      });
  });
  const gw6 = v6?.overrideGateway ? v6.defaultGateway : undefined;
  if (
    gw6 &&
    v6!.staticAddresses.length &&
    !v6!.staticAddresses.some((a) => ipv6Prefix(gw6, a.prefixLength) === ipv6Prefix(a.address, a.prefixLength))
  ) {
    warn(
      "ipv6Settings.defaultGateway",
      "gateway.outsidePrefix",
      `The IPv6 gateway ${gw6} is outside the prefixes of the static addresses`,
      {
        gateway: gw6,
      },
    );
  }

  return {
    errors,
    warnings,
    calls: plan.steps.map((st) => ({ method: st.method, object: `${st.object.type}:${st.object.value}`, summary: st.summary })),
  };
}

/** The privilege and entity a "privilege.missing" issue stands for, as problem+json's missingPrivilege names them. */
export function missingPrivilegeOf(
  s: HostSnapshot,
  model: VmkernelAdapterModel,
  issue: Issue,
): { privilege: string; entity: { type: string; id: string } } {
  const t = model.targetDevice;
  if (issue.path === "targetDevice.portgroupKey" && t.kind === "existingNetwork") {
    return { privilege: PRIVILEGES.assign, entity: { type: "DistributedVirtualPortgroup", id: t.portgroupKey } };
  }
  const privilege = issue.path === "portProperties.services" ? PRIVILEGES.storage : PRIVILEGES.network;
  return { privilege, entity: { type: s.ref.type, id: s.ref.value } };
}
