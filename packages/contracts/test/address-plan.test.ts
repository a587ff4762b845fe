/** Each host's address in a rollout: from a range, or from pasted CSV (issue 13). */
import { describe, expect, it } from "vitest";

import { ipv4Range, ipv6Range, parseAddressCsv, toPrefixLength, toSubnetMask, validationMessage } from "../src/index.ts";

const HOSTS = [1, 2, 3, 4].map((i) => ({ id: `host-${10 + 2 * i}`, name: `esx-0${i}.lab.local` }));

describe("a range of IPv4 addresses", () => {
  it("gives each host the next address, with the mask as a prefix or dotted", () => {
    expect(ipv4Range("192.168.30.11", "24", 4)).toEqual({
      addresses: ["192.168.30.11", "192.168.30.12", "192.168.30.13", "192.168.30.14"],
    });
    expect(ipv4Range(" 10.0.0.254 ", "255.255.254.0", 3)).toEqual({ addresses: ["10.0.0.254", "10.0.0.255", "10.0.1.0"] });
    expect(ipv4Range("10.0.0.5", "/32", 1)).toEqual({ addresses: ["10.0.0.5"] });
  });

  it("refuses a range that runs onto the broadcast address or past the subnet, saying how many hosts fit", () => {
    const broadcast = ipv4Range("192.168.30.252", "24", 4);
    expect(broadcast).toEqual({
      error: { code: "addressPlan.range.broadcast", params: { first: "192.168.30.252", count: 4, room: 3, subnet: "192.168.30.0/24" } },
    });
    expect(
      validationMessage((broadcast as { error: { code: string; params: Record<string, string | number> } }).error.code, {
        first: "192.168.30.252",
        count: 4,
        room: 3,
        subnet: "192.168.30.0/24",
      }),
    ).toBe("The range from 192.168.30.252 runs onto the broadcast address of 192.168.30.0/24: it has room for 3 of the 4 hosts.");
    expect(ipv4Range("192.168.30.250", "24", 8)).toMatchObject({ error: { code: "addressPlan.range.pastSubnet", params: { room: 5 } } });
    expect(ipv4Range("10.0.0.4", "31", 3)).toMatchObject({ error: { code: "addressPlan.range.pastSubnet", params: { room: 2 } } });
  });

  it("refuses a first address that is the network or broadcast address, reserved, or not an address, and a bad mask", () => {
    expect(ipv4Range("192.168.30.0", "24", 2)).toEqual({ error: { code: "ipv4.networkOrBroadcast" } });
    expect(ipv4Range("192.168.30.255", "24", 1)).toEqual({ error: { code: "ipv4.networkOrBroadcast" } });
    expect(ipv4Range("127.0.0.1", "8", 1)).toEqual({ error: { code: "ipv4.notAssignable" } });
    expect(ipv4Range("192.168.30", "24", 1)).toEqual({ error: { code: "ipv4.invalid" } });
    expect(ipv4Range("192.168.30.1", "255.0.255.0", 1)).toEqual({ error: { code: "subnetMask.invalid" } });
    expect(ipv4Range("192.168.30.1", "33", 1)).toEqual({ error: { code: "subnetMask.invalid" } });
  });

  it("reads a prefix length or a mask", () => {
    expect(toSubnetMask("24")).toBe("255.255.255.0");
    expect(toSubnetMask("/20")).toBe("255.255.240.0");
    expect(toSubnetMask("32")).toBe("255.255.255.255");
    expect(toSubnetMask("255.255.0.0")).toBe("255.255.0.0");
    expect(toSubnetMask("0")).toBeUndefined();
    expect(toPrefixLength("/64")).toBe(64);
    expect(toPrefixLength("129")).toBeUndefined();
  });
});

