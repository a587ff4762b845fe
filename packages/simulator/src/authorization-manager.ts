import { ManagedObject, type Args, type CallContext, type ManagedEntity } from "./managed-object.ts";
import { findUser, GROUPS, PRIVILEGES, ROLES, USERS, type Permission, type User } from "./roles.ts";
import type { MoRef } from "@addnet/vim25";
import { faults } from "./vim/fault.ts";

function permission(p: Permission, ctx: CallContext): Record<string, unknown> {
  return { entity: ctx.sim.findObject(p.entity)!.ref, principal: p.principal, group: p.group, roleId: p.roleId, propagate: p.propagate };
}

/** AuthorizationManager: answers privilege questions from the same roles every method checks. */
export class AuthorizationManager extends ManagedObject {
  constructor() {
    super("AuthorizationManager", "AuthorizationManager");
  }

  property(name: string): unknown {
    switch (name) {
      case "privilegeList":
        return PRIVILEGES.map((privId) => ({ privId, onParent: false, name: privId, privGroupName: privId.split(".")[0] }));
      case "roleList":
        return ROLES.map((r) => ({
          roleId: r.roleId,
          system: r.system,
          name: r.name,
          info: { label: r.label, summary: r.summary },
          privilege: r.privileges,
        }));
    }
    return undefined;
  }

  /**
   * The permissions set on an entity, and with `inherited` those on its ancestors that propagate to it, as vCenter
   * lists them (govc permissions.ls). Reading them needs System.Read on the entity.
   */
  RetrieveEntityPermissions(args: Args, ctx: CallContext): unknown[] {
    const entity = ctx.sim.lookup(args.entity as MoRef).entity;
    if (!entity) throw faults.invalidArgument("entity", "Not an inventory entity");
    ctx.sim.authorize(ctx, entity, "System.Read");
    const chain: ManagedEntity[] = [];
    for (let e: ManagedEntity | undefined = entity; e; e = args.inherited ? e.parent : undefined) chain.push(e);
    return ctx.sim.permissions
      .filter((p) => chain.some((e) => e.ref.value === p.entity && (e === entity || p.propagate)))
      .map((p) => permission(p, ctx));
  }

  /** Every permission on the entities the caller may read. */
  RetrieveAllPermissions(_args: Args, ctx: CallContext): unknown[] {
    return ctx.sim.permissions.flatMap((p) => {
      const entity = ctx.sim.findObject(p.entity)?.entity;
      return entity && ctx.sim.hasPrivilege(ctx.session!.user, entity, "System.Read") ? [permission(p, ctx)] : [];
    });
  }

  /** The entities named by the argument `param` ("entity" or "entities", as each method calls it). */
  private entities(refs: MoRef[], param: string, ctx: CallContext) {
    return refs.map((ref) => {
      // A host's managers (HostNetworkSystem...) are governed by the host but are not entities themselves:
      // answering for the host would name an entity the caller did not ask about.
      const entity = ctx.sim.lookup(ref).entity;
      if (!entity || entity.ref.value !== ref.value)
        throw faults.invalidArgument(param, `${ref.type}:${ref.value} is not an inventory entity`);
      ctx.sim.authorize(ctx, entity, "System.View");
      return entity;
    });
  }

  private answer(user: User, refs: MoRef[], param: string, privIds: string[], ctx: CallContext): unknown[] {
    return this.entities(refs, param, ctx).map((entity) => ({
      entity: entity.ref,
      privAvailability: privIds.map((privId) => ({ privId, isGranted: ctx.sim.hasPrivilege(user, entity, privId) })),
    }));
  }

  private user(name: string): User {
    const user = findUser(name);
    if (!user) throw faults.invalidArgument("userName", `Unknown user ${name}`);
    return user;
  }

  HasPrivilegeOnEntities(args: Args, ctx: CallContext): unknown[] {
    const session = [...ctx.sim.sessions.values()].find((s) => s.key === args.sessionId);
    if (!session) throw faults.invalidArgument("sessionId", "No such session");
    return this.answer(session.user, args.entity as MoRef[], "entity", (args.privId as string[] | undefined) ?? [], ctx);
  }

  HasUserPrivilegeOnEntities(args: Args, ctx: CallContext): unknown[] {
    return this.answer(
      this.user(String(args.userName)),
      args.entities as MoRef[],
      "entities",
      (args.privId as string[] | undefined) ?? [],
      ctx,
    );
  }

  FetchUserPrivilegeOnEntities(args: Args, ctx: CallContext): unknown[] {
    const user = this.user(String(args.userName));
    return this.entities(args.entities as MoRef[], "entities", ctx).map((entity) => ({
      entity: entity.ref,
      privileges: PRIVILEGES.filter((p) => ctx.sim.hasPrivilege(user, entity, p)),
    }));
  }
}

/** UserDirectory: the users and groups of vsphere.local. */
export class UserDirectory extends ManagedObject {
  constructor() {
    super("UserDirectory", "UserDirectory");
  }

  property(name: string): unknown {
    return name === "domainList" ? ["vsphere.local"] : undefined;
  }

  RetrieveUserGroups(args: Args, ctx: CallContext): unknown[] {
    ctx.sim.authorize(ctx, ctx.sim.rootFolder, "System.View");
    const search = String(args.searchStr).toLowerCase();
    const matches = (principal: string) => {
      const short = principal.split("\\")[1]!.toLowerCase();
      return args.exactMatch ? short === search || principal.toLowerCase() === search : principal.toLowerCase().includes(search);
    };
    const member = args.belongsToGroup as string | undefined;
    const users = args.findUsers
      ? USERS.filter((u) => matches(u.principal) && (!member || u.groups.includes(member))).map((u) => ({
          principal: u.principal,
          fullName: u.fullName,
          group: false,
        }))
      : [];
    const ofUser = args.belongsToUser ? findUser(String(args.belongsToUser)) : undefined;
    const groups = args.findGroups
      ? GROUPS.filter((g) => matches(g.principal) && (!args.belongsToUser || ofUser?.groups.includes(g.principal))).map((g) => ({
          principal: g.principal,
          fullName: g.fullName,
          group: true,
        }))
      : [];
    return [...users, ...groups];
  }
}
