import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { clickNext, dialog, expectPage } from "../wizard/helpers.tsx";
import { renderApp } from "../render.tsx";
import { HOSTS, readRollout, rolloutApi, rolloutUrl, seedRollout, SHARED_PAGES, STATIC_ON_VSWITCH0 } from "./helpers.ts";

const address = (host: string) => dialog().getByRole("textbox", { name: `IPv4 address of ${host}` });

describe("Add Networking for many hosts: the per-host plan", () => {
  it("gives each host the next address of a range, and refuses one that runs onto the broadcast address", async () => {
    rolloutApi();
    seedRollout(STATIC_ON_VSWITCH0, SHARED_PAGES);
    const { user } = renderApp(rolloutUrl("host-plan"));
    await expectPage("Per-host plan");
    // The first host starts with the shared page's address; the others have none yet, which holds the page.
    expect(address("esx-01.lab.local")).toHaveValue("192.168.30.11");
    expect(address("esx-02.lab.local")).toHaveValue("");
    expect(dialog().getByRole("button", { name: "Next" })).toBeDisabled();

    const first = dialog().getByRole("textbox", { name: "First IPv4 address" });
    await user.clear(first);
    await user.type(first, "192.168.30.252");
    await user.click(dialog().getByRole("button", { name: "Fill IPv4 addresses" }));
    expect(
      await dialog().findByText(
        "The range from 192.168.30.252 runs onto the broadcast address of 192.168.30.0/24: it has room for 3 of the 4 hosts.",
      ),
    ).toBeInTheDocument();
    expect(address("esx-02.lab.local")).toHaveValue("");

    await user.clear(first);
    await user.type(first, "192.168.30.21");
    await user.clear(dialog().getByRole("textbox", { name: "Subnet mask or prefix length" }));
    await user.type(dialog().getByRole("textbox", { name: "Subnet mask or prefix length" }), "24");
    await user.click(dialog().getByRole("button", { name: "Fill IPv4 addresses" }));
    await waitFor(() => expect(address("esx-04.lab.local")).toHaveValue("192.168.30.24"));
    expect(HOSTS.map((h) => (address(h.name) as HTMLInputElement).value)).toEqual([
      "192.168.30.21",
      "192.168.30.22",
      "192.168.30.23",
      "192.168.30.24",
    ]);
    expect(dialog().getByRole("textbox", { name: "Subnet mask of esx-03.lab.local" })).toHaveValue("255.255.255.0");

    // One host's own value: typed in its row, kept in the draft; an address given twice holds the page.
    await user.clear(address("esx-03.lab.local"));
    await user.type(address("esx-03.lab.local"), "192.168.30.21");
    expect(await dialog().findByText("192.168.30.21 is already used by esx-01.lab.local.")).toBeInTheDocument();
    expect(dialog().getByRole("button", { name: "Next" })).toBeDisabled();
    await user.clear(address("esx-03.lab.local"));
    await user.type(address("esx-03.lab.local"), "192.168.30.33");
    await clickNext(user);
    await expectPage("Check the hosts");
    expect(readRollout()!.rows["host-16"]).toEqual({ ipv4Address: "192.168.30.33", subnetMask: "255.255.255.0" });
  });

  it("takes pasted CSV only when every line is right, naming each wrong line", async () => {
    rolloutApi();
    seedRollout(STATIC_ON_VSWITCH0, SHARED_PAGES);
    const { user } = renderApp(rolloutUrl("host-plan"));
    await expectPage("Per-host plan");
    const csv = dialog().getByRole("textbox", { name: "CSV lines" });
    await user.type(csv, "esx-01.lab.local,192.168.30.41,24\nesx-99.lab.local,192.168.30.42,24\nesx-02.lab.local,192.168.30.41,24");
    await user.click(dialog().getByRole("button", { name: "Apply CSV" }));
    const errors = within(await dialog().findByRole("alert"));
    expect(errors.getByText("Line 2: esx-99.lab.local is not one of the selected hosts.")).toBeInTheDocument();
    expect(errors.getByText("Line 3: 192.168.30.41 is already given on line 1.")).toBeInTheDocument();
    expect(address("esx-01.lab.local")).toHaveValue("192.168.30.11");

    await user.clear(csv);
    await user.type(
      csv,
      "host,address,prefix\nesx-01.lab.local,192.168.30.41,24\nesx-02.lab.local,192.168.30.42,255.255.255.0\nesx-03.lab.local,192.168.30.43,24\nesx-04.lab.local,192.168.30.44,24",
    );
    await user.click(dialog().getByRole("button", { name: "Apply CSV" }));
    expect(await dialog().findByText("The addresses were taken into the plan.")).toBeInTheDocument();
    expect(HOSTS.map((h) => (address(h.name) as HTMLInputElement).value)).toEqual([
      "192.168.30.41",
      "192.168.30.42",
      "192.168.30.43",
      "192.168.30.44",
    ]);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
