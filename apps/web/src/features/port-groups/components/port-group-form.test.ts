/**
 * A port group's Edit Settings form and its PATCH body: where it starts (its overrides, or its switch's values with
 * Override off), and what OK sends: an override set whole, changed whole, cleared as null (the switch's again), nothing
 * for what is as it was; the host rules' errors at their fields and warnings (checkPortGroupEdit).
 */
import { portGroupEditSchema, type HostNetworking } from "@addnet/contracts";
import { describe, expect, it } from "vitest";

import { networking, VM_LAB, VM_WEB, VSWITCH1_OVERRIDES as VSWITCH1 } from "../../../../test/fixtures.ts";
import {
  formPath,
  inheritedValues,
  initialPortGroupValues,
  portGroupExtraIssues,
  portGroupIssues,
  switchOf,
  toPortGroupEdit,
  type PortGroupFormValues,
  type PortGroupInfo,
} from "./port-group-form.ts";

function host(opts: { hostConfigNetwork?: boolean } = {}): HostNetworking {
  const base = networking(opts);
  return { ...base, vswitches: [...base.vswitches, VSWITCH1], portgroups: [...base.portgroups, VM_LAB, VM_WEB] };
}

const start = (pg: PortGroupInfo): PortGroupFormValues => initialPortGroupValues(pg, VSWITCH1);

describe("where the form starts", () => {
  it("a port group without overrides: Override off, its switch's values (the switch's failover order, its adapters)", () => {
    expect(start(VM_LAB)).toEqual({
      networkLabel: "VM-Lab",
      vlanId: "10",
      security: { override: false, allowPromiscuous: "reject", macChanges: "accept", forgedTransmits: "reject" },
      teaming: { override: false, policy: "loadbalance_srcid", notifySwitches: "yes", failback: "no" },
      failoverOrder: { override: false, active: ["vmnic2"], standby: ["vmnic3"], unused: [] },
    });
    expect(switchOf(host(), VM_LAB)).toEqual(VSWITCH1);
  });

  it("a port group with overrides: Override on, its own values", () => {
    expect(start(VM_WEB)).toEqual({
      networkLabel: "VM-Web",
      vlanId: "20",
      security: { override: true, allowPromiscuous: "accept", macChanges: "accept", forgedTransmits: "reject" },
      teaming: { override: true, policy: "loadbalance_ip", notifySwitches: "yes", failback: "yes" },
      failoverOrder: { override: true, active: ["vmnic3"], standby: ["vmnic2"], unused: [] },
    });
  });

  it("the switch's adapters in neither active nor standby are unused", () => {
    const vs = { ...VSWITCH1, standbyNics: [] };
    expect(inheritedValues(VM_LAB, vs).failoverOrder).toEqual({ override: false, active: ["vmnic2"], standby: [], unused: ["vmnic3"] });
  });
});

