// A CouchDB-style server for the side-by-side bench: express-pouchdb over PouchDB 9
// with the in-memory adapter (what PouchDB's own test server uses). Usage: node server.js PORT
"use strict";
const express = require("express");
const PouchDB = require("pouchdb-core")
  .plugin(require("pouchdb-adapter-memory"))
  .plugin(require("pouchdb-adapter-http"))
  .plugin(require("pouchdb-mapreduce"))
  .plugin(require("pouchdb-replication"));

const MemoryPouch = PouchDB.defaults({ adapter: "memory" });
const app = express();
app.use("/", require("express-pouchdb")(MemoryPouch, { mode: "minimumForPouchDB", logPath: "/dev/null" }));
const port = Number(process.argv[2] || 5984);
app.listen(port, "127.0.0.1", () => console.log(`listening ${port}`));
