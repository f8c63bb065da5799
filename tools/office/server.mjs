// A local office server: pouchdb-server (npm), the development and test
// stand-in for Apache CouchDB, in memory, started in a fresh temporary
// folder (it writes config.json and log.txt where it runs, and would read
// a previous run's admin back), with a server admin and CORS set up the
// way provision.mjs sets up a real CouchDB.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../node_modules/pouchdb-server/bin/pouchdb-server", import.meta.url));

/** A port nobody listens on now. */
export function freePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Basic authorization header for an account. */
export function basic({ name, password }) {
  return "Basic " + Buffer.from(`${name}:${password}`).toString("base64");
}

/** Sets a server configuration value, the CouchDB 3 way or the older one. */
export async function setConfig(url, admin, section, key, value) {
  for (const path of [`/_node/_local/_config/${section}/${key}`, `/_config/${section}/${key}`]) {
    const response = await fetch(url + path, {
      method: "PUT",
      headers: { authorization: basic(admin), "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(String(value)),
    });
    if (response.ok) return;
    if (response.status !== 404 && response.status !== 400) {
      throw new Error(`config ${section}/${key}: ${response.status} ${await response.text()}`);
    }
  }
  throw new Error(`config ${section}/${key}: this server has no config API`);
}

/**
 * Starts pouchdb-server in memory on `host:port` (a free port by default)
 * with `admin` as its server admin; `sessionSeconds` shortens sessions
 * (tests of an expired session). Resolves once it answers.
 */
export async function startOfficeServer({ host = "127.0.0.1", port, admin = { name: "admin", password: "admin" }, sessionSeconds } = {}) {
  port ??= await freePort(host);
  const dir = await mkdtemp(join(tmpdir(), "oasis-office-"));
  const child = spawn(process.execPath, [BIN, "--in-memory", "--no-stdout-logs", "--port", String(port), "--host", host], {
    cwd: dir,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const local = host === "0.0.0.0" ? "127.0.0.1" : host;
  const url = `http://${local}:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill();
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let tries = 0; ; tries++) {
      if (child.exitCode !== null) throw new Error(`pouchdb-server exited: ${stderr}`);
      try {
        if ((await fetch(url + "/")).ok) break;
      } catch {}
      if (tries > 200) throw new Error("pouchdb-server did not start in 20 s");
      await new Promise((r) => setTimeout(r, 100));
    }
    // The first admin ends "admin party" (everyone an admin).
    const made = await fetch(`${url}/_config/admins/${admin.name}`, { method: "PUT", body: JSON.stringify(admin.password) });
    if (!made.ok) throw new Error(`server admin: ${made.status} ${await made.text()}`);
    await allowBrowsers(url, admin, "*");
    if (sessionSeconds) await setConfig(url, admin, "couch_httpd_auth", "timeout", sessionSeconds);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, admin, stop, exited };
}

/**
 * CORS for the app's origin (or "*"), with credentials: the app sends its
 * session cookie to the server from another origin (another port).
 */
export async function allowBrowsers(url, admin, origins) {
  await setConfig(url, admin, "httpd", "enable_cors", "true");
  await setConfig(url, admin, "cors", "origins", origins);
  await setConfig(url, admin, "cors", "credentials", "true");
  await setConfig(url, admin, "cors", "methods", "GET, PUT, POST, HEAD, DELETE");
  await setConfig(url, admin, "cors", "headers", "accept, authorization, content-type, origin, referer");
}
