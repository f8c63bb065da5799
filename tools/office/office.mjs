// `./oasis office`: a local office server with the demo office, and the
// provisioning of a real CouchDB.
//
//   node tools/office/office.mjs [--port 5984] [--lan] [--app http://127.0.0.1:8080]
//       starts pouchdb-server in memory with the demo office (data lives
//       while it runs), prints the accounts and invite links; Ctrl-C stops.
//   node tools/office/office.mjs provision --url URL --admin NAME:PASSWORD
//       [--db oasis-paris] [--app-origin https://oasis.example.com] [--password P]
//       provisions the demo office on any CouchDB (a real cluster too).
import { networkInterfaces } from "node:os";
import { demoSeed, parisNow, provisionAccounts, provisionDatabase } from "./provision.mjs";
import { allowBrowsers, startOfficeServer } from "./server.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const DB = option("--db", "oasis-paris");
const PASSWORD = option("--password", "oasis-demo");

function lanAddress() {
  for (const list of Object.values(networkInterfaces())) {
    for (const address of list ?? []) if (address.family === "IPv4" && !address.internal) return address.address;
  }
  return null;
}

/** Provisions the demo office; `invitesTo` is the server address phones use. */
async function provision(url, admin, appOrigin, invitesTo) {
  const started = Date.now();
  const seed = await demoSeed({ ...parisNow(), server: invitesTo, db: DB });
  await provisionAccounts({ url, admin, seed, password: PASSWORD });
  await provisionDatabase({ url, admin, db: DB, seed });
  if (appOrigin) await allowBrowsers(url, admin, appOrigin);
  return { seed, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function printAccounts(seed, app, server) {
  const admin = seed.accounts.find((a) => a.roles.includes("admin"));
  const employees = seed.accounts.filter((a) => !a.roles.includes("admin")).slice(0, 3);
  console.log(`\nAccounts (password for all: ${PASSWORD}):`);
  for (const a of [admin, ...employees]) {
    console.log(`  ${a.name.padEnd(22)} ${a.display_name}${a.roles.includes("admin") ? " (office admin)" : ""}`);
    console.log(`    invite: ${app}/?${a.invite}`);
  }
  console.log(`  …and ${seed.accounts.length - employees.length - 1} more, one per person (login: first.last), plus "kiosk".`);
  console.log(`\nIn the app: Join your office → server ${server}, office ${DB}, your login and password;`);
  console.log("or open an invite link above and type the password.");
}

if (args[0] === "provision") {
  const url = option("--url");
  const [name, ...rest] = (option("--admin") ?? "").split(":");
  if (!url || !name || !rest.length) {
    console.error("usage: office.mjs provision --url URL --admin NAME:PASSWORD [--db oasis-paris] [--app-origin ORIGIN] [--password P]");
    process.exit(2);
  }
  const admin = { name, password: rest.join(":") };
  const { seed, seconds } = await provision(url.replace(/\/$/, ""), admin, option("--app-origin"), url.replace(/\/$/, ""));
  console.log(`Provisioned ${DB} on ${url} in ${seconds} s: ${seed.docs.length} records, ${seed.accounts.length} accounts.`);
  printAccounts(seed, option("--app-origin", "https://YOUR-APP"), url);
} else {
  const lan = args.includes("--lan");
  const port = Number(option("--port", "5984"));
  const app = option("--app", "http://127.0.0.1:8080");
  const server = await startOfficeServer({ host: lan ? "0.0.0.0" : "127.0.0.1", port, admin: { name: "admin", password: PASSWORD } });
  const address = lan ? `http://${lanAddress() ?? "127.0.0.1"}:${port}` : server.url;
  console.log(`Office server (pouchdb-server, in memory) at ${address}; server admin: admin / ${PASSWORD}.`);
  console.log("Provisioning the demo office…");
  const { seed, seconds } = await provision(server.url, server.admin, null, address);
  console.log(`Ready in ${seconds} s: ${seed.docs.length} records in "${DB}", ${seed.accounts.length} accounts.`);
  printAccounts(seed, app, address);
  if (!lan) console.log(`\nA phone on the same network: run \`./oasis office --lan\`, then use this machine's address.`);
  else console.log(`\nServe the app to phones with: OASIS_CONNECT_SRC="${address}" HOST=0.0.0.0 ./oasis serve`);
  else console.log("\nPhones reach the app over plain http here: it works, but installing and offline need https (see README).");
  console.log("\nCtrl-C stops the server (its data lives in memory only).");
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  await server.exited;
}
