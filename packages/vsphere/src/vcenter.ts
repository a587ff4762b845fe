import { VimClient, type CallOptions, type VimClientOptions } from "./client.ts";
import { VimMalformedReplyError, VimTimeoutError } from "./faults.ts";
import type { VimMethod, VimMethods } from "./methods.ts";
import type { Input, MoRef, ObjectContent, PropertyFilterSpec, ServiceContent, TaskInfo, TraversalSpec, UserSession } from "./types.ts";

const SERVICE_INSTANCE: MoRef = { type: "ServiceInstance", value: "ServiceInstance" };

export interface LoginResult {
  /** `vmware_soap_session=...`: send it back on every call of this session; drop it after logout. */
  cookie: string;
  userSession: UserSession;
}

export interface RetrieveCallOptions extends CallOptions {
  /** Objects per page; the server may return fewer and continue with a token. */
  maxObjects?: number;
}

export interface WaitForTaskOptions {
  /** Give up after this long (default 10 minutes). */
  timeoutMs?: number;
  /** First polling interval (default 100 ms); it doubles up to 2 s. */
  pollMs?: number;
}

/** name -> val of an ObjectContent's properties. */
export function propertiesOf(content: ObjectContent): Record<string, unknown> {
  return Object.fromEntries(content.propSet.map((p) => [p.name, p.val]));
}

/**
 * The inventory tree below the root folder as one PropertyCollector pass walks it, down to `to`: the datacenters'
 * compute resources, their hosts, or the datacenters' networks (distributed switches and port groups). Where a
 * ContainerView costs two more round trips (create it, destroy it), this selects the same entities in the one
 * RetrievePropertiesEx that reads them; it walks no branch it does not need.
 */