describe("a range of IPv6 addresses", () => {
  it("gives each host the next address in RFC 5952 form", () => {
    expect(ipv6Range("2001:db8:30::fe", "64", 3)).toEqual({ addresses: ["2001:db8:30::fe", "2001:db8:30::ff", "2001:db8:30::100"] });
    expect(ipv6Range("2001:DB8:0:0:1::ffff", "64", 2)).toEqual({ addresses: ["2001:db8::1:0:0:ffff", "2001:db8::1:0:1:0"] });
  });

  it("refuses a range past the prefix, and what cannot be an adapter's address", () => {
    expect(ipv6Range("2001:db8::fe", "120", 3)).toEqual({
      error: { code: "addressPlan.range.pastSubnet", params: { first: "2001:db8::fe", count: 3, room: "2", subnet: "2001:db8::/120" } },
    });
    expect(ipv6Range("fe80::1", "64", 1)).toEqual({ error: { code: "ipv6.notAssignable" } });
    expect(ipv6Range("2001:db8::1", "0", 1)).toEqual({ error: { code: "prefixLength.range" } });
  });
});

describe("pasted CSV", () => {
  it("gives each named host its address, a mask or prefix each, IPv4 and IPv6 alike", () => {
    const csv =
      "host,address,prefix\n\nesx-01.lab.local, 192.168.30.11, 24\nESX-02.lab.local,192.168.30.12,255.255.255.0\n# IPv6\nesx-01.lab.local,2001:db8::11,64\n";
    expect(parseAddressCsv(csv, HOSTS)).toEqual({
      entries: [
        { line: 3, hostId: "host-12", family: "ipv4", address: "192.168.30.11", subnetMask: "255.255.255.0" },
        { line: 4, hostId: "host-14", family: "ipv4", address: "192.168.30.12", subnetMask: "255.255.255.0" },
        { line: 6, hostId: "host-12", family: "ipv6", address: "2001:db8::11", prefixLength: 64 },
      ],
      errors: [],
    });
  });

  it("names each line's error: columns, unknown host, bad address or mask, reserved, a host or an address twice", () => {
    const csv = [
      "esx-01.lab.local,192.168.30.11,24",
      "esx-02.lab.local,192.168.30.12",
      "esx-99.lab.local,192.168.30.13,24",
      "esx-02.lab.local,192.168.300.12,24",
      "esx-02.lab.local,192.168.30.12,40",
      "esx-02.lab.local,192.168.30.255,24",
      "esx-01.lab.local,192.168.30.20,24",
      "esx-03.lab.local,192.168.30.11,24",
      "esx-04.lab.local,2001:db8::1,64",
      "esx-03.lab.local,2001:DB8:0::1,64",
    ].join("\n");
    const { entries, errors } = parseAddressCsv(csv, HOSTS);
    expect(entries.map((e) => e.line)).toEqual([1, 9]);
    expect(errors).toEqual([
      { line: 2, code: "addressPlan.csv.columns", params: { line: 2 } },
      { line: 3, code: "addressPlan.csv.unknownHost", params: { line: 3, host: "esx-99.lab.local" } },
      { line: 4, code: "addressPlan.csv.badAddress", params: { line: 4, address: "192.168.300.12" } },
      { line: 5, code: "addressPlan.csv.badMask", params: { line: 5, mask: "40" } },
      { line: 6, code: "addressPlan.csv.notAssignable", params: { line: 6, address: "192.168.30.255" } },
      { line: 7, code: "addressPlan.csv.duplicateHost", params: { line: 7, host: "esx-01.lab.local", first: 1 } },
      { line: 8, code: "addressPlan.csv.duplicateAddress", params: { line: 8, address: "192.168.30.11", first: 1 } },
      { line: 10, code: "addressPlan.csv.duplicateAddress", params: { line: 10, address: "2001:DB8:0::1", first: 9 } },
    ]);
    expect(validationMessage("addressPlan.csv.unknownHost", errors[1]!.params)).toBe(
      "Line 3: esx-99.lab.local is not one of the selected hosts.",
    );
  });
});
