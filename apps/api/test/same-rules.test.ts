/**
 * Each host rule once: the wizard's pages (apps/web page-rules, on the networking GET /hosts/{id}/networking gives the
 * browser) and the API's preflight (on the host it reads itself) give the same codes on the same fields for the same
 * model, rule by rule, on the simulator; and the Edit TCP/IP stack dialog's rules and the API's PATCH the same.
 */
import type { HostNetworking, Preflight, Problem } from "@addnet/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ADMIN, Browser, HELPDESK, hostId, startApi, vmotionOnNewSwitch, type TestApi } from "./helpers.ts";
import { dvpgKey, resetSim } from "./sim-state.ts";
import { defaultWizardValues, type WizardValues } from "../../web/src/features/add-networking/model/form-values.ts";
import {
  buildModel,
  PAGE_VALUES,
  pageRule,
  type FormPageId,
  type PageRule,
} from "../../web/src/features/add-networking/model/page-rules.ts";
import { pageSequence } from "../../web/src/features/add-networking/model/pages.ts";
import {
  initialStackValues,
  stackExtraIssues,
  toPatch,
  type StackFormValues,
} from "../../web/src/features/tcpip-stack/components/stack-form.ts";

let api: TestApi;
const browsers: Record<"admin" | "helpdesk", Browser> = {} as never;

