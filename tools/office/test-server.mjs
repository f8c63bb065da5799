// The test command's office server: started before the browser tests,
// printed as "ready <url>", stopped (with pouchdb-server) on SIGTERM.
import { startOfficeServer } from "./server.mjs";

const [name, password] = (process.env.OASIS_OFFICE_ADMIN ?? "admin:admin-test").split(":");
const server = await startOfficeServer({ admin: { name, password } });
console.log(`ready ${server.url}`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
await server.exited;
