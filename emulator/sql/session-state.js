// Data API sessions on PGlite's single backend (used by sql-worker.js; plain JavaScript for the
// same reason). A Redshift session is its own connection; here every session of a database shares
// the one backend, so the session-local state of whichever session ran last is "live" and the
// others' is parked:
// - settings (`SET …`): the live session's `pg_settings` rows whose source is 'session' are saved,
//   then `RESET ALL`; re-applied with set_config when the session runs again;
// - temporary relations (tables, their indexes and sequences, temp views): renamed inside the
//   backend's temp schema to `cc_session_parked_<n>` and back, so another session's or a plain
//   call's `t` never resolves to them and a name can exist once per session.
// An open transaction (BEGIN in one call, COMMIT in a later one) cannot be parked: while a session
// has one, the host (session-gate.ts) holds every other call back, and this module refuses them.
//
// Known gaps: prepared statements (PREPARE) and WITH HOLD cursors are not parked (they are
// discarded when another call runs); a parked relation shows in the catalogs (pg_class,
// information_schema; not in ListTables) under its parked name to users who may see it, and is
// reachable by that name to its owner and superusers; a restarted worker (cancel, hibernation) has
// lost every session's state.

const PARKED_PREFIX = "cc_session_parked_";
const quoteIdent = (name) => `"${String(name).replaceAll('"', '""')}"`;
const RELATION_KINDS = "('r', 'p', 'v', 'm', 'S', 'i', 'f')";
const DROP_KEYWORD = {
  r: "TABLE",
  p: "TABLE",
  f: "FOREIGN TABLE",
  v: "VIEW",
  m: "MATERIALIZED VIEW",
  S: "SEQUENCE",
};

/** @typedef {{ settings: [string, string][]; parked: { hidden: string; name: string }[]; inTransaction: boolean }} SessionSlot */

/**
 * @param {() => import("@electric-sql/pglite").PGlite} db the worker's current PGlite instance
 * @param {string} engineRole the role calls return to between statements
 */
export function createSessionState(db, engineRole) {
  /** @type {Map<string, SessionSlot>} */
  const sessions = new Map();
  /** @type {string | undefined} */
  let live;
  let counter = 0;

  const heldError = (owner) =>
    Object.assign(new Error(`session ${owner} holds an open transaction on this database`), {
      name: "SessionHeld",
      owner,
    });

  async function temporaryRelations(parked) {
    const { rows } = await db().query(
      `SELECT c.relname::text, c.relkind::text FROM pg_catalog.pg_class c
        WHERE c.relnamespace = pg_catalog.pg_my_temp_schema() AND c.relkind IN ${RELATION_KINDS}
          AND (c.relname LIKE $1) = $2`,
      [`${PARKED_PREFIX}%`, parked],
      { rowMode: "array" },
    );
    return rows.map(([name, kind]) => ({ name, kind }));
  }

  async function dropRelations(names) {
    for (const { name, kind } of names) {
      const keyword = DROP_KEYWORD[kind];
      if (keyword) await db().exec(`DROP ${keyword} IF EXISTS pg_temp.${quoteIdent(name)} CASCADE`);
    }
  }

  /** Saves the live session's settings and temp relations aside; afterwards no session is live. */
  async function park() {
    if (live === undefined) return;
    const slot = sessions.get(live);
    if (slot?.inTransaction) throw heldError(live);
    live = undefined;
    if (!slot) return;
    const { rows } = await db().query(
      "SELECT name::text, pg_catalog.current_setting(name) FROM pg_catalog.pg_settings WHERE source = 'session'",
      [],
      { rowMode: "array" },
    );
    slot.settings = rows;
    await db().exec("RESET ALL");
    for (const { name } of await temporaryRelations(false)) {
      const hidden = `${PARKED_PREFIX}${++counter}`;
      await db().exec(`ALTER TABLE pg_temp.${quoteIdent(name)} RENAME TO ${quoteIdent(hidden)}`);
      slot.parked.push({ hidden, name });
    }
  }

  /** Brings `sessionId`'s state back (a new session starts empty). */
  async function restore(sessionId) {
    let slot = sessions.get(sessionId);
    if (!slot) {
      slot = { settings: [], parked: [], inTransaction: false };
      sessions.set(sessionId, slot);
    }
    for (const { hidden, name } of slot.parked) {
      await db().exec(`ALTER TABLE pg_temp.${quoteIdent(hidden)} RENAME TO ${quoteIdent(name)}`);
    }
    slot.parked = [];
    for (const [name, value] of slot.settings) {
      await db().query("SELECT pg_catalog.set_config($1, $2, false)", [name, value]);
    }
    slot.settings = [];
    live = sessionId;
    return slot;
  }

  return {
    /** Whether any session has state on this backend (plain calls then clean up without DISCARD TEMP). */
    get active() {
      return sessions.size > 0;
    },

    /** Makes `sessionId` live (parking the live one), or none for a plain or engine call. */
    async enter(sessionId) {
      if (live !== undefined && live === sessionId) return sessions.get(sessionId);
      await park();
      return sessionId === undefined ? undefined : restore(sessionId);
    },

    /** After a plain call when sessions exist: what DISCARD ALL does, minus the parked relations. */
    async discardPlainCall() {
      await dropRelations(await temporaryRelations(false));
      for (const sql of [
        "RESET ALL",
        "DEALLOCATE ALL",
        "CLOSE ALL",
        "UNLISTEN *",
        "DISCARD PLANS",
        "DISCARD SEQUENCES",
      ])
        await db().exec(sql);
      await db().query("SELECT pg_catalog.pg_advisory_unlock_all()");
    },

    /** Ends a session: rolls back its open transaction and drops its temp relations and settings. */
    async end(sessionId) {
      const slot = sessions.get(sessionId);
      if (!slot) return;
      if (live === sessionId) {
        if (db().isInTransaction()) await db().exec("ROLLBACK");
        await db().exec(`SET SESSION AUTHORIZATION ${engineRole}`);
        await dropRelations(await temporaryRelations(false));
        await db().exec("RESET ALL");
        live = undefined;
      } else {
        const kinds = new Map((await temporaryRelations(true)).map((r) => [r.name, r.kind]));
        await dropRelations(slot.parked.map((p) => ({ name: p.hidden, kind: kinds.get(p.hidden) })));
      }
      sessions.delete(sessionId);
    },

    /** A new backend (open): no session state survives it. */
    reset() {
      sessions.clear();
      live = undefined;
    },
  };
}
