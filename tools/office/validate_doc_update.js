// The office database's validation (CouchDB's validate_doc_update): what
// each role may write. provision.mjs installs it as _design/oasis. The
// server runs it on every write, replicated ones included, so a device
// cannot write what its account may not, whatever app it runs.
function (newDoc, oldDoc, userCtx) {
  var roles = userCtx.roles || [];
  function has(role) { return roles.indexOf(role) !== -1; }
  function refuse(why) { throw { forbidden: why }; }
  if (has("_admin")) return;
  var cut = newDoc._id.indexOf(":");
  var kind = cut > 0 ? newDoc._id.slice(0, cut) : "";
  var adminOnly = { people: 1, books: 1, meal_sets: 1, announcements: 1, settings: 1 };
  var events = { checkins: 1, loans: 1, holds: 1, reservations: 1, rsvps: 1 };
  if (!adminOnly[kind] && !events[kind]) refuse("Not an Oasis record: " + newDoc._id);
  if (newDoc._deleted) {
    // Only ever a conflict's losing version (see the app's sync).
    if (has("admin")) return;
    refuse("Only an admin may delete a record.");
  }
  var record = newDoc.record;
  if (!record || typeof record !== "object" || !record.meta || record.meta.id !== newDoc._id.slice(cut + 1)) {
    refuse("A record's id must match its document id.");
  }
  if (has("admin")) return;
  if (has("kiosk")) {
    if (kind === "checkins" && !oldDoc) return;
    refuse("A kiosk writes check-ins only.");
  }
  if (adminOnly[kind]) refuse("Only an admin may write " + kind.replace("_", " ") + ".");
  if (!has("employee")) refuse("This account has no role in the office.");
  if (!has("person:" + record.person_id)) refuse("An employee writes only their own " + kind + ".");
  if (oldDoc && !oldDoc._deleted && JSON.stringify(oldDoc.record) !== JSON.stringify(record)) {
    refuse("An event is never changed once written.");
  }
}
