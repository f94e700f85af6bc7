// One leg of the side-by-side bench with PouchDB 9 (bench/sync_vs_pouchdb.py runs it):
//   node replicate.js push URL RECORDS.json   a local PouchDB (in memory) holding the
//                                             records replicates them to URL
//   node replicate.js pull URL COUNT          a fresh local PouchDB replicates from URL
// Loading the records into the first PouchDB is not timed, as FieldApp's own bench
// does not time saving them. Prints {"seconds", "docs"} as JSON.
"use strict";
const fs = require("fs");
const PouchDB = require("pouchdb-core")
  .plugin(require("pouchdb-adapter-memory"))
  .plugin(require("pouchdb-adapter-http"))
  .plugin(require("pouchdb-replication"));

async function main() {
  const [leg, url, arg] = process.argv.slice(2);
  const local = new PouchDB(`local-${leg}-${process.pid}`, { adapter: "memory" });
  if (leg === "push") {
    const docs = JSON.parse(fs.readFileSync(arg, "utf8"));
    for (let i = 0; i < docs.length; i += 1000) await local.bulkDocs(docs.slice(i, i + 1000));
  }
  const started = process.hrtime.bigint();
  const result =
    leg === "push" ? await local.replicate.to(url) : await local.replicate.from(url);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const info = await local.info();
  if (leg === "pull" && info.doc_count !== Number(arg)) {
    throw new Error(`pulled ${info.doc_count} documents, expected ${arg}`);
  }
  console.log(JSON.stringify({ seconds, docs: info.doc_count, written: result.docs_written }));
}

main().catch((err) => {
  console.error(String(err && err.stack ? err.stack : err));
  process.exit(1);
});