export function inventoryTraversal(to: "computeResources" | "hosts" | "networks"): Input<TraversalSpec>[] {
  const branch = to === "networks" ? "datacenterNetwork" : "datacenterHost";
  const next = ["folder", branch, ...(to === "hosts" ? ["computeHost"] : [])].map((name) => ({ name }));
  return [
    { _type: "TraversalSpec", name: "folder", type: "Folder", path: "childEntity", skip: false, selectSet: next },
    to === "networks"
      ? { _type: "TraversalSpec", name: branch, type: "Datacenter", path: "networkFolder", skip: false, selectSet: next }
      : { _type: "TraversalSpec", name: branch, type: "Datacenter", path: "hostFolder", skip: false, selectSet: next },
    ...(to === "hosts" ? [{ _type: "TraversalSpec", name: "computeHost", type: "ComputeResource", path: "host", skip: false }] : []),
  ];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One vCenter, shared by every user of the API: it holds the connection pool and the
 * ServiceContent, never a session. Every call takes the caller's session cookie.
 */
export class VCenter {
  constructor(
    private readonly client: VimClient,
    readonly content: ServiceContent,
  ) {}

  get url(): string {
    return this.client.url;
  }

  /** The urn:vim25 version the client speaks with this server (its newest). */
  get apiVersion(): string {
    return this.client.apiVersion;
  }

  private manager(name: "sessionManager" | "viewManager" | "authorizationManager"): MoRef {
    const ref = this.content[name];
    if (!ref) throw new VimMalformedReplyError("RetrieveServiceContent", `the server has no ${name}`);
    return ref;
  }

  /** Any vim25 method VimMethods types, with typed arguments and result. */
  async invoke<M extends VimMethod>(
    cookie: string,
    method: M,
    thisRef: MoRef,
    args: Input<VimMethods[M]["args"]>,
    options?: CallOptions,
  ): Promise<VimMethods[M]["returns"]> {
    const reply = await this.client.call(method, thisRef, args, cookie, options);
    return reply.value as VimMethods[M]["returns"];
  }

  async login(userName: string, password: string, options?: CallOptions): Promise<LoginResult> {
    const reply = await this.client.call("Login", this.manager("sessionManager"), { userName, password }, undefined, options, [password]);
    if (!reply.cookie) throw new VimMalformedReplyError("Login", "the server set no vmware_soap_session cookie");
    return { cookie: reply.cookie, userSession: reply.value as UserSession };
  }

  async logout(cookie: string, options?: CallOptions): Promise<void> {
    await this.invoke(cookie, "Logout", this.manager("sessionManager"), {}, options);
  }

  /** vim25 SessionIsActive: whether `sessionID` (a UserSession.key) is live; needs Sessions.ValidateSession. */
  async sessionIsActive(cookie: string, sessionID: string, userName: string, options?: CallOptions): Promise<boolean> {
    return this.invoke(cookie, "SessionIsActive", this.manager("sessionManager"), { sessionID, userName }, options);
  }

  /**
   * The caller's own session (any user may read it): a cheap keep-alive. A vCenter answers a session that has ended
   * with no currentSession (or a NotAuthenticated fault): either way, NotAuthenticated.
   */
  async currentSession(cookie: string, options?: CallOptions): Promise<UserSession> {
    const props = await this.properties(cookie, this.manager("sessionManager"), ["currentSession"], options);
    const session = props.currentSession as UserSession | undefined;
    if (!session) {
      const fault = { _type: "NotAuthenticated", object: this.manager("sessionManager"), privilegeId: "System.View" };
      throw this.client.faultFrom("RetrievePropertiesEx", fault, "The session is not authenticated.");
    }
    return session;
  }

  async createContainerView(cookie: string, container: MoRef, types: string[], recursive = true, options?: CallOptions): Promise<MoRef> {
    return this.invoke(cookie, "CreateContainerView", this.manager("viewManager"), { container, type: types, recursive }, options);
  }

  async destroyView(cookie: string, view: MoRef, options?: CallOptions): Promise<void> {
    await this.invoke(cookie, "DestroyView", view, {}, options);
  }

  /**
   * Every ObjectContent the filter specs select: RetrievePropertiesEx, then ContinueRetrievePropertiesEx
   * while the server returns a token. A NotAuthenticated entry in a missingSet (vcsim's answer after
   * logout, instead of a fault) is thrown as that fault; other missingSet entries are returned.
   */
  async retrieve(cookie: string, specSet: Input<PropertyFilterSpec>[], options: RetrieveCallOptions = {}): Promise<ObjectContent[]> {
    const { maxObjects, ...callOptions } = options;
    const collector = this.content.propertyCollector;
    const objects: ObjectContent[] = [];
    let page = await this.invoke(cookie, "RetrievePropertiesEx", collector, { specSet, options: { maxObjects } }, callOptions);
    while (page) {
      for (const content of page.objects) {
        const lost = content.missingSet.find((m) => m.fault.fault._type === "NotAuthenticated");
        if (lost) throw this.client.faultFrom("RetrievePropertiesEx", lost.fault.fault, lost.fault.localizedMessage);
      }
      objects.push(...page.objects);
      if (!page.token) break;
      page = await this.invoke(cookie, "ContinueRetrievePropertiesEx", collector, { token: page.token }, callOptions);
    }
    return objects;
  }

  /** Properties of one object by path; a property the server could not read throws its fault. */
  async properties(cookie: string, obj: MoRef, pathSet: string[], options?: CallOptions): Promise<Record<string, unknown>> {
    const [content] = await this.retrieve(cookie, [{ propSet: [{ type: obj.type, pathSet }], objectSet: [{ obj }] }], options);
    const missing = content?.missingSet[0];
    if (missing) throw this.client.faultFrom("RetrievePropertiesEx", missing.fault.fault, missing.fault.localizedMessage);
    return content ? propertiesOf(content) : {};
  }

  /** Polls a Task's info until it ends: its TaskInfo on success, its fault (a VimFault) on error. */
  async waitForTask(cookie: string, task: MoRef, options: WaitForTaskOptions = {}): Promise<TaskInfo> {
    const { timeoutMs = 600_000, pollMs = 100 } = options;
    const deadline = Date.now() + timeoutMs;
    for (let delay = pollMs; ; delay = Math.min(delay * 2, 2000)) {
      const info = (await this.properties(cookie, task, ["info"])).info as TaskInfo | undefined;
      if (!info) throw new VimMalformedReplyError("waitForTask", `${task.type}:${task.value} has no info`);
      if (info.state === "success") return info;
      if (info.state === "error") {
        if (!info.error) throw new VimMalformedReplyError("waitForTask", `${info.descriptionId} failed without a fault`);
        throw this.client.faultFrom(info.descriptionId, info.error.fault, info.error.localizedMessage);
      }
      if (Date.now() + delay > deadline) throw new VimTimeoutError("waitForTask", timeoutMs);
      await sleep(delay);
    }
  }

  /** Closes the connection pool; the VCenter cannot be used afterwards. */
  close(): void {
    this.client.close();
  }
}

/** Connects to a vCenter's SDK endpoint: TLS policy, API version, ServiceContent. */
export async function connectVCenter(options: VimClientOptions): Promise<VCenter> {
  const client = await VimClient.connect(options);
  try {
    const reply = await client.call("RetrieveServiceContent", SERVICE_INSTANCE, {}, undefined);
    return new VCenter(client, reply.value as ServiceContent);
  } catch (err) {
    client.close();
    throw err;
  }
}
