// Once per test run: the office server (pouchdb-server, in memory, on a
// free loopback port) unless the test command started one already, its
// accounts, and the demo office's documents as of the tests' office clock,
// which each test loads into a database of its own (see office.mjs).
import { writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startOfficeServer } from "../../tools/office/server.mjs";
import { demoSeed, provisionAccounts } from "../../tools/office/provision.mjs";

export const ACCOUNT_PASSWORD = "oasis-test";

export default async function globalSetup() {
  let stop = async () => {};
  if (!process.env.OASIS_OFFICE_URL) {
    const server = await startOfficeServer({ admin: { name: "admin", password: "admin-test" } });
    process.env.OASIS_OFFICE_URL = server.url;
    process.env.OASIS_OFFICE_ADMIN = "admin:admin-test";
    stop = server.stop;
  }
  const [name, password] = process.env.OASIS_OFFICE_ADMIN.split(":");
  // 09:30 on Wednesday 25 November 2026 in Paris: fixtures.mjs's clock.
  const seed = await demoSeed({ today: "2026-11-25", minute: 570 });
  await provisionAccounts({ url: process.env.OASIS_OFFICE_URL, admin: { name, password }, seed, password: ACCOUNT_PASSWORD });
  const file = join(await mkdtemp(join(tmpdir(), "oasis-seed-")), "seed.json");
  await writeFile(file, JSON.stringify(seed));
  process.env.OASIS_OFFICE_SEED = file;
  return stop;
}
