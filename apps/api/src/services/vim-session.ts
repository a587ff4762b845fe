import {
  inventoryTraversal,
  type Input,
  type MoRef,
  type ObjectContent,
  type PropertyFilterSpec,
  type ServiceContent,
  type VCenter,
  type VimMethod,
  type VimMethods,
} from "@addnet/vsphere";

/** One user's view of a vCenter: the shared VCenter plus this user's session cookie. */
export class VimSession {
  constructor(
    readonly vcenter: VCenter,
    private readonly cookie: string,
    /** vCenter's UserSession.key, what HasPrivilegeOnEntities takes. */
    readonly sessionKey: string,
  ) {}

  get content(): ServiceContent {
    return this.vcenter.content;
  }

  invoke<M extends VimMethod>(method: M, thisRef: MoRef, args: Input<VimMethods[M]["args"]>): Promise<VimMethods[M]["returns"]> {
    return this.vcenter.invoke(this.cookie, method, thisRef, args);
  }

  retrieve(specSet: Input<PropertyFilterSpec>[], maxObjects?: number): Promise<ObjectContent[]> {
    return this.vcenter.retrieve(this.cookie, specSet, { maxObjects });
  }

  async waitForTask(task: MoRef): Promise<void> {
    await this.vcenter.waitForTask(this.cookie, task);
  }

  logout(): Promise<void> {
    return this.vcenter.logout(this.cookie);
  }

  /**
   * Which of `privIds` the user holds on each entity (by MoRef value), in one HasPrivilegeOnEntities call: this
   * session's, or another's (`sessionId`, a UserSession.key) asked by this one.
   */
  async hasPrivileges(entities: MoRef[], privIds: string[], sessionId = this.sessionKey): Promise<Map<string, Set<string>>> {
    const answers = await this.invoke("HasPrivilegeOnEntities", this.content.authorizationManager!, {
      entity: entities,
      sessionId,
      privId: privIds,
    });
    return new Map(answers.map((a) => [a.entity.value, new Set(a.privAvailability.filter((p) => p.isGranted).map((p) => p.privId))]));
  }

  /** Where the user holds the given privileges: the root folder, datacenters, clusters and standalone hosts. */
  async privilegeSummary(
    userName: string,
    privIds: string[],
  ): Promise<{ entity: { type: string; id: string; name: string }; privileges: string[] }[]> {
    const contents = await this.retrieve([
      {
        propSet: [
          { type: "Datacenter", pathSet: ["name"] },
          { type: "ComputeResource", pathSet: ["name"] },
        ],
        objectSet: [{ obj: this.content.rootFolder, skip: true, selectSet: inventoryTraversal("computeResources") }],
      },
    ]);
    const named = [
      { obj: this.content.rootFolder, name: "vCenter" },
      ...contents.map((c) => ({ obj: c.obj, name: String(c.propSet.find((p) => p.name === "name")?.val ?? "") })),
    ];
    const results = await this.invoke("FetchUserPrivilegeOnEntities", this.content.authorizationManager!, {
      entities: named.map((n) => n.obj),
      userName,
    });
    const byId = new Map(results.map((r) => [r.entity.value, r.privileges ?? []]));
    return named.map((n) => ({
      entity: { type: n.obj.type, id: n.obj.value, name: n.name },
      privileges: (byId.get(n.obj.value) ?? []).filter((p) => privIds.includes(p)),
    }));
  }
}