describe("the PATCH body", () => {
  it("nothing changed: an empty body, which the schema refuses (portGroup.nothingToEdit)", () => {
    for (const pg of [VM_LAB, VM_WEB]) expect(toPortGroupEdit(start(pg), pg)).toEqual({});
    expect(portGroupEditSchema.safeParse({}).error?.issues.map((i) => i.message)).toEqual(["portGroup.nothingToEdit"]);
  });

  it("an override set: the policy sent whole, even with the switch's own values (the port group keeps them)", () => {
    const v = start(VM_LAB);
    v.security = { ...v.security, override: true, allowPromiscuous: "accept" };
    v.teaming = { ...v.teaming, override: true };
    v.failoverOrder = { override: true, active: ["vmnic2"], standby: ["vmnic3"], unused: [] };
    const edit = toPortGroupEdit(v, VM_LAB);
    expect(edit).toEqual({
      security: { allowPromiscuous: true, macChanges: true, forgedTransmits: false },
      teaming: { policy: "loadbalance_srcid", notifySwitches: true, failback: false },
      failoverOrder: { active: ["vmnic2"], standby: ["vmnic3"], unused: [] },
    });
    expect(portGroupEditSchema.parse(edit)).toEqual(edit);
  });

  it("an override changed: that policy whole, the others not sent", () => {
    const v = start(VM_WEB);
    v.teaming = { ...v.teaming, policy: "failover_explicit", notifySwitches: "no" };
    expect(toPortGroupEdit(v, VM_WEB)).toEqual({ teaming: { policy: "failover_explicit", notifySwitches: false, failback: true } });

    const w = start(VM_WEB);
    w.security = { ...w.security, forgedTransmits: "accept" };
    expect(toPortGroupEdit(w, VM_WEB)).toEqual({ security: { allowPromiscuous: true, macChanges: true, forgedTransmits: true } });
  });

  it("the failover order: a move within a group is a change; an adapter to unused too", () => {
    const v = start(VM_WEB);
    v.failoverOrder = { override: true, active: ["vmnic3", "vmnic2"], standby: [], unused: [] };
    expect(toPortGroupEdit(v, VM_WEB)).toEqual({ failoverOrder: { active: ["vmnic3", "vmnic2"], standby: [], unused: [] } });
    v.failoverOrder = { override: true, active: ["vmnic2", "vmnic3"], standby: [], unused: [] };
    expect(toPortGroupEdit(v, VM_WEB)).toEqual({ failoverOrder: { active: ["vmnic2", "vmnic3"], standby: [], unused: [] } });
    v.failoverOrder = { override: true, active: ["vmnic3"], standby: [], unused: ["vmnic2"] };
    expect(toPortGroupEdit(v, VM_WEB)).toEqual({ failoverOrder: { active: ["vmnic3"], standby: [], unused: ["vmnic2"] } });
  });

  it("an override cleared: null, whatever the fields hold (the switch's values again)", () => {
    const v = start(VM_WEB);
    v.security = { ...v.security, override: false };
    v.teaming = { ...inheritedValues(VM_WEB, VSWITCH1).teaming };
    v.failoverOrder = { ...v.failoverOrder, override: false };
    const edit = toPortGroupEdit(v, VM_WEB);
    expect(edit).toEqual({ security: null, teaming: null, failoverOrder: null });
    expect(portGroupEditSchema.parse(edit)).toEqual(edit);
  });

  it("Override off where the port group has none: nothing sent, whatever the fields hold", () => {
    const v = start(VM_LAB);
    v.security = { ...v.security, allowPromiscuous: "accept" };
    expect(toPortGroupEdit(v, VM_LAB)).toEqual({});
    // A port group read without its failover order (an API before it) is taken as inheriting it: no null is sent.
    const older = { ...VM_LAB, failoverOrder: undefined } as unknown as PortGroupInfo;
    expect(toPortGroupEdit(initialPortGroupValues(older, VSWITCH1), older)).toEqual({});
  });

  it("with the network label and the VLAN ID", () => {
    const v = start(VM_LAB);
    v.networkLabel = "VM-Lab2";
    v.vlanId = "30";
    v.security = { ...v.security, override: true, allowPromiscuous: "accept" };
    expect(toPortGroupEdit(v, VM_LAB)).toEqual({
      networkLabel: "VM-Lab2",
      vlanId: 30,
      security: { allowPromiscuous: true, macChanges: true, forgedTransmits: false },
    });
  });
});

describe("the host's rules (checkPortGroupEdit)", () => {
  it("an order of other adapters than the switch's: teaming.sameAdapters at failoverOrder.active", () => {
    const v = start(VM_LAB);
    v.failoverOrder = { override: true, active: ["vmnic2"], standby: [], unused: [] };
    expect(portGroupExtraIssues(v, VM_LAB, host())).toEqual([
      { path: "failoverOrder.active", message: "teaming.sameAdapters", params: { vswitch: "vSwitch1", devices: "vmnic2, vmnic3" } },
    ]);
  });

  it("no adapter active or standby: a warning, not an error", () => {
    const v = start(VM_LAB);
    v.failoverOrder = { override: true, active: [], standby: [], unused: ["vmnic2", "vmnic3"] };
    expect(portGroupIssues(v, VM_LAB, host())).toEqual({
      errors: [],
      warnings: [{ path: "failoverOrder.active", message: "portGroup.noActive", params: { portgroup: VM_LAB.name } }],
    });
  });

  it("a label in use at the field; without the privilege nothing at the fields (the dialog says it)", () => {
    const v = start(VM_LAB);
    v.networkLabel = "VM-Web";
    expect(portGroupExtraIssues(v, VM_LAB, host()).map((i) => [i.path, i.message])).toEqual([["networkLabel", "networkLabel.inUse"]]);
    expect(portGroupExtraIssues(start(VM_LAB), VM_LAB, host({ hostConfigNetwork: false }))).toEqual([]);
  });

  it("the paths shown at a field; anything else on the form as a whole", () => {
    for (const path of [
      "networkLabel",
      "vlanId",
      "security.allowPromiscuous",
      "teaming.policy",
      "failoverOrder.active",
      "failoverOrder.unused",
    ])
      expect(formPath(path)).toBe(path);
    for (const path of ["portGroup", "", "security", "failoverOrder.active.0", "teaming.failoverOrder.active"])
      expect(formPath(path)).toBe("root");
  });
});
