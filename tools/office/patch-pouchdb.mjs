// pouchdb-server 4.2.0 (the development stand-in for CouchDB) drops every
// replicated write (`new_edits: false`) to a database that has a
// validate_doc_update: its validation plugin overwrites the incoming
// document's revision history with the stored one (pouchdb-server issue
// #419, fix proposed in its PR #420, never released). CouchDB itself is
// not affected. This applies that fix to node_modules; it is idempotent,
// and run by ./oasis after npm installs.
import { readFile, writeFile } from "node:fs/promises";

const file = new URL("../../node_modules/pouchdb-validation/lib/index.js", import.meta.url);
const BUG = "  newDoc._revisions = (oldDoc || {})._revisions;\n";
const FIX =
  "  // Patched by Oasis (pouchdb-server#419): never change the document that will be stored.\n" +
  "  newDoc = Object.assign({}, newDoc);\n" +
  "  if (!newDoc._revisions && oldDoc) { newDoc._revisions = oldDoc._revisions; }\n";

const source = await readFile(file, "utf8");
if (source.includes(BUG)) {
  await writeFile(file, source.replace(BUG, FIX));
  console.error("patched pouchdb-validation (pouchdb-server#419)");
} else if (!source.includes(FIX)) {
  console.error("pouchdb-validation changed upstream: check pouchdb-server#419 by hand");
  process.exit(1);
}
