// Provisioning an office on a CouchDB server (Apache CouchDB 3, or the
// pouchdb-server stand-in): its database, the security object (members
// by role), the validation design document, one account per person and
// the office's records. The records and accounts come from the app's own
// Rust code (`oasis seed`), so ids and rules are the app's.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { basic } from "./server.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Who may read and write the office's database: its three roles. */
export const SECURITY = {
  admins: { names: [], roles: [] },
  members: { names: [], roles: ["admin", "employee", "kiosk"] },
};

/** The kiosk's account (a reception tablet): writes check-ins only. */
export const KIOSK = { name: "kiosk", roles: ["kiosk"] };

async function request(url, admin, method, path, body) {
  const response = await fetch(url + path, {
    method,
    headers: { authorization: basic(admin), "content-type": "application/json", accept: "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, ok: response.ok, json: text ? JSON.parse(text) : null, text };
}

async function must(what, answer) {
  const done = await answer;
  if (!done.ok) throw new Error(`${what}: ${done.status} ${done.text.slice(0, 300)}`);
  return done.json;
}

/** Creates or replaces a document, whatever revision it has now. */
async function upsert(url, admin, path, doc) {
  const current = await request(url, admin, "GET", path);
  const body = current.ok ? { ...doc, _rev: current.json._rev } : doc;
  return must(`PUT ${path}`, request(url, admin, "PUT", path, body));
}

/**
 * The demo office as of an office day and minute (Europe/Paris), from
 * the app's Rust code: `{ docs, accounts }`; with `server` and `db`, each
 * account carries the query of its invite link.
 */
export async function demoSeed({ today, minute, server, db }) {
  const office = server && db ? ["--server", server, "--office", db] : [];
  const { stdout } = await promisify(execFile)(
    "cargo",
    ["run", "--quiet", "--bin", "oasis", "--", "seed", "--today", today, "--minute", String(minute), ...office],
    { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 },
  );
  return JSON.parse(stdout);
}

/** The office's day and minute now, in Paris. */
export function parisNow(now = new Date()) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return { today: `${parts.year}-${parts.month}-${parts.day}`, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** One account per person of the seed, and the kiosk's; all with `password`. */
export async function provisionAccounts({ url, admin, seed, password }) {
  for (const account of [...seed.accounts, KIOSK]) {
    await upsert(url, admin, `/_users/org.couchdb.user:${encodeURIComponent(account.name)}`, {
      _id: `org.couchdb.user:${account.name}`,
      name: account.name,
      type: "user",
      roles: account.roles,
      password,
    });
  }
}

/**
 * The office database with its security, validation and records. The
 * records are written as the app writes them (`new_edits: false`, their
 * revisions as made by the app), in batches.
 */
export async function provisionDatabase({ url, admin, db, seed }) {
  const created = await request(url, admin, "PUT", `/${db}`);
  if (!created.ok && created.status !== 412) throw new Error(`create ${db}: ${created.status} ${created.text}`);
  await must("security", request(url, admin, "PUT", `/${db}/_security`, SECURITY));
  const validate = await readFile(new URL("./validate_doc_update.js", import.meta.url), "utf8");
  const source = validate.replace(/^\/\/.*\n/gm, "").trim();
  await upsert(url, admin, `/${db}/_design/oasis`, { _id: "_design/oasis", validate_doc_update: source });
  const BATCH = 2000;
  for (let i = 0; i < seed.docs.length; i += BATCH) {
    const docs = seed.docs.slice(i, i + BATCH);
    const refused = await must("records", request(url, admin, "POST", `/${db}/_bulk_docs`, { new_edits: false, docs }));
    if (refused.length) throw new Error(`records refused: ${JSON.stringify(refused.slice(0, 3))}`);
  }
}
