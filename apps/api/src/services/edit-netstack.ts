/**
 * PATCH .../netstacks/{key}: the "Edit TCP/IP stack configuration" dialog as one UpdateNetworkConfig edit
 * (changeMode modify). Fields the user did not change are sent with their current values, as the vSphere
 * Client and Ansible do.
 */
import { stackGatewayProblem, type NetStackPatch, type TcpipStackInfo } from "@addnet/contracts";
import { VimFault, type HostDnsConfig, type HostNetStackInstance } from "@addnet/vsphere";

import { ProblemError, validationProblem } from "../problem.ts";
import { networkingView, PRIVILEGES, readHost, stackOf, type HostSnapshot } from "./host-snapshot.ts";
import type { VimSession } from "./vim-session.ts";

export interface NetStackEdit {
  key: string;
  /** The stack as it is sent: every setting, the unchanged ones with their current values. */
  instance: HostNetStackInstance;
}

/**
 * `sending` is told the edit before it goes to vCenter (the journal writes it down), with the host's name and the stack
 * as it was.
 */
export async function editNetStack(
  vim: VimSession,
  hostId: string,
  key: string,
  patch: NetStackPatch,
  sending: (edit: NetStackEdit, hostName: string, before: HostNetStackInstance) => Promise<void>,
): Promise<{ stack: TcpipStackInfo; hostName: string; replyLost: boolean }> {
  const host = await readHost(vim, hostId);
  if (!host.privileges.hostConfigNetwork) {
    // vCenter would refuse the edit whatever it holds: say so first, naming the privilege and the host, rather than
    // answer a user who may change nothing here that a stack is inactive or a gateway outside its subnet.
    const message = `Missing privilege ${PRIVILEGES.network} on ${host.name}`;
    throw new ProblemError(403, "NO_PERMISSION", "Permission denied", `${message} (${host.ref.type}:${host.ref.value})`, {
      errors: [{ path: "", code: "privilege.missing", message }],
      missingPrivilege: { privilege: PRIVILEGES.network, entity: { type: host.ref.type, id: host.ref.value } },
    });
  }
  const stack = (host.network.netStackInstance ?? []).find((s) => s.key === key);
  if (!stack) throw new ProblemError(404, "STACK_NOT_FOUND", "No such TCP/IP stack", `${host.name} has no TCP/IP stack ${key}`);
  if (!host.stackRuntime.some((r) => r.netStackInstanceKey === key && r.state === "active")) {
    throw new ProblemError(
      409,
      "STACK_INACTIVE",
      "The TCP/IP stack is not active yet",
      `The ${key} stack on ${host.name} becomes configurable once a VMkernel adapter uses it: add one with Add Networking first`,
    );
  }
  if (patch.dnsConfiguration?.mode === "dhcp") {
    const device = patch.dnsConfiguration.vmkernelAdapter;
    const vnic = (host.network.vnic ?? []).find((v) => v.device === device);
    if (!vnic || !vnic.spec.ip?.dhcp)
      throw validationProblem([{ path: ["dnsConfiguration", "vmkernelAdapter"], message: "dns.vmkernelAdapter.notDhcp" }]);
  }
  if (patch.ipV6DefaultGateway && !host.network.ipV6Enabled) {
    // R14: a host without IPv6 has no use for an IPv6 gateway (the vSphere Client does not offer the field).
    throw new ProblemError(
      400,
      "VALIDATION_FAILED",
      "The request is not valid",
      `ipV6DefaultGateway: IPv6 is not enabled on ${host.name}`,
      {
        errors: [{ path: "ipV6DefaultGateway", code: "ipv6.hostDisabled", message: `IPv6 is not enabled on ${host.name}.` }],
      },
    );
  }
  if (patch.defaultGateway) {
    // A gateway must be reachable from the stack's own static adapters (lamw/vcf-lab #24: ".1" is not always in the subnet).
    const adapters = (host.network.vnic ?? [])
      .filter((v) => stackOf(v) === key && !v.spec.ip?.dhcp && v.spec.ip?.ipAddress && v.spec.ip.subnetMask)
      .map((v) => ({ address: v.spec.ip!.ipAddress!, mask: v.spec.ip!.subnetMask! }));
    const problem = stackGatewayProblem(patch.defaultGateway, adapters);
    if (problem) throw validationProblem([{ path: ["defaultGateway"], message: problem }]);
  }

  const route = stack.ipRouteConfig ?? {};
  const gateway = (given: string | undefined, current: string | undefined) => (given === undefined ? current : given || undefined);
  const dns = patch.dnsConfiguration;
  const current = stack.dnsConfig;
  const instance: HostNetStackInstance = {
    key,
    // Every stack has its own DNS settings (the vMotion stack's are the seed's next task).
    dnsConfig:
      dns?.mode === "dhcp"
        ? {
            _type: "HostDnsConfig",
            hostName: "",
            domainName: "",
            address: [],
            searchDomain: [],
            ...current,
            dhcp: true,
            virtualNicDevice: dns.vmkernelAdapter,
          }
        : dns?.mode === "manual"
          ? {
              _type: "HostDnsConfig",
              dhcp: false,
              hostName: dns.hostName,
              domainName: dns.domainName,
              address: [dns.preferredDnsServer, dns.alternateDnsServer].filter((a): a is string => Boolean(a)),
              searchDomain: dns.searchDomains,
            }
          : current && { _type: "HostDnsConfig", ...current },
    ipRouteConfig: {
      _type: "HostIpRouteConfig",
      defaultGateway: gateway(patch.defaultGateway, route.defaultGateway),
      ipV6DefaultGateway: gateway(patch.ipV6DefaultGateway, route.ipV6DefaultGateway),
    },
    requestedMaxNumberOfConnections: patch.maxNumberOfConnections ?? stack.requestedMaxNumberOfConnections,
    congestionControlAlgorithm: patch.congestionControlAlgorithm ?? stack.congestionControlAlgorithm,
  };
  await sending({ key, instance }, host.name, stack);
  let replyLost = false;
  try {
    await vim.invoke("UpdateNetworkConfig", host.networkSystem, {
      config: { netStackSpec: [{ netStackInstance: instance, operation: "edit" }] },
      changeMode: "modify",
    });
  } catch (err) {
    // Without vCenter's answer (a timeout, a dropped connection, an unreadable reply) the edit may have been made:
    // look, and when the host shows every setting sent, say so rather than report a failure that did not happen.
    if (err instanceof VimFault) throw err;
    const now = await readHost(vim, hostId).catch(() => undefined);
    // Cannot look: the edit stays open in the journal, and recovery looks again.
    if (!now) throw pendingEdit(host.name, key, err);
    if (!shows(now, { key, instance })) throw err;
    replyLost = true;
  }
  return readEdited(vim, hostId, key, replyLost);
}