beforeAll(async () => {
  api = await startApi();
  await resetSim(api);
  browsers.admin = new Browser(api.app);
  await browsers.admin.login(ADMIN);
  browsers.helpdesk = new Browser(api.app);
  await browsers.helpdesk.login(HELPDESK);
  // A vMotion-stack adapter with an IPv6 address on esx-02, for the rules about a stack that carries its service and
  // an address in use.
  const res = await browsers.admin.post(
    `/api/v1/hosts/${hostId(api, "esx-02.lab.local")}/vmkernel-adapters`,
    {
      ...vmotionOnNewSwitch,
      portProperties: { ...vmotionOnNewSwitch.portProperties, ipSettings: "ipv4ipv6" },
      ipv6Settings: {
        dhcpV6: false,
        routerAdvertisement: false,
        staticAddresses: [{ address: "2001:db8:30::12", prefixLength: 64 }],
        overrideGateway: false,
      },
    },
    { "idempotency-key": `same-rules-${process.pid}` },
  );
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(() => api?.close());

/** The model's section each form page edits. */
const SECTION: Record<FormPageId, string> = {
  "connection-type": "connectionType",
  "target-device": "targetDevice",
  "create-standard-switch": "newSwitchUplinks",
  "port-properties": "portProperties",
  "connection-settings": "connectionSettings",
  "add-physical-adapter": "switchUplinks",
  "ipv4-settings": "ipv4Settings",
  "ipv6-settings": "ipv6Settings",
};

type Change = { [K in keyof WizardValues]?: Partial<WizardValues[K]> };

function wizardValues(change: Change): WizardValues {
  const base = defaultWizardValues();
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(change)) out[k] = { ...(base as unknown as Record<string, object>)[k], ...v };
  return out as unknown as WizardValues;
}

const networking = (user: Browser, host: string): Promise<HostNetworking> => user.networking(hostId(api, host));

/** What the wizard's pages say, field by field, as "model path:code". */
function browserSays(net: HostNetworking, values: WizardValues): string[] {
  return pageSequence(values)
    .filter((page): page is FormPageId => page in SECTION)
    .flatMap((page) => {
      const rule = pageRule(page, { networking: net, values }, false) as PageRule<unknown>;
      return rule.extra(values[PAGE_VALUES[page]]).map((i) => `${SECTION[page]}.${i.path}:${i.message}`);
    })
    .sort();
}

/** What the API's preflight says about the wizard's fields. */
async function serverSays(user: Browser, host: string, values: WizardValues): Promise<string[]> {
  const model = buildModel(values);
  expect(model.success, JSON.stringify(model.error?.issues)).toBe(true);
  const res = await user.post(`/api/v1/hosts/${hostId(api, host)}/vmkernel-adapters/preflight`, model.data);
  expect(res.statusCode, res.body).toBe(200);
  return res
    .json<Preflight>()
    .errors.filter((e) => e.path !== "")
    .map((e) => `${e.path}:${e.code}`)
    .sort();
}

const onVSwitch0: Change = { targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" } };
const newSwitch: Change = { targetDevice: { kind: "newStandardSwitch", mtu: "1500" }, portProperties: { networkLabel: "Same" } };

const CASES: { rule: string; host: string; user?: "helpdesk"; values: () => Change }[] = [
  {
    rule: "targetDevice.vswitchName:targetDevice.notFound",
    host: "esx-01",
    values: () => ({ targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch9" } }),
  },
  {
    rule: "targetDevice.portgroupKey:privilege.missing",
    host: "esx-05",
    user: "helpdesk",
    values: () => ({ targetDevice: { kind: "existingNetwork", portgroupKey: dvpgKey(api, "DPG-Storage") } }),
  },
  {
    rule: "newSwitchUplinks.active:uplinks.inUse",
    host: "esx-01",
    values: () => ({ ...newSwitch, newSwitch: { active: ["vmnic0"], standby: [], unused: [] } }),
  },
  {
    rule: "newSwitchUplinks.unused:uplinks.unknown",
    host: "esx-01",
    values: () => ({ ...newSwitch, newSwitch: { active: [], standby: [], unused: ["vmnic7"] } }),
  },
  {
    rule: "portProperties.networkLabel:networkLabel.inUse",
    host: "esx-01",
    values: () => ({ ...onVSwitch0, portProperties: { networkLabel: "VM Network" } }),
  },
  {
    rule: "portProperties.mtu.value:mtu.aboveSwitch",
    host: "esx-01",
    values: () => ({ ...onVSwitch0, portProperties: { networkLabel: "Jumbo", mtu: { mode: "custom", value: "9000" } } }),
  },
  {
    rule: "portProperties.mtu.value:mtu.aboveSwitch",
    host: "esx-01",
    values: () => ({ ...newSwitch, portProperties: { networkLabel: "Jumbo", mtu: { mode: "custom", value: "9000" } } }),
  },
  {
    rule: "portProperties.tcpipStack:tcpipStack.unknown",
    host: "esx-01",
    values: () => ({ ...onVSwitch0, portProperties: { networkLabel: "N", tcpipStack: "NFS" } }),
  },
  {
    rule: "portProperties.ipSettings:ipv6.hostDisabled",
    host: "esx-03",
    values: () => ({ ...onVSwitch0, portProperties: { networkLabel: "V6", ipSettings: "ipv4ipv6" } }),
  },
  {
    rule: "portProperties.services:privilege.missing",
    host: "esx-05",
    user: "helpdesk",
    values: () => ({ ...onVSwitch0, portProperties: { networkLabel: "S", services: ["vsan"] } }),
  },
  {
    rule: "portProperties.services:privilege.missing",
    host: "esx-05",
    user: "helpdesk",
    values: () => ({ ...onVSwitch0, portProperties: { networkLabel: "W", services: ["vsanWitness"] } }),
  },
  {
    rule: "portProperties.services:services.stackTaken",
    host: "esx-02",
    values: () => ({ ...onVSwitch0, portProperties: { networkLabel: "VM", services: ["vmotion"] } }),
  },
  {
    rule: "ipv4Settings.address:ipv4.inUse",
    host: "esx-01",
    values: () => ({
      ...onVSwitch0,
      portProperties: { networkLabel: "Dup" },
      ipv4: { mode: "static", address: "10.10.0.11", subnetMask: "255.255.255.0" },
    }),
  },
  {
    rule: "ipv6Settings.staticAddresses.0.address:ipv6.inUse",
    host: "esx-02",
    values: () => ({
      ...onVSwitch0,
      portProperties: { networkLabel: "Dup6", ipSettings: "ipv6" },
      ipv6: { routerAdvertisement: false, staticAddresses: [{ address: "2001:DB8:30:0::12", prefixLength: "64" }] },
    }),
  },
];

describe("the wizard and the API give the same codes for the same model on the same host", () => {
  for (const c of CASES) {
    it(`${c.rule} (${c.host}${c.user ? `, ${c.user}` : ""})`, async () => {
      const user = browsers[c.user ?? "admin"];
      const host = `${c.host}.lab.local`;
      const values = wizardValues(c.values());
      const browser = browserSays(await networking(user, host), values);
      expect(browser).toContain(c.rule);
      expect(await serverSays(user, host, values)).toEqual(browser);
    });
  }

  it("an address another host uses: the server alone sees it, under the browser's code", async () => {
    const values = wizardValues({
      ...onVSwitch0,
      portProperties: { networkLabel: "Dup" },
      ipv4: { mode: "static", address: "10.10.0.12", subnetMask: "255.255.255.0" },
    });
    expect(browserSays(await networking(browsers.admin, "esx-01.lab.local"), values)).toEqual([]);
    expect(await serverSays(browsers.admin, "esx-01.lab.local", values)).toEqual(["ipv4Settings.address:ipv4.inUse"]);
  });
});

describe("the Edit TCP/IP stack dialog and the API give the same codes for the same edit", () => {
  const EDITS: { rule: string; host: string; stack: string; change: (v: StackFormValues) => StackFormValues }[] = [
    { rule: "name:tcpipStack.name.system", host: "esx-01", stack: "defaultTcpipStack", change: (v) => ({ ...v, name: "Mine" }) },
    { rule: "name:tcpipStack.name.inUse", host: "esx-09", stack: "NFS", change: (v) => ({ ...v, name: "vmotion" }) },
    {
      rule: "defaultGateway:gateway.outsideStackSubnets",
      host: "esx-01",
      stack: "defaultTcpipStack",
      change: (v) => ({ ...v, defaultGateway: "192.168.99.1" }),
    },
    {
      rule: "defaultGateway:gateway.networkOrBroadcast",
      host: "esx-01",
      stack: "defaultTcpipStack",
      change: (v) => ({ ...v, defaultGateway: "10.10.0.255" }),
    },
    {
      rule: "defaultGateway:gateway.isAddress",
      host: "esx-01",
      stack: "defaultTcpipStack",
      change: (v) => ({ ...v, defaultGateway: "10.10.0.11" }),
    },
    {
      rule: "defaultGateway:gateway.notAssignable",
      host: "esx-01",
      stack: "defaultTcpipStack",
      change: (v) => ({ ...v, defaultGateway: "127.0.0.1" }),
    },
    {
      rule: "dnsConfiguration.vmkernelAdapter:dns.vmkernelAdapter.notDhcp",
      host: "esx-01",
      stack: "defaultTcpipStack",
      change: (v) => ({ ...v, dnsConfiguration: { ...v.dnsConfiguration, mode: "dhcp", vmkernelAdapter: "vmk0" } }),
    },
  ];
  for (const e of EDITS) {
    it(`${e.rule} (${e.host} ${e.stack})`, async () => {
      const net = await networking(browsers.admin, `${e.host}.lab.local`);
      const stack = net.tcpipStacks.find((s) => s.key === e.stack)!;
      const initial = initialStackValues(stack);
      const values = e.change(initial);
      const browser = stackExtraIssues(values, initial, stack, net).map((i) => `${i.path}:${i.message}`);
      expect(browser).toEqual([e.rule]);
      const res = await browsers.admin.patch(
        `/api/v1/hosts/${hostId(api, `${e.host}.lab.local`)}/netstacks/${e.stack}`,
        toPatch(values, initial, stack, net.ipv6Enabled),
      );
      expect(res.statusCode, res.body).toBe(400);
      expect((res.json<Problem>().errors ?? []).map((i) => `${i.path}:${i.code}`)).toEqual(browser);
    });
  }
});