/** The stack after an edit, as the host now shows it. */
export async function readEdited(
  vim: VimSession,
  hostId: string,
  key: string,
  replyLost: boolean,
): Promise<{ stack: TcpipStackInfo; hostName: string; replyLost: boolean }> {
  const after = await readHost(vim, hostId);
  return { stack: networkingView(after).tcpipStacks.find((s) => s.key === key)!, hostName: after.name, replyLost };
}

function pendingEdit(hostName: string, key: string, cause: unknown): ProblemError {
  return new ProblemError(
    504,
    "OUTCOME_PENDING",
    "The outcome is not known yet",
    `The edit of the ${key} stack got no answer (${cause instanceof Error ? cause.message : String(cause)}) and ${hostName} could not be read to see whether it was made. addnet will look again and record the outcome.`,
  );
}

/** Whether the host shows every setting of an edit. */
export function shows(host: HostSnapshot, edit: NetStackEdit): boolean {
  const now = host.network.netStackInstance?.find((s) => s.key === edit.key);
  const sent = edit.instance;
  if (!now) return false;
  const same = (a: unknown, b: unknown) => JSON.stringify(a || null) === JSON.stringify(b || null);
  const dns = (d: HostDnsConfig | undefined) =>
    d && [d.dhcp, d.dhcp ? d.virtualNicDevice : "", d.hostName, d.domainName, d.address ?? [], d.searchDomain ?? []];
  return (
    same(now.ipRouteConfig?.defaultGateway, sent.ipRouteConfig?.defaultGateway) &&
    same(now.ipRouteConfig?.ipV6DefaultGateway, sent.ipRouteConfig?.ipV6DefaultGateway) &&
    same(now.requestedMaxNumberOfConnections, sent.requestedMaxNumberOfConnections) &&
    same(now.congestionControlAlgorithm, sent.congestionControlAlgorithm) &&
    (!sent.dnsConfig || same(dns(now.dnsConfig), dns(sent.dnsConfig)))
  );
}
